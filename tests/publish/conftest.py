"""Shared by the publishing tests: the shipped knowledge base (the Acceptance names its pages)
and whether this machine can make PDFs (WeasyPrint needs Pango from the OS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.publish import pdf

SHIPPED = Path(__file__).resolve().parents[2] / "knowledge"
needs_pdf = pytest.mark.skipif(
    not pdf.available(),
    reason="WeasyPrint cannot load Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",  # noqa: E501
)


def pdf_text(content: bytes) -> tuple[int, str]:
    """Page count and the extracted text, with line breaks and hyphenation undone."""
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())
