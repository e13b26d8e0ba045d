"""Stage 4: model + index -> Markdown pages. Pure: no file is read but the theme's templates
and stylesheet, none is written.

Layout lives in Jinja2 templates (``theme/templates/*.md.j2``); a site overrides any of
them by putting a file of the same name in its ``templates_dir``, Pelican-style. Every
plain string a template prints is escaped by :func:`generator.markup.inline` through the
environment's ``finalize`` hook, so a template cannot forget to escape brief text.
"""

from __future__ import annotations

import html
import math
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    pass_context,
)
from jinja2.runtime import Context

from . import urls
from .errors import BriefsError, Position, Problem
from .index import TAXONOMIES, SiteIndex, Term
from .markup import Markdown, external_link, inline, paragraphs, plain_text, split_paragraphs
from .model import Brief
from .settings import Settings


def theme_dir() -> Path:
    """The built-in theme: beside the package when installed, at the repository top otherwise."""
    installed = Path(__file__).parent / "theme"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "theme"


@dataclass(frozen=True)
class PageRef:
    """A link target that is a page of a paginated listing."""

    term: Term
    number: int


def target_path(target: Brief | Term | PageRef | str) -> str:
    """The docs path of anything a template may link to."""
    if isinstance(target, Brief):
        return urls.brief(target.slug)
    if isinstance(target, Term):
        return urls.term(target.taxonomy, target.slug)
    if isinstance(target, PageRef):
        return urls.term(target.term.taxonomy, target.term.slug, target.number)
    return target


def link_label(target: Brief | Term | PageRef | str) -> str:
    """The text a link to ``target`` shows when the template gives none."""
    if isinstance(target, Brief):
        return target.title
    if isinstance(target, Term):
        return target.name
    if isinstance(target, PageRef):
        return f"{target.term.name}, page {target.number}"
    return target


# ---------------------------------------------------------------------------------------------
# Template helpers. Those that need the current page read it from the context.


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return inline(value)
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return long_date(value)
    return value


@pass_context
def _href(context: Context, target: Brief | Term | PageRef | str) -> Markdown:
    return Markdown(urls.relative(context["page_path"], target_path(target)))


@pass_context
def _link(
    context: Context, target: Brief | Term | PageRef | str, text: str | None = None
) -> Markdown:
    if text is None:
        text = link_label(target)
    return Markdown(f"[{inline(text, link_text=True)}]({_href(context, target)})")


def _unlinked(text: str) -> Markdown:
    """Author text for pages other than the brief's own (listings): its links, which are
    relative to the brief page, show as their text."""
    return inline(text, link_text=True)


def long_date(value: date | datetime) -> str:
    """January 31, 2026; with a time, January 31, 2026, 09:30 UTC-05:00."""
    text = f"{value:%B} {value.day}, {value.year}"
    if isinstance(value, datetime):
        minutes = int((value.utcoffset() or timedelta()).total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}" if minutes else "UTC"
        text += f", {value:%H:%M} {zone}"
    return text


def names(people: list[str]) -> str:
    """``Ana Ruiz and Caleb Monroe``; a "By" the author typed is not doubled."""
    cleaned = [re.sub(r"^by\s+", "", name, flags=re.IGNORECASE) for name in people]
    return ", ".join(cleaned[:-1]) + (" and " if len(cleaned) > 1 else "") + cleaned[-1]


def humanize(slug: str) -> str:
    """``ford-china-partnerships`` -> ``Ford china partnerships``: a slug read aloud."""
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


def short_date(value: date | datetime) -> str:
    """Jan 31, 2026: for lists."""
    return f"{value:%b} {value.day}, {value.year}"


def time_tag(value: date | datetime, style: str = "long") -> Markdown:
    shown = long_date(value) if style == "long" else short_date(value)
    return Markdown(f'<time datetime="{value.isoformat()}">{shown}</time>')


def front_matter(**fields: Any) -> Markdown:
    """A YAML front matter block (title, description) of plain text.

    Themes print these values into ``<title>`` and ``<meta>`` without escaping them (MkDocs,
    Material and Zensical alike), so they are HTML-escaped here. The block is printable
    ASCII, so no character can make an engine's YAML reader reject the block, which would
    then be rendered as Markdown.
    """
    lines = [
        f"{key}: {_yaml_string(html.escape(plain_text(str(value))))}"
        for key, value in fields.items()
        if value is not None
    ]
    return Markdown("---\n" + "\n".join(lines) + "\n---")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted string in printable ASCII: ``\\uXXXX`` and ``\\UXXXXXXXX``
    escapes for the rest (not JSON's surrogate pairs, which YAML reads as two lone
    surrogates, and libyaml refuses). A lone surrogate, which no brief can hold, becomes
    U+FFFD."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:
            out.append(f"\\U{code:08x}")
        else:
            out.append(f"\\u{0xFFFD if 0xD800 <= code <= 0xDFFF else code:04x}")
    return '"' + "".join(out) + '"'


@cache
def make_environment(templates_dir: Path | None) -> Environment:
    loaders = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders.append(FileSystemLoader(theme_dir() / "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # Markdown, not HTML: ``finalize`` does the escaping
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        href=_href,
        link=_link,
        external_link=external_link,
        time_tag=time_tag,
        front_matter=front_matter,
        taxonomies=TAXONOMIES,
    )
    env.filters.update(
        paragraphs=paragraphs,
        long_date=long_date,
        short_date=short_date,
        md=Markdown,
        humanize=humanize,
        names=names,
        split_paragraphs=split_paragraphs,
        unlinked=_unlinked,
    )
    return env


# ---------------------------------------------------------------------------------------------
# The pages of a site.


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    context: dict[str, Any]


def page_specs(index: SiteIndex, settings: Settings) -> Iterator[PageSpec]:
    """Every page the generator makes, with its template and context: one place to look."""
    for brief in index.briefs:
        yield PageSpec(
            urls.brief(brief.slug),
            "brief.md.j2",
            {
                "brief": brief,
                "category": index.category_of(brief),
                "more_from": index.more_from(brief, settings.more_from),
                "related": index.related.get(brief.slug, ()),
            },
        )
    for term in index.categories:
        yield from _listing_pages(term, settings.per_page)
    yield PageSpec(urls.taxonomy_index("category"), "categories.md.j2", {"terms": index.categories})
    if settings.home:
        yield PageSpec(
            urls.HOME,
            "home.md.j2",
            {"latest": index.briefs[: settings.home_latest], "categories": index.categories},
        )


def _listing_pages(term: Term, per_page: int) -> Iterator[PageSpec]:
    count = max(1, math.ceil(len(term.briefs) / per_page))
    for number in range(1, count + 1):
        yield PageSpec(
            urls.term(term.taxonomy, term.slug, number),
            f"{term.taxonomy}.md.j2",
            {
                "term": term,
                "briefs": term.briefs[(number - 1) * per_page : number * per_page],
                "number": number,
                "count": count,
                "newer": PageRef(term, number - 1) if number > 1 else None,
                "older": PageRef(term, number + 1) if number < count else None,
            },
        )


def render_page(spec: PageSpec, settings: Settings) -> str:
    env = make_environment(settings.templates_path)
    template = env.get_template(spec.template)
    return template.render(spec.context, page_path=spec.path, settings=settings)


def render_site(index: SiteIndex, settings: Settings) -> dict[str, str]:
    """All generated files: path in the docs tree -> content.

    A broken template (usually a site's override) raises :class:`BriefsError` naming the
    template file and line, like any other input problem.
    """
    try:
        pages = {spec.path: render_page(spec, settings) for spec in page_specs(index, settings)}
    except TemplateError as exc:
        raise BriefsError([_template_problem(exc)]) from None
    pages[urls.STYLESHEET] = (theme_dir() / "assets" / "newsbriefs.css").read_text("utf-8")
    return pages


def _template_problem(exc: TemplateError) -> Problem:
    """Where in which template the error is: Jinja puts template lines in the traceback."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename.endswith(".j2"):
                filename, line = frame.f_code.co_filename, frame_line
    where = Path(filename or "templates")
    position = Position(line, 1) if line else None
    return Problem(where, f"template error: {exc.message or exc}", position)
