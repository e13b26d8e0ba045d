"""What the ``briefs`` command prints, and how.

Plain lines where no terminal is attached (CI logs, pipes, tests): every line exactly as
editors and CI annotators parse it. Where a person watches (the stream is a terminal), the
same lines in colour through rich, and a progress display for long builds. Text from briefs
is never read as rich markup: everything goes through :class:`rich.text.Text`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from .errors import Problem, visible


def attached(stream: TextIO) -> bool:
    """Whether a person reads ``stream``: a terminal, and not one that asked for none."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or file-like stream
        return False


def _console(stream: TextIO):  # type: ignore[no-untyped-def]  # rich imported only when used
    from rich.console import Console

    return Console(file=stream, highlight=False, markup=False, emoji=False, soft_wrap=True)


def say(message: str) -> None:
    """One line on stderr: ``briefs: <message>``, with anything that came from input (a
    path, a setting) unable to break the line (a CI runner reads a line starting with
    ``::`` as a command)."""
    line = f"briefs: {visible(message)}"
    if attached(sys.stderr):
        from rich.text import Text

        _console(sys.stderr).print(Text.assemble(("briefs: ", "bold red"), visible(message)))
    else:
        print(line, file=sys.stderr)


def result(line: str) -> None:
    """The one line a command ends with when it succeeds, on stdout."""
    if attached(sys.stdout):
        from rich.text import Text

        _console(sys.stdout).print(Text(line, style="green"))
    else:
        print(line)


def note(line: str) -> None:
    """A line for the person running the command (a closing count), on stderr."""
    if attached(sys.stderr):
        from rich.text import Text

        _console(sys.stderr).print(Text(line, style="bold"))
    else:
        print(line, file=sys.stderr)


def problems(found: Iterable[Problem]) -> None:
    """Every problem on stderr as ``path:line:col: field: message``."""
    if not attached(sys.stderr):
        for problem in found:
            print(problem.format(), file=sys.stderr)
        return
    from rich.text import Text

    console = _console(sys.stderr)
    for problem in found:
        where, severity, field, message = problem.parts()
        console.print(
            Text.assemble(
                (where, "bold"),
                (severity, "yellow"),
                (field, "cyan"),
                (message, "yellow" if problem.severity == "warning" else "red"),
            )
        )


def lines(text: Iterable[str], *, stream: TextIO | None = None) -> None:
    """Machine-read lines (annotations, JSON): printed as they are, never styled."""
    out = stream or sys.stdout
    for line in text:
        print(line, file=out)


@contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with ``message`` while a long step runs, only where a person watches;
    nothing at all in CI logs and pipes."""
    if not attached(sys.stderr):
        yield
        return
    with _console(sys.stderr).status(message):
        yield
