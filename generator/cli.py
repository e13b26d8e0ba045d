"""The ``briefs`` command: the pipeline for authors and CI, and ``briefs build`` with any
engine (generator/engines.py).

Exit status: 0 success, 1 problems in the briefs (every one printed as
``path:line:col: field: message``) or a failed build, 2 a usage or configuration error,
including an output folder it may not write (generator/guard.py) and a file system that
refuses a write; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Each failure is one
line, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from . import __version__, engines, guard
from .errors import BriefsError, Problem
from .pipeline import Generated, generate
from .settings import Settings, read_site_config, settings_from_config_file
from .write import WriteError, write_tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
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
            return _main(argv)
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


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    config_file = Path(args.config_file)
    if args.config_file != DEFAULT_CONFIG and not config_file.is_file():
        print(f"briefs: config file {config_file} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = settings_from_config_file(config_file)
    except ValueError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result: int = args.run(args, settings)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefs", description="Validate and publish YAML news briefs."
    )
    parser.add_argument("--version", action="version", version=f"newsbriefs {__version__}")
    config_option = argparse.ArgumentParser(add_help=False)
    config_option.add_argument(
        "-f",
        "--config-file",
        default=argparse.SUPPRESS,
        help=f"site config whose 'briefs' plugin options apply (default: {DEFAULT_CONFIG})",
    )
    parser.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    # -f works before or after the command: `briefs -f x.yml check` = `briefs check -f x.yml`.
    common = [config_option]

    check_cmd = commands.add_parser(
        "check", parents=common, help="validate every brief; print all problems"
    )
    check_cmd.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (as mkdocs --strict does)"
    )
    check_cmd.set_defaults(run=_check)

    gen = commands.add_parser(
        "generate",
        parents=common,
        help="write the Markdown tree (for any engine) without building a site",
    )
    gen.add_argument("--out", required=True, type=Path, help="folder to write the tree into")
    gen.add_argument("--drafts", action="store_true", help="include briefs marked draft")
    gen.set_defaults(run=_generate)

    build = commands.add_parser(
        "build",
        parents=common,
        help="build the site with an engine; a failed build leaves site_dir as it was",
        description="Build the site into a fresh folder and swap it into site_dir only when "
        "the build succeeds. Engines: "
        + ", ".join(
            f"{e.name} ({'with the briefs plugin' if e.runs_plugin else 'from the generated tree'})"
            for e in engines.ENGINES.values()
        ),
    )
    build.add_argument(
        "--engine",
        choices=list(engines.ENGINES),
        default=engines.DEFAULT_ENGINE,
        help=f"default {engines.DEFAULT_ENGINE}",
    )
    build.add_argument("--strict", action="store_true", help="fail on warnings (links, briefs)")
    build.add_argument("--drafts", action="store_true", help="include briefs marked draft")
    build.add_argument(
        "-d", "--site-dir", type=Path, help="build into this folder instead of the config's"
    )
    build.set_defaults(run=_build)
    return parser


def _check(args: argparse.Namespace, settings: Settings) -> int:
    """Everything a build would check (briefs, drafts included, and the templates),
    without writing anything."""
    generated = _generate_or_report(settings, drafts=True, strict=args.strict)
    if generated is None:
        return EXIT_PROBLEMS
    print(f"{len(generated.index.briefs)} briefs OK")
    return EXIT_OK


def _generate(args: argparse.Namespace, settings: Settings) -> int:
    config_file = Path(args.config_file)
    try:
        config = read_site_config(config_file) if config_file.is_file() else {}
        project = guard.Project.of(settings, config_file, engines.custom_dir_of(config))
        # Not `replaced`: write_tree never removes or replaces a file it did not write, so
        # the tree may go into a folder that holds other files.
        out = guard.check_output(
            args.out, project, role="--out", advice="choose another folder", replaced=False
        )
    except (ValueError, guard.UnsafeOutput) as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    generated = _generate_or_report(settings, drafts=args.drafts, strict=False)
    if generated is None:
        return EXIT_PROBLEMS
    try:
        report = write_tree(generated.files, out, protected=[settings.briefs_path])
    except WriteError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"briefs: cannot write the tree: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{args.out}: {report.summary()}")
    return EXIT_OK


def _generate_or_report(settings: Settings, *, drafts: bool, strict: bool) -> Generated | None:
    """Run the pipeline; print its problems. None when errors (or, if strict, warnings)
    mean nothing may be published."""
    try:
        generated = generate(settings, drafts=drafts or None)
    except BriefsError as exc:
        _print_problems(exc.problems, strict=strict)
        print(exc.report().splitlines()[-1], file=sys.stderr)
        return None
    _print_problems(generated.warnings, strict=strict)
    if strict and generated.warnings:
        count = len(generated.warnings)
        print(
            f"{count} warning{'s' if count != 1 else ''} in briefs in strict mode; "
            "nothing was published.",
            file=sys.stderr,
        )
        return None
    return generated


def _build(args: argparse.Namespace, settings: Settings) -> int:
    start = time.perf_counter()
    engine = engines.ENGINES[args.engine]
    if not engine.installed():
        print(
            f"briefs: the {engine.name} engine is not installed; "
            f"install it with: pip install '{engine.package}'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    config_file = Path(args.config_file)
    try:
        config = read_site_config(config_file)
    except ValueError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = engines.missing_extensions(engine, config)
    if missing:
        print(
            f"briefs: {config_file}: markdown_extensions must list {', '.join(missing)}; "
            "the generated pages need them",
            file=sys.stderr,
        )
        return EXIT_USAGE
    project = guard.Project.of(settings, config_file, engines.custom_dir_of(config))
    try:
        site_dir = args.site_dir or engines.site_dir_of(config_file, config)
        site_dir = engines.check_outputs(engine, site_dir, project)
        with engines.build_lock(project.root):
            # Again: a build we waited for may have changed what is there.
            engines.check_outputs(engine, site_dir, project)
            engines.remove_leftovers(site_dir, project.root)
            status = _build_locked(args, settings, engine, config, project, site_dir)
    except guard.UnsafeOutput as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"briefs: cannot build: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    if status is not None:
        return status
    seconds = time.perf_counter() - start
    print(f"briefs: built {_shown(site_dir)} with {engine.name} in {seconds:.1f} s")
    return EXIT_OK


def _build_locked(
    args: argparse.Namespace,
    settings: Settings,
    engine: engines.Engine,
    config: Mapping[str, Any],
    project: guard.Project,
    site_dir: Path,
) -> int | None:
    """The build, under the project's lock. None when it succeeded, else the exit status."""
    config_file = Path(args.config_file)
    staged = None
    if not engine.runs_plugin:
        generated = _generate_or_report(settings, drafts=args.drafts, strict=args.strict)
        if generated is None:
            return EXIT_PROBLEMS
        try:
            staged = engines.stage_for_zensical(config_file, config, settings, generated)
        except WriteError as exc:
            print(f"briefs: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
    status = engines.build_site(
        engine,
        config_file,
        site_dir,
        root=project.root,
        strict=args.strict,
        drafts=args.drafts,
        staged=staged,
    )
    if status != 0:
        print(
            f"briefs: {engine.name} build failed (exit status {status}); "
            f"{_shown(site_dir)} was left as it was",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return None


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"


def _os_error(exc: OSError) -> str:
    """An OSError in one line: the file, then what the system said (no errno, no repr)."""
    where = f"{guard.shown(Path(os.fsdecode(exc.filename)))}: " if exc.filename else ""
    return where + (exc.strerror or str(exc))


def _print_problems(problems: Sequence[Problem], *, strict: bool = False) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.format_github(strict=strict))


if __name__ == "__main__":
    raise SystemExit(main())
