"""The ``briefs`` command line: sub-commands, options and help, on click (which MkDocs
already installs). What each sub-command does is in generator/commands.py; this module only
parses arguments and turns every way a command ends into an exit status and one line.

Exit status: 0 success, 1 problems in the briefs (every one printed as
``path:line:col: field: message``) or a failed build, 2 a usage or configuration error,
including an output folder it may not write (generator/guard.py) and a file system that
refuses a write; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Each failure is one
line, never a traceback.
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from . import __version__, archetype, checking, commands, engines, terminal
from .commands import EXIT_USAGE
from .settings import SettingsError, Site, load_site

DEFAULT_CONFIG = "mkdocs.yml"


class Stopped(BaseException):
    """A signal asked us to stop (SIGTERM, SIGHUP). A BaseException, like KeyboardInterrupt,
    so that no ``except Exception`` swallows it and every ``finally`` still cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; an interruption ends it in one line, after every clean-up ran."""
    try:
        with _stop_on_signals():
            return _run(argv)
    except KeyboardInterrupt:
        print("briefs: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Stopped as stop:
        print(f"briefs: {_STOP_SIGNALS[stop.signum]}", file=sys.stderr)
        return 128 + stop.signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` (SIGINT already raises KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (a caller embedding us)
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in _STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_STOP_SIGNALS: dict[int, str] = {signal.SIGTERM: "terminated"}
"""The signals that stop a command, and the line it prints (exit status 128 + signal)."""
if sys.platform != "win32":
    _STOP_SIGNALS[signal.SIGHUP] = "hung up"


def _run(argv: Sequence[str] | None) -> int:
    """The command's exit status; a usage error is one line naming the help to read."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        with briefs.make_context("briefs", args) as ctx:
            status = briefs.invoke(ctx)
    except click.exceptions.Exit as exc:  # --help, --version, or a command that ended early
        return exc.exit_code
    except click.ClickException as exc:
        context = getattr(exc, "ctx", None)
        if not args and context is not None:
            click.echo(context.get_help(), err=True)  # `briefs` alone: the help, status 2
        else:
            where = context.command_path if context is not None else "briefs"
            message = exc.format_message()
            message += "" if message.endswith((".", "?")) else "."
            terminal.say(f"{message} See '{where} --help'.")
        return exc.exit_code
    return int(status or 0)


# ---------------------------------------------------------------------------------------------
# The command line: one click group, one function per sub-command, shared options as decorators.

_HELP_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

F = TypeVar("F", bound=Callable[..., Any])


def _config_option(command: F) -> F:
    """``-f FILE``: before or after the sub-command (``briefs -f x.yml check`` is
    ``briefs check -f x.yml``)."""
    return click.option(
        "-f",
        "--config-file",
        "config_file",
        metavar="FILE",
        default=None,
        help=f"Site config whose 'briefs' plugin options apply (default: {DEFAULT_CONFIG}).",
    )(command)


def _with_site(command: Callable[..., int]) -> Callable[..., int]:
    """The sub-command gets the site (mkdocs.yml and its ``briefs`` options) as its first
    argument; a config that is missing or wrong ends the command with status 2."""

    @_config_option
    @functools.wraps(command)
    def run(*args: Any, config_file: str | None, **kwargs: Any) -> int:
        chosen = config_file or click.get_current_context().find_root().params.get("config_file")
        return command(_load_site(chosen), *args, **kwargs)

    return run


def _strict_option(help: str) -> Callable[[F], F]:
    return click.option("--strict", is_flag=True, help=help)


_drafts_option = click.option("--drafts", is_flag=True, help="Include briefs marked draft.")


def _load_site(chosen: str | None) -> Site:
    config_file = Path(chosen or DEFAULT_CONFIG)
    if chosen not in (None, DEFAULT_CONFIG) and not config_file.is_file():
        terminal.say(f"config file {config_file} not found")
        raise click.exceptions.Exit(EXIT_USAGE)
    try:
        return load_site(config_file)
    except SettingsError as exc:
        terminal.say(str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None


@click.group(
    context_settings=_HELP_SETTINGS,
    epilog="Exit status: 0 success, 1 problems in the briefs or a failed build, "
    "2 a usage or configuration error, 130 interrupted, 143 terminated.",
)
@click.version_option(__version__, prog_name="newsbriefs", message="%(prog)s %(version)s")
@_config_option
def briefs(config_file: str | None) -> None:
    """Validate and publish YAML news briefs.

    Every problem prints as path:line:col: field: message, all of them at once.
    """


@briefs.command(
    short_help="Validate briefs; print every problem.",
    epilog="Exit status: 0 no errors (warnings allowed unless --strict), 1 problems, "
    "2 a usage or configuration error. The JSON format is described in README.md, "
    "'Checking briefs'.",
)
@click.argument(
    "paths", nargs=-1, metavar="[PATH]...", type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--format",
    "output",
    type=click.Choice(checking.FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col: field: message lines on stderr; github: GitHub Actions "
    "annotations (::error file=,line=,col=::) on stdout; json: a list of problems on stdout.",
)
@_strict_option("Treat warnings as errors (as mkdocs --strict does).")
@_with_site
def check(site: Site, paths: tuple[Path, ...], output: checking.Format, strict: bool) -> int:
    """Validate every brief (drafts too), the registries and the templates; print every
    problem at once. Writes nothing.

    With PATHs (brief files or folders), only their problems are reported; the other
    briefs are still read, since links and story ids depend on them. A brief outside the
    briefs folder is checked on its own.

    Warnings (a ticker or entity no registry lists, a likely story typo, a date more than
    a year ahead, a placeholder left from 'briefs new') do not fail the check unless
    --strict is given.
    """
    return commands.check(site, paths, strict=strict, output=output)


@briefs.command(
    short_help="Start a new brief from the archetype.",
    epilog="Example: briefs new 'Ford and Xiaomi discuss an EV venture' --category Autos "
    "--tickers F,1810 --story ford-china-evs",
)
@click.argument("title")
@click.option(
    "--category", required=True, help="The brief's category, as listed in categories.yaml."
)
@click.option(
    "--tickers",
    default="",
    metavar="F,GM",
    help="Ticker symbols of the companies the brief is about, separated by commas.",
)
@click.option("--story", metavar="ID", help="Story id shared by the briefs that follow one story.")
@click.option("--author", metavar="NAME", help="The byline, as listed in authors.yaml.")
@click.option(
    "--slug",
    metavar="SLUG",
    help="File name and address, when the title's own would not do (default: from the title).",
)
@_with_site
def new(
    site: Site,
    title: str,
    category: str,
    tickers: str,
    story: str | None,
    author: str | None,
    slug: str | None,
) -> int:
    """Start a new brief: briefs/YYYY/MM/<slug>.yaml, dated today in the site's time zone.

    The file is a draft (draft: true) that passes 'briefs check' as written: fill in each
    text marked TODO, delete the optional fields you do not need, check, then delete the
    'draft: true' line to publish. An existing file is never replaced. Prints the path.
    """
    symbols = [symbol.strip() for symbol in tickers.split(",") if symbol.strip()]
    brief = archetype.NewBrief(title, category, symbols, story, author, slug)
    return commands.new(site, brief)


@briefs.command(short_help="Write the Markdown tree for any engine.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the tree into (never briefs/ or docs/).",
)
@_drafts_option
@_with_site
def generate(site: Site, out: Path, drafts: bool) -> int:
    """Write the Markdown tree (for any engine) without building a site.

    Only files that changed are rewritten; stale generated pages are removed, files
    newsbriefs did not write are never touched.
    """
    return commands.generate_tree(site, out, drafts=drafts)


@briefs.command(
    short_help="Build the site; a failed build keeps the old one.",
    epilog="Engines: "
    + "; ".join(
        f"{e.name} ({'with the briefs plugin' if e.runs_plugin else 'from the generated tree'})"
        for e in engines.ENGINES.values()
    )
    + ".",
)
@click.option(
    "--engine",
    type=click.Choice(list(engines.ENGINES)),
    default=engines.DEFAULT_ENGINE,
    show_default=True,
    help="The engine that builds the site.",
)
@_strict_option("Fail on warnings (links, briefs).")
@_drafts_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path),
    help="Build into this folder instead of the config's site_dir.",
)
@_with_site
def build(site: Site, engine: str, strict: bool, drafts: bool, site_dir: Path | None) -> int:
    """Build the site with an engine; a failed build leaves site_dir as it was.

    The site is built into a fresh folder and swapped into site_dir only when the build
    succeeds.
    """
    return commands.build(
        site, engines.ENGINES[engine], strict=strict, drafts=drafts, site_dir=site_dir
    )


if __name__ == "__main__":
    raise SystemExit(main())
