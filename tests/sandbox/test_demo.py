"""The token-free demo: the real bot in a terminal, driven by typed lines."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Config, KnowledgeSettings
from bot.sandbox.terminal import html_to_text, render_messages, run_demo
from tests.conftest import FIXTURE_KNOWLEDGE, SHIPPED_KNOWLEDGE


def test_html_is_rendered_readably() -> None:
    text = html_to_text(
        '<b>Fett</b> &amp; <a href="https://a.example">Seite</a> '
        '<a href="https://b.example">https://b.example</a>'
    )
    assert text == "Fett & Seite (https://a.example) https://b.example"


def test_buttons_are_numbered_across_messages() -> None:
    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "v1:a:b"}]]}
    screen = render_messages(
        [
            {"message_id": 1, "text": "eins", "reply_markup": keyboard},
            {"message_id": 2, "text": "zwei", "reply_markup": keyboard},
        ]
    )
    assert screen.buttons == {1: (1, "v1:a:b"), 2: (2, "v1:a:b")}
    assert "[2] A" in screen.lines


async def test_a_person_completes_onboarding_and_reads_the_meldeweg() -> None:
    # Sport in Kempen (Kreis Viersen), as in the acceptance criteria.
    config = Config(knowledge=KnowledgeSettings(directory=SHIPPED_KNOWLEDGE))
    typed = ["8", "1", "3", "1", "2"] + ["2"] * 5 + ["/angebote Sucht", "/ende"]
    out = io.StringIO()
    assert await run_demo(config, io.StringIO("\n".join(typed) + "\n"), out) == 0
    text = out.getvalue()
    assert "Gespeichert: Sport / Übungsleitung in Kempen" in text
    assert "Jugendamt der Stadt Kempen – Dienstzeiten nicht hinterlegt" in text
    assert "Schritt 5 von 5" in text
    assert "§ 8b Abs. 1 SGB VIII" in text
    assert "Sucht & Drogen Hotline" in text
    assert text.rstrip().endswith("Auf Wiedersehen.")


async def test_unknown_number_and_end_of_input() -> None:
    config = Config(knowledge=KnowledgeSettings(directory=FIXTURE_KNOWLEDGE))
    out = io.StringIO()
    assert await run_demo(config, io.StringIO("99\n"), out) == 0
    assert "Diese Nummer gibt es gerade nicht" in out.getvalue()


@pytest.mark.slow  # starts the bot as its own process
def test_demo_command_refuses_a_broken_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "kaputt.yaml").write_text("berufe: [\n", encoding="utf-8")
    completed = subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "bot", "demo", "--knowledge", str(tmp_path)],
        capture_output=True,
        text=True,
        input="",
        check=False,
    )
    assert completed.returncode == 1
    assert "ist ungültig" in completed.stderr and "kaputt.yaml:" in completed.stderr


async def test_kita_in_leverkusen_reads_the_whole_meldeweg() -> None:
    config = Config(knowledge=KnowledgeSettings(directory=SHIPPED_KNOWLEDGE))
    # Kita is the 5th profession, Leverkusen the 2nd place; then Meldeweg, past the acute box
    # ("Zu den Schritten") and all six steps.
    typed = ["5", "2", "1", "2"] + ["2"] * 5 + ["/ende"]
    out = io.StringIO()
    assert await run_demo(config, io.StringIO("\n".join(typed) + "\n"), out) == 0
    text = out.getvalue()
    assert "Gespeichert: Kita / OGS in Leverkusen" in text
    assert "Jugendamt der Stadt Leverkusen – Dienstzeiten nicht hinterlegt" in text
    for step in range(1, 7):
        assert f"Schritt {step} von 6" in text
    assert "§§ 61 ff. SGB VIII" in text
