"""What tests share, as a package (pytest puts tests/ on the path: pyproject's ``pythonpath``).

- :mod:`support.paths`: the repository, goldens, fixtures, this Python's commands;
- :mod:`support.commands`: ``briefs`` and ``mkdocs build`` run in this process or in their own;
- :mod:`support.sites`: a valid brief as YAML, small sites in tmp folders, the sample site copied;
- :mod:`support.reading`: gzip files, Pagefind's records, a folder's digest;
- :mod:`support.engines`: ``briefs build --engine`` for each engine;
- :mod:`support.hostile`: the hostile-text corpus and the checks that text stayed text;
- :mod:`support.serving`: a real ``mkdocs serve`` / ``briefs serve`` to poll.

The names most tests use are importable from ``support`` itself. Fixtures stay in
tests/conftest.py; tests never import one another, nor anything from benchmarks/ (what both
need is in corpus/).
"""

from support.commands import Result, briefs_in_process, mkdocs_build_in_process, run
from support.paths import BIN, FIXTURES, GOLDEN, REPO, TESTS
from support.reading import PAGEFIND_UNORDERED, pagefind_records, tree_digest, unpacked
from support.sites import (
    RICH,
    SiteFactory,
    brief_yaml,
    briefs_settings,
    copy_sample,
    with_site_url,
)

__all__ = [
    "BIN",
    "FIXTURES",
    "GOLDEN",
    "PAGEFIND_UNORDERED",
    "REPO",
    "RICH",
    "TESTS",
    "Result",
    "SiteFactory",
    "brief_yaml",
    "briefs_in_process",
    "briefs_settings",
    "copy_sample",
    "mkdocs_build_in_process",
    "pagefind_records",
    "run",
    "tree_digest",
    "unpacked",
    "with_site_url",
]
