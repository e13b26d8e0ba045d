"""Where things are: the repository, the tests' own folders, the commands of this Python.

Tests find goldens and fixtures here rather than from their own ``__file__``, so a test file
can move to another folder of tests/ without its paths changing."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository: its sample site (mkdocs.yml, docs/, briefs/), BAD_INPUT.md, schemas/."""

TESTS = REPO / "tests"
GOLDEN = TESTS / "golden"
"""Expected Markdown of the sample site's pages; rewritten only by ``--update-goldens``."""

FIXTURES = TESTS / "fixtures"
"""Inputs the tests read: a small site for the goldens, import examples, schemas."""

BIN = Path(sys.executable).parent
"""The folder of this Python's console scripts: ``briefs``, ``mkdocs``."""
