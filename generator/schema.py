"""JSON Schemas of the brief format and of each registry, for editors that complete and
check YAML as it is typed (the yaml-language-server ``$schema`` modeline)."""

from __future__ import annotations

from pathlib import Path

SCHEMA_DIR = "schemas"
"""Where a project keeps its schemas, beside mkdocs.yml (``briefs schema`` writes them)."""
BRIEF_SCHEMA = "brief.schema.json"


def brief_schema_path(root: Path) -> Path:
    """The brief schema of the project whose config folder is ``root``."""
    return root / SCHEMA_DIR / BRIEF_SCHEMA
