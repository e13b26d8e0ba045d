"""The preview in a real browser: a page showing the briefs' problems reloads into the brief
when a save fixes them, and a brief page turns into the problems when a save breaks it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from support import SiteFactory, brief_yaml
from support.serving import PATIENCE, is_error_page, is_ok, mkdocs_serve

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_preview_follows_saves_between_problems_and_the_brief(page: Page, tmp_path: Path) -> None:
    site = SiteFactory(tmp_path)
    site.create({"a.yaml": brief_yaml(title="Acme Rises", category=["not", "text"])})
    brief = site.root / "briefs" / "a.yaml"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with mkdocs_serve(site.root) as preview:
        preview.until("/briefs/a/", is_error_page)
        page.goto(f"{preview.url}/briefs/a/")
        problems = page.locator("#nb-problems li")
        assert problems.count() == 1
        assert problems.first.inner_text().startswith("briefs/a.yaml:4:1: category: expected text")

        brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")  # the page reloads itself
        page.wait_for_selector("h1:has-text('Acme Rises')", timeout=PATIENCE * 1000)

        brief.write_text(brief_yaml(title="Acme Rises", date="2026-13-01"), "utf-8")
        page.wait_for_selector("#nb-problems li", timeout=PATIENCE * 1000)
        assert "date: '2026-13-01' is not a real calendar date" in problems.first.inner_text()

        brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")
        page.wait_for_selector("h1:has-text('Acme Rises')", timeout=PATIENCE * 1000)
        preview.until("/briefs/a/", is_ok)
    assert errors == []
