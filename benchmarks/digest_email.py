"""Which library makes the morning briefing's e-mail: css-inline or mjml-python, measured.

The same day of forty briefs (headline, dek, three key points, three tickers each) as our
css-inline e-mail (the digest-email.html.j2 template, inlined) and as the MJML a hand-written
equivalent would be (one mj-section per brief), compiled by mjml-python. Printed: the bytes
of each HTML against Gmail's 102 KB clipping limit, and the time of each conversion::

    .venv/bin/python benchmarks/digest_email.py     # mjml-python: pip install mjml-python

On 2026-12-07: css-inline 59 KB for the whole e-mail (masthead, forty briefs, footer);
mjml-python 104 KB for the forty briefs alone, past the limit before any masthead or footer.
Both convert in milliseconds; size decided it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "tests"),
]

from generator.build.pipeline import generate  # noqa: E402
from generator.render.digest_email import CLIP_BYTES  # noqa: E402
from support.digest import forty_briefs  # noqa: E402

HEADLINE = "Chipmakers Rise as Cloud Giants Signal Heavy AI Spending {n}"
DEK = (
    "Capital-spending plans from large cloud providers lifted semiconductor shares, from AI "
    "accelerators to power-management chips, as investors bet."
)
POINTS = (
    "<li>Nvidia led gains as investors priced in sustained demand for AI accelerators.</li>"
    "<li>Power-chip suppliers such as onsemi rose on expectations of data-center buildouts.</li>"
    "<li>Analysts cautioned that valuations already assume strong growth this year.</li>"
)
MJML_BRIEF = (
    "<mj-section><mj-column>"
    '<mj-text font-size="19px" font-weight="bold">'
    f'<a href="https://mail.example.org/briefs/b{{n:02d}}/">{HEADLINE}</a></mj-text>'
    f"<mj-text>{DEK}</mj-text><mj-text><ul>{POINTS}</ul></mj-text>"
    '<mj-text font-size="13px">January 5, 2026 · NVDA · ON · AAPL</mj-text>'
    "</mj-column></mj-section>"
)
"""One brief as hand-written MJML, the same content as our e-mail's."""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        html = generate(forty_briefs(Path(folder))).files["digest/2026/01/05/email.html"]
        assert isinstance(html, str)
        print(
            f"css-inline: {len(html.encode()):>7,} bytes (whole site built in "
            f"{time.perf_counter() - started:.2f} s); Gmail clips at {CLIP_BYTES:,}"
        )
    try:
        import mjml
    except ImportError:
        print("mjml-python: not installed (pip install mjml-python) to compare")
        return
    document = (
        "<mjml><mj-body>" + "".join(MJML_BRIEF.format(n=n) for n in range(40)) + "</mj-body></mjml>"
    )
    started = time.perf_counter()
    made = mjml.mjml2html(document)
    print(
        f"mjml-python: {len(made.encode()):>7,} bytes for the briefs alone "
        f"({(time.perf_counter() - started) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
