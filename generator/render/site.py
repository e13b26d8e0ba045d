"""Stage 4: model + index + theme -> outputs. Pure: no file is read or written here (the
pipeline reads the theme, generator/render/theme.py; the adapters write).

Outputs are of several kinds, each with its own escaping, chosen by the output and never by
the template author:

- ``markdown`` pages (``*.md.j2``): every plain string a template prints is escaped by
  :func:`generator.source.markup.inline` through the environment's ``finalize`` hook, so a template
  cannot forget to escape brief text;
- ``xml`` (``*.xml.j2``: feeds, sitemaps): Jinja's autoescaping, and a ``tojson`` filter;
- ``json`` (API, JSON-LD): never a template, always :func:`to_json` over plain data;
- ``html``: whole pages outside the engine's theme (redirects), every value HTML-escaped;
- ``asset``: the theme's files, passed through as bytes.

Outputs for machines (feeds, the news sitemap, the API, redirects, head data) are made from
these by the next stage, generator/publish/.

Layout lives in Jinja2 templates; a site overrides any of them by putting a file of the same
name in its ``templates_dir``. Every broken template is reported in one run, with its
``path:line``.
"""

from __future__ import annotations

import html
import json
import math
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FunctionLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context

from generator.errors import Position, Problem
from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.mentions import MentionIndex
from generator.graph.risks import RiskOverview, risk_overview
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term, primary
from generator.render.charts import Cell, heatmap
from generator.render.memo import Lookup, PageInputs, PageMemo, recording, same_lookups, site_key
from generator.render.theme import Theme
from generator.settings import Settings
from generator.source.markup import (
    Markdown,
    external_link,
    inline,
    paragraphs,
    plain_text,
    split_paragraphs,
)
from generator.source.model import Brief
from generator.source.slugs import humanize

OutputKind = Literal["markdown", "xml", "json", "html", "asset"]


@dataclass(frozen=True)
class Output:
    """One generated file: its path in the docs tree, its kind, and its content."""

    path: str
    kind: OutputKind
    content: str | bytes


def kind_of(template: str) -> OutputKind:
    """The output kind a template makes, from its name: ``feed.xml.j2`` makes XML."""
    return "xml" if template.endswith(".xml.j2") else "markdown"


def to_json(data: Any) -> str:
    """JSON through the encoder, never a template; safe inside an HTML ``<script>`` too:
    ``<``, ``>``, ``&`` and the line separators are written as ``\\u`` escapes, so text like
    ``</script>`` or ``<!--`` cannot end or comment out the block it is in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=_json_default)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"{type(value).__name__} is not JSON data")


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
    made = Markdown(f"[{_link_text(text, smart)}]({urls.relative(page, target_path(target))})")
    if cache is not None:
        cache[key] = made
    return made


@lru_cache(maxsize=65536)
def _link_text(text: str, smart_quotes: bool = False) -> Markdown:
    """A title as link text; cached, since a brief's title is linked from many pages
    (listings, related, timelines, previous/next)."""
    return inline(text, link_text=True, smart_quotes=smart_quotes)


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


@pass_context
def _entry(context: Context, brief: Brief, **options: Any) -> Markdown:
    """One brief of a listing (``_brief_entry.md.j2``), rendered once per listing folder.

    A brief is listed on a dozen pages (one per term it has), several of them in one
    taxonomy's folder (its tags, its entities): its entry is rendered once per folder and
    depth, for a stand-in page there (``tags/~/index.md``), whose links are those of every
    page in that folder at that depth (``../../briefs/x.md``, ``../other-tag/index.md``):
    nothing but the folder and the depth makes a relative link differ. The entry template
    sees ``brief``, the ``options`` a listing passes (plain values), ``term`` (the page's
    term when it is one of the brief's tickers, whose chip then does not link to the page it
    is on; else none), ``terms_of`` and ``term_named``.
    """
    page = context["page_path"]
    folders = page.split("/")[:-1]
    stand_in = "/".join([*folders[:1], *["~"] * (len(folders) - 1), "index.md"])
    term = context.get("term")
    if term is not None and not any(t is term for t in context["terms_of"](brief, "ticker")):
        term = None
    key = (brief.slug, stand_in, tuple(sorted(options.items())), term and term.slug)
    cache: dict[Any, Markdown] = context["entries"]
    found = cache.get(key)
    if found is None:
        template = context.environment.get_template(ENTRY_TEMPLATE)
        found = cache[key] = Markdown(
            template.render(
                options,
                brief=brief,
                term=term,
                terms_of=context["terms_of"],
                term_named=context["term_named"],
                links=context.get("links"),
                page_path=stand_in,
            )
        )
    return found


@lru_cache(maxsize=65536)
def _unlinked(text: str, smart_quotes: bool = False) -> Markdown:
    """Author text for pages other than the brief's own (listings): its links, which are
    relative to the brief page, show as their text. Cached: a brief's dek is listed on
    each of its terms' pages."""
    return inline(text, link_text=True, smart_quotes=smart_quotes)


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


def front_matter(**fields: Any) -> Markdown:
    """A YAML front matter block (title, description) of plain text.

    Themes print these values into ``<title>`` and ``<meta>`` without escaping them (MkDocs,
    Material and Zensical alike), so they are HTML-escaped here. The block is printable
    ASCII, so no character can make an engine's YAML reader reject the block, which would
    then be rendered as Markdown.
    """
    lines = [f"{key}: {_yaml_value(value)}" for key, value in fields.items() if value is not None]
    return Markdown("---\n" + "\n".join(lines) + "\n---")


_WORD = re.compile(r"[a-z][a-z_]*")


def _yaml_value(value: Any) -> str:
    """Text as a YAML string; the theme's settings (``hide: [toc]``, ``search: {boost: 2}``)
    as YAML flow collections of plain words, numbers and booleans, which is all a template
    passes there (anything else is a template error, never brief text in YAML syntax)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_word(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{_yaml_word(key)}: {_yaml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    return _yaml_string(html.escape(plain_text(str(value))))


def _yaml_word(value: Any) -> str:
    if not isinstance(value, str) or not _WORD.fullmatch(value):
        raise ValueError(f"front_matter: {value!r} is not a plain lowercase word")
    return value


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
    env = Environment(
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
        entry=_entry,
        external_link=partial(external_link, smart_quotes=smart),
        time_tag=partial(time_tag, style=style),
        clock_time=partial(clock_time, style=style),
        front_matter=front_matter,
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
        humanize=humanize,
        names=names,
        split_paragraphs=split_paragraphs,
        unlinked=partial(_unlinked, smart_quotes=smart),
        excerpt=excerpt,
    )
    return env


def _finalize_xml(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------------------------
# The pages of a site.


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    context: dict[str, Any]


def page_specs(index: SiteIndex, settings: Settings) -> Iterator[PageSpec]:
    """Every page the generator makes, with its template and context: one place to look.

    Brief pages, then for each taxonomy of the registry its term pages and its index page,
    then the home page. A brief's context has ``terms`` (taxonomy name -> its terms) and
    ``primary_term``, its term of the primary taxonomy (the kicker and "More from ...").
    Every page's context has ``terms_of(brief, taxonomy)``, a listed brief's terms (the
    ticker chips of a listing entry link to their pages), and ``term_named(taxonomy, name)``,
    the term a name stands for or none (a risk's sector, a ticker's company).
    """
    lookups = {
        "terms_of": index.terms_of,
        "term_named": index.term_named,
        "entries": {},
        "links": {},
    }
    for spec in _page_specs(index, settings):
        term = spec.context.get("term")
        feeds = page_feeds(settings, term) if term is not None or spec.path == urls.HOME else {}
        yield PageSpec(spec.path, spec.template, {**spec.context, **lookups, "feeds": feeds})


def page_feeds(settings: Settings, term: Term | None = None) -> dict[urls.FeedFormat, str]:
    """The feeds of the site (``term`` None: the home page's) or of a term's pages, by format
    (``feeds`` in the templates' context); none when the site makes no feeds or the term's
    taxonomy has none (``Taxonomy.feeds``)."""
    if not settings.publishes_feeds:
        return {}
    if term is None:
        return urls.feeds()
    return urls.feeds(term.taxonomy, term.slug) if TAXONOMIES[term.taxonomy].feeds else {}


def _page_specs(index: SiteIndex, settings: Settings) -> Iterator[PageSpec]:
    main = primary()
    for brief in index.withdrawn:
        yield PageSpec(
            urls.brief(brief.slug),
            "withdrawn.md.j2",
            {"brief": brief, "embargo": index.embargoes.get(brief.slug)},
        )
    mentions = MentionIndex.of(index)
    for brief in index.briefs:
        terms = {name: index.terms_of(brief, name) for name in TAXONOMIES}
        yield PageSpec(
            urls.brief(brief.slug),
            "brief.md.j2",
            {
                "brief": brief,
                "terms": terms,
                "primary_term": next(iter(terms[main.name]), None),
                "more_from": index.more_from(brief, settings.more_from),
                "related": index.related.get(brief.slug, ()),
                "neighbours": index.neighbours(brief),
                "thread": index.thread(brief),
                "embargo": index.embargoes.get(brief.slug),
                "mentions": mentions,
            },
        )
    for taxonomy in TAXONOMIES.values():
        for term in index.terms(taxonomy.name):
            yield from _listing_pages(taxonomy, term, settings.per_page, index)
        yield PageSpec(
            urls.taxonomy_index(taxonomy.name),
            taxonomy.index_template,
            {"taxonomy": taxonomy, "terms": index.terms(taxonomy.name)},
        )
    if (overview := risk_overview(index)).sectors:
        chart = risk_chart(overview, index, settings)
        yield PageSpec(urls.RISKS, "risks.md.j2", {"overview": overview, "chart": chart})
    if settings.home:
        yield PageSpec(urls.HOME, "home.md.j2", home_context(index, settings))


def home_context(index: SiteIndex, settings: Settings) -> dict[str, Any]:
    """The front page: ``lead`` (the newest brief, or None), ``latest`` (the next
    ``home_latest``), ``sections`` (each term of the primary taxonomy with its newest briefs
    not shown above, up to ``home_per_section``), ``most_covered`` (taxonomy name -> the
    terms most named lately, with counts, for each taxonomy whose ``front_page`` asks),
    ``archive`` (the index page of the archive taxonomy, or None), ``taxonomy`` (the primary
    one) and ``terms`` (its terms)."""
    main = primary()
    lead = index.briefs[0] if index.briefs else None
    latest = list(index.briefs[1 : 1 + settings.home_latest])
    shown = {brief.slug for brief in latest} | ({lead.slug} if lead else set())
    per_section = settings.home_per_section
    sections = [
        (term, list(islice((b for b in term.briefs if b.slug not in shown), per_section)))
        for term in (index.terms(main.name) if per_section else [])
    ]
    on_front_page = [t for t in TAXONOMIES.values() if t.name in index.taxonomies]
    most_covered = {
        t.name: index.most_covered(t.name, settings.home_trending_days, settings.home_trending)
        for t in on_front_page
        if t.front_page == "most_covered" and settings.home_trending
    }
    archive = next(
        (urls.taxonomy_index(t.name) for t in on_front_page if t.front_page == "archive"), None
    )
    return {
        "lead": lead,
        "latest": latest,
        "sections": sections,
        "most_covered": most_covered,
        "archive": archive,
        "taxonomy": main,
        "terms": index.terms(main.name),
    }


def risk_chart(overview: RiskOverview, index: SiteIndex, settings: Settings) -> Markdown:
    """The sectors x months heat map of the risk page; each cell leads to the sector's page
    when a taxonomy of sectors makes one, else to the sector's group on the risk page."""
    sector_pages = "sector" in index.taxonomies

    def href(slug: str, anchor: str) -> str:
        if not sector_pages:
            return f"#{anchor}"
        target = urls.term("sector", slug)
        return urls.published_relative(
            urls.RISKS, target, directory_urls=settings.use_directory_urls
        )

    months = [date(year, month, 1) for year, month in overview.months]
    cells = [
        [
            Cell(
                count := overview.counts.get((sector.slug, (month.year, month.month)), 0),
                href(sector.slug, sector.anchor),
                f"{sector.name}, {month:%B} {month.year}: {count} risk{'s' * (count != 1)}",
            )
            for month in months
        ]
        for sector in overview.sectors
    ]
    return Markdown(
        heatmap(
            "Risks by sector and month",
            [sector.name for sector in overview.sectors],
            [f"{month:%b} {month.year}" for month in months],
            cells,
            chart_id="nb-risk-chart",
        )
    )


COMPANIONS = 5
"""Terms shown as "often named with" on a term's page (the tickers most mentioned with F)."""


def _listing_pages(
    taxonomy: Taxonomy, term: Term, per_page: int, index: SiteIndex
) -> Iterator[PageSpec]:
    count = max(1, math.ceil(len(term.briefs) / per_page))
    companions = index.companions(term, COMPANIONS)
    for number in range(1, count + 1):
        yield PageSpec(
            urls.term(term.taxonomy, term.slug, number),
            taxonomy.term_template,
            {
                "taxonomy": taxonomy,
                "term": term,
                "briefs": term.briefs[(number - 1) * per_page : number * per_page],
                "number": number,
                "count": count,
                "newer": PageRef(term, number - 1) if number > 1 else None,
                "older": PageRef(term, number + 1) if number < count else None,
                "companions": companions,
            },
        )


def render_page(spec: PageSpec, settings: Settings, theme: Theme, **extra: Any) -> str:
    """One page's Markdown; ``extra`` replaces entries of its context."""
    env = make_environment(theme, kind_of(spec.template), Style.of(settings))
    template = env.get_template(spec.template)
    # First mentions are linked once per page: each render starts a fresh finder.
    mentions = spec.context.get("mentions")
    first = mentions.finder() if isinstance(mentions, MentionIndex) else None
    return template.render(
        spec.context, page_path=spec.path, settings=settings, first_mentions=first, **extra
    )


def render_site(
    index: SiteIndex, settings: Settings, theme: Theme, memo: PageMemo | None = None
) -> tuple[list[Output], list[Problem]]:
    """All generated files, and a problem for each broken template.

    Every template is compiled first, so each syntax error is reported in the same run; a
    template that fails while rendering is reported once (its first failure) and its other
    pages are skipped, so other templates' errors still show.

    With a ``memo`` (the pages of the previous run), a page whose inputs are unchanged is
    taken from it instead of rendered (generator/render/memo.py); the memo then holds this run's
    pages.
    """
    problems = [
        problem
        for name in sorted(theme.templates)
        if (problem := _compile_problem(theme, name)) is not None
    ]
    broken = {problem.path for problem in problems}
    failed: set[str] = set()
    outputs: list[Output] = []
    reuse = _Reuse(index, settings, theme, memo)
    for spec in page_specs(index, settings):
        source = theme.templates.get(spec.template)
        if source is None:
            problems.append(Problem(Path(spec.template), "template not found"))
            continue
        if source.path in broken or spec.template in failed:
            continue
        try:
            content = reuse.page(spec)
        except Exception as exc:  # any error in a site's template is its author's to fix
            failed.add(spec.template)
            problems.append(_template_problem(exc, source.path))
            continue
        outputs.append(Output(spec.path, kind_of(spec.template), content))
    reuse.finish(complete=not problems)
    outputs += [Output(path, "asset", data) for path, data in sorted(theme.assets.items())]
    return outputs, problems


class _Reuse:
    """Pages taken from the previous run's memo when their inputs are unchanged, and this
    run's pages noted for the next (generator/render/memo.py)."""

    def __init__(
        self, index: SiteIndex, settings: Settings, theme: Theme, memo: PageMemo | None
    ) -> None:
        self.index, self.settings, self.theme, self.memo = index, settings, theme, memo
        key = site_key(index, settings, theme, MentionIndex.of(index)) if memo else ""
        self.enabled = bool(key)
        self.old = memo.pages if memo is not None and memo.site_key == key else {}
        self.key = key
        self.new: dict[str, tuple[str, tuple[Lookup, ...], str]] = {}
        self.inputs = PageInputs(index)
        self.reused = 0

    def page(self, spec: PageSpec) -> str:
        if not self.enabled:
            return render_page(spec, self.settings, self.theme)
        digest = self.inputs.digest(spec.template, spec.context)
        if digest is None:
            return render_page(spec, self.settings, self.theme)
        lookup = self.index.term_named
        old = self.old.get(spec.path)
        if old is not None and old[0] == digest and same_lookups(lookup, old[1]):
            self.new[spec.path] = old
            self.reused += 1
            return old[2]
        looked: list[Lookup] = []
        content = render_page(spec, self.settings, self.theme, term_named=recording(lookup, looked))
        self.new[spec.path] = (digest, tuple(looked), content)
        return content

    def finish(self, *, complete: bool) -> None:
        """Hand this run's pages to the memo; a run with template problems keeps none (its
        pages are not all there)."""
        if self.memo is None:
            return
        self.memo.site_key = self.key if complete else ""
        self.memo.pages = self.new if complete else {}
        self.memo.reused = self.reused


def _compile_problem(theme: Theme, name: str) -> Problem | None:
    try:
        make_environment(theme, kind_of(name)).get_template(name)
    except TemplateSyntaxError as exc:
        return _template_problem(exc, theme.templates[name].path)
    except TemplateNotFound as exc:  # an {% include %} or {% extends %} of a missing name
        return Problem(theme.templates[name].path, f"template error: {exc.message} not found")
    return None


def _template_problem(exc: Exception, default: Path) -> Problem:
    """Where in which template the error is: Jinja puts template lines in the traceback."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename.endswith(".j2"):
                filename, line = frame.f_code.co_filename, frame_line
    where = Path(filename) if filename else default
    position = Position(line, 1) if line else None
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return Problem(where, f"template error: {message}", position)
