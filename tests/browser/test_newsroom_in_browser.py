"""The sample site as readers see it, at 375 and 1280 px, light and dark: accessibility (axe-core),
no console errors, failed requests or sideways scrolling, screenshots for the README, and a
search that finds briefs first (Chromium via Playwright)."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from support import FIXTURES, REPO, copy_sample
from support.serving import is_ok, mkdocs_serve

with contextlib.suppress(ImportError):
    from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SEED = "/briefs/ford-xiaomi-ev-talks/"
CATEGORY = "/categories/stock-markets/"
# The pages axe checks: one of every kind.
PAGES = {
    "home": "/",
    "category": CATEGORY,
    "brief": SEED,
    "ticker": "/tickers/f/",
    "risks": "/risks/",
    "digest": "/digest/2026/02/02/",
    "digests": "/digest/",
    # Every other kind of page: a taxonomy's index, an entity, a sector, an author, a month
    # of the archive, the stories, and the site's own page.
    "tickers": "/tickers/",
    "entity": "/entities/ford/",
    "sector": "/sectors/automotive/",
    "author": "/authors/caleb-monroe/",
    "archive": "/archive/",
    "stories": "/stories/",
    "about": "/about/",
}
SCREENSHOTS = ("home", "category", "brief")
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
ARTIFACTS = Path(os.environ.get("NEWSBRIEFS_ARTIFACTS") or Path(__file__).parent / "artifacts")
README_SHOTS = REPO / ".github" / "screenshots"
"""The README's screenshots: copied from this run's when NEWSBRIEFS_SCREENSHOT=1."""
README_SET = {
    ("home", 1280, "light"),
    ("brief", 1280, "light"),
    ("home", 375, "dark"),
    ("brief", 375, "dark"),
}


@pytest.fixture(scope="module")
def readers_pages(browser: Browser, sample_site_url: str) -> dict[tuple[int, str], Any]:
    """Per width and scheme: each page opened once in a fresh profile, with what the page
    logged, what failed to load, axe's serious and critical violations, how far it scrolls
    sideways, and a screenshot (written to the artifacts folder)."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    return {
        (width, scheme): _read_pages(browser, sample_site_url, axe, width, scheme)
        for width in WIDTHS
        for scheme in SCHEMES
    }


def _read_pages(browser: Browser, base: str, axe: Any, width: int, scheme: str) -> dict[str, Any]:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 400 else 812},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    context.set_default_timeout(15_000)
    errors: list[str] = []
    failed: list[str] = []
    context.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    context.on(
        "response",
        lambda r: failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None,
    )
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    results: dict[str, Any] = {}
    try:
        for name, path in PAGES.items():
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            found = axe.run(page).response["violations"]
            results[name] = {
                "scheme": page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
                "violations": [
                    f"{v['id']} ({v['impact']}): {v['help']}: "
                    + "; ".join(n["target"][0] for n in v["nodes"][:5])
                    for v in found
                    if v["impact"] in ("serious", "critical")
                ],
                "overflow": page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                ),
                # An inline element has one box per line it is set on: a date on two lines.
                "broken_dates": page.evaluate(
                    "[...document.querySelectorAll('article time')]"
                    ".filter(t => t.getClientRects().length > 1).map(t => t.textContent)"
                ),
                "dates": page.evaluate("document.querySelectorAll('article time').length"),
            }
            if name in SCREENSHOTS:
                shot = ARTIFACTS / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True)
                results[name]["screenshot"] = shot
                if (name, width, scheme) in README_SET:
                    results[name]["readme"] = page.screenshot()  # the first screenful
    finally:
        context.close()
    return {"pages": results, "errors": errors, "failed": failed}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violations(
    readers_pages: dict[tuple[int, str], Any], width: int, scheme: str
) -> None:
    pages = readers_pages[(width, scheme)]["pages"]
    expected = "slate" if scheme == "dark" else "default"
    assert {name: page["scheme"] for name, page in pages.items()} == dict.fromkeys(pages, expected)
    violations = {name: page["violations"] for name, page in pages.items() if page["violations"]}
    assert violations == {}, f"axe at {width}px, {scheme}: {violations}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_log_no_errors_load_everything_never_scroll_sideways_nor_break_dates(
    readers_pages: dict[tuple[int, str], Any], width: int, scheme: str
) -> None:
    seen = readers_pages[(width, scheme)]
    assert seen["errors"] == [], f"console errors: {seen['errors']}"
    assert seen["failed"] == [], f"failed requests: {seen['failed']}"
    overflow = {name: page["overflow"] for name, page in seen["pages"].items() if page["overflow"]}
    assert overflow == {}, f"pages wider than {width}px (by px): {overflow}"
    assert sum(page["dates"] for page in seen["pages"].values()) > 20
    broken = {
        name: page["broken_dates"] for name, page in seen["pages"].items() if page["broken_dates"]
    }
    assert broken == {}, f"dates broken across lines: {broken}"


def test_screenshots_are_written_for_every_width_and_scheme(
    readers_pages: dict[tuple[int, str], Any],
) -> None:
    """The artifacts folder holds home, a category and a brief at both widths, light and dark;
    with NEWSBRIEFS_SCREENSHOT=1 the README's are replaced by this run's."""
    for (width, _scheme), seen in readers_pages.items():
        for name in SCREENSHOTS:
            shot: Path = seen["pages"][name]["screenshot"]
            data = shot.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot
            assert int.from_bytes(data[16:20], "big") == width, shot
    if os.environ.get("NEWSBRIEFS_SCREENSHOT") == "1":
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        for name, width, scheme in sorted(README_SET):
            data = readers_pages[(width, scheme)]["pages"][name]["readme"]
            (README_SHOTS / f"{name}-{width}-{scheme}.png").write_bytes(data)


# ---------------------------------------------------------------------------------------------
# Search: the brief first.


def _brief_texts() -> dict[str, tuple[str, str]]:
    """Slug -> (all the brief's text, its details), from the sample's YAML files."""
    texts = {}
    for path in sorted((REPO / "briefs").rglob("*.yaml")):
        if "_data" in path.parts:
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        details = " ".join(data.get("details") or [])
        texts[path.stem] = (yaml.safe_dump(data).lower(), details)
    return texts


def _word_of_one_brief() -> tuple[str, str]:
    """A word of one brief's details that no other brief (nor the site's own pages) has,
    not even as the start of a longer word: search prefixes and stems words."""
    texts = _brief_texts()
    # The site's own pages and the registries (what term pages say) are searched too.
    others = [*(REPO / "docs").rglob("*.md"), *(REPO / "briefs" / "_data").rglob("*.yaml")]
    pages = " ".join(p.read_text("utf-8").lower() for p in others)
    for slug, (_, details) in texts.items():
        for word in sorted(set(re.findall(r"\b[a-z]{8,}\b", details))):
            stem = word[:6]
            others = [s for s, (text, _) in texts.items() if s != slug and stem in text]
            if not others and stem not in pages:
                return slug, word
    raise AssertionError("no brief has a word of its own in its details")


def search(page: Page, query: str) -> list[str]:
    """The paths of the pages the search (Pagefind's, opened from the header) shows for
    ``query``, in order (one per page), all of them ("Load more results" pressed)."""
    page.locator(".nb-search__open").click()
    box = page.locator("#nb-search-ui input.pagefind-ui__search-input")
    box.press_sequentially(query, delay=20)
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    expect(page.locator(".pagefind-ui__message")).to_contain_text(query)
    more = page.locator(".pagefind-ui__button", has_text="more")
    while more.count() and more.is_visible():
        more.click()
    links = page.locator(".pagefind-ui__result-link")
    paths = [urlsplit(href).path for href in links.evaluate_all("as => as.map(a => a.href)")]
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_word_from_one_briefs_details_finds_that_brief_first(
    browser: Browser, sample_site_url: str, width: int
) -> None:
    slug, word = _word_of_one_brief()
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(sample_site_url + "/")
        found = search(page, word)
        assert found[0] == f"/briefs/{slug}/", (word, found)
    finally:
        context.close()


def test_a_ticker_symbol_finds_its_page_then_its_briefs(page: Page, sample_site_url: str) -> None:
    with_nvda = {
        f"/briefs/{path.stem}/"
        for path in (REPO / "briefs").rglob("*.yaml")
        if "_data" not in path.parts
        and "NVDA" in (yaml.safe_load(path.read_text("utf-8")).get("tickers") or [])
    }
    assert len(with_nvda) >= 3
    page.goto(sample_site_url + "/")
    found = search(page, "NVDA")
    # The ticker's own page, then its briefs; no listing (a category, the front page).
    assert found[0] == "/tickers/nvda/", found
    assert set(found[1 : len(with_nvda) + 1]) == with_nvda, found
    assert all(path.startswith("/briefs/") for path in found[1 : len(with_nvda) + 1])


def test_brief_prints_on_paper_without_the_site_around_it(page: Page, sample_site_url: str) -> None:
    page.goto(sample_site_url + SEED)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.nb-more']
              .map(s => document.querySelector(s))
              .filter(el => el && getComputedStyle(el).display !== 'none')
              .map(el => el.className)"""
    )
    assert hidden == [], f"shown on paper: {hidden}"
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("article .nb-key-points")).to_be_visible()


# ---------------------------------------------------------------------------------------------
# The frame: masthead, section bar, no docs sidebar, one heading style, contents when asked.

EVERY_BOX = FIXTURES / "every-box"
"""A brief holding every kind of box (notes of each kind, a quote, a risk, a correction, key
points), each with a mention and a link; a withdrawn brief; a draft (the preview's box); and a
page of the site's own that asks for a table of contents. Added to a copy of the sample."""
BOXES = {
    "key points": ".admonition.nb-key-points",
    "note": ".admonition.nb-note.note",
    "info note": ".admonition.nb-note.info",
    "tip": ".admonition.nb-note.tip",
    "warning note": ".admonition.nb-note.warning",
    "quote": "blockquote",
    "risk": ".nb-risks + ul > li",
    "correction": ".admonition.nb-correction",
}
FRAME_PAGES = {
    "brief": SEED,
    "listing": CATEGORY,
    "term": "/tickers/f/",
    "risks": "/risks/",
    "about": "/about/",
    "home": "/",
}


@pytest.fixture(scope="module")
def every_box_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("every-box"))
    for path in EVERY_BOX.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(EVERY_BOX)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return root


@pytest.fixture(scope="module")
def every_box_url(site_server: Any, every_box_root: Path) -> str:
    url: str = site_server(every_box_root)
    return url


def _serious(axe: Any, page: Page) -> list[str]:
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(n["target"][0] for n in v["nodes"])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _open(browser: Browser, width: int, scheme: str) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    context.set_default_timeout(15_000)
    return context


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_box_and_its_links_pass_axe(
    browser: Browser, every_box_url: str, width: int, scheme: str
) -> None:
    """Links inside every box keep their contrast (a first mention in a dark-mode note was
    4.25:1), the withdrawal notice's too."""
    from axe_playwright_python.sync_playwright import Axe

    context = _open(browser, width, scheme)
    try:
        page = context.new_page()
        page.goto(every_box_url + "/briefs/every-box/", wait_until="networkidle")
        for kind, selector in BOXES.items():
            box = page.locator(f"article {selector}")
            expect(box, kind).to_have_count(1)
            # A mention linked to its page (not in a correction, whose text links none), and a
            # link of the box's own.
            assert box.locator("a[href^='../../']").count() >= (kind != "correction"), kind
            assert box.locator("a[href^='https://example.org/']").count() == 1, kind
        violations = {"brief": _serious(Axe(), page)}
        page.goto(every_box_url + "/briefs/withdrawn-box/", wait_until="networkidle")
        notice = page.locator("article .admonition.nb-withdrawn")
        expect(notice.locator("a[href^='https://example.org/']")).to_have_count(1)
        violations["withdrawn"] = _serious(Axe(), page)
    finally:
        context.close()
    assert {name: found for name, found in violations.items() if found} == {}


def test_a_drafts_box_in_the_preview_passes_axe(browser: Browser, every_box_root: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = {}
    with mkdocs_serve(every_box_root) as preview:
        preview.until("/briefs/draft-box/", is_ok)
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = _open(browser, width, scheme)
                try:
                    page = context.new_page()
                    page.goto(preview.url + "/briefs/draft-box/", wait_until="load")
                    expect(page.locator("article .admonition.nb-embargo")).to_have_count(1)
                    violations[(width, scheme)] = _serious(Axe(), page)
                finally:
                    context.close()
    assert {key: found for key, found in violations.items() if found} == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_masthead_links_home_by_its_logo_and_its_name(
    browser: Browser, sample_site_url: str, width: int
) -> None:
    context = _open(browser, width, "light")
    try:
        page = context.new_page()
        for link in (".md-header .md-logo", ".md-header .nb-masthead__name"):
            page.goto(sample_site_url + SEED)
            expect(page.locator(link)).to_be_visible()
            page.locator(link).click()
            page.wait_for_url(sample_site_url + "/")
            expect(page.locator("article h1")).to_have_text(re.compile("Latest briefs", re.I))
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_news_pages_have_a_section_bar_and_no_docs_sidebar(
    browser: Browser, sample_site_url: str, width: int
) -> None:
    """The section bar: the categories, then Tickers, Stories, Archive (and the rest of the
    nav); no left sidebar beside the page (on a phone, Material's drawer stays behind the
    menu button)."""
    context = _open(browser, width, "light")
    try:
        page = context.new_page()
        for name, path in FRAME_PAGES.items():
            page.goto(sample_site_url + path)
            sidebar = page.locator(".md-sidebar--primary")
            box = sidebar.bounding_box() if sidebar.is_visible() else None
            assert box is None or box["x"] + box["width"] <= 0, (name, box)  # the closed drawer
            bar = page.locator("nav.nb-sections")
            expect(bar).to_be_visible()
            labels = [text.strip().casefold() for text in bar.locator("a").all_inner_texts()]
            for section in ("stock markets", "autos", "tickers", "stories", "archive", "risks"):
                assert section in labels, (name, labels)
            # On a phone the bar scrolls within itself; the page never scrolls sideways.
            assert page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ), name
    finally:
        context.close()


def test_one_heading_style_on_every_kind_of_page(page: Page, sample_site_url: str) -> None:
    styles = {}
    for name, path in FRAME_PAGES.items():
        page.goto(sample_site_url + path)
        styles[name] = page.locator("article h1").first.evaluate(
            "h => { const s = getComputedStyle(h); return [s.fontFamily, s.fontWeight, s.color] }"
        )
    assert len({tuple(style) for style in styles.values()}) == 1, styles
    family, weight, _ = styles["brief"]
    assert family.startswith("Georgia") and weight == "700", styles


def test_a_table_of_contents_only_where_a_page_asks_for_one(page: Page, every_box_url: str) -> None:
    """`toc: true` in a page's front matter shows it; no other page has one (Risks had)."""
    for path in ("/risks/", "/about/", "/briefs/every-box/"):
        page.goto(every_box_url + path)
        expect(page.locator(".md-sidebar--secondary"), path).to_be_hidden()
    page.goto(every_box_url + "/contents/")
    toc = page.locator(".md-sidebar--secondary")
    expect(toc).to_be_visible()
    expect(toc.locator("a", has_text="The second part")).to_be_visible()


BYLINE_PARTS = """line => {
            const edge = line.getBoundingClientRect().left;
            const style = getComputedStyle(line);
            const clips = style.clipPath !== 'none' || style.overflowX !== 'visible';
            const parts = [...line.children];
            const boxes = parts.map(part => part.getBoundingClientRect());
            // Where a part's divider is drawn: its left border, or a ::before rule placed
            // left of it; null for none.
            const dividerAt = (part, box) => {
                const before = getComputedStyle(part, '::before');
                if (before.content !== 'none' && before.borderLeftWidth !== '0px')
                    return box.left + parseFloat(before.left);
                return getComputedStyle(part).borderLeftWidth !== '0px' ? box.left : null;
            };
            return boxes.map((box, i) => ({
                top: Math.round(box.top),
                // A byline that clips hides what lies left of its own edge.
                divider: (x => x !== null && (x >= edge - 0.5 || !clips))(
                    dividerAt(parts[i], box)),
                opens: !boxes.some((other, j) => j !== i && Math.abs(other.top - box.top) < 2
                    && other.left < box.left),
            }));
        }"""
"""Each part of a byline: the top of its line, whether a divider shows at its left (not
clipped away), and whether it opens its line."""


def test_a_wrapped_byline_starts_no_line_with_a_divider(page: Page, every_box_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(every_box_url + "/briefs/every-box/")
    byline = page.locator("article .nb-byline").first
    parts = byline.evaluate(BYLINE_PARTS)
    assert len({part["top"] for part in parts}) > 1, f"the byline did not wrap: {parts}"
    assert [part for part in parts if part["opens"] and part["divider"]] == [], parts
    # On one line, at 1280 px, the parts after the first are still set apart by dividers.
    page.set_viewport_size({"width": 1280, "height": 900})
    parts = byline.evaluate(BYLINE_PARTS)
    assert [part["divider"] for part in parts] == [False] + [True] * (len(parts) - 1), parts
