"""What one of our pages costs the engine, against a plain page: issue 25's "our cost per page
at most 1.5x the plain floor's".

Two sites from the same synthetic briefs (corpus/synthetic.py), built by ``mkdocs build``
with the same theme settings and Markdown extensions, no search (search is measured apart):

- **plain**: each brief as one plain Markdown page (its title, lead, key points, summary,
  details, quotes, notes, risks: prose, no chips, no listings), beside a home page, with a
  one-entry nav: the least MkDocs + Material do per page;
- **ours**: the ``briefs`` plugin with ``search: none``: every page newsbriefs makes
  (briefs, listings, indexes), with its default nav.

Each build runs in its own process; the figure is CPU seconds (user + system of the child,
``os.wait4``), steadier than wall time on a shared machine, divided by the HTML pages the
build wrote. ``--profile FILE`` also writes a cProfile of our build.

    python benchmarks/page_cost.py --count 1000 [--keep DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from corpus.synthetic import generate_briefs, make_site, site_config


def plain_markdown(fields: dict[str, Any]) -> str:
    """A brief as a plain page: its prose, with headings, a list and block quotes."""
    parts = [f"# {fields['title']}", fields["dek"], fields["lead"], "## Key points"]
    parts.append("\n".join(f"- {point}" for point in fields["key_points"]))
    parts += ["## Summary", fields["summary"], "## Details", *fields.get("details", [])]
    for quote in fields.get("quotes", []):
        parts.append(f"> {quote['text']}\n>\n> {quote['by']}")
    for note in fields.get("notes", []):
        parts += [f"### {note['title']}", note["text"]]
    if fields.get("risks"):
        parts.append("## Risks")
    for risk in fields.get("risks", []):
        parts += [f"### {risk['title']}", risk["text"]]
    return "\n\n".join(parts) + "\n"


def plain_site(root: Path, count: int, seed: int) -> Path:
    """The plain floor's folder; returns its mkdocs.yml."""
    docs = root / "docs" / "briefs"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Market Briefs\n\nSynthetic briefs.\n", "utf-8")
    for brief in generate_briefs(count, seed):
        (docs / f"{brief.slug}.md").write_text(plain_markdown(brief.fields), "utf-8")
    config = site_config(plugin=False, nav=[{"Home": "index.md"}], material_search=False)
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return config_file


def our_site(root: Path, count: int, seed: int) -> Path:
    """Our site, without search; returns its mkdocs.yml."""
    config_file = make_site(root, count, plugin=True, seed=seed, material_search=False)
    config: dict[str, Any] = yaml.safe_load(config_file.read_text("utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "briefs" in plugin:
            plugin["briefs"]["search"] = "none"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return config_file


def build(config: Path, site_dir: Path, profile: Path | None = None) -> tuple[float, int]:
    """CPU seconds of one ``mkdocs build`` in its own process, and the HTML pages it wrote."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=config.parent, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return usage.ru_utime + usage.ru_stime, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="builds of each; the median")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites")
    parser.add_argument("--profile", type=Path, help="also profile our build into this file")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="page-cost-"))
    plain = plain_site(work / "plain", args.count, args.seed)
    ours = our_site(work / "ours", args.count, args.seed)
    figures: dict[str, tuple[float, int]] = {}
    runs: dict[str, list[float]] = {"plain": [], "ours": []}
    for _ in range(args.repeat):
        for name, config in (("plain", plain), ("ours", ours)):
            seconds, pages = build(config, config.parent / "site")
            runs[name].append(seconds)
            figures[name] = (statistics.median(runs[name]), pages)
    for name, (seconds, pages) in figures.items():
        per_page = 1000 * seconds / pages
        print(f"{name:6} {pages:6,} pages {seconds:8.1f} s CPU {per_page:6.2f} ms/page")
    ratio = (figures["ours"][0] / figures["ours"][1]) / (figures["plain"][0] / figures["plain"][1])
    print(f"ours / plain, per page: {ratio:.2f}x (target at most 1.5x)")
    if args.profile:
        build(ours, ours.parent / "site-profile", profile=args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
