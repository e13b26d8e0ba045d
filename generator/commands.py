"""What each ``briefs`` sub-command does, once its arguments are parsed (generator/cli.py
parses them). Each function prints its problems and messages (generator/terminal.py) and
returns the exit status: 0 success, 1 problems in the briefs or a failed build, 2 a usage
or configuration error, including an output folder it may not write (generator/guard.py)
and a file system that refuses a write.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from . import archetype, checking, engines, guard, policy, schema, terminal
from .errors import BriefsError, Problem, display_path, visible
from .loader import discover
from .pipeline import Generated, generate
from .settings import Site
from .write import WriteError, write_tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def check(
    site: Site, paths: Sequence[Path] = (), *, strict: bool, output: checking.Format = "text"
) -> int:
    """Everything a build would check (briefs, drafts included, and the templates),
    without writing anything; with ``paths``, only the problems of those files and folders
    (generator/checking.py)."""
    settings = site.settings
    try:
        generated = generate(settings, drafts=policy.include_drafts(settings, requested=True))
        problems = list(generated.warnings)
    except BriefsError as exc:
        problems = list(exc.problems)
    found, _ = discover(settings.briefs_path)
    count = len(found)
    if paths:
        selection = checking.Selection.of(paths, settings.briefs_path)
        problems = [p for p in problems if selection.covers(p)]
        problems += [*selection.problems, *checking.check_outside(selection.outside)]
        count = selection.brief_count(found)
    verdict = policy.Verdict(problems, strict=strict, briefs_dir=settings.briefs_path)
    if output == "json":
        terminal.lines([checking.as_json(problems)])
    elif output == "github":
        terminal.lines(checking.as_github(problems, strict=strict))
    else:
        terminal.problems(sorted(problems, key=Problem.sort_key))
        terminal.lines(verdict.annotations())
    if verdict.failed:
        terminal.note(verdict.summary(publishing=False))
        return EXIT_PROBLEMS
    warned = f" ({len(verdict.warnings)} warning{'s' if len(verdict.warnings) != 1 else ''})"
    ok = f"{count} briefs OK" + (warned if verdict.warnings else "")
    if output == "text":
        terminal.result(ok)
    else:  # stdout holds only the machine-read report
        terminal.note(ok)
    return EXIT_OK


def new(site: Site, brief: archetype.NewBrief) -> int:
    """Write a new draft brief from the archetype, dated today in the site's time zone;
    never over an existing file."""
    settings = site.settings
    today = archetype.today_in(settings)
    try:
        path = archetype.brief_path(settings, brief, today)
        other = archetype.same_slug(settings, path)
        if other is not None:
            raise archetype.NewBriefError(
                f"{display_path(other)} already has the slug {path.stem!r}; "
                "choose another title or give --slug"
            )
        text = archetype.render(settings, brief, path, today)
        archetype.write_new(path, text)
    except archetype.NewBriefError as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except FileExistsError:
        terminal.say(f"{display_path(path)} already exists; not replaced")
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot write the brief: {os_error(exc)}")
        return EXIT_USAGE
    terminal.result(visible(display_path(path)))
    if not schema.brief_schema_path(settings.root).is_file():
        terminal.note("tip: run 'briefs schema' once so that editors complete and check the fields")
    return EXIT_OK


def generate_tree(site: Site, out: Path, *, drafts: bool) -> int:
    """The Markdown tree into ``out``: only what changed is rewritten, stale generated pages
    removed, files newsbriefs did not write never touched."""
    try:
        project = guard.Project.of(
            site.settings, site.config_file, engines.custom_dir_of(site.config)
        )
        # Not `replaced`: write_tree never removes or replaces a file it did not write, so
        # the tree may go into a folder that holds other files.
        target = guard.check_output(
            out, project, role="--out", advice="choose another folder", replaced=False
        )
    except (ValueError, guard.UnsafeOutput) as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    generated = generate_or_report(site, drafts=drafts, strict=False, publishing=True)
    if generated is None:
        return EXIT_PROBLEMS
    try:
        report = write_tree(generated.files, target, protected=[site.settings.briefs_path])
    except WriteError as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot write the tree: {os_error(exc)}")
        return EXIT_USAGE
    terminal.result(visible(f"{out}: {report.summary()}"))
    return EXIT_OK


def generate_or_report(
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
    terminal.problems(sorted(problems, key=Problem.sort_key))
    terminal.lines(verdict.annotations())
    if verdict.failed or generated is None:
        terminal.note(verdict.summary(publishing=publishing))
        return None
    return generated


def build(
    site: Site, engine: engines.Engine, *, strict: bool, drafts: bool, site_dir: Path | None
) -> int:
    """Build the site with ``engine`` into a fresh folder, swapped into site_dir only when
    the build succeeds; one build of a project at a time (the others wait)."""
    start = time.perf_counter()
    if not engine.installed():
        terminal.say(
            f"the {engine.name} engine is not installed; "
            f"install it with: pip install '{engine.package}'"
        )
        return EXIT_USAGE
    missing = engines.missing_extensions(engine, site.config)
    if missing:
        terminal.say(
            f"{site.config_file}: markdown_extensions must list {', '.join(missing)}; "
            "the generated pages need them"
        )
        return EXIT_USAGE
    project = guard.Project.of(site.settings, site.config_file, engines.custom_dir_of(site.config))
    try:
        target = engines.check_outputs(engine, site_dir or site.site_dir, project)
        with engines.build_lock(project.root):
            # Again: a build we waited for may have changed what is there.
            engines.check_outputs(engine, target, project)
            engines.remove_leftovers(target, project.root)
            status = _build_locked(site, engine, project, target, strict=strict, drafts=drafts)
    except guard.UnsafeOutput as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot build: {os_error(exc)}")
        return EXIT_USAGE
    if status is not None:
        return status
    seconds = time.perf_counter() - start
    built = f"briefs: built {_shown(target)} with {engine.name} in {seconds:.1f} s"
    terminal.result(visible(built))
    return EXIT_OK


def _build_locked(
    site: Site,
    engine: engines.Engine,
    project: guard.Project,
    site_dir: Path,
    *,
    strict: bool,
    drafts: bool,
) -> int | None:
    """The build, under the project's lock. None when it succeeded, else the exit status."""
    staged = None
    if not engine.runs_plugin:
        generated = generate_or_report(site, drafts=drafts, strict=strict, publishing=True)
        if generated is None:
            return EXIT_PROBLEMS
        try:
            staged = engines.stage_for_zensical(
                site.config_file, site.config, site.settings, generated
            )
        except WriteError as exc:
            terminal.say(str(exc))
            return EXIT_PROBLEMS
    with tempfile.TemporaryDirectory(prefix="newsbriefs-outcome-") as scratch:
        outcome_file = Path(scratch) / "outcome.json"
        status = engines.build_site(
            engine,
            site.config_file,
            site_dir,
            root=project.root,
            strict=strict,
            drafts=drafts,
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
        terminal.say(f"{blame}; {_shown(site_dir)} was left as it was")
        return EXIT_PROBLEMS
    return None


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"


def os_error(exc: OSError) -> str:
    """An OSError in one line: the file, then what the system said (no errno, no repr)."""
    where = f"{guard.shown(Path(os.fsdecode(exc.filename)))}: " if exc.filename else ""
    return where + (exc.strerror or str(exc))
