"""Every validation rule of the knowledge loader, each proven by a fixture that breaks it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.knowledge.findings import Finding
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import BERLIN
from tests.conftest import FIXTURE_KNOWLEDGE, SHIPPED_KNOWLEDGE, SHIPPED_TODAY, TODAY


def edit(directory: Path, file: str, old: str, new: str) -> None:
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(directory: Path, file: str, text: str) -> None:
    with (directory / file).open("a", encoding="utf-8") as handle:
        handle.write(text)


def line_of(directory: Path, file: str, needle: str) -> int:
    """First line containing `needle`; a needle ending in a newline means: last exact line."""
    lines = (directory / file).read_text(encoding="utf-8").splitlines()
    if needle.endswith("\n"):
        return max(number for number, line in enumerate(lines, 1) if line == needle[:-1])
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def formatted(findings: list[Finding]) -> list[str]:
    return [finding.format() for finding in findings]


def test_fixture_knowledge_is_valid() -> None:
    result = load_knowledge(FIXTURE_KNOWLEDGE, TODAY)
    assert result.ok, formatted(result.errors)
    assert result.counts["berufe"] == 3
    assert result.knowledge is not None
    assert len(result.knowledge.version) == 12


def test_shipped_knowledge_is_valid() -> None:
    result = load_knowledge(SHIPPED_KNOWLEDGE, SHIPPED_TODAY)
    assert result.ok, formatted(result.errors)


# (file, text to replace, replacement, expected message part, line of this needle after the edit)
BROKEN = [
    pytest.param(
        "angebote.yaml",
        "    kontakte: [suchtberatung-muster]",
        "    kontakte: [gibt-es-nicht]",
        "angebote[suchtberatung-eltern].kontakte[0]: unbekannte(r) Kontakt 'gibt-es-nicht'",
        "gibt-es-nicht",
        id="dangling-contact",
    ),
    pytest.param(
        "angebote.yaml",
        "themen: [gewalt]",
        "themen: [gewalt, tanzen]",
        "angebote[gewaltschutz-kita].themen[1]: unbekannte(r) Thema 'tanzen'",
        "tanzen",
        id="dangling-topic",
    ),
    pytest.param(
        "angebote.yaml",
        "berufe: [sport]",
        "berufe: [sport, feuerwehr]",
        "angebote[medien-sportverein].berufe[1]: unbekannte(r) Berufsgruppe 'feuerwehr'",
        "feuerwehr",
        id="dangling-profession",
    ),
    pytest.param(
        "angebote.yaml",
        "regionen: [kreis-beispiel]",
        "regionen: [kreis-anders]",
        "angebote[medien-sportverein].regionen[0]: unbekannte(r) Region 'kreis-anders'",
        "kreis-anders",
        id="dangling-region",
    ),
    pytest.param(
        "stammdaten.yaml",
        "meldeweg: kkg-4",
        "meldeweg: kkg-5",
        "berufe[aerzte].meldeweg: unbekannte(r) Meldeweg 'kkg-5'",
        "kkg-5",
        id="dangling-meldeweg",
    ),
    pytest.param(
        "stammdaten.yaml",
        "jugendamt: ja-nordheim",
        "jugendamt: ja-westheim",
        "regionen[nordheim].jugendamt: unbekannte(r) Jugendamt 'ja-westheim'",
        "ja-westheim",
        id="dangling-jugendamt",
    ),
    pytest.param(
        "stammdaten.yaml",
        "teil_von: kreis-beispiel\n    jugendamt: ja-nordheim",
        "teil_von: musterstadt\n    jugendamt: ja-nordheim",
        "regionen[nordheim].teil_von: 'musterstadt' ist kein Kreis",
        "teil_von: musterstadt",
        id="parent-not-a-kreis",
    ),
    pytest.param(
        "stammdaten.yaml",
        "asd: [asd-nordheim]",
        "asd: [asd-westheim]",
        "jugendaemter[ja-nordheim].asd[0]: unbekannte(r) Kontakt 'asd-westheim'",
        "asd-westheim",
        id="dangling-role-contact",
    ),
    pytest.param(
        "meldewege.yaml",
        "beteiligte: [isef]",
        "beteiligte: [hausmeister]",
        "meldewege[traeger-8a].schritte[1].beteiligte[0]: unbekannte Rolle oder unbekannter "
        "Kontakt "
        "'hausmeister'",
        "hausmeister",
        id="unknown-participant",
    ),
    pytest.param(
        "meldewege.yaml",
        "hotlines: [kinderschutzhotline]",
        "hotlines: [kinderschutz-hotline]",
        "notfall.hotlines[0]: unbekannte(r) Kontakt 'kinderschutz-hotline'",
        "kinderschutz-hotline",
        id="dangling-hotline",
    ),
    pytest.param(
        "kontakte.yaml",
        "  - id: isef-musterstadt",
        "  - id: asd-musterstadt",
        "kontakte[asd-musterstadt].id: id 'asd-musterstadt' gibt es schon (kontakte.yaml:2)",
        "  - id: asd-musterstadt\n",
        id="duplicate-id",
    ),
    pytest.param(
        "angebote.yaml",
        "    stand: 2026-10-01",
        "    stand: 2026-13-01",
        "angebote[suchtberatung-eltern].stand: ungültiges Datum '2026-13-01' (erwartet JJJJ-MM-TT",
        "2026-13-01",
        id="invalid-date",
    ),
    pytest.param(
        "angebote.yaml",
        "    stand: 2026-10-01",
        "    stand: 2027-01-01",
        "angebote[suchtberatung-eltern].stand: Stand 2027-01-01 liegt in der Zukunft",
        "2027-01-01",
        id="future-date",
    ),
    pytest.param(
        "angebote.yaml",
        "    kontakte: [suchtberatung-muster]",
        "    kontak: [suchtberatung-muster]",
        "angebote[suchtberatung-eltern].kontak: unbekanntes Feld 'kontak' (meinten Sie "
        "'kontakte'?)",
        "kontak:",
        id="unknown-key",
    ),
    pytest.param(
        "angebote.yaml",
        "    titel: Suchtberatung für Eltern\n",
        "",
        "angebote[suchtberatung-eltern].titel: Pflichtfeld fehlt",
        "  - id: suchtberatung-eltern",
        id="missing-field",
    ),
    pytest.param(
        "angebote.yaml",
        "  - id: suchtberatung-eltern",
        "  - id: Suchtberatung-Eltern",
        "angebote[Suchtberatung-Eltern].id: id 'Suchtberatung-Eltern' ist ungültig",
        "Suchtberatung-Eltern",
        id="id-uppercase",
    ),
    pytest.param(
        "angebote.yaml",
        "  - id: suchtberatung-eltern",
        "  - id: suchtberatung-fuer-alle-eltern",
        "angebote[suchtberatung-fuer-alle-eltern].id: id 'suchtberatung-fuer-alle-eltern' ist zu "
        "lang "
        "(30 Zeichen, höchstens 24)",
        "suchtberatung-fuer-alle-eltern",
        id="id-too-long",
    ),
    pytest.param(
        "kontakte.yaml",
        "telefon: 01234 9999",
        "telefon: 01234 99x99",
        "kontakte[isef-musterstadt].telefon[0].nummer: Telefonnummer '01234 99x99' enthält "
        "unerlaubte Zeichen",
        "99x99",
        id="phone-characters",
    ),
    pytest.param(
        "kontakte.yaml",
        "telefon: 01234 9999",
        "telefon: '11'",
        "kontakte[isef-musterstadt].telefon[0].nummer: Telefonnummer '11' hat 2 Ziffern",
        "telefon: '11'",
        id="phone-too-short",
    ),
    pytest.param(
        "kontakte.yaml",
        "email: asd@musterstadt.example",
        "email: asd(at)musterstadt.example",
        "kontakte[asd-musterstadt].email: E-Mail-Adresse 'asd(at)musterstadt.example' ist ungültig",
        "(at)",
        id="email",
    ),
    pytest.param(
        "kontakte.yaml",
        "url: https://nordheim.example/jugendamt",
        "url: nordheim.example/jugendamt",
        "kontakte[asd-nordheim].url: Web-Adresse 'nordheim.example/jugendamt' ist ungültig",
        "url: nordheim",
        id="url",
    ),
    pytest.param(
        "kontakte.yaml",
        "    regionen: [nordheim]\n",
        "",
        "kontakte[asd-nordheim]: 'regionen' (Liste von Regions-ids) oder 'bundesweit: true' "
        "angeben",
        "  - id: asd-nordheim",
        id="contact-without-reach",
    ),
    pytest.param(
        "kontakte.yaml",
        "    regionen: [nordheim]\n",
        "    regionen: [nordheim]\n    bundesweit: true\n",
        "kontakte[asd-nordheim]: entweder 'regionen' oder 'bundesweit: true' angeben",
        "  - id: asd-nordheim",
        id="contact-both-reaches",
    ),
    pytest.param(
        "kontakte.yaml",
        "  - id: kinderschutzhotline",
        "  - id: isef",
        "kontakte[isef].id: id 'isef' ist als Rolle reserviert",
        "  - id: isef\n",
        id="role-name-as-id",
    ),
    pytest.param(
        "stammdaten.yaml",
        "    teil_von: kreis-beispiel\n    jugendamt: ja-nordheim\n",
        "    jugendamt: ja-nordheim\n",
        "regionen[nordheim]: eine Stadt oder Gemeinde im Kreis braucht 'teil_von' (den Kreis)",
        "  - id: nordheim",
        id="gemeinde-without-kreis",
    ),
    pytest.param(
        "stammdaten.yaml",
        "    art: kreis\n",
        "    art: kreis\n    jugendamt: ja-nordheim\n",
        "regionen[kreis-beispiel]: bei einem Kreis steht das Jugendamt an jeder Stadt/Gemeinde",
        "  - id: kreis-beispiel",
        id="kreis-with-jugendamt",
    ),
    pytest.param(
        "stammdaten.yaml",
        "    art: kreisfreie-stadt\n    jugendamt: ja-musterstadt\n",
        "    art: kreisfreie-stadt\n",
        "regionen[musterstadt]: 'jugendamt' fehlt",
        "  - id: musterstadt",
        id="stadt-without-jugendamt",
    ),
    pytest.param(
        "stammdaten.yaml",
        "    art: kreisfreie-stadt",
        "    art: dorf",
        "regionen[musterstadt].art: unbekannter Wert 'dorf', erlaubt:",
        "art: dorf",
        id="unknown-enum",
    ),
    pytest.param(
        "angebote.yaml",
        "    verified: true\n",
        "    verified: vielleicht\n",
        "angebote[suchtberatung-eltern].verified: true oder false erwartet",
        "vielleicht",
        id="bool",
    ),
    pytest.param(
        "angebote.yaml",
        "    themen: [sucht]",
        "    themen: []",
        "angebote[suchtberatung-eltern].themen: Liste darf nicht leer sein",
        "themen: []",
        id="empty-required-list",
    ),
    pytest.param(
        "angebote.yaml",
        "    titel: Suchtberatung für Eltern",
        "    titel: [offen",
        "(begonnen in Zeile 3)",
        "    traeger: Suchtberatung Musterstadt",
        id="yaml-syntax",
    ),
    pytest.param(
        "angebote.yaml",
        "angebote:",
        "angebot:",
        "angebot: unbekannter Abschnitt 'angebot' (meinten Sie 'angebote'?)",
        "angebot:",
        id="unknown-section",
    ),
    pytest.param(
        "angebote.yaml",
        "    titel: Suchtberatung für Eltern",
        "    titel: &t Suchtberatung",
        "Anker und Aliase",
        "kontakte: *t",
        id="alias",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message", "needle"), BROKEN)
def test_each_rule_reports_file_line_and_path(
    knowledge_copy: Path, file: str, old: str, new: str, message: str, needle: str
) -> None:
    edit(knowledge_copy, file, old, new)
    if "&t" in new:
        edit(knowledge_copy, file, "    kontakte: [suchtberatung-muster]", "    kontakte: *t")
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is None
    expected_line = line_of(knowledge_copy, file, needle)
    matching = [f for f in result.errors if message in f.format()]
    assert matching, formatted(result.errors)
    assert matching[0].file == file
    assert matching[0].line == expected_line, matching[0].format()


def test_all_errors_are_reported_at_once(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "angebote.yaml", "kontakte: [suchtberatung-muster]", "kontakte: [fehlt]")
    edit(knowledge_copy, "angebote.yaml", "stand: 2026-10-01", "stand: 2026-02-30")
    edit(knowledge_copy, "kontakte.yaml", "  - id: isef-musterstadt", "  - id: asd-musterstadt")
    edit(
        knowledge_copy, "meldewege.yaml", "    kurzfassung: Sie haben", "    kurzfasung: Sie haben"
    )
    append(knowledge_copy, "kaputt.yaml", "angebote:\n  - id: x\n   titel: falsch eingerückt\n")
    result = load_knowledge(knowledge_copy, TODAY)
    files = {finding.file for finding in result.errors}
    # stammdaten.yaml too: its Jugendamt names the contact whose id was changed.
    assert files == {
        "angebote.yaml",
        "kontakte.yaml",
        "meldewege.yaml",
        "kaputt.yaml",
        "stammdaten.yaml",
    }
    assert len(result.errors) >= 5


def test_broken_entry_does_not_cascade_into_unknown_reference(knowledge_copy: Path) -> None:
    # The contact is broken (bad e-mail) but exists; offers that name it must not get a second,
    # misleading "unbekannter Kontakt" error.
    edit(
        knowledge_copy,
        "kontakte.yaml",
        "    telefon: 01234 4444",
        "    telefon: 01234 4444\n    email: x",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert len(result.errors) == 1, formatted(result.errors)
    assert "E-Mail-Adresse 'x' ist ungültig" in result.errors[0].message


def test_norway_problem_cannot_corrupt_text(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "stammdaten.yaml", "    name: Nordheim", "    name: NO")
    edit(knowledge_copy, "kontakte.yaml", "telefon: 01234 9999", "telefon: 0221")
    edit(knowledge_copy, "angebote.yaml", "    verified: true\n", "    verified: yes\n")
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None, formatted(result.errors)
    assert result.knowledge.regions["nordheim"].name == "NO"
    assert result.knowledge.contacts["isef-musterstadt"].phones[0].number == "0221"
    assert result.knowledge.offers["suchtberatung-eltern"].verified is True


@pytest.mark.parametrize(
    ("section_file", "remove", "message"),
    [
        ("meldewege.yaml", "notfall:", "Abschnitt 'notfall' fehlt"),
        ("stammdaten.yaml", "berufe:", "Abschnitt 'berufe' fehlt oder ist leer"),
    ],
)
def test_required_sections(
    knowledge_copy: Path, section_file: str, remove: str, message: str
) -> None:
    path = knowledge_copy / section_file
    text = path.read_text(encoding="utf-8")
    start = text.index(remove)
    end = text.find("\n\n", start)
    path.write_text(text[:start] + (text[end:] if end != -1 else ""), encoding="utf-8")
    result = load_knowledge(knowledge_copy, TODAY)
    assert any(message in f.format() for f in result.errors), formatted(result.errors)


def test_emergency_section_only_once(knowledge_copy: Path) -> None:
    append(
        knowledge_copy,
        "zweiter-notfall.yaml",
        "notfall:\n  text: x\n  notrufe:\n    - {id: p, name: P, nummer: '110'}\n"
        "  stand: 2026-10-01\n  quelle: Test\n",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert any("nur einmal" in f.message for f in result.errors)


def test_file_level_problems(knowledge_copy: Path) -> None:
    (knowledge_copy / "leer.yaml").write_text("# nur ein Kommentar\n", encoding="utf-8")
    (knowledge_copy / "liste.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (knowledge_copy / "latin1.yaml").write_bytes("name: Südheim\n".encode("latin-1"))
    (knowledge_copy / "abschnitt.yaml").write_text("angebote: kein-liste\n", encoding="utf-8")
    (knowledge_copy / "eintrag.yaml").write_text("angebote:\n  - nur text\n", encoding="utf-8")
    result = load_knowledge(knowledge_copy, TODAY)
    messages = {f.file: f.message for f in result.errors}
    assert messages["leer.yaml"] == "Datei ist leer"
    assert "Abschnitten" in messages["liste.yaml"]
    assert "UTF-8" in messages["latin1.yaml"]
    assert "Liste von Einträgen" in messages["abschnitt.yaml"]
    assert "Eintrag mit Feldern" in messages["eintrag.yaml"]


def test_missing_directory(tmp_path: Path) -> None:
    result = load_knowledge(tmp_path / "fehlt", TODAY)
    assert result.knowledge is None
    assert "nicht gefunden" in result.errors[0].message


# --- events -------------------------------------------------------------------------------

EVENT = """
termine:
  - id: netzwerktreffen
    titel: Netzwerktreffen
    beschreibung: Austausch und Workshops.
    beginn: 2026-03-29 09:00
    ende: 2026-03-29 15:30
    ort:
      name: Forum
      adresse: Am Forum 1
    berufe: [kita]
    regionen: [musterstadt]
    plaetze: 120
    anmeldeschluss: 2026-03-20 23:59
    veranstalter: asd-musterstadt
    erinnerungen: [7 Tage, 2 Stunden]
    workshops:
      - id: sucht
        titel: Sucht
        plaetze: 20
        beginn: 2026-03-29 13:00
        ende: 2026-03-29 14:30
    stand: 2026-10-01
    quelle: Test
"""


def test_event_times_are_berlin_local_across_summer_time(knowledge_copy: Path) -> None:
    append(knowledge_copy, "termine.yaml", EVENT)
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None, formatted(result.errors)
    event = result.knowledge.events["netzwerktreffen"]
    assert event.start.tzinfo == BERLIN
    # 29 March 2026 is the day summer time starts: 09:00 local is 07:00 UTC, not 08:00.
    assert event.start.utcoffset() == timedelta(hours=2)
    assert event.registration_deadline is not None
    assert event.registration_deadline.utcoffset() == timedelta(hours=1)
    assert event.reminders == (timedelta(days=7), timedelta(hours=2))
    assert event.workshops[0].capacity == 20


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("ende: 2026-03-29 15:30", "ende: 2026-03-29 08:00", "'ende' muss nach 'beginn' liegen"),
        (
            "anmeldeschluss: 2026-03-20 23:59",
            "anmeldeschluss: 2026-03-30 10:00",
            "'anmeldeschluss' muss vor 'beginn' liegen",
        ),
        (
            "        beginn: 2026-03-29 13:00",
            "        beginn: 2026-03-29 07:00",
            "Workshop 'sucht' liegt außerhalb",
        ),
        (
            "erinnerungen: [7 Tage, 2 Stunden]",
            "erinnerungen: [bald]",
            "Vorlaufzeit 'bald' ist ungültig",
        ),
        ("beginn: 2026-03-29 09:00", "beginn: 29.03.2026 09:00", "ungültiger Zeitpunkt"),
        ("plaetze: 120", "plaetze: 0", "Zahl muss mindestens 1 sein"),
        (
            "veranstalter: asd-musterstadt",
            "veranstalter: niemand",
            "unbekannte(r) Kontakt 'niemand'",
        ),
    ],
)
def test_event_rules(knowledge_copy: Path, old: str, new: str, message: str) -> None:
    append(knowledge_copy, "termine.yaml", EVENT.replace(old, new))
    result = load_knowledge(knowledge_copy, TODAY)
    assert any(message in f.format() for f in result.errors), formatted(result.errors)


def test_duplicate_workshop_ids(knowledge_copy: Path) -> None:
    workshop = (
        "      - id: sucht\n        titel: Noch einmal\n"
        "        beginn: 2026-03-29 13:00\n        ende: 2026-03-29 14:00\n"
    )
    append(
        knowledge_copy,
        "termine.yaml",
        EVENT.replace(
            "    stand: 2026-10-01\n    quelle: Test\n",
            workshop + "    stand: 2026-10-01\n    quelle: Test\n",
        ),
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert any("Workshop-id 'sucht' kommt mehrfach vor" in f.message for f in result.errors)


# --- warnings -----------------------------------------------------------------------------


def warnings_of(directory: Path, today: date = TODAY) -> list[str]:
    result = load_knowledge(directory, today)
    assert result.knowledge is not None, formatted(result.errors)
    return formatted(result.warnings)


def test_fixture_warnings_are_exactly_the_known_gaps() -> None:
    # Per Jugendamt, one warning per datum the network still has to supply (the checklist the
    # coordinators' report groups by Jugendamt).
    no_isef = "isef: keine insoweit erfahrene Fachkraft (IseF) mit Telefon oder E-Mail"
    no_switchboard = "telefon: Telefonnummer der Zentrale fehlt (Ausweg, solange der ASD fehlt)"
    no_out_of_hours = "ausserhalb_dienstzeit: Regelung außerhalb der Dienstzeit fehlt"
    no_hours = "asd: Sprechzeiten des ASD fehlen"
    # Without machine-readable office hours Notfall cannot pick the route that applies now.
    no_office_hours = (
        "dienstzeiten: Dienstzeiten fehlen: Notfall zeigt ASD und den Weg außerhalb der "
        "Dienstzeit nebeneinander"
    )
    assert warnings_of(FIXTURE_KNOWLEDGE) == [
        "angebote.yaml:14  angebote[gewaltschutz-kita].verified: Angaben nicht bestätigt "
        "(verified: false)",
        "kontakte.yaml:29  kontakte[asd-nordheim].verified: Kontaktdaten nicht bestätigt "
        "(verified: false)",
        f"stammdaten.yaml:63  jugendaemter[ja-musterstadt].{no_switchboard}",
        f"stammdaten.yaml:72  jugendaemter[ja-nordheim].{no_out_of_hours}",
        f"stammdaten.yaml:72  jugendaemter[ja-nordheim].{no_office_hours}",
        f"stammdaten.yaml:72  jugendaemter[ja-nordheim].{no_isef}",
        f"stammdaten.yaml:72  jugendaemter[ja-nordheim].{no_switchboard}",
        "stammdaten.yaml:74  jugendaemter[ja-nordheim].asd: ASD-Telefonnummer fehlt: der Meldeweg "
        "zeigt "
        "„Nummer wird ergänzt“",
        f"stammdaten.yaml:74  jugendaemter[ja-nordheim].{no_hours}",
        f"stammdaten.yaml:78  jugendaemter[ja-kreis-beispiel].{no_out_of_hours}",
        f"stammdaten.yaml:78  jugendaemter[ja-kreis-beispiel].{no_office_hours}",
        f"stammdaten.yaml:78  jugendaemter[ja-kreis-beispiel].{no_isef}",
        f"stammdaten.yaml:78  jugendaemter[ja-kreis-beispiel].{no_switchboard}",
        f"stammdaten.yaml:80  jugendaemter[ja-kreis-beispiel].{no_hours}",
    ]


def test_old_stand_warns_after_twelve_months() -> None:
    later = date(2027, 10, 2)
    assert any("ist älter als 12 Monate" in w for w in warnings_of(FIXTURE_KNOWLEDGE, later))
    assert not any("älter" in w for w in warnings_of(FIXTURE_KNOWLEDGE, date(2027, 10, 1)))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "kontakte.yaml",
            "sprechzeiten: Mo–Fr 8–16 Uhr",
            "sprechzeiten: PLATZHALTER",
            "kontakte.yaml:9  kontakte[asd-musterstadt].sprechzeiten: Platzhalter: noch nicht "
            "ausgefüllt",
        ),
        (
            "angebote.yaml",
            "berufe: [sport]",
            "berufe: []",
            "angebote[medien-sportverein].berufe: erreicht keine Berufsgruppe",
        ),
        (
            "angebote.yaml",
            "themen: [medien]",
            "themen: [sucht]",
            "themen[medien].id: zu diesem Thema gibt es noch kein Angebot",
        ),
        (
            "stammdaten.yaml",
            "asd: [asd-nordheim]",
            "asd: []",
            "jugendaemter[ja-nordheim].asd: ASD-Telefonnummer fehlt",
        ),
        (
            "stammdaten.yaml",
            "meldeweg: kkg-4",
            "meldeweg: traeger-8a",
            "meldewege[kkg-4].id: keine Berufsgruppe verweist auf diesen Meldeweg",
        ),
        (
            "kontakte.yaml",
            "    url: https://nordheim.example/jugendamt\n",
            "",
            "kontakte[asd-nordheim].id: weder Telefon noch E-Mail noch Web-Adresse",
        ),
    ],
)
def test_warning_rules(knowledge_copy: Path, file: str, old: str, new: str, message: str) -> None:
    edit(knowledge_copy, file, old, new)
    found = warnings_of(knowledge_copy)
    assert any(message in w for w in found), found


def test_emergency_section_is_checked_for_freshness(knowledge_copy: Path) -> None:
    path = knowledge_copy / "meldewege.yaml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("notfall:", 1)
    path.write_text(head + "notfall:" + tail.replace("2026-10-01", "2030-01-01"), encoding="utf-8")
    result = load_knowledge(knowledge_copy, TODAY)
    assert any(
        f.path == "notfall.stand" and "liegt in der Zukunft" in f.message for f in result.errors
    ), formatted(result.errors)


def test_office_hours_are_parsed_and_a_typo_is_named(knowledge_copy: Path) -> None:
    from datetime import datetime

    from bot.clock import BERLIN

    knowledge = load_knowledge(knowledge_copy, TODAY).knowledge
    assert knowledge is not None
    hours = knowledge.jugendaemter["ja-musterstadt"].office_hours
    assert hours is not None
    assert hours.open_at(datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN))  # a Monday
    assert not hours.open_at(datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN))
    assert not hours.open_at(datetime(2026, 11, 29, 10, 0, tzinfo=BERLIN))  # a Sunday
    path = knowledge_copy / "stammdaten.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Mo–Fr 8–16 Uhr", "Mo–Fx 8–16 Uhr"),
        encoding="utf-8",
    )
    errors = formatted(load_knowledge(knowledge_copy, TODAY).errors)
    assert any(
        "jugendaemter[ja-musterstadt].dienstzeiten" in e and "unbekannter Wochentag 'Fx'" in e
        for e in errors
    ), errors
