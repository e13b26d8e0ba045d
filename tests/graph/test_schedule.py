"""The editorial workflow: scheduled briefs, drafts, corrections and withdrawals, in real
builds checked byte by byte and in their HTML."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import extruct
import pytest
from bs4 import BeautifulSoup

from generator.build import engines
from generator.build.pipeline import generate
from generator.build.request import EPOCH_ENV, NOW_ENV, build_time
from generator.graph.schedule import BadTime, Embargo, go_live, iso_utc, next_go_live, seconds_until
from generator.settings import load_site
from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief
from support import BIN, SiteFactory, brief_yaml, run, unpacked, with_site_url
from support.sites import parsed_brief

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SCHEDULED_WORD = "zanzibarquux"
DRAFT_WORD = "quokkafrond"
WITHDRAWN_WORD = "marmotflange"


def _shared(**fields: object) -> str:
    """A brief that shares every kind of term with the others, so each listing, term page,
    related list, timeline and chart would pick up a brief that leaked into the build."""
    base: dict[str, object] = {
        "tickers": ["F"],
        "entities": ["Ford"],
        "tags": ["electric vehicles"],
        "story": "ford-china",
        "byline": "Caleb Monroe",
        "risks": [{"title": "Tariffs", "text": "Duties may rise.", "sectors": ["automotive"]}],
    }
    return brief_yaml(**{**base, **fields})


def _marked(word: str, **fields: object) -> str:
    """A brief whose marker word is in every field that makes a page or a listing entry."""
    return _shared(
        title=f"The {word.title()} Report",
        dek=f"A {word} dek.",
        summary=f"The {word} summary.",
        category=f"{word} desk",
        tags=["electric vehicles", f"{word} tag"],
        entities=["Ford", f"{word.title()} Corp"],
        byline=f"{word.title()} Writer",
        story=f"{word}-thread",
        risks=[{"title": f"{word} risk", "text": "t.", "sectors": [f"{word} sector"]}],
        **fields,
    )


def _site_text(folder: Path) -> bytes:
    """Every byte of a built site, lowercased, compressed files (sitemap.xml.gz) opened."""
    assert (folder / "index.html").is_file(), f"{folder} holds no built site"
    chunks = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            chunks.append(path.relative_to(folder).as_posix().encode())
            chunks.append(unpacked(data))
    return b"\n".join(chunks).lower()


@pytest.fixture
def newsroom(site: SiteFactory) -> SiteFactory:
    """Live briefs, one scheduled an hour after NOW, a draft, and a withdrawn brief."""
    site.create(
        {
            "live-one.yaml": _shared(title="Live One", date="2026-03-01"),
            "live-two.yaml": _shared(title="Live Two", date="2026-02-27", related=["soon"]),
            "soon.yaml": _marked(SCHEDULED_WORD, date=(NOW + timedelta(hours=1)).isoformat()),
            "draft.yaml": _marked(DRAFT_WORD, date="2026-02-01", draft=True),
            "withdrawn.yaml": _marked(
                WITHDRAWN_WORD,
                date="2026-02-20",
                status="withdrawn",
                corrections=[{"date": "2026-02-21", "text": "The report could not be verified."}],
                slug="pulled",
                related=["live-one"],
            ),
        }
    )
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://news.example.com/\n")
    return site


def _build(site: SiteFactory, now: datetime, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(NOW_ENV, now.isoformat())
    out = site.root / f"site-{now:%H%M}"
    result = site.mkdocs_build("-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_scheduled_and_draft_briefs_are_absent_from_every_byte_of_the_site(
    newsroom: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _site_text(_build(newsroom, NOW, monkeypatch))
    for word in (SCHEDULED_WORD, DRAFT_WORD):
        assert word.encode() not in text, word
    # The scan reads the search index (Pagefind's records, unpacked) and the sitemap.
    assert b"pagefind_dcd" in text and b"sitemap.xml.gz" in text
    assert b"live one" in text  # the live briefs are there

    # An hour and a minute later the scheduled brief is everywhere the others are.
    later = _build(newsroom, NOW + timedelta(minutes=61), monkeypatch)
    assert SCHEDULED_WORD.encode() in _site_text(later)
    assert DRAFT_WORD.encode() not in _site_text(later)
    page = BeautifulSoup((later / "briefs/soon/index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".nb-embargo") is None  # live now: not marked
    home = (later / "index.html").read_text("utf-8")
    assert "The Zanzibarquux Report" in home


def test_withdrawn_brief_keeps_its_page_and_leaves_every_listing(
    newsroom: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(newsroom, NOW, monkeypatch)
    page = BeautifulSoup((site / "briefs/pulled/index.html").read_text("utf-8"), "html.parser")
    notice = page.select_one(".admonition.nb-withdrawn")
    assert notice is not None
    assert "Withdrawn February 21, 2026" in notice.get_text()
    assert "The report could not be verified." in notice.get_text()
    assert notice.select_one("time")["datetime"] == "2026-02-21"
    assert page.select_one("h1").get_text(strip=True).startswith("The Marmotflange Report")
    article = page.select_one("article").get_text().lower()
    assert "marmotflange summary" not in article and "marmotflange dek" not in article
    # Its body is nowhere; the brief only on its own page, and in the sitemap, which lists
    # that page (the search leaves it out, as every listing does).
    text = _site_text(site)
    for gone in (b"marmotflange summary", b"marmotflange dek", b"marmotflange tag"):
        assert gone not in text, gone
    own = {Path("briefs/pulled/index.html"), Path("sitemap.xml.gz")}
    for path in site.rglob("*"):
        if path.is_file() and path.relative_to(site) not in own:
            assert b"marmotflange" not in unpacked(path.read_bytes()).lower(), path
    assert b"https://news.example.com/briefs/pulled/" in text


def test_correction_notes_are_dated_at_the_top_and_bottom(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    correction = "An earlier version put revenue at $2 billion <script>alert(1)</script>."
    site.create(
        {
            "acme.yaml": brief_yaml(
                details=["The details paragraph."],
                corrections=[
                    {"date": "2026-01-07T10:00:00Z", "text": "The chief's name is Ana."},
                    {"date": "2026-01-06", "text": correction},
                ],
            )
        }
    )
    out = _build(site, NOW, monkeypatch)
    url = out / "briefs/acme/index.html"
    page = BeautifulSoup(url.read_text("utf-8"), "html.parser")
    article = page.select_one("article")
    top = article.select_one(".admonition.nb-correction")
    assert top is not None and top.select_one(".admonition-title").get_text() == "Corrections"
    # At the top: before the key points; oldest first, each dated.
    assert article.find_all(class_="admonition")[0] is top
    assert [t["datetime"] for t in top.select("time")] == [
        "2026-01-06",
        "2026-01-07T10:00:00+00:00",
    ]
    assert top.get_text(" ", strip=True).startswith(
        "Corrections Corrected January 6, 2026 : An earlier version put revenue at $2 billion "
        "<script>alert(1)</script>."
    )
    assert not page.select("article script")  # text, never code
    # At the bottom: after the body, under its own heading, the same dated notes.
    heading = article.find("h2", id="corrections")
    assert heading is not None
    details = article.find(string="The details paragraph.")
    assert details is not None and details.find_next("h2", id="corrections") is heading
    bottom = heading.find_next("ul")
    assert [t["datetime"] for t in bottom.select("time")] == [
        "2026-01-06",
        "2026-01-07T10:00:00+00:00",
    ]
    assert "The chief\u2019s name is Ana." in bottom.get_text()  # typographic apostrophe


def test_serve_marks_drafts_and_scheduled_briefs(newsroom: SiteFactory) -> None:
    settings = load_site(newsroom.root / "mkdocs.yml").settings
    preview = generate(settings, drafts=True, scheduled=True, now=NOW)
    assert preview.index.embargoes == {
        "draft": Embargo("draft"),
        "soon": Embargo("scheduled", NOW + timedelta(hours=1)),
    }
    soon = preview.files["briefs/soon.md"]
    assert '!!! warning nb-embargo "Scheduled for March 2, 2026, 10 a.m. UTC"' in soon
    assert '!!! warning nb-embargo "Draft"' in preview.files["briefs/draft.md"]
    assert "nb-embargo" not in preview.files["briefs/live-one.md"]
    production = generate(settings, now=NOW)
    assert production.index.embargoes == {}
    assert "briefs/soon.md" not in production.files and "briefs/draft.md" not in production.files


# ---------------------------------------------------------------------------------------------
# The build time and go-live times.


def test_build_time_comes_from_now_then_the_environment_then_the_clock() -> None:
    env = {NOW_ENV: "2026-03-02T10:00:00+01:00", EPOCH_ENV: "0"}
    assert build_time("2026-03-02T09:00:00Z", env) == NOW
    assert build_time(None, env) == NOW
    assert build_time(None, {EPOCH_ENV: str(int(NOW.timestamp()))}) == NOW
    before = datetime.now(UTC)
    assert before <= build_time(None, {}) <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("now", "env", "message"),
    [
        ("2026-03-02T09:00:00", {}, "--now: expected a date and time with its UTC offset"),
        ("tomorrow", {}, "found 'tomorrow'"),
        (None, {EPOCH_ENV: "soon"}, "SOURCE_DATE_EPOCH: expected whole seconds since 1970"),
        (None, {NOW_ENV: "2026-03-02"}, "NEWSBRIEFS_NOW: expected a date and time"),
    ],
)
def test_a_bad_build_time_says_where_it_came_from(
    now: str | None, env: dict[str, str], message: str
) -> None:
    with pytest.raises(BadTime, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_time(now, env)


def test_go_live_is_publish_at_else_date_and_a_day_starts_in_the_site_time_zone() -> None:
    york = ZoneInfo("America/New_York")
    assert go_live(parsed_brief(date="2026-03-03"), york) == datetime(2026, 3, 3, tzinfo=york)
    assert go_live(parsed_brief(date="2026-03-03"), york) == datetime(2026, 3, 3, 5, tzinfo=UTC)
    timed = parsed_brief(date="2026-03-01", publish_at="2026-03-03T08:00:00-05:00")
    assert go_live(timed, UTC) == datetime(2026, 3, 3, 13, tzinfo=UTC)


def test_next_go_live_skips_drafts_and_what_is_already_live() -> None:
    briefs = [
        parsed_brief(date="2026-03-01"),
        parsed_brief(date="2026-03-05T12:00:00+02:00"),
        parsed_brief(date="2026-03-04", publish_at="2026-03-09T00:00:00Z"),
        parsed_brief(date="2026-03-02T09:30:00Z", draft=True),
    ]
    assert next_go_live(briefs, NOW, UTC) == datetime(2026, 3, 5, 10, tzinfo=UTC)
    assert next_go_live(briefs[:1], NOW, UTC) is None


# ---------------------------------------------------------------------------------------------
# The fields: status, corrections, publish_at, and where their errors point.


def _problems(**fields: object) -> list[str]:
    raw, problems = parse_brief_text(Path("b.yaml"), brief_yaml(**fields))
    assert raw is not None and not problems
    _, brief_problems = parse_brief(raw)
    return [p.format() for p in brief_problems]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"status": "correctd"},
            "b.yaml:7:9: status: expected one of 'published', 'corrected' or 'withdrawn', "
            "found the text 'correctd'; did you mean 'corrected'?",
        ),
        (
            {"status": "withdrawn"},
            "b.yaml:7:9: status: a withdrawn brief says when and why it was withdrawn: add "
            "'corrections: [{date: YYYY-MM-DD, text: ...}]'",
        ),
        (
            {"status": "corrected"},
            "b.yaml:7:9: status: a corrected brief says when and why it was corrected: add "
            "'corrections: [{date: YYYY-MM-DD, text: ...}]'",
        ),
        (
            {"status": "published", "corrections": [{"date": "2026-01-06", "text": "x"}]},
            "b.yaml:7:9: status: a brief with corrections is 'corrected' (or 'withdrawn'); "
            "remove 'status' or set it to corrected",
        ),
        (
            {
                "corrections": [
                    {"date": "2026-01-06", "text": "x"},
                    {"date": "2026-01-04", "text": "y"},
                ]
            },
            "b.yaml:10:9: corrections[1].date: is before the brief's date (2026-01-05)",
        ),
        (
            {"corrections": [{"date": "2026-01-06", "txt": "x"}]},
            "b.yaml:9:3: corrections[0].txt: unknown field; did you mean 'text'?",
        ),
        (
            {"corrections": [{"date": "Jan 6", "text": "x"}]},
            "b.yaml:8:9: corrections[0].date: 'Jan 6' is not an ISO date",
        ),
        (
            {"corrections": [{"date": "2026-01-06", "text": ""}]},
            "b.yaml:9:9: corrections[0].text: must not be empty",
        ),
        ({"corrections": "fixed a typo"}, "b.yaml:7:14: corrections: expected a list"),
        (
            {"publish_at": "2026-01-06T09:00:00"},
            "b.yaml:7:13: publish_at: '2026-01-06T09:00:00' has a time but no UTC offset",
        ),
        ({"publish_at": "tomorrow"}, "b.yaml:7:13: publish_at: 'tomorrow' is not an ISO date"),
    ],
)
def test_bad_editorial_fields_point_at_their_value(
    fields: dict[str, object], expected: str
) -> None:
    problems = _problems(**fields)
    assert any(p.startswith(expected) for p in problems), problems


def test_status_defaults_to_corrected_when_there_are_corrections() -> None:
    assert parsed_brief().status == "published" and parsed_brief().notices == ()
    corrected = parsed_brief(
        corrections=[{"date": "2026-01-08", "text": "b"}, {"date": "2026-01-06", "text": "a"}]
    )
    assert corrected.status == "corrected"
    assert [c.date for c in corrected.notices] == [date(2026, 1, 6), date(2026, 1, 8)]
    withdrawn = parsed_brief(status="withdrawn", corrections=[{"date": "2026-01-06", "text": "a"}])
    assert withdrawn.withdrawn and withdrawn.status == "withdrawn"


# ---------------------------------------------------------------------------------------------
# The commands: briefs build/generate/check --now, briefs schedule.


def test_briefs_build_now_leaves_out_a_brief_one_hour_ahead(newsroom: SiteFactory) -> None:
    result = newsroom.briefs("build", "--now", NOW.isoformat())
    assert result.returncode == 0, result.stderr
    text = _site_text(newsroom.root / "site")
    assert SCHEDULED_WORD.encode() not in text and DRAFT_WORD.encode() not in text
    assert b"live one" in text
    later = (NOW + timedelta(hours=1)).isoformat()
    result = newsroom.briefs("build", "--now", later)
    assert result.returncode == 0, result.stderr
    assert SCHEDULED_WORD.encode() in _site_text(newsroom.root / "site")


def test_briefs_generate_now_and_its_errors(newsroom: SiteFactory) -> None:
    out = newsroom.root / "tree"
    result = newsroom.briefs("generate", "--out", str(out), "--now", NOW.isoformat())
    assert result.returncode == 0, result.stderr
    assert not (out / "briefs/soon.md").exists() and (out / "briefs/live-one.md").is_file()
    later = (NOW + timedelta(hours=2)).isoformat()
    assert newsroom.briefs("generate", "--out", str(out), "--now", later).returncode == 0
    assert (out / "briefs/soon.md").is_file()
    for command in ("build", "generate --out tree", "check", "schedule"):
        result = newsroom.briefs(*command.split(), "--now", "2026-03-02 09:00")
        assert result.returncode == 2, command
        assert result.stderr.startswith(
            "briefs: Invalid value for '--now': a date and time with its UTC offset"
        ), result.stderr


def test_schedule_prints_the_next_go_live_time(newsroom: SiteFactory) -> None:
    result = newsroom.briefs("schedule", "--now", NOW.isoformat())
    assert (result.returncode, result.stdout) == (0, "2026-03-02T10:00:00Z\n"), result.stderr
    # Once it is live nothing waits (the draft never goes live by itself): no output.
    result = newsroom.briefs("schedule", "--now", "2026-03-02T10:00:00Z")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_schedule_in_github_actions_sets_step_outputs(
    newsroom: SiteFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    outputs = tmp_path / "github-output"
    outputs.write_text("earlier=1\n")
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    result = newsroom.briefs("schedule", "--format", "github", "--now", "2026-03-02T09:30:00Z")
    assert result.returncode == 0, result.stderr
    assert outputs.read_text() == "earlier=1\nnext=2026-03-02T10:00:00Z\nseconds=1800\n"
    result = newsroom.briefs("schedule", "--format", "github", "--now", "2026-03-03T00:00:00Z")
    assert result.returncode == 0, result.stderr
    assert outputs.read_text().endswith("seconds=1800\nnext=\nseconds=\n")
    monkeypatch.delenv("GITHUB_OUTPUT")
    result = newsroom.briefs("schedule", "--format", "github")
    assert result.returncode == 2
    assert (
        result.stderr == "briefs: --format github writes to $GITHUB_OUTPUT, which is not set here\n"
    )


def test_schedule_with_broken_briefs_or_a_bad_epoch_fails(
    newsroom: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EPOCH_ENV, "yesterday")
    result = newsroom.briefs("schedule")
    assert result.returncode == 2
    assert result.stderr == (
        "briefs: SOURCE_DATE_EPOCH: expected whole seconds since 1970, found 'yesterday'\n"
    )
    monkeypatch.setenv(EPOCH_ENV, str(int(NOW.timestamp())))
    assert newsroom.briefs("schedule").stdout == "2026-03-02T10:00:00Z\n"
    (newsroom.root / "briefs/bad.yaml").write_text(brief_yaml(publish_at="soon"), "utf-8")
    result = newsroom.briefs("schedule")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("briefs/bad.yaml:7:13: publish_at: 'soon' is not an ISO date")


# ---------------------------------------------------------------------------------------------
# `briefs schedule` never tells a workflow to build before the go-live instant: the wait
# and the printed time round up, never down.


LIVE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "seconds"),
    [
        (timedelta(seconds=1800), 1800),
        (timedelta(seconds=1799, microseconds=300_000), 1800),  # main said 1799
        (timedelta(microseconds=1), 1),
        (timedelta(days=2, seconds=5, microseconds=999_999), 2 * 86_400 + 6),
        (timedelta(0), 0),
        (-timedelta(seconds=5), 0),
    ],
)
def test_seconds_until_rounds_up(before: timedelta, seconds: int) -> None:
    assert seconds_until(LIVE, LIVE - before) == seconds
    if before >= timedelta(0):  # a job that waits that long starts at go-live or after
        assert LIVE - before + timedelta(seconds=seconds) >= LIVE


def test_a_go_live_time_with_a_fraction_of_a_second_prints_the_next_second() -> None:
    assert iso_utc(LIVE) == "2026-03-02T10:00:00Z"
    assert iso_utc(LIVE + timedelta(microseconds=1)) == "2026-03-02T10:00:01Z"
    assert iso_utc(LIVE - timedelta(microseconds=1)) == "2026-03-02T10:00:00Z"


def test_the_step_outputs_never_wait_too_little(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site.create({"later.yaml": brief_yaml(publish_at="2026-03-02T10:00:00.250Z")})
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    result = site.briefs("schedule", "--format", "github", "--now", "2026-03-02T09:30:00.700Z")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-03-02T10:00:01Z\n"
    assert outputs.read_text() == "next=2026-03-02T10:00:01Z\nseconds=1800\n"


# ---------------------------------------------------------------------------------------------
# Embargo never leaks: a production build publishes nothing of a draft or of a brief
# scheduled for later, in any file of site/ (pages, listings, term pages, related and
# more-from lists, feeds, sitemaps, the JSON API, the search index, the risk chart), on every
# engine. Each embargoed brief carries unique marker words in every field that reaches an
# output; every byte of every file is searched for them (gzip files unpacked).
#
# The same scan finds the markers when drafts are published (``--drafts``) and when the build
# is made as of a time after the scheduled brief's (``--now``), so it cannot pass by looking in
# the wrong place.


SITE_URL = "https://embargo.example.org/"
DRAFT_MARK = "zorblax"
LATER_MARK = "quimbly"


def _embargoed(mark: str, **fields: object) -> str:
    """A brief whose every published field carries ``mark``."""
    return brief_yaml(
        title=f"{mark.title()} Shares Jump on {mark} Merger Talk",
        dek=f"The {mark} deal is not public yet.",
        category=f"{mark.title()} Desk",
        byline=f"{mark.title()} Writer",
        tickers=[mark.upper()[:5]],
        lead=f"Lead about {mark}.",
        key_points=[f"Point about {mark}."],
        summary=f"Summary of {mark}.",
        details=[f"Detail on {mark}."],
        quotes=[{"text": f"Quote on {mark}.", "by": f"{mark.title()} Chief"}],
        notes=[{"title": f"{mark.title()} note", "text": f"Note on {mark}."}],
        risks=[
            {
                "title": f"{mark.title()} risk",
                "text": f"Risk of {mark}.",
                "sectors": [f"{mark} sector"],
            }
        ],
        entities=[f"{mark.title()} Corp", "Acme"],
        tags=[f"{mark} tag", "earnings"],
        story=f"{mark}-story",
        related=["public"],
        sources=[{"title": f"{mark.title()} filing", "url": f"https://example.com/{mark}"}],
        aliases=[f"{mark}-old"],
        slug=f"{mark}-brief",
        **fields,
    )


def _site(root: Path) -> Path:
    briefs = {
        "public.yaml": brief_yaml(
            title="Acme Shares Rise After Earnings Beat",
            tickers=["ACME"],
            entities=["Acme"],
            tags=["earnings"],
            risks=[{"title": "Rates", "text": "Rates may rise.", "sectors": ["banks"]}],
            byline="Ana Ruiz",
            aliases=["public-old"],
        ),
        "draft.yaml": _embargoed(DRAFT_MARK, draft=True, date="2026-01-06"),
    }
    briefs["later.yaml"] = _embargoed(
        LATER_MARK, date="2026-01-04", publish_at="2026-06-01T09:00:00Z"
    )
    root = SiteFactory(root).create(briefs)
    with_site_url(root, SITE_URL)
    return root


def _found(site: Path, *marks: str) -> dict[str, list[str]]:
    """Mark -> the files of ``site`` whose bytes (unpacked, when gzip) contain it, in any
    case."""
    found: dict[str, list[str]] = {mark: [] for mark in marks}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        lowered = unpacked(path.read_bytes()).lower()
        for mark in marks:
            if mark.encode() in lowered:
                found[mark].append(path.relative_to(site).as_posix())
    return found


AS_OF = "2026-01-10T12:00:00Z"
"""The build time: the scheduled brief goes live months later."""


def _build_as_of(root: Path, engine: str, *extra: str) -> tuple[int, str]:
    extra = extra or ("--now", AS_OF)
    result = run([str(BIN / "briefs"), "build", "--engine", engine, "--strict", *extra], cwd=root)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.e2e
def test_embargoed_briefs_leave_no_byte_in_the_site_on_any_engine(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    names = list(engines.ENGINES)
    roots = [_site(tmp_path_factory.mktemp(f"embargo-{name}")) for name in names]
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        results = list(pool.map(_build_as_of, roots, names))
    marks = (DRAFT_MARK, LATER_MARK)
    for name, root, (status, output) in zip(names, roots, results, strict=True):
        assert status == 0, output
        site = root / "site"
        # every output that could leak was made, on every engine: the scan looked at real ones
        for made in (
            "rss.xml",
            "atom.xml",
            "feed.json",
            "tickers/acme/rss.xml",
            "news-sitemap.xml",
            "sitemap.xml",
            "api/briefs.json",
            "api/briefs/public.json",
            "api/tickers.json",
            "api/schema/brief.json",
            "briefs/public-old/index.html",
            "risks/index.html",
        ):
            assert (site / made).is_file(), (name, made)
        # the search index: Pagefind's where the plugin runs (MkDocs, ProperDocs), else
        # Zensical's own
        if engines.ENGINES[name].runs_plugin:
            assert (site / "pagefind/pagefind-entry.json").is_file(), name
        else:
            assert any(site.glob("search*")), name
        html = (site / "briefs/public/index.html").read_text("utf-8")
        page = BeautifulSoup(html, "html.parser")
        (article,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        assert article["headline"] == "Acme Shares Rise After Earnings Beat", name
        assert page.select('head meta[property="og:title"]'), name
        assert page.select('head link[rel="alternate"][type="application/rss+xml"]'), name
        canonical = page.select_one('head link[rel="canonical"]')
        assert canonical is not None and canonical["href"] == SITE_URL + "briefs/public/", name
        assert _found(site, *marks) == {mark: [] for mark in marks}, name


@pytest.mark.e2e
def test_the_scan_finds_a_draft_that_is_published_and_a_brief_gone_live(tmp_path: Path) -> None:
    root = _site(tmp_path)
    status, output = _build_as_of(root, "mkdocs", "--drafts", "--now", "2026-06-02T00:00:00Z")
    assert status == 0, output
    found = _found(root / "site", DRAFT_MARK, LATER_MARK)
    assert f"briefs/{LATER_MARK}-brief/index.html" in found[LATER_MARK]
    assert f"api/briefs/{LATER_MARK}-brief.json" in found[LATER_MARK]
    leaked = found[DRAFT_MARK]
    # (not news-sitemap.xml: it lists the two days before the build, and neither brief is
    # dated then; tests/publish/test_news_sitemap.py checks embargoed briefs stay out of it)
    for expected in (
        "rss.xml",
        "feed.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "api/briefs.json",
        f"api/briefs/{DRAFT_MARK}-brief.json",
        "risks/index.html",
        "briefs/public/index.html",
        f"briefs/{DRAFT_MARK}-old/index.html",
    ):
        assert expected in leaked, expected
    # the search index: a fragment of Pagefind's (gzip, unpacked by the scan) holds it
    assert [p for p in leaked if p.startswith("pagefind/") and "/fragment/" in p], leaked
