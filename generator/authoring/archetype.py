"""A new brief from an archetype: what ``briefs new`` writes.

The archetype is a Jinja2 template that makes YAML, ``archetypes/brief.yaml.j2``: the
built-in one under theme/, or the site's own of the same name in its ``templates_dir``
(Hugo calls these archetypes). Every value the template prints is written as a YAML
scalar or flow list by the environment's ``finalize``, so a title with a colon, a ticker
like ``ON`` or a quote mark stays text: the author's words are data, never YAML syntax.

The brief it makes is a valid draft: it passes ``briefs check`` as written (with a
warning at each ``TODO`` placeholder left, generator/graph/sanity.py), and it is dated today in
the site's time zone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.authoring import schema
from generator.authoring.yaml_out import TextDumper
from generator.build import guard
from generator.errors import Problem, display_path
from generator.render.theme import builtin_dir
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief, slug_problem
from generator.source.slugs import slugify

ARCHETYPE = "archetypes/brief.yaml.j2"
"""The archetype's name, under the built-in theme folder and under a site's templates_dir."""


class NewBriefError(ValueError):
    """Why no brief was written: one line, naming the file or the option at fault."""


@dataclass(frozen=True)
class NewBrief:
    """What ``briefs new`` was asked for."""

    title: str
    category: str
    tickers: Sequence[str] = ()
    story: str | None = None
    byline: str | None = None
    slug: str | None = None


def brief_path(settings: Settings, brief: NewBrief, today: date) -> Path:
    """``briefs/YYYY/MM/<slug>.yaml``; the slug is the title's unless one is given."""
    if brief.slug is not None and (why := slug_problem(brief.slug)):
        raise NewBriefError(f"--slug: {why}")
    slug = brief.slug or slugify(brief.title)
    if not slug:
        raise NewBriefError(
            f"the title {brief.title!r} makes no usable file name (no Latin letters or "
            "digits); give one with --slug"
        )
    return settings.briefs_path / f"{today:%Y}" / f"{today:%m}" / f"{slug}.yaml"


def today_in(settings: Settings, now: datetime | None = None) -> date:
    """The newsroom's calendar date (its ``timezone``), not the machine's."""
    return (now or datetime.now(settings.zone)).astimezone(settings.zone).date()


def render(settings: Settings, brief: NewBrief, path: Path, today: date) -> str:
    """The new brief's YAML text, checked to load as a valid brief before anything is
    written: a site archetype that makes broken YAML is reported, not written."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_archetype_folders(settings)),
        finalize=yaml_value,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    context: dict[str, Any] = {
        "title": brief.title,
        "category": brief.category,
        "date": today,
        "tickers": list(brief.tickers),
        "story": brief.story,
        "byline": brief.byline,
        "schema": _relative(schema.brief_schema_path(settings.root), path.parent),
    }
    try:
        template = environment.get_template(ARCHETYPE)
        text = template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename or ARCHETYPE))
        raise NewBriefError(f"{where}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise NewBriefError(f"{ARCHETYPE}: template error: {exc.message}") from None
    problems = problems_of(path, text)
    if problems:
        raise NewBriefError(
            "the new brief would not be valid: " + "; ".join(p.format() for p in problems)
        )
    return text


def write_new(root: Path, path: Path, text: str) -> None:
    """Create ``path``, a file below the briefs folder ``root``, with ``text``; never
    replaces a file (exclusive create), even one that appears between the check and the
    write, and never writes through a symbolic link below ``root``
    (:func:`generator.build.guard.create_file`)."""
    relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    guard.create_file(root, relative, text.encode("utf-8"))


def same_slug(settings: Settings, path: Path) -> Path | None:
    """A brief file elsewhere under the briefs folder with the same name (so the same
    slug): two briefs cannot share an address."""
    for suffix in (".yaml", ".yml"):
        for other in sorted(settings.briefs_path.rglob(path.stem + suffix)):
            if other != path:
                return other
    return None


def problems_of(path: Path, text: str) -> list[Problem]:
    """The errors ``text`` would have as the brief file ``path``."""
    raw, problems = parse_brief_text(path, text)
    if raw is None:
        return problems
    _, brief_problems = parse_brief(raw)
    return problems + brief_problems


def _archetype_folders(settings: Settings) -> list[str]:
    folders = [str(builtin_dir())]
    if settings.templates_path is not None:
        folders.insert(0, str(settings.templates_path))
    return folders


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def yaml_value(value: Any) -> str:
    """A value as YAML text on one line: a plain or quoted scalar, or a flow list. A text
    the loader would read as anything else (``1E10``, ``0o17``, ``true``) is quoted.

    Dates print as ISO dates (the model reads them as text); None prints nothing."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        value = list(value)
    dumped = yaml.dump(
        value, Dumper=TextDumper, default_flow_style=True, allow_unicode=True, width=1 << 30
    )
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in dumped:  # a line break in the text: a double-quoted scalar with escapes
        return json.dumps(value, ensure_ascii=True)
    return dumped
