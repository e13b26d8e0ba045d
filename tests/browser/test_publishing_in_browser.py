"""Publishing for machines, seen from a browser: a renamed brief's old address leads to the
brief (keeping the #fragment), and a page's feed links lead to feeds."""

from __future__ import annotations

import contextlib

import pytest

with contextlib.suppress(ImportError):
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

OLD = "/briefs/vanguard-trims-fees/"
NEW = "/briefs/vanguard-cuts-fees-on-53-funds/"


def test_an_old_address_redirects_to_the_renamed_brief(page: Page, sample_site_url: str) -> None:
    page.goto(f"{sample_site_url}{OLD}#key-points")
    page.wait_for_url(f"{sample_site_url}{NEW}#key-points")
    assert page.locator("h1").first.inner_text().startswith("Vanguard Lowers Fees Again")
    assert page.title().endswith("Market Briefs")


def test_a_category_feed_link_leads_to_its_feed(page: Page, sample_site_url: str) -> None:
    page.goto(f"{sample_site_url}/categories/autos/")
    href = page.locator(".nb-feeds a", has_text="RSS").get_attribute("href")
    assert href == "rss.xml"
    response = page.request.get(f"{sample_site_url}/categories/autos/{href}")
    assert response.ok and "<rss" in response.text()
    head = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    assert head.count() == 2  # the category's and the site's
