"""What `briefs` prints: plain lines where no terminal is attached (CI logs, pipes), colour
and a progress display only where one is, and author text never read as markup."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.build import policy
from generator.cli import terminal
from generator.errors import Position, Problem


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


PROBLEM = Problem(Path("b.yaml"), "[bold]not markup[/] \x1b[31m", Position(2, 3), "title")


def test_plain_lines_when_no_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.problems([PROBLEM])
    terminal.result("2 briefs OK")
    with terminal.progress("building") as shown:
        assert shown.on_line is None  # the engine writes to the log as it always did
        shown.phase("reading briefs")
    out, err = capsys.readouterr()
    assert out == "2 briefs OK\n"
    assert err == "b.yaml:2:3: title: [bold]not markup[/] \\u001b[31m\n"


def test_colour_and_progress_on_a_terminal_keep_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "xterm")
    terminal.problems([PROBLEM])
    with terminal.progress("building") as shown:
        assert shown.on_line is not None
        shown.on_line("WARNING -  Doc file 'x.md' contains a link [x](y)")
    text = screen.getvalue()
    assert "\x1b[" in text  # coloured
    assert "[bold]not markup[/]" in text  # brief text printed as it is, never as rich markup
    assert "\\u001b[31m" in text  # the brief's own escape character is shown, not sent
    assert "Doc file 'x.md' contains a link [x](y)" in text


def test_a_dumb_terminal_gets_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "dumb")
    terminal.problems([PROBLEM])
    assert screen.getvalue() == "b.yaml:2:3: title: [bold]not markup[/] \\u001b[31m\n"


def test_build_summary_counts() -> None:
    outcome = {"briefs": 1, "pages": 12, "warnings": 1, "errors": 0}
    assert (
        policy.build_summary("site/", "mkdocs", outcome, 3.04)
        == "built site/ with mkdocs: 1 brief, 12 pages, 1 warning, 3.0 s"
    )
    assert policy.build_summary("site/", "mkdocs", {}, 1.0) == "built site/ with mkdocs: 1.0 s"


def test_a_long_run_shows_the_time_it_has_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spinner's text says how long the build has run, from a few seconds on, also while
    the engine prints nothing; a short build shows no clock."""
    from rich.console import Console

    clock = [100.0]
    monkeypatch.setattr(terminal.time, "monotonic", lambda: clock[0])
    line = terminal._Line("building: running mkdocs", clock[0])

    def shown() -> str:
        console = Console(width=80, file=io.StringIO(), color_system=None)
        with console.capture() as captured:
            console.print(line)
        return captured.get().strip()

    assert shown() == "building: running mkdocs"
    clock[0] += 75.4
    assert shown() == "building: running mkdocs · 1:15"
