"""Stage 2: the brief model. Typed, validated, no I/O.

``parse_brief`` turns a :class:`~generator.source.loader.RawBrief` into a :class:`Brief` or into
problems positioned at the offending key or value. ``check_briefs`` then checks what no
single file can know: unique slugs and ``related`` slugs that exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import ErrorDetails

from generator.errors import Position, Problem, display_path, excerpt
from generator.source.editorial import (
    BUILT_IN_TYPES,
    DEFAULT_KIND,
    DEFAULT_TYPE,
    MAX_TYPE,
    TYPE_PATTERN,
    CorrectionKind,
)
from generator.source.loader import KeyPath, RawBrief, dotted_field
from generator.source.markup import syntax_problem
from generator.source.slugs import is_latin, slugify, windows_reserved
from generator.suggest import NameIndex, did_you_mean

# ---------------------------------------------------------------------------------------------
# Field types: each carries its own check and a message that says what would be right.

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100
"""Characters of a slug an author writes (``slug:``, ``related:``, ``aliases:``, ``story:``)."""


def _reserved(slug: str) -> str | None:
    """Why a slug cannot name a page file, or None. Slugs become file names, and Windows
    keeps some names for devices (generator/source/slugs.py)."""
    if windows_reserved(slug):
        return "a reserved file name on Windows"
    if slug in ("index", "readme"):
        return f"reserved: briefs/{slug}.md would be published as the /briefs/ folder page"
    return None


TICKER_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,11}$")


def _clean_text(value: str) -> str:
    """Text as authors mean it: NFC-normalised, without the invisible characters pastes
    bring (zero-width no-break space, line and paragraph separators), not blank, and
    without runaway emphasis markers or bracket nesting (markup.syntax_problem)."""
    value = _CONTROL_CHARS.sub("", unicodedata.normalize("NFC", value)).strip()
    if not value:
        raise ValueError("must not be empty")
    if (problem := syntax_problem(value)) is not None:
        raise ValueError(problem)
    return value


# Limits that bound the work one brief can cause (and keep briefs brief). A headline is the
# shortest text; a dek or key point is a sentence or two; "long" text is the summary, lead,
# details and the text of quotes, notes and risks. Every list holds at most MAX_ITEMS.
MAX_HEADLINE = 300
MAX_SHORT = 200
MAX_DEK = 500
MAX_POINT = 1_000
MAX_LONG = 5_000
MAX_ITEMS = 50
MAX_TOTAL = 50_000
"""All the text of one brief together. Python-Markdown's inline work grows faster than
linearly with the character references in a paragraph, so the total is bounded too:
benchmarks/adversarial.py."""


def _at_most(limit: int, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"is {len(value):,} characters long; {what} has at most {limit:,}")
        return value

    return AfterValidator(check)


def _check_story(value: str) -> str:
    """A story id is a slug too (its page is ``stories/<id>/``), but not a brief's file name:
    ``index`` is a fine story."""
    return _check_slug(value, page_name=False)


def _check_slug(value: str, *, page_name: bool = True) -> str:
    reason = _reserved(value)
    if reason is not None and (page_name or windows_reserved(value)):
        raise ValueError(f"{excerpt(value)} is {reason}; choose another slug")
    if not SLUG_PATTERN.match(value) or len(value) > MAX_SLUG:
        suggestion = slugify(value)
        usable = suggestion and suggestion != value and len(suggestion) <= MAX_SLUG
        hint = f"; did you mean {suggestion!r}?" if usable else ""
        raise ValueError(
            f"{excerpt(value)} is not a valid slug: use lowercase letters, digits and single "
            f"hyphens{hint}"
        )
    return value


def slug_problem(value: str) -> str | None:
    """Why ``value`` cannot be a brief's slug, or None: the rule a ``slug:`` field follows,
    for slugs that come from elsewhere (``briefs new --slug`` names the file, so a path in
    it would write outside the briefs folder)."""
    try:
        _check_slug(value)
    except ValueError as exc:
        return str(exc)
    return None


def _ticker_from_yaml(value: Any) -> Any:
    """A numeric ticker (Tokyo's 7203, Hong Kong's 0700) is a symbol, as it was written."""
    if isinstance(value, bool | float):
        kind = "true/false" if isinstance(value, bool) else "a number"
        raise ValueError(f'YAML read this ticker as {kind}; put it in quotes, e.g. "TRUE"')
    if isinstance(value, int):
        return getattr(value, "source", str(value))
    return value


def _check_ticker(value: str) -> str:
    if len(value) > 12:
        raise ValueError(
            f"{excerpt(value)} is {len(value):,} characters long; a ticker has at most 12"
        )
    if not TICKER_PATTERN.match(value):
        hint = f"; did you mean {value.upper()!r}?" if TICKER_PATTERN.match(value.upper()) else ""
        raise ValueError(
            f"{value!r} is not a ticker symbol: capital letters, digits, '.' or '-'{hint}"
        )
    return value


EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
"""The years a date may have (``date``, ``updated``, ``publish_at``, a correction's
``date``). Python's dates end at years 1 and 9999, and every output shifts a date: to
UTC and to the site's zone, back by "Most covered" days, forward to a month's end. A
date at either end would fail in a template, blamed on no brief; two centuries either
side of now leaves room for every shift and for any archive a newsroom could have."""


def _within_years(value: date | datetime, written: str) -> date | datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"{excerpt(written)} is outside the years a brief may be dated "
            f"({EARLIEST_YEAR} to {LATEST_YEAR}); check the year"
        )
    return value


def _to_published(value: Any) -> date | datetime:
    """An ISO date, or a datetime with a UTC offset; never a naive datetime; always within
    :data:`EARLIEST_YEAR` and :data:`LATEST_YEAR`."""
    if isinstance(value, datetime | date):
        return _within_years(value, value.isoformat())
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2026-01-31, found {_describe(value)}")
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?", text):
        loose = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        hint = (
            f"; did you mean {int(loose[1]):04d}-{int(loose[2]):02d}-{int(loose[3]):02d}?"
            if loose
            else ""
        )
        raise ValueError(
            f"{excerpt(text)} is not an ISO date: write YYYY-MM-DD (2026-01-31), or a time "
            f"with its UTC offset (2026-01-31T09:30:00-05:00){hint}"
        )
    try:
        parsed = datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{excerpt(text)} is not a real calendar date ({exc})") from None
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        raise ValueError(
            f"{text!r} has a time but no UTC offset; write e.g. {text}-05:00 or {text}Z"
        )
    return _within_years(parsed, text)


def _one_or_many(value: Any) -> Any:
    """``byline: Caleb Monroe`` and ``byline: [Caleb Monroe, Ana Ruiz]`` both mean a list."""
    return [value] if isinstance(value, str) else value


def _no_repeats(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{excerpt(value)} is listed twice")
        seen.add(value)
    return values


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{excerpt(value)} is not a web address; use https://...")
    return value


# The JSON Schema of each type (``briefs schema``, generator/authoring/schema.py) says what YAML the
# loader accepts, not the Python value it becomes: dates are text in YAML 1.2, a ticker may
# be written as a number. Lengths are left out: they count the text after cleaning.
DATE_PATTERN = r"^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?\s*$"
_TEXT_SCHEMA = WithJsonSchema({"type": "string", "minLength": 1})

Text = Annotated[str, AfterValidator(_clean_text), _TEXT_SCHEMA]
ShortText = Annotated[Text, _at_most(MAX_SHORT, "a name or title")]


def check_name(value: str) -> str:
    """A name (a category, tag, entity, sector, author) becomes a page with a title: an
    invisible format character in it (U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN, U+2060
    WORD JOINER, U+200E LEFT-TO-RIGHT MARK: Unicode's category Cf) would make a name that
    looks like another and is not, so it is refused, never removed. A zero-width joiner or
    non-joiner between two letters stays: Persian and Indic words are spelt with them."""
    if value.isascii():
        return value
    for n, char in enumerate(value):
        if unicodedata.category(char) == "Cf" and not _joins(value, n):
            name = unicodedata.name(char, "a format character")
            raise ValueError(
                f"{excerpt(value)} holds U+{ord(char):04X} ({name}), an invisible format "
                "character; a name may not hold one: remove it"
            )
    return value


_JOINERS = frozenset("\u200c\u200d")


def _joins(value: str, n: int) -> bool:
    """Whether ``value[n]`` is a joiner between two letters of a script that spells with
    joiners (or marks, or symbols: emoji sequences join with U+200D too); never next to a
    Latin letter or ASCII, where it only hides."""
    if value[n] not in _JOINERS or n == 0 or n + 1 == len(value):
        return False
    return all(
        unicodedata.category(c)[0] in "LMS" and not c.isascii() and not is_latin(c)
        for c in (value[n - 1], value[n + 1])
    )


Name = Annotated[ShortText, AfterValidator(check_name)]
"""A term's name, as briefs and registries write it."""
LongText = Annotated[Text, _at_most(MAX_LONG, "a text")]
_SLUG_SCHEMA = WithJsonSchema(
    {"type": "string", "pattern": SLUG_PATTERN.pattern, "maxLength": MAX_SLUG}
)
Slug = Annotated[str, AfterValidator(_check_slug), _SLUG_SCHEMA]
StoryId = Annotated[str, AfterValidator(_check_story), _SLUG_SCHEMA]
Ticker = Annotated[
    str,
    BeforeValidator(_ticker_from_yaml),
    AfterValidator(_check_ticker),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": TICKER_PATTERN.pattern},
                {"type": "integer", "minimum": 0},
            ]
        }
    ),
]
Published = Annotated[
    date | datetime,
    BeforeValidator(_to_published),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN}),
]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+"}),
]


def _check_type(value: str) -> str:
    if len(value) > MAX_TYPE or not TYPE_PATTERN.match(value):
        hint = did_you_mean(value.lower(), list(BUILT_IN_TYPES)) if len(value) <= MAX_TYPE else ""
        raise ValueError(
            f"{excerpt(value)} is not an article type: a lowercase word such as "
            f"{', '.join(BUILT_IN_TYPES)}{hint}"
        )
    return value


ArticleType = Annotated[
    str,
    AfterValidator(_check_type),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(BUILT_IN_TYPES)},
                {"type": "string", "pattern": TYPE_PATTERN.pattern, "maxLength": MAX_TYPE},
            ]
        }
    ),
]
"""A brief's ``type``: a built-in type or one the site names (generator/source/editorial.py)."""


# names: a calendar day alone (a story's ``started`` in stories.yaml, generator/source/registry.py).
def _to_day(value: Any) -> date:
    """A date as a brief's ``date`` is checked (ISO, a real day, within the years), without a
    time: the day a story started has no hour."""
    found = _to_published(value)
    if isinstance(found, datetime):
        raise ValueError(
            f"{excerpt(found.isoformat())} has a time; write the day alone (2026-01-31)"
        )
    return found


Day = Annotated[
    date,
    BeforeValidator(_to_day),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}),
]


# ---------------------------------------------------------------------------------------------
# The model.


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(_Strict):
    """A quotation, attributed."""

    text: LongText
    by: ShortText
    role: ShortText | None = None


class Note(_Strict):
    """A titled aside, e.g. "Contextual note"; ``kind`` picks the box style."""

    title: ShortText
    text: LongText
    kind: Literal["note", "info", "tip", "warning"] = "note"


class Risk(_Strict):
    """A risk and the sectors it impacts."""

    title: ShortText
    text: LongText
    sectors: Annotated[list[Name], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )


class Source(_Strict):
    title: Annotated[Text, _at_most(MAX_HEADLINE, "a source's title")]
    url: Url


class Correction(_Strict):
    """A dated note telling readers what a published brief got wrong and what changed."""

    date: Published
    text: LongText
    kind: CorrectionKind = DEFAULT_KIND
    """``correction`` (an error of fact fixed), ``clarification`` (a misleading passage made
    plain) or ``update`` (news added since): generator/source/editorial.py."""


Status = Literal["published", "corrected", "withdrawn"]
"""Where a brief is in its public life. ``corrected``: the page carries its correction
notes; ``withdrawn``: the page keeps its address but shows only the withdrawal notice, and
the brief leaves every listing."""


# media: a brief's image. The model checks what the text says (an https address, or a path
# under the briefs folder, and the alt text); generator/source/images.py reads the file.

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
"""What a local image file may be: formats every browser shows and Pillow reads."""


def _check_image_src(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() == "http":
        raise ValueError(
            f"{excerpt(value)} is an http address; use https:// (a page served over https "
            "does not load it)"
        )
    if parts.scheme or value.startswith("//"):
        if parts.scheme.lower() != "https" or not parts.netloc:
            raise ValueError(f"{excerpt(value)} is not an https:// address")
        return value
    steps = value.split("/")
    if value.startswith("/") or "\\" in value or any(s in ("", ".", "..") for s in steps):
        raise ValueError(
            f"{excerpt(value)} is not a file under the briefs folder; write its path from "
            "there with / between folders, like _media/refinery.png"
        )
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise ValueError(f"{excerpt(value)} is not a .png, .jpg, .jpeg or .webp file")
    return value


ImageSrc = Annotated[
    str,
    AfterValidator(_check_image_src),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": "^(?![Hh][Tt][Tt][Pp]:)"}),
]


class Image(_Strict):
    """A brief's image: ``src`` (an https address, or a file under the briefs folder, made
    into renditions at build time), ``alt`` (required: what it shows, for who cannot see
    it), and the optional ``caption`` and ``credit``."""

    src: ImageSrc
    alt: Annotated[Text, _at_most(MAX_DEK, "an alt text")]
    caption: Annotated[Text, _at_most(MAX_DEK, "a caption")] | None = None
    credit: ShortText | None = None

    @property
    def local(self) -> bool:
        """A file under the briefs folder (not an https address)."""
        return not urlsplit(self.src).scheme


class ImageFile(_Strict):
    """What the build read of a local image (generator/source/images.py): the hash of its
    bytes, which names its renditions, and its size in pixels."""

    digest: str
    width: int
    height: int


class BriefFields(_Strict):
    """The fields an author writes, exactly as the README's field reference lists them."""

    title: Annotated[Text, _at_most(MAX_HEADLINE, "a headline")]
    dek: Annotated[Text, _at_most(MAX_DEK, "a dek")] | None = None
    date: Published
    updated: Published | None = None
    category: Name
    dateline: ShortText | None = None
    """Where the brief was reported from (``DETROIT``): shown before the lead, and the
    article's ``dateline`` in its structured data."""
    byline: Annotated[
        list[Name],
        BeforeValidator(_one_or_many),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "array", "items": {"type": "string", "minLength": 1}},
                ]
            }
        ),
    ] = Field(default_factory=list, max_length=MAX_ITEMS)
    tickers: Annotated[list[Ticker], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    lead: LongText | None = None
    key_points: Annotated[
        list[Annotated[Text, _at_most(MAX_POINT, "a key point")]],
        Field(min_length=1, max_length=MAX_ITEMS),
    ]
    summary: LongText
    details: list[LongText] = Field(default_factory=list, max_length=MAX_ITEMS)
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_ITEMS)
    risks: list[Risk] = Field(default_factory=list, max_length=MAX_ITEMS)
    entities: Annotated[list[Name], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    tags: Annotated[list[Name], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    related: Annotated[list[Slug], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    story: StoryId | None = None
    sources: list[Source] = Field(default_factory=list, max_length=MAX_ITEMS)
    slug: Slug | None = None
    aliases: Annotated[list[Slug], AfterValidator(_no_repeats)] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    """Old slugs of a renamed brief: each old address redirects to the brief's page."""
    draft: StrictBool = False
    # The editorial workflow: when a brief goes live, and what happened to it since.
    publish_at: Published | None = None
    """Go-live time when it is not ``date`` (generator/graph/schedule.py)."""
    status: Status | None = None
    """Defaults to ``corrected`` when ``corrections`` lists a correction (updates and
    clarifications alone leave it ``published``), else ``published``."""
    corrections: list[Correction] = Field(default_factory=list, max_length=MAX_ITEMS)
    # desk: what kind of piece it is, and what a reader is owed about interests.
    type: ArticleType = DEFAULT_TYPE
    """``news``, ``analysis``, ``opinion``, ``explainer`` or a type the site names
    (``article_types``); checked against the site's types when the site is built."""
    disclosures: LongText | None = None
    """Interests and conflicts a reader should know of (the author's, the publisher's),
    shown on the page in a box of its own."""
    image: Image | None = None  # media


FIELD_NAMES: tuple[str, ...] = tuple(BriefFields.model_fields)


class Brief(BriefFields):
    """A validated brief, with what the generator derives from its file."""

    source: Path
    """The YAML file, as found under the briefs folder (for messages and edit links)."""
    slug: Slug  # always set: taken from the file name when the author gave none
    status: Status  # always set: see BriefFields.status
    image_file: ImageFile | None = None
    """media: the local image file as read by generator/source/images.py (None for an https
    image, or before it is read); its digest names the renditions."""
    positions: dict[KeyPath, Position] = Field(default_factory=dict, repr=False)
    """Where each value is in the file, nested ones too (the loader's ``value_positions``),
    so a problem found later (a term spelt two ways in ``risks[1].sectors[0]``) points at
    the exact value."""

    def position_of(self, loc: KeyPath) -> Position:
        """Where the value at ``loc`` (``("risks", 1, "sectors", 0)``) is, or the closest
        enclosing value that has a position."""
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, Position(1, 1))

    @property
    def published_at(self) -> datetime:
        """A sortable instant: a date alone counts as the start of that day, UTC."""
        return as_instant(self.date)

    @property
    def withdrawn(self) -> bool:
        """Its page stays (with the withdrawal notice); it leaves every listing."""
        return self.status == "withdrawn"

    @property
    def notices(self) -> tuple[Correction, ...]:
        """Its corrections, oldest first: what the correction notes (and, for a withdrawn
        brief, the withdrawal notice: the latest) say, and what feeds and JSON-LD carry."""
        return tuple(sorted(self.corrections, key=lambda c: as_instant(c.date)))

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """Newest first, then by slug, so equal dates always list in the same order."""
        return (self.published_at, self.slug)


def as_instant(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


def earlier(updated: date | datetime, published: date | datetime) -> bool:
    """Whether ``updated`` is before ``published``; a date alone compares by day."""
    if not isinstance(updated, datetime) or not isinstance(published, datetime):
        day = published.date() if isinstance(published, datetime) else published
        return (updated.date() if isinstance(updated, datetime) else updated) < day
    return updated < published


# ---------------------------------------------------------------------------------------------
# Validation of one file, then of the whole collection.


def parse_brief(raw: RawBrief) -> tuple[Brief | None, list[Problem]]:
    """Validate one raw brief; every problem points at its key or value in the file.

    The brief is None when a field is invalid or the brief has no usable slug or is too
    long. Fields that are each valid but contradict each other (``updated`` before
    ``date``, a status without its correction) are errors that still return the brief, so
    that the checks between briefs (``related``, terms, story typos, dates) report its
    other problems in the same run; an error anywhere stops publishing all the same."""
    try:
        fields = BriefFields.model_validate(raw.data)
    except ValidationError as exc:
        return None, [_problem_from(raw, error) for error in exc.errors(include_url=False)]
    slug = fields.slug or slugify(raw.path.stem)
    problems: list[Problem] = []
    if not slug or _reserved(slug):
        why = _reserved(slug) if slug else _unusable(raw.path.stem)
        message = (
            f"the file name {raw.path.name!r} makes no usable slug ({why}); add a 'slug:' field"
        )
        problems.append(Problem(raw.path, message, raw.position_of(())))
    total = sum(len(text) for _, text in text_fields(fields))
    if total > MAX_TOTAL:
        message = (
            f"the brief's text is {total:,} characters in all; a brief has at most {MAX_TOTAL:,}"
        )
        problems.append(Problem(raw.path, message, raw.position_of(())))
    unusable = bool(problems)
    if fields.updated is not None and earlier(fields.updated, fields.date):
        message = f"is before the brief's date ({fields.date.isoformat()})"
        problems.append(Problem(raw.path, message, raw.position_of(("updated",)), "updated"))
    problems += _status_problems(raw, fields)
    if unusable:
        return None, problems
    # Validated above; construct without validating twice.
    status = fields.status or ("corrected" if _corrects(fields) else "published")
    derived = {
        "source": raw.path,
        "slug": slug,
        "status": status,
        "positions": raw.value_positions,
    }
    brief = Brief.model_construct(**{**dict(fields), **derived})
    return brief, problems


def _status_problems(raw: RawBrief, fields: BriefFields) -> list[Problem]:
    """``status`` and ``corrections`` agree, and no correction predates the brief."""
    problems = []
    where = raw.position_of(("status",))
    if fields.status in ("corrected", "withdrawn") and not fields.corrections:
        what = "was corrected" if fields.status == "corrected" else "was withdrawn"
        message = (
            f"a {fields.status} brief says when and why it {what}: add "
            "'corrections: [{date: YYYY-MM-DD, text: ...}]'"
        )
        problems.append(Problem(raw.path, message, where, "status"))
    if fields.status == "published" and _corrects(fields):
        message = (
            "a brief with corrections is 'corrected' (or 'withdrawn'); "
            "remove 'status' or set it to corrected (updates and clarifications alone "
            "leave it published)"
        )
        problems.append(Problem(raw.path, message, where, "status"))
    for i, correction in enumerate(fields.corrections):
        if earlier(correction.date, fields.date):
            loc = ("corrections", i, "date")
            message = f"is before the brief's date ({fields.date.isoformat()})"
            problems.append(Problem(raw.path, message, raw.position_of(loc), dotted_field(loc)))
    return problems


def _corrects(fields: BriefFields) -> bool:
    """Whether any of the brief's notes is a correction: updates and clarifications alone
    leave a brief ``published``."""
    return any(note.kind == "correction" for note in fields.corrections)


def _unusable(stem: str) -> str:
    """Why a file name gives no slug: no letters or digits, or letters with no Latin
    spelling (generator/source/slugs.py)."""
    others = list(dict.fromkeys(c for c in stem if c.isalpha() and not slugify(c)))
    if others:
        return f"letters with no Latin spelling: {''.join(others[:8])}"
    return "no letters or digits"


def text_fields(fields: BriefFields) -> Iterator[tuple[str, str]]:
    """Every text an author wrote in a brief, with the top-level field it is in."""
    for name in FIELD_NAMES:
        for text in _strings(getattr(fields, name)):
            yield name, text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))


def intended_slug(raw: RawBrief) -> str:
    """The slug a brief means to have, even when it has errors."""
    slug = raw.data.get("slug")
    return slug if isinstance(slug, str) else slugify(raw.path.stem)


def check_briefs(
    briefs: Sequence[tuple[Brief, RawBrief]], also_existing: set[str] | None = None
) -> list[Problem]:
    """What no single file can know: slugs are unique and ``related`` slugs exist.

    ``also_existing``: slugs of briefs that have errors of their own; a link to one of
    them is not reported as pointing nowhere.
    """
    problems: list[Problem] = []
    by_slug: dict[str, tuple[Brief, RawBrief]] = {}
    for brief, raw in briefs:
        if brief.slug in by_slug:
            first = by_slug[brief.slug][1]
            message = (
                f"{brief.slug!r} is also used by {display_path(first.path)}; "
                "rename one file or set a different 'slug:'"
            )
            problems.append(_collection_problem(raw, ("slug",), message))
            continue
        by_slug[brief.slug] = (brief, raw)
    problems += _alias_problems(briefs, by_slug)
    known: NameIndex | None = None  # built at the first unknown slug: most runs have none
    for brief, raw in briefs:
        for i, slug in enumerate(brief.related):
            if slug == brief.slug:
                message = "a brief cannot be related to itself"
            elif slug not in by_slug and slug not in (also_existing or set()):
                known = known or NameIndex(sorted(by_slug))
                message = f"no brief has the slug {slug!r}" + known.did_you_mean(slug)
            else:
                continue
            problems.append(_collection_problem(raw, ("related", i), message))
    return problems


def _alias_problems(
    briefs: Sequence[tuple[Brief, RawBrief]], by_slug: dict[str, tuple[Brief, RawBrief]]
) -> list[Problem]:
    """An old address (``aliases``) may not be a brief's own slug, nor another brief's old
    address: one URL would then lead to two briefs."""
    problems: list[Problem] = []
    owner: dict[str, RawBrief] = {}
    for brief, raw in briefs:
        for i, alias in enumerate(brief.aliases):
            if alias in by_slug:
                other = by_slug[alias][1]
                whose = "this brief's own slug" if other is raw else "the slug of"
                message = f"{alias!r} is {whose}" + (
                    "" if other is raw else f" {display_path(other.path)}"
                )
                message += "; an alias is an old address that no brief uses any more"
            elif alias in owner:
                message = (
                    f"{alias!r} is also an alias of {display_path(owner[alias].path)}; "
                    "an old address can lead to one brief only"
                )
            else:
                owner[alias] = raw
                continue
            problems.append(_collection_problem(raw, ("aliases", i), message))
    return problems


def _collection_problem(raw: RawBrief, loc: tuple[str | int, ...], message: str) -> Problem:
    return Problem(raw.path, message, raw.position_of(loc), dotted_field(loc) or None)


_MESSAGES = {
    "missing": "required field is missing",
    "string_type": "expected text, found {found}",
    "list_type": "expected a list (e.g. [a, b], or one '- item' per line), found {found}",
    "bool_type": "expected true or false, found {found}",
    "model_type": "expected a mapping of fields, found {found}",
    "dict_type": "expected a mapping of fields, found {found}",
    "too_short": "needs at least one item",
    "too_long": "has {actual_length} items; at most {max_length} are allowed",
}


def _problem_from(raw: RawBrief, error: ErrorDetails) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    found = _describe(error.get("input"))
    if kind == "extra_forbidden":
        parent, name = loc[:-1], str(loc[-1])
        choices = _field_names_at(parent)
        if parent and name in FIELD_NAMES:
            message = f"unknown field here; {name!r} is a top-level field: check its indentation"
            return Problem(raw.path, message, raw.position_of(loc, key=True), dotted_field(loc))
        message = "unknown field" + did_you_mean(name, choices)
        if not did_you_mean(name, choices):
            message += f"; known fields here: {', '.join(choices)}"
        return Problem(raw.path, message, raw.position_of(loc, key=True), dotted_field(loc))
    if kind == "missing":
        position = raw.position_of(loc[:-1])
        if loc[:-1] == ():
            position = raw.position_of(())
        return Problem(raw.path, _MESSAGES[kind], position, dotted_field(loc))
    if kind in _MESSAGES:
        message = _MESSAGES[kind].format(found=found, **error.get("ctx", {}))
    elif kind == "value_error":
        message = str(error["ctx"]["error"]) if "ctx" in error else error["msg"]
    elif kind == "literal_error":
        expected = error["ctx"]["expected"]
        message = f"expected one of {expected}, found {found}"
        if isinstance(error.get("input"), str):  # status: correctd -> 'corrected'
            message += did_you_mean(error["input"], re.findall(r"'([^']*)'", expected))
    else:
        message = f"{error['msg'][0].lower()}{error['msg'][1:]}, found {found}"
    if error.get("input") is None and kind != "missing":
        message = message.replace(", found nothing", "").replace(
            "expected", "has no value; expected"
        )
    return Problem(raw.path, message, raw.position_of(loc), dotted_field(loc))


def _field_names_at(parent: tuple[str | int, ...]) -> list[str]:
    """The field names allowed in the mapping at ``parent`` (for did-you-mean)."""
    model: type[BaseModel] = BriefFields
    for part in parent:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
    return list(model.model_fields)


def _describe(value: Any) -> str:
    """How a YAML value reads in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_T = TypeVar("_T")

PER_BRIEF_LIMIT = 100_000
"""Results one :func:`per_brief` function keeps before it starts again from nothing."""


def per_brief(compute: Callable[[Brief, Any], _T]) -> Callable[..., _T]:
    """``compute(brief, key)``, remembered while that brief object lives.

    A preview runs the pipeline again on every save, and reads again only the briefs whose
    files changed (generator/build/pipeline.py): the others are the same objects as before, and
    what depends on one brief alone (its texts' placeholders and links, its terms as spelt)
    need not be worked out again. Keyed by the object's identity and held with it, so a
    new object (an edited brief) is never mistaken for an old one. ``key`` is any hashable
    second argument (a taxonomy's name).
    """
    found: dict[tuple[int, Hashable], tuple[Brief, _T]] = {}

    def remembered(brief: Brief, key: Any = None) -> _T:
        hit = found.get((id(brief), key))
        if hit is not None and hit[0] is brief:
            return hit[1]
        if len(found) >= PER_BRIEF_LIMIT:
            found.clear()
        value = compute(brief, key)
        found[(id(brief), key)] = (brief, value)
        return value

    return remembered
