"""Validated briefs kept between builds, by the hash of their files' bytes.

Reading and validating every brief is the largest part of a build's pipeline (5,000 briefs:
about 5 s of YAML with positions, pydantic and text checks), yet a publish changes one file.
What :func:`generator.build.pipeline.read_brief` makes of a file depends on nothing but its
path, its bytes and newsbriefs' code, so ``briefs build`` keeps each valid brief (its model,
the position of every value, and the problems its file alone has) in
``.newsbriefs/briefs.cache`` and the next build reads and validates only the files whose
bytes changed. Everything that depends on other files (the collection's checks, the index,
the sanity warnings, the registries) runs on every build, so a cached brief warns as a read
one does.

The file is kept state (generator/build/state.py: signed, checked, JSON, never unpickled),
written and read through generator/build/policy.py. What it holds is bound to what made it:
the whole file to :func:`~generator.render.memo.code_digest` (another version of the code
starts from nothing), each brief to its path under the briefs folder and the hash of its
bytes (the file is hashed again on every build). A file that has errors that stop its model
(not YAML, an invalid field) is never kept: it is read again, and says the same again.

A brief is kept as JSON values with tags for what JSON lacks: ``{"$date": "2026-01-31"}``,
``{"$datetime": "2026-01-31T09:30:00-05:00"}`` and ``{"$model": "Quote", "$set": [...], ...}``
for a nested model (with the fields the author set, as validation records them). A brief has
no mapping of its own among its fields, so a mapping is always one of these.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.build import state
from generator.build.pipeline import BriefReads, ReadBrief
from generator.errors import Position, Problem
from generator.render.memo import code_digest
from generator.source.loader import KeyPath, RawBrief
from generator.source.model import Brief, Correction, Image, Note, Quote, Risk, Source

CACHE_FORMAT = 1
"""Bumped when what the file holds changes: another format is ignored (state.py)."""
ENTRY_DEPTH = 6
"""How deep one kept brief's JSON nests: [{}, {"risks": [{"$model": .., "sectors": []}]}]: 5."""

_MODELS: dict[str, tuple[type[BaseModel], frozenset[str]]] = {
    model.__name__: (model, frozenset(model.model_fields))
    for model in (Quote, Note, Risk, Source, Correction, Image)
}
"""The nested models a brief holds, by the name a kept brief gives them."""
_DERIVED = frozenset({"source", "positions", "image_file"})
"""Brief fields not kept: the path is the file's, the positions are kept on their own, the
image file is read again every build (generator/source/images.py)."""
_KEPT_FIELDS = frozenset(Brief.model_fields) - _DERIVED


@dataclass
class KeptBriefs:
    """The briefs a build found kept: as reads for the pipeline (updated by it), and each
    valid one's kept bytes with the hash of the file they came from, written back as they
    are when the file is unchanged, so that keeping one new brief costs one brief's work."""

    reads: BriefReads = field(default_factory=dict)
    kept: dict[Path, tuple[str, bytes]] = field(default_factory=dict)


def from_parts(document: Any, blob: bytes | memoryview, briefs_dir: Path) -> KeptBriefs:
    """The briefs kept in a file's parts (see :func:`to_parts`), as a build's reads of the
    files below ``briefs_dir``; none when newsbriefs' code is not the code that kept them.
    Raises ValueError, TypeError, KeyError... for parts of another shape (state.py then
    ignores the file, in one line)."""
    if not isinstance(document, dict) or not isinstance(document.get("briefs"), list):
        raise TypeError("not a brief cache")
    if document["code"] != code_digest():
        return KeptBriefs()
    found = KeptBriefs()
    offset = 0
    for name, content_hash, length in document["briefs"]:
        path = briefs_dir / _relative(name)
        entry = bytes(blob[offset : offset + length])
        if len(entry) != length or length <= 0:
            raise ValueError("the kept briefs' bytes are shorter than their index says")
        offset += length
        kept = state.parse_json(entry, ENTRY_DEPTH)
        found.reads[path] = (_text(content_hash), _read(path, *kept))
        found.kept[path] = (content_hash, entry)
    if offset != len(blob):
        raise ValueError("the kept briefs' bytes are longer than their index says")
    return found


def to_parts(found: KeptBriefs, briefs_dir: Path) -> tuple[dict[str, Any], bytes] | None:
    """The parts of the file that keeps every valid brief of ``found.reads`` below
    ``briefs_dir``: an index (path there, hash of the file's bytes, length) and the briefs'
    JSON as bytes. None when they are exactly those found kept: nothing to write."""
    index: list[list[Any]] = []
    chunks: list[bytes] = []
    changed = False
    for path, (content_hash, read) in sorted(found.reads.items()):
        was = found.kept.get(path)
        if was is not None and was[0] == content_hash:
            entry: bytes | None = was[1]
        else:
            entry = _entry(path, read) if path.is_relative_to(briefs_dir) else None
            changed = changed or was is not None or entry is not None
        if entry is not None:
            index.append([path.relative_to(briefs_dir).as_posix(), content_hash, len(entry)])
            chunks.append(entry)
    if not changed and len(index) == len(found.kept):
        return None
    return {"code": code_digest(), "briefs": index}, b"".join(chunks)


# ---------------------------------------------------------------------------------------------
# One brief, out and back.


def _entry(path: Path, read: ReadBrief) -> bytes | None:
    """A valid brief's fields, positions and problems as JSON; None when the read has no
    model, or a problem of another file (never so today: kept only when certain)."""
    brief, _, problems = read
    if brief is None or brief.source != path or any(p.path != path for p in problems):
        return None
    values = {name: getattr(brief, name) for name in sorted(_KEPT_FIELDS)}
    plain = {name: value for name, value in values.items() if _plain(value)}
    tagged = {name: _encode(value) for name, value in values.items() if name not in plain}
    places = [list(loc) for loc in brief.positions]
    numbers = [number for at in brief.positions.values() for number in at]
    entry = [plain, tagged, places, numbers, [_problem_out(p) for p in problems]]
    return json.dumps(entry, separators=(",", ":"), allow_nan=False).encode("ascii")


def _read(
    path: Path, plain: Any, tagged: Any, places: Any, numbers: Any, problems: Any
) -> ReadBrief:
    """What reading ``path`` gave when the brief was kept: the brief, a raw brief with its
    positions (nothing after validation reads the parsed mapping: ``data`` is empty), and
    the problems of the file alone, at the same places. ``plain``: the fields JSON holds
    as they are (text, lists of text, true/false, nothing); ``tagged``: the others;
    ``places`` and ``numbers``: each value's place in the brief, and its line and column,
    flat (a brief has about 50; made here without a Python call each, which a build of
    thousands of briefs feels)."""
    if plain.keys() | tagged.keys() != _KEPT_FIELDS or plain.keys() & tagged.keys():
        raise ValueError("a kept brief's fields are not a brief's")
    if len(numbers) != 2 * len(places) or not all(type(n) is int for n in numbers):
        raise ValueError("a kept brief's positions do not match its places")
    # Lengths checked above: zip's own check costs a Python call per position.
    at = map(tuple.__new__, repeat(Position), zip(numbers[::2], numbers[1::2]))  # noqa: B905
    where: dict[KeyPath, Position] = dict(zip(map(tuple, places), at))  # noqa: B905
    values = {**plain, **{name: _decode(value) for name, value in tagged.items()}}
    brief = Brief.model_construct(**values, source=path, positions=where)
    raw = RawBrief(path, {}, where)
    return brief, raw, [_problem_in(path, problem) for problem in problems]


def _plain(value: Any) -> bool:
    """Whether a field's value is kept as JSON holds it: text, true/false, nothing, or a
    list of text (most of a brief); anything else is tagged (:func:`_encode`)."""
    if value is None or type(value) in (str, bool):
        return True
    return type(value) is list and all(type(item) is str for item in value)


def _encode(value: Any) -> Any:
    if isinstance(value, BaseModel):
        kept = {name: _encode(field) for name, field in value.__dict__.items()}
        return {"$model": type(value).__name__, "$set": sorted(value.model_fields_set), **kept}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or type(value) in (str, bool, int, float):
        return value
    raise TypeError(f"a brief holds a {type(value).__name__}, which the cache cannot keep")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$datetime" in value:
        return datetime.fromisoformat(_text(value["$datetime"]))
    if "$date" in value:
        return date.fromisoformat(_text(value["$date"]))
    model, names = _MODELS[_text(value["$model"])]
    fields = {k: _decode(v) for k, v in value.items() if not k.startswith("$")}
    if fields.keys() != names:
        raise ValueError(f"a kept {model.__name__}'s fields are not its fields")
    return model.model_construct(_fields_set={_text(n) for n in value["$set"]}, **fields)


def _problem_out(problem: Problem) -> list[Any]:
    at = problem.position
    line, col = (at.line, at.col) if at is not None else (None, None)
    return [problem.message, line, col, problem.field, problem.severity]


def _problem_in(path: Path, kept: Iterable[Any]) -> Problem:
    message, line, col, field, severity = kept
    if severity not in ("error", "warning", "notice"):
        raise ValueError(f"no severity {severity!r}")
    at = Position(int(line), int(col)) if line is not None else None
    return Problem(path, _text(message), at, None if field is None else _text(field), severity)


def _relative(name: Any) -> Path:
    """A kept brief's path below the briefs folder: relative, never leading out."""
    path = Path(_text(name))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError("a kept brief's path leads out of the briefs folder")
    return path


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
