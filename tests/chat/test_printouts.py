"""Off the chat, in the chat, through the real Application and the Bot API stand-in: the QR
code of an Aushang (`/start mw_<profession>_<municipality>`) opens that Meldeweg."""

from __future__ import annotations

from tests.chat.conftest import Chat, buttons, visible


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
