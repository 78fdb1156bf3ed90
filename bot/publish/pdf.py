"""HTML to PDF with WeasyPrint. WeasyPrint needs Pango from the operating system (Debian:
libpango-1.0-0 libpangoft2-1.0-0); without it, `available()` says why and nothing else breaks."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any


class PdfUnavailable(Exception):
    """PDFs cannot be made on this machine; the message names the missing piece (English, for
    the operator's log; the chat and the command line say it in German)."""


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint  # loads Pango: only when a PDF is wanted
    except (ImportError, OSError) as error:  # OSError: Pango's shared library is missing
        raise PdfUnavailable(f"WeasyPrint cannot be loaded: {error}") from error
    return weasyprint


def require() -> None:
    """Raises PdfUnavailable (saying why) when no PDF can be made here."""
    _weasyprint()


def available() -> bool:
    try:
        require()
    except PdfUnavailable:
        return False
    return True


def html_to_pdf(html: str) -> bytes:
    """The PDF of one self-contained page (no external loads: `base_url` is never needed)."""
    weasyprint = _weasyprint()
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def one_page_pdf(
    render: Callable[[int], str], densities: int = 3, max_pages: int = 1
) -> tuple[bytes, int]:
    """The PDF of `render(density)` for the first density (0, 1, …) whose layout fits on one
    page (or `max_pages`), and its page count (more only when even the densest does not fit)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=render(0)).render()
    for density in range(1, densities):
        if len(document.pages) <= max_pages:
            break
        document = weasyprint.HTML(string=render(density)).render()
    pdf: bytes = document.write_pdf()
    return pdf, len(document.pages)
