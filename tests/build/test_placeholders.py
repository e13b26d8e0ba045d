"""A placeholder ``briefs new`` wrote ("TODO write the opening paragraph...") never reaches
the public site: in a brief that is not a draft it is an error in every run (``briefs
build``, ``briefs check``, the MkDocs plugin), with or without ``--strict``; a draft keeps
its placeholders as warnings while it is written (generator/graph/sanity.py)."""

from __future__ import annotations

import re
from pathlib import Path

from support.commands import run
from support.paths import BIN
from support.reading import tree_digest
from support.sites import SiteFactory, brief_yaml

LEAD = "TODO write the opening paragraph: who did what, when, and why readers should care."
PUBLISHED_ERROR = re.compile(
    r"(?:^|\s)briefs/todo\.yaml:(\d+):(\d+): lead: still holds a placeholder from 'briefs new', "
    r"and the brief is not a draft",
    re.MULTILINE,
)


def _lead_position(path: Path) -> tuple[int, int]:
    """Line and column (1-based) where the lead's value starts in the file (its quote
    mark, when it is quoted)."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith("lead: "):
            return number, len("lead: ") + 1
    raise AssertionError(f"no lead in {path}")


def test_a_published_brief_with_a_placeholder_fails_every_run_without_strict(
    site: SiteFactory,
) -> None:
    site.create({"good.yaml": brief_yaml()})  # first a good site, built
    built = site.briefs("build")
    assert built.returncode == 0, built.stderr
    before = tree_digest(site.root / "site")
    (site.root / "briefs" / "todo.yaml").write_text(brief_yaml(title="Todo", lead=LEAD), "utf-8")
    where = _lead_position(site.root / "briefs" / "todo.yaml")

    check = site.briefs("check")
    build = site.briefs_process("build")  # its log goes to the process's stderr
    plugin = run([str(BIN / "mkdocs"), "build"], cwd=site.root)  # no --strict
    for result in (check, build, plugin):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        found = PUBLISHED_ERROR.search(result.stderr)
        assert found is not None, result.stderr
        assert (int(found.group(1)), int(found.group(2))) == where
    assert tree_digest(site.root / "site") == before


def test_a_brief_scheduled_for_later_is_refused_too(site: SiteFactory) -> None:
    """It goes live by itself at its time: nobody looks at it again before readers do."""
    site.create({"todo.yaml": brief_yaml(title="Todo", date="2099-01-05", lead=LEAD)})
    check = site.briefs("check")
    assert check.returncode == 1
    assert "lead: still holds a placeholder from 'briefs new', and the brief" in check.stderr


def test_a_draft_keeps_its_placeholders_as_warnings(site: SiteFactory) -> None:
    site.create({"good.yaml": brief_yaml(), "todo.yaml": brief_yaml(lead=LEAD, draft=True)})
    check = site.briefs("check")
    assert check.returncode == 0, check.stderr
    assert re.search(
        r"(?:^|\s)briefs/todo\.yaml:\d+:\d+: warning: lead: still holds a placeholder from "
        r"'briefs new'; write the text or delete it$",
        check.stderr,
        re.MULTILINE,
    ), check.stderr
    assert site.briefs("build").returncode == 0  # left out of the site, as every draft
    assert site.briefs("check", "--strict").returncode == 1


def test_the_readme_path_cannot_publish_todo(site: SiteFactory) -> None:
    """README "Your first brief": ``briefs new``, delete ``draft: true``, ``briefs build``,
    with the placeholders still in: the build refuses, naming each one."""
    site.create({"good.yaml": brief_yaml()})
    new = site.briefs("new", "Refiners slip", "--category", "Energy")
    assert new.returncode == 0, new.stderr
    path = site.root / new.stdout.strip().splitlines()[-1]
    path.write_text(path.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    build = site.briefs_process("build")
    assert build.returncode == 1
    fields = re.findall(r": (\S+): still holds a placeholder from 'briefs new', and", build.stderr)
    assert fields == ["lead", "key_points[0]", "key_points[1]", "summary", "details[0]"]
    assert not (site.root / "site" / "briefs" / "refiners-slip").exists()
