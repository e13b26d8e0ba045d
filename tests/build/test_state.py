"""Kept state is data, never trusted (generator/build/state.py): a page memo or a build
manifest that is forged, damaged, a named pipe, a link, /dev/zero, huge, deeply nested or of
another version is ignored with one line, and the build makes the site a full build makes;
nothing in Zensical's cache or in build debris under ``.newsbriefs/`` reaches a site.

The end-to-end cases run ``briefs build`` in its own process with a time limit: a build that
blocked on a named pipe (as one did) fails the test instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import incremental, policy, request, site_folder, state, zensical
from support import BIN, SiteFactory, brief_yaml
from support.reading import EPOCH, assert_same_site, tree

INJECTED = "<script>INJECTED()</script>"
MEMO = f"{site_folder.STATE_DIR}/{request.MEMO_NAME}"
MEMO_LINE = "newsbriefs: .newsbriefs/pages.memo: {}; ignored, pages are rendered anew"
MANIFEST_LINE = "newsbriefs: {}: {}; ignored, the site is built in full"
TIME_LIMIT = 180
"""Seconds a build may take here before the test fails (a small site builds in seconds)."""


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``, run in a thread: a test fails after ``seconds`` instead of hanging (the
    thread, blocked for good, is left behind as a daemon)."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s (blocked?)"
    if "error" in result:
        raise result["error"]
    return result.get("value")


def signed(kind: state.Kind, document: bytes, blob: bytes = b"", *, version: int = 0) -> bytes:
    """A kept file's bytes as :func:`state.save` writes them, signed with this machine's key
    (the key the builds under test use): what a forger holding the key could write."""
    head = b" ".join(
        (
            state.MAGIC,
            kind.name.encode(),
            b"%d" % (version or kind.format),
            b"%d" % len(document),
            b"%d" % len(blob),
        )
    )
    return head + b" " + state._sign(head, document, blob).encode() + b"\n" + document + blob


def unsigned(kind: state.Kind, document: bytes, blob: bytes = b"") -> bytes:
    """The same, signed with another key: what a forger without it writes."""
    data = signed(kind, document, blob)
    head, _, rest = data.partition(b"\n")
    return head[:-64] + b"0" * 64 + b"\n" + rest


# ---------------------------------------------------------------------------------------------
# The reader, file by file.


@pytest.fixture
def kind() -> state.Kind:
    return state.Kind("test-state", 3, "the test goes on", max_bytes=4096, max_depth=4)


def _load(path: Path, kind: state.Kind) -> Any:
    return state.load(path, kind, lambda document, blob: (document, bytes(blob)))


def test_kept_state_reads_back_what_was_saved(tmp_path: Path, kind: state.Kind) -> None:
    path = tmp_path / "kept"
    state.save(path, kind, {"a": [1, "é\n"]}, b"\x00raw")
    assert _load(path, kind) == ({"a": [1, "é\n"]}, b"\x00raw")
    assert _load(tmp_path / "missing", kind) is None


def _unblock(path: Path) -> None:
    """A reader blocked on a named pipe (the old behaviour) gets end-of-file."""
    if path.is_fifo():
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _huge(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(10**12)  # sparse: nothing is written


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_fifo, "not a regular file (a named pipe)"),
        (_dev_zero, "a symbolic link, not a regular file"),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
        (_huge, "larger than 4096 bytes"),
        (lambda p: p.write_bytes(b"[\xff\xff\xff\x7f"), "not a newsbriefs state file"),
        (lambda p: p.write_bytes(b""), "not a newsbriefs state file"),
    ],
    ids=["fifo", "dev-zero", "folder", "huge", "marshal-bomb", "empty"],
)
def test_what_is_not_a_state_file_is_never_read_and_said_in_one_line(
    tmp_path: Path,
    kind: state.Kind,
    make: Callable[[Path], object],
    reason: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "kept"
    make(path)
    try:
        assert within(30, lambda: _load(path, kind)) is None
    finally:
        _unblock(path)
    shown = path.as_posix()
    assert capsys.readouterr().err == f"newsbriefs: {shown}: {reason}; ignored, the test goes on\n"


def test_a_state_file_with_anything_off_is_ignored_with_its_reason(
    tmp_path: Path, kind: state.Kind, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kept"
    document = b'{"a":"[[[[[[ inside a string"}'
    cases = {
        "truncated": signed(kind, document)[:-3],
        "longer than its header says": signed(kind, document) + b"x",
        "not signed with this machine's state key (written elsewhere, or not by newsbriefs)": (
            unsigned(kind, document)
        ),
        "of format '9', not 3 (another version of newsbriefs)": signed(kind, document, version=9),
        "holds 'pages-memo', not test-state": signed(policy.PAGES_MEMO, document),
        "nested more than 4 levels deep, or its brackets do not match": signed(
            kind, b"[" * 1000 + b"]" * 1000
        ),
        "not valid JSON": signed(kind, b"{nope}"),
    }
    for reason, data in cases.items():
        path.write_bytes(data)
        assert _load(path, kind) is None, reason
        assert capsys.readouterr().err == (
            f"newsbriefs: {path.as_posix()}: {reason}; ignored, the test goes on\n"
        )
    path.write_bytes(signed(kind, document))  # brackets in strings do not count
    assert _load(path, kind) == ({"a": "[[[[[[ inside a string"}, b"")


def test_a_link_is_refused_even_to_a_good_state_file(tmp_path: Path, kind: state.Kind) -> None:
    good = tmp_path / "good"
    state.save(good, kind, [1])
    (tmp_path / "link").symlink_to(good)
    with pytest.raises(state.Ignored, match="a symbolic link"):
        state.read(tmp_path / "link", kind)


@pytest.mark.parametrize(
    "text",
    [
        b'"\\"' * 200_000,  # an unterminated string of escapes: each quote could start one
        b'"\\' * 200_000,
        b"[" * 400_000,
        b'["' + b"a" * 400_000,
    ],
    ids=["escaped-quotes", "backslashes", "open-brackets", "open-string"],
)
def test_the_depth_check_is_one_pass_for_adversarial_text(text: bytes) -> None:
    """Linear, so these take milliseconds; a pattern that backtracked would take hours (the
    time limit only stops a hang, it measures nothing)."""

    def check() -> str:
        try:
            state.check_depth(text, 8)
        except state.Ignored as why:
            return str(why)
        return "passed"

    assert within(60, check) in (
        "passed",
        "nested more than 8 levels deep, or its brackets do not match",
    )


def test_the_depth_check_counts_nesting_not_length() -> None:
    five_deep = b'{"a":[[1,2],[3,{"b":[]}]],"c":"]]]]]]]\\"[[["}'
    state.check_depth(five_deep * 1000, 5)
    with pytest.raises(state.Ignored):
        state.check_depth(five_deep, 4)
    with pytest.raises(state.Ignored):
        state.check_depth(b"[}", 5)


def test_the_key_comes_from_the_environment_or_a_users_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(state.KEY_ENV, raising=False)
    state.state_key.cache_clear()
    try:
        made = state.state_key()
        key_file = tmp_path / "home" / "newsbriefs" / "state.key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        state.state_key.cache_clear()
        assert state.state_key() == made  # kept: the next run checks what this one signed

        monkeypatch.setenv(state.KEY_ENV, "a long random text from a CI secret")
        state.state_key.cache_clear()
        assert state.state_key() not in (made, b"")

        monkeypatch.delenv(state.KEY_ENV)
        key_file.chmod(0o666)  # anyone could have written it: not used
        state.state_key.cache_clear()
        assert state.state_key() != made
        assert capsys.readouterr().err == (
            f"newsbriefs: {key_file}: not the user's own, or writable by other users; state "
            "kept by other runs is not reused (set NEWSBRIEFS_STATE_KEY to a long random text "
            "instead)\n"
        )
    finally:
        state.state_key.cache_clear()


# ---------------------------------------------------------------------------------------------
# Whole builds: whatever the kept state, the site a full build makes.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site, built once (a full build), with its kept state: a pristine copy, which
    :func:`project` puts back at the place it was built (kept state names its site by its
    path, and the page memo's settings include the project folder)."""
    base = tmp_path_factory.mktemp("state")
    root = base / "project"
    SiteFactory(root).create(
        {
            "2026/01/a.yaml": brief_yaml(tickers=["ACME"]),
            "2026/01/b.yaml": brief_yaml(title="Beta Falls", date="2026-01-06", tags=["beta"]),
            "2026/01/c.yaml": brief_yaml(title="Gamma Rises", date="2026-01-07"),
        }
    )
    result = _briefs(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / MEMO).is_file() and _manifest(root).is_file()
    shutil.copytree(root, base / "pristine", symlinks=True)  # times kept: outputs reusable
    return base / "pristine"


def _briefs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(BIN / "briefs"), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
    )


def _manifest(root: Path) -> Path:
    return incremental.manifest_path(root / site_folder.STATE_DIR, root / "site")


@pytest.fixture
def project(built: Path) -> Iterator[Path]:
    """The built project as it was after its build, where it was built."""
    root = built.parent / "project"
    for path in (root / MEMO, _manifest(root)):
        _unblock(path)
    shutil.rmtree(root)
    shutil.copytree(built, root, symlinks=True)
    yield root
    for path in (root / MEMO, _manifest(root)):
        _unblock(path)


def test_kept_state_left_alone_is_reused_whole(built: Path, project: Path) -> None:
    """What the cases below tamper with is used when left alone: each case, not the copy,
    is why they render anew."""
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("newsbriefs: ")]
    assert re.search(r"^incremental build: 0 of \d+ pages rendered", result.stderr, re.M)
    assert_same_site(project / "site", built / "site")


def _parts(data: bytes) -> tuple[bytes, bytes, bytes]:
    """A kept file's header (without its signature), JSON and blob."""
    head, _, rest = data.partition(b"\n")
    fields = head.split(b" ")
    length = int(fields[3])
    return b" ".join(fields[:5]), rest[:length], rest[length:]


def forged_memo(data: bytes) -> tuple[bytes, bytes]:
    """The memo with a brief's page made to hold a script, its hash and lengths made to
    match: (its JSON, its blob), to be signed or not."""
    _, text, blob = _parts(data)
    document = json.loads(text)
    start, pages, chunks = 0, [], []
    for path, digest, lookups, _, length in document["pages"]:
        markdown = blob[start : start + length]
        start += length
        if path == "briefs/a.md":
            markdown = markdown.replace(b"Acme beat forecasts.", INJECTED.encode(), 1)
            assert INJECTED.encode() in markdown
        markdown_hash = hashlib.blake2b(markdown, digest_size=16).hexdigest()
        pages.append([path, digest, lookups, markdown_hash, len(markdown)])
        chunks.append(markdown)
    document["pages"] = pages
    return json.dumps(document).encode(), b"".join(chunks)


def forged_manifest(data: bytes) -> bytes:
    """The manifest with a page's nav title made a script."""
    _, text, _ = _parts(data)
    document = json.loads(text)
    src = next(iter(document["titles"]))
    document["titles"][src][0] = INJECTED
    return json.dumps(document).encode()


def _write_both(root: Path, memo: bytes, manifest: bytes) -> None:
    for path, data in ((root / MEMO, memo), (_manifest(root), manifest)):
        path.unlink()
        path.write_bytes(data)


def _replace_both(root: Path, make: Callable[[Path], object]) -> None:
    for path in (root / MEMO, _manifest(root)):
        path.unlink()
        make(path)


CORRUPTIONS: dict[str, tuple[Callable[[Path], None], str]] = {}


def _case(name: str, reason: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(corrupt: Callable[[Path], None]) -> Callable[[Path], None]:
        CORRUPTIONS[name] = (corrupt, reason)
        return corrupt

    return register


@_case(
    "forged", "not signed with this machine's state key (written elsewhere, or not by newsbriefs)"
)
def _forged(root: Path) -> None:
    memo = unsigned(policy.PAGES_MEMO, *forged_memo((root / MEMO).read_bytes()))
    manifest = unsigned(incremental.MANIFEST_KIND, forged_manifest(_manifest(root).read_bytes()))
    _write_both(root, memo, manifest)


@_case("truncated", "truncated")
def _truncated(root: Path) -> None:
    _write_both(root, (root / MEMO).read_bytes()[:-5], _manifest(root).read_bytes()[:-5])


@_case("fifo", "not a regular file (a named pipe)")
def _fifo_state(root: Path) -> None:
    _replace_both(root, os.mkfifo)


@_case("symlink", "a symbolic link, not a regular file")
def _linked(root: Path) -> None:
    for path in (root / MEMO, _manifest(root)):
        moved = root / f"elsewhere-{path.name}"
        path.rename(moved)
        path.symlink_to(moved)


@_case("dev-zero", "a symbolic link, not a regular file")
def _zero(root: Path) -> None:
    _replace_both(root, _dev_zero)


@_case("huge", "larger than {}")
def _huge_state(root: Path) -> None:
    kinds = {root / MEMO: policy.PAGES_MEMO, _manifest(root): incremental.MANIFEST_KIND}
    for path, kind in kinds.items():
        with open(path, "r+b") as handle:
            handle.truncate(kind.max_bytes + 1)  # sparse


@_case("deep", "nested more than {} levels deep, or its brackets do not match")
def _deep(root: Path) -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    memo = signed(policy.PAGES_MEMO, b'{"site_key":"","pages":' + nested + b"}")
    _write_both(root, memo, signed(incremental.MANIFEST_KIND, nested))


@_case("foreign-version", "of format '1', not {} (another version of newsbriefs)")
def _foreign(root: Path) -> None:
    memo = signed(policy.PAGES_MEMO, *_parts((root / MEMO).read_bytes())[1:], version=1)
    text = _parts(_manifest(root).read_bytes())[1]
    _write_both(root, memo, signed(incremental.MANIFEST_KIND, text, version=1))


@_case("marshal-bomb", "not a newsbriefs state file")
def _bomb(root: Path) -> None:
    _write_both(root, b"[\xff\xff\xff\x7f", b"[\xff\xff\xff\x7f")


def _detail(reason: str, kind: state.Kind) -> str:
    if reason.startswith("larger"):
        return f"{kind.max_bytes // 2**20} MB"
    if reason.startswith("nested"):
        return str(kind.max_depth)
    return str(kind.format)


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_bad_kept_state_is_ignored_in_one_line_and_the_site_is_a_full_builds(
    built: Path, project: Path, case: str
) -> None:
    corrupt, reason = CORRUPTIONS[case]
    corrupt(project)
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("newsbriefs: ")]
    manifest_shown = _manifest(project).relative_to(project).as_posix()
    assert said == [
        MEMO_LINE.format(_detail_or_plain(reason, policy.PAGES_MEMO)),
        MANIFEST_LINE.format(manifest_shown, _detail_or_plain(reason, incremental.MANIFEST_KIND)),
    ]
    assert_same_site(project / "site", built / "site")
    assert not [name for name, data in tree(project / "site").items() if b"INJECTED" in data]
    # Made anew: good kept state again, for the next build.
    assert state.read(project / MEMO, policy.PAGES_MEMO) is not None
    assert state.read(_manifest(project), incremental.MANIFEST_KIND) is not None


def _detail_or_plain(reason: str, kind: state.Kind) -> str:
    return reason.format(_detail(reason, kind)) if "{}" in reason else reason


def test_a_forged_memo_reaches_a_page_only_when_signed_with_the_key(
    built: Path, project: Path
) -> None:
    """The forgery of the cases above is one that would publish: signed with the key (which
    no one who writes only the state folder has), the page is reused as kept. So the key,
    not luck, is what keeps the script out."""
    (project / MEMO).write_bytes(
        signed(policy.PAGES_MEMO, *forged_memo((project / MEMO).read_bytes()))
    )
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert INJECTED.encode() in (project / "site" / "briefs" / "a" / "index.html").read_bytes()


def test_a_forged_memo_on_a_first_build_publishes_nothing_of_it(built: Path, project: Path) -> None:
    """The issue's reproduction: no site and no manifest yet, only a memo from elsewhere (the
    format the old marshal memo had, and ours with its pages changed)."""
    shutil.rmtree(project / "site")
    shutil.rmtree(project / site_folder.STATE_DIR / incremental.MANIFEST_DIR)
    memo = project / MEMO
    for forged, reason in (
        (unsigned(policy.PAGES_MEMO, *forged_memo(memo.read_bytes())), CORRUPTIONS["forged"][1]),
        (b"\xe9\x01\x00\x00\x00" + INJECTED.encode(), "not a newsbriefs state file"),
    ):
        memo.write_bytes(forged)
        result = _briefs(project, "build")
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if line.startswith("newsbriefs: ")]
        assert said == [MEMO_LINE.format(reason)]
        assert not [name for name, data in tree(project / "site").items() if b"INJECTED" in data]
        shutil.rmtree(project / "site")


# ---------------------------------------------------------------------------------------------
# Caches and debris: cleared, never published from.


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("site_there", [False, True], ids=["no-site-as-in-ci", "site-in-place"])
def test_hidden_files_in_build_debris_never_reach_the_site(
    built: Path, project: Path, site_there: bool
) -> None:
    dead = _dead_pid()
    temp = project / site_folder.TEMP_DIR
    aside = temp / f"old-{dead}-0123abcd"
    debris = temp / f"build-{dead}-89abcdef"
    for folder in (aside, debris):
        (folder / ".well-known").mkdir(parents=True)
        (folder / ".well-known" / "security.txt").write_text(INJECTED, "utf-8")
        (folder / ".htaccess").write_text("Redirect / https://evil.example/\n", "utf-8")
        (folder / "index.html").write_text(INJECTED, "utf-8")
    if not site_there:
        shutil.rmtree(project / "site")
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / ".htaccess").exists() and not (site / ".well-known").exists()
    assert not [name for name, data in tree(site).items() if b"INJECTED" in data]
    assert not debris.exists()
    assert aside.is_dir()  # may hold a real site's .git: left, and said
    assert (
        f"briefs: .newsbriefs/tmp/{aside.name}: a site moved aside by a build that was killed, "
        "holding .htaccess, .well-known; not published: move out what you need, then delete it"
    ) in result.stderr.splitlines()


def _zensical() -> None:
    pytest.importorskip("zensical")


def test_zensicals_cache_and_staged_tree_are_never_published_from(
    built: Path, project: Path
) -> None:
    _zensical()
    for _ in range(2):  # the second build finds a cache
        result = _briefs(project, "build", "--engine", "zensical")
        assert result.returncode == 0, result.stderr
    reference = tree(project / "site")
    stage = project / zensical.ZENSICAL_DIR
    cached = [p for p in (stage / zensical.ZENSICAL_CACHE).rglob("*") if p.is_file()]
    poisoned = 0
    for path in cached:
        data = path.read_bytes()
        if b"Acme beat forecasts." in data:
            path.write_bytes(data.replace(b"Acme beat forecasts.", INJECTED.encode()))
            poisoned += 1
    assert poisoned, "Zensical's cache holds no page of brief a: the test tests nothing"
    # A staged copy of a page, changed to the same size and time (a copy by size and time
    # would keep it).
    about = stage / "docs" / "about.md"
    before = about.stat()
    text = about.read_bytes()
    about.write_bytes(b"<b>X</b>" + text[len(b"<b>X</b>") :])
    os.utime(about, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = _briefs(project, "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    after = tree(project / "site")
    assert not [name for name, data in after.items() if b"INJECTED" in data or b"<b>X</b>" in data]
    assert after["briefs/a/index.html"] == reference["briefs/a/index.html"]
    assert after["about/index.html"] == reference["about/index.html"]


def test_no_module_unmarshals_or_unpickles() -> None:
    """Kept state is JSON read by generator/build/state.py: no marshal or pickle anywhere."""
    package = Path(state.__file__).resolve().parents[1]
    for path in package.rglob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(import|from)\s+(marshal|pickle|shelve)\b", text, re.M), path
