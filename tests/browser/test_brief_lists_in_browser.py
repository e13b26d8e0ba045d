"""A brief's chips, links and previous/next pair, measured in Chromium (issue 26).

WCAG 2.2's target size (2.5.8, AA): every chip of a brief's chip rows (the byline's tickers,
Mentioned, Tags, Story, a risk's sectors) and each link of the previous/next pair is a box of
at least 24 x 24 CSS px, in text of at least 13 px, at 375 and at 1280 px wide. The pair sits
side by side on a wide screen and one above the other on a phone, under the brief and before
its lists; axe finds no serious or critical violation in it, light or dark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

BRIEFS = (
    "/briefs/ford-xiaomi-ev-talks/",  # tickers, Mentioned, Tags, Story, both of the pair
    "/briefs/ev-stocks-slide-on-china-price-war/",  # a risk's sectors
)
WIDTHS = (375, 1280)
MIN_TARGET = 24
MIN_TEXT = 13

CHIP_LINKS = ", ".join(
    f"article {rows} a"
    for rows in (
        ".nb-byline__tickers .nb-ticker",
        ".nb-topics .nb-chip",
        ".nb-topics .nb-ticker",
        ".nb-risks + ul .nb-chip",
    )
)
MEASURE = """selector => [...document.querySelectorAll(selector)].map(a => {
    const box = a.getBoundingClientRect();
    return {text: a.textContent.trim(), width: box.width, height: box.height,
            top: box.top, bottom: box.bottom, left: box.left,
            font: parseFloat(getComputedStyle(a).fontSize)};
})"""


def _open(browser: Browser, url: str, width: int, scheme: str = "light") -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    return page


def _small(boxes: list[dict[str, Any]]) -> list[str]:
    return [
        f"{box['text']!r}: {box['width']:.1f} x {box['height']:.1f} px, text {box['font']} px"
        for box in boxes
        if box["width"] < MIN_TARGET or box["height"] < MIN_TARGET or box["font"] < MIN_TEXT
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", BRIEFS)
def test_every_chip_of_a_brief_is_a_24_px_target_in_readable_text(
    browser: Browser, sample_site_url: str, path: str, width: int
) -> None:
    page = _open(browser, sample_site_url + path, width)
    try:
        chips = page.evaluate(MEASURE, CHIP_LINKS)
        pair = page.evaluate(MEASURE, "article .nb-pair a")
    finally:
        page.context.close()
    assert len(chips) >= 3, chips  # the rows are there: the check measured something
    assert pair, f"{path} has no previous/next pair"
    assert not _small(chips), f"{path} at {width} px: chips under 24 x 24 px: {_small(chips)}"
    assert not _small(pair), f"{path} at {width} px: previous/next under 24 px: {_small(pair)}"


@pytest.mark.parametrize("width", WIDTHS)
def test_previous_and_next_are_a_pair_under_the_brief(
    browser: Browser, sample_site_url: str, width: int
) -> None:
    page = _open(browser, sample_site_url + BRIEFS[0], width)
    try:
        previous, following = page.evaluate(MEASURE, "article .nb-pair a")
        labels = page.evaluate(
            "[...document.querySelectorAll('.nb-pair .nb-sequence__label')]"
            ".map(label => label.textContent)"
        )
        order = page.evaluate(
            """() => {
                const pair = document.querySelector('article .nb-pair');
                const lists = [...document.querySelectorAll('article ul.nb-list')];
                return lists.every(list =>
                    pair.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
    finally:
        page.context.close()
    assert labels == ["Previous in Stock Markets", "Next in Stock Markets"]
    assert order, "the previous/next pair comes before the story and the lists"
    if width >= 1280:  # side by side
        assert abs(previous["top"] - following["top"]) < 1, (previous, following)
        assert following["left"] > previous["left"] + previous["width"] - 1
    else:  # one above the other
        assert following["top"] >= previous["bottom"] - 1, (previous, following)
        assert abs(following["left"] - previous["left"]) < 1


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", WIDTHS)
def test_the_pair_and_the_chips_pass_axe(
    browser: Browser, sample_site_url: str, width: int, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = _open(browser, sample_site_url + BRIEFS[0], width, scheme)
    try:
        found = Axe().run(page, context="article").response["violations"]
    finally:
        page.context.close()
    serious = [
        f"{v['id']}: " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious
