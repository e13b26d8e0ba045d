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
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from . import __version__, engines, guard, policy
from .errors import BriefsError, visible
from .pipeline import Generated, generate
from .settings import SettingsError, Site, load_site
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
        _say(f"config file {config_file} not found")
        return EXIT_USAGE
    try:
        site = load_site(config_file)
    except SettingsError as exc:
        _say(str(exc))
        return EXIT_USAGE
    result: int = args.run(args, site)
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


def _check(args: argparse.Namespace, site: Site) -> int:
    """Everything a build would check (briefs, drafts included, and the templates),
    without writing anything."""
    generated = _generate_or_report(site, drafts=True, strict=args.strict, publishing=False)
    if generated is None:
        return EXIT_PROBLEMS
    print(f"{len(generated.index.briefs)} briefs OK")
    return EXIT_OK


def _generate(args: argparse.Namespace, site: Site) -> int:
    try:
        project = guard.Project.of(
            site.settings, site.config_file, engines.custom_dir_of(site.config)
        )
        # Not `replaced`: write_tree never removes or replaces a file it did not write, so
        # the tree may go into a folder that holds other files.
        out = guard.check_output(
            args.out, project, role="--out", advice="choose another folder", replaced=False
        )
    except (ValueError, guard.UnsafeOutput) as exc:
        _say(str(exc))
        return EXIT_USAGE
    generated = _generate_or_report(site, drafts=args.drafts, strict=False, publishing=True)
    if generated is None:
        return EXIT_PROBLEMS
    try:
        report = write_tree(generated.files, out, protected=[site.settings.briefs_path])
    except WriteError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _say(f"cannot write the tree: {_os_error(exc)}")
        return EXIT_USAGE
    print(visible(f"{args.out}: {report.summary()}"))
    return EXIT_OK


def _generate_or_report(
    site: Site, *, drafts: bool, strict: bool, publishing: bool
) -> Generated | None:
    """Run the pipeline and print its problems, the way the plugin logs them (policy.py).
    None when errors (or, if strict, warnings) mean nothing may be published."""
    settings = site.settings
    generated: Generated | None
    try:
        generated = generate(settings, drafts=policy.include_drafts(settings, requested=drafts))
        problems = generated.warnings
    except BriefsError as exc:
        generated, problems = None, exc.problems
    verdict = policy.Verdict(problems, strict=strict, briefs_dir=settings.briefs_path)
    for line in verdict.lines():
        print(line, file=sys.stderr)
    for line in verdict.annotations():
        print(line)
    if verdict.failed or generated is None:
        print(verdict.summary(publishing=publishing), file=sys.stderr)
        return None
    return generated


def _build(args: argparse.Namespace, site: Site) -> int:
    start = time.perf_counter()
    engine = engines.ENGINES[args.engine]
    if not engine.installed():
        print(
            f"briefs: the {engine.name} engine is not installed; "
            f"install it with: pip install '{engine.package}'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    missing = engines.missing_extensions(engine, site.config)
    if missing:
        _say(
            f"{site.config_file}: markdown_extensions must list {', '.join(missing)}; "
            "the generated pages need them"
        )
        return EXIT_USAGE
    project = guard.Project.of(site.settings, site.config_file, engines.custom_dir_of(site.config))
    try:
        site_dir = engines.check_outputs(engine, args.site_dir or site.site_dir, project)
        with engines.build_lock(project.root):
            # Again: a build we waited for may have changed what is there.
            engines.check_outputs(engine, site_dir, project)
            engines.remove_leftovers(site_dir, project.root)
            status = _build_locked(args, site, engine, project, site_dir)
    except guard.UnsafeOutput as exc:
        _say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _say(f"cannot build: {_os_error(exc)}")
        return EXIT_USAGE
    if status is not None:
        return status
    seconds = time.perf_counter() - start
    print(visible(f"briefs: built {_shown(site_dir)} with {engine.name} in {seconds:.1f} s"))
    return EXIT_OK


def _build_locked(
    args: argparse.Namespace,
    site: Site,
    engine: engines.Engine,
    project: guard.Project,
    site_dir: Path,
) -> int | None:
    """The build, under the project's lock. None when it succeeded, else the exit status."""
    staged = None
    if not engine.runs_plugin:
        generated = _generate_or_report(
            site, drafts=args.drafts, strict=args.strict, publishing=True
        )
        if generated is None:
            return EXIT_PROBLEMS
        try:
            staged = engines.stage_for_zensical(
                site.config_file, site.config, site.settings, generated
            )
        except WriteError as exc:
            _say(str(exc))
            return EXIT_PROBLEMS
    with tempfile.TemporaryDirectory(prefix="newsbriefs-outcome-") as scratch:
        outcome_file = Path(scratch) / "outcome.json"
        status = engines.build_site(
            engine,
            site.config_file,
            site_dir,
            root=project.root,
            strict=args.strict,
            drafts=args.drafts,
            staged=staged,
            env={policy.OUTCOME_ENV: str(outcome_file)},
        )
        outcome = policy.read_outcome(outcome_file)
    if status != 0:
        # The plugin said the briefs are at fault: say that, not "the engine failed".
        blame = (
            str(outcome["summary"]).removesuffix("; nothing was published.")
            if outcome and outcome.get("failed")
            else f"{engine.name} build failed (exit status {status})"
        )
        _say(f"{blame}; {_shown(site_dir)} was left as it was")
        return EXIT_PROBLEMS
    return None


def _say(message: str) -> None:
    """One line on stderr: ``briefs: <message>``, with anything that came from input (a
    path, a setting) unable to break the line (a CI runner reads a line starting with
    ``::`` as a command)."""
    print(f"briefs: {visible(message)}", file=sys.stderr)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"


def _os_error(exc: OSError) -> str:
    """An OSError in one line: the file, then what the system said (no errno, no repr)."""
    where = f"{guard.shown(Path(os.fsdecode(exc.filename)))}: " if exc.filename else ""
    return where + (exc.strerror or str(exc))


if __name__ == "__main__":
    raise SystemExit(main())
