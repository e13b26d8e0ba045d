"""The ``briefs`` command: the pipeline for authors and CI, without MkDocs.

Exit status: 0 success, 1 problems in the briefs (every one printed as
``path:line:col: field: message``), 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BriefsError, Problem
from .pipeline import generate, load_briefs
from .settings import Settings, settings_from_config_file
from .write import WriteError, write_tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = settings_from_config_file(Path(args.config_file))
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
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="site config whose 'briefs' plugin options apply (default: mkdocs.yml)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every brief; print all problems")
    check.set_defaults(run=_check)

    gen = commands.add_parser(
        "generate", help="write the Markdown tree (for any engine) without building a site"
    )
    gen.add_argument("--out", required=True, type=Path, help="folder to write the tree into")
    gen.add_argument("--drafts", action="store_true", help="include briefs marked draft")
    gen.set_defaults(run=_generate)
    return parser


def _check(args: argparse.Namespace, settings: Settings) -> int:
    briefs, problems = load_briefs(settings)
    _print_problems(problems)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        print(
            f"{errors} error{'s' if errors != 1 else ''} in {settings.briefs_dir}/", file=sys.stderr
        )
        return EXIT_PROBLEMS
    print(f"{len(briefs)} briefs OK")
    return EXIT_OK


def _generate(args: argparse.Namespace, settings: Settings) -> int:
    try:
        generated = generate(settings, drafts=args.drafts or None)
    except BriefsError as exc:
        _print_problems(exc.problems)
        print(exc.report().splitlines()[-1], file=sys.stderr)
        return EXIT_PROBLEMS
    _print_problems(generated.warnings)
    try:
        report = write_tree(generated.files, args.out, protected=[settings.briefs_path])
    except WriteError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{args.out}: {report.summary()}")
    return EXIT_OK


def _print_problems(problems: Sequence[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.format_github())


if __name__ == "__main__":
    raise SystemExit(main())
