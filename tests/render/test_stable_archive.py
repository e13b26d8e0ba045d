"""An archive that stays still (issue 25): publishing one brief changes only the pages that
must show it, however many briefs the site has.

A synthetic site (corpus/synthetic.py) is rendered to its Markdown page set in process (the
pipeline's ``generate``: pages with their head data, no engine build), one realistic brief is
added (the newest brief's category, byline, tickers, entities, tags and story, dated the next
day), and the site is rendered again. Every page whose Markdown changed or appeared must be
one the new brief has to change, and there must be at most :data:`BOUND` of them: the same
bound at 300 briefs and at 2,000, so the number does not grow with the archive.

What may change, for a brief on ``L`` listings (each of its terms: category, tickers,
entities, tags, sectors, author, story, year and month):

- its own page, the previous brief of its category (its "Next" link), and the briefs of its
  story whose timeline window reaches it (at most ``THREAD_WINDOW - 1``);
- each listing's front, and at a slice boundary the new numbered page and the one before it
  (its "Newer" link): at most ``3 * L``;
- each taxonomy's index page (counts, latest brief), the home page, the risk overview.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from corpus.synthetic import make_site
from generator.build.pipeline import generate
from generator.graph import urls
from generator.graph.index import THREAD_WINDOW, SiteIndex
from generator.graph.taxonomies import TAXONOMIES
from generator.render.pages import listing_paths
from generator.settings import Settings, load_site

NOW = datetime(2026, 12, 1, tzinfo=UTC)
ADDED = "added-brief"

BOUND = 80
"""Pages one new brief may change. The synthetic brief added here is on about 16 listings:
``1 + 1 + (THREAD_WINDOW - 1) + 3 * 16 + 8 taxonomies + 2`` is 66 at most. Measured with
such a brief: 31 pages at 300 briefs, 33 at 2,000 and at 5,000 (before issue 25: 91, 576
and 1,244); a listing gains a numbered page only once in ``per_page`` briefs."""


def _synthetic_site(root: Path, count: int) -> Settings:
    config = make_site(root, count, plugin=True, material_search=False)
    config.write_text("site_url: https://briefs.example.org/\n" + config.read_text("utf-8"))
    return load_site(config).settings


def _add_brief(briefs_dir: Path) -> None:
    """A brief like the newest one that has a story (same terms), published a day later."""
    newest: tuple[str, Path] | None = None
    for path in briefs_dir.rglob("*.yaml"):
        if "_data" in path.parts:
            continue
        fields = yaml.safe_load(path.read_text("utf-8"))
        if fields.get("story") and (newest is None or str(fields["date"]) > newest[0]):
            newest = (str(fields["date"]), path)
    assert newest is not None
    day = date.fromisoformat(newest[0][:10]) + timedelta(days=1)
    text = newest[1].read_text("utf-8")
    text = re.sub(
        r"^title: .*$", "title: A Fresh Look at the Same Names", text, count=1, flags=re.M
    )
    text = re.sub(r"^date: .*$", f"date: {day.isoformat()}", text, count=1, flags=re.M)
    text = re.sub(r"^related: .*\n", "", text, flags=re.M)
    (briefs_dir / f"{ADDED}.yaml").write_text(text, "utf-8")


def _pages(settings: Settings) -> tuple[dict[str, str], SiteIndex]:
    generated = generate(settings, now=NOW)
    pages = {path: content for path, content in generated.files.items() if path.endswith(".md")}
    return pages, generated.index


def _may_change(index: SiteIndex, per_page: int) -> set[str]:
    """The pages a new brief has to change (the module's docstring)."""
    brief = index.by_slug[ADDED]
    allowed = {urls.brief(ADDED), urls.HOME, urls.RISKS}
    allowed |= {urls.taxonomy_index(name) for name in TAXONOMIES}
    earlier, _ = index.neighbours(brief)
    if earlier is not None:
        allowed.add(urls.brief(earlier.slug))
    story = index.threads.get(brief.story or "", ())
    allowed |= {urls.brief(other.slug) for other in story[-THREAD_WINDOW:]}
    for name in TAXONOMIES:
        for term in index.terms_of(brief, name):
            paths = listing_paths(term, per_page)
            allowed |= {paths[0], *paths[-2:]}  # the front, the newest numbered pages
    return allowed


@pytest.mark.parametrize("count", [300, 2000])
def test_adding_a_brief_changes_a_bounded_set_of_pages(tmp_path: Path, count: int) -> None:
    settings = _synthetic_site(tmp_path, count)
    before, _ = _pages(settings)
    _add_brief(settings.briefs_path)
    after, index = _pages(settings)

    changed = sorted(path for path, text in after.items() if before.get(path) != text)
    gone = sorted(set(before) - set(after))
    unexpected = sorted(set(changed) - _may_change(index, settings.per_page))
    listing = "\n  ".join(changed)
    assert not gone, f"pages gone: {gone}"
    assert not unexpected, (
        f"at {count} briefs, a new brief changed pages it does not appear on: {unexpected}; "
        f"every page changed ({len(changed)}):\n  {listing}"
    )
    assert len(changed) <= BOUND, (
        f"at {count} briefs, a new brief changed {len(changed)} pages (bound {BOUND}):\n  {listing}"
    )
    assert urls.brief(ADDED) in changed  # the brief really was added, and rendered
