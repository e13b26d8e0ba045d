"""The built site as a reader's browser shows it: layout order, navigation, palette, search,
no third-party requests, and brief text that stays text (Chromium via Playwright)."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from generator.source.slugs import term_slug

# Without playwright, conftest.py skips every test (or fails it when a browser is required).
with contextlib.suppress(ImportError):
    from playwright.sync_api import BrowserContext, Locator, Page, expect

pytestmark = pytest.mark.browser

SEED = "/briefs/ford-xiaomi-ev-talks/"


def heading(scope: Locator, level: int, text: str) -> Locator:
    """A heading by its exact text (Material appends a "¶" permalink to h2..h6)."""
    return scope.locator(f"h{level}", has_text=re.compile(rf"^\s*{re.escape(text)}\s*¶?\s*$"))


def admonition(scope: Locator, title: str) -> Locator:
    title_re = re.compile(rf"^\s*{re.escape(title)}\s*$")
    return scope.locator(".admonition").filter(
        has=scope.page.locator(".admonition-title", has_text=title_re)
    )


def next_list(locator: Locator) -> Locator:
    return locator.locator("xpath=following-sibling::*[1][self::ul]")


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} has no layout box"
    return found


# ---------------------------------------------------------------------------------------------
# 1. The seed brief, section by section, top to bottom.


def test_seed_brief_sections_in_reading_order(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + SEED)
    article = page.locator("article")

    kicker = article.locator("p.nb-kicker")
    category = kicker.get_by_role("link", name="Stock Markets", exact=True)
    expect(category).to_be_visible()
    assert urlsplit(category.evaluate("a => a.href")).path == "/categories/stock-markets/"

    headline = article.locator("h1")
    expect(headline).to_have_count(1)
    expect(headline).to_contain_text("Ford Rejects Report That It Discussed")

    dek = article.locator("p.nb-dek")
    expect(dek).to_contain_text("A weekend report of joint-venture discussions")

    # The byline line: author, then the time in the site's zone (to its month), then tickers.
    byline = article.locator("p.nb-byline")
    expect(byline.locator(".nb-byline__authors")).to_have_text("By Caleb Monroe")
    time = byline.locator(".nb-byline__time time")
    expect(time).to_have_text(re.compile(r"^January 31, 2026, 10:15\sa\.m\. ET$"))
    expect(time).to_have_attribute("datetime", "2026-01-31T10:15:00-05:00")
    month = byline.locator(".nb-byline__time a")
    assert urlsplit(month.evaluate("a => a.href")).path == "/archive/2026/01/"
    ticker = byline.locator(".nb-byline__tickers .nb-ticker")
    expect(ticker).to_have_text("Ticker F")  # "Ticker " is for screen readers only
    expect(ticker.get_by_role("link", name="Ticker F")).to_be_visible()
    parts = [box(byline.locator(f".nb-byline__{part}")) for part in ("authors", "time", "tickers")]
    assert parts[0]["x"] + parts[0]["width"] <= parts[1]["x"] <= parts[2]["x"]

    lead = article.locator("p.nb-lead")
    expect(lead).to_contain_text("Ford has rejected as \u201ccompletely false\u201d")

    key_points = admonition(article, "Key Points")
    expect(key_points.locator("li")).to_have_count(3)

    summary = heading(article, 2, "Summary")
    details = heading(article, 2, "Details")
    quote = article.locator("blockquote")
    expect(quote).to_contain_text("John Moolenaar")
    investor_note = admonition(article, "Investor tool mention")
    context_note = admonition(article, "Contextual note")

    risks = heading(article, 2, "Risks")
    chips = next_list(risks).locator(".nb-chip")
    expect(chips).to_have_count(6)
    assert set(chips.all_inner_texts()) == {  # as briefs/_data/sectors.yaml names them
        "Automotive",
        "Manufacturing",
        "Batteries",
        "Asset Management",
    }

    more_from = heading(article, 2, "More from Stock Markets")
    more_links = next_list(more_from).locator("a")
    # The briefs of its category published before it (three in the sample site), not the
    # newest: a new brief must not change the page of every brief of its category. Of the
    # three, one is its "Previous" and one a related brief, shown above: one is left.
    expect(more_links).to_have_count(1)
    for link in more_links.all():
        expect(link).to_be_visible()
        assert urlsplit(link.evaluate("a => a.href")).path.startswith("/briefs/")

    in_order = {
        "kicker": kicker,
        "headline": headline,
        "dek": dek,
        "byline": byline,
        "lead": lead,
        "Key Points": key_points,
        "Summary": summary,
        "Details": details,
        "blockquote": quote,
        "Investor tool mention": investor_note,
        "Contextual note": context_note,
        "Risks": risks,
        "first sector chip": chips.first,
        "More from Stock Markets": more_from,
        "first More from link": more_links.first,
    }
    boxes: dict[str, dict[str, float]] = {}
    for name, locator in in_order.items():
        expect(locator, f"{name} should be visible").to_be_visible()
        boxes[name] = box(locator)
        assert boxes[name]["height"] > 0 and boxes[name]["width"] > 0, name
    names = list(boxes)
    for above, below in itertools.pairwise(names):
        bottom = boxes[above]["y"] + boxes[above]["height"]
        assert bottom <= boxes[below]["y"] + 1, (
            f"{above!r} (y {boxes[above]['y']:.0f}..{bottom:.0f}) should end above "
            f"{below!r} (y {boxes[below]['y']:.0f})"
        )
    byline_box, ticker_box = boxes["byline"], box(ticker)
    assert byline_box["y"] <= ticker_box["y"] < byline_box["y"] + byline_box["height"]


# ---------------------------------------------------------------------------------------------
# 2. Everything a page loads comes from the site itself, and loads.


def test_pages_load_only_from_the_site_without_errors(
    context: BrowserContext, page: Page, sample_site_url: str
) -> None:
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    # On the context, so requests made by workers (Pagefind's search) are seen too.
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    context.on(
        "response",
        lambda response: (
            failed.append(f"{response.url}: HTTP {response.status}")
            if response.status >= 400
            else None
        ),
    )
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    for path in ("/", "/categories/stock-markets/", SEED):
        page.goto(sample_site_url + path, wait_until="networkidle")
        expect(page.locator("article h1")).to_be_visible()
    assert not [url for url in requests if "/pagefind/" in url], "search loaded unasked"

    page.locator(".nb-search__open").click()
    page.locator("#nb-search-ui input.pagefind-ui__search-input").press_sequentially(
        "Xiaomi", delay=20
    )
    # "Xiaomi" is an entity's name: its page and briefs come first, Pagefind's copies hidden.
    expect(page.locator(".nb-search__hit").first).to_be_visible()
    # The exact block comes from a few KB and can be shown before Pagefind's worker has asked
    # for its results' fragments: wait for the first (a fragment is what a result shows).
    for _ in range(100):
        if any(urlsplit(url).path.startswith("/pagefind/fragment/") for url in requests):
            break
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    paths = {urlsplit(url).path for url in requests}
    for asked in (
        "/pagefind/pagefind-ui.js",
        "/pagefind/pagefind.js",
        "/pagefind/wasm.en.pagefind",
    ):
        assert asked in paths, f"{asked} was never requested: were worker requests recorded?"
    assert any(path.startswith("/pagefind/fragment/") for path in paths)
    # data: and blob: URLs are made in the page and never reach a network.
    leaving = [
        url
        for url in requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert leaving == [], f"requests to other hosts: {leaving}"
    assert failed == [], f"failed requests: {failed}"
    assert errors == [], f"console errors: {errors}"


# ---------------------------------------------------------------------------------------------
# 3. Home -> category -> brief, one click each, and the brief's kicker leads back.


@pytest.mark.parametrize(
    ("where", "category"), [("page", "Stock Markets"), ("nav", "Energy")], ids=["page", "nav"]
)
def test_reader_reaches_a_brief_through_its_category(
    page: Page, sample_site_url: str, where: str, category: str
) -> None:
    page.goto(sample_site_url + "/")
    scope = page.locator("article" if where == "page" else "nav.nb-sections")  # the section bar
    scope.get_by_role("link", name=category, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/categories/[a-z0-9-]+/$"))
    category_url = page.url
    expect(page.locator("article h1")).to_contain_text(category)

    first_brief = page.locator("article .nb-headline a").first
    title = first_brief.inner_text()
    first_brief.click()
    expect(page).to_have_url(re.compile(r"/briefs/[a-z0-9-]+/$"))
    expect(page.locator("article h1")).to_contain_text(title)

    back = page.locator("article p.nb-kicker a").first  # then the date, to its month
    expect(back).to_have_text(category)
    assert back.evaluate("a => a.href") == category_url, "the kicker should link to the category"
    back.click()
    expect(page).to_have_url(category_url)


# ---------------------------------------------------------------------------------------------
# 4. The palette toggle.


def test_palette_toggle_switches_to_dark(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + SEED)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function(f"{scheme} === 'slate'")
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    assert page.evaluate(scheme) == "slate"


# ---------------------------------------------------------------------------------------------
# 5. Search.


def test_search_finds_the_seed_brief(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + "/")
    page.locator(".nb-search__open").click()
    search = page.locator("#nb-search-ui input.pagefind-ui__search-input")
    search.press_sequentially("Xiaomi", delay=20)
    results = page.locator(".pagefind-ui__result")
    expect(page.locator(".nb-search__hit").first).to_be_visible()  # an entity's name: first
    expect(results.first).to_be_attached()
    # Pagefind's list fills in as each result's fragment arrives: read it once it is whole.
    expect(page.locator(".pagefind-ui__message")).to_contain_text("results for Xiaomi")
    links = page.locator(".pagefind-ui__result-link")
    paths: list[str] = []
    for _ in range(50):
        paths = [urlsplit(href).path for href in links.evaluate_all("as => as.map(a => a.href)")]
        if SEED in paths:
            break
        page.wait_for_timeout(200)
    assert SEED in paths, f"no search result links to {SEED}: {paths}"
    # By its address, not its place: the list re-renders while more results load.
    page.locator(f'#nb-search-dialog a[href*="{SEED}"]:visible').first.click()
    expect(page).to_have_url(re.compile(re.escape(SEED)))
    expect(page.locator("article h1")).to_contain_text("Xiaomi")


# ---------------------------------------------------------------------------------------------
# 6. Brief text is shown as text: no script, markup, link or template runs from it.


# Strings that would run code, make links or markup if brief text were not kept inert.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
JS_LINK = "[click](javascript:window.__pwned=3)"
ATTR_LIST = '{: onclick="window.__pwned=4" }'
JINJA = "{{ 7*7 }}"
HEADING = "# Not a heading"
FENCE = "```"
AUTOFOCUS = '{: autofocus onfocus="window.__pwned=6" tabindex=0 }'
ESCAPED_LINK = r"\[x\](javascript:window.__pwned=7) [y](java\script:window.__pwned=8)"
NESTED_LINK = "[[x](https://example.com)](javascript:window.__pwned=9)"
HOSTILE = (SCRIPT, IMG, JS_LINK, ATTR_LIST, JINJA, HEADING, FENCE, AUTOFOCUS, ESCAPED_LINK)

HOSTILE_BRIEF: dict[str, Any] = {
    "title": f"Hostile {SCRIPT} {JINJA} {ATTR_LIST}",
    "dek": f"{IMG} dek {JINJA} {NESTED_LINK} {AUTOFOCUS}",
    "date": "2026-01-05",
    "category": f"Hostile {IMG} desk",
    "byline": [SCRIPT, JS_LINK],
    "entities": [IMG, JINJA],
    "tags": [SCRIPT, ATTR_LIST],
    "sources": [{"title": SCRIPT, "url": "https://example.com/?q=<script>"}],
    "lead": f"{JS_LINK} lead {ATTR_LIST}",
    "key_points": list(HOSTILE),
    "summary": f"{HEADING}\n\n{FENCE}\nwindow.__pwned=5\n{FENCE}\n\n{SCRIPT} {ATTR_LIST}",
    "details": [HEADING, FENCE, f"{SCRIPT} {IMG}", f"{JINJA} {JS_LINK}", ATTR_LIST],
    "quotes": [{"text": f"{IMG} {SCRIPT}", "by": JS_LINK, "role": ATTR_LIST}],
    "notes": [{"title": SCRIPT, "text": f"{HEADING}\n\n{IMG} {JINJA}"}],
    "risks": [{"title": JS_LINK, "text": f"{ATTR_LIST} {FENCE}", "sectors": [SCRIPT, JINJA]}],
}
PLAIN_BRIEF: dict[str, Any] = {
    "title": "A Plain Brief",
    "date": "2026-01-04",
    "category": "Testing",
    "key_points": ["Nothing unusual here."],
    "summary": "An ordinary brief next to the hostile one.",
}
HOSTILE_SITE_YML = """\
site_name: Hostile Briefs
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  # Typographic quotes would change the quotes of the hostile strings, shown here as typed.
  - briefs:
      smart_quotes: false
markdown_extensions:
  - admonition
  - attr_list
  - toc
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.emoji
  - pymdownx.keys
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.tilde
"""


@pytest.fixture(scope="module")
def hostile_site_url(
    site_server: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A small site whose brief ``hostile`` carries script, HTML, Markdown and Jinja tricks."""
    root = tmp_path_factory.mktemp("hostile-site")
    (root / "mkdocs.yml").write_text(HOSTILE_SITE_YML, "utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n\nA test site.\n", "utf-8")
    (root / "briefs").mkdir()
    for slug, brief in (("hostile", HOSTILE_BRIEF), ("plain", PLAIN_BRIEF)):
        text = yaml.safe_dump(brief, sort_keys=False, allow_unicode=True)
        (root / "briefs" / f"{slug}.yaml").write_text(text, "utf-8")
    return site_server(root)


def assert_inert(page: Page) -> None:
    page.wait_for_load_state("networkidle")  # let an injected <img onerror> fire, if any
    pwned = page.evaluate("typeof window.__pwned === 'undefined' ? null : window.__pwned")
    assert pwned is None, f"brief text ran code: window.__pwned = {pwned}"
    assert (
        page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__pwned')).length")
        == 0
    )
    article = page.locator("article")
    expect(article.locator("script")).to_have_count(0)
    expect(page.locator("img")).to_have_count(0)  # anywhere: nav titles come from briefs too
    expect(page.locator("[onclick], [onerror], [onfocus], [autofocus]")).to_have_count(0)
    hrefs = article.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href') || '')")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], hrefs
    expect(article.get_by_text(SCRIPT).first).to_be_visible()
    expect(article.get_by_text(JINJA).first).to_be_visible()
    assert "49" not in article.inner_text()


def test_hostile_brief_text_stays_inert(page: Page, hostile_site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    page.goto(hostile_site_url + "/briefs/hostile/")
    assert_inert(page)
    article = page.locator("article")
    text = article.inner_text()
    for hostile in HOSTILE:
        assert hostile in text, f"{hostile!r} is not shown as text"
    expect(article.locator("h1")).to_have_count(1)
    expect(article.locator("h1")).to_contain_text(f"Hostile {SCRIPT} {JINJA}")
    expect(heading(article, 1, "Not a heading")).to_have_count(0)
    expect(
        article.locator("h1, h2, h3, h4, h5, h6").filter(has_text="Not a heading")
    ).to_have_count(0)
    expect(article.locator("pre, code")).to_have_count(0)
    expect(article.get_by_text(JS_LINK).first).to_be_visible()

    page.goto(hostile_site_url + "/")
    assert_inert(page)
    page.goto(hostile_site_url + f"/categories/{term_slug(HOSTILE_BRIEF['category'])}/")
    assert_inert(page)
    assert not [path for path in requested if path.endswith("/x")], "an <img src=x> loaded"


@pytest.mark.parametrize("query", ["Hostile", "onerror", "pwned"])
def test_hostile_brief_text_stays_text_in_search_results(
    page: Page, hostile_site_url: str, query: str
) -> None:
    """Pagefind's UI writes excerpts as HTML (with <mark>): the brief's text must reach it as
    text, in the title, the excerpt, the meta line and the filters."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(hostile_site_url + "/")
    page.locator(".nb-search__open").click()
    page.locator("#nb-search-ui input.pagefind-ui__search-input").press_sequentially(
        query, delay=20
    )
    ui = page.locator("#nb-search-ui")
    result = ui.locator(".pagefind-ui__result").filter(
        has=page.locator("a[href$='/briefs/hostile/']")
    )
    expect(result).to_have_count(1)
    expect(result.locator(".pagefind-ui__result-link")).to_contain_text(f"Hostile {SCRIPT} {JINJA}")
    expect(ui.locator(".pagefind-ui__filter-panel")).to_contain_text(HOSTILE_BRIEF["category"])
    if query == "onerror":  # the excerpt around an <img onerror> the brief wrote as text
        expect(result.locator(".pagefind-ui__result-excerpt mark").first).to_have_text(
            re.compile("onerror", re.IGNORECASE)
        )
        expect(result.locator(".pagefind-ui__result-excerpt")).to_contain_text("<img src=x")
    page.wait_for_load_state("networkidle")
    pwned = page.evaluate("typeof window.__pwned === 'undefined' ? null : window.__pwned")
    assert pwned is None, f"brief text ran code in the search: window.__pwned = {pwned}"
    expect(ui.locator("img, script, iframe")).to_have_count(0)
    expect(ui.locator("[onclick], [onerror], [onfocus], [autofocus]")).to_have_count(0)
    assert not [path for path in requested if path.endswith("/x")], "an <img src=x> loaded"


# ---------------------------------------------------------------------------------------------
# 7. Ticker chips (screenshots, axe and search: test_newsroom_in_browser.py).


@pytest.mark.parametrize("url", [SEED, "/tickers/f/"])
def test_linked_ticker_chips_are_readable(page: Page, sample_site_url: str, url: str) -> None:
    """A chip's link keeps the chip's text colour: Material paints links in the primary
    colour, which is the chip's background, and the symbol vanished."""
    page.goto(sample_site_url + url)
    links = page.locator("article .nb-ticker a")
    assert links.count() >= 1
    for n in range(links.count()):
        text, background = links.nth(n).evaluate(
            "a => [getComputedStyle(a).color, getComputedStyle(a.closest('.nb-ticker')).backgroundColor]"
        )
        assert text != background, (url, n, text)
