"""The site's search as a reader uses it (Pagefind, the default): nothing loads until asked,
the keyboard opens and closes it, a ticker or a category narrows the results, and the open
search passes axe at 375 and 1280 px, light and dark; briefs of an old year's segment and of
the current month's are found alike, merged into one list. A ticker symbol, a company's
name or an alias puts its page first, then its briefs newest first, each page once; a
result's excerpt is the brief's text, never its metadata; "Newest first" and the Year filter
order and narrow the results; names and titles in the exact block stay text. Finding a brief by a word of its
details or by its ticker: test_newsroom_in_browser.py; hostile text in results:
test_site_in_browser.py."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest

from support import SiteFactory, brief_yaml
from support.hostile import HOSTILE

with contextlib.suppress(ImportError):
    from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser


SHOWN = ".nb-search__exact:not([hidden]) .nb-search__hit, .pagefind-ui__result:not([hidden])"
"""A result the reader sees: the exact block's, then Pagefind's not already shown there."""


def open_search(page: Page, query: str) -> None:
    page.locator(".nb-search__open").click()
    page.locator("#nb-search-ui input.pagefind-ui__search-input").press_sequentially(
        query, delay=20
    )
    expect(page.locator(SHOWN).first).to_be_visible()
    # "3 results for F", not "Searching for F..." (the exact block shows before Pagefind's)
    expect(page.locator(".pagefind-ui__message")).to_contain_text(
        re.compile(r"results? for " + re.escape(query.strip()))
    )


def shown_paths(page: Page) -> list[str]:
    """The paths of every result the reader sees, in order ("Load more results" pressed)."""
    more = page.locator(".pagefind-ui__button", has_text="more")
    while more.count() and more.is_visible():
        more.click()
    expect(page.locator(".pagefind-ui__result-link")).not_to_have_count(0)
    links = page.locator(f"#nb-search-dialog :is({SHOWN}) a")
    return [urlsplit(h).path for h in links.evaluate_all("as => as.map(a => a.href)")]


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


@pytest.mark.parametrize("query", ["shares", "F"])  # a word; an exact name (its block shown)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_open_search_passes_axe_and_fits_the_screen(
    browser: Browser, sample_site_url: str, width: int, scheme: str, query: str
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
        open_search(page, query)
        page.wait_for_load_state("networkidle")
        expect(page.locator(".pagefind-ui__loading")).to_have_count(0)  # placeholders gone
        expect(page.locator(".nb-search__exact")).to_be_visible(visible=query == "F")
        found: list[dict[str, Any]] = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(str(n["target"][0]) for n in v["nodes"][:5])
            for v in found
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"axe at {width}px, {scheme}, search for {query}: {serious}"
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
    # Every brief says "Acme" (three of them have its ticker): the ticker's page and its
    # briefs newest first (the exact name), from the run of earlier months and from the
    # newest month's segment, then the brief that only says it (Pagefind's), each once.
    paths = shown_paths(page)
    assert paths == ["/tickers/acme/", "/briefs/a/", "/briefs/older/", "/briefs/old/", "/briefs/b/"]
    assert result_count(page) == len(paths)


# ---------------------------------------------------------------------------------------------
# The desk's vocabulary: exact names first, excerpts from the text, the order by date.


@pytest.mark.parametrize(
    ("query", "first", "then"),
    [
        ("F", "/tickers/f/", "/entities/ford/"),
        ("ON", "/tickers/on/", "/entities/onsemi/"),
        ("GM", "/tickers/gm/", "/entities/general-motors/"),
        ("NVDA", "/tickers/nvda/", "/entities/nvidia/"),
        ("Ford Motor", "/entities/ford/", "/tickers/f/"),
        ("NVIDIA", "/entities/nvidia/", "/tickers/nvda/"),
    ],
)
def test_a_symbol_or_company_name_puts_its_page_first_then_its_briefs_newest_first(
    page: Page, sample_site_url: str, query: str, first: str, then: str
) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, query)
    exact = page.locator(".nb-search__exact")
    expect(exact).to_be_visible()
    expect(exact.get_by_role("heading")).to_contain_text(query)
    paths = shown_paths(page)
    assert paths[:2] == [first, then], paths
    assert len(paths) == len(set(paths)), f"a page shown twice: {paths}"
    briefs = exact.locator(".nb-search__hit").filter(has=page.locator("a[href*='/briefs/']"))
    dates = [
        datetime.strptime(note, "%b %d, %Y")
        for note in briefs.locator(".nb-search__hit-note").all_inner_texts()
    ]
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True), dates
    # Each of them is one of the page's briefs (or the linked page's): it names the ticker.
    page.goto(sample_site_url + paths[2])
    expect(
        page.locator(f"article a[href$='{first}'], article a[href$='{then}']").first
    ).to_be_attached()


def test_the_exact_block_goes_with_the_query(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, "GM")
    exact = page.locator(".nb-search__exact")
    expect(exact).to_be_visible()
    page.keyboard.type(" pickups", delay=20)  # no longer a name: Pagefind's results alone
    expect(exact).to_be_hidden()
    page.keyboard.press("Backspace", delay=20)
    for _ in range(len("pickup")):
        page.keyboard.press("Backspace")
    expect(exact).to_be_visible()
    page.locator(".pagefind-ui__search-clear").click()
    expect(exact).to_be_hidden()


def test_an_excerpt_is_the_briefs_text_never_its_metadata(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, "Caleb Monroe")  # a byline: in no brief's text
    results = page.locator(".pagefind-ui__result:not([hidden])").filter(
        has=page.locator("a[href*='/briefs/']")
    )
    expect(results.first).to_be_visible()
    excerpts = results.locator(".pagefind-ui__result-excerpt")
    expect(excerpts.first).not_to_be_empty()
    links = results.locator(".pagefind-ui__result-link").evaluate_all("as => as.map(a => a.href)")
    texts = excerpts.all_inner_texts()
    assert len(texts) == len(links) >= 2
    for link, excerpt in zip(links, texts, strict=True):
        assert "Caleb Monroe" not in excerpt, excerpt
        assert not re.search(r"\b[A-Z]{1,5} \([A-Z]", excerpt), excerpt  # "AAPL (Apple Inc.)"
        page2 = page.context.new_page()
        page2.goto(link)
        article = _words(page2.locator("article").inner_text())
        page2.close()
        opening = _words(excerpt.removesuffix("\u2026"))[:8]
        assert " ".join(opening) in " ".join(article), (link, excerpt)


def _words(text: str) -> list[str]:
    """Words without the marks typography changes (quotes, apostrophes), in lower case."""
    return re.sub(r"[^\w\s$%.,-]", " ", text.lower()).split()


def test_newest_first_orders_the_results_by_date_from_the_keyboard(
    page: Page, sample_site_url: str
) -> None:
    page.goto(sample_site_url + "/")
    open_search(page, "shares")
    everything = result_count(page)
    order = page.get_by_label("Order")
    expect(order).to_have_value("")
    order.focus()
    page.keyboard.press("ArrowDown")  # "Newest first", with the keyboard alone
    expect(order).to_have_value("date")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("shares")
    dates = page.locator(".pagefind-ui__result-tag[data-pagefind-ui-meta='date']")
    # A sorted search re-reads every result's date: slower than the first on a busy machine.
    expect(dates.first).to_be_visible(timeout=20_000)
    shown = [
        datetime.strptime(text.split(":", 1)[1].strip(), "%b %d, %Y")
        for text in dates.all_inner_texts()
    ]
    assert len(shown) >= 3 and shown == sorted(shown, reverse=True), shown
    # The briefs of every segment, as before: only the order changed.
    paths = result_paths(page)
    assert len([p for p in paths if p.startswith("/briefs/")]) >= everything - 6, paths


def test_the_year_filter_narrows_the_results_to_that_years_briefs(
    page: Page, segmented_site_url: str
) -> None:
    page.goto(segmented_site_url + "/")
    open_search(page, "forecasts")
    assert sorted(result_paths(page)) == [
        "/briefs/a/",
        "/briefs/b/",
        "/briefs/old/",
        "/briefs/older/",
    ]
    year = page.locator(".pagefind-ui__filter-block", has_text="Year")
    year.locator("summary").click()
    year.get_by_label("2025", exact=False).check()
    expect(page.locator(".pagefind-ui__message")).to_contain_text("1 result")
    assert result_paths(page) == ["/briefs/older/"]


HOSTILE_NAMES = {
    "2026/01/a.yaml": brief_yaml(
        title=f"Acme {HOSTILE[1]} {HOSTILE[0]}", tickers=["ACME"], entities=["Acme"]
    ),
}
HOSTILE_TICKERS = f"ACME: {{name: {json.dumps(HOSTILE[1])}, exchange: NYSE, entity: Acme}}\n"
HOSTILE_ENTITIES = (
    f"Acme:\n  kind: company\n  description: A maker.\n  aliases: [{json.dumps(HOSTILE[0])}]\n"
)


@pytest.fixture(scope="module")
def hostile_names_url(site_server: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A brief whose headline, ticker's company and entity's alias are HTML."""
    root = tmp_path_factory.mktemp("hostile-names")
    SiteFactory(root).create(HOSTILE_NAMES)
    (root / "briefs" / "_data").mkdir(exist_ok=True)
    (root / "briefs" / "_data" / "tickers.yaml").write_text(HOSTILE_TICKERS, "utf-8")
    (root / "briefs" / "_data" / "entities.yaml").write_text(HOSTILE_ENTITIES, "utf-8")
    return str(site_server(root))


@pytest.mark.parametrize("query", ["ACME", HOSTILE[0]])
def test_names_and_headlines_in_the_exact_block_stay_text(
    page: Page, hostile_names_url: str, query: str
) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_names_url + "/")
    open_search(page, query)
    exact = page.locator(".nb-search__exact")
    expect(exact).to_be_visible()
    expect(exact.locator(".nb-search__hit-link").first).to_have_text(
        f"ACME: {HOSTILE[1]}" if query == "ACME" else "Acme"
    )
    expect(exact.locator("a[href*='/briefs/a/']")).to_have_text(f"Acme {HOSTILE[1]} {HOSTILE[0]}")
    expect(exact.get_by_role("heading")).to_contain_text(query)
    assert exact.locator("img, script").count() == 0
    page.wait_for_load_state("networkidle")
    assert alerts == [], f"a name or headline ran code in the search: {alerts}"
