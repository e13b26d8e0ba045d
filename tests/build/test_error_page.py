"""The preview server with briefs that break and get fixed: a real ``mkdocs serve`` process.

MkDocs alone stops at a plugin error in the first build and, in a rebuild, holds every
request until a build succeeds. With the plugin, the browser gets a page listing every
problem instead, and the site again once a save fixes them.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support import SiteFactory, brief_yaml
from support.serving import is_error_page, is_ok, mkdocs_serve


def _is_brief(status: int, body: str) -> bool:
    return is_ok(status, body) and "Acme Rises" in body


@pytest.mark.parametrize("command", ["mkdocs", "briefs"])
def test_serve_shows_the_problems_and_recovers_on_save(site: SiteFactory, command: str) -> None:
    site.create(
        {
            "a.yaml": brief_yaml(date="<b>soon</b>", title="Acme Rises"),
            "later.yaml": brief_yaml(date="2026-03-04T09:30:00Z", title="Future Brief"),
            "draft.yaml": brief_yaml(title="Draft Brief", draft=True),
        }
    )
    brief = site.root / "briefs" / "a.yaml"
    with mkdocs_serve(site.root, command, now="2026-03-02T09:00:00Z") as preview:
        # Broken from the start: the server runs, and every address shows the problems,
        # escaped.
        for address in ("/", "/briefs/a/", "/about/"):
            page = BeautifulSoup(preview.until(address, is_error_page), "html.parser")
            problems = [li.get_text() for li in page.select("#nb-problems li")]
            assert problems == [
                "briefs/a.yaml:2:7: date: '<b>soon</b>' is not an ISO date: write YYYY-MM-DD "
                "(2026-01-31), or a time with its UTC offset (2026-01-31T09:30:00-05:00)"
            ]
            assert not page.select("main b")  # the value is text, not markup
            summary = page.select_one("#nb-summary")
            assert summary is not None and "1 error in briefs/" in summary.get_text()

        # A save that fixes it brings the site back...
        brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")
        preview.until("/briefs/a/", _is_brief)
        # ...with drafts and briefs not yet live, each marked.
        for slug, label in (
            ("later", "Scheduled for March 4, 2026, 9:30 a.m. UTC"),
            ("draft", "Draft"),
        ):
            page = BeautifulSoup(preview.until(f"/briefs/{slug}/", is_ok), "html.parser")
            mark = page.select_one(".admonition.nb-embargo .admonition-title")
            assert mark is not None and mark.get_text() == label

        # A save that breaks it again shows the problems instead of a request that waits.
        broken = brief_yaml(title="Acme Rises", corrections=[{"date": "2026-01-01"}])
        brief.write_text(broken, "utf-8")
        page = BeautifulSoup(preview.until("/briefs/a/", is_error_page), "html.parser")
        assert [li.get_text() for li in page.select("#nb-problems li")] == [
            "briefs/a.yaml:8:3: corrections[0].text: required field is missing"
        ]
        brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")
        preview.until("/briefs/a/", _is_brief)
    # Ctrl-C: MkDocs ends quietly; briefs, as every command, with 130.
    assert preview.process.returncode == (0 if command == "mkdocs" else 130)
