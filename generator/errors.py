"""Problems found in briefs, and how they are reported.

Every stage *collects* problems instead of raising at the first one, so an author
fixes ten mistakes in one pass. A problem prints the way compilers print them,
``path:line:col: field: message``, which editors and CI annotators understand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "notice"]
"""``notice``: worth knowing, never a failure, not even under ``--strict`` (a link to a
brief that is scheduled: the normal state of a newsroom's work, shown as text until live)."""


class Position(NamedTuple):
    """A 1-based line and column in a source file. A named tuple: the loader makes one for
    every key and value of every brief, and a frozen dataclass costs several times more."""

    line: int
    col: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    path: Path
    message: str
    position: Position | None = None
    field: str | None = None
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        pos = self.position or Position(0, 0)
        return (str(self.path), pos.line, pos.col, self.message)

    def format(self) -> str:
        """``path:line:col: field: message``, with the parts that are known."""
        return "".join(self.parts())

    def parts(self) -> tuple[str, str, str, str]:
        """The pieces of :meth:`format`, printable as they are: ``path:line:col: ``, the
        severity (``warning: `` or nothing), ``field: `` (or nothing) and the message.
        A terminal colours each piece (generator/cli/terminal.py); the line stays the same."""
        where = visible(display_path(self.path))
        if self.position is not None:
            where += f":{self.position.line}:{self.position.col}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        field = f"{visible(shortened(self.field, MAX_FIELD))}: " if self.field else ""
        return f"{where}: ", prefix, field, visible(shortened(self.message, MAX_MESSAGE))

    def format_github(self, *, strict: bool = False) -> str:
        """The same problem as a GitHub Actions workflow command (an inline annotation).

        ``strict``: the run treats warnings as errors, so they are annotated as errors.
        """
        props = [f"file={_escape_property(visible(display_path(self.path)))}"]
        if self.position is not None:
            props += [f"line={self.position.line}", f"col={self.position.col}"]
        field = f"{shortened(self.field, MAX_FIELD)}: " if self.field else ""
        text = _escape_data(visible(field + shortened(self.message, MAX_MESSAGE)))
        severity = "error" if strict and self.severity == "warning" else self.severity
        return f"::{severity} {','.join(props)}::{text}"


class BriefsError(Exception):
    """Raised by a pipeline stage when the input has errors; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        errors = sum(1 for p in self.problems if p.severity == "error")
        lines.append(f"{errors} error{'s' if errors != 1 else ''}; nothing was published.")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when below it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ufdd0-\ufdef\ufff9-\uffff\ud800-\udfff]"
)
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Text from input made safe to print on a line of its own: line breaks, controls,
    bidirectional overrides and other invisible characters become visible escapes
    (``\\n``, ``\\u0085``), so a file name or field cannot start a line of its own, which
    a CI runner could read as a command (``::error ...``), nor hide or reorder text."""
    return _INVISIBLE.sub(lambda m: _SHORT_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


EXCERPT = 60
"""Characters of a value from input that a message quotes (:func:`excerpt`)."""
MAX_MESSAGE = 1_000
"""Characters of a message that are printed: a net under :func:`excerpt`, for a message
that quotes a value whole (a file name, a field name 400 KB long)."""
MAX_FIELD = 120
"""Characters of a field's dotted path that are printed (a field name is a YAML key, and a
key can be as long as a value)."""


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A value from input as a message quotes it: its ``repr``, cut to ``limit`` characters
    with its full length said, so a 400 KB value pasted into a field reads
    ``'xxxxxxxx'... (400,000 characters)`` and never fills a terminal or a CI log."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return repr(value)
    shown = repr(text[:limit]) if isinstance(value, str) else text[:limit]
    return f"{shown}... ({len(text):,} characters)"


def shortened(text: str, limit: int) -> str:
    """``text`` with its middle left out when it is longer than ``limit``: the start says
    what and where, the end says what to do."""
    if len(text) <= limit:
        return text
    head, tail = limit * 3 // 4, limit // 4
    return (
        f"{text[:head]} [... {len(text) - head - tail:,} characters ...] {text[len(text) - tail :]}"
    )


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Workflow command properties also reserve ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
