"""The morning briefing as an e-mail: for each digest day, ``email.html`` and ``email.txt``.

The HTML comes from ``digest-email.html.j2`` (a site may replace it in ``templates_dir``),
autoescaped, in a table layout; css-inline then copies its stylesheet into each element's
``style`` attribute, since most mail clients drop ``<style>`` blocks (the dark-mode block is
marked to stay one). css-inline was chosen over mjml-python by measuring forty briefs
(benchmarks/digest_email.py): MJML's responsive tables came to 104 KB before the masthead
and footer, past Gmail's clipping limit; this whole e-mail, inlined, to 59 KB.

The text part is written here, for a terminal: headlines underlined, points as dashes,
lines wrapped at 72 characters, each link on its own line. Every link is absolute
(``site_url``): a mail has no base address. Brief text is data: plain text in both parts,
HTML-escaped in the HTML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import css_inline

from generator.graph import urls
from generator.graph.digest import DigestDay
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.graph.urls import PublicUrls
from generator.render.filters import Style, long_date, make_environment
from generator.render.outputs import Output
from generator.render.pages import days_of
from generator.render.theme import Theme
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief

EMAIL_TEMPLATE = "digest-email.html.j2"
WIDTH = 72
"""Characters per line of the text part."""
CLIP_BYTES = 102 * 1024
"""Gmail clips a message's HTML past this many bytes; a day's e-mail should stay below."""


@dataclass(frozen=True)
class DigestEmail:
    """One day's e-mail: its subject and both parts."""

    day: DigestDay
    subject: str
    html: str
    text: str


def email_outputs(index: SiteIndex, settings: Settings, theme: Theme) -> Iterator[Output]:
    """``email.html`` and ``email.txt`` beside each day's digest page; none without
    ``site_url`` (a mail's links must be absolute) or with digests off."""
    if settings.site_url is None:
        return
    for day in days_of(index, settings):
        mail = digest_email(day, index, settings, theme)
        yield Output(urls.digest_email(day.day, "html"), "html", mail.html)
        yield Output(urls.digest_email(day.day, "txt"), "text", mail.text)


def find_day(index: SiteIndex, settings: Settings, day: object) -> DigestDay | None:
    """The digest of ``day`` (a date), or None when that day has no published brief."""
    return next((found for found in days_of(index, settings) if found.day == day), None)


def subject_of(day: DigestDay, settings: Settings) -> str:
    """``Morning briefing, January 31, 2026: <the first headline>``, on one line."""
    lead = day.briefs[0] if day.briefs else None
    subject = f"{settings.digest.title}, {long_date(day.day)}"
    return f"{subject}: {plain_text(lead.title)}" if lead else subject


def digest_email(day: DigestDay, index: SiteIndex, settings: Settings, theme: Theme) -> DigestEmail:
    """One day's e-mail (both parts), every link absolute."""
    assert settings.site_url is not None, "a digest e-mail's links must be absolute"
    public = PublicUrls(settings.use_directory_urls, settings.site_url)

    def url(target: Brief | Term | str) -> str:
        if isinstance(target, Brief):
            path = urls.brief(target.slug)
        elif isinstance(target, Term):
            path = urls.term(target.taxonomy, target.slug)
        else:
            path = target
        return public.absolute(path) or ""

    def chips_of(brief: Brief) -> list[Term]:
        return [
            term
            for taxonomy in TAXONOMIES.values()
            if taxonomy.chip and taxonomy.name in index.taxonomies
            for term in index.terms_of(brief, taxonomy.name)
        ]

    options = settings.digest
    unsubscribe = options.list_unsubscribe
    if unsubscribe and not unsubscribe.startswith(("https:", "mailto:")):
        unsubscribe = None
    env = make_environment(theme, "html", Style.of(settings))
    html = env.get_template(EMAIL_TEMPLATE).render(
        digest=day,
        title=options.title,
        day_name=f"{day.day:%A}, {long_date(day.day)}",
        site_name=settings.site_name,
        site_root=public.absolute(urls.HOME),
        page_url=url(urls.digest(day.day)),
        url=url,
        plain=plain_text,
        chips_of=chips_of,
        disclaimer=options.disclaimer,
        unsubscribe=unsubscribe,
        settings=settings,
    )
    inlined = css_inline.CSSInliner(keep_style_tags=False).inline(html)
    return DigestEmail(day, subject_of(day, settings), inlined, _text(day, settings, url, chips_of))


UrlOf = Callable[[Brief | Term | str], str]
ChipsOf = Callable[[Brief], list[Term]]


def _text(day: DigestDay, settings: Settings, url: UrlOf, chips_of: ChipsOf) -> str:
    """The plain-text part: reads well in a terminal and in any mail client."""
    options = settings.digest
    heading = f"{options.title}: {day.day:%A}, {long_date(day.day)}"
    lines = [settings.site_name, heading, "=" * min(len(heading), WIDTH), ""]
    lines += [f"Read on the web: {url(urls.digest(day.day))}", ""]
    for category, briefs in day.sections:
        name = plain_text(category.name).upper()
        lines += [name, "-" * min(len(name), WIDTH), ""]
        for brief in briefs:
            lines += _wrapped(plain_text(brief.title))
            if brief.dek:
                lines += _wrapped(plain_text(brief.dek))
            for point in brief.key_points:
                lines += _wrapped(plain_text(point), "  - ", "    ")
            tickers = " ".join(plain_text(term.name) for term in chips_of(brief))
            when = long_date(brief.date, Style.of(settings))
            lines.append(when + (f" | {tickers}" if tickers else ""))
            lines += [url(brief), ""]
    if day.most_covered:
        lines += ["MOST COVERED", "------------", ""]
        lines += [f"  {plain_text(term.name)}: {count}" for term, count in day.most_covered]
        lines.append("")
    if options.disclaimer:
        lines += [*_wrapped(plain_text(options.disclaimer)), ""]
    if options.list_unsubscribe:
        lines += [f"Unsubscribe: {options.list_unsubscribe}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _wrapped(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]
