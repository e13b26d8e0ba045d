"""The site's search as a reader uses it (Pagefind, the default): nothing loads until asked,
the keyboard opens and closes it, a ticker or a category narrows the results, and the open
search passes axe at 375 and 1280 px, light and dark; briefs of an old year's segment and of
the current month's are found alike, merged into one list. Finding a brief by a word of its
details or by its ticker: test_newsroom_in_browser.py; hostile text in results:
test_site_in_browser.py."""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlsplit

import pytest

from support import SiteFactory, brief_yaml

with contextlib.suppress(ImportError):
    from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser


def open_search(page: Page, query: str) -> None:
    page.locator(".nb-search__open").click()
    page.locator("#nb-search-ui input.pagefind-ui__search-input").press_sequentially(
        query, delay=20
    )
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    expect(page.locator(".pagefind-ui__message")).to_contain_text(query)


def result_count(page: Page) -> int:
    """The count Pagefind's message gives ("7 results for ..."), not the results shown."""
    text = page.locator(".pagefind-ui__message").inner_text()
    return int(text.split()[0])


def result_paths(page: Page) -> list[str]:
    more = page.locator(".pagefind-ui__button", has_text="more")
    while more.count() and more.is_visible():
        more.click()
    links = page.locator(".pagefind-ui__result-link")
    return [urlsplit(h).path for h in links.evaluate_all("as => as.map(a => a.href)")]


def test_nothing_loads_until_the_reader_asks_and_the_keyboard_opens_and_closes_it(
    context: BrowserContext, page: Page, sample_site_url: str
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(sample_site_url + "/", wait_until="networkidle")
    assert not [path for path in requested if "/pagefind/" in path]
    button = page.get_by_role("button", name="Search")
    expect(button).to_be_visible()
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Search")
    expect(dialog).to_be_visible()
    box = dialog.locator("input.pagefind-ui__search-input")
    expect(box).to_be_focused()
    page.keyboard.type("Xiaomi", delay=20)
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    assert "/pagefind/pagefind-ui.js" in requested
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()


def test_a_ticker_filter_narrows_the_results_to_that_tickers(
    page: Page, sample_site_url: str
) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, "shares")
    everything = result_count(page)
    ticker = page.locator(".pagefind-ui__filter-block", has_text="Ticker")
    ticker.locator("summary").click()
    ticker.get_by_label("NVDA", exact=False).check()
    expect(page.locator(".pagefind-ui__message")).not_to_contain_text(f"{everything} result")
    narrowed = result_count(page)
    assert 0 < narrowed < everything
    paths = result_paths(page)
    assert len(paths) == narrowed
    for path in paths:  # each result is NVDA's: a brief that names it, or its page
        if path.startswith("/briefs/"):
            page.goto(sample_site_url + path)
            expect(page.locator("article a[href$='/tickers/nvda/']").first).to_be_attached()
        else:
            assert path == "/tickers/nvda/", path


def test_a_category_filter_narrows_the_results_to_that_categorys(
    page: Page, sample_site_url: str
) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, "shares")
    everything = result_count(page)
    category = page.locator(".pagefind-ui__filter-block", has_text="Category")
    category.locator("summary").click()
    category.get_by_label("Energy", exact=False).check()
    expect(page.locator(".pagefind-ui__message")).not_to_contain_text(f"{everything} result")
    narrowed = result_count(page)
    assert 0 < narrowed < everything
    paths = result_paths(page)
    for path in paths:
        if path.startswith("/briefs/"):
            page.goto(sample_site_url + path)
            expect(page.locator("article p.nb-kicker a").first).to_have_text("Energy")
        else:
            assert path == "/categories/energy/", path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_open_search_passes_axe_and_fits_the_screen(
    browser: Browser, sample_site_url: str, width: int, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 400 else 812},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(sample_site_url + "/", wait_until="networkidle")
        open_search(page, "shares")
        page.wait_for_load_state("networkidle")
        expect(page.locator(".pagefind-ui__loading")).to_have_count(0)  # placeholders gone
        found: list[dict[str, Any]] = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(str(n["target"][0]) for n in v["nodes"][:5])
            for v in found
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"axe at {width}px, {scheme}, search open: {serious}"
        dialog = page.locator("#nb-search-dialog").bounding_box()
        assert dialog is not None and dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= width
        assert errors == []
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Segments: each period of briefs is a bundle of its own, merged in the browser.

SEGMENTED = {
    "2024/06/old.yaml": brief_yaml(
        title="Zeppelin Output Falls",
        date="2024-06-03",
        tickers=["ACME"],
        details=["Shipyards reported quixotic zeppelin orders."],
    ),
    "2025/11/older.yaml": brief_yaml(
        title="Yarrow Crop Grows", date="2025-11-03", tickers=["ACME"]
    ),
    "2026/01/a.yaml": brief_yaml(tickers=["ACME"]),
    "2026/02/b.yaml": brief_yaml(
        title="Beta Falls", date="2026-02-06", details=["Analysts saw marmalade futures slip."]
    ),
}


@pytest.fixture(scope="module")
def segmented_site_url(site_server: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A site of briefs over three years: segments 2026-02 (the newest month), 2024-06-to-2026-01
    (the earlier months) and the primary one (term and own pages)."""
    root = tmp_path_factory.mktemp("segmented")
    SiteFactory(root).create(SEGMENTED)
    return str(site_server(root))


@pytest.mark.parametrize(
    ("query", "found", "segment"),
    [
        ("quixotic", "/briefs/old/", "/pagefind/2024-06-to-2026-01/"),
        ("marmalade", "/briefs/b/", "/pagefind/2026-02/"),
    ],
    ids=["earlier-months", "newest-month"],
)
def test_a_brief_is_found_in_an_old_segment_and_in_the_current_one(
    context: BrowserContext,
    page: Page,
    segmented_site_url: str,
    query: str,
    found: str,
    segment: str,
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(segmented_site_url + "/")
    open_search(page, query)
    assert result_paths(page) == [found]
    assert segment + "pagefind-entry.json" in requested
    # The scripts and WebAssembly come once, from the primary bundle.
    assert [path for path in requested if path.endswith("pagefind.js")] == ["/pagefind/pagefind.js"]


def test_results_from_every_segment_are_one_list_the_tickers_page_first(
    page: Page, segmented_site_url: str
) -> None:
    page.goto(segmented_site_url + "/")
    open_search(page, "ACME")
    paths = result_paths(page)
    # Every brief says "Acme" (three of them have its ticker): from the run of earlier
    # months and from the newest month's segment, after the ticker's page (the primary's).
    assert paths[0] == "/tickers/acme/", paths
    assert sorted(paths[1:]) == ["/briefs/a/", "/briefs/b/", "/briefs/old/", "/briefs/older/"]
    assert result_count(page) == len(paths)
