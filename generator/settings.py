"""Site settings for the generator, declared once, read through MkDocs' own config loader.

:class:`Settings` is the one declaration of every option a site may set in the ``briefs``
entry of ``plugins:`` in mkdocs.yml: its type, default and meaning. Both adapters use it:

- the MkDocs plugin's ``config_scheme`` is derived from it (:func:`plugin_config_scheme`), so
  ``mkdocs build`` validates the options with these types and messages;
- the ``briefs`` command reads mkdocs.yml with MkDocs' YAML loader (``!ENV``, ``INHERIT`` and
  ``!relative`` work as in MkDocs), validates the site options it needs with MkDocs' own
  option classes, and the plugin options with the same declaration (:func:`load_site`).

The pipeline only ever sees a validated, frozen :class:`Settings`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
)

from generator.errors import excerpt
from generator.graph.urls import PublicUrls
from generator.source.editorial import site_types, type_problem


class SettingsError(ValueError):
    """A setting in mkdocs.yml that cannot be used; the message names it and what is right."""


def _path_text(value: Any) -> Any:
    """``!relative`` and ``!ENV`` give path-like objects; a folder option takes their text."""
    return os.fspath(value) if isinstance(value, os.PathLike) else value


def _known_zone(name: str) -> str:
    """An IANA time zone name this machine knows (``tzdata`` supplies them where the system
    has none); the longest is 32 characters, so a longer text is never looked up."""
    try:
        if len(name) > MAX_ZONE_NAME:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("a time zone name such as 'America/New_York'") from None
    return name


MAX_ZONE_NAME = 64
MAX_FOLDER_NAME = 1_000
"""Characters of a folder option (a path relative to mkdocs.yml); file systems allow 4,096
bytes in a path, and a folder of briefs nested deeper than this is a mistake."""

FolderName = Annotated[
    str, BeforeValidator(_path_text), Field(min_length=1, max_length=MAX_FOLDER_NAME)
]


def _one_line(text: str) -> str:
    """Text that goes into a mail header: a line break there would start another header."""
    if any(char in text for char in "\r\n\0"):
        raise ValueError("text on one line (no line break)")
    return text


def _mail_address(text: str) -> str:
    """An address such as ``briefs@example.org`` or ``Market Briefs <briefs@example.org>``."""
    _one_line(text)
    if "@" not in text or len(text) > MAX_ADDRESS:
        raise ValueError("an e-mail address such as 'briefs@example.org'")
    return text


def _plain_line(text: str) -> str:
    """Text shown as it is written: no control characters (a line break is a space)."""
    text = " ".join(text.split())
    if not text or any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValueError("plain text (no control characters)")
    return text


def _title_word(value: Any) -> str:
    """A word of letters and digits (``&``, ``+``, ``.`` inside: ``M&A``, ``OPEC+``), at most
    :data:`MAX_TITLE_WORD` characters: a word the title-case rule spells as given."""
    if not (
        isinstance(value, str)
        and len(value) <= MAX_TITLE_WORD
        and re.fullmatch(r"\w[\w&+.']*", value)
    ):
        raise ValueError(
            f"one word of letters and digits (at most {MAX_TITLE_WORD} characters), "
            "such as 'LNG' or 'iPhone'"
        )
    return value


MAX_TITLE_WORD = 40
TitleWord = Annotated[str, BeforeValidator(_title_word)]


MAX_ADDRESS = 320


def _https_url(text: str) -> str:
    """An ``https://`` address with a host, on one line, without a user or password: a
    WebSub hub's, which the published feeds name and the workflow posts to."""
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0  # reading it checks it
    except ValueError:  # an unclosed IPv6 bracket, a port that is not a number
        port_ok = False
    if (
        not port_ok
        or parts.scheme != "https"
        or not parts.hostname
        or parts.username is not None
        or any(char.isspace() or ord(char) < 0x20 or char in _NOT_IN_URLS for char in text)
    ):
        raise ValueError(HTTPS_URL_WANTED)
    return text


_NOT_IN_URLS = frozenset('<>"{}|\\^`\x7f')
"""Characters an address may hold only percent-encoded (RFC 3986); with the spaces and
control characters, none reaches a feed, a step output or a shell unencoded."""
MAX_URL = 2_000
HTTPS_URL_WANTED = (
    f"an https address such as 'https://pubsubhubbub.appspot.com/' (at most {MAX_URL:,} characters)"
)
HttpsUrl = Annotated[str, Field(max_length=MAX_URL), AfterValidator(_https_url)]
OneLine = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=200)]
MailAddress = Annotated[str, AfterValidator(_mail_address)]


class DigestSettings(BaseModel):
    """The morning briefing (``digest:`` in the plugin's options; README, *The morning
    briefing*): a page per publishing day, a feed of days, and an e-mail per day."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    enabled: StrictBool = False
    """Make the digest pages, their feed and the e-mail files."""
    cutoff_hour: Annotated[StrictInt, Field(ge=1, le=24)] = 24
    """The hour the desk's day ends, in the site's time zone (1 to 24): with 18, the digest
    of January 31 holds the briefs from January 30, 18:00 to January 31, 18:00; 24 is the
    calendar day."""
    sections: Annotated[list[OneLine], Field(max_length=100)] = Field(default_factory=list)
    """The categories shown, by name (empty: all), in the site's order."""
    title: OneLine = "Morning briefing"
    """The digest's name: page titles, the feed, the e-mail's subject."""
    most_covered: Annotated[StrictInt, Field(ge=0, le=50)] = 5
    """Tickers in a day's "Most covered" list (0: none)."""
    sender: MailAddress | None = None
    """The e-mail's From address (``briefs digest`` needs one)."""
    recipients: Annotated[list[MailAddress], Field(max_length=100)] = Field(default_factory=list)
    """Who ``briefs digest send`` mails when no ``--to`` is given: a list address."""
    list_unsubscribe: Annotated[OneLine, Field(max_length=500)] | None = None
    """The ``List-Unsubscribe`` header's address (``mailto:`` or ``https:``); unset: none."""
    disclaimer: Annotated[str, Field(min_length=1, max_length=1_000)] | None = None
    """Plain text at the foot of every e-mail (not investment advice...)."""


# desk: the publisher's policies and the kinds of article it publishes.


def _docs_page(value: str) -> str:
    """A Markdown page of the site's docs folder, as MkDocs names it (``about/standards.md``)."""
    parts = value.split("/")
    if (
        not value.endswith(".md")
        or value.startswith("/")
        or "\\" in value
        or any(part in ("", ".", "..") for part in parts)
        or _CONTROL.search(value)
    ):
        raise ValueError("a Markdown page of the docs folder such as 'about/standards.md'")
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DocsPage = Annotated[
    str, Field(min_length=1, max_length=MAX_FOLDER_NAME), AfterValidator(_docs_page)
]


class PolicySettings(BaseModel):
    """The publisher's policy pages (``policies:``), each a page of the docs folder: linked
    from every page's footer and from the publisher in each brief's JSON-LD (schema.org's
    NewsMediaOrganization properties, named in :data:`POLICY_PROPERTIES`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    publishing_principles: DocsPage | None = None
    """Editorial standards: how the desk reports, sources and checks."""
    corrections: DocsPage | None = None
    """How errors are corrected, clarified or updated, and how to report one."""
    ethics: DocsPage | None = None
    """Conflicts of interest, holdings, gifts: what staff may and may not do."""
    masthead: DocsPage | None = None
    """Who runs the desk, and how to reach them."""

    def pages(self) -> list[tuple[str, str]]:
        """(setting, docs page) of each policy set, in the footer's order."""
        return [(name, page) for name in type(self).model_fields if (page := getattr(self, name))]


POLICY_PROPERTIES = {
    "publishing_principles": "publishingPrinciples",
    "corrections": "correctionsPolicy",
    "ethics": "ethicsPolicy",
    "masthead": "masthead",
}
POLICY_LABELS = {
    "publishing_principles": "Editorial standards",
    "corrections": "Corrections",
    "ethics": "Ethics",
    "masthead": "Masthead",
}


def _article_types(value: dict[str, str]) -> dict[str, str]:
    problems = [
        problem
        for name, schema_type in value.items()
        if (problem := type_problem(name, schema_type)) is not None
    ]
    if problems:
        raise ValueError("; ".join(problems))
    return value


ArticleTypes = Annotated[
    dict[str, str],
    Field(max_length=100),
    AfterValidator(_article_types),
]
Disclaimer = Annotated[str, Field(min_length=1, max_length=1_000), AfterValidator(_plain_line)]


SearchEngine = Literal["pagefind", "material", "none"]
"""What searches the site (README, *Search*)."""


class Settings(BaseModel):
    """Everything the pipeline needs to know about the site, validated and frozen."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    # -- Options a site sets under ``plugins: - briefs:`` in mkdocs.yml ---------------------
    briefs_dir: FolderName = "briefs"
    """Folder of YAML briefs, relative to mkdocs.yml."""
    templates_dir: FolderName | None = None
    """Folder of the site's own templates; a file there replaces the built-in one of that name."""
    per_page: Annotated[StrictInt, Field(ge=1, le=1_000)] = 20
    """Briefs per listing page before paginating (at most 1,000)."""
    home_latest: Annotated[StrictInt, Field(ge=0, le=100)] = 6
    """Briefs in the home page's "Latest" list, after the lead (the newest brief); at most 100."""
    home_per_section: Annotated[StrictInt, Field(ge=0, le=100)] = 3
    """Briefs in each section of the home page, one section per category (0: no sections;
    at most 100)."""
    home_trending: Annotated[StrictInt, Field(ge=0, le=100)] = 8
    """Tickers, and stories, in the home page's "Most covered" lists (0: none; at most 100)."""
    home_trending_days: Annotated[StrictInt, Field(ge=1, le=3_660)] = 28
    """How many days before the newest brief "Most covered" counts briefs from (at most
    3,660: ten years)."""
    more_from: Annotated[StrictInt, Field(ge=0, le=100)] = 5
    """Entries in the "More from <category>" list at the end of each brief (0: none; at
    most 100)."""
    related_include_newer: StrictBool = False
    """Suggest related briefs published after a brief too (README, *Related briefs*). Off:
    a brief's suggestions are chosen among the briefs before it, so publishing a brief
    never changes an older brief's page through them."""
    title_words: Annotated[list[TitleWord], Field(max_length=1_000)] = Field(default_factory=list)
    """Words the title-case rule spells as given, beyond its own (AI, US, ETF, Fed...;
    generator/source/display.py): ``[LNG, BoJ, iPhone]``. The rule names the stories,
    sectors and tags no registry names."""
    drafts: StrictBool = False
    """Publish briefs marked ``draft: true`` (``mkdocs serve`` always shows them)."""
    home: StrictBool = True
    """Generate the home page (index.md); turn off to write your own docs/index.md."""
    nav: StrictBool = True
    """When mkdocs.yml has no ``nav:``, build one: home, categories, the site's own pages."""
    timezone: Annotated[str, AfterValidator(_known_zone)] = "UTC"
    """The newsroom's time zone (an IANA name such as ``America/New_York``): times are shown
    in it, and ``briefs new`` dates a brief by its calendar."""
    time_label: Annotated[str, Field(min_length=1, max_length=20)] | None = None
    """The zone's name shown after a time, as readers know it (``ET``): ``10:15 a.m. ET``.
    Unset: the zone's abbreviation at that moment (``EST``, ``EDT``, ``UTC``)."""
    smart_quotes: StrictBool = True
    """Show brief text with typographic (curly) quotes and apostrophes; link addresses and
    addresses typed as text are never changed."""
    brief_toc: StrictBool = False
    """Show the table of contents beside brief pages (news pages have none)."""
    search: SearchEngine = "pagefind"
    """The site's search: ``pagefind`` (a search box in the header; a reader's first query
    fetches a few hundred KB however large the site), ``material`` (Material's own search
    plugin, which must be listed in ``plugins``: its index is fetched whole), or ``none``."""

    # -- Publishing for machines (generator/publish/); each needs ``site_url`` but the API --
    feeds: StrictBool = True
    """RSS, Atom and JSON Feed: the whole site, and each category, ticker and story."""
    feed_items: Annotated[StrictInt, Field(ge=1, le=1_000)] = 20
    """Newest briefs in each feed (at most 1,000)."""
    structured_data: StrictBool = True
    """Open Graph and Twitter card meta on every generated page, NewsArticle JSON-LD on
    each brief's."""
    social_cards: StrictBool = True
    """media: a 1200x630 card drawn for every generated page without an image of its own (a
    brief without ``image``, terms, listings), its ``og:image``; off: those pages have none
    (``twitter:card`` is then ``summary``), briefs' own images stay."""
    news_sitemap: StrictBool = True
    """``news-sitemap.xml``: the briefs of the two days before the build time, for Google News."""
    sitemap_max_urls: Annotated[StrictInt, Field(ge=1, le=50_000)] = 50_000
    """URLs in one sitemap file (at most 50,000, the sitemaps protocol's limit): a site with
    more gets ``sitemap.xml`` as a sitemap index of ``sitemap-1.xml``, ``sitemap-2.xml``..."""
    api: StrictBool = True
    """The static JSON API under ``api/`` and its JSON Schemas."""
    websub_hub: HttpsUrl | None = None
    """A WebSub hub's address (``https://pubsubhubbub.appspot.com/``): every feed names it
    (``rel="hub"``) so that readers subscribe there and hear of a new brief at once, and the
    workflow tells it after each deploy (``briefs websub``). None: no hub."""
    digest: DigestSettings = Field(default_factory=DigestSettings)
    """The morning briefing: ``digest: {enabled: true, cutoff_hour: 18, sections: [...],
    title: ...}`` (:class:`DigestSettings`)."""

    # -- The desk: disclosures, policies, article types (generator/source/editorial.py) -----
    disclaimer: Disclaimer | None = None
    """Plain text shown at the foot of every brief ("Not investment advice...")."""
    policies: PolicySettings = Field(default_factory=PolicySettings)
    """The publisher's policy pages: ``policies: {publishing_principles: about/standards.md,
    corrections: ..., ethics: ..., masthead: ...}`` (:class:`PolicySettings`)."""
    article_types: ArticleTypes = Field(default_factory=dict)
    """The site's own article types and their schema.org Article type, beside news,
    analysis, opinion and explainer: ``article_types: {review: ReviewNewsArticle}``."""

    # -- What the site's config says elsewhere; set by the adapters, not by the plugin entry --
    root: Path = Path(".")
    """Folder of mkdocs.yml; relative paths above are resolved against it."""
    docs_dir: Path | None = None
    """The site's own pages (MkDocs' docs_dir), which generated pages must not displace."""
    site_url: str | None = None
    """The site's public address (MkDocs' ``site_url``), for absolute URLs; None when unset."""
    use_directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: ``a.md`` publishes at ``a/`` (True) or ``a.html``."""
    site_name: str = "News briefs"
    """MkDocs' ``site_name``: the publisher's name in feeds, JSON-LD and the news sitemap."""
    site_description: str | None = None
    """MkDocs' ``site_description``: the site-wide feed's description."""
    language: str = "en"
    """The theme's ``language`` (Material's setting): the feeds' and news sitemap's."""
    config_file: Path | None = None
    """mkdocs.yml itself, so a problem with a setting can point at its line."""

    SITE_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "root",
            "docs_dir",
            "site_url",
            "use_directory_urls",
            "site_name",
            "site_description",
            "language",
            "config_file",
        }
    )

    @property
    def types(self) -> dict[str, str]:
        """Every article type of the site -> its schema.org type."""
        return site_types(self.article_types)

    @property
    def briefs_path(self) -> Path:
        return self.root / self.briefs_dir

    @property
    def templates_path(self) -> Path | None:
        return self.root / self.templates_dir if self.templates_dir else None

    @property
    def publishes_feeds(self) -> bool:
        """Feeds are made when ``feeds`` is on and the site has a ``site_url`` (a feed's links
        must be absolute)."""
        return self.feeds and self.site_url is not None

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone (:attr:`timezone`)."""
        return ZoneInfo(self.timezone)

    @property
    def public_urls(self) -> PublicUrls:
        """Where each docs path is published on this site (generator/graph/urls.py)."""
        return PublicUrls(self.use_directory_urls, self.site_url)

    @classmethod
    def option_names(cls) -> list[str]:
        """The settings a site may set (all but the site fields)."""
        return [name for name in cls.model_fields if name not in cls.SITE_FIELDS]

    @classmethod
    def from_options(cls, options: Mapping[str, Any], **site: Any) -> Settings:
        """Settings from the plugin's entry in mkdocs.yml plus the site fields; raises
        :class:`SettingsError` naming every bad option, its value and what would be right.

        A ``null`` value means the default, as it does for MkDocs' own options.
        """
        names = cls.option_names()
        problems = [
            f"unknown option {excerpt(key)}; known options: {', '.join(names)}"
            for key in options
            if key not in names
        ]
        given = {k: v for k, v in options.items() if k in names and v is not None}
        try:
            settings = cls(**given, **site)
        except ValidationError as exc:
            problems += [_option_message(error) for error in exc.errors(include_url=False)]
            raise SettingsError("; ".join(problems)) from None
        if problems:
            raise SettingsError("; ".join(problems))
        return settings

    @classmethod
    def for_site(cls, options: Mapping[str, Any], config: Any) -> Settings:
        """Settings from the plugin's options and a validated MkDocs config (the engine's
        ``MkDocsConfig`` in the plugin, :class:`_SiteOptions` in the command): both have
        ``config_file_path``, ``docs_dir``, ``site_url``, ``use_directory_urls``,
        ``site_name``, ``site_description`` and ``theme`` (whose ``language`` is read)."""
        config_file = config.config_file_path
        return cls.from_options(
            options,
            root=Path(config_file).resolve().parent if config_file else Path.cwd(),
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or None,
            use_directory_urls=config.use_directory_urls,
            site_name=config.site_name or cls.model_fields["site_name"].default,
            site_description=config.site_description or None,
            language=_theme_language(config.theme),
            config_file=Path(config_file).resolve() if config_file else None,
        )

    @classmethod
    def check_option(cls, name: str, value: Any) -> Any:
        """One option validated alone (the plugin's config scheme), or SettingsError."""
        if value is None:
            return cls.model_fields[name].get_default(call_default_factory=True)
        try:
            return getattr(cls(**{name: value}), name)
        except ValidationError as exc:
            raise SettingsError(_option_message(exc.errors(include_url=False)[0])) from None


def _theme_language(theme: Any) -> str:
    """The theme's ``language`` (a MkDocs ``Theme`` or the config's mapping); ``en`` when the
    theme sets none or something that is not a language tag."""
    try:
        language = theme["language"] if theme is not None else None
    except (KeyError, TypeError):
        language = None
    return language if isinstance(language, str) and language.strip() else "en"


def _option_message(error: Any) -> str:
    name = ".".join(str(part) for part in error["loc"]) or "options"
    found = error.get("input")
    kind = error["type"]
    if kind in ("int_type", "int_parsing"):
        right = "a whole number"
    elif kind == "greater_than_equal":
        right = f"a whole number of at least {error['ctx']['ge']:,}"
    elif kind == "less_than_equal":
        right = f"a whole number of at most {error['ctx']['le']:,}"
    elif kind in ("bool_type", "bool_parsing"):
        right = "true or false"
    elif kind in ("string_type", "string_too_short", "too_short") and name.endswith("_dir"):
        right = "a folder name"
    elif kind in ("string_too_long", "too_long") and name.endswith("_dir"):
        right = f"a folder name of at most {MAX_FOLDER_NAME:,} characters"
    elif kind == "extra_forbidden" and name.startswith("policies."):
        right = f"one of the known policies ({', '.join(PolicySettings.model_fields)})"
        found = error["loc"][-1]
    elif kind == "extra_forbidden":
        right = f"one of the known options ({', '.join(DigestSettings.model_fields)})"
        found = error["loc"][-1]
    elif kind == "model_type" and name == "policies":
        right = "a mapping of policy pages (ethics: about/ethics.md, ...)"
    elif kind == "model_type":
        right = "a mapping of options (enabled: true, cutoff_hour: 18, ...)"
    elif kind == "dict_type" and name == "article_types":
        right = "a mapping of type names to schema.org types (review: ReviewNewsArticle)"
    elif kind == "list_type":
        right = "a list"
    elif kind == "literal_error":
        right = f"one of {error['ctx']['expected']}"
    elif name == "websub_hub":
        right = HTTPS_URL_WANTED
    elif kind in ("string_type", "string_too_short", "string_too_long"):
        right = "a short text such as 'ET' (1 to 20 characters)"
    else:
        right = error["msg"].removeprefix("Value error, ")
        if name == "article_types":
            return f"option {name!r}: {right}"
    return f"option {name!r} expects {right}, found {excerpt(found)}"


# ---------------------------------------------------------------------------------------------
# The MkDocs plugin's view of the same declaration.


class _SettingOption(base.BaseConfigOption[Any]):
    """A plugin option validated by :class:`Settings`, so MkDocs reports our messages."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        default = Settings.model_fields[name].get_default(call_default_factory=True)
        # A group of options (``digest``) as MkDocs keeps defaults: a plain mapping it copies.
        self.default = default.model_dump() if isinstance(default, BaseModel) else default

    def run_validation(self, value: object) -> Any:
        try:
            return Settings.check_option(self.name, value)
        except SettingsError as exc:
            raise base.ValidationError(str(exc).removeprefix(f"option {self.name!r} ")) from None


def plugin_config_scheme() -> tuple[tuple[str, base.BaseConfigOption[Any]], ...]:
    """The plugin's ``config_scheme``: one MkDocs option per setting."""
    return tuple((name, _SettingOption(name)) for name in Settings.option_names())


# ---------------------------------------------------------------------------------------------
# The ``briefs`` command's view: mkdocs.yml read as MkDocs reads it.


class _SiteOptions(base.Config):  # type: ignore[no-untyped-call]
    """The MkDocs settings the pipeline needs, validated by MkDocs' own option classes."""

    docs_dir = c.Dir(default="docs")
    site_dir = c.Dir(default="site")
    site_url = c.Optional(c.URL(is_dir=True))
    use_directory_urls = c.Type(bool, default=True)
    site_name = c.Type(str, default="")
    site_description = c.Optional(c.Type(str))
    theme = c.Type(dict, default={})  # only its ``language`` is read (``theme: material`` too)


_SITE_KEYS = (
    "docs_dir",
    "site_dir",
    "site_url",
    "use_directory_urls",
    "site_name",
    "site_description",
    "theme",
)


@dataclass(frozen=True)
class Site:
    """A site's config as the ``briefs`` command needs it."""

    config_file: Path
    config: dict[str, Any]
    """mkdocs.yml as data, with ``INHERIT`` merged and ``!ENV`` resolved (MkDocs' loader)."""
    settings: Settings
    site_dir: Path


def load_site(config_file: Path) -> Site:
    """Read ``config_file`` with MkDocs' loader and validate what newsbriefs uses of it.

    Without a config file, the defaults apply, relative to the file's folder. Raises
    :class:`SettingsError` with a message naming the file and the setting.
    """
    root = config_file.resolve().parent
    if not config_file.is_file():
        return Site(config_file, {}, Settings(root=root, docs_dir=root / "docs"), root / "site")
    config = read_site_config(config_file)
    site = _SiteOptions(config_file_path=str(config_file.resolve()))
    site.load_dict(
        {
            key: config[key]
            for key in _SITE_KEYS
            if key in config and not (key == "theme" and not isinstance(config[key], dict))
        }
    )
    failed, _warnings = site.validate()
    if failed:
        raise SettingsError("; ".join(f"{config_file}: {key}: {error}" for key, error in failed))
    options = _plugin_options(config_file, config.get("plugins"))
    try:
        settings = Settings.for_site(options, site)
    except SettingsError as exc:
        raise SettingsError(f"{config_file}: plugins: briefs: {exc}") from None
    return Site(config_file, config, settings, Path(site.site_dir))


def read_site_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, read by MkDocs' own YAML loader: ``INHERIT`` followed, ``!ENV``
    resolved, ``!relative`` and Python tags (Material's emoji settings) as MkDocs makes them."""
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file.resolve())))
    try:
        with config_file.open("rb") as handle:
            loaded = yaml_load(handle, loader)
    except OSError as exc:
        raise SettingsError(f"{config_file}: cannot read the config: {exc.strerror}") from None
    except ConfigurationError as exc:
        raise SettingsError(f"{config_file}: {' '.join(str(exc).split())}") from None
    except Exception as exc:  # a YAML tag naming a Python object that cannot be imported
        raise SettingsError(f"{config_file}: cannot read the config: {exc}") from None
    if not isinstance(loaded, dict):
        raise SettingsError(f"{config_file}: the config must be a mapping of settings")
    return loaded


def _plugin_options(config_file: Path, plugins: Any) -> dict[str, Any]:
    """The ``briefs`` entry's options from ``plugins:`` (a list or a mapping, as in MkDocs)."""
    entries = config_entries(plugins)
    options = next((opts for name, opts in entries if name == "briefs"), None) or {}
    if not isinstance(options, dict):
        raise SettingsError(
            f"{config_file}: plugins: briefs: the options must be a mapping "
            f"(briefs_dir: ..., per_page: ...), found {excerpt(options)}"
        )
    return options


# ---------------------------------------------------------------------------------------------
# Reading a raw mkdocs.yml (the ``briefs`` command reads it before any engine runs).


def config_entries(value: Any) -> list[tuple[str, Any]]:
    """The entries of a setting MkDocs takes as a list or a mapping (``plugins``,
    ``markdown_extensions``), each as its name and options (None when it has none).

    A mapping is ``name: options``; a list holds names and one-key mappings
    (``- search: {lang: en}``). Anything else, and entries without a name, give nothing:
    MkDocs itself reports them when it runs.
    """
    if isinstance(value, dict):
        return [(name, options) for name, options in value.items() if isinstance(name, str)]
    if not isinstance(value, list):
        return []
    entries: list[tuple[str, Any]] = []
    for entry in value:
        if isinstance(entry, str):
            entries.append((entry, None))
        elif isinstance(entry, dict) and entry:
            name, options = next(iter(entry.items()))
            if isinstance(name, str):
                entries.append((name, options))
    return entries


def custom_dir_of(config: Mapping[str, Any]) -> str | None:
    """The theme's ``custom_dir`` as the config writes it (relative to the config's folder)."""
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        return str(theme["custom_dir"])
    return None
