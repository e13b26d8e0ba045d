"""Shared test helpers: the --update-goldens flag and small real sites built in tmp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/* from the current output (review the diff!)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


MINIMAL_MKDOCS_YML = """\
site_name: Test Briefs
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
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
    import yaml

    return yaml.safe_dump(
        {k: v for k, v in base.items() if v is not None}, sort_keys=False, allow_unicode=True
    )


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

    def mkdocs_build(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return run([str(BIN / "mkdocs"), "build", "--strict", *extra], cwd=self.root)

    def briefs(self, *args: str, actions: bool = False) -> subprocess.CompletedProcess[str]:
        """Run ``briefs``; ``actions`` runs it as under GitHub Actions (annotations)."""
        return run([str(BIN / "briefs"), *args], cwd=self.root, actions=actions)


def run(
    command: list[str], cwd: Path, *, actions: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> SiteFactory:
    return SiteFactory(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built once with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("sample-site")
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)], cwd=REPO)
    assert result.returncode == 0, result.stderr
    return out


def copy_sample(tmp_path: Path) -> Path:
    """A copy of the sample site to modify in a test."""
    for name in ("mkdocs.yml", "docs", "briefs"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


Build = Callable[..., subprocess.CompletedProcess[str]]
