"""Sources as data: their date, refused hosts, texts without a link, examples, dead-end texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.fields import SourceDate, _parse_source_date
from bot.knowledge.findings import Concern
from bot.knowledge.loader import KnowledgeSource, load_knowledge
from bot.knowledge.sources import refused_because, urls_in
from tests.conftest import TODAY


def edit(directory: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def messages(directory: Path, today: date = TODAY) -> list[str]:
    result = load_knowledge(directory, today)
    return [f.format() for f in [*result.errors, *result.warnings]]


@pytest.mark.parametrize(
    ("written", "expected", "label"),
    [
        ("2025-12-10", SourceDate(2025, 12, 10), "10.12.2025"),
        ("2019-03", SourceDate(2019, 3), "03/2019"),
        ("2019", SourceDate(2019), "2019"),
        ("unbekannt", SourceDate(None), "unbekannt"),
        (" Unbekannt ", SourceDate(None), "unbekannt"),
    ],
)
def test_source_dates_are_read_as_precisely_as_written(
    written: str, expected: SourceDate, label: str
) -> None:
    parsed = _parse_source_date(written)
    assert parsed == expected
    assert parsed.label() == label


@pytest.mark.parametrize("written", ["2019-13", "2019-02-30", "12.03.2019", "letztes Jahr", "19"])
def test_a_malformed_source_date_is_an_error_with_an_example(
    knowledge_copy: Path, written: str
) -> None:
    edit(knowledge_copy, "kontakte.yaml", "quelle_datum: 2026-11", f"quelle_datum: {written}")
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is None
    assert any(
        f"Quellendatum '{written.strip()}' ist ungültig" in f.message
        and "kontakte[0].quelle_datum" in f.path
        for f in result.errors
    ), [f.format() for f in result.errors]


def test_a_year_is_counted_from_its_last_day() -> None:
    assert SourceDate(2024).last_day() == date(2024, 12, 31)
    assert SourceDate(2024, 2).last_day() == date(2024, 2, 29)
    assert SourceDate(None).last_day() is None


def test_missing_unknown_and_old_source_dates_warn(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "kontakte.yaml", "    quelle_datum: 2026-11\n", "")
    edit(knowledge_copy, "kontakte.yaml", "quelle_datum: 2026-11", "quelle_datum: unbekannt")
    edit(knowledge_copy, "kontakte.yaml", "quelle_datum: 2026-11", "quelle_datum: 2024-10")
    found = messages(knowledge_copy)
    assert any("kontakte[asd-musterstadt].quelle: quelle_datum fehlt" in m for m in found), found
    assert any("kontakte[isef-musterstadt].quelle_datum: Quelle ohne Datum" in m for m in found), (
        found
    )
    assert any(
        "kontakte[asd-nordheim].quelle_datum: Quelle von 10/2024 ist älter als zwei Jahre" in m
        for m in found
    ), found
    # Two years after the end of its month, not before.
    assert not any("Quelle von 10/2024" in m for m in messages(knowledge_copy, date(2026, 10, 30)))


def test_a_source_date_in_the_future_is_an_error(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "kontakte.yaml", "quelle_datum: 2026-11", "quelle_datum: 2031")
    result = load_knowledge(knowledge_copy, TODAY)
    assert any("Quellendatum 2031 liegt in der Zukunft" in f.message for f in result.errors)


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://hotlib.net/htrd/910184/p27", True),
        ("https://www.yumpu.com/de/document/view/1", True),
        ("https://de.readkong.com/page/x", True),
        ("https://serviceportal.kreis-warendorf.de/detail/1", True),
        ("https://www.wuppertal.de/microsite/jugendamt", True),
        ("https://www.leverkusen.de/pressemodul/x", False),
        ("https://notyumpu.com/x", False),
        ("https://haufe.de/sozialwesen/x", False),
    ],
)
def test_refused_hosts_are_matched_by_domain_not_by_substring(url: str, refused: bool) -> None:
    assert (refused_because(url) is not None) is refused


def test_a_refused_source_and_a_source_without_link_are_named(knowledge_copy: Path) -> None:
    edit(
        knowledge_copy,
        "kontakte.yaml",
        "quelle: https://example.org/testdaten",
        "quelle:\n      - https://www.yumpu.com/de/document/view/17739930/leitfaden\n"
        "      - Pressemitteilung vom 02.07.2025",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is None
    assert any(
        "kontakte[asd-musterstadt].quelle[0]: Quelle yumpu.com nicht zulässig: Spiegel-"
        in f.format()
        for f in result.errors
    ), [f.format() for f in result.errors]
    found = [f.format() for f in result.warnings]
    assert any(
        "kontakte[asd-musterstadt].quelle[1]: Quelle ohne Web-Adresse ('Pressemitteilung vom "
        "02.07.2025')" in m
        for m in found
    ), found


def test_an_example_entry_is_refused_when_served_and_allowed_in_preview(
    knowledge_copy: Path,
) -> None:
    edit(
        knowledge_copy,
        "angebote.yaml",
        "    verified: true\n",
        "    verified: true\n    beispiel: true\n",
    )
    checked = load_knowledge(knowledge_copy, TODAY)
    assert checked.ok
    assert any(f.concern is Concern.EXAMPLE for f in checked.warnings)
    preview = KnowledgeSource(knowledge_copy, preview=True).load(TODAY)
    assert preview.ok
    served = KnowledgeSource(knowledge_copy).load(TODAY)
    assert served.knowledge is None
    assert any(
        "Beispiel-Eintrag (beispiel: true) wird im Betrieb nicht" in f.message
        for f in served.errors
    )


def test_examples_come_from_their_own_folder(knowledge_copy: Path, tmp_path: Path) -> None:
    examples = tmp_path / "examples" / "knowledge"
    examples.mkdir(parents=True)
    (examples / "termine.yaml").write_text(
        (knowledge_copy / "veranstaltungen.yaml")
        .read_text(encoding="utf-8")
        .replace("\n  - id: ", "\n  - beispiel: true\n    id: beispiel-"),
        encoding="utf-8",
    )
    preview = KnowledgeSource(knowledge_copy, extra=(examples,), preview=True).load(TODAY)
    assert preview.ok, [f.format() for f in preview.errors]
    assert preview.knowledge is not None
    assert any(event.example for event in preview.knowledge.events.values())
    served = KnowledgeSource(knowledge_copy, extra=(examples,)).load(TODAY)
    assert served.knowledge is None
    assert all(f.file.startswith("examples/knowledge/") for f in served.errors)


def test_a_text_that_sends_people_to_a_contact_without_data_warns(knowledge_copy: Path) -> None:
    edit(
        knowledge_copy,
        "kontakte.yaml",
        "    sprechzeiten: Mo–Fr 8–16 Uhr\n",
        "    sprechzeiten: Mo–Fr 8–16 Uhr\n    hinweis: Bitte über die Zentrale oder die "
        "Kinderschutzfachberatung Musterstadt erfragen.\n",
    )
    edit(knowledge_copy, "kontakte.yaml", "    telefon: 01234 9999\n", "")
    found = messages(knowledge_copy)
    assert any(
        "kontakte[asd-musterstadt].hinweis: verweist auf „Kinderschutzfachberatung Musterstadt – "
        "Insoweit "
        "erfahrene Fachkraft“ (isef-musterstadt)" in m
        for m in found
    ), found
    assert any(
        "kontakte[asd-musterstadt].hinweis: verweist auf eine Zentrale" in m for m in found
    ), found


def test_the_shipped_examples_are_outside_the_knowledge_base() -> None:
    shipped = Path(__file__).parents[2] / "knowledge"
    assert not any(
        "beispiel: true" in p.read_text(encoding="utf-8") for p in shipped.rglob("*.yaml")
    )
    examples = Path(__file__).parents[2] / "examples" / "knowledge"
    assert any("beispiel: true" in p.read_text(encoding="utf-8") for p in examples.rglob("*.yaml"))


def test_a_variant_leads_to_its_own_path_and_unknown_paths_are_named(
    knowledge_copy: Path,
) -> None:
    edit(
        knowledge_copy,
        "stammdaten.yaml",
        "    meldeweg: traeger-8a\n",
        "    meldeweg: traeger-8a\n    varianten:\n      frage: Bei wem sind Sie angestellt?\n"
        "      optionen:\n        - id: freier-traeger\n          name: bei einem freien Träger\n"
        "          meldeweg: traeger-8a\n        - id: kommune\n          name: bei der Stadt\n"
        "          meldeweg: kkg-4\n",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None, [f.format() for f in result.errors]
    assert result.knowledge.meldeweg_for("kita", "kommune").id == "kkg-4"  # type: ignore[union-attr]
    assert result.knowledge.meldeweg_for("kita", None).id == "traeger-8a"  # type: ignore[union-attr]
    assert result.knowledge.meldeweg_for("kita", "weg").id == "traeger-8a"  # type: ignore[union-attr]
    edit(
        knowledge_copy,
        "stammdaten.yaml",
        "          meldeweg: kkg-4\n",
        "          meldeweg: gibts-nicht\n",
    )
    broken = load_knowledge(knowledge_copy, TODAY)
    assert any(
        "berufe[kita].varianten.optionen[1].meldeweg: unbekannte(r) Meldeweg 'gibts-nicht'"
        in f.format()
        for f in broken.errors
    ), [f.format() for f in broken.errors]


def test_a_stadt_in_a_kreis_is_a_municipality_with_its_kreis(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "stammdaten.yaml", "    art: gemeinde\n", "    art: stadt\n")
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.ok, [f.format() for f in result.errors]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        (
            "https://www.schwaebische.de/panorama/telefonseelsorge-116-123,-a-123.html",
            ["https://www.schwaebische.de/panorama/telefonseelsorge-116-123,-a-123.html"],
        ),
        ("Siehe https://example.org/a, dort Seite 2.", ["https://example.org/a"]),
        ("(Pressemitteilung: https://example.org/b)", ["https://example.org/b"]),
        (
            "https://de.wikipedia.org/wiki/Kind_(Recht)",
            ["https://de.wikipedia.org/wiki/Kind_(Recht)"],
        ),
        (
            "https://example.org/c; https://example.org/d.",
            ["https://example.org/c", "https://example.org/d"],
        ),
    ],
)
def test_a_source_address_keeps_its_commas_and_brackets_but_not_the_sentences(
    text: str, urls: list[str]
) -> None:
    assert urls_in(text) == urls
