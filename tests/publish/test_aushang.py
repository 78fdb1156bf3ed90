"""The Aushang's page: what it says for a profession and a municipality (HTML, no PDF needed),
and as PDF one A4 page whose extracted text says it (skipped where WeasyPrint cannot run)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FixedClock
from bot.knowledge.base import KnowledgeBase
from bot.publish.aushang import build_page, combinations, render_html, render_pdf
from tests.conftest import SHIPPED_TODAY, TODAY
from tests.publish.conftest import SHIPPED, needs_pdf, pdf_text

BOT = "KinderschutzLotseBot"


def test_one_page_per_profession_and_municipality_not_per_kreis(
    shipped: KnowledgeBase,
) -> None:
    pairs = combinations(shipped)
    places = {m.id for _, m in pairs}
    assert len(places) == 10 and "kreis-viersen" not in places  # a Kreis has no own path
    assert len(pairs) == 8 * 10
    viersen = combinations(shipped, regions=frozenset({"kreis-viersen"}))
    assert {m.id for _, m in viersen} == places - {"leverkusen"}


def test_the_kempen_kita_page(shipped: KnowledgeBase) -> None:
    page = build_page(shipped, "kita", "kempen", SHIPPED_TODAY, BOT)
    assert page is not None
    html = render_html(page)
    assert "Jugendamt der Stadt Kempen" in html and "§ 8a" in html
    assert "<b>110</b>" in html and "<b>112</b>" in html
    # No ASD number is known for Kempen: the explicit line and what to do now instead.
    assert "Nummer wird ergänzt." in html and "https://www.kempen.de" in html
    assert page.link == f"https://t.me/{BOT}?start=mw_kita_kempen"
    assert page.qr is not None and "<svg" in page.qr and page.qr in html
    assert page.file_name == "aushang-kempen-kita.pdf"
    assert "Stand: 02.12.2026" in html


def test_the_leverkusen_physicians_page(shipped: KnowledgeBase) -> None:
    page = build_page(shipped, "gesundheit", "leverkusen", SHIPPED_TODAY, BOT)
    assert page is not None
    assert page.hotlines[0].organisation == "Medizinische Kinderschutzhotline"
    assert len(page.hotlines) == 2
    html = render_html(page)
    assert "§ 4 KKG" in html and "Medizinische Kinderschutzhotline" in html
    # The Jugendamt's own number stands in for the missing ASD number (source of 2020).
    assert "0214 406-5101" in html and "dort nach dem ASD fragen" in html


def test_where_the_numbers_are_known_they_are_printed(fixture_knowledge: KnowledgeBase) -> None:
    page = build_page(fixture_knowledge, "kita", "musterstadt", TODAY, None)
    assert page is not None
    html = render_html(page)
    assert "01234 5678" in html  # the ASD
    assert "01234 9999" in html  # the IseF
    assert "Nummer wird ergänzt" not in html and "Kontakt wird vom Netzwerk ergänzt" not in html
    assert page.qr is None and "<svg" not in html  # no bot name configured: no QR code


def test_unknown_ids_and_a_kreis_give_no_page(fixture_knowledge: KnowledgeBase) -> None:
    assert build_page(fixture_knowledge, "kita", "kreis-beispiel", TODAY, None) is None
    assert build_page(fixture_knowledge, "kita", "atlantis", TODAY, None) is None
    assert build_page(fixture_knowledge, "astronauten", "musterstadt", TODAY, None) is None


def test_texts_from_the_knowledge_are_escaped(knowledge_copy: Path) -> None:
    from bot.knowledge.loader import load_knowledge

    path = knowledge_copy / "stammdaten.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: Jugendamt Musterstadt", 'name: "Jugendamt <script>x</script>"'),
        encoding="utf-8",
    )
    knowledge = load_knowledge(knowledge_copy, TODAY).knowledge
    assert knowledge is not None
    page = build_page(knowledge, "kita", "musterstadt", TODAY, None)
    assert page is not None
    html = render_html(page)
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html


def shipped_config(tmp_path: Path, username: str | None = BOT) -> Path:
    config = tmp_path / "config.yaml"
    bot = f"telegram:\n  bot_username: {username}\n" if username else ""
    config.write_text(f"knowledge:\n  directory: {SHIPPED}\n{bot}", encoding="utf-8")
    return config


CLOCK = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))


@needs_pdf
def test_acceptance_pages_are_one_a4_page_each_and_say_what_they_must(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aushang"
    config = str(shipped_config(tmp_path))
    for beruf, ort in (("kita", "kempen"), ("gesundheit", "leverkusen")):
        code = main(
            ["--config", config, "aushang", "--beruf", beruf, "--ort", ort, "--out", str(out)],
            CLOCK,
        )
        assert code == 0, capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "aushang-kempen-kita.pdf",
        "aushang-leverkusen-gesundheit.pdf",
    ]
    pages, kita = pdf_text((out / "aushang-kempen-kita.pdf").read_bytes())
    assert pages == 1
    assert "Jugendamt der Stadt Kempen" in kita and "§ 8a" in kita
    assert "Nummer wird ergänzt" in kita
    assert "t.me/KinderschutzLotseBot?start=mw_kita_kempen" in kita.replace(" ", "")  # wrapped
    pages, doctors = pdf_text((out / "aushang-leverkusen-gesundheit.pdf").read_bytes())
    assert pages == 1
    assert "§ 4 KKG" in doctors and "Medizinische Kinderschutzhotline" in doctors
    assert "Gesundheitsberufe in Leverkusen" in doctors


@needs_pdf
def test_a_page_that_does_not_fit_is_rendered_denser(shipped: KnowledgeBase) -> None:
    page = build_page(shipped, "schulsozialarbeit", "brueggen", SHIPPED_TODAY, BOT)
    assert page is not None
    normal = render_html(page, 0)
    assert 'class="aushang dense-0"' in normal and 'dense-2"' in render_html(page, 2)
    content, pages = render_pdf(page)
    assert pages == 1 and content.startswith(b"%PDF")


def test_bad_arguments_get_a_german_answer_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aushang"
    config = str(shipped_config(tmp_path))
    assert main(["--config", config, "aushang", "--beruf", "koch", "--out", str(out)]) == 2
    assert "Unbekannte Berufsgruppe „koch“" in capsys.readouterr().out
    assert main(["--config", config, "aushang", "--ort", "atlantis", "--out", str(out)]) == 2
    assert "Unbekannter Ort „atlantis“. Bekannt: brueggen" in capsys.readouterr().out
    assert not out.exists()


@pytest.mark.slow  # 80 PDFs: about a minute on the 2-core machine
@needs_pdf
def test_every_aushang_of_the_shipped_fits_one_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aushang"
    code = main(["--config", str(shipped_config(tmp_path)), "aushang", "--out", str(out)], CLOCK)
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "80 Aushänge geschrieben" in printed
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 80
    for file in files:
        pages, text = pdf_text(file.read_bytes())
        assert pages == 1, file.name
        assert "110" in text and "Stand:" in text, file.name


def test_without_pango_the_command_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.publish import pdf

    # The machine without the library: importing WeasyPrint fails as it does there.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        out = tmp_path / "aushang"
        config = str(shipped_config(tmp_path))
        assert main(["--config", config, "aushang", "--out", str(out)], CLOCK) == 1
        assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in capsys.readouterr().out
        assert not out.exists()
    finally:
        pdf._weasyprint.cache_clear()
