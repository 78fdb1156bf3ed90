"""`check` for coordinators who never saw YAML before: the mistakes of the walkthrough
(ux-walkthrough-2026-12, section 3) each get one German message that says what to type."""

from __future__ import annotations

import io
from pathlib import Path

from bot.cli import run_check
from bot.clock import FixedClock
from bot.knowledge.loader import load_knowledge
from tests.conftest import TODAY


def edit(directory: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def check_output(directory: Path, clock: FixedClock) -> str:
    out = io.StringIO()
    run_check(directory, False, clock, out)
    return out.getvalue()


def test_a_tab_in_the_indentation_is_named_with_its_line_and_nothing_follows_from_it(
    knowledge_copy: Path, clock: FixedClock
) -> None:
    edit(knowledge_copy, "angebote.yaml", "\n    titel: Suchtberatung", "\n\ttitel: Suchtberatung")
    result = load_knowledge(knowledge_copy, TODAY)
    [error] = result.errors
    assert (error.file, error.line) == ("angebote.yaml", 3)
    assert "Tabulator in der Einrückung (Zeile 3" in error.message
    assert "found" not in error.message and "violates" not in error.message
    # Without the file every topic seems to lack offers: those warnings wait until it is read.
    assert not any("kein Angebot" in w.message for w in result.warnings)
    assert result.held_back == 3
    output = check_output(knowledge_copy, clock)
    assert "Hinweis: 3 Warnungen über fehlende Einträge" in output


def test_references_to_entries_of_an_unreadable_file_do_not_cascade(
    knowledge_copy: Path,
) -> None:
    edit(
        knowledge_copy,
        "kontakte.yaml",
        "\n    organisation: Jugendamt Musterstadt",
        "\n\torganisation: x",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert [e.file for e in result.errors] == ["kontakte.yaml"]
    assert not any("unbekannte" in e.message for e in result.errors)


def test_capitalised_and_misspelt_ids_get_a_suggestion(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "angebote.yaml", "themen: [sucht]", "themen: [Sucht]")
    edit(knowledge_copy, "angebote.yaml", "themen: [gewalt]", "themen: [gewallt]")
    result = load_knowledge(knowledge_copy, TODAY)
    messages = [e.format() for e in result.errors]
    assert any(
        "angebote[suchtberatung-eltern].themen[0]: id 'Sucht' ist ungültig" in m
        and "meinten Sie 'sucht'?" in m
        for m in messages
    ), messages
    assert not any("Liste darf nicht leer sein" in m for m in messages), messages
    assert any(
        "angebote[gewaltschutz-kita].themen[0]: unbekannte(r) Thema 'gewallt' "
        "(meinten Sie 'gewalt'?)" in m
        for m in messages
    ), messages


def test_a_capitalised_reference_to_a_known_id_names_it(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "stammdaten.yaml", "asd: [asd-nordheim]", "asd: [asd-Nordheim]")
    result = load_knowledge(knowledge_copy, TODAY)
    assert any("meinten Sie 'asd-nordheim'?" in e.message for e in result.errors)


def test_a_wrong_date_echoes_what_was_typed_and_the_iso_form(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "angebote.yaml", "    stand: 2026-10-01", "    stand: 22.11.2026")
    [error] = load_knowledge(knowledge_copy, TODAY).errors
    assert error.format() == (
        "angebote.yaml:11  angebote[suchtberatung-eltern].stand: ungültiges Datum '22.11.2026' "
        "– meinten Sie 2026-11-22? (erwartet JJJJ-MM-TT, z. B. 2025-03-11)"
    )


def test_a_broken_entry_is_named_by_the_id_it_has(knowledge_copy: Path, clock: FixedClock) -> None:
    # The walkthrough's new offer: umlaut in a key, no source.
    edit(knowledge_copy, "angebote.yaml", "    traeger: Jugendamt Musterstadt", "    träger: J")
    output = check_output(knowledge_copy, clock)
    # One error for the umlaut, not also "traeger: Pflichtfeld fehlt".
    assert "Pflichtfeld fehlt" not in output
    assert (
        "angebote[gewaltschutz-kita].träger: unbekanntes Feld 'träger' (meinten Sie 'traeger'?)"
        in output
    )
    assert "angebote[1]" not in output


def test_yaml_syntax_errors_are_explained_in_german(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "angebote.yaml", "themen: [sucht]", "themen: [sucht")
    [error] = load_knowledge(knowledge_copy, TODAY).errors
    assert error.message.startswith("YAML-Syntaxfehler: eine eckige Klammer [ wird nicht")
