"""What kind of piece a brief is, and what kind of note follows it: the names a desk uses,
the label readers see and the schema.org type machines read.

Article types (a brief's ``type``) follow Google's transparency guidance, which asks a
publisher to tell news from analysis and opinion: each type has a label shown on the page
and in listings, and a schema.org subtype of Article for the brief's JSON-LD. A site may
name types of its own (the ``article_types`` setting), each with its schema.org type.

Correction kinds (``corrections[].kind``) follow the wire services' practice: a
*correction* fixes an error of fact, a *clarification* makes a true but misleading passage
plain, an *update* adds what happened since. Only corrections are schema.org
``CorrectionComment``s; every kind dates the brief's last change (``dateModified``), as a
wire service reissues a story for each.

Pure values and functions: the settings validate a site's types with them, render labels
pages and listings, publish writes the JSON-LD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from generator.suggest import did_you_mean

DEFAULT_TYPE = "news"
BUILT_IN_TYPES: dict[str, str] = {
    "news": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "explainer": "BackgroundNewsArticle",
}
"""Every site's article types -> their schema.org type (schema.org's names for news that
interprets, argues, or gives the background)."""

ARTICLE_SCHEMA_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "Report",
        "SatiricalArticle",
        "ScholarlyArticle",
        "TechArticle",
        "AdvertiserContentArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
    }
)
"""The schema.org types a site's own article type may be: Article and its subtypes, so a
brief stays an article for every reader of structured data (``Review`` is a CreativeWork
but no article: a review in a newsroom is a ``ReviewNewsArticle``)."""

TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_TYPE = 40
"""Characters of an article type's name (a word or two: ``market-wrap``)."""


def type_label(name: str) -> str:
    """What readers see: ``opinion`` -> ``Opinion``, ``market-wrap`` -> ``Market wrap``."""
    return name.replace("-", " ").capitalize()


def site_types(own: Mapping[str, str]) -> dict[str, str]:
    """The site's article types -> schema.org type: the built-in ones, then the site's
    (which may give a built-in name another type)."""
    return {**BUILT_IN_TYPES, **own}


def type_problem(name: str, schema_type: str) -> str | None:
    """Why a site's own article type cannot be used, or None."""
    if len(name) > MAX_TYPE or not TYPE_PATTERN.match(name):
        return (
            f"the type name {name[:MAX_TYPE]!r} is not a lowercase word (letters, digits, "
            f"single hyphens; at most {MAX_TYPE} characters)"
        )
    if schema_type not in ARTICLE_SCHEMA_TYPES:
        hint = (
            "; did you mean 'ReviewNewsArticle'?"
            if schema_type == "Review"
            else did_you_mean(schema_type, sorted(ARTICLE_SCHEMA_TYPES))
        )
        return (
            f"{name}: {schema_type[:60]!r} is not a schema.org Article type"
            f"{hint or '; for example NewsArticle, OpinionNewsArticle, ReviewNewsArticle'}"
        )
    return None


def unknown_type_message(name: str, known: Iterable[str]) -> str:
    """The message at a brief's ``type`` that the site does not know."""
    names = sorted(known)
    hint = did_you_mean(name, names)
    return f"{name!r} is not an article type of this site ({', '.join(names)}){hint}"


CorrectionKind = Literal["correction", "clarification", "update"]
DEFAULT_KIND: CorrectionKind = "correction"
KIND_LABELS: dict[str, tuple[str, str, str]] = {
    "correction": ("Correction", "Corrections", "Corrected"),
    "clarification": ("Clarification", "Clarifications", "Clarified"),
    "update": ("Update", "Updates", "Updated"),
}
"""Each kind's label, its plural, and the word that dates a note (``Corrected May 2``)."""


def notes_title(kinds: Iterable[str], *, plural: bool = False) -> str:
    """The title of a brief's box of notes: ``Correction``, ``Corrections``, ``Correction
    and update``, ``Corrections, clarification and update``: the kinds in a fixed order,
    each counted (``plural``: every kind in the plural, a section's heading)."""
    counted: dict[str, int] = {}
    for kind in kinds:
        counted[kind] = counted.get(kind, 0) + 1
    words = [
        KIND_LABELS[kind][0 if counted[kind] == 1 and not plural else 1]
        for kind in KIND_LABELS
        if kind in counted
    ]
    words = words[:1] + [word.lower() for word in words[1:]]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
