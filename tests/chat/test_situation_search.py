"""What a professional types finds what helps (issue [9]), through the real Application: a
situation query reaches the guidance on Anhaltspunkte, the person's own Meldeweg and a fitting
offer; "nothing found" offers the ways on; a school social worker's "Vater trinkt" never leads
to the Tagespflege path; results are numbered, titled in full and give a reason."""

from __future__ import annotations

import pytest

from bot.chat.callbacks import MeldewegAction
from tests.chat.conftest import Chat, buttons, visible

USER = 301


def _phone_lines(text: str) -> int:
    """Lines on a phone about 38 characters wide."""
    return sum(max(1, -(-len(line) // 38)) for line in text.split("\n"))


@pytest.mark.parametrize(
    ("profession", "profession_id"), [("Kita", "kita"), ("Sport", "sport"), ("Ärzte", "aerzte")]
)
async def test_a_situation_query_reaches_guidance_own_path_and_an_offer(
    chat: Chat, profession: str, profession_id: str
) -> None:
    await chat.onboard(USER, profession, "Musterstadt")
    guidance = await chat.send(USER, "Vater trinkt")
    text = visible(guidance)
    assert "Vernachlässigung" in text and "Eltern trinken oder nehmen Drogen" in text
    assert "Testzeichen Hunger" in text
    assert _phone_lines(text) <= 15
    labels = [label for label, _ in buttons(guidance)]
    for wanted in ("Alle Anhaltspunkte", "Nächste Schritte", "Gespräch mit dem Kind"):
        assert any(wanted in label for label in labels), labels
    own_path = MeldewegAction.STEP.data(profession_id, 0)
    assert ("🧭 Ihr Meldeweg", own_path) in buttons(guidance)

    steps = await chat.press(USER, "Nächste Schritte")
    assert "1. Testschritt eins" in visible(steps)
    assert any("IseF: Kinderschutzfachberatung" in label for label, _ in buttons(steps))

    offers = await chat.press(USER, "Passende Angebote")
    text = visible(offers)
    assert text.index("Ihr Meldeweg") < text.index("Suchtberatung für Eltern")
    assert buttons(offers)[0][0] == "🔎 Vernachlässigung"  # back to the guidance
    first = buttons(offers)[1]
    assert first == ("1. 🧭 Ihr Meldeweg", MeldewegAction.STEP.data(profession_id, 1))
    assert any("Suchtberatung für Eltern" in label for label, _ in buttons(offers))
    path = await chat.press(USER, "Ihr Meldeweg")
    assert "Schritt" in visible(path)


async def test_conversations_fall_back_on_the_general_entry(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    await chat.send(USER, "Vater trinkt")
    child = await chat.press(USER, "Gespräch mit dem Kind")
    assert "Eigener Testsatz zum Kind" in visible(child)  # the entry's own advice
    parents = await chat.press(USER, "Gespräch mit den Eltern")
    text = visible(parents)
    assert "Allgemeiner Testsatz Eltern eins" in text  # from `gespraeche`
    assert "Testsatz, wann die Eltern nicht zuerst" in text
    assert "example.org" in text  # the source of what is shown
    back = await chat.press(USER, "Anhaltspunkte")
    assert "Vernachlässigung" in visible(back)


async def test_a_situation_without_guidance_lists_own_path_then_offers(chat: Chat) -> None:
    await chat.onboard(USER, "Sport", "Kreis Beispiel", "Nordheim")
    found = await chat.send(USER, "Mobbing im Verein")
    text = visible(found)
    assert "Situation: Mobbing und Cybermobbing" in text
    labels = [label for label, _ in buttons(found)]
    assert labels[0] == "1. 🧭 Ihr Meldeweg"
    assert any("Medienkompetenz im Sportverein" in label for label in labels)
    assert "Medienkompetenz · Sportbund Beispiel" in text or "Medienkompetenz ·" in text


async def test_nothing_found_offers_the_ways_on(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    nothing = await chat.send(USER, "Mopping")
    text = visible(nothing)
    assert "nichts gefunden" in text
    assert "Meinten Sie: „Mobbing“?" in text
    labels = [label for label, _ in buttons(nothing)]
    assert "Mobbing" in labels
    assert "🧭 Ihr Meldeweg" in labels
    assert any(label.startswith("👤 IseF: Kinderschutzfachberatung") for label in labels)
    assert "📚 Alle Themen" in labels and "🚨 Notfall" in labels
    suggested = await chat.press(USER, "Mobbing")
    assert "Situation: Mobbing und Cybermobbing" in visible(suggested)


@pytest.mark.parametrize(
    "query", ["Vater trinkt", "Mutter depressiv", "vom Vater geschlagen", "Mutter trinkt"]
)
async def test_a_school_social_workers_parent_query_never_leads_to_tagespflege(
    shipped_chat: Chat, query: str
) -> None:
    await shipped_chat.onboard(USER, "Schulsozialarbeit", "Leverkusen")
    found = await shipped_chat.send(USER, query)
    text = visible(found)
    assert "Kindertagespflege" not in text
    assert all(":tagespflege:" not in data for _, data in buttons(found))
    if "gefunden:" in text and "nichts" not in text:
        first_label, first_data = buttons(found)[0]
        assert "Meldeweg" in first_label and ":schulsozialarbeit:" in first_data


async def test_nothing_found_names_the_hotline_for_the_profession(shipped_chat: Chat) -> None:
    await shipped_chat.onboard(USER, "Schulsozialarbeit", "Leverkusen")
    nothing = await shipped_chat.send(USER, "Xylophon")
    text = visible(nothing)
    assert "nichts gefunden" in text
    assert "Medizinische Kinderschutzhotline 0800 19 210 00" in text
    assert "🧭 Ihr Meldeweg" in [label for label, _ in buttons(nothing)]


async def test_results_are_distinguishable_and_cut_at_words(shipped_chat: Chat) -> None:
    await shipped_chat.onboard(USER, "Kita / OGS", "Kreis Viersen", "Viersen")
    found = await shipped_chat.send(USER, "Beratung")
    labels = [label for label, _ in buttons(found) if label[0].isdigit()]
    assert labels and len(set(labels)) == len(labels)
    text = visible(found)
    for label in labels:
        number, icon, shown = label.split(" ", 2)
        line = next(line for line in text.split("\n") if line.startswith(f"{number} {icon} "))
        full = line.split(" ", 2)[2]
        cut = shown.removesuffix("…")
        assert full.startswith(cut)
        assert len(full) == len(cut) or full[len(cut)] in " –-:,;(", (full, cut)
    text = visible(found)
    assert _phone_lines(text) <= 25
    # Every result has a reason line under its title.
    assert text.count("\n    ") == len(labels)


async def test_a_first_name_with_an_age_gets_the_reminder(chat: Chat) -> None:
    await chat.onboard(USER, "Kita", "Musterstadt")
    before = len(chat.api.bot_messages(USER))
    await chat.send(USER, "Leon, 8 Jahre, wird vom Vater geschlagen")
    sent = chat.api.bot_messages(USER)[before:]
    assert any("Bitte keine Fallangaben" in visible(m) for m in sent)
    before = len(chat.api.bot_messages(USER))
    await chat.send(USER, "Kind 8 Jahre Mediennutzung")
    sent = chat.api.bot_messages(USER)[before:]
    assert not any("Bitte keine Fallangaben" in visible(m) for m in sent)


@pytest.mark.parametrize(
    ("profile", "query", "guidance", "offers"),
    [
        (
            ("Kita / OGS", "Kreis Viersen", "Kempen"),
            "Kind hat blaue Flecken",
            "Körperliche Gewalt",
            ("Kinderschutzbund Kempen", "insoweit"),
        ),
        (
            ("Schulsozialarbeit", "Leverkusen"),
            "Vater trinkt",
            "Vernachlässigung",
            ("Suchthilfe",),
        ),
        (
            ("Hebammen", "Leverkusen"),
            "Partner schlägt die Schwangere",
            "Häusliche Gewalt",
            ("Frauenberatungsstelle", "Hilfetelefon", "Kinderschutzbund"),
        ),
    ],
)
async def test_shipped_situation_queries_put_guidance_own_path_and_a_local_offer_first(
    shipped_chat: Chat,
    profile: tuple[str, ...],
    query: str,
    guidance: str,
    offers: tuple[str, ...],
) -> None:
    """On the shipped knowledge: the guidance screen, its offers the own Meldeweg first and then
    an offer that helps in this situation at this place (benchmarks/relevance.py measures this
    for 66 queries)."""
    await shipped_chat.onboard(USER, *profile)
    screen = await shipped_chat.send(USER, query)
    assert visible(screen).startswith(f"🔎 {guidance}") or guidance in visible(screen)
    found = await shipped_chat.press(USER, "Passende Angebote")
    labels = [label for label, _ in buttons(found)]
    assert labels[0] == f"🔎 {guidance}", labels  # back to the guidance
    assert labels[1] == "1. 🧭 Ihr Meldeweg", labels
    assert labels[2].startswith("2. ") and any(o in labels[2] for o in offers), labels
    assert "Kindertagespflege" not in visible(found)
