"""The ``briefs`` command line: sub-commands, options and help, on click (which MkDocs
already installs). What each sub-command does is in generator/cli/commands.py; this module only
parses arguments and turns every way a command ends into an exit status and one line.

Exit status: 0 success, 1 problems in the briefs (every one printed as
``path:line:col: field: message``) or a failed build, 2 a usage or configuration error,
including an output folder it may not write (generator/build/guard.py) and a file system that
refuses a write; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 141 when the reader of
its output went away (``briefs check --format json | head``). Each failure is one line,
never a traceback.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from generator import __version__
from generator.authoring import archetype
from generator.build import engines
from generator.build.request import MAX_SHARDS, Shard
from generator.cli import checking, commands, terminal, websub
from generator.cli.digest import digest as digest_command
from generator.cli.site_config import DEFAULT_CONFIG, load_site_or_exit
from generator.graph import schedule
from generator.settings import Site


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
    except BrokenPipeError:
        # Python ignores SIGPIPE, so a closed pipe is an exception; end as a command that
        # SIGPIPE stopped would, quietly. stdout goes to devnull so that flushing it at exit
        # does not complain a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + _SIGPIPE


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


_SIGPIPE = 13
"""SIGPIPE's number on every POSIX system (Windows has no such signal, only the error)."""

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
        return command(load_site_or_exit(chosen), *args, **kwargs)

    return run


def _strict_option(help: str) -> Callable[[F], F]:
    return click.option("--strict", is_flag=True, help=help)


_drafts_option = click.option("--drafts", is_flag=True, help="Include briefs marked draft.")


class _Instant(click.ParamType[datetime, Any]):
    """An ISO date and time with its UTC offset (generator/graph/schedule.py parses it)."""

    name = "TIME"

    def convert(self, value: Any, param: Any, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return schedule.parse_now(str(value), origin="expected")
        except schedule.BadTime as exc:
            self.fail(str(exc).removeprefix("expected: expected "), param, ctx)


class _ShardOption(click.ParamType[Shard, Any]):
    """``K/N``: the K-th of N shares of the pages (generator/build/shards.py)."""

    name = "K/N"

    def convert(self, value: Any, param: Any, ctx: click.Context | None) -> Shard:
        if isinstance(value, Shard):
            return value
        index, slash, count = str(value).partition("/")
        numbers = slash and index.isdigit() and count.isdigit()
        if numbers and 1 <= int(index) <= int(count) <= MAX_SHARDS:
            return Shard(index=int(index), count=int(count))
        self.fail(
            f"expected K/N with 1 <= K <= N <= {MAX_SHARDS} (1/3 is the first of 3), "
            f"found {value!r}",
            param,
            ctx,
        )


def _now_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--now",
        type=_Instant(),
        default=None,
        help=f"{help}, e.g. 2026-03-02T14:30:00Z (default: SOURCE_DATE_EPOCH, else the clock).",
    )


def _step_outputs_option(outputs: str, empty: str) -> Callable[[F], F]:
    """``--format text|github``: github also writes ``outputs`` (and when they are empty, for
    the help) as a GitHub Actions step's outputs (commands.write_step_outputs)."""
    return click.option(
        "--format",
        "output",
        type=click.Choice(["text", "github"]),
        default="text",
        show_default=True,
        help=f"github: also write the step outputs {outputs} to $GITHUB_OUTPUT ({empty}).",
    )


_BUILD_TIME = (
    "The build time: briefs that go live after it (at their publish_at, else their date) "
    "are left out"
)


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
@_now_option(
    "Check as of this time (scheduled briefs are checked too; one dated over a year after "
    "it is a warning)"
)
@_with_site
def check(
    site: Site,
    paths: tuple[Path, ...],
    output: checking.Format,
    strict: bool,
    now: datetime | None,
) -> int:
    """Validate every brief (drafts too), the registries and the templates; print every
    problem at once. Writes nothing.

    With PATHs (brief files or folders), only their problems are reported; the other
    briefs are still read, since links and story ids depend on them. A brief outside the
    briefs folder is checked on its own.

    Warnings (a ticker, entity, category or author no registry lists, a likely story
    typo, a date or publish_at more than a year ahead, a publish_at before the date, a
    placeholder left from 'briefs new' in a draft) do not fail the check unless --strict
    is given. A placeholder in a brief that is not a draft is an error: it would be
    published.
    """
    return commands.check(site, paths, strict=strict, output=output, now=now)


@briefs.command(
    short_help="Start a new brief from the archetype.",
    epilog="Example: briefs new 'Ford and Xiaomi discuss an EV venture' "
    "--category 'Stock Markets' --tickers F,1810 --story ford-china-evs --author 'Caleb Monroe'",
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
    """Start a new brief: briefs/YYYY/MM/<slug>.yaml, dated today in the site's time zone;
    prints its path. An existing file is never replaced.

    \b
    Then:
      1. Edit the file: replace each text that starts with TODO. Comments in it
         show the optional fields (dek, quotes, risks, entities, tags...).
      2. Run 'briefs check': every problem, with its line and a suggested fix.
         'make serve' (or 'briefs serve') previews drafts as you write, on
         http://127.0.0.1:8000.
      3. Delete the line 'draft: true' (a draft is checked, not published),
         then run 'briefs build'. A TODO left is then an error: nothing is
         published until each is written or deleted.
    """
    symbols = [symbol.strip() for symbol in tickers.split(",") if symbol.strip()]
    brief = archetype.NewBrief(title, category, symbols, story, author, slug)
    return commands.new(site, brief)


@briefs.command(
    short_help="Write the JSON Schemas of briefs and registries.",
    epilog="In VS Code, install the YAML extension (Red Hat); other editors with "
    "yaml-language-server read the same line.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write them into (default: schemas/ beside the config).",
)
@_with_site
def schema(site: Site, out: Path | None) -> int:
    """Write the JSON Schemas of the brief format (brief.schema.json) and of each registry
    (tickers, entities, categories, authors, stories, sectors), generated from the model.

    Editors with yaml-language-server then complete and check a brief as it is typed,
    when its first line names the schema:
    '# yaml-language-server: $schema=../../../schemas/brief.schema.json'
    ('briefs new' writes that line). Files whose text is unchanged are left alone.
    """
    return commands.write_schemas(site, out)


@briefs.command(
    "import",
    short_help="Convert plain-text briefs into YAML briefs.",
    epilog="The layout, line by line, is in README.md, 'Importing plain-text briefs'. "
    "Exit status: 0 written, 1 a file that does not fit the layout (nothing written), "
    "2 a usage error or a file that already exists (nothing written).",
)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the briefs into (default: briefs/YYYY/MM/ by each brief's date).",
)
@_with_site
def import_(site: Site, files: tuple[Path, ...], out: Path | None) -> int:
    """Convert plain-text briefs, laid out as published pages are (category and date,
    headline, dek, 'By NAME TICKER', lead, Key Points, Summary, Details, asides, Risks),
    into YAML briefs that pass 'briefs check'.

    Every sentence stays in its section; quotations with a clear speaker are also listed
    under quotes. A file that does not fit the layout is reported with its line, and then
    nothing is written; an existing file is never replaced. Prints each new file's path.
    """
    return commands.import_briefs(site, files, out)


@briefs.command(short_help="Write the Markdown tree for any engine.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the tree into (never briefs/ or docs/).",
)
@_drafts_option
@_now_option(_BUILD_TIME)
@_with_site
def generate(site: Site, out: Path, drafts: bool, now: datetime | None) -> int:
    """Write the Markdown tree (for any engine) without building a site.

    Only files that changed are rewritten; stale generated pages are removed, files
    newsbriefs did not write are never touched.
    """
    return commands.generate_tree(site, out, drafts=drafts, now=now)


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
@click.option(
    "--full",
    "--no-incremental",
    "full",
    is_flag=True,
    help="Render every page, reusing nothing from the previous build.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Engine processes for a build that renders every page, each a share of the pages "
    "(default: one per core, one per 100 briefs on smaller sites; 1: one process).",
)
@click.option(
    "--shard",
    type=_ShardOption(),
    default=None,
    help="Build only the K-th of N shares of the pages, into a shard folder (-d, default: "
    "site_dir-shard-K-of-N) for 'briefs merge'.",
)
@_now_option(_BUILD_TIME)
@_with_site
def build(
    site: Site,
    engine: str,
    strict: bool,
    drafts: bool,
    site_dir: Path | None,
    full: bool,
    jobs: int | None,
    shard: Shard | None,
    now: datetime | None,
) -> int:
    """Build the site with an engine; a failed build leaves site_dir as it was.

    The site is built into a fresh folder and swapped into site_dir only when the build
    succeeds. After the first build, only the pages whose briefs, listings or feeds
    changed are rendered again (mkdocs and properdocs; not with the search plugin); the
    others keep their HTML, and the site is the same as a full build's, file by file.

    A build that renders every page runs one engine process per core (--jobs), each
    rendering a share of the pages, and merges them. On several machines, build each
    share with --shard K/N (give every shard the same --now) and assemble the shard
    folders with 'briefs merge'.
    """
    if shard is not None and jobs is not None:
        raise click.UsageError("--shard builds one share in one process; leave out --jobs")
    chosen = engines.ENGINES[engine]
    if jobs is not None and jobs > 1 and not chosen.runs_plugin:
        terminal.note(f"--jobs {jobs}: the {engine} engine builds in one process")
        jobs = 1
    return commands.build(
        site,
        chosen,
        strict=strict,
        drafts=drafts,
        site_dir=site_dir,
        now=now,
        full=full,
        jobs=jobs,
        shard=shard,
    )


@briefs.command(
    short_help="Assemble shard folders into the site.",
    epilog="Exit status: 0 merged, 1 shards that do not make one site (the old site is kept), "
    "2 a usage or configuration error, or a site_dir it may not replace.",
)
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    metavar="SHARD_DIR...",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path),
    help="Merge into this folder instead of the config's site_dir.",
)
@_with_site
def merge(site: Site, folders: tuple[Path, ...], site_dir: Path | None) -> int:
    """Assemble the shard folders that 'briefs build --shard K/N' made (one for each K of
    N, possibly on other machines) into the site: the same site, file by file, as one
    'briefs build' of the same sources and build time.

    Every shard is checked first: built from the same sources, config, code and --now
    (its fingerprint), each share exactly once, and its files as it built them. Then the
    site is swapped in whole; shards that do not make one site leave the old one as it was.
    """
    return commands.merge_shards(site, folders, site_dir=site_dir)


@briefs.command(
    "schedule",
    short_help="Print when the next scheduled brief goes live.",
    epilog="Exit status: 0 (with or without a time), 1 problems in the briefs, 2 a usage or "
    "configuration error.",
)
@_step_outputs_option(
    "next=<time> and seconds=<until then>", "both empty when nothing is scheduled"
)
@_now_option("Look for go-live times after this time")
@_with_site
def schedule_command(site: Site, output: commands.ScheduleFormat, now: datetime | None) -> int:
    """Print the next time a brief goes live (its publish_at, else its date), in UTC, e.g.
    2026-03-02T19:30:00Z; print nothing when no brief is waiting. Drafts never go live by
    themselves and are not counted.

    A static site changes only when it is built: a CI job can rebuild at this time.
    """
    return commands.next_go_live(site, output=output, now=now)


@briefs.command(
    short_help="Preview the site with live reload.",
    epilog="Stop it with Ctrl-C. Exit status: 130 when stopped with Ctrl-C, 2 a usage or "
    "configuration error.",
)
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default=None,
    help="Address to serve on (default: the config's dev_addr, 127.0.0.1:8000).",
)
@click.option(
    "--engine",
    type=click.Choice([e.name for e in engines.ENGINES.values() if e.runs_plugin]),
    default=engines.DEFAULT_ENGINE,
    show_default=True,
    help="The engine whose server runs the preview.",
)
@_with_site
def serve(site: Site, dev_addr: str | None, engine: str) -> int:
    """Preview the site with live reload: saving a brief rebuilds its page.

    Drafts and scheduled briefs are shown, each marked on its page. While a brief has a
    mistake, every page shows the problems instead (path:line:col: field: message), and
    the site comes back on the save that fixes them.
    """
    return commands.serve(site, engines.ENGINES[engine], dev_addr=dev_addr)


@briefs.command(
    "websub",
    short_help="Print the WebSub hub and the feeds to tell it of.",
    epilog="Exit status: 0 (with or without a hub), 1 problems in the briefs, 2 a usage or "
    "configuration error.",
)
@_step_outputs_option(
    "hub=<url> and feeds=<urls, space-separated>", "both empty when no websub_hub is set"
)
@_with_site
def websub_command(site: Site, output: websub.WebSubFormat) -> int:
    """Print the site's WebSub hub (websub_hub in mkdocs.yml), then the address of every
    feed the site publishes, one a line: what a deploy tells the hub of (hub.mode=publish,
    hub.url=<feed>), so that subscribers get new briefs at once. Prints nothing when no hub
    is set.
    """
    return websub.topics(site, output=output)


briefs.add_command(digest_command)  # generator/cli/digest.py: ``briefs digest [send]``


if __name__ == "__main__":
    raise SystemExit(main())
