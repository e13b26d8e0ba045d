"""Small real sites to build: a valid brief as YAML, a project folder around some briefs, a
copy of the repository's sample site."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import yaml

from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import Brief, parse_brief
from support.commands import Result, briefs_in_process, mkdocs_build_in_process, run
from support.paths import BIN, REPO

MINIMAL_MKDOCS_YML = """\
site_name: Test Briefs
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - briefs{options}
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""


def brief_yaml(**fields: object) -> str:
    """A valid brief as YAML text; keyword arguments replace or add fields (None removes)."""
    base: dict[str, object] = {
        "title": "Acme Shares Rise After Earnings Beat",
        "date": "2026-01-05",
        "category": "Stock Markets",
        "key_points": ["Revenue rose 12%."],
        "summary": "Acme beat forecasts.",
    }
    base.update(fields)
    return yaml.safe_dump(
        {k: v for k, v in base.items() if v is not None}, sort_keys=False, allow_unicode=True
    )


RICH = brief_yaml(
    title="Ford Denies *Xiaomi* Talks",
    dek="A short *dek* with [a link](https://example.com).",
    byline=["Caleb Monroe", "Ana Ruiz", "Lee Park"],
    tickers=["F", "ON"],
    lead="Lead paragraph.\n\nSecond lead paragraph.",
    key_points=["Point one.", "Point two."],
    summary="Summary text.",
    details=["Detail one.", "Detail two."],
    quotes=[{"text": "A quote.", "by": "John Moolenaar", "role": "House chair"}],
    notes=[{"title": "Contextual note", "text": "Context."}],
    risks=[{"title": "Scrutiny", "text": "Lawmakers.", "sectors": ["automotive", "manufacturing"]}],
    sources=[{"title": "Filing", "url": "https://example.com/filing"}],
    related=["older"],
)
"""A brief with every section filled in (and a ``related`` link to a brief named ``older``)."""


def with_site_url(root: Path, site_url: str) -> Path:
    """Give a site :class:`SiteFactory` made its public address (``site_url``), which the
    outputs that need absolute URLs (feeds, the news sitemap, head data, ninjs) ask for."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "site_name: Test Briefs\n", f"site_name: Test Briefs\nsite_url: {site_url}\n"
        ),
        "utf-8",
    )
    return root


class SiteFactory:
    """Builds a small real site: mkdocs.yml, docs/, briefs/ under a tmp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(
        self, briefs: dict[str, str], options: str = "", docs: dict[str, str] | None = None
    ) -> Path:
        (self.root / "docs").mkdir(parents=True, exist_ok=True)
        for name, text in (docs or {"about.md": "# About\n\nA test site.\n"}).items():
            (self.root / "docs" / name).write_text(text, "utf-8")
        opts = ":\n" + textwrap.indent(options.strip("\n"), "      ") if options.strip() else ""
        (self.root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML.format(options=opts), "utf-8")
        for relpath, text in briefs.items():
            path = self.root / "briefs" / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        return self.root

    def mkdocs_build(self, *extra: str) -> Result:
        """``mkdocs build --strict`` of this site, in this process (see
        :func:`mkdocs_build_in_process`); ``extra`` may be ``-d FOLDER``."""
        return mkdocs_build_in_process(self.root, *extra)

    def mkdocs_build_process(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """The real ``mkdocs build --strict`` command, in its own process."""
        return run([str(BIN / "mkdocs"), "build", "--strict", *extra], cwd=self.root)

    def briefs(self, *args: str, actions: bool = False) -> Result:
        """``briefs ARGS`` in this site, in this process; ``actions`` runs it as under
        GitHub Actions (annotations)."""
        return briefs_in_process(self.root, *args, actions=actions)

    def briefs_process(self, *args: str, actions: bool = False) -> subprocess.CompletedProcess[str]:
        """The real ``briefs`` command, in its own process."""
        return run([str(BIN / "briefs"), *args], cwd=self.root, actions=actions)


def copy_sample(tmp_path: Path) -> Path:
    """A copy of the sample site to modify in a test."""
    for name in ("mkdocs.yml", "docs", "briefs"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def parsed_brief(**fields: object) -> Brief:
    """The model of :func:`brief_yaml` (``fields`` as there), read as ``briefs/b.yaml``."""
    raw, problems = parse_brief_text(Path("b.yaml"), brief_yaml(**fields))
    assert raw is not None and not problems
    brief, problems = parse_brief(raw)
    assert brief is not None, problems
    return brief


def briefs_settings(
    root: Path, briefs: dict[str, str], data: dict[str, str] | None = None
) -> Settings:
    """The settings of a site in ``root`` holding ``briefs`` (path under briefs/ -> YAML) and
    registries ``data`` (file name under briefs/_data/ -> YAML), for tests of one stage."""
    for name, text in briefs.items():
        (root / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "briefs" / name).write_text(text, "utf-8")
    for name, text in (data or {}).items():
        (root / "briefs" / "_data").mkdir(parents=True, exist_ok=True)
        (root / "briefs" / "_data" / name).write_text(text, "utf-8")
    return Settings(root=root)
