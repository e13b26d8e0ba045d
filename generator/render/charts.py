"""Charts drawn at build time as inline SVG: no network, no JavaScript, pure functions.

Every text and attribute value goes through :func:`element`, which escapes it as XML, so a
label taken from brief text (a sector named ``<script>`` or ``"onload=``) stays text. The
SVG is one HTML block without blank lines, so Markdown passes it through untouched. Colours
follow the page (``currentColor`` and Material's CSS variables), so a chart reads in light
and dark mode alike.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

ACCENT = "var(--md-accent-fg-color, currentColor)"
TEXT = "var(--md-default-fg-color, currentColor)"
LABEL = 32
"""Longest row label drawn; each cell's own title and the list below the chart say it all."""


def element(tag: str, attributes: dict[str, str | int | float], *children: str) -> str:
    """One XML element; attribute values are escaped, ``children`` must already be markup
    (other elements, or :func:`text`)."""
    attrs = "".join(
        f' {name}="{html.escape(str(value), quote=True)}"' for name, value in attributes.items()
    )
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


def text(value: str) -> str:
    """Character data, escaped."""
    return html.escape(value, quote=True)


@dataclass(frozen=True)
class Cell:
    """One cell of a heat map: its count, where it leads, and what it says aloud."""

    count: int
    href: str
    label: str


def heatmap(
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    *,
    chart_id: str = "heatmap",
) -> str:
    """A rows x columns grid, each cell shaded by its count and linking to ``href``.

    ``title`` is the chart's accessible name; each cell has its own ``<title>`` and
    ``aria-label``. Empty cells are drawn faintly and not linked.
    """
    cell_w, cell_h, gap = 64, 28, 4
    rows = [row if len(row) <= LABEL else row[: LABEL - 1] + "\u2026" for row in rows]
    left = 12 + 7 * max((len(row) for row in rows), default=0)
    top = 28
    width = left + len(columns) * (cell_w + gap)
    height = top + len(rows) * (cell_h + gap)
    most = max((cell.count for row in cells for cell in row), default=0) or 1
    parts = [
        element("title", {"id": f"{chart_id}-title"}, text(title)),
    ]
    for x, column in enumerate(columns):
        parts.append(
            element(
                "text",
                {
                    "x": left + x * (cell_w + gap) + cell_w // 2,
                    "y": top - 10,
                    "text-anchor": "middle",
                    "font-size": 12,
                    "fill": "currentColor",
                },
                text(column),
            )
        )
    for y, (row, row_cells) in enumerate(zip(rows, cells, strict=True)):
        top_y = top + y * (cell_h + gap)
        parts.append(
            element(
                "text",
                {
                    "x": left - 8,
                    "y": top_y + cell_h // 2 + 4,
                    "text-anchor": "end",
                    "font-size": 12,
                    "fill": "currentColor",
                },
                text(row),
            )
        )
        for x, cell in enumerate(row_cells):
            box = {
                "x": left + x * (cell_w + gap),
                "y": top_y,
                "width": cell_w,
                "height": cell_h,
                "rx": 3,
            }
            if not cell.count:
                parts.append(
                    element("rect", {**box, "fill": "currentColor", "fill-opacity": "0.06"})
                )
                continue
            shade = 0.25 + 0.75 * cell.count / most
            parts.append(
                element(
                    "a",
                    {"href": cell.href, "aria-label": cell.label, "class": "nb-heat-cell"},
                    element("title", {}, text(cell.label)),
                    element(
                        "rect",
                        {
                            **box,
                            "style": f"fill: {ACCENT}",
                            "fill-opacity": f"{shade:.2f}",
                            "data-count": cell.count,
                        },
                    ),
                    element(
                        "text",
                        {
                            "x": box["x"] + cell_w // 2,
                            "y": top_y + cell_h // 2 + 4,
                            "text-anchor": "middle",
                            "font-size": 12,
                            "style": f"fill: {TEXT}",
                        },
                        text(str(cell.count)),
                    ),
                )
            )
    return element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "aria-labelledby": f"{chart_id}-title",
            "class": "nb-heatmap",
            "style": "max-width: 100%; height: auto; color: inherit",
        },
        *parts,
    )
