"""Registries: what a site knows about its tickers, entities, categories, authors, stories
and sectors.

Briefs name a ticker (``F``) or a person (``Jim Farley``); the registries in
``briefs/_data/`` say who they are, once for the whole site, so term pages can show a
company name, an entity's kind or an author's bio. Each file is a mapping of name -> fields,
read with the briefs' own loader (libyaml, YAML 1.2, positions kept) and validated with
pydantic, so a mistake is reported like a brief's, ``path:line:col: field: message``.

Every registry is optional and so is every entry: a term no registry lists still gets its
page. A taxonomy declares its registry file (``Taxonomy.registry`` in
generator/graph/taxonomies.py); the index reads entries and aliases by that file name only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import ErrorDetails

from generator.errors import Problem, excerpt
from generator.source.loader import RawBrief, dotted_field, load_brief
from generator.source.model import Day, LongText, Name, ShortText, StoryId, Ticker, check_name
from generator.source.slugs import address_key, term_slug
from generator.suggest import NameIndex, did_you_mean

DATA_DIR = "_data"
"""The registries' folder inside the briefs folder (skipped when briefs are discovered)."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TickerEntry(_Entry):
    """``tickers.yaml``: ``F: {name: Ford Motor Company, exchange: NYSE, sector: automotive,
    entity: Ford}``."""

    name: ShortText
    exchange: ShortText
    sector: Name | None = None
    entity: Name | None = None
    """The entity (``entities.yaml``) the listed company is."""


class EntityEntry(_Entry):
    """``entities.yaml``: ``Ford: {kind: company, description: ..., aliases: [Ford Motor]}``."""

    kind: Literal["person", "company", "organisation", "government"]
    description: LongText | None = None
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    """Other spellings briefs use; each resolves to this entity's one page."""


class CategoryEntry(_Entry):
    """``categories.yaml``: ``Autos: {description: ..., order: 3}``."""

    description: LongText | None = None
    order: StrictInt | None = None
    """Categories with an order come first, lowest first; the others follow A-Z."""


class AuthorEntry(_Entry):
    """``authors.yaml``: ``Caleb Monroe: {bio: ..., role: Autos correspondent}``."""

    bio: LongText | None = None
    role: ShortText | None = None
    holdings: list[Ticker] = Field(default_factory=list, max_length=200)
    """Tickers (of tickers.yaml) the author owns: shown with the byline on every brief
    naming one of them ("Caleb Monroe holds F")."""


class StoryEntry(_Entry):
    """``stories.yaml``: ``ford-china-partnerships: {title: Ford's China Partnerships,
    description: ..., started: 2025-12-08}``, keyed by the story id briefs give."""

    title: ShortText | None = None
    """The story's name on its page, its chips and headings, its feed; unset: the id in
    title case (generator/source/display.py)."""
    description: LongText | None = None
    """The story's page shows it under the title, as a brief's dek."""
    started: Day | None = None
    """The day the story began ("Story since ..."); unset: the date of its first brief."""


class SectorEntry(_Entry):
    """``sectors.yaml``: ``automotive: {name: Automotive, description: ...}``, keyed by the
    sector as risks name it."""

    name: ShortText | None = None
    """The sector's name wherever it is named; unset: the key in title case."""
    description: LongText | None = None


KINDS: dict[str, type[_Entry]] = {
    "tickers.yaml": TickerEntry,
    "entities.yaml": EntityEntry,
    "categories.yaml": CategoryEntry,
    "authors.yaml": AuthorEntry,
    "stories.yaml": StoryEntry,
    "sectors.yaml": SectorEntry,
}
"""Every registry file and the fields of its entries."""

_KEYS: dict[str, Any] = {"tickers.yaml": Ticker, "stories.yaml": StoryId}
"""Registries whose names are checked like the briefs' values (a ticker symbol, a story id);
the others' names are refused an invisible format character, as a brief's names are (they
are the same names)."""
_NAME_KEY = Annotated[str, AfterValidator(check_name)]


@dataclass(frozen=True)
class Registry:
    """The registries of one site: file name -> name as written -> entry."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, RawBrief] = field(default_factory=dict, repr=False, compare=False)
    """File name -> the file as read, for problems found later at a value's position."""

    def has(self, file: str) -> bool:
        """Whether the site has this registry: only then is an unlisted term worth a warning."""
        return file in self.files

    def entries(self, file: str) -> dict[str, Any]:
        return self.files.get(file, {})


def load_registry(briefs_dir: Path) -> tuple[Registry, list[Problem]]:
    """Every registry file in ``briefs_dir/_data/``; a missing file is an empty registry."""
    files: dict[str, dict[str, Any]] = {}
    raws: dict[str, RawBrief] = {}
    problems: list[Problem] = []
    for name, entry in KINDS.items():
        path = briefs_dir / DATA_DIR / name
        if not path.exists() and not path.is_symlink():
            continue
        if not path.resolve().is_relative_to(briefs_dir.resolve()):
            problems.append(
                Problem(path, "symbolic link leads outside the briefs folder; not followed")
            )
            continue
        raw, load_problems = load_brief(path)
        if raw is None and load_problems and load_problems[0].message.startswith(_EMPTY):
            continue  # an empty registry (or one of comments only) lists nothing
        problems += [_as_registry(problem) for problem in load_problems]
        if raw is None:
            continue
        entries, entry_problems = _validate(raw, entry, _KEYS.get(name))
        problems += entry_problems
        if not entry_problems and not load_problems:
            files[name] = entries
            raws[name] = raw
            problems += _name_clashes(raw, entries) + _alias_clashes(raw, entries)
    if "tickers.yaml" in raws and "entities.yaml" in files:
        problems += _unknown_companies(raws["tickers.yaml"], files)
    tickers_failed = (
        briefs_dir / DATA_DIR / "tickers.yaml"
    ).exists() and "tickers.yaml" not in files
    if "authors.yaml" in raws and not tickers_failed:  # a broken tickers.yaml says so itself
        problems += _unknown_holdings(raws["authors.yaml"], files)
    return Registry(files, raws), problems


def _unknown_companies(raw: RawBrief, files: dict[str, dict[str, Any]]) -> list[Problem]:
    """A ticker's ``entity`` that entities.yaml names nowhere (nor as an alias) would link
    its ticker page to an entity page that may not exist: a warning, with did-you-mean.

    Suggestions come from one :class:`~generator.suggest.NameIndex` of the entities'
    addresses, as the briefs' suggestions do (generator/graph/index.py): 4,800 tickers
    naming unknown entities among 9,000 took 138 s when each was compared with every
    entity by difflib."""
    entities = files["entities.yaml"]
    spelt = {term_slug(alias): alias for entry in entities.values() for alias in entry.aliases}
    spelt.update({term_slug(name): name for name in entities})
    index: NameIndex | None = None  # built at the first unknown entity: most sites have none
    problems = []
    for symbol, ticker in files["tickers.yaml"].items():
        if ticker.entity is None or (wanted := term_slug(ticker.entity)) in spelt:
            continue
        index = index or NameIndex(sorted(spelt))
        near = index.closest(wanted)
        loc = (symbol, "entity")
        message = f"{excerpt(ticker.entity)} is not in entities.yaml" + (
            f"; did you mean {spelt[near]!r}?" if near else ""
        )
        problems.append(
            Problem(raw.path, message, raw.position_of(loc), dotted_field(loc), "warning")
        )
    return problems


def _unknown_holdings(raw: RawBrief, files: dict[str, dict[str, Any]]) -> list[Problem]:
    """A holding is a ticker tickers.yaml lists: the byline's disclosure names a company a
    reader can look up, and a typo (``FORD`` for ``F``) would hide a conflict. An error at
    the holding, with did-you-mean, and one holding listed twice is an error too."""
    tickers = files.get("tickers.yaml", {})
    index: NameIndex | None = None
    problems = []
    for name, author in files["authors.yaml"].items():
        seen: set[str] = set()
        for i, symbol in enumerate(author.holdings):
            loc = (name, "holdings", i)
            if symbol in seen:
                message = f"{excerpt(symbol)} is listed twice"
            elif symbol not in tickers:
                index = index or NameIndex(sorted(tickers))
                message = f"{excerpt(symbol)} is not in tickers.yaml" + (
                    index.did_you_mean(symbol) if tickers else "; list it there first"
                )
            else:
                seen.add(symbol)
                continue
            seen.add(symbol)
            problems.append(Problem(raw.path, message, raw.position_of(loc), dotted_field(loc)))
    return problems


_EMPTY = "file is empty"
_LINK_OUTSIDE = "symbolic link leads outside the briefs folder; not followed"
_NOT_A_MAPPING = "a brief is a mapping of fields"


def _as_registry(problem: Problem) -> Problem:
    """The loader's words for a brief file, said of a registry."""
    if not problem.message.startswith(_NOT_A_MAPPING):
        return problem
    message = "a registry is a mapping of names to their fields (F: {name: ..., exchange: ...})"
    return replace(problem, message=message + problem.message.partition(")")[2])


def _validate(
    raw: RawBrief, entry: type[_Entry], key: Any | None
) -> tuple[dict[str, Any], list[Problem]]:
    names: Any = key or _NAME_KEY
    adapter: TypeAdapter[dict[str, Any]] = TypeAdapter(dict[names, entry])  # type: ignore[valid-type]
    try:
        return dict(adapter.validate_python(raw.data)), []
    except ValidationError as exc:
        return {}, [_problem(raw, entry, error) for error in exc.errors(include_url=False)]


def _problem(raw: RawBrief, entry: type[_Entry], error: ErrorDetails) -> Problem:
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        message = "unknown field" + did_you_mean(str(loc[-1]), list(entry.model_fields))
        return Problem(raw.path, message, raw.position_of(loc, key=True), dotted_field(loc))
    if error["type"] == "missing":
        return Problem(
            raw.path, "required field is missing", raw.position_of(loc[:-1]), dotted_field(loc)
        )
    if len(loc) == 2 and loc[-1] == "[key]":  # a name that is not a valid key (a ticker)
        loc = loc[:1]
        where = raw.position_of(loc, key=True)
    else:
        where = raw.position_of(loc)
    ctx = error.get("ctx", {})
    message = str(ctx["error"]) if "error" in ctx else error["msg"][0].lower() + error["msg"][1:]
    if error["type"] == "literal_error":
        message = f"expected one of {ctx['expected']}, found {excerpt(error.get('input'))}"
    return Problem(raw.path, message, where, dotted_field(loc) or None)


def _name_clashes(raw: RawBrief, entries: dict[str, Any]) -> list[Problem]:
    """Two entries whose names give one address (``AT&T`` and ``AT T``, ``BRK.B`` and
    ``BRK-B``), or addresses that differ only in case or Unicode form (one folder where
    file names ignore case): one would silently stand for the other; an error at the
    second, naming both."""
    owner: dict[str, str] = {}
    problems = []
    for name in entries:
        first = owner.setdefault(address_key(term_slug(name)), name)
        if first != name:
            message = f"{excerpt(name)} and {excerpt(first)} would share one page; keep one entry"
            problems.append(Problem(raw.path, message, raw.position_of((name,), key=True)))
    return problems


def _alias_clashes(raw: RawBrief, entries: dict[str, Any]) -> list[Problem]:
    """An alias that is another entry's name, or another's alias, would give one name two
    pages: an error at the alias, naming both entries."""
    owner: dict[str, str] = {address_key(term_slug(name)): name for name in entries}
    problems = []
    for name, entry in entries.items():
        for i, alias in enumerate(getattr(entry, "aliases", ())):
            first = owner.setdefault(address_key(term_slug(alias)), name)
            if first != name:
                loc = (name, "aliases", i)
                message = (
                    f"{excerpt(alias)} already names {excerpt(first)}; "
                    "an alias may name one entry only"
                )
                problems.append(Problem(raw.path, message, raw.position_of(loc), dotted_field(loc)))
    return problems
