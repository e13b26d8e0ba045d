"""The registries' identifiers in a brief's JSON-LD (generator/publish/identity.py, head.py):
``tickerSymbol`` as ``MIC SYMBOL``, ``sameAs``, ``leiCode``, ``identifier``; read from the
page's head data as the theme prints it (the sample site's page is read back with extruct in
tests/publish/test_publish.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.build.pipeline import generate
from generator.publish.head import KEY, split_front_matter
from generator.settings import Settings
from support import brief_yaml

SITE_URL = "https://ids.example.org/"


def _article(tmp_path: Path, brief: str, tickers: str, entities: str) -> dict[str, Any]:
    (tmp_path / "briefs" / "_data").mkdir(parents=True)
    (tmp_path / "briefs" / "a.yaml").write_text(brief, "utf-8")
    (tmp_path / "briefs" / "_data" / "tickers.yaml").write_text(tickers, "utf-8")
    (tmp_path / "briefs" / "_data" / "entities.yaml").write_text(entities, "utf-8")
    (tmp_path / "docs").mkdir()
    settings = Settings(root=tmp_path, docs_dir=tmp_path / "docs", site_url=SITE_URL)
    meta, _ = split_front_matter(str(generate(settings).files["briefs/a.md"]))
    article: dict[str, Any] = json.loads(meta[KEY]["jsonld"])
    return article


def test_companies_carry_their_mic_ticker_and_identifiers(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        brief_yaml(tickers=["F", "GM", "ACME", "ZZZ"], entities=["Ford", "Federal Reserve", "Bob"]),
        "F: {name: Ford Motor Company, exchange: NYSE, entity: Ford Motor, mic: XNYS,"
        " isin: US3453708600, figi: BBG000BQPC32}\n"
        "GM: {name: General Motors Company, exchange: NYSE}\n"  # MIC from the exchange's name
        "ACME: {name: Acme, exchange: Bourse X}\n",  # no MIC known: the old form
        "Ford: {kind: company, aliases: [Ford Motor], lei: 20S05OYHG0MQM4VUIC57,"
        " wikidata: Q44294, url: 'https://www.ford.com'}\n"
        "Federal Reserve: {kind: government, url: 'https://www.federalreserve.gov'}\n"
        "Bob: {kind: person, wikidata: Q1}\n",
    )
    ford, gm, acme, unlisted, fed = article["about"]
    assert ford == {
        "@type": "Corporation",
        "name": "Ford Motor Company",
        "tickerSymbol": "XNYS F",
        "url": SITE_URL + "tickers/f/",
        "sameAs": ["https://www.wikidata.org/wiki/Q44294", "https://www.ford.com"],
        "leiCode": "20S05OYHG0MQM4VUIC57",  # the ticker's entity, found by its alias
        "identifier": [
            {"@type": "PropertyValue", "propertyID": "ISIN", "value": "US3453708600"},
            {"@type": "PropertyValue", "propertyID": "FIGI", "value": "BBG000BQPC32"},
        ],
    }
    assert gm["tickerSymbol"] == "XNYS GM" and "sameAs" not in gm
    assert acme["tickerSymbol"] == "Bourse X: ACME"
    assert unlisted == {
        "@type": "Corporation",
        "name": "ZZZ",
        "tickerSymbol": "ZZZ",
        "url": SITE_URL + "tickers/zzz/",
    }
    # Ford, named in entities too, is not repeated; a person is not an organisation
    assert fed == {
        "@type": "GovernmentOrganization",
        "name": "Federal Reserve",
        "url": SITE_URL + "entities/federal-reserve/",
        "sameAs": ["https://www.federalreserve.gov"],
    }
