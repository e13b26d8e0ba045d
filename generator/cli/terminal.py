"""What the ``briefs`` command prints, and how.

Plain lines where no terminal is attached (CI logs, pipes, tests): every line exactly as
editors and CI annotators parse it. Where a person watches (the stream is a terminal), the
same lines in colour through rich, and a progress display for long builds. Text from briefs
is never read as rich markup: everything goes through :class:`rich.text.Text`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from generator.errors import Problem, visible

if TYPE_CHECKING:  # rich is imported only when a terminal is attached
    from rich.console import Console
    from rich.status import Status
    from rich.text import Text


def attached(stream: TextIO) -> bool:
    """Whether a person reads ``stream``: a terminal, and not one that asked for none."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or file-like stream
        return False


def _console(stream: TextIO) -> Console:
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
                (message, {"error": "red", "warning": "yellow"}.get(problem.severity, "default")),
            )
        )


def lines(text: Iterable[str], *, stream: TextIO | None = None) -> None:
    """Machine-read lines (annotations, JSON): printed as they are, never styled."""
    out = stream or sys.stdout
    for line in text:
        print(line, file=out)


QUIET_SECONDS = 2.0
"""A run shows how long it has taken only once it has taken this long: a short build's
spinner is gone before a clock would be worth reading."""


class _Line:
    """The spinner's text: the phase, and from :data:`QUIET_SECONDS` on, the time taken so
    far. rich renders it on every refresh, so the clock runs while the engine says nothing
    (MkDocs prints no line while it renders thousands of pages)."""

    def __init__(self, text: str, started: float) -> None:
        self.text, self.started = text, started

    def __rich__(self) -> Text:
        from rich.text import Text

        seconds = time.monotonic() - self.started
        if seconds < QUIET_SECONDS:
            return Text(self.text)
        return Text(f"{self.text} · {int(seconds) // 60}:{int(seconds) % 60:02d}")


class Progress:
    """What a long run shows while it works, where a person watches: a spinner with the
    current phase (the plugin's count of briefs and pages, then the engine's steps) and the
    time taken, and the engine's lines printed above it. Elsewhere it shows nothing and
    :attr:`on_line` is None, so the engine writes to the log as it always did."""

    def __init__(
        self, message: str, status: Status | None = None, console: Console | None = None
    ) -> None:
        self._message = message
        self._status = status
        self._console = console
        self._started = time.monotonic()
        self.on_line: Callable[[str], None] | None = self._line if status is not None else None
        if status is not None:
            status.update(_Line(message, self._started))

    def phase(self, text: str) -> None:
        """Say what the run does now (``reading briefs``)."""
        if self._status is not None:
            self._status.update(_Line(f"{self._message}: {text}", self._started))

    def _line(self, line: str) -> None:
        from rich.text import Text

        level = line.split(maxsplit=1)[0] if line.strip() else ""
        style = {"WARNING": "yellow", "ERROR": "red"}.get(level, "dim")
        if self._console is not None:
            self._console.print(Text(visible(line), style=style))
        words = line.partition("-  ")[2] or line
        if level == "INFO" and words.strip():
            self.phase(words.strip()[:60])


@contextmanager
def progress(message: str) -> Iterator[Progress]:
    """A :class:`Progress` for a long run (``briefs build``): a spinner only where a person
    watches; nothing at all in CI logs and pipes."""
    if not attached(sys.stderr):
        yield Progress(message)
        return
    console = _console(sys.stderr)
    with console.status(message) as status:
        yield Progress(message, status, console)
