"""The navigation rendered once per set of links (generator/build/nav_cache.py): every page is
byte for byte what the theme renders into it without the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import nav_cache
from support import SiteFactory, brief_yaml

pytestmark = pytest.mark.e2e


def _pages(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*.html")}


def test_every_page_is_what_the_theme_renders_without_the_cache(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Briefs, listings (their later pages too), terms in and out of the nav, the site's own
    page: the same HTML with and without the cache, and the cache rendered the navigation
    fewer times than there are pages."""
    briefs = {
        f"b{i}.yaml": brief_yaml(
            date=f"2026-01-{i + 1:02d}",
            title=f"Brief {i}",
            category="Energy" if i % 2 else "Stock Markets",
        )
        for i in range(7)
    }
    site.create(briefs, options="per_page: 2")
    caches: list[nav_cache.NavCache] = []
    install = nav_cache.install

    def spying(env: object) -> nav_cache.NavCache | None:
        found = install(env)  # type: ignore[arg-type]
        if found is not None:
            caches.append(found)
        return found

    monkeypatch.setattr(nav_cache, "install", spying)
    result = site.mkdocs_build("-d", "with-cache")
    assert result.returncode == 0, result.stderr
    monkeypatch.setattr(nav_cache, "install", lambda env: None)
    result = site.mkdocs_build("-d", "without")
    assert result.returncode == 0, result.stderr

    cached, plain = _pages(site.root / "with-cache"), _pages(site.root / "without")
    assert cached.keys() == plain.keys() and len(plain) > 20
    for page, html in plain.items():
        assert cached[page] == html, page
    assert len(caches) == 1 and 0 < caches[0].rendered < len(plain) / 3


def test_a_page_in_the_nav_is_always_rendered() -> None:
    """Its entry is marked current (and may hold its table of contents): no key."""

    class Nav:
        pages = ("home",)
        homepage = None

    assert nav_cache.nav_key(Nav(), "home", object()) is None
    assert nav_cache.nav_key(Nav(), None, object()) is None
