"""Warnings about values that are valid but most likely a mistake: a placeholder that
``briefs new`` wrote and nobody replaced, a date far in the future (2062 for 2026).

Warnings, not errors: the brief still builds (``--strict`` makes them fail the run, as every
warning). "Now" is given by the caller, so the checks are pure and testable.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel

from .errors import Problem
from .loader import KeyPath, dotted_field
from .model import FIELD_NAMES, Brief

PLACEHOLDER = "TODO"
"""How the archetype's placeholder texts start (theme/archetypes/brief.yaml.j2)."""
FAR_FUTURE = timedelta(days=366)
"""A brief dated further ahead than this is taken for a typo in the year."""


def warnings(briefs: Sequence[Brief], *, now: datetime) -> list[Problem]:
    """Every placeholder left and every date far in the future, at its value."""
    problems: list[Problem] = []
    for brief in briefs:
        for loc, text in _texts(brief):
            if text.startswith(PLACEHOLDER):
                message = "still holds a placeholder from 'briefs new'; write the text or delete it"
                problems.append(_warning(brief, loc, message))
        if brief.published_at - now > FAR_FUTURE:
            message = (
                f"{brief.date.isoformat()} is more than a year from now; "
                "check the year (a brief goes live on its date)"
            )
            problems.append(_warning(brief, ("date",), message))
    return problems


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
