"""A day of forty briefs for the morning briefing's e-mail: its size test and its browser test."""

from __future__ import annotations

from pathlib import Path

from generator.settings import Settings
from support.sites import brief_yaml

SITE_URL = "https://mail.example.org/"
LONG_WORD = "Supercalifragilistic" * 6
"""A word no line can break at: the e-mail must wrap it rather than scroll sideways."""


def forty_briefs(root: Path) -> Settings:
    """A day of 40 briefs, each with a long dek, three key points and three tickers."""
    for number in range(40):
        path = root / "briefs" / f"b{number:02d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            brief_yaml(
                title=f"Chipmakers Rise as Cloud Giants Signal Heavy AI Spending {number} {LONG_WORD if number == 0 else ''}".strip(),
                dek="Capital-spending plans from large cloud providers lifted semiconductor "
                "shares, from AI accelerators to power-management chips, as investors bet.",
                date=f"2026-01-05T{6 + number // 4:02d}:{number % 4 * 15:02d}:00Z",
                category=["Technology", "Economy", "Stock Markets", "Energy"][number % 4],
                tickers=["NVDA", "ON", "AAPL"],
                key_points=[
                    "Nvidia led gains as investors priced in sustained demand for AI accelerators.",
                    "Power-chip suppliers such as onsemi rose on expectations of data-center buildouts.",
                    "Analysts cautioned that valuations already assume strong growth this year.",
                ],
            ),
            "utf-8",
        )
    return Settings(
        root=root,
        site_url=SITE_URL,
        digest={"enabled": True, "disclaimer": "Not investment advice. " * 10},
    )
