"""Values that are valid but most likely a mistake: a placeholder that ``briefs new`` wrote
and nobody replaced, a date or go-live time far in the future (2062 for 2026), a go-live time
before the date the brief shows.

Warnings, not errors: the brief still builds (``--strict`` makes them fail the run, as every
warning). One exception: a placeholder in a brief that is not a draft is an error, in every
run (``build``, ``check``, the MkDocs plugin, the preview), since nothing else stands between
it and the public site: the brief is live now, or goes live by itself at its time. A draft
may keep its placeholders while it is written (a warning at each). "Now" is given by the
caller, so the checks are pure and testable.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel

from generator.errors import Problem, Severity
from generator.source.loader import KeyPath, dotted_field
from generator.source.model import FIELD_NAMES, Brief, as_instant, earlier, per_brief

PLACEHOLDER = "TODO"
"""How the archetype's placeholder texts start (theme/archetypes/brief.yaml.j2)."""
FAR_FUTURE = timedelta(days=366)
"""A brief dated further ahead than this is taken for a typo in the year."""


def warnings(briefs: Sequence[Brief], *, now: datetime) -> list[Problem]:
    """Every placeholder left, every date or go-live time far in the future and every
    go-live time before its date, at its value."""
    problems: list[Problem] = []
    for brief in briefs:
        problems += _placeholders(brief)
        if brief.published_at - now > FAR_FUTURE:
            message = (
                f"{brief.date.isoformat()} is more than a year from now; "
                "check the year (a brief goes live on its date)"
            )
            problems.append(_warning(brief, ("date",), message))
        problems += _go_live_warnings(brief, now)
    return problems


@per_brief
def _placeholders(brief: Brief, _: object = None) -> list[Problem]:
    """A problem at each text that still starts with the archetype's placeholder: a warning
    in a draft, an error in a brief that would be published ("TODO write the opening
    paragraph" as the front page's lead story)."""
    if brief.draft:
        message = "still holds a placeholder from 'briefs new'; write the text or delete it"
        severity: Severity = "warning"
    else:
        message = (
            "still holds a placeholder from 'briefs new', and the brief is not a draft: "
            "write the text or delete it before it is published (or put back 'draft: true')"
        )
        severity = "error"
    return [
        Problem(brief.source, message, brief.position_of(loc), dotted_field(loc), severity)
        for loc, text in _texts(brief)
        if text.startswith(PLACEHOLDER)
    ]


def _go_live_warnings(brief: Brief, now: datetime) -> list[Problem]:
    """``publish_at`` exists to go live later than the date; before it, the page would show
    readers a date still to come."""
    if brief.publish_at is None:
        return []
    if earlier(brief.publish_at, brief.date):
        message = (
            f"is before the brief's date ({brief.date.isoformat()}): "
            "it would go live showing a date still to come"
        )
        return [_warning(brief, ("publish_at",), message)]
    if as_instant(brief.publish_at) - now > FAR_FUTURE:
        message = (
            f"{brief.publish_at.isoformat()} is more than a year from now; "
            "check the year (the brief goes live then)"
        )
        return [_warning(brief, ("publish_at",), message)]
    return []


def _warning(brief: Brief, loc: KeyPath, message: str) -> Problem:
    return Problem(brief.source, message, brief.position_of(loc), dotted_field(loc), "warning")


def _texts(brief: Brief) -> Iterator[tuple[KeyPath, str]]:
    for name in FIELD_NAMES:
        yield from _walk((name,), getattr(brief, name))


def _walk(loc: KeyPath, value: object) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk((*loc, i), item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk((*loc, name), getattr(value, name))
