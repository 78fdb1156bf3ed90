"""The Dokumentationsbogen: a blank form with every section the guides name, its sources and
the promise that the bot never sees what is written on it; as PDF at most two A4 pages (skipped
where WeasyPrint cannot run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.publish.dokumentation import SOURCES, FormPage, render_html
from tests.publish.conftest import needs_pdf, pdf_text
from tests.publish.test_aushang import CLOCK, shipped_config

SECTIONS = (
    "1. Angaben zum Fall",
    "2. Beobachtungen",
    "3. Gespräch mit dem Kind oder Jugendlichen",
    "4. Gespräch mit den Eltern",
    "5. Beratung mit der insoweit erfahrenen Fachkraft (IseF)",
    "6. Gefährdungseinschätzung und Entscheidung",
    "7. Information des Jugendamts",
    "8. Unterschriften",
)


def assert_is_the_form(text: str) -> None:
    for section in SECTIONS:
        assert section in text, section
    assert "§ 8a SGB VIII" in text and "§ 4 KKG" in text
    assert "wörtlich" in text and "pseudonymisiert" in text
    assert "Der Kinderschutz-Lotse erhält nichts von dem, was Sie hier eintragen" in text
    assert "abgerufen am 02.12.2026" in text
    assert "Quellen" in text and "kinderschutz-online.de" in text and "lexante.net" in text


def test_the_form_has_every_section_its_sources_and_the_privacy_promise() -> None:
    html = render_html(FormPage("2026-12-02.1"))
    assert_is_the_form(html)
    for source in SOURCES:
        assert source.url in html
    assert "Wissensbasis 2026-12-02.1" in html


@needs_pdf
def test_the_command_writes_the_form_on_at_most_two_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bogen" / "form.pdf"
    config = str(shipped_config(tmp_path))
    assert main(["--config", config, "dokumentation", "--out", str(out)], CLOCK) == 0
    assert "Dokumentationsbogen geschrieben" in capsys.readouterr().out
    pages, text = pdf_text(out.read_bytes())
    assert 1 <= pages <= 2
    assert_is_the_form(text)
    assert "Seite 1 von 2" in text
