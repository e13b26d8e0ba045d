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
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.build.guard import UnsafeOutput, shown
from generator.build.write import atomic_write
from generator.source.loader import file_kind
from generator.source.model import SLUG_PATTERN, TICKER_PATTERN, BriefFields
from generator.source.registry import KINDS

SCHEMA_DIR = "schemas"
"""Where a project keeps its schemas, beside mkdocs.yml (``briefs schema`` writes them)."""
BRIEF_SCHEMA = "brief.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="
"""The first line of a brief that names its schema (yaml-language-server, used by the YAML
extensions of VS Code, Zed, Neovim, JetBrains...)."""

_KEY_PATTERNS = {"tickers.yaml": TICKER_PATTERN.pattern, "stories.yaml": SLUG_PATTERN.pattern}
"""Registries whose names are checked: a ticker symbol, a story id."""


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
    Returns (written, unchanged).

    A schema file that is a symbolic link, a named pipe or anything but a regular file is
    :class:`~generator.build.guard.UnsafeOutput`: never read through (a pipe would block),
    never replaced."""
    files = {out / name: as_text(schema).encode("utf-8") for name, schema in schemas().items()}
    # Every file is looked at before any is written: a refusal leaves the folder as it was.
    changed = {
        path: data for path, data in files.items() if _current_bytes(path, len(data)) != data
    }
    for path, data in changed.items():
        atomic_write(path, data)
    return list(changed), [path for path in files if path not in changed]


def _current_bytes(path: Path, size: int) -> bytes | None:
    """The first ``size + 1`` bytes of the schema file at ``path`` (enough to tell it from
    a schema of ``size`` bytes), or None when there is none."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        kind = file_kind(mode) or "not a regular file"
        raise UnsafeOutput(
            f"refusing to write {shown(path)}: it exists and is {kind}, not a file "
            "'briefs schema' wrote; not replaced"
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            return handle.read(size + 1)
    except OSError:
        return None
