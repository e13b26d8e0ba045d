"""What templates can call: links, dates and times, brief text, the chips and byline of a
brief, and the Jinja environment that offers them (:func:`make_environment`).

Markdown pages escape every plain string a template prints (the ``finalize`` hook, with
:func:`generator.source.markup.inline`); the helpers here return :class:`Markdown` when they
have written markup themselves, from text they escaped. Those that need the current page
(links are relative to it) read it from the template's context.

What a page repeats by the dozen (listing entries, chips, lists of links) is written as raw
HTML blocks, which every engine's Markdown passes through untouched: Python-Markdown's
inline patterns cost far more on a line of links than on prose (each link rescans its whole
paragraph), and the engine need not check and rewrite links we computed ourselves. Those
blocks use :func:`_link_html` and :func:`_url` (the published address, relative to the
page's own, as the engine writes its links) and the ``as_html`` filter (brief text as HTML);
every value in them is escaped for HTML.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any, cast
from urllib.parse import quote
from zoneinfo import ZoneInfo

import markdown
from jinja2 import Environment, FunctionLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from generator.graph import urls
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term, page_title, primary
from generator.render import renditions
from generator.render.outputs import OutputKind, front_matter
from generator.render.pages import PageRef, target_path
from generator.render.theme import Theme
from generator.settings import Settings
from generator.source.display import title_case
from generator.source.editorial import KIND_LABELS, notes_title, type_label
from generator.source.markup import (
    Markdown,
    external_link,
    inline,
    paragraphs,
    plain_text,
    split_paragraphs,
)
from generator.source.model import Brief


@dataclass(frozen=True)
class Style:
    """How pages show brief text and times, from the site's settings. Hashable: one Jinja
    environment is made (and cached) per theme, output kind and style."""

    smart_quotes: bool = False
    """Typographic quotes and apostrophes in brief text (generator/source/markup.py)."""
    timezone: str = "UTC"
    """Times are shown in this IANA zone."""
    time_label: str | None = None
    """The zone's name after a time (``ET``); None: its abbreviation then (``EST``)."""

    @classmethod
    def of(cls, settings: Settings) -> Style:
        return cls(settings.smart_quotes, settings.timezone, settings.time_label)

    def local(self, value: datetime) -> datetime:
        """An instant in the site's zone."""
        return value.astimezone(ZoneInfo(self.timezone))


PLAIN = Style()


# ---------------------------------------------------------------------------------------------
# Links.


def link_label(target: Brief | Term | PageRef | str) -> str:
    """The text a link to ``target`` shows when the template gives none."""
    if isinstance(target, Brief):
        return target.title
    if isinstance(target, Term):
        return target.name
    if isinstance(target, PageRef):
        if target.number is None:
            return target.term.name
        return f"{target.term.name}, page {target.number}"
    return target


@lru_cache(maxsize=65536)
def unlinked(text: str, smart_quotes: bool = False) -> Markdown:
    """Author text where its own links cannot be (inside a link we make, in listings, whose
    pages are not where the brief's relative links resolve): its links show as their text.
    Cached here too, though :func:`~generator.source.markup.inline` is: every link and
    listing asks for it, and a call of ``inline`` with its options costs more than this
    lookup."""
    return inline(text, link_text=True, smart_quotes=smart_quotes)


@pass_context
def _href(context: Context, target: Brief | Term | PageRef | str) -> Markdown:
    return Markdown(urls.relative(context["page_path"], target_path(target)))


def _target_key(target: Brief | Term | PageRef | str) -> Any:
    """What identifies a link target among the site's pages (briefs by slug, terms by
    taxonomy and slug), cheaper to hash than the target."""
    if isinstance(target, Brief):
        return target.slug
    if isinstance(target, Term):
        return (target.taxonomy, target.slug)
    if isinstance(target, PageRef):
        return (target.term.taxonomy, target.term.slug, target.number)
    return ("", target)


@pass_context
def _link(
    context: Context, target: Brief | Term | PageRef | str, text: str | None = None
) -> Markdown:
    """``[text](relative path)``. Cached by the linking page's folder: brief pages share one
    folder and link to the same briefs and terms again and again (related, timelines,
    previous/next, chips), so most links are made once per site."""
    page = context["page_path"]
    folder = page[: page.rfind("/") + 1]
    cache: dict[Any, Markdown] | None = context.get("links")
    key = (folder, _target_key(target), text)
    if cache is not None and (found := cache.get(key)) is not None:
        return found
    if text is None:
        text = link_label(target)
    smart = cast(Style, context.environment.globals["style"]).smart_quotes
    made = Markdown(f"[{unlinked(text, smart)}]({urls.relative(page, target_path(target))})")
    if cache is not None:
        cache[key] = made
    return made


# ---------------------------------------------------------------------------------------------
# Links in raw HTML: the address the engine publishes a page at, relative to the page's own.


def _engine_url(path: str, directory_urls: bool) -> str:
    """The site-relative URL the engine gives a docs path, as MkDocs' ``File.url`` has it
    (``briefs/x/``, the home page ``./``; percent-encoded)."""
    url = urls.PublicUrls(directory_urls).url(path)
    return quote(url or "./")


@lru_cache(maxsize=1 << 16)
def published_href(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """A link from one docs page to another as the engine writes it into the built page
    (MkDocs' ``get_relative_url`` of the two pages' URLs): ``../../briefs/x/``, or
    ``../../briefs/x.html`` without ``use_directory_urls``. HTML-escaped, for an attribute."""
    here, there = _engine_url(from_page, directory_urls), _engine_url(to_page, directory_urls)
    folder, _, name = here.rpartition("/")
    base = [part for part in (folder if "." in name else here).split("/") if part not in ("", ".")]
    target = [part for part in there.split("/") if part not in ("", ".")]
    common = 0
    for mine, theirs in zip(base, target, strict=False):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return html.escape(link + "/" if there.endswith("/") else link)


def _url_folder(page: str, directory_urls: bool) -> str:
    """What a published link from ``page`` depends on: the folder of its URL."""
    url = _engine_url(page, directory_urls)
    return url if url.endswith("/") else url[: url.rfind("/") + 1]


@pass_context
def _url(context: Context, target: Brief | Term | PageRef | str) -> Markdown:
    """``url(target)``: the published address of a page, relative to this page's, for an
    ``href`` in raw HTML (which the engine does not rewrite)."""
    directory_urls = context["settings"].use_directory_urls
    return Markdown(published_href(context["page_path"], target_path(target), directory_urls))


@pass_context
def _link_html(
    context: Context, target: Brief | Term | PageRef | str, text: str | None = None
) -> Markdown:
    """``link_html(target, text)``: ``<a href="...">text</a>``, what :func:`_link` becomes
    once the engine has rendered it, for raw HTML. Cached by the folder of the page's URL,
    as :func:`_link` is by the page's folder."""
    page = context["page_path"]
    directory_urls = context["settings"].use_directory_urls
    cache: dict[Any, Markdown] | None = context.get("links")
    key = ("html", _url_folder(page, directory_urls), _target_key(target), text)
    if cache is not None and (found := cache.get(key)) is not None:
        return found
    if text is None:
        text = link_label(target)
    smart = cast(Style, context.environment.globals["style"]).smart_quotes
    href = published_href(page, target_path(target), directory_urls)
    made = Markdown(f'<a href="{href}">{inline_html(unlinked(text, smart))}</a>')
    if cache is not None:
        cache[key] = made
    return made


_INLINE_SYNTAX = re.compile(r"[*_\[`<]")
"""What makes Python-Markdown change safe inline text (:func:`generator.source.markup.inline`
writes every other special character as a reference, which HTML reads the same)."""
_converters = threading.local()


@lru_cache(maxsize=1 << 16)
def inline_html(text: Markdown) -> Markdown:
    """Safe inline Markdown (``inline``, ``unlinked``) as the HTML the engine would make of
    it: emphasis as ``<em>``/``<strong>``; text without syntax as it is. Python-Markdown
    without extensions, the core every engine we support shares; once per distinct text."""
    if not _INLINE_SYNTAX.search(text):
        return Markdown(text)
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown()
    converted = converter.reset().convert(text)
    return Markdown(converted.removeprefix("<p>").removesuffix("</p>"))


def as_html(text: str, smart_quotes: bool = False) -> Markdown:
    """Brief text (one paragraph; its links shown as text) as HTML: the ``as_html`` filter,
    for text printed inside a raw HTML block. Markdown we made (a helper's) is converted
    as it is: it holds no links, which the engine would not rewrite here."""
    if isinstance(text, Markdown):
        return inline_html(text)
    return inline_html(unlinked(text, smart_quotes))


# ---------------------------------------------------------------------------------------------
# A brief's terms, by the part their taxonomy plays (generator/graph/taxonomies.py).


def _terms_playing(
    context: Context, brief: Brief, *, part: Callable[[Taxonomy], object]
) -> list[Term]:
    """The brief's terms of the taxonomies that play a ``part`` (a field of their entry in the
    table), in the table's order."""
    terms_of = context["terms_of"]
    return [
        term
        for taxonomy in TAXONOMIES.values()
        if part(taxonomy)
        for term in terms_of(brief, taxonomy.name)
    ]


_chips_of = pass_context(partial(_terms_playing, part=lambda taxonomy: taxonomy.chip))
"""``chips_of(brief)``: its terms shown as chips (``Taxonomy.chip``: its tickers)."""
_authors_of = pass_context(partial(_terms_playing, part=lambda taxonomy: taxonomy.byline))
"""``authors_of(brief)``: its authors (``Taxonomy.byline``), as its byline names them."""


@pass_context
def _title_case(context: Context, name: str) -> str:
    """``name | title_case``: a name made from an id, as pages show it when no term carries
    it (generator/source/display.py), with the site's ``title_words``."""
    return title_case(name, context["settings"].title_words)


@pass_context
def _primary_of(context: Context, brief: Brief) -> tuple[Term, ...]:
    """The brief's terms of the primary taxonomy (its category): the first is its kicker."""
    return cast(tuple[Term, ...], context["terms_of"](brief, primary().name))


# ---------------------------------------------------------------------------------------------
# Brief text.


@pass_context
def _body(context: Context, text: str, indent: int = 0, *, quoted: bool = False) -> Markdown:
    """A brief's body text (:func:`~generator.source.markup.paragraphs`): on a brief's page, the
    first mention of each known ticker and entity links to its page (generator/graph/mentions.py).
    Templates use it for running text only, never for headlines or headings."""
    smart = cast(Style, context.environment.globals["style"]).smart_quotes
    finder = context.get("first_mentions")
    if finder is None:
        return paragraphs(text, indent, quoted=quoted, smart_quotes=smart)
    page = context["page_path"]

    def spans(plain: str) -> list[tuple[int, int, str]]:
        return [
            (m.start, m.end, urls.relative(page, urls.term(m.term.taxonomy, m.term.slug)))
            for m in finder(plain)
        ]

    return paragraphs(text, indent, quoted=quoted, mentions=spans, smart_quotes=smart)


ENTRY_TEMPLATE = "_brief_entry.md.j2"
MACROS_TEMPLATE = "_macros.md.j2"


@pass_context
def _entry(context: Context, brief: Brief, **options: Any) -> Markdown:
    """One brief of a listing (``_brief_entry.md.j2``), rendered once per listing folder.

    A brief is listed on a dozen pages (one per term it has), several of them in one
    taxonomy's folder (its tags, its entities): its entry is rendered once per folder and
    depth, for a stand-in page there (``tags/~/index.md``), whose links are those of every
    page in that folder at that depth (``../../briefs/x.md``, ``../other-tag/index.md``):
    nothing but the folder and the depth makes a relative link differ. The entry template
    sees ``brief``, the ``options`` a listing passes (plain values), ``term`` (the page's
    term when it is one of the brief's chips, which then does not link to the page it is
    on; else none), ``terms_of``, ``term_named`` and ``chips``, the macro, imported once per
    stand-in page rather than by every entry (an import with context costs as much as the
    rest of an entry).
    """
    page = context["page_path"]
    folders = page.split("/")
    # The page's name matters too: ``page/2.md`` is published at ``page/2/`` (a folder
    # deeper than its source) with use_directory_urls, at ``page/2.html`` without.
    name = "index.md" if folders[-1] in ("index.md", "README.md") else "~.md"
    stand_in = "/".join([*folders[:1], *["~"] * (len(folders) - 2), name][-len(folders) :])
    term = context.get("term")
    if term is not None and not any(chip is term for chip in _chips_of(context, brief)):
        term = None
    key = (brief.slug, stand_in, tuple(sorted(options.items())), term and term.slug)
    cache: dict[Any, Any] = context["entries"]
    found: Markdown | None = cache.get(key)
    if found is None:
        env = context.environment
        page = {
            "terms_of": context["terms_of"],
            "term_named": context["term_named"],
            "links": context.get("links"),
            "page_path": stand_in,
            "settings": context["settings"],
        }
        macros: Any = cache.get((MACROS_TEMPLATE, stand_in))  # a module of macros
        if macros is None:
            macros = env.get_template(MACROS_TEMPLATE).make_module(page)
            cache[(MACROS_TEMPLATE, stand_in)] = macros
        # A site's own _macros.md.j2 without chips: the entry's import says so, positioned.
        handed = {"chips": macros.chips} if hasattr(macros, "chips") else {}
        template = env.get_template(ENTRY_TEMPLATE)
        found = cache[key] = Markdown(
            template.render(options, brief=brief, term=term, **handed, **page)
        )
    return found


# desk: what a reader is owed about the piece and its authors (generator/source/editorial.py).


@pass_context
def _holdings_of(context: Context, brief: Brief) -> list[tuple[str, list[str]]]:
    """Each of the brief's authors who holds a ticker the brief names, with those tickers
    (``[("Caleb Monroe", ["F"])]``), from the ``holdings`` of authors.yaml."""
    named = set(brief.tickers)
    held = []
    for author in _authors_of(context, brief):
        symbols = [s for s in getattr(author.about, "holdings", ()) if s in named]
        if symbols:
            held.append((author.name, symbols))
    return held


def names(people: list[str]) -> str:
    """``Ana Ruiz and Caleb Monroe``; a "By" the author typed is not doubled."""
    cleaned = [re.sub(r"^by\s+", "", name, flags=re.IGNORECASE) for name in people]
    return ", ".join(cleaned[:-1]) + (" and " if len(cleaned) > 1 else "") + cleaned[-1]


def excerpt(text: str, limit: int = 160) -> str:
    """The start of author text as plain text, cut at a word: for overviews."""
    plain = plain_text(text)
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"


# ---------------------------------------------------------------------------------------------
# Dates and times.


def long_date(value: date | datetime, style: Style = PLAIN) -> str:
    """January 31, 2026; with a time, in the site's zone: January 31, 2026, 9:30 a.m. ET."""
    if isinstance(value, datetime):
        local = style.local(value)
        return f"{local:%B} {local.day}, {local.year}, {clock_time(local, style)}"
    return f"{value:%B} {value.day}, {value.year}"


def clock_time(value: datetime, style: Style = PLAIN) -> str:
    """``9:30 a.m. ET``, ``2 p.m. ET`` (news style: no ``:00``), in the site's zone, with its
    label (or the zone's abbreviation at that moment: ``EST``, ``EDT``)."""
    local = style.local(value)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    label = style.time_label or local.tzname() or style.timezone
    return f"{hour}{minutes}\u00a0{'a.m.' if local.hour < 12 else 'p.m.'} {label}"


def month_label(month: tuple[int, int]) -> str:
    """``(2026, 1)`` -> January 2026."""
    return f"{date(month[0], month[1], 1):%B} {month[0]}"


def short_date(value: date | datetime, style: Style = PLAIN) -> str:
    """Jan 31, 2026: for lists (the day in the site's zone)."""
    day = style.local(value).date() if isinstance(value, datetime) else value
    return f"{day:%b} {day.day}, {day.year}"


def time_tag(value: date | datetime, style_name: str = "long", style: Style = PLAIN) -> Markdown:
    """A ``<time>`` element: the machine-readable instant, and the date (with its time, in
    the site's zone, for ``long``) as readers read it."""
    # The offset is part of the key: equal instants with other offsets are equal datetimes,
    # but their ``isoformat()`` differs.
    offset = value.utcoffset() if isinstance(value, datetime) else None
    return _time_tag(value, offset, style_name, style)


@lru_cache(maxsize=65536)
def _time_tag(value: date | datetime, _offset: Any, style_name: str, style: Style) -> Markdown:
    """:func:`time_tag`, cached: a brief's date is shown on every page that lists it."""
    shown = long_date(value, style) if style_name == "long" else short_date(value, style)
    return Markdown(f'<time datetime="{value.isoformat()}">{shown}</time>')


# ---------------------------------------------------------------------------------------------
# The environment.


def _joined(parts: Iterable[str]) -> Markdown:
    return Markdown("".join(parts))


class MarkdownEnvironment(Environment):
    """The environment of Markdown pages. What a macro, a ``{% call %}`` or a ``{% set %}``
    block makes is Markdown already (each value in it was escaped as it was printed), so
    printing it does not escape it a second time: Jinja joins that output with ``concat``,
    which marks it :class:`Markdown` here, as an autoescaping environment marks it
    ``Markup``. Templates' own macros (``_macros.md.j2``: a chip, a byline) rely on it."""

    concat = staticmethod(_joined)


def _finalize(value: Any, style: Style = PLAIN) -> Any:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return inline(value, smart_quotes=style.smart_quotes)
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return long_date(value, style)
    return value


def _finalize_xml(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# media: a brief's image as a figure: a Markdown image, which every engine resolves from the
# page's file (Zensical rewrites an <img> in raw HTML, MkDocs does not), and its caption.

_ALT_SYNTAX = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


@pass_context
def _figure(context: Context, brief: Brief) -> Markdown:
    """``figure(brief)``: the brief's image, then its caption and credit; nothing without
    one. A local image shows its 16x9 rendition (generator/render/renditions.py)."""
    image = brief.image
    if image is None:
        return Markdown("")
    smart = cast(Style, context.environment.globals["style"]).smart_quotes
    if brief.image_file is not None:
        shape = renditions.WIDE
        target = renditions.path(brief.image_file.digest, shape)
        src = urls.relative(context["page_path"], target)
        size = f' width="{shape.width}" height="{shape.height}"'
    elif image.local:  # not read: a preview showing a brief with a problem
        return Markdown("")
    else:
        src, size = quote(image.src, safe=":/?#[]@!$&'*+,;=%~"), ""
    # Alt text is taken as it is typed between the brackets: only Markdown's escapes matter.
    alt = _ALT_SYNTAX.sub(r"\\\1", " ".join(plain_text(image.alt).split()))
    lines = [f'![{alt}]({src}){{:{size} loading="lazy" decoding="async" }}', "{: .nb-figure }"]
    notes = []
    if image.caption:
        notes.append(f'<span class="nb-caption">{as_html(image.caption, smart)}</span>')
    if image.credit:
        notes.append(f'<span class="nb-credit">{as_html(image.credit, smart)}</span>')
    if notes:
        lines += ["", " ".join(notes), "{: .nb-figcaption }"]
    return Markdown("\n".join(lines))


@lru_cache(maxsize=8)
def make_environment(
    theme: Theme, kind: OutputKind = "markdown", style: Style = PLAIN
) -> Environment:
    """The Jinja environment for one kind of output over one theme's templates, showing
    text and times in one style."""

    def load(name: str) -> tuple[str, str, Any] | None:
        found = theme.templates.get(name)
        return None if found is None else (found.source, str(found.path), lambda: True)

    markdown = kind == "markdown"
    env = (MarkdownEnvironment if markdown else Environment)(
        loader=FunctionLoader(load),
        autoescape=not markdown,  # XML: Jinja escapes; Markdown: ``finalize`` does
        finalize=partial(_finalize, style=style) if markdown else _finalize_xml,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    smart = style.smart_quotes
    env.globals.update(
        href=_href,
        link=_link,
        url=_url,
        link_html=_link_html,
        figure=_figure,
        entry=_entry,
        chips_of=_chips_of,
        authors_of=_authors_of,
        primary_of=_primary_of,
        holdings_of=_holdings_of,
        type_label=type_label,
        notes_title=notes_title,
        kind_labels=KIND_LABELS,
        external_link=partial(external_link, smart_quotes=smart),
        time_tag=partial(time_tag, style=style),
        clock_time=partial(clock_time, style=style),
        front_matter=front_matter,
        page_title=page_title,
        month_label=month_label,
        taxonomies=TAXONOMIES,
        feed_names=urls.FEED_NAMES,
        style=style,
    )
    env.filters.update(
        paragraphs=partial(paragraphs, smart_quotes=smart),
        body=_body,
        long_date=partial(long_date, style=style),
        short_date=partial(short_date, style=style),
        md=Markdown,
        as_html=partial(as_html, smart_quotes=smart),
        title_case=_title_case,
        names=names,
        split_paragraphs=split_paragraphs,
        unlinked=partial(unlinked, smart_quotes=smart),
        excerpt=excerpt,
    )
    return env
