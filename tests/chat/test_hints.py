""" "Angabe falsch?" end to end through the real Application: two taps from a contact, counts
without the person, one digest per organiser the next morning, the report's review list."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat.common import services
from bot.chat.context import DATABASE_KEY
from bot.clock import FixedClock
from bot.services.review import Task
from tests.chat.conftest import ADMIN, REGIONAL_ADMIN, Chat, buttons, visible
from tests.chat.test_events import document_content
from tests.chat.test_privacy import rows_naming

REPORTER = 7_345_678_902  # distinctive: no other number in the database contains it
OTHER = 7_345_678_903


async def open_contact(chat: Chat, user: int, query: str, label: str) -> dict[str, object]:
    results = await chat.send(user, f"/kontakte {query}")
    return await chat.press(user, label, results)


def digests(chat: Chat, user: int) -> list[str]:
    return [visible(m) for m in chat.api.bot_messages(user) if "Hinweise vom" in visible(m)]


async def hint_rows(chat: Chat) -> list[tuple[str, ...]]:
    database = chat.app.bot_data[DATABASE_KEY]
    async with database.connection.execute(
        "SELECT day, section, entry_id, reason, count FROM hint_counts ORDER BY entry_id"
    ) as cursor:
        return [tuple(str(v) for v in row) for row in await cursor.fetchall()]


async def test_a_wrong_number_reported_in_two_taps_reaches_the_regions_organiser_once(
    chat: Chat, clock: FixedClock
) -> None:
    database = chat.app.bot_data[DATABASE_KEY]
    for person in (REPORTER, OTHER, ADMIN, REGIONAL_ADMIN):
        await chat.onboard(person, "Kita", "Kreis Beispiel", "Nordheim")
    # The unrestricted organiser turns the digest off in their settings.
    await chat.send(ADMIN, "/profil")
    settings = await chat.press(ADMIN, "Benachrichtigungen")
    toggled = await chat.press(ADMIN, "Tagesübersicht", settings)
    assert "⬜️ Tagesübersicht" in " ".join(label for label, _ in buttons(toggled))
    # Only organisers have that switch.
    await chat.send(REPORTER, "/profil")
    mine = await chat.press(REPORTER, "Benachrichtigungen")
    assert not any("Tagesübersicht" in label for label, _ in buttons(mine))

    contact = await open_contact(chat, REPORTER, "Kreisjugendamt", "Kreisjugendamt")
    assert "02222 1111" in visible(contact)
    assert "Hinweis gemeldet" not in visible(contact)
    ask = await chat.press(REPORTER, "Angabe falsch?", contact)  # tap 1
    labels = [label for label, _ in buttons(ask)]
    [wrong_number] = [data for label, data in buttons(ask) if label.startswith("Nummer falsch")]
    assert labels[:4] == [
        "Nummer falsch oder nicht erreichbar",
        "Angebot gibt es nicht mehr",
        "Adresse oder Zeiten falsch",
        "anderes",
    ]
    thanks = await chat.press(REPORTER, "Nummer falsch", ask)  # tap 2
    assert "Danke" in visible(thanks) and "nicht, von wem" in visible(thanks)
    # Tapping again the same day counts nothing more; another person counts.
    await chat.press_data(REPORTER, wrong_number)
    again = await open_contact(chat, OTHER, "Kreisjugendamt", "Kreisjugendamt")
    await chat.press(OTHER, "Nummer falsch", await chat.press(OTHER, "Angabe falsch?", again))
    # A contact of Musterstadt: not the Kreis organiser's business.
    muster = await chat.press_data(OTHER, "v1:ko:c:suchtberatung-muster")
    await chat.press(OTHER, "anderes", await chat.press(OTHER, "Angabe falsch?", muster))
    assert await hint_rows(chat) == [
        ("2026-11-23", "kontakte", "asd-kreis-beispiel", "nummer", "2"),
        ("2026-11-23", "kontakte", "suchtberatung-muster", "anderes", "1"),
    ]
    # No table holds who reported: the reporters appear in their own profile only.
    assert await rows_naming(database, REPORTER) == ["users.telegram_id"]
    assert await rows_naming(database, OTHER) == ["users.telegram_id"]

    # Coordinators see that the entry was reported; the professionals do not.
    seen = await open_contact(chat, REGIONAL_ADMIN, "Kreisjugendamt", "Kreisjugendamt")
    assert "Hinweis gemeldet am 23. November 2026" in visible(seen)
    assert "Hinweis gemeldet" not in visible(await open_contact(chat, REPORTER, "Kreis", "Kreis"))

    # Nothing before the next morning; then one digest for the region's organiser.
    await chat.dispatch()
    assert digests(chat, REGIONAL_ADMIN) == []
    clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))  # 08:00 in Berlin
    await chat.dispatch()
    [digest] = digests(chat, REGIONAL_ADMIN)
    assert "Hinweise vom 23.11.2026" in digest
    assert "Kreisjugendamt Beispiel" in digest
    assert "Nummer falsch oder nicht erreichbar (2×)" in digest
    assert "Suchtberatung" not in digest
    assert digests(chat, ADMIN) == []  # turned off
    clock.set(datetime(2026, 11, 25, 7, 0, tzinfo=UTC))
    await chat.dispatch()
    assert len(digests(chat, REGIONAL_ADMIN)) == 1

    # The report's review list starts with the reports from the field.
    await chat.send(ADMIN, "/bericht")
    page = document_content(chat, ADMIN, "bericht.html").decode("utf-8")
    review = page[page.index("2. Prüfliste") :]
    first_group = review[: review.index("</table>")]
    assert "Hinweise aus der Praxis" in first_group
    assert "Kontakt asd-kreis-beispiel (Kreisjugendamt Beispiel" in first_group
    assert "Kontakt suchtberatung-muster (Suchtberatung Musterstadt)" in first_group
    assert "Nummer falsch oder nicht erreichbar: 2 Hinweise, zuletzt am 23.11.2026" in review
    assert review.index("Angabe falsch?") < review.index("Angabe fehlt")
    report = await services(chat.app_context()).report.build()
    assert report is not None
    # An organiser limited to Kreis Beispiel sees the reports about their Kreis only.
    regional = await services(chat.app_context()).report.build(
        regions=frozenset({"kreis-beispiel"})
    )
    assert regional is not None
    _, theirs = regional.review_groups[0]
    assert [item.entry.split(" (")[0] for item in theirs] == ["Kontakt asd-kreis-beispiel"]
    task, reported = report.review_groups[0]
    assert task is Task.FIELD_REPORTS
    assert [(item.entry, item.file, item.line > 0) for item in reported] == [
        (
            "Kontakt asd-kreis-beispiel (Kreisjugendamt Beispiel – Allgemeiner Sozialer Dienst)",
            "kontakte.yaml",
            True,
        ),
        ("Kontakt suchtberatung-muster (Suchtberatung Musterstadt)", "kontakte.yaml", True),
    ]


async def test_a_stale_hint_button_gets_a_friendly_answer(chat: Chat) -> None:
    await chat.onboard(REPORTER, "Kita", "Musterstadt")
    gone = await chat.press_data(REPORTER, "v1:hw:a:k:kein-kontakt")
    assert "gibt es nicht mehr" in visible(gone)
    forged = await chat.press_data(REPORTER, "v1:hw:r:k:asd-musterstadt:erfunden")
    assert "Danke" not in visible(forged)
    assert await hint_rows(chat) == []


async def test_the_contact_list_asks_which_contact_then_why(chat: Chat) -> None:
    await chat.onboard(REPORTER, "Kita", "Musterstadt")
    listing = await chat.send(REPORTER, "/kontakte")
    pick = await chat.press(REPORTER, "Angabe falsch?", listing)
    assert "Welcher Kontakt stimmt nicht?" in visible(pick)
    labels = [label for label, _ in buttons(pick)]
    assert any("Jugendamt Musterstadt" in label for label in labels), labels
    ask = await chat.press(REPORTER, "Jugendamt Musterstadt", pick)
    assert "Was stimmt nicht?" in visible(ask)
    thanks = await chat.press(REPORTER, "Adresse oder Zeiten falsch", ask)
    assert "Danke" in visible(thanks)
    assert await hint_rows(chat) == [("2026-11-23", "kontakte", "asd-musterstadt", "adresse", "1")]
    back = await chat.press(REPORTER, "Zurück", thanks)
    assert "Angabe falsch?" in " ".join(label for label, _ in buttons(back))


async def test_an_offer_is_reported_from_its_screen(chat: Chat) -> None:
    await chat.onboard(REPORTER, "Kita", "Musterstadt")
    topics = await chat.send(REPORTER, "/angebote")
    offers = await chat.press(REPORTER, "Sucht", topics)
    offer = await chat.press(REPORTER, "Suchtberatung für Eltern", offers)
    ask = await chat.press(REPORTER, "Angabe falsch?", offer)
    assert "Suchtberatung für Eltern" in visible(ask)
    await chat.press(REPORTER, "Angebot gibt es nicht mehr", ask)
    assert await hint_rows(chat) == [("2026-11-23", "angebote", "suchtberatung-eltern", "weg", "1")]
    back = await chat.press(REPORTER, "Zurück")
    assert "Suchtberatung für Eltern" in visible(back)
