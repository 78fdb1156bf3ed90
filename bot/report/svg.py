"""Small inline SVG charts, drawn by hand: no plotting library, no fonts or files to load.
They come back as `Markup` for the templates: every label is escaped here."""

from __future__ import annotations

from datetime import date
from html import escape

from babel.dates import format_date
from markupsafe import Markup


def signups_chart(points: list[tuple[date, int]], capacity: int | None) -> Markup:
    """Cumulative sign-ups per day as a step line; the capacity as a dashed line."""
    if not points:
        return Markup()
    width, height, left, bottom, top, right = 520, 170, 40, 28, 12, 12
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)
    highest = max(max(n for _, n in points), capacity or 0, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / days

    def y(value: int) -> float:
        return top + (height - top - bottom) * (1 - value / highest)

    path: list[str] = [f"M{x(first):.1f},{y(0):.1f}"]
    previous = 0
    for day, value in points:
        path.append(f"L{x(day):.1f},{y(previous):.1f}")
        path.append(f"L{x(day):.1f},{y(value):.1f}")
        previous = value
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Anmeldungen im Zeitverlauf">',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{left - 6}" y="{y(highest) + 4:.1f}" text-anchor="end">{highest}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end">0</text>',
        f'<text x="{left}" y="{height - 8}">{escape(_day(first))}</text>',
        f'<text x="{width - right}" y="{height - 8}" text-anchor="end">{escape(_day(last))}</text>',
    ]
    if capacity:
        parts.append(
            f'<line x1="{left}" y1="{y(capacity):.1f}" x2="{width - right}" '
            f'y2="{y(capacity):.1f}" class="capacity"/>'
            f'<text x="{width - right}" y="{y(capacity) - 4:.1f}" text-anchor="end">'
            f"{capacity} Plätze</text>"
        )
    parts.append(f'<path d="{" ".join(path)}" class="line"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it is escaped above


def bars(items: list[tuple[str, int]], maximum: int | None = None) -> Markup:
    """Horizontal bars with their numbers, one row per item."""
    if not items:
        return Markup()
    highest = max(maximum or 0, max(n for _, n in items), 1)
    row_height, label_width, width = 20, 230, 520
    height = row_height * len(items) + 4
    parts = [f'<svg class="bars" viewBox="0 0 {width} {height}" role="img">']
    for index, (label, value) in enumerate(items):
        top = index * row_height + 2
        length = (width - label_width - 40) * value / highest
        parts.append(
            f'<text x="{label_width - 6}" y="{top + 14}" text-anchor="end">'
            f"{escape(_shorten(label, 34))}</text>"
            f'<rect x="{label_width}" y="{top + 3}" width="{length:.1f}" height="13" class="bar"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{top + 14}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it is escaped above


def _day(day: date) -> str:
    return format_date(day, "d. MMM yyyy", locale="de_DE")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
