"""The build boundary: what ``briefs build`` asks of the engine it runs, and what comes back.

``briefs build`` runs MkDocs or ProperDocs in a process of its own, where the ``briefs``
plugin runs the pipeline. The command says what to build once, in a frozen
:class:`BuildRequest`, handed to the engine's process in one environment variable
(:data:`REQUEST_ENV`: the request as JSON, read back and validated by
:func:`engine_request` alone). The plugin answers with a :class:`BuildOutcome` (the verdict
on the briefs, what was generated and reused), written to the build's handoff folder,
which the command reads once the engine has ended.

A plain ``mkdocs build`` or ``mkdocs serve`` has no request: :func:`engine_request` makes
one from the variables a user may set (README): :data:`NOW_ENV` and :data:`EPOCH_ENV` (the
build time), :data:`DRAFTS_ENV`, :data:`TIMINGS_ENV`. This module is the only one that
reads them.

The scale work extends the request, not the wiring: a share of the site (a shard), a number
of jobs, is one more field here, read by whatever acts on it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from generator.build.incremental import manifest_path
from generator.errors import visible
from generator.graph.schedule import BadTime, parse_now

REQUEST_ENV = "NEWSBRIEFS_REQUEST"
"""Set by ``briefs build`` for the engine it runs: the :class:`BuildRequest`, as JSON."""
NOW_ENV = "NEWSBRIEFS_NOW"
"""The build time of a plain engine run (``mkdocs build``), as ``--now`` gives it to
``briefs build``: a date and time with its UTC offset."""
EPOCH_ENV = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: seconds since 1970-01-01 UTC."""
DRAFTS_ENV = "NEWSBRIEFS_DRAFTS"
"""Set to ``1`` to publish drafts, whatever ``drafts:`` says in mkdocs.yml (``--drafts``)."""
TIMINGS_ENV = "NEWSBRIEFS_TIMINGS"
"""Set (to anything): each build logs where its time went, from ``on_config`` to the end."""

MEMO_NAME = "pages.memo"
"""In the state folder: the rendered pages of the last ``briefs build``, reused by the next
where their inputs are unchanged (generator/render/memo.py); deleting it only makes the next
build render every page."""
OUTCOME_NAME = "outcome.json"
"""In the handoff folder: the plugin's :class:`BuildOutcome`."""
NEW_MANIFEST_NAME = "manifest.json"
"""In the handoff folder: the new build's manifest (generator/build/incremental.py), moved
beside the site's others once the new site is in place."""
SHARE_NAME = "share.json"
"""In the handoff folder of a shard's build: its fingerprint and the outputs it owns."""


class RequestError(ValueError):
    """A :data:`REQUEST_ENV` that is not a request this code can follow; the message says
    what is wrong."""


def build_time(
    now: datetime | str | None = None, environ: Mapping[str, str] | None = None
) -> datetime:
    """The instant a run builds as of: ``now`` (``--now``), else :data:`NOW_ENV`, else
    :data:`EPOCH_ENV`, else the clock. Raises :class:`~generator.graph.schedule.BadTime`
    naming the source of a time that cannot be used."""
    environ = os.environ if environ is None else environ
    if isinstance(now, datetime):
        return now
    if now is not None:
        return parse_now(now)
    if environ.get(NOW_ENV):
        return parse_now(environ[NOW_ENV], origin=NOW_ENV)
    if (epoch := environ.get(EPOCH_ENV, "").strip()) != "":
        if not epoch.isdigit():
            raise BadTime(f"{EPOCH_ENV}: expected whole seconds since 1970, found {epoch!r}")
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (OverflowError, OSError, ValueError):
            raise BadTime(f"{EPOCH_ENV}: {epoch} is out of range") from None
    return datetime.now(UTC)


def drafts_asked(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment asks for drafts (:data:`DRAFTS_ENV`)."""
    return (os.environ if environ is None else environ).get(DRAFTS_ENV) == "1"


def timings_asked(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment asks each build to log its timings (:data:`TIMINGS_ENV`)."""
    return bool((os.environ if environ is None else environ).get(TIMINGS_ENV))


class Shard(BaseModel):
    """One share of a site's pages: the ``index``-th of ``count`` (``--shard K/N``, from 1).
    Which pages it holds is decided in generator/build/shards.py."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    index: int
    count: int

    @model_validator(mode="after")
    def _in_range(self) -> Shard:
        if not 1 <= self.index <= self.count <= MAX_SHARDS:
            raise ValueError(f"shard: expected K/N with 1 <= K <= N <= {MAX_SHARDS}")
        return self

    @property
    def first(self) -> bool:
        """The first share also writes what belongs to the whole site (theme assets, the
        search index, feeds, sitemaps, 404)."""
        return self.index == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


MAX_SHARDS = 256
"""More shards than this would spend more on each run's fixed cost than on pages."""


class BuildRequest(BaseModel):
    """One build, as the command asks for it: what, as of when, and how."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    format: Literal[1] = 1
    """The request's format: an engine process of another newsbriefs refuses it."""
    config_file: Path
    """What to build: the site's mkdocs.yml."""
    site_dir: Path
    """The site folder this build replaces (the engine builds into a fresh folder, swapped
    in on success: generator/build/site_folder.py); an incremental build reuses its outputs."""
    now: datetime
    """The instant the build is made as of: which briefs are live (generator/graph/schedule.py)."""
    strict: bool = False
    """Warnings fail the build: the engine runs ``--strict``, so its own warnings count too."""
    drafts: bool = False
    """Publish drafts, whatever the site's ``drafts:`` says (``--drafts``)."""
    full: bool = False
    """Reuse nothing of an earlier build: neither its rendered pages nor its HTML (``--full``)."""
    incremental: bool = False
    """Run the engine dirty, reusing the outputs of :attr:`site_dir` that its manifest shows
    unchanged (generator/build/incremental.py). The command decides it: not :attr:`full`, a
    manifest in place, and no plugin that needs every page rendered."""
    state_dir: Path | None = None
    """What builds keep between runs (``.newsbriefs/``): rendered pages, manifests. None:
    the build keeps nothing (a plain ``mkdocs build``)."""
    handoff: Path | None = None
    """This build's own folder, through which the outcome and the new manifest come back to
    the command. None: nobody waits for them (a plain engine run)."""
    timings: bool = False
    """Log where the build's time went (:data:`TIMINGS_ENV`)."""
    shard: Shard | None = None
    """Render only this share of the pages (``--shard K/N``, ``--jobs``): the engine runs
    dirty with every other page skipped (generator/build/shards.py). None: every page."""

    @field_validator("now", mode="before")
    @classmethod
    def _instant(cls, value: Any) -> Any:
        """The instant as ``--now`` takes it: ISO, with its UTC offset."""
        return parse_now(value, origin="now") if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> BuildRequest:
        if self.now.tzinfo is None:
            raise ValueError("now: the build time needs its UTC offset")
        if self.incremental and (self.full or self.state_dir is None):
            raise ValueError(
                "incremental: a build reuses outputs only with a state folder, not full"
            )
        if self.incremental and self.shard is not None:
            raise ValueError("shard: a share of the site is always built cold")
        return self

    @property
    def memo_file(self) -> Path | None:
        """Where the rendered pages are kept for the next build (:data:`MEMO_NAME`)."""
        return self.state_dir / MEMO_NAME if self.state_dir is not None else None

    @property
    def memo_to_keep(self) -> Path | None:
        """Where this build saves its rendered pages: every share renders the same Markdown,
        so only the first keeps it (the others would write the same file again)."""
        return self.memo_file if self.shard is None or self.shard.first else None

    @property
    def manifest(self) -> Path | None:
        """The manifest of the site in :attr:`site_dir`, which an incremental build reuses."""
        return manifest_path(self.state_dir, self.site_dir) if self.state_dir is not None else None

    @property
    def outcome_file(self) -> Path | None:
        return self.handoff / OUTCOME_NAME if self.handoff is not None else None

    @property
    def new_manifest(self) -> Path | None:
        return self.handoff / NEW_MANIFEST_NAME if self.handoff is not None else None

    @property
    def share_file(self) -> Path | None:
        """In the handoff folder: what a shard's build owns (generator/build/shards.py)."""
        return self.handoff / SHARE_NAME if self.handoff is not None else None

    def environment(self) -> dict[str, str]:
        """The variables that hand this request to the engine's process."""
        return {REQUEST_ENV: self.model_dump_json()}


def parse_request(text: str) -> BuildRequest:
    """The request :meth:`BuildRequest.environment` handed over, validated; raises
    :class:`RequestError` with every problem on one line."""
    try:
        return BuildRequest.model_validate_json(text)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'request'}: {error['msg']}"
            for error in exc.errors()
        )
        raise RequestError(visible(f"{REQUEST_ENV}: {problems}")) from None


def engine_request(
    environ: Mapping[str, str], *, config_file: Path, site_dir: Path, strict: bool
) -> BuildRequest:
    """The request of this engine run: the one ``briefs build`` handed over, else a plain
    run's, from the variables a user may set. Raises :class:`RequestError` or
    :class:`~generator.graph.schedule.BadTime`."""
    text = environ.get(REQUEST_ENV)
    if text:
        return parse_request(text)
    return BuildRequest(
        config_file=config_file,
        site_dir=site_dir,
        now=build_time(None, environ),
        strict=strict,
        drafts=drafts_asked(environ),
        timings=timings_asked(environ),
    )


class BuildOutcome(BaseModel):
    """What the plugin tells the command about a build: the briefs' verdict (so a failed
    build blames the briefs when they are at fault, not the engine), what was generated
    (for the closing line) and what was reused."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    failed: bool = False
    """The briefs failed the build (errors, or warnings under ``--strict``)."""
    summary: str = ""
    """The verdict's closing line (generator/build/policy.py)."""
    errors: int = 0
    warnings: int | None = None
    briefs: int | None = None
    """Briefs published; None when nothing was generated."""
    pages: int | None = None
    """Generated pages (Markdown); None when nothing was generated."""
    incremental: bool = False
    """The build reused outputs of the previous one."""
    full_reason: str | None = None
    """Why it reused none (None when it did)."""
    reused: int = 0
    """Generated files whose output was reused."""
    rendered_pages: int = 0
    """Generated pages the engine rendered."""

    def counts(self) -> dict[str, int]:
        """What the closing line counts: briefs, pages, warnings (those known)."""
        known = {"briefs": self.briefs, "pages": self.pages, "warnings": self.warnings}
        return {key: value for key, value in known.items() if value is not None}

    def save(self, path: Path) -> None:
        """Write it for the command; a failure only loses a better message."""
        with contextlib.suppress(OSError):
            path.write_text(self.model_dump_json(), "utf-8")

    @classmethod
    def load(cls, path: Path) -> BuildOutcome | None:
        """The outcome the plugin left, or None when it left none (it did not run) or one
        that cannot be read."""
        try:
            return cls.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            return None
