"""The JSON Schemas (`briefs schema`, schemas/): the same as the model says, accepting every
sample brief and registry, rejecting what the model rejects that a schema can express."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.authoring import schema
from generator.source.loader import load_brief, parse_brief_text
from generator.source.model import parse_brief
from support import REPO, SiteFactory, brief_yaml

SAMPLE_BRIEFS = sorted(p for p in (REPO / "briefs").rglob("*.yaml") if "_data" not in p.parts)
REGISTRIES = sorted((REPO / "briefs" / "_data").glob("*.yaml"))


def _validator(name: str) -> jsonschema.protocols.Validator:
    shipped = json.loads((REPO / "schemas" / name).read_text("utf-8"))
    cls = jsonschema.validators.validator_for(shipped)
    cls.check_schema(shipped)
    return cls(shipped)


def _data(path: Path) -> dict[str, Any]:
    raw, problems = load_brief(path)
    assert raw is not None and not problems, problems
    return raw.data


def test_shipped_schemas_are_what_the_model_generates() -> None:
    expected = {name: schema.as_text(s) for name, s in schema.schemas().items()}
    shipped = {p.name: p.read_text("utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert shipped == expected, "run `briefs schema` and commit schemas/"


@pytest.mark.parametrize("path", SAMPLE_BRIEFS, ids=lambda p: p.stem)
def test_every_sample_brief_names_the_schema_and_passes_it(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith(schema.MODELINE), "first line: the yaml-language-server modeline"
    named = (path.parent / first.removeprefix(schema.MODELINE)).resolve()
    assert named == REPO / "schemas" / "brief.schema.json"
    errors = list(_validator("brief.schema.json").iter_errors(_data(path)))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("path", REGISTRIES, ids=lambda p: p.stem)
def test_every_registry_names_its_schema_and_passes_it(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    name = schema.schema_file(path.name)
    assert first == f"{schema.MODELINE}../../schemas/{name}"
    errors = list(_validator(name).iter_errors(_data(path)))
    assert not errors, [e.message for e in errors]


def _verdicts(text: str) -> tuple[bool, bool]:
    """(the model accepts it, the schema accepts it)."""
    raw, problems = parse_brief_text(Path("b.yaml"), text)
    assert raw is not None and not problems
    brief, brief_problems = parse_brief(raw)
    by_schema = _validator("brief.schema.json").is_valid(raw.data)
    return brief is not None and not brief_problems, by_schema


@pytest.mark.parametrize(
    "fields",
    [
        {"key_ponts": ["typo"]},
        {"tickers": ["f"]},
        {"tickers": [True]},
        {"date": "yesterday"},
        {"date": "31/01/2026"},
        {"related": ["Not A Slug"]},
        {"story": "ford_china"},
        {"sources": [{"title": "T", "url": "ftp://example.com"}]},
        {"notes": [{"title": "T", "text": "x", "kind": "danger"}]},
        {"quotes": [{"text": "x"}]},
        {"risks": [{"title": "T", "text": "x", "sector": ["autos"]}]},
        {"draft": "yes"},
        {"key_points": []},
        {"summary": None},
        {"title": ""},
    ],
    ids=lambda fields: next(iter(fields)),
)
def test_the_schema_rejects_what_the_model_rejects(fields: dict[str, Any]) -> None:
    assert _verdicts(brief_yaml(**fields)) == (False, False)


@pytest.mark.parametrize(
    "text",
    [
        brief_yaml(tickers=["ON", "BRK.B", "0700"]),
        brief_yaml() + "tickers: [7203, 0700, F]\n",
        brief_yaml(byline="Caleb Monroe"),
        brief_yaml(byline=["Caleb Monroe", "Ana Ruiz"]),
        brief_yaml(date="2026-01-31T09:30:00-05:00", updated="2026-01-31 15:00Z"),
        brief_yaml() + "dek:\n",
        brief_yaml(sources=[{"title": "T", "url": "HTTPS://example.com/a?b=c"}]),
        brief_yaml(draft=False, slug="a-b-1"),
    ],
)
def test_the_schema_accepts_what_the_model_accepts(text: str) -> None:
    assert _verdicts(text) == (True, True)


def test_briefs_schema_writes_the_files_then_leaves_them_alone(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()})
    first = site.briefs("schema")
    assert first.returncode == 0, first.stderr
    assert first.stdout == "schemas/: 7 written, 0 unchanged\n"
    written = site.root / "schemas" / "brief.schema.json"
    assert written.read_text("utf-8") == (REPO / "schemas" / "brief.schema.json").read_text()
    mtime = written.stat().st_mtime_ns
    second = site.briefs("schema", "--out", "schemas")
    assert second.stdout == "schemas/: 0 written, 7 unchanged\n"
    assert written.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("out", ["briefs", "docs", "."])
def test_briefs_schema_never_writes_into_sources(site: SiteFactory, out: str) -> None:
    site.create({"a.yaml": brief_yaml()})
    result = site.briefs("schema", "--out", out)
    assert result.returncode == 2 and result.stderr.startswith("briefs: refusing --out")
    assert not list(site.root.rglob("*.schema.json"))


def test_a_new_brief_passes_the_schema(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("new", "Oil: a test", "--category", "Energy", "--tickers", "ON,7203")
    path = site.root / result.stdout.strip()
    assert _validator("brief.schema.json").is_valid(_data(path))
