"""Images and social cards in real builds (generator/publish/media.py, render/cards.py,
render/renditions.py, build/media_cache.py, source/images.py): every page's ``og:image`` is a
1200x630 PNG card or the brief's own image; the JSON-LD names three renditions that are the
size it says; feed readers see the image; kept images are reused only when they check out;
embargoed briefs leave no image; a bad image is a positioned error; hostile text stays text.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from generator.build import state
from generator.build.media_cache import MEDIA, KeptMedia
from generator.publish.media import brief_card
from generator.render import cards, renditions
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief
from support import SiteFactory, brief_yaml
from support.reading import EPOCH, tree

pytestmark = pytest.mark.e2e

NOW = "2026-09-01T00:00:00Z"
SITE_URL = "https://briefs.example.org/"
CONFIG = f"""\
site_name: Pictured Briefs
site_url: {SITE_URL}
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - briefs
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""
HOSTILE_TITLE = '<script>alert(1)</script> "Quoted" & <img src=x onerror=alert(2)>'
HOSTILE_CAPTION = "<b>bold</b> [x](javascript:alert(1)) </figure><script>alert(3)</script>"
HOSTILE_ALT = '<script>alert(1)</script> [x](javascript:alert(1)) `code` *em* & "q" ] ['


def picture(
    width: int = 1600, height: int = 900, colour: tuple[int, int, int] = (30, 90, 160)
) -> bytes:
    image = Image.new("RGB", (width, height), (240, 244, 250))
    for x in range(0, width, 40):
        image.paste(colour, (x, height // 3, x + 20, height - x * height // (3 * width) - 10))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def claiming(png: bytes, width: int, height: int) -> bytes:
    """A PNG whose header claims another size (its checksum made right): a decompression bomb
    as far as the header goes."""
    ihdr = png[12:16] + struct.pack(">II", width, height) + png[24:29]
    return png[:8] + png[8:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + png[33:]


BRIEFS = {
    "2026/pictured.yaml": brief_yaml(
        title="Chipmakers Rally on Data-Centre Orders",
        date="2026-03-02",
        category="Technology",
        tickers=["NVDA"],
        image={
            "src": "_media/chart.png",
            "alt": HOSTILE_ALT,
            "caption": HOSTILE_CAPTION,
            "credit": "Desk",
        },
    ),
    "2026/remote.yaml": brief_yaml(
        title="Refiners Lag as Margins Narrow",
        date="2026-02-20",
        category="Energy",
        tickers=["XOM"],
        image={"src": "https://images.example.org/refinery.jpg", "alt": "A refinery at dusk"},
    ),
    "2026/hostile.yaml": brief_yaml(
        title=HOSTILE_TITLE, date="2026-02-10", category="Energy", tickers=["XOM", "CVX"]
    ),
    "2026/plain.yaml": brief_yaml(title="Oil Slips", date="2026-02-01", category="Energy"),
    "2026/secret.yaml": brief_yaml(
        title="Secret Merger Talks",
        date="2026-02-15",
        category="Energy",
        draft=True,
        image={"src": "_media/secret.png", "alt": "Not yet"},
    ),
}
SECRET = picture(colour=(200, 30, 30))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteFactory]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site = SiteFactory(tmp_path_factory.mktemp("pictured"))
        site.create(BRIEFS)
        (site.root / "mkdocs.yml").write_text(CONFIG, "utf-8")
        (site.root / "briefs/_media").mkdir()
        (site.root / "briefs/_media/chart.png").write_bytes(picture())
        (site.root / "briefs/_media/secret.png").write_bytes(SECRET)
        yield site


def build(project: SiteFactory, *args: str) -> str:
    result = project.briefs_process("build", "--now", NOW, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def site(project: SiteFactory) -> Path:
    output = build(project)
    assert re.search(r"images: \d+ drawn, 0 kept", output), output
    return project.root / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return str(tag["content"])


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def opened(path: Path) -> tuple[str, tuple[int, int]]:
    with Image.open(path) as image:
        image.load()
        return str(image.format), image.size


def html_pages(site: Path) -> list[Path]:
    skip = ("404.html", "search/")
    return [p for p in site.rglob("index.html") if not str(p.relative_to(site)).startswith(skip)]


# ---------------------------------------------------------------------------------------------
# What pages show machines.


def test_every_page_without_its_own_image_has_a_card(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 10
    cards_seen = set()
    for path in pages:
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if page.find("meta", attrs={"property": "og:url"}) is None:
            continue  # the site's own page (docs/about.md): no head data of ours
        image = meta(page, "og:image")
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "twitter:image") == image
        if "/briefs/pictured/" in str(path) or "/briefs/remote/" in str(path):
            continue
        assert "/assets/newsbriefs/cards/" in image, path
        assert opened(local(site, image)) == ("PNG", (1200, 630))
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "og:image:alt")
        cards_seen.add(image)
    # Every listing page of a term shares its term's card: fewer cards than pages.
    assert len(cards_seen) < len(pages)
    drawn = list((site / cards.FOLDER).iterdir())
    assert len(drawn) == len(cards_seen)  # nothing else drawn, nothing drawn twice


def test_a_briefs_image_is_its_og_image_and_three_json_ld_renditions(site: Path) -> None:
    page = soup(site, "briefs/pictured")
    image = meta(page, "og:image")
    assert opened(local(site, image)) == ("JPEG", (1200, 675))
    assert meta(page, "og:image:alt") == plain_text(HOSTILE_ALT)  # brief text: *em* is em
    data: dict[str, Any] = extruct.extract(
        str(page), base_url=SITE_URL + "briefs/pictured/", syntaxes=["json-ld"]
    )
    (article,) = data["json-ld"]
    found = {}
    for rendition in article["image"]:
        assert rendition["@type"] == "ImageObject"
        size = (rendition["width"], rendition["height"])
        assert opened(local(site, rendition["url"])) == ("JPEG", size)
        found[size] = rendition["url"]
    assert set(found) == {(1200, 675), (1200, 900), (1200, 1200)}  # 16x9, 4x3, 1x1
    assert found[(1200, 675)] == image
    remote = soup(site, "briefs/remote")
    assert meta(remote, "og:image") == "https://images.example.org/refinery.jpg"
    (article,) = extruct.extract(str(remote), syntaxes=["json-ld"])["json-ld"]
    assert article["image"] == ["https://images.example.org/refinery.jpg"]
    # A brief without an image names its card in JSON-LD.
    (article,) = extruct.extract(str(soup(site, "briefs/plain")), syntaxes=["json-ld"])["json-ld"]
    assert article["image"][0]["url"] == meta(soup(site, "briefs/plain"), "og:image")


def test_the_brief_and_the_home_lead_show_the_figure_with_its_caption_as_text(site: Path) -> None:
    for where in ("briefs/pictured", ""):
        page = soup(site, where)
        (figure,) = page.select("p.nb-figure")
        (img,) = figure.find_all("img")
        assert img["alt"] == plain_text(HOSTILE_ALT) and (img["width"], img["height"]) == (
            "1200",
            "675",
        )
        assert img["src"].endswith("-16x9.jpg") and not img["src"].startswith("/")
        assert opened(site / where / img["src"]) == ("JPEG", (1200, 675))
        (caption,) = page.select("p.nb-figcaption")
        assert caption.select_one(".nb-caption").get_text() == HOSTILE_CAPTION  # type: ignore[union-attr]
        assert caption.find("script") is None and caption.find("b") is None
        assert caption.find("a") is None and figure.find("script") is None
        assert caption.select_one(".nb-credit").get_text() == "Desk"  # type: ignore[union-attr]
    remote = soup(site, "briefs/remote").select_one("p.nb-figure img")
    assert remote is not None and remote["src"] == "https://images.example.org/refinery.jpg"
    assert soup(site, "briefs/plain").select(".nb-figure") == []


def test_a_hostile_headline_stays_text_in_meta_and_its_card_is_an_image(site: Path) -> None:
    text = (site / "briefs/hostile/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in text and "<img src=x" not in text
    page = BeautifulSoup(text, "html.parser")
    assert meta(page, "og:image:alt") == f"Energy: {HOSTILE_TITLE}"
    assert opened(local(site, meta(page, "og:image"))) == ("PNG", (1200, 630))
    for script in page.find_all("script", type="application/ld+json"):
        assert json.loads(script.string)["headline"] == HOSTILE_TITLE


def test_feed_readers_see_the_image(site: Path) -> None:
    rendition = meta(soup(site, "briefs/pictured"), "og:image")
    size = local(site, rendition).stat().st_size
    rss = feedparser.parse((site / "rss.xml").read_bytes())
    assert not rss.bozo, rss.bozo_exception
    entry = next(e for e in rss.entries if e.link.endswith("/briefs/pictured/"))
    (enclosure,) = entry.enclosures
    assert (enclosure.href, enclosure.type, int(enclosure.length)) == (
        rendition,
        "image/jpeg",
        size,
    )
    (content,) = entry.media_content
    assert content["url"] == rendition and content["medium"] == "image"
    assert (content["width"], content["height"]) == ("1200", "675")
    plain = next(e for e in rss.entries if e.link.endswith("/briefs/plain/"))
    assert not plain.get("enclosures")
    atom = feedparser.parse((site / "atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.link.endswith("/briefs/pictured/"))
    assert [e.href for e in entry.enclosures] == [rendition]
    feed = json.loads((site / "feed.json").read_text("utf-8"))
    items = {item["url"]: item for item in feed["items"]}
    assert items[SITE_URL + "briefs/pictured/"]["image"] == rendition
    assert items[SITE_URL + "briefs/remote/"]["image"] == "https://images.example.org/refinery.jpg"
    assert "image" not in items[SITE_URL + "briefs/plain/"]


def test_an_embargoed_brief_leaves_no_image_and_no_card(site: Path, project: SiteFactory) -> None:
    digest = hashlib.blake2b(SECRET, digest_size=16).hexdigest()
    for shape in renditions.SHAPES:
        assert not (site / renditions.path(digest, shape)).exists()
    settings = Settings(root=project.root)
    secret = Brief.model_validate(
        {**_fields(BRIEFS["2026/secret.yaml"]), "source": Path("s.yaml"), "slug": "secret"}
        | {"status": "published"}
    )
    assert not (site / brief_card(settings, secret).path).exists()
    assert len(list((site / renditions.FOLDER).iterdir())) == 3  # the pictured brief's only
    assert not (site / "_media").exists() and not list(site.rglob("secret.png"))


def _fields(text: str) -> dict[str, Any]:
    import yaml

    fields: dict[str, Any] = yaml.safe_load(text)
    return fields


# ---------------------------------------------------------------------------------------------
# Kept images: reused when they check out, made anew when anything is off.


def test_kept_images_are_reused_and_damaged_ones_made_anew(
    site: Path, project: SiteFactory
) -> None:
    before = {p: b for p, b in tree(site).items() if p.startswith("assets/newsbriefs/")}
    output = build(project)
    assert re.search(r"images: 0 drawn, \d+ kept", output), output
    kept = KeptMedia(project.root / ".newsbriefs")
    card = meta(soup(site, "briefs/plain"), "og:image").removeprefix(SITE_URL)
    stored = kept._file(card)
    # Flipped bytes: the signature fails.
    data = bytearray(stored.read_bytes())
    data[-10] ^= 0xFF
    stored.write_bytes(bytes(data))
    output = build(project)
    assert "ignored, it is drawn anew" in output and "images: 1 drawn" in output, output
    # Signed by us, but the bytes are not the ones its document records, or not a card.
    other = (site / card).read_bytes()
    state.save(stored, MEDIA, {"path": card, "digest": "0" * 64}, other)
    output = build(project)
    assert "not the image kept for this name" in output and "images: 1 drawn" in output
    junk = b"not a png at all"
    state.save(
        stored,
        MEDIA,
        {"path": card, "digest": hashlib.blake2b(junk, digest_size=32).hexdigest()},
        junk,
    )
    output = build(project)
    assert "does not decode" in output and "images: 1 drawn" in output
    after = {p: b for p, b in tree(site).items() if p.startswith("assets/newsbriefs/")}
    assert after == before


def test_one_edited_headline_draws_one_card_and_jobs_agree(
    project: SiteFactory, site: Path
) -> None:
    path = project.root / "briefs/2026/plain.yaml"
    path.write_text(path.read_text("utf-8").replace("Oil Slips", "Oil Slips Again"), "utf-8")
    output = build(project)
    assert "images: 1 drawn" in output, output
    two = project.briefs_process("build", "--now", NOW, "--jobs", "2", "-d", "two")
    assert two.returncode == 0, two.stdout + two.stderr
    one_files = {p: b for p, b in tree(site).items() if p.startswith("assets/newsbriefs/")}
    two_files = {
        p: b for p, b in tree(project.root / "two").items() if p.startswith("assets/newsbriefs/")
    }
    assert one_files == two_files and any(p.endswith(".png") for p in one_files)


# ---------------------------------------------------------------------------------------------
# Bad images: positioned errors, all at once.


def test_bad_images_are_positioned_errors(tmp_path: Path) -> None:
    site = SiteFactory(tmp_path)
    bad = {
        "missing.yaml": {"src": "_media/nowhere.png", "alt": "x"},
        "text.yaml": {"src": "_media/text.png", "alt": "x"},
        "broken.yaml": {"src": "_media/broken.png", "alt": "x"},
        "small.yaml": {"src": "_media/small.png", "alt": "x"},
        "http.yaml": {"src": "http://images.example.org/a.jpg", "alt": "x"},
        "noalt.yaml": {"src": "_media/chart.png"},
        "outside.yaml": {"src": "../mkdocs.yml", "alt": "x"},
        "gif.yaml": {"src": "_media/a.gif", "alt": "x"},
        "bomb.yaml": {"src": "_media/bomb.png", "alt": "x"},
    }
    site.create({name: brief_yaml(image=image) for name, image in bad.items()})
    media = tmp_path / "briefs/_media"
    media.mkdir()
    (media / "text.png").write_text("not an image", "utf-8")
    (media / "broken.png").write_bytes(picture()[:4000])
    (media / "small.png").write_bytes(picture(800, 400))
    (media / "chart.png").write_bytes(picture())
    (media / "bomb.png").write_bytes(claiming(picture(), 50_000, 50_000))
    result = site.briefs("check")
    assert result.returncode == 1
    lines = result.stderr
    line = brief_yaml(image={"src": "x", "alt": "x"}).splitlines().index("image:") + 2
    expected = {
        "missing": "'_media/nowhere.png': no such file under the briefs folder",
        "text": "'_media/text.png' is not an image Pillow can read (PNG, JPEG or WebP)",
        "broken": "'_media/broken.png' is broken: 'image file is truncated'",
        "small": "'_media/small.png' is 800x400 pixels; an image needs at least 1200x675",
        "http": "is an http address; use https://",
        "outside": "is not a file under the briefs folder",
        "gif": "is not a .png, .jpg, .jpeg or .webp file",
        "bomb": "'_media/bomb.png' claims more than 40,000,000 pixels (a decompression bomb?)",
    }
    for name, message in expected.items():
        assert re.search(
            rf"briefs/{name}\.yaml:{line}:\d+: image\.src: .*{re.escape(message)}", lines
        ), (
            name,
            lines,
        )
    assert re.search(r"briefs/noalt\.yaml:\d+:\d+: image\.alt: required field is missing", lines)
