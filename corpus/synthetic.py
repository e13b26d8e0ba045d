"""Synthetic, valid news briefs and throwaway sites to benchmark builds with.

``write_synthetic_briefs`` writes ``count`` briefs that look like the sample ones (same
fields, similar sizes: 3-4 KB of YAML each) and pass ``briefs check``: six categories over
twelve months, tickers from a pool of 62 symbols (``ON``, ``T``, ``F``, ``BRK.B`` and the
numeric Hong Kong code ``1211`` among them), ``related`` slugs that point only at briefs
written earlier, story ids, quotes, notes and risks. The same seed always gives the same
files, byte for byte.

``make_site`` puts a site around them: mkdocs.yml with the sample site's theme settings,
docs/about.md and briefs/.

Run it as a script to write a site you can look at or build by hand::

    .venv/bin/python corpus/synthetic.py /tmp/synthetic-site --count 200
    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -f /tmp/synthetic-site/mkdocs.yml
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

# ---------------------------------------------------------------------------------------------
# Pools. Companies are real names; every figure and event written about them is invented.


@dataclass(frozen=True)
class Company:
    ticker: str
    name: str
    sector: str


def _companies(rows: str) -> tuple[Company, ...]:
    return tuple(Company(*(part.strip() for part in row.split("|"))) for row in rows.splitlines())


CATEGORIES: dict[str, tuple[Company, ...]] = {
    "Stock Markets": _companies(
        """SPY|SPDR S&P 500 ETF Trust|broad market
QQQ|Invesco QQQ Trust|broad market
DIA|SPDR Dow Jones Industrial Average ETF|broad market
IWM|iShares Russell 2000 ETF|small caps
AMZN|Amazon|retail
GOOGL|Alphabet|internet
META|Meta Platforms|internet
JPM|JPMorgan Chase|banks
GS|Goldman Sachs|banks
BRK.B|Berkshire Hathaway|conglomerates"""
    ),
    "Economy": _companies(
        """BAC|Bank of America|banks
WFC|Wells Fargo|banks
C|Citigroup|banks
WMT|Walmart|retail
TGT|Target|retail
HD|Home Depot|housing
T|AT&T|telecommunications
KO|Coca-Cola|consumer staples
PG|Procter & Gamble|consumer staples"""
    ),
    "Technology": _companies(
        """NVDA|Nvidia|semiconductors
AMD|Advanced Micro Devices|semiconductors
INTC|Intel|semiconductors
ON|onsemi|semiconductors
AVGO|Broadcom|semiconductors
QCOM|Qualcomm|semiconductors
TSM|TSMC|semiconductors
MU|Micron Technology|semiconductors
MSFT|Microsoft|software
ORCL|Oracle|software
SNOW|Snowflake|software
CRM|Salesforce|software
PLTR|Palantir|software
AAPL|Apple|hardware"""
    ),
    "Energy": _companies(
        """XOM|ExxonMobil|oil and gas
CVX|Chevron|oil and gas
COP|ConocoPhillips|oil and gas
OXY|Occidental Petroleum|oil and gas
SLB|SLB|oilfield services
HAL|Halliburton|oilfield services
VLO|Valero Energy|refining
MPC|Marathon Petroleum|refining
PSX|Phillips 66|refining
BP|BP|oil and gas
SHEL|Shell|oil and gas"""
    ),
    "Autos": _companies(
        """F|Ford|automotive
GM|General Motors|automotive
TSLA|Tesla|electric vehicles
STLA|Stellantis|automotive
TM|Toyota|automotive
RIVN|Rivian|electric vehicles
LCID|Lucid Group|electric vehicles
HMC|Honda|automotive
1211|BYD|electric vehicles"""
    ),
    "Funds & ETFs": _companies(
        """VOO|Vanguard S&P 500 ETF|index funds
VTI|Vanguard Total Stock Market ETF|index funds
SCHD|Schwab U.S. Dividend Equity ETF|dividend funds
ARKK|ARK Innovation ETF|active ETFs
BND|Vanguard Total Bond Market ETF|bond funds
BLK|BlackRock|asset management
SCHW|Charles Schwab|brokerage
TROW|T. Rowe Price|asset management
IVZ|Invesco|asset management"""
    ),
}

TICKERS: tuple[str, ...] = tuple(c.ticker for pool in CATEGORIES.values() for c in pool)

BYLINES = (
    "Hannah Lindqvist",
    "Caleb Monroe",
    "Ana Ruiz",
    "Priya Natarajan",
    "Tomás Ferreira",
    "Grace O'Connell",
    "Daniel Okafor",
    "Mei Chen",
    "Jonas Becker",
    "Fatima Al-Sayed",
    "Lucas Moreau",
    "Sofia Rossi",
    "Ethan Park",
    "Nadia Petrova",
)

ANALYST_FIRMS = (
    "Morgan Stanley",
    "Bernstein",
    "Evercore ISI",
    "Wedbush",
    "Jefferies",
    "Raymond James",
    "UBS",
    "Barclays",
    "Piper Sandler",
    "KeyBanc",
)

SPEAKERS = (
    ("Laura Whitfield", "chief investment strategist at a Boston wealth manager"),
    ("Marcus Delgado", "senior analyst covering the sector"),
    ("Irene Novak", "portfolio manager at a New York hedge fund"),
    ("Samuel Adeyemi", "chief economist at a regional bank"),
    ("Claire Dubois", "head of research at a Paris brokerage"),
    ("Kenji Watanabe", "strategist at a Tokyo securities firm"),
    ("Rachel Stein", "fixed-income strategist"),
    ("Oliver Grant", "equity analyst"),
)

TOPICS: dict[str, tuple[str, ...]] = {
    "Stock Markets": (
        "earnings season",
        "rate-cut bets",
        "a rotation into small caps",
        "megacap tech",
        "bank earnings",
        "buyback plans",
    ),
    "Economy": (
        "inflation",
        "the jobs report",
        "consumer spending",
        "the housing market",
        "Fed policy",
        "retail sales",
    ),
    "Technology": (
        "AI spending",
        "data-center demand",
        "chip export rules",
        "cloud contracts",
        "memory prices",
        "enterprise software budgets",
    ),
    "Energy": (
        "crude prices",
        "OPEC+ supply",
        "refining margins",
        "natural gas",
        "drilling budgets",
        "LNG exports",
    ),
    "Autos": (
        "EV demand",
        "tariffs on imported parts",
        "hybrid sales",
        "a price war in China",
        "battery costs",
        "dealer inventories",
    ),
    "Funds & ETFs": (
        "fee cuts",
        "ETF inflows",
        "active ETFs",
        "bond funds",
        "dividend strategies",
        "model portfolios",
    ),
}

TAGS: dict[str, tuple[str, ...]] = {
    "Stock Markets": ("stocks", "S&P 500", "Nasdaq", "earnings", "volatility", "buybacks"),
    "Economy": ("inflation", "jobs", "Federal Reserve", "interest rates", "consumers", "GDP"),
    "Technology": ("AI", "semiconductors", "cloud", "data centers", "software", "export rules"),
    "Energy": ("oil", "natural gas", "OPEC+", "refining", "LNG", "energy transition"),
    "Autos": ("electric vehicles", "hybrids", "tariffs", "China", "batteries", "supply chain"),
    "Funds & ETFs": ("ETFs", "fees", "index funds", "bonds", "dividends", "flows"),
}

INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "Stock Markets": ("New York Stock Exchange", "Nasdaq", "Cboe"),
    "Economy": ("Federal Reserve", "Labor Department", "Commerce Department"),
    "Technology": ("Commerce Department", "European Commission"),
    "Energy": ("OPEC", "International Energy Agency", "Energy Information Administration"),
    "Autos": ("United Auto Workers", "National Highway Traffic Safety Administration"),
    "Funds & ETFs": ("Securities and Exchange Commission", "Morningstar"),
}

STORIES: dict[str, tuple[str, ...]] = {
    "Stock Markets": ("earnings-season-q{q}-{y}", "market-rally-{y}", "bank-earnings-{y}"),
    "Economy": ("fed-policy-{y}", "us-inflation-{y}", "us-labor-market-{y}"),
    "Technology": ("ai-chip-demand", "ai-enterprise-deals", "chip-export-rules"),
    "Energy": ("oil-prices-{y}", "opec-supply-{y}", "refining-margins"),
    "Autos": ("ev-price-war", "auto-tariffs-{y}", "ford-ev-reset"),
    "Funds & ETFs": ("etf-fee-war", "etf-flows-{y}", "active-etf-boom"),
}

SECTORS_AT_RISK = (
    "semiconductors",
    "software",
    "banks",
    "retail",
    "automotive",
    "energy",
    "utilities",
    "industrials",
    "consumer staples",
    "housing",
    "asset management",
    "transportation",
)

OFFSETS = (timezone(timedelta(hours=-5)), timezone(timedelta(hours=-4)), UTC)

# ---------------------------------------------------------------------------------------------
# Sentence templates. Placeholders: {name} {ticker} {other} {topic} {firm} {pct} {pct2} {amt}
# {q} {y} {month} {sector}.

TITLES = (
    "{name} Shares {move} as {topic_title} Sets the Tone",
    "{name} {verb} Outlook Amid {topic_title}",
    "Investors Weigh {name} Results Against {topic_title}",
    "{name} and {other} Diverge on {topic_title}",
    "{name} Bets on {topic_title} as {q_label} Looms",
    "{topic_title} Puts {name} in the Spotlight",
    "{name} Draws Analyst Upgrades on {topic_title}",
    "{name} Slips After Warning on {topic_title}",
)

DEKS = (
    "The company's update on {topic} gave investors a clearer view of the quarter, "
    "though questions about margins remain.",
    "Shares moved {pct}% as traders reassessed how much of the good news was already priced in.",
    "Analysts said the next few weeks will show whether {topic} is a lasting shift or a "
    "brief swing.",
    "A mixed set of figures left the stock near where it started the month, with {other} "
    "moving the other way.",
)

LEADS = (
    "{name} ({ticker}) moved {pct}% on {weekday} after the company said {topic} was "
    "running ahead of plan, a message that contrasted with more cautious comments from "
    "{other} earlier in the week.",
    "Investors in {name} spent {weekday} digesting a {amt} figure tied to {topic}, which "
    "management described as the largest single driver of its {q_label} outlook.",
    "Shares of {name} traded {pct}% {direction} as {firm} changed its view on {topic}, "
    "saying the market had yet to price in what the shift means for {sector}.",
)

KEY_POINTS = (
    "{name} said {topic} accounted for about {pct2}% of revenue growth in the quarter.",
    "{firm} moved its price target on {ticker} by {pct}%, citing {topic}.",
    "Management kept its full-year guidance but flagged softer demand in {sector}.",
    "{other} shares moved the other way, a sign investors are separating winners and losers.",
    "The company plans to spend {amt} on new capacity over the next two years.",
    "Trading volume in {ticker} was roughly {pct2}% above its 30-day average.",
    "Executives said pricing held up better than expected despite {topic}.",
)

SUMMARIES = (
    "{name} is trying to show that {topic} can carry its growth while other parts of the "
    "business slow. The company told investors that orders tied to {topic} rose for a "
    "third straight quarter, and it raised its spending plans to match. {firm} called the "
    "update credible but said the stock already reflects much of the improvement, leaving "
    "little room for a miss in {q_label}.",
    "The move in {name} reflects a broader debate about {topic} and what it means for "
    "{sector}. Bulls point to steady demand and firm pricing; skeptics argue that costs "
    "are rising faster than the company has admitted. For now, the shares are holding a "
    "{pct}% gain for the month, ahead of {other} and the wider market.",
    "Results from {name} landed in the middle of the range investors had expected, but "
    "the tone of the call was more cautious than in past quarters. Executives pointed to "
    "{topic} as the main source of uncertainty, and said they would update guidance once "
    "the picture for {sector} became clearer.",
)

DETAILS = (
    "The company reported revenue of {amt} for the period, up {pct}% from a year earlier, "
    "with the strongest growth in the unit exposed to {topic}. Operating margin narrowed "
    "slightly as {name} kept hiring and expanded its sales teams in Europe and Asia. "
    "Free cash flow improved, helped by lower inventory and the timing of tax payments.",
    "{firm} said in a note to clients that {topic} could add {pct2} percentage points to "
    "growth next year if current trends hold. The firm kept its rating unchanged, arguing "
    "that the valuation already assumes a strong finish to {y}. Two other brokers made "
    "similar calls during the week, and the consensus target rose accordingly.",
    "Rivals are responding in different ways. {other} has chosen to protect margins rather "
    "than chase volume, while smaller competitors have cut prices to win share in {sector}, "
    "a strategy that has weighed on profitability across the group. Industry data for "
    "{month} should show whether the discounting has spread.",
    "Options traders positioned for a larger move than usual ahead of the report, and "
    "implied volatility in {ticker} fell by about {pct2} points once the figures were out. "
    "Short interest has declined for three consecutive months, to about {pct}% of the "
    "shares available for trading.",
    "The outlook depends partly on factors outside the company's control, including "
    "interest rates and the pace of {topic}. Management said it had built some caution into "
    "its plans for {q_label} and would revisit them in {month}. It did not repeat its "
    "earlier target for {y}, which some analysts read as a quiet step back.",
    "Investors will get another read on the trend when {other} reports results in {month}. "
    "Historically the two stocks have moved together around earnings, though the "
    "relationship has weakened over the past year as their businesses have drifted apart "
    "and their investor bases have changed.",
)

QUOTES = (
    "We are seeing demand hold up better than most people expected, but I would not call "
    "it a boom yet. The next two quarters will tell us whether {topic} is durable.",
    "The market is paying for growth that has not shown up in the numbers. That can work "
    "for a while, but it leaves very little margin for error.",
    "What matters here is pricing. If {name} can keep raising prices without losing "
    "customers, the rest of the story takes care of itself.",
)

NOTES = (
    (
        "Contextual note",
        "Figures in this brief come from company statements and analyst notes published on "
        "the day; they were not independently verified.",
    ),
    (
        "What to watch",
        "The next catalyst is {other}'s results in {month}, followed by industry data on "
        "{topic} later in the quarter.",
    ),
    (
        "Background",
        "{name} has reorganized its reporting segments twice since {prev_y}, which makes "
        "year-over-year comparisons in some units less reliable.",
    ),
)
NOTE_KINDS = ("note", "note", "info", "tip", "warning")

RISKS = (
    (
        "Demand slowdown",
        "A sharper slowdown in {topic} would hit {name}'s most profitable unit first and "
        "could force a cut to full-year guidance.",
    ),
    (
        "Margin pressure",
        "Rising input and labor costs could squeeze margins if the company cannot pass them "
        "on to customers.",
    ),
    (
        "Regulatory scrutiny",
        "New rules affecting {sector} remain under discussion and could raise compliance "
        "costs or limit sales in some markets.",
    ),
    (
        "Valuation",
        "The shares trade at a premium to peers, so a small disappointment could lead to an "
        "outsized decline.",
    ),
    (
        "Competition",
        "{other} and smaller rivals are investing heavily in the same area, which could "
        "pressure pricing over the next year.",
    ),
)

MOVES = ("Rise", "Fall", "Climb", "Slide", "Edge Higher", "Drift Lower")
VERBS = ("Raises", "Trims", "Reaffirms", "Resets")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _title_case(text: str) -> str:
    small = {"a", "an", "and", "as", "at", "in", "of", "on", "the", "to", "for", "into"}
    words = text.split()
    return " ".join(
        w if (i and w in small) or not w[:1].islower() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def slugify(text: str) -> str:
    """Same result as ``generator.source.slugs.slugify`` for these ASCII titles; repeated so this
    module stands alone."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# YAML: folded block scalars for prose and flow lists for short lists, like the sample briefs.


class _Flow(list[Any]):
    """A list written in flow style: ``[ON, NVDA]``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - item" under its key, as authors write it


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 60 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    # 2026-03-04T09:30:00-05:00, not PyYAML's "2026-03-04 09:30:00-05:00"
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(datetime, _represent_datetime)
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def dump_brief(fields: dict[str, Any]) -> str:
    """One brief as YAML. Strings the YAML 1.1 resolver would read as something else (ON,
    1211, dates) come out quoted, so any YAML loader reads them back as the same text."""
    return yaml.dump(
        fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2
    )


# ---------------------------------------------------------------------------------------------
# Briefs.


# ---------------------------------------------------------------------------------------------
# Skew. A newsroom writes about a few names all the time and about most names now and then:
# every pool below is ranked, and a draw picks rank r with weight 1 / r**ZIPF (Zipf's law).

ZIPF = 1.1

ROOTS = (
    "Alder", "Birch", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iron",
    "Juniper", "Keystone", "Lumen", "Meridian", "Northgate", "Orion", "Pinnacle", "Quarry",
    "Redwood", "Summit", "Tidewater", "Union", "Vantage", "Willow", "Yardley", "Zenith",
    "Aspen", "Beacon", "Cedar", "Drummond", "Elm", "Fairview", "Glacier", "Highland",
    "Ivory", "Jasper", "Kestrel", "Lakeshore", "Maple", "Nimbus", "Oakridge", "Prairie",
    "Quill", "Riverside", "Sterling", "Thornton", "Upland", "Valley", "Westbrook", "Yew",
    "Zephyr",
)  # fmt: skip
"""Invented company names are a root and a word of their category: Cobalt Semiconductor."""

SUFFIXES: dict[str, tuple[str, ...]] = {
    "Stock Markets": ("Capital", "Holdings", "Brands"),
    "Economy": ("Bancorp", "Stores", "Homes"),
    "Technology": ("Semiconductor", "Software", "Systems"),
    "Energy": ("Energy", "Petroleum", "Midstream"),
    "Autos": ("Motors", "Mobility", "Auto Parts"),
    "Funds & ETFs": ("Asset Management", "Investors", "Funds"),
}
RARE_COMPANIES = len(ROOTS) * 3
"""Invented companies per category (each root with each suffix), ranked after the real
ones: at 5,000 briefs most of them are on one or two briefs."""

FIRST_NAMES = (
    "Ada", "Bruno", "Carmen", "Dmitri", "Elif", "Felix", "Greta", "Hiro", "Ines", "Jamal",
    "Kofi", "Lena", "Mateo", "Noor", "Oskar", "Paula", "Quinn", "Rosa", "Stefan", "Tara",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Brandt", "Costa", "Duval", "Eriksen", "Fontaine", "Galloway", "Haddad",
    "Ivanova", "Jansen", "Kowalski", "Lindgren", "Mbeki", "Nakamura", "Olsen", "Pereira",
    "Quintero", "Rahman", "Sato", "Toivonen",
)  # fmt: skip
"""Invented executives and officials (entities of kind person): every first and last name,
400 people, ranked."""

TAG_WORDS = (
    ("pricing", "guidance", "margins", "capex", "dividends", "layoffs", "mergers", "lawsuits",
     "recalls", "strikes", "tariffs", "subsidies", "patents", "ratings", "spin-offs", "IPOs",
     "buybacks", "pensions", "wages", "rents", "shipping", "insurance", "lending", "taxes",
     "audits", "listings", "bankruptcies", "outages", "hiring", "exports", "imports", "sanctions"),
    ("Europe", "Asia", "Latin America", "Canada", "India", "Japan", "Mexico", "Africa",
     "Texas", "California", "the Gulf", "the Midwest", "Germany", "Brazil", "Korea"),
)  # fmt: skip
"""Rare tags are a theme and a place: ``tariffs in Mexico``; 32 x 15 = 480 of them."""

EXCHANGES = ("NYSE", "Nasdaq", "NYSE", "Nasdaq", "NYSE American")

INSTITUTION_KINDS = {
    "New York Stock Exchange": "organisation",
    "Nasdaq": "organisation",
    "Cboe": "organisation",
    "OPEC": "organisation",
    "International Energy Agency": "organisation",
    "United Auto Workers": "organisation",
    "Morningstar": "organisation",
    "European Commission": "government",
}
"""The institutions that are not government agencies (the rest are)."""


class Zipf:
    """Draws from a ranked pool: rank r (from 1) with weight 1 / r**ZIPF."""

    def __init__(self, ranked: Sequence[Any]) -> None:
        self.items = list(ranked)
        total = 0.0
        self.cumulative = []
        for rank in range(1, len(self.items) + 1):
            total += 1 / rank**ZIPF
            self.cumulative.append(total)

    def one(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]

    def some(self, rng: random.Random, k: int, exclude: Sequence[Any] = ()) -> list[Any]:
        """``k`` different items (fewer if the pool is smaller), none of ``exclude``."""
        k = min(k, len(set(self.items) - set(exclude)))
        found: list[Any] = []
        while len(found) < k:
            item = self.one(rng)
            if item not in found and item not in exclude:
                found.append(item)
        return found


def _ticker_for(name: str, taken: set[str]) -> str:
    """An unused symbol from the name's initials and letters: Cobalt Semiconductor -> CSE."""
    letters = "".join(ch for ch in name.upper() if ch.isalpha())
    initials = "".join(word[0] for word in name.upper().split() if word[0].isalpha())
    for candidate in (initials, initials + letters[1], *(letters[:n] for n in (3, 4))):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{initials}{n}" in taken:
        n += 1
    return f"{initials}{n}"


@dataclass(frozen=True)
class Pools:
    """Every name the briefs draw from, ranked most written about first."""

    companies: dict[str, Zipf]
    """Per category: its real companies, then invented ones."""
    people: Zipf
    tags: Zipf
    """Rare tags; each category also has its six common ones (TAGS)."""
    authors: Zipf


def make_pools() -> Pools:
    """The same pools every time: ranks are fixed, so a seed changes only the draws."""
    taken = set(TICKERS)
    companies: dict[str, Zipf] = {}
    for category, real in CATEGORIES.items():
        invented = []
        sector = Counter(c.sector for c in real).most_common(1)[0][0]
        for i in range(RARE_COMPANIES):  # 7 and len(ROOTS) are coprime: each root once a round
            root = ROOTS[(i * 7 + len(category)) % len(ROOTS)]
            name = f"{root} {SUFFIXES[category][i // len(ROOTS)]}"
            ticker = _ticker_for(name, taken)
            taken.add(ticker)
            invented.append(Company(ticker, name, sector))
        companies[category] = Zipf([*real, *invented])
    people = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
    random.Random(1).shuffle(
        people
    )  # ranks mix first and last names (seed fixed: same pools always)
    tags = [f"{theme} in {place}" for place in TAG_WORDS[1] for theme in TAG_WORDS[0]]
    return Pools(companies, Zipf(people), Zipf(tags), Zipf(BYLINES))


# ---------------------------------------------------------------------------------------------
# Stories: threads of 2-20 briefs of one category, close in time.


class Stories:
    """Open threads per category: a brief joins one, starts one, or stands alone."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.open: dict[str, list[tuple[str, int]]] = {}
        self.members: Counter[str] = Counter()
        self.made = 0

    def pick(self, category: str, topic: str) -> str | None:
        rng = self.rng
        if rng.random() < 0.5:
            return None
        threads = self.open.setdefault(category, [])
        if threads and rng.random() < 0.75:
            story, size = threads[-1 - min(int(rng.expovariate(1.0)), len(threads) - 1)]
        else:
            self.made += 1
            size = rng.choices(range(2, 21), weights=[1 / k for k in range(2, 21)])[0]
            story = f"{slugify(category)}-{slugify(topic)}-{self.made}"
            threads.append((story, size))
        self.members[story] += 1
        if self.members[story] >= size:
            threads.remove((story, size))
        return story


# ---------------------------------------------------------------------------------------------
# Briefs.


@dataclass(frozen=True)
class SyntheticBrief:
    path: Path
    """Relative to the briefs folder: YYYY/MM/slug.yaml."""
    slug: str
    fields: dict[str, Any]


def _published(rng: random.Random, day: date) -> date | datetime:
    """A date alone for most briefs; a time with a UTC offset for about a third."""
    if rng.random() < 0.65:
        return day
    at = time(rng.randint(6, 20), rng.choice((0, 15, 30, 45)), tzinfo=rng.choice(OFFSETS))
    return datetime.combine(day, at)


def _days(rng: random.Random, count: int, first: date, last: date) -> list[date]:
    span = (last - first).days
    return sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(count))


CATEGORY_WEIGHTS = (30, 20, 20, 12, 10, 8)
"""Stock Markets is written about most, Funds & ETFs least."""


def generate_briefs(count: int, seed: int = 0) -> list[SyntheticBrief]:
    """``count`` briefs, oldest first, so that ``related`` only names briefs made before."""
    rng = random.Random(seed)
    pools = make_pools()
    stories = Stories(rng)
    categories = list(CATEGORIES)
    days = _days(rng, count, date(2025, 3, 1), date(2026, 2, 28))
    made: list[SyntheticBrief] = []
    slugs: set[str] = set()
    by_category: dict[str, list[SyntheticBrief]] = {c: [] for c in categories}
    for day in days:
        category = rng.choices(categories, weights=CATEGORY_WEIGHTS)[0]
        brief = _brief(rng, pools, stories, day, category, by_category[category], made, slugs)
        slugs.add(brief.slug)
        made.append(brief)
        by_category[category].append(brief)
    # A story of one brief reads as a typo of another story's id (the generator warns, and
    # --strict builds fail): threads that found no second brief are dropped.
    for brief in made:
        if stories.members[brief.fields.get("story", "")] == 1:
            del brief.fields["story"]
    return made


def _brief(
    rng: random.Random,
    pools: Pools,
    stories: Stories,
    day: date,
    category: str,
    same_category: Sequence[SyntheticBrief],
    earlier: Sequence[SyntheticBrief],
    taken: set[str],
) -> SyntheticBrief:
    companies = pools.companies[category]
    company, other = companies.some(rng, 2)
    topic = rng.choice(TOPICS[category])
    quarter = (day.month - 1) // 3 + 1
    next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    words = {
        "name": company.name,
        "ticker": company.ticker,
        "other": other.name,
        "topic": topic,
        "topic_title": _title_case(topic),
        "firm": rng.choice(ANALYST_FIRMS),
        "pct": f"{rng.uniform(0.5, 9.5):.1f}",
        "pct2": str(rng.randint(5, 40)),
        "amt": f"${rng.uniform(0.2, 60):.1f} billion",
        "q_label": f"Q{quarter % 4 + 1}",
        "y": str(day.year),
        "prev_y": str(day.year - rng.randint(2, 6)),
        "month": f"{next_month:%B}",
        "sector": company.sector,
        "weekday": rng.choice(WEEKDAYS),
        "direction": rng.choice(("higher", "lower")),
        "move": rng.choice(MOVES),
        "verb": rng.choice(VERBS),
    }

    def say(template: str) -> str:
        return template.format(**words)

    title = say(rng.choice(TITLES))
    slug = base = slugify(title)[:90].strip("-")
    n = 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1

    extra = companies.some(rng, rng.randint(0, 2), exclude=(company, other))
    if rng.random() < 0.15:  # now and then a ticker from another category
        extra.append(pools.companies[rng.choice(list(CATEGORIES))].one(rng))
    tickers = list(dict.fromkeys(c.ticker for c in (company, other, *extra)))
    authors = pools.authors.some(rng, 1 if rng.random() < 0.8 else 2)

    fields: dict[str, Any] = {
        "title": title,
        "dek": say(rng.choice(DEKS)),
        "date": _published(rng, day),
        "category": category,
        "byline": authors[0] if len(authors) == 1 else _Flow(authors),
        "tickers": _Flow(tickers),
        "lead": say(rng.choice(LEADS)),
        "key_points": [say(t) for t in rng.sample(KEY_POINTS, 3)],
        "summary": say(rng.choice(SUMMARIES)),
        "details": [say(t) for t in rng.sample(DETAILS, rng.randint(3, 4))],
    }
    if rng.random() < 0.1:
        published = fields["date"]
        hours = rng.randint(2, 30)
        start = published if isinstance(published, datetime) else None
        fields["updated"] = (
            start + timedelta(hours=hours)
            if start
            else datetime.combine(day, time(12, 0), tzinfo=UTC) + timedelta(hours=hours)
        )
    if rng.random() < 0.5:
        speaker, role = rng.choice(SPEAKERS)
        fields["quotes"] = [{"text": say(rng.choice(QUOTES)), "by": speaker, "role": role}]
    notes = []
    for title_text, text in rng.sample(NOTES, rng.randint(1, 2)):
        note = {"title": title_text, "text": say(text)}
        kind = rng.choice(NOTE_KINDS)
        if kind != "note":
            note["kind"] = kind
        notes.append(note)
    fields["notes"] = notes
    fields["risks"] = [
        {
            "title": risk_title,
            "text": say(text),
            "sectors": _Flow(
                dict.fromkeys([company.sector, *rng.sample(SECTORS_AT_RISK, rng.randint(0, 2))])
            ),
        }
        for risk_title, text in rng.sample(RISKS, 2)
    ]
    people = pools.people.some(rng, 1) if rng.random() < 0.5 else []
    fields["entities"] = _Flow(
        dict.fromkeys([company.name, other.name, rng.choice(INSTITUTIONS[category]), *people])
    )
    tags = rng.sample(TAGS[category], rng.randint(2, 3))
    fields["tags"] = _Flow(tags + pools.tags.some(rng, rng.randint(0, 2)))
    related = _related(rng, same_category, earlier)
    if related:
        fields["related"] = _Flow(related)
    story = stories.pick(category, topic)
    if story:
        fields["story"] = story

    path = Path(f"{day:%Y}", f"{day:%m}", f"{slug}.yaml")
    return SyntheticBrief(path, slug, fields)


def _related(
    rng: random.Random, same_category: Sequence[SyntheticBrief], earlier: Sequence[SyntheticBrief]
) -> list[str]:
    """Up to three earlier briefs: mostly recent ones of the same category."""
    if not earlier or rng.random() < 0.4:
        return []
    candidates = [b.slug for b in same_category[-30:]] or [b.slug for b in earlier[-30:]]
    if rng.random() < 0.2:
        candidates.append(rng.choice(earlier).slug)
    candidates = list(dict.fromkeys(candidates))
    return rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))


# ---------------------------------------------------------------------------------------------
# Registries: briefs/_data/, in the sample site's format (generator/source/registry.py).


def registries(pools: Pools) -> dict[str, dict[str, Any]]:
    """File name -> entries, listing every name the pools can draw (listed names that no
    brief uses get no page)."""
    tickers: dict[str, Any] = {}
    entities: dict[str, Any] = {}
    for category, ranked in pools.companies.items():
        for i, company in enumerate(ranked.items):
            exchange = "HKEX" if company.ticker == "1211" else EXCHANGES[i % len(EXCHANGES)]
            tickers[company.ticker] = {
                "name": company.name,
                "exchange": exchange,
                "sector": company.sector,
                "entity": company.name,
            }
            entities[company.name] = {
                "kind": "company",
                "description": f"Listed as {company.ticker}; in the {category} pages.",
            }
        for institution in INSTITUTIONS[category]:
            entities[institution] = {"kind": INSTITUTION_KINDS.get(institution, "government")}
    for person in pools.people.items:
        entities[person] = {"kind": "person", "description": "An invented executive."}
    order = {category: i + 1 for i, category in enumerate(CATEGORIES)}
    return {
        "tickers.yaml": tickers,
        "entities.yaml": dict(sorted(entities.items())),
        "categories.yaml": {
            category: {"description": f"Synthetic briefs about {category.lower()}.", "order": n}
            for category, n in order.items()
        },
        "authors.yaml": {
            author: {"role": "Reporter", "bio": f"{author} writes synthetic briefs."}
            for author in BYLINES
        },
    }


def write_synthetic_briefs(briefs_dir: Path, count: int, seed: int = 0) -> None:
    """Write ``count`` valid briefs as ``briefs_dir/YYYY/MM/slug.yaml`` and the registries in
    ``briefs_dir/_data/``; same seed, same files."""
    for brief in generate_briefs(count, seed):
        target = briefs_dir / brief.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump_brief(brief.fields), encoding="utf-8")
    data = briefs_dir / "_data"
    data.mkdir(parents=True, exist_ok=True)
    for name, entries in registries(make_pools()).items():
        text = yaml.dump(entries, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (data / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Sites.

THEME: dict[str, Any] = {
    "name": "material",
    "font": False,
    "features": [
        "navigation.indexes",
        "navigation.top",
        "navigation.sections",
        "search.suggest",
        "search.highlight",
        "toc.follow",
    ],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "deep orange",
            "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "deep orange",
            "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
        },
    ],
}
"""The sample site's theme settings (mkdocs.yml at the top of the repository)."""

PLUGIN_OPTIONS: dict[str, Any] = {"briefs_dir": "briefs", "per_page": 20, "more_from": 5}

ABOUT = """# About

This site is generated for benchmarks: its briefs are synthetic. Company names are real;
every figure, quote and event in the briefs is invented.
"""


def site_config(
    *, plugin: bool, nav: list[Any] | None = None, material_search: bool = True
) -> dict[str, Any]:
    """mkdocs.yml of a benchmark site, as a mapping: with the ``briefs`` plugin or not, and
    with Material's search plugin or not (when the briefs plugin brings its own search)."""
    plugins: list[Any] = ["search"] if material_search else []
    if plugin:
        plugins.append({"briefs": dict(PLUGIN_OPTIONS)})
    config: dict[str, Any] = {
        "site_name": "Market Briefs (synthetic)",
        "site_description": "Synthetic briefs for build benchmarks.",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": THEME,
        "plugins": plugins,
        "extra_css": ["assets/newsbriefs/newsbriefs.css"],
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
    }
    if nav is not None:
        config["nav"] = nav
    return config


def make_site(
    root: Path,
    count: int,
    *,
    plugin: bool,
    seed: int = 0,
    nav: list[Any] | None = None,
    material_search: bool = True,
) -> Path:
    """A site folder: mkdocs.yml, docs/about.md and ``count`` briefs in briefs/.

    ``plugin`` adds the ``briefs`` plugin to mkdocs.yml; without it the site is a plain
    MkDocs site (give it an explicit ``nav`` and put the generated Markdown in docs/).
    Returns the path of mkdocs.yml.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text(ABOUT, encoding="utf-8")
    (root / "briefs").mkdir(exist_ok=True)
    if count:
        write_synthetic_briefs(root / "briefs", count, seed)
    config_file = root / "mkdocs.yml"
    text = yaml.safe_dump(
        site_config(plugin=plugin, nav=nav, material_search=material_search),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    config_file.write_text(text, encoding="utf-8")
    return config_file


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a site of synthetic briefs.")
    parser.add_argument("root", type=Path, help="folder to create the site in")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-plugin", action="store_true", help="leave out the briefs plugin")
    args = parser.parse_args(argv)
    config = make_site(args.root, args.count, plugin=not args.no_plugin, seed=args.seed)
    print(f"{config}: {args.count} briefs in {args.root / 'briefs'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
