"""The morning briefing's e-mail as a phone and a desktop mail pane show it: email.html of a
day of forty briefs (one headline a word too long to break), at 375 and 600 px, light and
dark: nothing scrolls sideways, and axe-core finds no serious or critical violation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator.build.pipeline import generate
from support.digest import forty_briefs

from .conftest import SiteServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

EMAIL = "digest/2026/01/05/email.html"


@pytest.fixture(scope="module")
def email_url(tmp_path_factory: pytest.TempPathFactory, site_server: SiteServer) -> str:
    root = tmp_path_factory.mktemp("digest-email")
    html = generate(forty_briefs(root)).files[EMAIL]
    assert isinstance(html, str)
    served = root / "served"
    served.mkdir()
    (served / "email.html").write_text(html, "utf-8")
    return site_server.serve_built(served) + "/email.html"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 600])
def test_the_email_fits_and_reads_at_phone_and_pane_widths(
    browser: Browser, email_url: str, width: int, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    try:
        page = context.new_page()
        page.goto(email_url)
        assert page.locator("h3 a").count() == 40
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of sideways scrolling at {width}px"
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert violations == [], violations
    finally:
        context.close()
