"""Off the chat, in the chat, through the real Application and the Bot API stand-in: the QR
code of an Aushang (`/start mw_<profession>_<municipality>`) opens that Meldeweg; /aushang,
/dokumentation and the organisers' /aushang_alle deliver the PDFs (their text extracted), made
once per knowledge version. Tests that make a PDF skip where WeasyPrint cannot load Pango."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

from bot.chat import texts
from bot.chat.context import PRINTSHOP_KEY, SERVICES_KEY
from bot.publish import pdf
from bot.publish.aushang import combinations
from bot.publish.printouts import PrintShop
from bot.sandbox.botapi import MAX_UPLOAD_BYTES, BotApiStandIn, Json
from tests.chat.conftest import ADMIN, REGIONAL_ADMIN, Chat, buttons, visible
from tests.publish.conftest import needs_pdf, pdf_text


async def test_the_qr_code_of_an_aushang_opens_its_meldeweg_and_offers_the_profile(
    chat: Chat,
) -> None:
    screen = await chat.send(7, "/start mw_kita_musterstadt")
    text = visible(screen)
    assert "Jugendamt Musterstadt" in text and "01234 5678" in text  # that place's ASD
    labels = [label for label, _ in buttons(screen)]
    assert any("Als mein Profil übernehmen" in label and "Musterstadt" in label for label in labels)
    # Scanning saves nothing (a parent may scan it too); the button does.
    assert "Gespeichert" in visible(await chat.press(7, "Als mein Profil übernehmen"))
    again = await chat.send(7, "/start mw_kita_musterstadt")
    assert not any("Als mein Profil" in label for label, _ in buttons(again))


async def test_a_payload_naming_nothing_known_gets_the_ordinary_welcome(chat: Chat) -> None:
    welcome = visible(await chat.send(8, "/start mw_astronauten_musterstadt"))
    assert "Willkommen beim Kinderschutz-Lotsen" in welcome
    # A known profession with a Kreis or an unknown place: its path, without a place or offer.
    for payload in ("mw_kita_kreis-beispiel", "mw_kita_atlantis"):
        screen = await chat.send(8, f"/start {payload}")
        assert "110" in visible(screen) and "Willkommen" not in visible(screen), payload
        assert not any("Als mein Profil" in label for label, _ in buttons(screen)), payload


# --- /aushang, /dokumentation, /aushang_alle ----------------------------------------------


def documents(chat: Chat, user: int) -> list[Json]:
    return [m for m in chat.api.bot_messages(user) if "document" in m]


def last_document(chat: Chat, user: int) -> tuple[str, bytes]:
    calls = [c for c in chat.api.calls_of("sendDocument") if int(c.params["chat_id"]) == user]
    assert calls, f"no document for {user}"
    document = calls[-1].params["document"]
    return str(document["file_name"]), bytes(document["content"])


def shop(chat: Chat) -> PrintShop:
    found = chat.app.bot_data[PRINTSHOP_KEY]
    assert isinstance(found, PrintShop)
    return found


@needs_pdf
async def test_aushang_sends_the_pdf_of_each_persons_profession_and_place(
    shipped_chat: Chat,
) -> None:
    chat = shipped_chat
    await chat.onboard(21, "Kita", "Kreis Viersen", "Kempen")
    after = visible(await chat.send(21, "/aushang"))
    assert "Einen anderen Aushang?" in after
    name, content = last_document(chat, 21)
    assert name == "aushang-kempen-kita.pdf"
    pages, text = pdf_text(content)
    assert pages == 1
    assert "Jugendamt der Stadt Kempen" in text and "§ 8a" in text
    # The "wird erstellt" message was edited when the file was there.
    assert any("✅ Aushang erstellt" in visible(m) for m in chat.api.bot_messages(21))

    await chat.onboard(22, "Ärzte", "Leverkusen")
    await chat.send(22, "/aushang")
    name, content = last_document(chat, 22)
    assert name == "aushang-leverkusen-gesundheit.pdf"
    _, text = pdf_text(content)
    assert "§ 4 KKG" in text and "Medizinische Kinderschutzhotline" in text
    # The QR code leads to the bot the person is talking to (its name from getMe).
    assert shop(chat).rendered == 2


@needs_pdf
async def test_a_second_request_is_served_from_the_cache_until_the_next_reload(
    chat: Chat,
) -> None:
    await chat.onboard(31, "Kita", "Musterstadt")
    await chat.send(31, "/aushang")
    await chat.onboard(32, "Kita", "Musterstadt")
    await chat.send(32, "/aushang")
    assert [last_document(chat, u)[0] for u in (31, 32)] == ["aushang-musterstadt-kita.pdf"] * 2
    assert last_document(chat, 31)[1] == last_document(chat, 32)[1]
    assert shop(chat).rendered == 1
    # No "wird erstellt" for a file that is ready.
    assert not any("wird erstellt" in visible(m) for m in chat.api.bot_messages(32))
    await chat.send(ADMIN, "/reload")
    await chat.send(31, "/aushang")
    assert shop(chat).rendered == 2


@needs_pdf
async def test_without_a_profile_aushang_asks_profession_and_place_first(chat: Chat) -> None:
    screen = await chat.send(33, "/aushang")
    assert "Für welche Berufsgruppe?" in visible(screen)
    screen = await chat.press(33, "Kita")
    assert "Für welchen Ort?" in visible(screen)
    assert {"Musterstadt", "Nordheim", "Südheim"} <= {label for label, _ in buttons(screen)}
    follow_up = await chat.press(33, "Nordheim")
    assert last_document(chat, 33)[0] == "aushang-nordheim-kita.pdf"
    # Another place for the same profession, then another profession for that place.
    await chat.press(33, "Anderer Ort", follow_up)
    follow_up = await chat.press(33, "Musterstadt")
    assert last_document(chat, 33)[0] == "aushang-musterstadt-kita.pdf"
    await chat.press(33, "Andere Berufsgruppe", follow_up)
    await chat.press(33, "Sport")
    assert last_document(chat, 33)[0] == "aushang-musterstadt-sport.pdf"
    # Nothing was saved by choosing.
    assert "Willkommen" in visible(await chat.send(33, "/start"))


@needs_pdf
async def test_dokumentation_sends_the_blank_form_and_says_the_bot_never_sees_it(
    chat: Chat,
) -> None:
    after = visible(await chat.send(34, "/dokumentation"))
    assert "Der Bot erhält nichts von dem, was Sie eintragen" in after
    name, content = last_document(chat, 34)
    assert name == "dokumentationsbogen-kinderschutz.pdf"
    pages, text = pdf_text(content)
    assert 1 <= pages <= 2
    assert "Beratung mit der insoweit erfahrenen Fachkraft" in text
    assert "Der Kinderschutz-Lotse erhält nichts" in text
    await chat.send(35, "/dokumentation")
    assert shop(chat).rendered == 1


@needs_pdf
async def test_an_organiser_gets_every_aushang_of_their_region_as_a_zip(chat: Chat) -> None:
    knowledge = chat.app.bot_data[SERVICES_KEY].store.current.knowledge
    expected = combinations(knowledge, regions=frozenset({"kreis-beispiel"}))
    assert 0 < len(expected) < len(combinations(knowledge))
    await chat.send(REGIONAL_ADMIN, "/aushang_alle")
    # The progress message above the file, edited when it is done.
    shown = [visible(m) for m in chat.api.bot_messages(REGIONAL_ADMIN)]
    assert f"✅ {len(expected)} Aushänge erstellt." in shown
    progress = [str(c.params.get("text")) for c in chat.api.calls_of("editMessageText")]
    assert any(f"5 von {len(expected)}" in text for text in progress), progress
    name, content = last_document(chat, REGIONAL_ADMIN)
    assert name == "aushaenge-kreis-beispiel.zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(archive.namelist())
    assert names == sorted(f"aushang-{m.id}-{p.id}.pdf" for p, m in expected)
    # The pages are cached: one of them asked for again is not made again.
    rendered = shop(chat).rendered
    await chat.onboard(36, "Kita", "Kreis Beispiel", "Nordheim")
    await chat.send(36, "/aushang")
    assert shop(chat).rendered == rendered


async def test_a_person_who_is_no_organiser_gets_no_zip(chat: Chat) -> None:
    answer = visible(await chat.send(37, "/aushang_alle"))
    assert "Diesen Befehl kenne ich nicht" in answer
    assert not chat.api.calls_of("sendDocument")
    assert PRINTSHOP_KEY not in chat.app.bot_data  # nothing was made


async def test_where_no_pdf_can_be_made_the_person_is_told_in_german(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine without Pango: importing WeasyPrint fails as it does there.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        await chat.onboard(38, "Kita", "Musterstadt")
        await chat.send(38, "/aushang")
        shown = [visible(m) for m in chat.api.bot_messages(38)]
        assert any("konnte gerade nicht erstellt werden" in t and "110" in t for t in shown)
        assert not chat.api.calls_of("sendDocument")
    finally:
        pdf._weasyprint.cache_clear()


@needs_pdf
async def test_a_file_too_big_for_telegram_gets_a_clear_message(chat: Chat) -> None:
    await chat.send(39, "/dokumentation")  # the shop exists once something was asked for
    shop(chat).max_bytes = 1000  # Telegram's 50 MB, scaled down to this small file
    await chat.onboard(39, "Kita", "Musterstadt")
    await chat.send(39, "/aushang")
    shown = [visible(m) for m in chat.api.bot_messages(39)]
    assert any("zu groß für Telegram" in t for t in shown)
    assert last_document(chat, 39)[0] == "dokumentationsbogen-kinderschutz.pdf"


async def test_the_stand_in_refuses_a_file_over_50_mb_as_telegram_does() -> None:
    api = BotApiStandIn()
    answer = await api.handle(
        "sendDocument",
        {"chat_id": 1, "document": {"file_name": "x.zip", "file_size": MAX_UPLOAD_BYTES + 1}},
    )
    assert answer["ok"] is False and answer["error_code"] == 413


def test_help_and_the_command_list_name_the_printouts() -> None:
    assert "/aushang" in texts.HELP and "/dokumentation" in texts.HELP
    assert {"aushang", "dokumentation"} <= {name for name, _ in texts.COMMANDS}
    assert "aushang_alle" not in {name for name, _ in texts.COMMANDS}  # organisers only
