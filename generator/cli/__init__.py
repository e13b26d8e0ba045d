"""The ``briefs`` command, the top of the tree: arguments in, an exit status out.

Parses arguments (main, on click), runs what each sub-command does through the build and
authoring stages (commands; ``briefs check``'s reports: checking), and prints what it says
(terminal: plain lines, or colour and progress in a terminal). console is the executable's
entry point, which imports almost nothing so that an early Ctrl-C is one line too.
"""
