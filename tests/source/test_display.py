"""The title-case rule (generator/source/display.py): names made from ids, set as a copy desk
would set them."""

from __future__ import annotations

import pytest

from generator.source.display import title_case


@pytest.mark.parametrize(
    ("made_from", "shown"),
    [
        # The issue's own examples: story ids read aloud.
        ("ai-chip-demand", "AI Chip Demand"),
        ("us-labor-market-2026", "US Labor Market 2026"),
        ("ford-china-partnerships", "Ford China Partnerships"),
        ("ford-ev-reset", "Ford EV Reset"),
        ("fed-policy-2026", "Fed Policy 2026"),
        ("ecb-rate-path", "ECB Rate Path"),
        ("uk-eu-trade", "UK EU Trade"),
        ("ceo-pay-and-ipo-rules", "CEO Pay and IPO Rules"),
        # Short words inside are lower case; first and last are capitalised.
        ("oil-and-gas", "Oil and Gas"),
        ("the-end-of-the-line", "The End of the Line"),
        ("what-it-comes-down-to", "What It Comes Down To"),
        ("ford-leans-into-hybrids", "Ford Leans Into Hybrids"),
        # Acronyms' plurals, quarters and halves, 5G.
        ("etfs-in-q1", "ETFs in Q1"),
        ("evs-and-5g-in-h2", "EVs and 5G in H2"),
        # Sectors and tags as briefs write them: words between spaces, hyphens kept.
        ("real estate", "Real Estate"),
        ("asset management", "Asset Management"),
        ("low-cost funds", "Low-Cost Funds"),
        ("electric vehicles", "Electric Vehicles"),
        # An author's capitals are meant, and a name already set is left as it is.
        ("ETFs", "ETFs"),
        ("iPhone sales", "iPhone Sales"),
        ("Stock Markets", "Stock Markets"),
        ("AI", "AI"),
        ("China", "China"),
        # Not Latin, empty, one letter.
        ("市场 2026", "市场 2026"),
        ("", ""),
        ("a", "A"),
    ],
)
def test_a_name_made_from_an_id_reads_as_a_copy_desk_would_set_it(
    made_from: str, shown: str
) -> None:
    assert title_case(made_from) == shown


def test_a_sites_own_words_are_spelt_as_given() -> None:
    assert title_case("lme-metals-and-the-boj") == "Lme Metals and the BoJ"
    assert title_case("lme-metals-and-the-boj", ["LME"]) == "LME Metals and the BoJ"
    assert title_case("iphone-sales", ["iPhone"]) == "iPhone Sales"


def test_the_rule_is_idempotent() -> None:
    for text in ("us-labor-market-2026", "real estate", "oil-and-gas", "etfs-in-q1"):
        once = title_case(text)
        assert title_case(once) == once


def test_hostile_text_is_only_capitalised() -> None:
    """The rule changes letters' case and joins words with spaces; markup stays the text it
    was (the templates escape it as any name)."""
    assert title_case("<script>alert(1)</script>") == "<script>alert(1)</script>"
    assert title_case('"onload=alert(1) x="') == '"onload=alert(1) X="'
