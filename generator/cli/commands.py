"""What each ``briefs`` sub-command does, once its arguments are parsed (generator/cli/main.py
parses them). Each function prints its problems and messages (generator/cli/terminal.py) and
returns the exit status: 0 success, 1 problems in the briefs or a failed build, 2 a usage
or configuration error, including an output folder it may not write (generator/build/guard.py)
and a file system that refuses a write.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from generator.authoring import archetype, importer, schema
from generator.build import (
    engines,
    guard,
    incremental,
    merge,
    policy,
    site_folder,
    sitemap_files,
    zensical,
)
from generator.build.pipeline import Generated, generate, next_release
from generator.build.request import (
    BuildOutcome,
    BuildRequest,
    Shard,
    build_time,
    drafts_asked,
    timings_asked,
)
from generator.build.write import WriteError, write_tree
from generator.cli import checking, site_size, terminal
from generator.errors import BriefsError, Problem, display_path, visible
from generator.graph import schedule
from generator.settings import Settings, Site, custom_dir_of
from generator.source.loader import discover

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def check(
    site: Site,
    paths: Sequence[Path] = (),
    *,
    strict: bool,
    output: checking.Format = "text",
    now: datetime | None = None,
) -> int:
    """Everything a build would check (briefs, drafts and scheduled ones included, and the
    templates), without writing anything; with ``paths``, only the problems of those files
    and folders (generator/cli/checking.py)."""
    settings = site.settings
    when = _build_time(now)
    if when is None:
        return EXIT_USAGE
    try:
        generated = generate(
            settings,
            drafts=policy.include_drafts(settings, requested=True),
            scheduled=True,
            now=when,
        )
        problems = list(generated.warnings)
    except BriefsError as exc:
        problems = list(exc.problems)
    found, _ = discover(settings.briefs_path)
    count = len(found)
    if paths:
        selection = checking.Selection.of(paths, settings.briefs_path)
        problems = [p for p in problems if selection.covers(p)]
        outside = checking.check_outside(selection.outside, now=when)
        problems += [*selection.problems, *outside]
        count = selection.brief_count(found)
    verdict = _report(problems, settings, strict=strict, publishing=False, output=output)
    if verdict.failed:
        return EXIT_PROBLEMS
    warned = f" ({policy.plural(len(verdict.warnings), 'warning')})"
    ok = f"{policy.plural(count, 'brief')} OK" + (warned if verdict.warnings else "")
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
    except archetype.NewBriefError as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    if not _write_brief(settings.briefs_path, path, text):
        return EXIT_USAGE
    if not schema.brief_schema_path(settings.root).is_file():
        terminal.note("tip: run 'briefs schema' once so that editors complete and check the fields")
    return EXIT_OK


def write_schemas(site: Site, out: Path | None) -> int:
    """The JSON Schemas of the brief format and the registries, into ``out`` (default: the
    project's schemas/ folder)."""
    target = out or site.settings.root / schema.SCHEMA_DIR
    try:
        project = guard.Project.of(site.settings, site.config_file, custom_dir_of(site.config))
        guard.check_output(
            target, project, role="--out", advice="choose another folder", replaced=False
        )
        written, unchanged = schema.write_schemas(target)
    except (ValueError, guard.UnsafeOutput) as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot write the schemas: {os_error(exc)}")
        return EXIT_USAGE
    shown = _shown(target.resolve())
    terminal.result(visible(f"{shown}: {len(written)} written, {len(unchanged)} unchanged"))
    return EXIT_OK


def import_briefs(site: Site, files: Sequence[Path], out: Path | None) -> int:
    """Convert plain-text briefs (generator/authoring/importer.py) into YAML briefs: all of them or,
    when one does not fit the layout or would not be a valid brief, none."""
    settings = site.settings
    if out is not None and not out.resolve().is_relative_to(settings.briefs_path.resolve()):
        # Outside the briefs folder, not into docs/ (MkDocs would publish the files as
        # they are), site/ or the project's other sources.
        try:
            project = guard.Project.of(settings, site.config_file, custom_dir_of(site.config))
            guard.check_output(
                out,
                replace(project, sources={**project.sources, "site_dir": site.site_dir}),
                role="--out",
                advice="choose another folder",
                replaced=False,
            )
        except (ValueError, guard.UnsafeOutput) as exc:
            terminal.say(str(exc))
            return EXIT_USAGE
    converted: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for source in files:
        text, unreadable = importer.read_plain_text(source)
        if text is None:
            problems += unreadable
            continue
        try:
            brief = importer.parse_plain_text(source, text)
        except importer.LayoutError as exc:
            problems += exc.problems
            continue
        slug = importer.slug_of(brief)
        if not slug:
            message = "the headline makes no usable file name (no Latin letters or digits)"
            problems.append(Problem(source, message))
            continue
        folder = out or settings.briefs_path / f"{brief.date:%Y}" / f"{brief.date:%m}"
        target = folder / f"{slug}.yaml"
        modeline = schema.MODELINE + _relative(schema.brief_schema_path(settings.root), folder)
        yaml_text = importer.as_yaml(brief, modeline)
        invalid = archetype.problems_of(target, yaml_text)
        problems += [
            Problem(source, f"the brief made from it would not be valid: {p.format()}")
            for p in invalid
        ]
        if not invalid:
            converted.append((target, yaml_text))
    if problems:
        terminal.problems(sorted(problems, key=Problem.sort_key))
        terminal.note(f"{policy.plural(len(problems), 'problem')}; nothing was written")
        return EXIT_PROBLEMS
    root = _import_root(settings.briefs_path, out)
    taken: set[Path] = set()
    for target, _ in converted:
        try:
            if target in taken:
                raise FileExistsError(errno.EEXIST, "already exists", os.fspath(target))
            taken.add(target)
            guard.check_new_file(root, _below(root, target))
        except guard.UnsafeOutput as exc:
            terminal.say(f"{exc}; nothing was written")
            return EXIT_USAGE
        except FileExistsError:
            terminal.say(f"{display_path(target)} already exists; nothing was written")
            return EXIT_USAGE
        except OSError as exc:
            terminal.say(f"cannot write the briefs: {os_error(exc)}; nothing was written")
            return EXIT_USAGE
        other = archetype.same_slug(settings, target)
        if other is not None:
            terminal.say(
                f"{display_path(other)} already has the slug {target.stem!r}; nothing was written"
            )
            return EXIT_USAGE
    for target, yaml_text in converted:
        if not _write_brief(root, target, yaml_text):
            return EXIT_USAGE
    return EXIT_OK


def _import_root(briefs: Path, out: Path | None) -> Path:
    """The folder ``briefs import`` writes in, below which no link is followed: the briefs
    folder, also for an ``--out`` inside it (so a linked month folder there is refused),
    else ``--out`` itself (generator/build/guard.py checked it)."""
    if out is None:
        return briefs
    inside = Path(os.path.abspath(out)).is_relative_to(os.path.abspath(briefs))
    return briefs if inside else out


def _below(root: Path, path: Path) -> Path:
    """``path`` relative to ``root``, by their names (links are for the writer to refuse)."""
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(root))


def _write_brief(root: Path, path: Path, text: str) -> bool:
    """Write a new brief file below ``root``, never over one nor through a link, and print
    its path; or say why not."""
    try:
        archetype.write_new(root, path, text)
    except FileExistsError:
        terminal.say(f"{display_path(path)} already exists; not replaced")
        return False
    except guard.UnsafeOutput as exc:
        terminal.say(str(exc))
        return False
    except OSError as exc:
        terminal.say(f"cannot write the brief: {os_error(exc)}")
        return False
    terminal.result(visible(display_path(path)))
    return True


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def generate_tree(site: Site, out: Path, *, drafts: bool, now: datetime | None = None) -> int:
    """The Markdown tree into ``out``: only what changed is rewritten, stale generated pages
    removed, files newsbriefs did not write never touched."""
    try:
        project = guard.Project.of(site.settings, site.config_file, custom_dir_of(site.config))
        # Not `replaced`: write_tree never removes or replaces a file it did not write, so
        # the tree may go into a folder that holds other files.
        target = guard.check_output(
            out, project, role="--out", advice="choose another folder", replaced=False
        )
    except (ValueError, guard.UnsafeOutput) as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    when = _build_time(now)
    if when is None:
        return EXIT_USAGE
    generated = generate_or_report(site, drafts=drafts, strict=False, publishing=True, now=when)
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
    left = report.left_line()
    if left is not None:  # listed, but not as newsbriefs wrote them: never removed
        terminal.say(f"{out}: {left}")
    return EXIT_OK


def generate_or_report(
    site: Site, *, drafts: bool, strict: bool, publishing: bool, now: datetime
) -> Generated | None:
    """Run the pipeline as of ``now`` and print its problems, the way the plugin logs them
    (policy.py). None when errors (or, if strict, warnings) mean nothing may be published."""
    settings = site.settings
    generated: Generated | None
    asked = drafts or drafts_asked()
    try:
        generated = generate(
            settings, drafts=policy.include_drafts(settings, requested=asked), now=now
        )
        problems = generated.warnings
    except BriefsError as exc:
        generated, problems = None, exc.problems
    verdict = _report(problems, settings, strict=strict, publishing=publishing)
    return None if verdict.failed or generated is None else generated


def _report(
    problems: Sequence[Problem],
    settings: Settings,
    *,
    strict: bool,
    publishing: bool,
    output: checking.Format = "text",
) -> policy.Verdict:
    """How every command that reads the briefs ends on them: each problem printed (as
    ``path:line:col`` lines with their annotations, or in ``output``'s format), then, when
    they fail the run, the closing line (policy.py). The verdict says whether they did."""
    verdict = policy.Verdict(problems, strict=strict, briefs_dir=settings.briefs_path)
    if output == "json":
        terminal.lines([checking.as_json(problems)])
    elif output == "github":
        terminal.lines(verdict.github_lines())
    else:
        terminal.problems(sorted(problems, key=Problem.sort_key))
        terminal.lines(verdict.annotations())
    if verdict.failed:
        terminal.note(verdict.summary(publishing=publishing))
    return verdict


def build(
    site: Site,
    engine: engines.Engine,
    *,
    strict: bool,
    drafts: bool,
    site_dir: Path | None,
    now: datetime | None = None,
    full: bool = False,
    jobs: int | None = None,
    shard: Shard | None = None,
) -> int:
    """Build the site with ``engine`` into a fresh folder, swapped into site_dir only when
    the build succeeds; one build of a project at a time (the others wait). The whole
    build is made as of one instant (``now``, else the environment's or the clock's:
    generator/build/request.py).

    Incremental unless ``full``: the pages whose inputs did not change since the last build
    keep their HTML (generator/build/incremental.py); the site is the same, file by file.
    A build that is not incremental runs ``jobs`` engine processes (default: one per core),
    each rendering a share of the pages, merged into one site (generator/build/shards.py).
    With ``shard``, only that share is built, into a shard folder for ``briefs merge``."""
    start = time.perf_counter()
    when = _build_time(now)
    if when is None:
        return EXIT_USAGE
    if not _engine_installed(engine):
        return EXIT_USAGE
    if shard is not None:
        refusal = _no_shards_reason(site, engine)
        if refusal is not None:
            terminal.say(f"--shard: {refusal}; build the site in one with 'briefs build'")
            return EXIT_USAGE
        site_dir = site_dir or default_shard_dir(site.site_dir, shard)
    missing = engines.missing_extensions(engine, site.config)
    if missing:
        terminal.say(
            f"{site.config_file}: markdown_extensions must list {', '.join(missing)}; "
            "the generated pages need them"
        )
        return EXIT_USAGE
    project = guard.Project.of(site.settings, site.config_file, custom_dir_of(site.config))
    try:
        target = engines.check_outputs(engine, site_dir or site.site_dir, project)
        with (
            site_folder.build_lock(project.root),
            terminal.progress(f"building with {engine.name}") as shown,
        ):
            # Again: a build we waited for may have changed what is there.
            engines.check_outputs(engine, target, project)
            site_folder.remove_leftovers(target, project.root)
            request = _request(
                site,
                engine,
                project.root,
                target,
                strict=strict,
                drafts=drafts,
                now=when,
                full=full,
                cold=shard is not None,
            )
            shards = _shards(site, engine, request, jobs=jobs, shard=shard)
            status, outcome = _build_locked(
                site, engine, request, root=project.root, progress=shown, shards=shards
            )
    except guard.UnsafeOutput as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot build: {os_error(exc)}")
        return EXIT_USAGE
    if status is not None:
        return status
    seconds = time.perf_counter() - start
    if engine.runs_plugin:
        terminal.note(_build_kind(outcome, full=full, plugins=site.config))
    if shard is not None:
        terminal.note(f"shard {shard}: merge the shard folders with 'briefs merge'")
    elif len(shards) > 1:
        terminal.note(f"{len(shards)} processes (--jobs), each rendering a share of the pages")
    size = site_size.measure(target)
    terminal.note(visible(size.describe(_shown(target))))
    too_big = size.pages_warning(_shown(target))
    if too_big:
        terminal.say(too_big)
    summary = policy.build_summary(_shown(target), engine.name, outcome.counts(), seconds)
    terminal.result(visible(f"briefs: {summary}"))
    return EXIT_OK


def _request(
    site: Site,
    engine: engines.Engine,
    root: Path,
    site_dir: Path,
    *,
    strict: bool,
    drafts: bool,
    now: datetime,
    full: bool,
    cold: bool = False,
) -> BuildRequest:
    """What this build asks of the engine, decided once, under the lock: incremental when
    not ``full`` nor ``cold`` (a shard), the site's plugins allow it, and the site in place
    has its manifest."""
    state_dir = root / site_folder.STATE_DIR
    previous = incremental.manifest_path(state_dir, site_dir)
    reuses = engine.runs_plugin and not (full or cold) and _full_build_reason(site) is None
    return BuildRequest(
        config_file=site.config_file.resolve(),
        site_dir=site_dir,
        now=now,
        strict=strict,
        drafts=drafts or drafts_asked(),
        full=full,
        # Whatever is there, the plugin reads as kept state (generator/build/state.py): one
        # that is not a regular file is ignored there, in one line.
        incremental=reuses and os.path.lexists(previous) and site_dir.is_dir(),
        state_dir=state_dir,
        timings=timings_asked(),
    )


BRIEFS_PER_JOB = 100
"""Without ``--jobs``, a site gets one more process per this many briefs, up to one per core:
each process starts MkDocs and reads every brief, about 2 s of CPU, which a small site's
pages would not repay (the sample site's 22 briefs build in one)."""


def default_jobs() -> int:
    """One engine process per core this process may use."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_shard_dir(site_dir: Path, shard: Shard) -> Path:
    """Where ``--shard K/N`` builds without ``-d``: beside site_dir."""
    return site_dir.with_name(f"{site_dir.name}-shard-{shard.index}-of-{shard.count}")


def _no_shards_reason(site: Site, engine: engines.Engine) -> str | None:
    """Why this site cannot be built in shares, or None when it can."""
    if not engine.runs_plugin:
        return f"the {engine.name} engine runs no plugins, so it cannot build a share of the pages"
    plugins = _full_build_reason(site)
    if plugins is not None:
        return plugins
    return None


def _shards(
    site: Site,
    engine: engines.Engine,
    request: BuildRequest,
    *,
    jobs: int | None,
    shard: Shard | None,
) -> list[Shard]:
    """The shares this build runs, one engine process each; none: one process, every page
    (``--jobs 1``, an incremental build, or a site that cannot be built in shares, which a
    note says when ``--jobs`` asked for more)."""
    if shard is not None:
        return [shard]
    if jobs == 1:
        return []
    reason = _no_shards_reason(site, engine)
    if reason is None and request.incremental:
        reason = "an incremental build renders few pages"
    if reason is not None:
        if jobs is not None:
            terminal.note(f"--jobs {jobs}: one process, since {reason}")
        return []
    if jobs is None:
        found, _ = discover(site.settings.briefs_path)
        jobs = min(default_jobs(), len(found) // BRIEFS_PER_JOB or 1)
    return [Shard(index=index, count=jobs) for index in range(1, jobs + 1)] if jobs > 1 else []


def _build_locked(
    site: Site,
    engine: engines.Engine,
    request: BuildRequest,
    *,
    root: Path,
    progress: terminal.Progress,
    shards: list[Shard],
) -> tuple[int | None, BuildOutcome]:
    """The build, under the project's lock: None when it succeeded, else the exit status;
    and how it went (briefs, pages, warnings, what was reused) for the closing lines."""
    staged = None
    finish: Callable[[Path], None] | None = None
    ours: BuildOutcome | None = None
    if not engine.runs_plugin:
        progress.phase("reading briefs and rendering pages")
        generated = generate_or_report(
            site, drafts=request.drafts, strict=request.strict, publishing=True, now=request.now
        )
        if generated is None:
            return EXIT_PROBLEMS, BuildOutcome()
        ours = BuildOutcome(**policy.counts(generated), warnings=len(generated.warnings))
        try:
            progress.phase("writing the Markdown tree")
            staged = zensical.stage_for_zensical(
                site.config_file, site.config, site.settings, generated
            )
            finish = _sitemap_finisher(site, generated)
        except WriteError as exc:
            terminal.say(str(exc))
            return EXIT_PROBLEMS, BuildOutcome()
    try:
        if shards:
            progress.phase(f"running {engine.name} ({len(shards)} processes)")
            status, outcome = engines.build_shards(
                engine, request, shards, root=root, on_line=progress.on_line
            )
        else:
            progress.phase(f"running {engine.name}")
            status, outcome = engines.build_site(
                engine,
                request,
                root=root,
                staged=staged,
                on_line=progress.on_line,
                finish=finish,
            )
    except (sitemap_files.SitemapClash, sitemap_files.SitemapError) as exc:
        terminal.say(f"{exc}; {_shown(request.site_dir)} was left as it was")
        return EXIT_PROBLEMS, BuildOutcome()
    if status != 0:
        # The plugin said the briefs are at fault: say that, not "the engine failed".
        blame = (
            outcome.summary.removesuffix("; nothing was published.")
            if outcome is not None and outcome.failed
            else f"{engine.name} build failed (exit status {status})"
        )
        terminal.say(f"{blame}; {_shown(request.site_dir)} was left as it was")
        return EXIT_PROBLEMS, BuildOutcome()
    return None, ours or outcome or BuildOutcome()


def _sitemap_finisher(site: Site, generated: Generated) -> Callable[[Path], None]:
    """For an engine without our plugin: its sitemap split, as the plugin splits MkDocs'."""

    def finish(site_dir: Path) -> None:
        sitemap_files.split_sitemap(site_dir, generated.index, site.settings)

    return finish


def merge_shards(site: Site, folders: Sequence[Path], *, site_dir: Path | None) -> int:
    """Assemble the shard folders of one sharded build into the site (generator/build/merge.py):
    checked before anything is written, then swapped in whole as a build's site is, so
    shards that do not make one site leave the old one as it was."""
    project = guard.Project.of(site.settings, site.config_file, custom_dir_of(site.config))
    try:
        shards = [merge.read(folder) for folder in folders]
        merge.check(shards)
        writer = engines.ENGINES[engines.DEFAULT_ENGINE]  # what a merge writes: a site
        target = engines.check_outputs(writer, site_dir or site.site_dir, project)
        with site_folder.build_lock(project.root):
            engines.check_outputs(writer, target, project)
            site_folder.remove_leftovers(target, project.root)
            scratch = site_folder.Scratch.for_site(target, project.root)
            final = scratch.make("build")
            try:
                merge.assemble(shards, final, move=False)
                guard.mark_site(final)
                state_dir = project.root / site_folder.STATE_DIR
                # The shards' own records of what they generated stayed on their machines:
                # the next build of this site is a full one.
                incremental.manifest_path(state_dir, target).unlink(missing_ok=True)
                site_folder.swap_in(final, target, scratch)
            finally:
                site_folder.remove(final)
    except merge.MergeError as exc:
        terminal.say(f"{exc}; {_shown(site_dir or site.site_dir)} was left as it was")
        return EXIT_PROBLEMS
    except guard.UnsafeOutput as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        terminal.say(f"cannot merge: {os_error(exc)}")
        return EXIT_USAGE
    files = sum(len(shard.manifest.files) for shard in shards)
    terminal.result(
        visible(f"briefs: merged {len(shards)} shards into {_shown(target)}: {files:,} files")
    )
    return EXIT_OK


def _full_build_reason(site: Site) -> str | None:
    """Why this site always builds in full (a plugin that needs every page), or None."""
    return incremental.full_build_reason(incremental.config_plugin_names(site.config))


def _build_kind(outcome: BuildOutcome, *, full: bool, plugins: Mapping[str, Any]) -> str:
    """The line that says which kind of build ran, and why a full one."""
    if outcome.incremental:
        rendered, pages = outcome.rendered_pages, outcome.pages or 0
        return f"incremental build: {rendered} of {pages} pages rendered, the others reused"
    if full:
        return "full build (--full)"
    reason = incremental.full_build_reason(incremental.config_plugin_names(plugins))
    reason = reason or outcome.full_reason or "no previous build to reuse"
    if reason == "not a dirty build":
        reason = "no previous build to reuse"
    return f"full build: {reason}"


ScheduleFormat = Literal["text", "github"]


def next_go_live(site: Site, *, output: ScheduleFormat, now: datetime | None = None) -> int:
    """Print when a scheduled brief next goes live (ISO, UTC), or nothing; ``github``: also
    the step outputs ``next`` and ``seconds`` in $GITHUB_OUTPUT, for a CI job to wait on."""
    when = _build_time(now)
    if when is None:
        return EXIT_USAGE
    if step_outputs_missing(output):
        return EXIT_USAGE
    upcoming, problems = next_release(site.settings, now=when)
    if _report(problems, site.settings, strict=False, publishing=False).failed:
        return EXIT_PROBLEMS
    shown = schedule.iso_utc(upcoming) if upcoming else ""
    if upcoming:
        terminal.result(shown)
    seconds = str(schedule.seconds_until(upcoming, when)) if upcoming else ""
    return write_step_outputs(output, {"next": shown, "seconds": seconds})


def step_outputs_missing(output: str) -> bool:
    """Whether ``--format github`` was asked for where $GITHUB_OUTPUT is not set (said so):
    checked before any work, so a misconfigured CI step fails at once."""
    if output == "github" and not os.environ.get("GITHUB_OUTPUT"):
        terminal.say("--format github writes to $GITHUB_OUTPUT, which is not set here")
        return True
    return False


def write_step_outputs(output: str, values: Mapping[str, str]) -> int:
    """With ``--format github``, append each ``name=value`` to $GITHUB_OUTPUT (a GitHub
    Actions step's outputs); EXIT_OK, or EXIT_USAGE when the file cannot be written."""
    target = os.environ.get("GITHUB_OUTPUT")
    if output != "github" or not target:
        return EXIT_OK
    try:
        with open(target, "a", encoding="utf-8") as step_outputs:
            step_outputs.write("".join(f"{name}={value}\n" for name, value in values.items()))
    except OSError as exc:
        terminal.say(f"cannot write the step outputs: {os_error(exc)}")
        return EXIT_USAGE
    return EXIT_OK


def _engine_installed(engine: engines.Engine) -> bool:
    """Whether ``engine`` can run here; if not, say what to install."""
    if engine.installed():
        return True
    terminal.say(
        f"the {engine.name} engine is not installed; "
        f"install it with: pip install '{engine.package}'"
    )
    return False


def serve(site: Site, engine: engines.Engine, *, dev_addr: str | None) -> int:
    """Preview with live reload: the engine's own server, with our plugin (drafts and
    scheduled briefs shown and marked, problems shown as a page: generator/build/plugin.py)."""
    if not engine.runs_plugin:
        terminal.say(
            f"the {engine.name} engine runs no plugins, so it cannot preview briefs; "
            "use --engine mkdocs or properdocs"
        )
        return EXIT_USAGE
    if not _engine_installed(engine):
        return EXIT_USAGE
    status = engines.run_preview(engine, site.config_file, dev_addr)
    return EXIT_OK if status == 0 else EXIT_USAGE


def _build_time(now: datetime | None) -> datetime | None:
    """The run's build time (generator/build/request.py), or None after saying why the
    environment's is unusable (a bad SOURCE_DATE_EPOCH)."""
    try:
        return build_time(now)
    except schedule.BadTime as exc:
        terminal.say(str(exc))
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
