"""The ``briefs`` command: arguments (main), what each sub-command does (commands),
terminal output, ``briefs check`` reports (checking) and the console entry point."""
