"""The ``briefs`` command: the pipeline for authors and CI, and ``briefs build`` with any
engine (generator/engines.py).

Exit status: 0 success, 1 problems in the briefs (every one printed as
``path:line:col: field: message``), 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__, engines
from .errors import BriefsError, Problem
from .pipeline import Generated, generate
from .settings import Settings, read_site_config, settings_from_config_file
from .write import WriteError, write_tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_CONFIG = "mkdocs.yml"


def main(argv: Sequence[str] | None = None) -> int:
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
    generated = _generate_or_report(settings, drafts=args.drafts, strict=False)
    if generated is None:
        return EXIT_PROBLEMS
    try:
        report = write_tree(generated.files, args.out, protected=[settings.briefs_path])
    except WriteError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
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
    site_dir = (args.site_dir or engines.site_dir_of(config_file, config)).resolve()
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
    seconds = time.perf_counter() - start
    print(f"briefs: built {_shown(site_dir)} with {engine.name} in {seconds:.1f} s")
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"


def _print_problems(problems: Sequence[Problem], *, strict: bool = False) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.format_github(strict=strict))


if __name__ == "__main__":
    raise SystemExit(main())
