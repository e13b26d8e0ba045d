"""Commands that add files to the author's folders (`briefs new`, `briefs import`, `briefs
schema`) never write through a symbolic link below the folder they write in, never replace
a file, and write every value as the text it is."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePath

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from corpus.hostile_imports import plain_brief
from generator.authoring import archetype
from generator.build import guard
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from support import SiteFactory
from support.files import unblock_after

IMPORTED_MONTH = Path("briefs/2026/05")
"""Where a plain-text brief dated May 4, 2026 (hostile_imports.plain_brief) is written."""


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the site, where a link in briefs/ might lead."""
    return tmp_path_factory.mktemp("outside")


def _this_month() -> Path:
    today = archetype.today_in(Settings())  # the test site's zone: UTC
    return Path("briefs", f"{today:%Y}", f"{today:%m}")


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if not path.is_dir())


def _write_plain_brief(site: SiteFactory) -> str:
    (site.root / "talks.txt").write_text(plain_brief(), "utf-8")
    return "talks.txt"


# ---------------------------------------------------------------------------------------------
# A month folder linked elsewhere.


@pytest.mark.parametrize("linked", ["month", "year"])
def test_new_never_writes_through_a_linked_month_or_year_folder(
    site: SiteFactory, outside: Path, linked: str
) -> None:
    site.create({})
    month = _this_month()
    link = month if linked == "month" else month.parent
    (site.root / link.parent).mkdir(parents=True, exist_ok=True)
    (site.root / link).symlink_to(outside, target_is_directory=True)
    if linked == "year":
        (outside / month.name).mkdir()
    result = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"briefs: refusing to write {month.as_posix()}/oil-climbs.yaml: {link.as_posix()} is a "
        "symbolic link; files are written only inside briefs, never through a link (it may "
        "lead anywhere): make it a folder\n"
    )
    assert _files(outside) == []


def test_new_refuses_a_link_even_to_a_folder_inside_briefs(site: SiteFactory) -> None:
    """Links inside briefs/ are read (the loader follows them), never written through: a
    writer cannot tell, race-free, where a link will lead when the file is created."""
    site.create({})
    month = _this_month()
    (site.root / "briefs/archive").mkdir(parents=True)
    (site.root / month.parent).mkdir(parents=True)
    (site.root / month).symlink_to(site.root / "briefs/archive", target_is_directory=True)
    result = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert result.returncode == 2 and "is a symbolic link" in result.stderr
    assert _files(site.root / "briefs") == []


def test_import_never_writes_through_a_linked_month_folder(
    site: SiteFactory, outside: Path
) -> None:
    site.create({})
    (site.root / IMPORTED_MONTH.parent).mkdir(parents=True)
    (site.root / IMPORTED_MONTH).symlink_to(outside, target_is_directory=True)
    result = site.briefs("import", _write_plain_brief(site))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(
        "briefs: refusing to write briefs/2026/05/ford-holds-talks.yaml: briefs/2026/05 is a "
        "symbolic link; "
    )
    assert result.stderr.endswith("; nothing was written\n")
    assert _files(outside) == []


@pytest.mark.parametrize("leads", ["outside", "inside"])
def test_import_out_through_a_link_in_briefs_is_refused(
    site: SiteFactory, outside: Path, leads: str
) -> None:
    site.create({})
    (site.root / "briefs/2025").mkdir(parents=True)
    target = outside if leads == "outside" else site.root / "briefs/2025"
    (site.root / "briefs/linked").symlink_to(target, target_is_directory=True)
    result = site.briefs("import", "--out", "briefs/linked", _write_plain_brief(site))
    assert result.returncode == 2 and "briefs/linked" in result.stderr
    assert "symbolic link" in result.stderr
    assert _files(outside) == [] and _files(site.root / "briefs") == []


def test_a_dangling_link_at_the_new_file_is_not_followed(site: SiteFactory, outside: Path) -> None:
    site.create({})
    (site.root / IMPORTED_MONTH).mkdir(parents=True)
    planted = outside / "planted.yaml"
    (site.root / IMPORTED_MONTH / "ford-holds-talks.yaml").symlink_to(planted)
    result = site.briefs("import", _write_plain_brief(site))
    assert result.returncode == 2
    assert result.stderr == (
        "briefs: briefs/2026/05/ford-holds-talks.yaml already exists; nothing was written\n"
    )
    assert not planted.exists() and not planted.is_symlink()


def test_a_file_where_the_year_folder_belongs_is_refused(site: SiteFactory) -> None:
    site.create({})
    (site.root / "briefs").mkdir(exist_ok=True)
    (site.root / "briefs/2026").write_text("notes\n", "utf-8")
    result = site.briefs("import", _write_plain_brief(site))
    assert result.returncode == 2
    assert result.stderr == (
        "briefs: refusing to write briefs/2026/05/ford-holds-talks.yaml: briefs/2026 is a "
        "file, not a folder; nothing was written\n"
    )
    assert (site.root / "briefs/2026").read_text("utf-8") == "notes\n"


def test_import_still_writes_into_new_folders(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("import", _write_plain_brief(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "briefs/2026/05/ford-holds-talks.yaml\n"
    assert (site.root / IMPORTED_MONTH / "ford-holds-talks.yaml").is_file()


# ---------------------------------------------------------------------------------------------
# The writer itself.


def test_create_file_makes_folders_and_never_replaces(tmp_path: Path, walk: str) -> None:
    root = tmp_path / "briefs"
    created = guard.create_file(root, PurePath("2026/05/a.yaml"), b"title: A\n")
    assert created == root / "2026/05/a.yaml" and created.read_bytes() == b"title: A\n"
    with pytest.raises(FileExistsError):
        guard.create_file(root, PurePath("2026/05/a.yaml"), b"title: B\n")
    assert created.read_bytes() == b"title: A\n"
    with pytest.raises(ValueError, match="not a path below a folder"):
        guard.create_file(root, PurePath("../escaped.yaml"), b"")


def test_the_root_itself_may_be_a_link(tmp_path: Path, walk: str) -> None:
    """The folder a command was asked to write in is followed, as the loader follows a
    linked briefs folder: only links below it are refused."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "briefs").symlink_to(real, target_is_directory=True)
    guard.create_file(tmp_path / "briefs", PurePath("2026/a.yaml"), b"x")
    assert (real / "2026/a.yaml").read_bytes() == b"x"


@pytest.fixture(params=["by descriptor", "by path"])
def walk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways the writer walks folders: by descriptor (POSIX), by path (elsewhere)."""
    if request.param == "by path":
        monkeypatch.setattr(guard, "_BY_FOLDER", False)
    return str(request.param)


def test_check_new_file_refuses_what_create_file_refuses(tmp_path: Path, walk: str) -> None:
    (tmp_path / "2026").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(guard.UnsafeOutput, match="2026 is a symbolic link"):
        guard.check_new_file(tmp_path, PurePath("2026/05/a.yaml"))
    with pytest.raises(guard.UnsafeOutput, match="2026 is a symbolic link"):
        guard.create_file(tmp_path, PurePath("2026/05/a.yaml"), b"x")
    assert not (tmp_path / "05").exists()
    guard.check_new_file(tmp_path, PurePath("2027/05/a.yaml"))  # nothing there yet: fine
    assert not (tmp_path / "2027").exists()


# ---------------------------------------------------------------------------------------------
# briefs schema --out.


@pytest.mark.parametrize("kind", ["link", "pipe"])
def test_schema_never_reads_or_replaces_a_link_or_pipe(
    site: SiteFactory, outside: Path, kind: str
) -> None:
    site.create({})
    schemas = site.root / "schemas"
    schemas.mkdir()
    target = outside / "brief.schema.json"
    target.write_text("theirs\n", "utf-8")
    if kind == "link":
        (schemas / "brief.schema.json").symlink_to(target)
    else:
        os.mkfifo(schemas / "brief.schema.json")
    # Reading the pipe would block (as main did): a writer that comes later ends the test.
    timer = unblock_after(schemas / "brief.schema.json", 20)
    try:
        result = site.briefs("schema")
    finally:
        timer.cancel()
    assert result.returncode == 2
    described = "a symbolic link" if kind == "link" else "a named pipe"
    assert result.stderr == (
        f"briefs: refusing to write schemas/brief.schema.json: it exists and is {described}, "
        "not a file 'briefs schema' wrote; not replaced\n"
    )
    assert target.read_text("utf-8") == "theirs\n"
    assert sorted(path.name for path in schemas.iterdir()) == ["brief.schema.json"]


# ---------------------------------------------------------------------------------------------
# Values written as text.


def test_new_writes_numbers_and_booleans_as_text(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs(
        "new", "1E10", "--category", "0o17", "--tickers", "1E5,7203", "--author", "true"
    )
    assert result.returncode == 0, result.stderr
    path = site.root / result.stdout.strip()
    raw, problems = parse_brief_text(path, path.read_text("utf-8"))
    assert raw is not None and not problems
    assert (raw.data["title"], raw.data["category"], raw.data["byline"]) == ("1E10", "0o17", "true")
    assert raw.data["tickers"] == ["1E5", "7203"]
    assert site.briefs("check").returncode == 0


_VALUES = st.one_of(
    st.from_regex(r"[-+]?[0-9._]{1,8}(?:[eE][-+]?[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["1E10", "0o17", "0x1F", ".inf", "-.Inf", ".NaN", "~", "null", "True", "y"]),
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"]),
        min_size=1,
        max_size=30,
    ).filter(lambda s: s.strip() == s),
)


@given(value=_VALUES)
def test_any_value_new_writes_reads_back_as_that_text(value: str) -> None:
    text = f"title: {archetype.yaml_value(value)}\ntickers: {archetype.yaml_value([value])}\n"
    raw, problems = parse_brief_text(Path("x.yaml"), text)
    assert raw is not None and not problems, text
    assert raw.data == {"title": value, "tickers": [value]}
    assert yaml.safe_load(text)["title"] == value  # YAML 1.1 readers agree


def test_a_date_is_written_as_its_iso_text() -> None:
    assert archetype.yaml_value(date(2026, 5, 4)) == "2026-05-04"


def test_create_file_refuses_a_file_or_pipe_where_a_folder_belongs(
    tmp_path: Path, walk: str
) -> None:
    (tmp_path / "2026").write_text("notes\n", "utf-8")
    os.mkfifo(tmp_path / "2027")
    with pytest.raises(guard.UnsafeOutput, match=r"2026 is a file, not a folder$"):
        guard.create_file(tmp_path, PurePath("2026/05/a.yaml"), b"x")
    with pytest.raises(guard.UnsafeOutput, match=r"2027 is a named pipe, not a folder$"):
        guard.create_file(tmp_path, PurePath("2027/05/a.yaml"), b"x")
    assert (tmp_path / "2026").read_text("utf-8") == "notes\n"
