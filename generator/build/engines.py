"""The publishing engines, and one build run with one of them.

One small declaration per engine in :data:`ENGINES`. MkDocs and ProperDocs (the MkDocs 1.x
fork) run the ``briefs`` plugin, which adds the pages in memory; ``briefs build`` hands the
plugin its :class:`~generator.build.request.BuildRequest` (:func:`run_engine`) and reads
the outcome back. Zensical runs no MkDocs plugins, so for it the pipeline's Markdown tree
is staged on disk first (generator/build/zensical.py).

Every engine builds into a fresh folder, swapped into site_dir only when the build succeeds
(:func:`build_site`, with generator/build/site_folder.py), so a failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import guard, incremental, merge
from generator.build.request import BuildOutcome, BuildRequest, Shard
from generator.build.site_folder import STATE_DIR, TEMP_DIR, Scratch, remove, swap_in
from generator.build.zensical import ZENSICAL_CACHE, ZENSICAL_DIR
from generator.settings import config_entries

ZENSICAL_VERSION = "0.0.73"
"""Pinned: the newest Zensical that installs from the package index we build with (0.0.74
and later need ``zensical-ui``, which is not published there). Zensical is pre-1.0 and
changes between releases; move the pin on purpose, with `make test`."""

REQUIRED_MARKDOWN_EXTENSIONS: tuple[str, ...] = ("admonition", "attr_list", "toc")
"""Every Markdown extension the generated pages use: ``!!!`` boxes, ``{: .class }`` and
heading ids. Each engine renders these (Zensical enables them by default); the templates
must use no other extension's syntax (tests/build/test_engines.py checks both)."""


@dataclass(frozen=True)
class Engine:
    """How to run one engine: ``python -m <name> build -f CONFIG [--strict] ...``."""

    name: str
    """The engine's command and Python module."""
    package: str
    """What to ``pip install`` when it is missing."""
    runs_plugin: bool
    """Runs MkDocs plugins (ours adds the pages); otherwise the tree is staged on disk."""
    site_dir_option: str | None
    """The option that sets the output folder, or None when only the config can."""

    def installed(self) -> bool:
        return importlib.util.find_spec(self.name) is not None

    def serve_command(self, config_file: Path, dev_addr: str | None) -> list[str]:
        """The command that previews ``config_file`` with live reload (engines that run
        our plugin: it shows drafts and scheduled briefs, and problems as a page). Dirty:
        a save re-renders only the pages whose content changed (generator/build/incremental.py)."""
        command = [
            *(sys.executable, "-m", self.name, "serve", "--dirty"),
            *("--config-file", str(config_file)),
        ]
        return command + (["--dev-addr", dev_addr] if dev_addr else [])

    def build_command(self, config_file: Path, site_dir: Path, request: BuildRequest) -> list[str]:
        """The command that builds ``config_file`` into ``site_dir`` as ``request`` asks. For
        an engine without ``site_dir_option``, ``site_dir`` must be the one its config names.
        An incremental request runs dirty: only files whose ``is_modified()`` is true are
        rendered (generator/build/reuse.py); so does a shard's (generator/build/shards.py)."""
        command = [sys.executable, "-m", self.name, "build", "--config-file", str(config_file)]
        if request.strict:
            command.append("--strict")  # never with -q: MkDocs would then hide the warnings
        if request.incremental or request.shard is not None:
            command.append("--dirty")  # a shard: every other share's files are "unmodified"
        if self.site_dir_option:
            command += [self.site_dir_option, str(site_dir)]
        return command


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", runs_plugin=True, site_dir_option="--site-dir"),
        Engine("properdocs", "properdocs", runs_plugin=True, site_dir_option="--site-dir"),
        Engine(
            "zensical", f"zensical=={ZENSICAL_VERSION}", runs_plugin=False, site_dir_option=None
        ),
    )
}
DEFAULT_ENGINE = "mkdocs"


# ---------------------------------------------------------------------------------------------
# The site's config, as far as a build needs it.


def extension_names(config: Mapping[str, Any]) -> set[str] | None:
    """The names in ``markdown_extensions``, or None when the config has no such key."""
    if "markdown_extensions" not in config:
        return None
    names: set[str] = set()
    for name, options in config_entries(config["markdown_extensions"]):
        if name == "pymdownx" and isinstance(config["markdown_extensions"], dict):
            names |= {f"pymdownx.{sub}" for sub in options or {}}
        names.add(name)
    return {name.removeprefix("markdown.extensions.") for name in names}


def missing_extensions(engine: Engine, config: Mapping[str, Any]) -> list[str]:
    """The required extensions this engine would not load with this config.

    With no ``markdown_extensions`` key MkDocs loads none of them, and Zensical loads its
    defaults (which include them); with the key, both load only what it lists (and toc).
    """
    listed = extension_names(config)
    if listed is None:
        return (
            []
            if not engine.runs_plugin
            else [name for name in REQUIRED_MARKDOWN_EXTENSIONS if name != "toc"]
        )
    return [name for name in REQUIRED_MARKDOWN_EXTENSIONS if name not in listed | {"toc"}]


# ---------------------------------------------------------------------------------------------
# What a build writes, checked before anything is written (generator/build/guard.py).


def check_outputs(engine: Engine, site_dir: Path, project: guard.Project) -> Path:
    """Refuse (:class:`~generator.build.guard.UnsafeOutput`) any folder a build of this project
    would write into or remove; returns ``site_dir`` absolute."""
    site = guard.check_output(
        site_dir,
        project,
        role="site_dir",
        advice="choose another folder with -d, or another site_dir in the config",
        replaced=True,
    )
    state_dir = guard.shown(project.root / STATE_DIR)
    state = f"remove {state_dir} (newsbriefs makes it again) and build again"
    guard.check_output(
        project.root / TEMP_DIR, project, role="temporary folder", advice=state, replaced=False
    )
    if engine.runs_plugin:
        guard.check_output(
            project.root / STATE_DIR / incremental.MANIFEST_DIR,
            project,
            role="folder of build manifests",
            advice=state,
            replaced=False,
        )
    if not engine.runs_plugin:
        stage = project.root / ZENSICAL_DIR
        guard.check_tree(stage / "docs", project, role="Zensical's staged tree", advice=state)
        guard.check_output(
            stage / "site", project, role="Zensical's output", advice=state, replaced=False
        )
        guard.check_output(  # Zensical writes its cache there
            stage / ZENSICAL_CACHE, project, role="Zensical's cache", advice=state, replaced=False
        )
    return site


def run_engine(
    engine: Engine,
    config_file: Path,
    out_dir: Path,
    *,
    request: BuildRequest,
    on_line: Callable[[str], None] | None = None,
) -> int:
    """Run one build; the engine's output goes straight to ours, or line by line to
    ``on_line`` (a progress display shows it). Returns its exit status.

    The one place a request crosses to the engine's process: on its command line (what
    MkDocs itself must know: ``--strict``, ``--dirty``) and, for our plugin, whole
    (:meth:`~generator.build.request.BuildRequest.environment`).
    The engine runs in its own process group, so Ctrl-C in a terminal reaches only us: we
    end it and say so in one line, instead of two programs printing their own tracebacks.
    It also ends when we do, even killed (:func:`_ends_with_parent`).
    """
    with _start_engine(engine, config_file, out_dir, request, piped=on_line is not None) as child:
        try:
            if on_line is not None and child.stdout is not None:
                for line in child.stdout:
                    on_line(line.rstrip("\n"))
            return child.wait()
        except BaseException:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
            raise


def _start_engine(
    engine: Engine, config_file: Path, out_dir: Path, request: BuildRequest, *, piped: bool
) -> subprocess.Popen[str]:
    """Start one build in its own process group (:func:`run_engine`); ``piped``: its output
    comes back on its stdout, line by line."""
    child_env = {**os.environ, **request.environment()}
    # Material's end-of-life notice on every build: README's "Choosing an engine" covers it.
    child_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = engine.build_command(config_file, out_dir, request)
    return subprocess.Popen(
        command,
        cwd=config_file.parent,
        env=child_env,
        process_group=0 if os.name == "posix" else None,
        preexec_fn=_ends_with_parent(),
        stdout=subprocess.PIPE if piped else None,
        stderr=subprocess.STDOUT if piped else None,
        text=True,
        errors="replace",
    )


def run_engines(
    engine: Engine,
    config_file: Path,
    runs: Sequence[tuple[Path, BuildRequest]],
    *,
    on_line: Callable[[str], None] | None = None,
) -> list[int]:
    """Run several builds at once (the shards of ``--jobs``), each ``(out_dir, request)``
    as :func:`run_engine` runs one; their exit statuses, in order.

    Their output is read line by line and passed on once: a line every shard prints (a
    brief's warning, which each one's pipeline finds) shows once, not once per shard. It
    goes to ``on_line``, else to stderr. Interrupted, every build is ended."""
    children: list[subprocess.Popen[str]] = []
    seen: set[str] = set()
    lock = threading.Lock()

    def relay(child: subprocess.Popen[str]) -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            line = raw.rstrip("\n")
            with lock:
                if line in seen:
                    continue
                seen.add(line)
                if on_line is not None:
                    on_line(line)
                else:
                    print(line, file=sys.stderr, flush=True)

    readers: list[threading.Thread] = []
    try:
        for out_dir, request in runs:
            children.append(_start_engine(engine, config_file, out_dir, request, piped=True))
            readers.append(threading.Thread(target=relay, args=(children[-1],), daemon=True))
            readers[-1].start()
        return [child.wait() for child in children]
    except BaseException:
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        raise
    finally:
        for reader in readers:
            reader.join(timeout=10)  # the pipe ends with its process
        for child in children:
            if child.stdout is not None:
                child.stdout.close()


def run_preview(engine: Engine, config_file: Path, dev_addr: str | None) -> int:
    """Run the engine's live-reload server until it ends; its exit status.

    The server runs in a process group of its own, as builds do, and hears of Ctrl-C from
    us alone: however we are stopped (Ctrl-C in a terminal, which signals our group; SIGINT
    sent to our process only, as a process manager or an editor's task runner does;
    SIGTERM, SIGHUP), we ask it once to shut down as on Ctrl-C, and it ends in about a
    second, removing its temporary site. Sharing our group, it was asked by the terminal
    and not by us when only we were signalled, so we waited our whole grace period (10 s)
    for a server that never heard, then killed it, leaving its temporary site behind.
    """
    env = {**os.environ}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = engine.serve_command(config_file, dev_addr)
    own_group = os.name == "posix"
    with subprocess.Popen(
        command,
        cwd=config_file.parent,
        env=env,
        process_group=0 if own_group else None,
        preexec_fn=_ends_with_parent(),
    ) as child:
        try:
            return child.wait()
        except BaseException as stop:
            # Elsewhere (Windows) the console's Ctrl-C reaches the server by itself.
            if own_group or not isinstance(stop, KeyboardInterrupt):
                child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=PREVIEW_GRACE)
            except subprocess.TimeoutExpired:
                child.kill()
            raise


PREVIEW_GRACE = 10.0
"""Seconds the preview server may take to shut down once asked, before it is killed: it
takes about one (MkDocs' server stops polling within 0.25 s, then removes its temporary
site), so this is a bound for a stuck server on a loaded machine, not a wait."""


_PR_SET_PDEATHSIG = 1


def _ends_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has Linux send the child SIGTERM when this process dies, even
    by SIGKILL (``prctl(PR_SET_PDEATHSIG)``). None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(143)

    return preexec


def build_site(
    engine: Engine,
    request: BuildRequest,
    *,
    root: Path,
    staged: Path | None = None,
    on_line: Callable[[str], None] | None = None,
    finish: Callable[[Path], None] | None = None,
) -> tuple[int, BuildOutcome | None]:
    """Build as ``request`` asks into a fresh folder and swap it into its site_dir on
    success; on failure, or when interrupted, remove it and leave site_dir as it was.
    ``root`` is the project folder (temporary folders go to its :data:`TEMP_DIR`);
    ``staged`` is the derived config of an engine without our plugin
    (generator/build/zensical.py); ``finish`` completes an engine's site before it is
    swapped in (Zensical's sitemap split as the plugin splits MkDocs'). Call it holding
    :func:`~generator.build.site_folder.build_lock`. Returns the engine's exit status and
    what our plugin said of the build (None from an engine without it, or when it did not
    get that far).

    With our plugin, the build leaves a manifest of what it generated, which replaces the
    site's (:attr:`~generator.build.request.BuildRequest.manifest`) once the new site is in
    place; an incremental request reuses the outputs of the site that the old one lists
    (generator/build/reuse.py)."""
    site_dir, state_dir = request.site_dir, request.state_dir
    assert state_dir is not None, "briefs build keeps its state in the project"
    scratch = Scratch.for_site(site_dir, root)
    manifest = incremental.manifest_path(state_dir, site_dir)
    if engine.runs_plugin:
        out = scratch.make("build")
        run_config = request.config_file
    else:
        assert staged is not None, f"{engine.name} builds a staged tree"
        run_config = staged
        out = staged.parent / "site"
        remove(out)
        remove(staged.parent / ZENSICAL_CACHE)  # unsigned state: cleared, never reused
        manifest.unlink(missing_ok=True)  # the next site is not one the plugin built
    handoff: Path | None = None
    try:
        if engine.runs_plugin:
            # The outcome and the new manifest come back through a folder of this build,
            # named as a build's leftovers are, beside the manifests (one file system).
            handoff = Scratch(root / TEMP_DIR, "").make("build")
            request = request.model_copy(update={"handoff": handoff})
        status = run_engine(engine, run_config, out, request=request, on_line=on_line)
        outcome = BuildOutcome.load(request.outcome_file) if request.outcome_file else None
        if status == 0 and not out.is_dir():
            print(f"briefs: {engine.name} reported success but wrote no site", file=sys.stderr)
            status = 1
        if status == 0 and finish is not None:
            finish(out)
        if status == 0:
            guard.mark_site(out)
            manifest.unlink(missing_ok=True)  # describes the site swapped out next
            swap_in(out, site_dir, scratch)
            new_manifest = request.new_manifest
            if new_manifest is not None and new_manifest.is_file():
                manifest.parent.mkdir(exist_ok=True)
                os.replace(new_manifest, manifest)
        return status, outcome
    finally:
        remove(out)
        if handoff is not None:
            remove(handoff)


def build_shards(
    engine: Engine,
    request: BuildRequest,
    shards: Sequence[Shard],
    *,
    root: Path,
    on_line: Callable[[str], None] | None = None,
) -> tuple[int, BuildOutcome | None]:
    """Build ``shards`` of the site at once, one engine run each (generator/build/shards.py),
    like :func:`build_site`: into fresh folders, and only when every one succeeds is
    anything swapped into ``request.site_dir``. Several shards (``--jobs``) are merged into
    the site there (generator/build/merge.py), with the manifest of what they generated
    for the next, incremental, build; a single shard (``--shard K/N``) becomes the shard
    folder there, for ``briefs merge``. Returns the exit status and the first share's
    outcome (every share reads the same briefs), or that of a share the briefs failed."""
    site_dir, state_dir = request.site_dir, request.state_dir
    assert engine.runs_plugin and state_dir is not None and not request.incremental
    scratch = Scratch.for_site(site_dir, root)
    made: list[Path] = []
    runs: list[tuple[Path, BuildRequest]] = []
    try:
        for shard in shards:
            out, handoff = scratch.make("build"), Scratch(root / TEMP_DIR, "").make("build")
            made += [out, handoff]
            runs.append((out, request.model_copy(update={"handoff": handoff, "shard": shard})))
        statuses = run_engines(engine, request.config_file, runs, on_line=on_line)
        outcomes = [BuildOutcome.load(run.outcome_file) for _, run in runs if run.outcome_file]
        failed = next((status for status in statuses if status != 0), 0)
        if failed:
            blamed = [outcome for outcome in outcomes if outcome is not None and outcome.failed]
            return failed, (blamed or outcomes)[0]
        folders = []
        for out, run in runs:
            assert run.shard is not None and run.share_file is not None
            if not out.is_dir():
                print(f"briefs: {engine.name} reported success but wrote no site", file=sys.stderr)
                return 1, outcomes[0]
            described = merge.describe(out, run.share_file, run.shard)
            folders.append(merge.ShardFolder(out, described, f"shard {run.shard}"))
        final = scratch.make("build")
        made.append(final)
        if len(folders) == 1:
            merge.pack(folders[0].site, folders[0].manifest, final)
            swap_in(final, site_dir, scratch)
            return 0, outcomes[0]
        merge.assemble(folders, final, move=True)
        guard.mark_site(final)
        manifest = incremental.manifest_path(state_dir, site_dir)
        manifest.unlink(missing_ok=True)  # describes the site swapped out next
        swap_in(final, site_dir, scratch)
        merged = _merged_manifest([run.new_manifest for _, run in runs if run.new_manifest])
        if merged is not None:
            manifest.parent.mkdir(exist_ok=True)
            merged.save(manifest)
        return 0, outcomes[0]
    except merge.MergeError as exc:
        print(f"briefs: {exc}", file=sys.stderr)
        return 1, None
    finally:
        for folder in made:
            remove(folder)


def _merged_manifest(paths: Sequence[Path]) -> incremental.Manifest | None:
    """One manifest for a site merged from shards: each file as the share that wrote it
    recorded it (the others recorded no output for it). None, so the next build is a full
    one, unless every share left one and they agree on all the site shares."""
    manifests = [incremental.Manifest.load(path) for path in paths if path.is_file()]
    found = [manifest for manifest in manifests if manifest is not None]
    if not found or len(found) != len(paths):
        return None
    first = found[0]
    shared = (first.fingerprint, first.nav_config, first.nav, first.titles)
    if any((m.fingerprint, m.nav_config, m.nav, m.titles) != shared for m in found):
        return None
    merged = incremental.Manifest(first.fingerprint, first.nav_config, first.nav)
    merged.titles = dict(first.titles)
    for manifest in found:
        for src, output in manifest.files.items():
            if output.stat is not None or src not in merged.files:
                merged.files[src] = output
    return merged
