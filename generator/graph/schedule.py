"""When a brief goes live, and which briefs a run holds back: the one notion of *embargo*.

A brief is embargoed at a given time when it is a draft or when its go-live time
(``publish_at``, else ``date``) is later. A production build leaves embargoed briefs out of
every output, exactly like drafts (pages, listings, term pages, related briefs, the risk
chart, search, sitemap: the index never holds them); a preview (``serve``) shows them, each
marked on its page. :class:`Release` is that decision for one run, as of the instant it is
given (where that instant comes from, ``--now`` or the environment, is decided by
generator/build/request.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from generator.source.model import Brief


class BadTime(ValueError):
    """A build time that cannot be used (``--now``, or a variable of the environment); the
    message names where it came from and what would be right."""


def parse_now(text: str, *, origin: str = "--now") -> datetime:
    """An ISO date and time with its UTC offset (``2026-11-25T09:30:00-05:00`` or ``...Z``)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise BadTime(
            f"{origin}: expected a date and time with its UTC offset, such as "
            f"2026-11-25T09:30:00Z or 2026-11-25T09:30:00-05:00, found {text!r}"
        )
    return value


def go_live(brief: Brief, zone: ZoneInfo) -> datetime:
    """When a brief goes live: ``publish_at``, else ``date``; a date alone means the start of
    that day in the site's time zone (a brief dated tomorrow appears at midnight there)."""
    value = brief.publish_at or brief.date
    return value if isinstance(value, datetime) else start_of_day(value, zone)


def start_of_day(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


EmbargoKind = Literal["draft", "scheduled"]


@dataclass(frozen=True)
class Embargo:
    """Why a brief is not public yet: a draft, or scheduled ``until`` a later time."""

    kind: EmbargoKind
    until: datetime | None = None


@dataclass(frozen=True)
class Release:
    """Which embargoed briefs one run shows anyway: drafts (``--drafts``, ``drafts: true``,
    serving) and scheduled briefs (serving). Production builds show neither."""

    now: datetime
    zone: ZoneInfo
    drafts: bool = False
    scheduled: bool = False

    def embargo(self, brief: Brief) -> Embargo | None:
        """Why ``brief`` is not public at :attr:`now`, or None when it is."""
        if brief.draft:
            return Embargo("draft")
        if (live := go_live(brief, self.zone)) > self.now:
            return Embargo("scheduled", live)
        return None

    def shows(self, embargo: Embargo | None) -> bool:
        if embargo is None:
            return True
        return self.drafts if embargo.kind == "draft" else self.scheduled

    def held_back(self, briefs: Iterable[Brief]) -> frozenset[str]:
        """The slugs of the briefs this run does not publish: no output may name them
        (generator/graph/withheld.py)."""
        return frozenset(brief.slug for brief in briefs if not self.shows(self.embargo(brief)))

    def unlinked(self, target: Brief, linked_from: Brief | None = None) -> Embargo | None:
        """Why a link to ``target`` shows as text once the page holding it is public, or
        None when it leads to a page by then: ``target`` is a draft this run leaves out, or
        goes live after :attr:`now` and after ``linked_from`` (the brief whose text holds
        the link; None for a registry's text, public now)."""
        embargo = self.embargo(target)
        if embargo is None or self.shows(embargo):
            return None
        if (
            embargo.until is not None
            and linked_from is not None
            and embargo.until <= go_live(linked_from, self.zone)
        ):
            return None  # both are live by then: the link works from its first day
        return embargo

    def vouched(self, briefs: Iterable[Brief]) -> list[Brief]:
        """The briefs whose content this run answers for (warnings about placeholders, a
        date far ahead): those it publishes, and those that will go live by themselves
        later; drafts only when it shows them."""
        return [brief for brief in briefs if self.drafts or not brief.draft]

    def select(self, briefs: Iterable[Brief]) -> tuple[list[Brief], dict[str, Embargo]]:
        """The briefs this run publishes, and the embargo of each one shown only as a
        preview (its page marks it)."""
        shown: list[Brief] = []
        marked: dict[str, Embargo] = {}
        for brief in briefs:
            embargo = self.embargo(brief)
            if self.shows(embargo):
                shown.append(brief)
                if embargo is not None:
                    marked[brief.slug] = embargo
        return shown, marked


def next_go_live(briefs: Iterable[Brief], now: datetime, zone: ZoneInfo) -> datetime | None:
    """The earliest go-live time after ``now`` of a brief that is not a draft, in UTC; None
    when nothing is scheduled."""
    times = [go_live(brief, zone) for brief in briefs if not brief.draft]
    times = [live for live in times if live > now]
    return min(times).astimezone(UTC) if times else None


def iso_utc(value: datetime) -> str:
    """``2026-11-25T14:30:00Z``: the form ``briefs schedule`` prints. A fraction of a second
    rounds up: a job that starts at the printed time never starts before ``value``."""
    value = value.astimezone(UTC)
    if value.microsecond:
        value += timedelta(microseconds=1_000_000 - value.microsecond)
    return value.isoformat().replace("+00:00", "Z")


def seconds_until(later: datetime, now: datetime) -> int:
    """Whole seconds from ``now`` to ``later``, rounded up (0 when ``later`` has passed): a
    job that waits this long builds at ``later`` or after, never a moment before, when the
    brief would still be embargoed."""
    delta = later - now
    return max(0, delta.days * 86_400 + delta.seconds + (1 if delta.microseconds else 0))
