"""Fixtures shared by every test: the --update-goldens flag, a small site in a tmp folder, the
sample site built once. Helpers (builders, readers, commands) are in tests/support/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from support import REPO, SiteFactory, mkdocs_build_in_process

# No per-example deadline: on a loaded 2-core CI machine a slow example is not a failure, and
# a deadline turns load into flaky red runs. Each property test still bounds its examples.
hypothesis_settings.register_profile("newsbriefs", deadline=None)
hypothesis_settings.load_profile("newsbriefs")


def pytest_configure(config: pytest.Config) -> None:
    """Kept state is signed with a key outside every project (generator/build/state.py): the
    suite's own, in a folder of its own, never the user's (nor a CI secret's)."""
    import tempfile

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="newsbriefs-state-home-")
    os.environ.pop("NEWSBRIEFS_STATE_KEY", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    home = os.environ.get("XDG_STATE_HOME", "")
    if Path(home).name.startswith("newsbriefs-state-home-"):
        shutil.rmtree(home, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/* from the current output; the golden tests then fail "
        "(review the diff and run again without the flag)",
    )


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """How pytest-xdist (``-n auto`` in pyproject's addopts) shares the tests out: a test
    file at a time, so that what a module builds once for its tests (a module-scoped
    fixture: the sample site on each engine, a small site) is built by one worker only; the
    browser tests all on one worker (one Chromium, one folder of screenshots).

    (Not ``--dist loadgroup`` with ``xdist_group`` marks: with pytest 9.2 xdist no longer
    sees the groups, pytest-dev/pytest-xdist#1386.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith("tests/browser/"):
                return "tests/browser"
            return nodeid.split("::", 1)[0]

    return ByFile(config, log)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def site(tmp_path: Path) -> SiteFactory:
    """An empty project folder to :meth:`~support.sites.SiteFactory.create` a site in."""
    return SiteFactory(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built once per run with `mkdocs build --strict` (in
    this process; test_engines builds it with the real commands). Tests only read it."""
    out = tmp_path_factory.mktemp("sample-site")
    result = mkdocs_build_in_process(REPO, "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out
