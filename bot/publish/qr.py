"""QR codes as inline SVG (segno): black on white, no image files, nothing to load."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(data: str) -> Markup:
    """The template wraps it in an element with the German label (role="img"), inside a figure
    whose caption spells the link out."""
    code = segno.make_qr(data, error="m")
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)
    return Markup(svg)  # noqa: S704 - segno's own SVG of a URL we built from slugs
