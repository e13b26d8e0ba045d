"""JSON Schemas of the brief format and of each registry, generated from the pydantic
models (generator/source/model.py, generator/source/registry.py), for editors that complete
and check YAML as it is typed: a brief's first line,
``# yaml-language-server: $schema=...``, names its schema.

The schemas describe the YAML the loader accepts (dates and tickers as written, generator/
model.py says how), so they never reject a valid brief; the model still has the last word
(lengths, a real calendar date, cross-brief links). The repository ships them in schemas/;
a test fails when they and the model differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.build.write import atomic_write
from generator.source.model import TICKER_PATTERN, BriefFields
from generator.source.registry import KINDS

SCHEMA_DIR = "schemas"
"""Where a project keeps its schemas, beside mkdocs.yml (``briefs schema`` writes them)."""
BRIEF_SCHEMA = "brief.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="
"""The first line of a brief that names its schema (yaml-language-server, used by the YAML
extensions of VS Code, Zed, Neovim, JetBrains...)."""

_KEY_PATTERNS = {"tickers.yaml": TICKER_PATTERN.pattern}
"""Registries whose names are checked: a ticker symbol."""


def brief_schema_path(root: Path) -> Path:
    """The brief schema of the project whose config folder is ``root``."""
    return root / SCHEMA_DIR / BRIEF_SCHEMA


def schema_file(registry_file: str) -> str:
    """``tickers.yaml`` -> ``tickers.schema.json``."""
    return registry_file.removesuffix(".yaml") + ".schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema: the brief's, then each registry's."""
    brief = BriefFields.model_json_schema(mode="validation")
    brief["title"] = "newsbriefs brief"
    found = {BRIEF_SCHEMA: {"$schema": DIALECT, **brief}}
    for name, entry in KINDS.items():
        registry: dict[str, Any] = TypeAdapter(dict[str, entry]).json_schema(mode="validation")  # type: ignore[valid-type]
        registry["title"] = f"newsbriefs registry: briefs/_data/{name}"
        if name in _KEY_PATTERNS:
            registry["propertyNames"] = {"pattern": _KEY_PATTERNS[name]}
        found[schema_file(name)] = {"$schema": DIALECT, **registry}
    return found


def as_text(schema: dict[str, Any]) -> str:
    """A schema as the shipped file holds it: stable key order, one trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> tuple[list[Path], list[Path]]:
    """Write every schema into ``out``; only files whose text changed are rewritten.
    Returns (written, unchanged)."""
    written: list[Path] = []
    unchanged: list[Path] = []
    for name, schema in schemas().items():
        path = out / name
        text = as_text(schema)
        try:
            if path.read_text("utf-8") == text:
                unchanged.append(path)
                continue
        except (OSError, UnicodeDecodeError):
            pass
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    return written, unchanged
