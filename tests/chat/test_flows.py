"""The chat end to end: onboarding, Meldeweg, Angebote, Kontakte, Notfall, search, bad input."""

from __future__ import annotations

from tests.chat.conftest import Chat, buttons, every_page, visible

KITA, COACH, DOCTOR, STRANGER = 101, 102, 103, 104


async def test_commands_are_published(chat: Chat) -> None:
    names = [command["command"] for command in chat.api.commands]
    assert names[:5] == ["start", "meldeweg", "angebote", "kontakte", "notfall"]


async def test_welcome_explains_and_asks_for_profession(chat: Chat) -> None:
    await chat.send(STRANGER, "/start")
    (welcome,) = chat.api.bot_messages(STRANGER)
    assert "ersetze nicht" in visible(welcome)
    assert "keine Angaben zu Kindern oder Familien" in visible(welcome)
    assert "In welchem Bereich arbeiten Sie?" in visible(welcome)
    assert [text for text, _ in buttons(welcome)] == [
        "Ärzte",
        "Kita",
        "Sport",
        "🚨 Notfall",
        "☰ Menü",
    ]


async def test_onboarding_in_a_kreisfreie_stadt(chat: Chat) -> None:
    done = await chat.onboard(KITA, "Kita", "Musterstadt")
    assert "Gespeichert: Kita in Musterstadt" in visible(done)
    assert "Meldeweg" in [text.split()[-1] for text, _ in buttons(done)]
    back = await chat.send(KITA, "/start")
    assert "Willkommen zurück" in visible(back)


async def test_onboarding_in_a_kreis_takes_two_levels(chat: Chat) -> None:
    await chat.send(COACH, "/start")
    await chat.press(COACH, "Sport")
    kreis = await chat.press(COACH, "Kreis Beispiel")
    assert [text for text, _ in buttons(kreis)] == [
        "Nordheim",
        "Südheim",
        "‹ Zurück",
        "🚨 Notfall",
        "☰ Menü",
    ]
    done = await chat.press(COACH, "Nordheim")
    assert "Sport in Nordheim" in visible(done)


async def test_meldeweg_kita_every_step(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    acute = await chat.send(KITA, "/meldeweg")
    text = visible(acute)
    assert "Akute Gefahr" in text and "110" in text and "112" in text
    assert "Jugendamt Musterstadt" in text and "01234 5678" in text  # ASD during office hours
    # Only the route that applies now (Monday 11:00): the out-of-hours rule is behind a button.
    assert "Rufbereitschaft" not in text and "Außerhalb" not in text
    seen = []
    message = await chat.press(KITA, "Zu den Schritten")
    while True:
        seen.append(visible(message))
        assert "Rechtsgrundlage" in seen[-1]
        assert any("Notfall" in label for label, _ in buttons(message))
        if not any("Weiter" in label for label, _ in buttons(message)):
            break
        message = await chat.press(KITA, "Weiter")
    assert len(seen) == 3
    assert "Schritt 2 von 3" in seen[1] and "IseF" in seen[1] and "01234 9999" in seen[1]
    assert "§ 8a Abs. 4 Satz 2 SGB VIII" in seen[2]
    back = await chat.press(KITA, "Zurück")
    assert "Schritt 2 von 3" in visible(back)


async def test_meldeweg_sport_in_a_kreis_town_uses_its_jugendamt(chat: Chat) -> None:
    await chat.onboard(COACH, "Sport", "Kreis Beispiel", "Nordheim")
    acute = await chat.send(COACH, "/meldeweg")
    assert "Jugendamt Nordheim" in visible(acute)
    step = await chat.press(COACH, "Zu den Schritten")
    text = visible(step)
    assert "§ 8b Abs. 1 SGB VIII" in text
    # No IseF for Nordheim yet: said once, with what the person can do now.
    assert text.count("Kontakt wird vom Netzwerk ergänzt") == 1
    assert "außerhalb der Dienstzeit: 📞 110 (Polizei)" in text
    assert "erfragen" not in text
    assert "Angaben nicht bestätigt" in text  # the Nordheim ASD is unverified


async def test_meldeweg_for_another_profession_by_synonym(chat: Chat) -> None:
    await chat.onboard(DOCTOR, "Ärzte", "Musterstadt")
    acute = await chat.send(DOCTOR, "/meldeweg Übungsleiterin")
    assert "Meldeweg für Sport" in visible(acute)
    steps = await chat.send(DOCTOR, "/meldeweg")
    assert "Meldeweg für Ärzte" in visible(steps)
    step = await chat.press(DOCTOR, "Zu den Schritten")
    assert "§ 4 Abs. 1 KKG" in visible(step)
    second = await chat.press(DOCTOR, "Weiter")
    assert "Medizinische Kinderschutzhotline" in visible(second)
    unknown = await chat.send(DOCTOR, "/meldeweg Astronaut")
    assert "kenne ich nicht" in visible(unknown)
    assert ("Sport", "v1:mw:s:sport:0") in buttons(unknown)


async def test_offers_by_topic_with_detail_and_way_back(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    topics = await chat.send(KITA, "/angebote")
    labels = [text for text, _ in buttons(topics)]
    assert "Sucht (1)" in labels and "Gewalt und sexualisierte Gewalt (1)" in labels
    offers = await chat.press(KITA, "Sucht (1)")
    detail = await chat.press(KITA, "Suchtberatung für Eltern")
    text = visible(detail)
    assert (
        "Stand: 01.10.2026" in text and "01234 4444" in text and "Für: alle Berufsgruppen" in text
    )
    back = await chat.press(KITA, "Zurück")
    assert visible(back) == visible(offers)
    gewalt = await chat.press_data(KITA, "v1:an:o:gewaltschutz-kita:gewalt:0")
    assert "Angaben nicht bestätigt" in visible(gewalt)


async def test_offer_search_by_keyword(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    found = await chat.send(KITA, "/angebote Drogen")
    assert next(text for text, _ in buttons(found)) == "1. 🤝 Suchtberatung für Eltern"


async def test_contacts_and_emergency(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    contacts = await chat.send(KITA, "/kontakte")
    assert "Jugendamt Musterstadt" in visible(contacts)
    search = await chat.send(KITA, "/kontakte Hotline")
    assert "Medizinische Kinderschutzhotline" in buttons(search)[0][0]
    emergency = await chat.send(KITA, "/notfall")
    text = visible(emergency)
    assert "110" in text and "Jugendamt Musterstadt" in text
    # No advice hotline in the fixture's `fachberatung`: the hotlines are one tap away.
    hotlines = await chat.press(KITA, "Weitere Hotlines")
    assert "0800 19 210 00" in visible(hotlines)


async def test_notfall_works_before_onboarding(chat: Chat) -> None:
    emergency = await chat.send(STRANGER, "/notfall")
    assert "110" in visible(emergency)
    assert "bundesweit" in visible(emergency)
    assert any("Ort wählen" in label for label, _ in buttons(emergency))


async def test_guidance_needs_a_profile_first(chat: Chat) -> None:
    for command in ("/meldeweg", "/angebote", "/profil"):
        reply = await chat.send(STRANGER, command)
        assert "wählen Sie bitte zuerst Ihre Berufsgruppe" in visible(reply)


async def test_profile_change(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    await chat.send(KITA, "/profil")
    await chat.press(KITA, "Berufsgruppe ändern")
    changed = await chat.press(KITA, "Sport")
    assert "Sport in Musterstadt" in visible(changed)
    await chat.send(KITA, "/profil")
    await chat.press(KITA, "Ort ändern")
    await chat.press(KITA, "Kreis Beispiel")
    moved = await chat.press(KITA, "Südheim")
    assert "Sport in Südheim" in visible(moved)


async def test_free_text_search_and_case_details_warning(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    found = await chat.send(KITA, "sucht")
    assert "Suchtberatung" in buttons(found)[0][0]
    await chat.send(KITA, "Lena Schmidt 7-jährig Verdacht auf Misshandlung")
    warning, results = chat.api.bot_messages(KITA)[-2:]
    assert "keine Fallangaben" in visible(warning)
    assert "gefunden" in visible(results)
    nothing = await chat.send(KITA, "xyzzy")
    assert "nichts gefunden" in visible(nothing)


async def test_stale_and_forged_buttons_get_the_menu(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    for data in (
        "v0:mw:s:kita:1",
        "v1:mw:s:gibtsnicht:1",
        "v1:an:o:weg:sucht:0",
        "v1:xx:yy",
        "kaputt",
        "v1:on:m:kita:kreis-beispiel",  # a Kreis is not a municipality
        "v1:an:t:<script>:0",
    ):
        reply = await chat.press_data(KITA, data)
        assert "nicht mehr aktuell" in visible(reply), data
    answered = chat.api.calls_of("answerCallbackQuery")
    assert len(answered) >= 7


async def test_unknown_command_and_help(chat: Chat) -> None:
    unknown = await chat.send(STRANGER, "/gibtsnicht")
    assert "kenne ich nicht" in visible(unknown)
    help_text = await every_page(chat, STRANGER, await chat.send(STRANGER, "/hilfe"))
    assert "/meldeweg" in help_text
    privacy = await every_page(chat, STRANGER, await chat.send(STRANGER, "/datenschutz"))
    assert "Nicht gespeichert" in privacy and "PLATZHALTER" in privacy


async def test_same_button_twice_is_not_an_error(chat: Chat) -> None:
    await chat.onboard(KITA, "Kita", "Musterstadt")
    menu = await chat.send(KITA, "/hilfe")
    data = dict(buttons(menu))["🚨 Notfall"]
    first = await chat.press_data(KITA, data, menu)
    again = await chat.press_data(KITA, data, first)
    assert visible(again) == visible(first)


async def test_the_bot_stays_quiet_in_group_conversations(chat: Chat) -> None:
    group = -1001
    for text in ("Wer kommt morgen zum Treffen?", "/stats@anderer_bot"):
        await chat.deliver(chat.api.send_text(KITA, text, chat_id=group, chat_type="supergroup"))
    assert chat.api.bot_messages(group) == []
    emergency = await chat.send(KITA, "/notfall", chat_id=group, chat_type="supergroup")
    assert "110" in visible(emergency)
