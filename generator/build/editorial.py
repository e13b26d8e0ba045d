"""The desk's settings in the build. What the briefs and the settings must agree on,
checked before anything is rendered: each brief's ``type`` is one of the site's article
types, and each policy page (``policies``) is a page of the docs folder. And the footer's
links to those pages, which the plugin hands the theme (``config.extra.policies``).

Both need the settings (the site's own types, its docs folder), which the source stage
never reads; so the checks live here, and the pipeline's ``check`` runs them. A policy page
that does not exist is reported at its line in mkdocs.yml, where the author fixes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.errors import Position, Problem
from generator.settings import POLICY_LABELS, Settings
from generator.source.editorial import unknown_type_message
from generator.source.model import Brief

CONFIG_NAME = "mkdocs.yml"


def unknown_types(briefs: Iterable[Brief], settings: Settings) -> list[Problem]:
    """An error at each brief's ``type`` that the site does not name."""
    known = settings.types
    return [
        Problem(
            brief.source,
            unknown_type_message(brief.type, known),
            brief.position_of(("type",)),
            "type",
        )
        for brief in briefs
        if brief.type not in known
    ]


def missing_policy_pages(settings: Settings) -> list[Problem]:
    """An error for each policy page that is not a Markdown file of the docs folder: the
    footer and the publisher's JSON-LD would link a page that does not exist."""
    problems = []
    config = settings.config_file or settings.root / CONFIG_NAME
    for name, page in settings.policies.pages():
        docs = settings.docs_dir
        if docs is not None and (docs / page).is_file():
            continue
        where = docs.name if docs is not None else "docs"
        message = f"{page!r} is not a page of the docs folder ({where}/{page} does not exist)"
        problems.append(
            Problem(config, message, _position_of(config, name, page), f"policies.{name}")
        )
    return problems


def _position_of(config: Path, name: str, value: str) -> Position | None:
    """The line and column of ``name: value`` in mkdocs.yml (its value, else its key), or
    None when the file cannot be read or says it some other way (``!ENV``, INHERIT)."""
    try:
        lines = config.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        key = line.find(f"{name}:")
        if key < 0 or line.lstrip().startswith("#"):
            continue
        column = line.find(value, key)
        return Position(number, (column if column >= 0 else key) + 1)
    return None


def policy_links(settings: Settings) -> list[dict[str, str]]:
    """The footer's links to the policy pages: ``{title, href}``, ``href`` relative to the
    site's root as partials/newsbriefs/footer.html wants it (``about/standards/``)."""
    public = settings.public_urls
    return [
        {"title": POLICY_LABELS[name], "href": public.url(page)}
        for name, page in settings.policies.pages()
    ]
