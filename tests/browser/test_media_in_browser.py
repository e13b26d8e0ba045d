"""Images seen from a browser: a page's social card (its ``og:image``) opens as a 1200x630
image, and the sample brief with an image shows its 16x9 rendition, loaded whole."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest

with contextlib.suppress(ImportError):
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CARDED = "/briefs/oil-climbs-on-supply-worries/"
PICTURED = "/briefs/ai-infrastructure-deals-lift-chip-and-cloud-stocks/"


def _natural_size(page: Page, url: str) -> tuple[int, int]:
    """Open ``url`` as the browser opens an image address, and read its decoded size."""
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_function("document.images.length === 1 && document.images[0].complete")
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    return size[0], size[1]


@pytest.mark.parametrize("path", [CARDED, "/categories/energy/", "/tickers/xom/"])
def test_a_pages_card_opens_at_its_size(page: Page, sample_site_url: str, path: str) -> None:
    page.goto(f"{sample_site_url}{path}")
    card = page.locator('head meta[property="og:image"]').get_attribute("content")
    assert card is not None and "/assets/newsbriefs/cards/" in card
    width = page.locator('head meta[property="og:image:width"]').get_attribute("content")
    height = page.locator('head meta[property="og:image:height"]').get_attribute("content")
    assert (width, height) == ("1200", "630")
    # The absolute address is the published site's; the same path is served here.
    assert _natural_size(page, sample_site_url + urlsplit(card).path) == (1200, 630)


def test_a_briefs_image_is_shown_whole(page: Page, sample_site_url: str) -> None:
    page.goto(f"{sample_site_url}{PICTURED}")
    image = page.locator(".nb-figure img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.nb-figure img').complete"
        " && document.querySelector('.nb-figure img').naturalWidth > 0"
    )
    natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural == [1200, 675]
    assert "line chart" in (image.get_attribute("alt") or "")
    credit = page.locator(".nb-figcaption .nb-credit").text_content()
    assert credit == "Market Briefs illustration"
    shown = image.bounding_box()
    assert shown is not None and shown["width"] > 300  # full width of the article, not a thumbnail
