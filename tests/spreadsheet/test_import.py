"""`tabelle import`: located German errors, the change list, and what `--write` writes."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bot.cli import run_check
from bot.clock import FixedClock
from bot.knowledge.loader import load_knowledge
from bot.knowledge.search import SearchIndex
from bot.spreadsheet.plan import Action
from tests.conftest import SHIPPED_TODAY
from tests.spreadsheet.conftest import NOW, Sheets, import_, snapshot

Edited = Callable[[Callable[[Sheets], object]], Path]


def test_three_mistakes_give_three_located_german_errors_and_write_nothing(
    shipped: Path, edited: Edited
) -> None:
    rows: dict[str, int] = {}

    def mistakes(sheets: Sheets) -> None:
        rows["offer"] = sheets.set("Angebote", "kinderschutzbund-lev", "Themen", "gewalt; suchtt")
        rows["phone"] = sheets.set(
            "Kontakte", "asd-leverkusen", "Telefon (Bezeichnung: Nummer)", "ASD: 0214 abc"
        )
        rows["stand"] = sheets.set(
            "Termine", "netzwerktreffen-2025", "Stand (geprüft am)", "32.13.2026"
        )

    workbook = edited(mistakes)
    before = snapshot(shipped)
    result = import_(workbook, shipped, write=True)
    assert [e.format() for e in result.errors] == [
        f"Angebote!Zeile {rows['offer']}, Spalte Themen: "
        "unbekannte(r) Thema 'suchtt' (meinten Sie 'sucht'?)",
        f"Kontakte!Zeile {rows['phone']}, Spalte Telefon (Bezeichnung: Nummer): "
        "Telefonnummer '0214 abc' enthält unerlaubte Zeichen (erlaubt: Ziffern, Leerzeichen, "
        "+, /, -, Klammern)",
        f"Termine!Zeile {rows['stand']}, Spalte Stand (geprüft am): ungültiges Datum "
        "'32.13.2026' "
        "(erwartet JJJJ-MM-TT, z. B. 2025-03-11)",
    ]
    assert result.file_errors == []
    assert not result.ok and result.written == []
    assert snapshot(shipped) == before


def test_a_valid_edit_shows_in_check_in_the_knowledge_base_and_in_a_minimal_yaml_diff(
    shipped: Path, edited: Edited
) -> None:
    offers = shipped / "angebote" / "leverkusen.yaml"
    old = offers.read_text(encoding="utf-8")
    counted = io.StringIO()
    run_check(shipped, False, FixedClock(NOW), counted)
    offer_count = int(re.findall(r"(\d+) Angebote", counted.getvalue())[-1])

    def edit(sheets: Sheets) -> None:
        sheets.set("Angebote", "kinderschutzbund-lev", "Kosten", "kostenfrei, Spenden willkommen")
        sheets.add(
            "Angebote",
            {
                "ID": "mediensucht-lev",
                "Titel": "Beratung bei Mediensucht und Cybermobbing",
                "Träger": "Fachstelle für Suchtprävention Leverkusen",
                "Beschreibung": "Beratung für Fachkräfte bei exzessiver Mediennutzung.",
                "Themen": "medien; sucht",
                "Berufsgruppen": "schulsozialarbeit; jugendarbeit",
                "Regionen": "leverkusen",
                "Stand (geprüft am)": date(2026, 12, 1),
                "Quellendatum": "2025-03-13",
                "Quellen (je Zeile ein Link)": (
                    "https://www.leverkusen.de/pressemodul/pressemitteilungen/maerz/"
                    "netzwerktreffen-kinderschutz"
                ),
                "Bestätigt (verified)": "nein",
            },
        )

    result = import_(edited(edit), shipped, write=True)
    assert result.ok, [e.format() for e in result.errors]
    assert [(c.action, c.entry_id, c.fields) for c in result.changes] == [
        (Action.CHANGED, "kinderschutzbund-lev", ("Kosten",)),
        (Action.NEW, "mediensucht-lev", ()),
    ]
    assert result.changes[1].file == "angebote/leverkusen.yaml"
    assert result.written == ["angebote/leverkusen.yaml"]

    new = offers.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff[:2] == ["-    kosten: kostenfrei", "+    kosten: kostenfrei, Spenden willkommen"]
    assert diff[2:5] == [
        "+  - id: mediensucht-lev",
        "+    titel: Beratung bei Mediensucht und Cybermobbing",
        "+    traeger: Fachstelle für Suchtprävention Leverkusen",
    ]
    assert "+    themen: [medien, sucht]" in diff
    assert "+    stand: 2026-12-01" in diff
    assert all(line.startswith("+") for line in diff[2:])

    loaded = load_knowledge(shipped, SHIPPED_TODAY)
    assert loaded.knowledge is not None
    assert loaded.knowledge.offers["kinderschutzbund-lev"].costs == "kostenfrei, Spenden willkommen"
    offer = loaded.knowledge.offers["mediensucht-lev"]
    assert offer.topics == ("medien", "sucht") and offer.stand == date(2026, 12, 1)
    hits = SearchIndex(loaded.knowledge).search("Cybermobbing")
    assert hits and hits[0].id == "mediensucht-lev"

    out = io.StringIO()
    assert run_check(shipped, False, FixedClock(NOW), out) == 0
    assert "Ergebnis: gültig – 0 Fehler" in out.getvalue()
    assert f"{offer_count + 1} Angebote" in out.getvalue()


def test_without_write_the_change_is_shown_but_not_written(shipped: Path, edited: Edited) -> None:
    workbook = edited(lambda s: s.set("Kontakte", "asd-leverkusen", "Rolle", "ASD Leverkusen"))
    before = snapshot(shipped)
    result = import_(workbook, shipped)
    assert result.ok
    assert [(c.action, c.entry_id, c.fields) for c in result.changes] == [
        (Action.CHANGED, "asd-leverkusen", ("Rolle",))
    ]
    assert snapshot(shipped) == before


def test_a_deleted_row_removes_the_entry_and_references_to_it_are_located(
    shipped: Path, edited: Edited
) -> None:
    sheets_seen: dict[str, int] = {}

    def delete(sheets: Sheets) -> None:
        sheets_seen["offer"] = sheets.row_of("Angebote", "isef-beratung-lev")
        sheets_seen["amt"] = sheets.row_of("Jugendämter", "ja-leverkusen")
        sheets.delete("Kontakte", "asd-leverkusen")

    result = import_(edited(delete), shipped, write=True)
    assert [(c.action, c.sheet, c.entry_id) for c in result.changes] == [
        (Action.REMOVED, "Kontakte", "asd-leverkusen")
    ]
    messages = [e.format() for e in result.errors]
    # check may add a "meinten Sie …" suggestion behind the located message.
    assert any(
        m.startswith(
            f"Angebote!Zeile {sheets_seen['offer']}, Spalte Kontakte: "
            "unbekannte(r) Kontakt 'asd-leverkusen'"
        )
        for m in messages
    )
    assert any(
        m.startswith(
            f"Jugendämter!Zeile {sheets_seen['amt']}, Spalte ASD (Kontakt-ids): "
            "unbekannte(r) Kontakt 'asd-leverkusen'"
        )
        for m in messages
    )
    assert result.written == []


def test_removing_an_unreferenced_entry_writes_the_file_without_it(
    shipped: Path, edited: Edited
) -> None:
    result = import_(edited(lambda s: s.delete("Angebote", "kinderschutzbund-lev")), shipped, True)
    assert result.ok and result.written == ["angebote/leverkusen.yaml"]
    text = (shipped / "angebote" / "leverkusen.yaml").read_text(encoding="utf-8")
    assert "kinderschutzbund-lev" not in text
    assert "  - id: isef-beratung-lev" in text and "  - id: lotsendienst-lev" in text
    loaded = load_knowledge(shipped, SHIPPED_TODAY)
    assert loaded.knowledge is not None and "kinderschutzbund-lev" not in loaded.knowledge.offers


def test_a_changed_file_cell_moves_the_entry(shipped: Path, edited: Edited) -> None:
    result = import_(
        edited(lambda s: s.set("Angebote", "kinderschutzbund-lev", "Datei", "angebote/nrw.yaml")),
        shipped,
        write=True,
    )
    assert result.ok, [e.format() for e in result.errors]
    assert [(c.action, c.file, c.target) for c in result.changes] == [
        (Action.MOVED, "angebote/leverkusen.yaml", "angebote/nrw.yaml")
    ]
    assert "kinderschutzbund-lev" in (shipped / "angebote" / "nrw.yaml").read_text("utf-8")
    assert "kinderschutzbund-lev" not in (shipped / "angebote" / "leverkusen.yaml").read_text(
        "utf-8"
    )


def test_new_rows_go_to_the_file_of_their_region(shipped: Path, edited: Edited) -> None:
    def rows(sheets: Sheets) -> None:
        base = {
            "Organisation": "Beispiel",
            "Stand (geprüft am)": date(2026, 12, 1),
            "Quellen (je Zeile ein Link)": "https://www.kreis-viersen.de",
        }
        sheets.add("Kontakte", {"ID": "neu-kempen", "Regionen": "kempen", **base})
        sheets.add("Kontakte", {"ID": "neu-bund", "Bundesweit": "ja", **base})
        sheets.add("Kontakte", {"ID": "neu-beide", "Regionen": "leverkusen; kreis-viersen", **base})

    result = import_(edited(rows), shipped)
    targets = {c.entry_id: c.file for c in result.changes}
    assert targets == {
        "neu-kempen": "kontakte/kreis-viersen.yaml",
        "neu-bund": "kontakte/bundesweit.yaml",
        "neu-beide": "kontakte/nrw.yaml",
    }


def test_an_invalid_file_cell_and_a_missing_sheet_are_errors(shipped: Path, edited: Edited) -> None:
    def edit(sheets: Sheets) -> None:
        sheets.set("Angebote", "kinderschutzbund-lev", "Datei", "../../etc/passwd.yaml")
        del sheets.book["Termine"]

    before = snapshot(shipped)
    result = import_(edited(edit), shipped, write=True)
    messages = [e.format() for e in result.errors]
    assert (
        messages[0].startswith("Angebote!Zeile ")
        and "Datei '../../etc/passwd.yaml'" in (messages[0])
    )
    assert messages[1].startswith("Termine: Das Blatt „Termine“ fehlt")
    assert [c.action for c in result.changes] == []
    assert snapshot(shipped) == before


def test_a_deleted_column_leaves_its_values_unchanged(shipped: Path, edited: Edited) -> None:
    def edit(sheets: Sheets) -> None:
        sheet = sheets.book["Angebote"]
        sheet.delete_cols(sheets.headers("Angebote")["Kosten"])

    before = snapshot(shipped)
    result = import_(edited(edit), shipped, write=True)
    assert result.changes == []
    assert "Angebote: Spalte „Kosten“ fehlt – diese Angaben bleiben unverändert." in result.notes
    assert snapshot(shipped) == before


def test_an_inline_comment_stays_when_its_field_changes(shipped: Path, edited: Edited) -> None:
    result = import_(
        edited(lambda s: s.set("Angebote", "netzwerktreffen-lev", "Bestätigt (verified)", "nein")),
        shipped,
        write=True,
    )
    assert result.ok
    text = (shipped / "angebote" / "leverkusen.yaml").read_text("utf-8")
    assert "    verified: false\n    netzwerk: true  # das Netzwerk selbst" in text


def test_a_new_event_with_times_and_a_place_loads_as_an_event(
    shipped: Path, edited: Edited
) -> None:
    from datetime import datetime

    def add(sheets: Sheets) -> None:
        sheets.add(
            "Termine",
            {
                "ID": "netzwerktreffen-2027",
                "Titel": "Zweites Netzwerktreffen",
                "Beschreibung": "Treffen des Netzwerks Kinderschutz.",
                "Beginn": datetime(2027, 3, 9, 9, 0),  # noqa: DTZ001 - a cell holds local time
                "Ende": "09.03.2027 13:30",
                "Ort": "Forum Leverkusen",
                "Ort: Adresse": "Am Büchelter Hof 9, 51373 Leverkusen",
                "Berufsgruppen": "alle",
                "Regionen": "leverkusen",
                "Veranstalter (Kontakt-id)": "netzwerk-leverkusen",
                "Plätze": 120,
                "Erinnerungen": "7 Tage; 1 Tag",
                "Stand (geprüft am)": date(2026, 12, 1),
                "Quellendatum": "2025-03-11",
                "Quellen (je Zeile ein Link)": "https://www.leverkusen.de",
            },
        )

    result = import_(edited(add), shipped, write=True)
    assert result.ok, [e.format() for e in result.errors]
    assert [(c.action, c.file) for c in result.changes] == [(Action.NEW, "events/leverkusen.yaml")]
    text = (shipped / "events" / "leverkusen.yaml").read_text("utf-8")
    assert "    beginn: 2027-03-09T09:00\n    ende: 2027-03-09T13:30\n    ort:\n" in text
    loaded = load_knowledge(shipped, SHIPPED_TODAY)
    assert loaded.knowledge is not None
    event = loaded.knowledge.events["netzwerktreffen-2027"]
    assert event.location.address == "Am Büchelter Hof 9, 51373 Leverkusen"
    assert event.capacity == 120 and event.start.hour == 9 and event.end.minute == 30
