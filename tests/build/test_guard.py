"""Commands and folders: what `briefs` and the plugin may write, remove, read and leave behind.

Each test builds a real project in a tmp folder. Where the old behaviour was destructive
(`-d ..`, `--out /`), the engine or the writer is replaced by a spy, so that this file run
against a version without the guard fails without deleting anything. Signals, concurrency and
the plugin run real processes; everything else calls `generator.cli.main.main` in-process. See
BAD_INPUT.md, "Commands and folders".
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build import engines, guard, site_folder, zensical
from generator.build.write import MANIFEST
from generator.cli import commands
from generator.cli.main import main
from generator.source.loader import discover, load_brief
from support import BIN, SiteFactory, brief_yaml, run, tree_digest
from support.files import unblock_after

SITE_ADVICE = "choose another folder with -d, or another site_dir in the config"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site in ``tmp_path/project`` (so that ``..`` is still a tmp folder), as the
    working folder."""
    root = tmp_path / "project"
    SiteFactory(root).create({"a.yaml": brief_yaml(), "b.yaml": brief_yaml(category="Energy")})
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the engine with one that writes a two-file site at once; returns the folders
    it built into."""
    calls: list[Path] = []

    def fake(engine: engines.Engine, config: Path, out: Path, **_: object) -> int:
        calls.append(out)
        out.mkdir(exist_ok=True)
        (out / "index.html").write_text("<h1>new</h1>", "utf-8")
        (out / "sitemap.xml").write_text("<urlset/>", "utf-8")
        return 0

    monkeypatch.setattr(engines, "run_engine", fake)
    return calls


@pytest.fixture
def no_build(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail the test if a build starts (a version without the guard would build, and
    remove, where it was told to)."""
    calls: list[object] = []

    def spy(*args: object, **kwargs: object) -> int:
        calls.append(args)
        raise AssertionError(f"build_site ran with {args}")

    monkeypatch.setattr(engines, "build_site", spy)
    return calls


def briefs(*argv: str) -> int:
    return main(list(argv))


# ---------------------------------------------------------------------------------------------
# Sources are never an output folder.


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("briefs", "it is the briefs folder"),
        ("docs", "it is docs_dir"),
        (".", "it is the project folder"),
        ("..", "it contains the project folder"),
        ("mkdocs.yml", "it is the config file"),
        ("/", "it is the root of the file system"),
        ("briefs/2026", "it is inside the briefs folder (briefs)"),
        ("docs/site", "it is inside docs_dir (docs)"),
        ("/dev/null", "it is not a folder but a character device"),
    ],
)
def test_build_refuses_a_source_as_site_dir(
    project: Path,
    no_build: list[object],
    capsys: pytest.CaptureFixture[str],
    target: str,
    reason: str,
) -> None:
    before = tree_digest(project.parent)
    assert briefs("build", "-d", target) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefs: refusing site_dir ") and f": {reason}" in err, err
    assert err.endswith(f"; {SITE_ADVICE}\n") and err.count("\n") == 1
    assert tree_digest(project.parent) == before
    assert not (project / ".newsbriefs").exists()  # nothing written before the guard passed


def test_build_refuses_a_folder_it_did_not_build(
    project: Path, no_build: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("keep me", "utf-8")
    assert briefs("build", "-d", "notes") == 2
    err = capsys.readouterr().err
    assert err == (
        "briefs: refusing site_dir notes: it is a folder newsbriefs did not build (it has no "
        ".newsbriefs-site and does not look like a built site), and a build replaces it "
        f"whole; empty it yourself if nothing in it is needed, or {SITE_ADVICE}\n"
    )
    assert (project / "notes" / "todo.txt").read_text("utf-8") == "keep me"


@pytest.mark.parametrize("link", ["site", "out/site"])
def test_build_refuses_a_site_dir_reached_through_a_link(
    project: Path, no_build: list[object], capsys: pytest.CaptureFixture[str], link: str
) -> None:
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "keep.txt").write_text("keep", "utf-8")
    first = link.split("/")[0]
    (project / first).symlink_to(project / "elsewhere")
    assert briefs("build", "-d", link) == 2
    err = capsys.readouterr().err
    assert "a symbolic link (a build would act on what the link points to)" in err
    assert f"reached through {first}," in err or link == "site"
    assert (project / "elsewhere" / "keep.txt").is_file()


def test_a_site_built_before_markers_is_rebuilt_and_marked(
    project: Path, no_engine: list[Path]
) -> None:
    """An existing site/ that looks like an engine's build (signs, no sources) is accepted,
    then replaced whole by a marked one; leftovers of killed builds go on the way."""
    old = project / "site"
    (old / "search").mkdir(parents=True)
    for name in ("index.html", "404.html", "sitemap.xml", "search/search_index.json"):
        (old / name).write_text("old", "utf-8")
    dead = _dead_pid()
    temp = project / site_folder.TEMP_DIR
    temp.mkdir(parents=True)
    (temp / f"build-{dead}-0123abcd").mkdir()
    (temp / f"old-{os.getpid()}-0123abcd").mkdir()  # a live process's: kept
    (project / ".site.build-k2j_x9aq").mkdir()  # before process ids were in the names
    assert briefs("build") == 0
    assert sorted(p.name for p in old.iterdir()) == [guard.SITE_MARKER, "index.html", "sitemap.xml"]
    assert (old / "index.html").read_text("utf-8") == "<h1>new</h1>"
    assert [p.name for p in temp.iterdir()] == [f"old-{os.getpid()}-0123abcd"]
    assert not (project / ".site.build-k2j_x9aq").exists()
    assert briefs("build") == 0  # marked now


def test_what_looks_like_a_site_and_what_does_not(tmp_path: Path) -> None:
    def folder(*names: str) -> Path:
        made = tmp_path / str(len(list(tmp_path.iterdir())))
        for name in names:
            (made / name).parent.mkdir(parents=True, exist_ok=True)
            (made / name).write_text("x", "utf-8")
        return made

    def ours(made: Path) -> bool:
        return guard.is_ours(made, os.listdir(made))

    assert ours(folder("404.html", "about/index.html"))
    assert ours(folder("sitemap.xml", "search.json"))  # Zensical
    assert ours(folder("search/search_index.json"))
    assert ours(folder(guard.SITE_MARKER, "mkdocs.yml"))  # marked: ours, whatever it holds
    assert ours(folder(f"{guard.HELD_PREFIX}1-0123abcd/404.html"))  # a replace cut short
    assert not ours(folder("index.html"))  # no sign of a site
    assert not ours(folder("404.html", "mkdocs.yml"))  # a project, not a site
    assert ours(folder("404.html", ".git/HEAD"))  # a gh-pages checkout: its .git is kept
    assert not ours(folder(".git/HEAD", "README"))  # a checkout that is no site
    assert not ours(folder("sitemap.xml", "notes.md"))


def test_plain_mkdocs_build_refuses_site_dir_briefs(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_dir: site", "site_dir: briefs"))
    before = tree_digest(project / "briefs")
    result = run([str(BIN / "mkdocs"), "build"], cwd=project)
    assert result.returncode == 1
    assert (
        "refusing site_dir briefs: it is the briefs folder; set another site_dir in the config"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "briefs") == before


def test_plain_mkdocs_build_marks_the_site(project: Path) -> None:
    result = run([str(BIN / "mkdocs"), "build"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / guard.SITE_MARKER).is_file()


def test_zensical_refuses_a_linked_staging_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = project / "precious"
    precious.mkdir()
    (precious / "keep.md").write_text("keep", "utf-8")
    stage = project / zensical.ZENSICAL_DIR
    stage.mkdir(parents=True)
    (stage / "docs").symlink_to(precious)
    assert briefs("build", "--engine", "zensical") == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "briefs: refusing Zensical's staged tree .newsbriefs/zensical/docs: it is a symbolic link"
    )
    assert [p.name for p in precious.iterdir()] == ["keep.md"]


def test_zensical_refuses_a_staging_folder_it_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = project / zensical.ZENSICAL_DIR / "docs"
    docs.mkdir(parents=True)
    (docs / "mine.md").write_text("keep", "utf-8")
    assert briefs("build", "--engine", "zensical") == 2
    assert f"it has no {MANIFEST}" in capsys.readouterr().err
    assert (docs / "mine.md").is_file()


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("/", "it is the root of the file system"),
        ("briefs", "it is the briefs folder"),
        ("docs", "it is docs_dir"),
        (".", "it is the project folder"),
        ("mkdocs.yml", "it is the config file"),
        ("/dev/null", "it is not a folder but a character device"),
        ("docs/about.md", "it is inside docs_dir (docs)"),
        ("notes.txt", "it is a file, not a folder"),
    ],
)
def test_generate_refuses_what_it_may_not_write_into(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    reason: str,
) -> None:
    (project / "notes.txt").write_text("keep", "utf-8")

    def spy(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"write_tree ran with {args}")

    monkeypatch.setattr(commands, "write_tree", spy)
    assert briefs("generate", "--out", target) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefs: refusing --out ") and err.endswith(
        f": {reason}; choose another folder\n"
    ), err


def test_generate_into_a_full_disk_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr("generator.build.write.atomic_write", full)
    assert briefs("generate", "--out", "md") == 2
    err = capsys.readouterr().err
    assert err == f"briefs: cannot write the tree: md/{MANIFEST}: No space left on device\n"


def test_build_that_cannot_swap_is_one_line_and_keeps_the_site(
    project: Path,
    no_engine: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert briefs("build") == 0
    before = tree_digest(project / "site")

    def read_only(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(src))

    monkeypatch.setattr(engines.os, "rename", read_only)
    assert briefs("build") == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == "briefs: cannot build: site: Read-only file system"
    monkeypatch.undo()
    assert tree_digest(project / "site") == before
    assert list((project / site_folder.TEMP_DIR).iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Real mount points (tmpfs): a site_dir that cannot be renamed, read-only and full disks.


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    mounted: list[Path] = []

    def make(path: Path, *options: str) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        command = ["mount", "-t", "tmpfs", "-o", ",".join(["size=1m", *options]), "tmpfs"]
        if subprocess.run([*command, str(path)], capture_output=True).returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(path)
        return path

    yield make
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_mount_point_as_site_dir_gets_its_contents_replaced(
    project: Path, no_engine: list[Path], mount: Callable[..., Path]
) -> None:
    site = mount(project / "site")
    (site / "404.html").write_text("old", "utf-8")
    assert briefs("build") == 0
    assert os.path.ismount(site)
    assert sorted(p.name for p in site.iterdir()) == [
        guard.SITE_MARKER,
        "index.html",
        "sitemap.xml",
    ]


def test_a_full_mount_point_keeps_its_old_site(
    project: Path,
    no_engine: list[Path],
    mount: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = mount(project / "site", "size=64k")
    (site / "404.html").write_text("old", "utf-8")
    big = "x" * 200_000

    def fake(engine: engines.Engine, config: Path, out: Path, **_: object) -> int:
        (out / "index.html").write_text(big, "utf-8")
        return 0

    monkeypatch.setattr(engines, "run_engine", fake)
    assert briefs("build") == 2
    err = capsys.readouterr().err
    assert err.endswith("No space left on device\n") and err.startswith("briefs: cannot build: ")
    assert [p.name for p in site.iterdir()] == ["404.html"]


def test_another_name_for_the_briefs_folder_is_still_the_briefs_folder(
    project: Path, no_build: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """Two names of one folder (a bind mount here; another letter case on macOS) are
    compared by identity, not by name."""
    other = project / "published"
    other.mkdir()
    if subprocess.run(["mount", "--bind", "briefs", str(other)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        assert briefs("build", "-d", "published") == 2
        assert briefs("build", "-d", "published/2026") == 2
    finally:
        subprocess.run(["umount", "-l", str(other)], check=False)
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("briefs: refusing site_dir published: it is the briefs folder;")
    assert "it is inside the briefs folder (briefs)" in err[1]


def test_generate_onto_a_read_only_mount_is_one_line(
    project: Path, mount: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mount(project / "md", "ro")
    assert briefs("generate", "--out", "md") == 2
    assert capsys.readouterr().err == (
        f"briefs: cannot write the tree: md/{MANIFEST}: Read-only file system\n"
    )


# ---------------------------------------------------------------------------------------------
# Discovery reads regular files only, and says what it could not read.


def test_a_fifo_named_like_a_brief_is_a_problem_and_never_opened(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = project / "briefs" / "x.yaml"
    os.mkfifo(fifo)
    timer = unblock_after(fifo, 5)
    try:
        start = time.monotonic()
        assert briefs("check") == 1
        assert time.monotonic() - start < 4
        _, problem = load_brief(fifo)  # even when discovery was raced
    finally:
        timer.cancel()
    err = capsys.readouterr().err
    expected = "not a regular file (a named pipe); only regular files are read as briefs"
    assert f"briefs/x.yaml: {expected}, so it was not opened" in err
    assert expected in problem[0].message


def test_a_socket_named_like_a_brief_is_a_problem(project: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("briefs/s.yaml")
        _, problems = discover(project / "briefs")
    assert [p.message.split(";")[0] for p in problems] == ["not a regular file (a socket)"]


def test_symbolic_link_loops_and_dangling_links_are_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefs_dir = project / "briefs"
    (briefs_dir / "loop1.yaml").symlink_to("loop2.yaml")
    (briefs_dir / "loop2.yaml").symlink_to("loop1.yaml")
    (briefs_dir / "gone.yaml").symlink_to("missing.yaml")
    assert briefs("check") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    loop = "symbolic link loop (following it leads back to a link); fix or remove it"
    assert f"briefs/loop1.yaml: {loop}" in err and f"briefs/loop2.yaml: {loop}" in err
    assert "briefs/gone.yaml: symbolic link to missing.yaml, which does not exist" in err


def test_an_unreadable_folder_is_a_problem(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root reads every folder, so the refusal is simulated where os.walk lists folders."""
    locked = project / "briefs" / "locked"
    locked.mkdir()
    (locked / "c.yaml").write_text(brief_yaml(), "utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    assert briefs("check") == 1
    err = capsys.readouterr().err
    assert (
        "briefs/locked: cannot read this folder (Permission denied); "
        "the briefs in it were not checked"
    ) in err
    assert "briefs OK" not in err


# ---------------------------------------------------------------------------------------------
# Signals, killed builds, concurrent builds: real processes.

SLOW_HOOK = """\
import os, pathlib, time

def on_post_build(config):
    root = pathlib.Path(config.config_file_path).parent
    flag = root / "slow.flag"
    if flag.exists():
        (root / f"engine-{os.getpid()}.pid").write_text("")
        time.sleep(float(flag.read_text()))
"""


@pytest.fixture
def slow_project(project: Path) -> Path:
    """The project, with a hook that makes MkDocs sleep at the end of a build (the seconds
    are in ``slow.flag``) and leave ``engine-PID.pid`` behind while it does."""
    (project / "slow.py").write_text(SLOW_HOOK, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - slow.py\n", "utf-8")
    return project


def _start_build(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen(
        [str(BIN / "briefs"), "build", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C as in a terminal: a test run started in the background (``nohup``, a CI job)
    ignores SIGINT, and a child inherits that, so Python would never raise KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _engine_pid(root: Path, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = list(root.glob("engine-*.pid"))
        if found:
            return int(found[0].stem.removeprefix("engine-"))
        time.sleep(0.05)
    raise AssertionError("the engine never reached its slow hook")


def _gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # our own child until reaped: a zombie counts as gone
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
                return True
        except (OSError, IndexError):
            return True
        time.sleep(0.05)
    return False


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [(signal.SIGINT, 130, "briefs: interrupted"), (signal.SIGTERM, 143, "briefs: terminated")],
)
def test_a_signal_ends_the_build_and_its_engine_in_one_line(
    slow_project: Path, signum: int, status: int, line: str
) -> None:
    (slow_project / "slow.flag").write_text("60", "utf-8")
    build = _start_build(slow_project)
    engine = _engine_pid(slow_project)
    build.send_signal(signum)
    _, err = build.communicate(timeout=30)
    assert build.returncode == status, err
    assert err.splitlines()[-1] == line and "Traceback" not in err
    assert _gone(engine)
    assert not (slow_project / "site").exists()
    assert list((slow_project / site_folder.TEMP_DIR).iterdir()) == []


def test_a_killed_build_takes_its_engine_along_and_the_next_build_cleans_up(
    slow_project: Path,
) -> None:
    (slow_project / "slow.flag").write_text("60", "utf-8")
    build = _start_build(slow_project)
    engine = _engine_pid(slow_project)
    build.kill()
    build.communicate(timeout=30)
    assert _gone(engine), "the engine outlived a killed build"
    temp = slow_project / site_folder.TEMP_DIR
    assert [p.name for p in temp.iterdir()] != []  # what a kill leaves
    site_folder.remove_leftovers(slow_project / "site", slow_project)
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_two_builds_at_once_both_finish_with_a_complete_site(project: Path, engine: str) -> None:
    """The test holds the build lock while both start, so both must wait, then run at once."""
    waiting = "briefs: waiting for another build of this project to finish...\n"
    with site_folder.build_lock(project):
        builds = [_start_build(project, "--engine", engine) for _ in range(2)]
        for build in builds:
            assert build.stderr is not None
            assert build.stderr.readline() == waiting
    results = [build.communicate(timeout=120) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    site = project / "site"
    for page in ("index.html", "briefs/a/index.html", "categories/energy/index.html"):
        assert (site / page).is_file(), page
    assert (site / guard.SITE_MARKER).is_file()
    assert list((project / site_folder.TEMP_DIR).iterdir()) == []
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [".newsbriefs"]


def test_the_state_folder_is_git_ignored() -> None:
    from support import REPO

    assert site_folder.TEMP_DIR.startswith(site_folder.STATE_DIR + "/")
    assert f"{site_folder.STATE_DIR}/" in (REPO / ".gitignore").read_text("utf-8").splitlines()


# ---------------------------------------------------------------------------------------------
# Found by a second attack on the guard (each failed before its fix).


def test_a_gh_pages_checkout_in_site_keeps_its_git_folder_as_mkdocs_does(
    project: Path, no_engine: list[Path]
) -> None:
    assert briefs("build") == 0
    git = project / "site" / ".git"
    git.mkdir()
    (git / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (project / "site" / ".nojekyll").write_text("", "utf-8")
    assert briefs("build") == 0
    assert (git / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert (project / "site" / ".nojekyll").is_file()
    assert (project / "site" / "index.html").read_text("utf-8") == "<h1>new</h1>"


def test_a_site_a_killed_build_moved_aside_is_never_published_and_its_git_is_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old site was moved aside and the new one not yet in. A folder named so in the
    state folder may be anyone's (tests/build/test_state.py), so nothing in it goes back into a
    site; one holding hidden entries (a gh-pages ``.git``) is left, with one line, the
    others removed."""
    temp = project / site_folder.TEMP_DIR
    aside = temp / f"old-{_dead_pid()}-0123abcd"
    (aside / ".git").mkdir(parents=True)
    (aside / "index.html").write_text("old", "utf-8")
    plain = temp / f"old-{_dead_pid()}-4567abcd"
    plain.mkdir()
    (plain / "index.html").write_text("old", "utf-8")
    site_folder.remove_leftovers(project / "site", project)
    assert not (project / "site").exists() and not plain.exists()
    assert (aside / ".git").is_dir()
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"briefs: .newsbriefs/tmp/{aside.name}: a site moved aside by a build that was killed, "
        "holding .git; not published: move out what you need, then delete it"
    ]


def test_a_site_dir_with_a_line_break_cannot_forge_an_annotation(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    config = project / "mkdocs.yml"
    forged = '"briefs/x\\n::error file=forged.yaml,line=1::FORGED"'
    config.write_text(config.read_text("utf-8").replace("site_dir: site", f"site_dir: {forged}"))
    assert briefs("build") == 2
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert not any(line.startswith("::") for line in lines), lines
    assert "refusing site_dir briefs/x\\n::error" in captured.err


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_generate_never_reads_a_fifo_or_device_left_in_the_output_folder(
    project: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    out.mkdir()
    for name in ("index.md", MANIFEST):
        if kind == "fifo":
            os.mkfifo(out / name)
        else:
            (out / name).symlink_to("/dev/zero")
    timer = unblock_after(out / "index.md", 20) if kind == "fifo" else None
    try:
        assert briefs("generate", "--out", "out") == 2
    finally:
        if timer is not None:
            timer.cancel()
    err = capsys.readouterr().err
    assert "index.md: exists and is not a regular file; not replaced" in err


def test_zensical_refuses_a_linked_cache_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stage = project / zensical.ZENSICAL_DIR
    stage.mkdir(parents=True)
    (stage / ".cache").symlink_to(project / "briefs")
    before = tree_digest(project / "briefs")
    assert briefs("build", "--engine", "zensical") == 2
    assert "refusing Zensical's cache .newsbriefs/zensical/.cache" in capsys.readouterr().err
    assert tree_digest(project / "briefs") == before
