"""Size limits and links to outside: refused with the file and the limit named, before the file
is parsed (the reliability probe's triggers, scaled down)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.limits import MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_LIST_ITEMS
from bot.knowledge.loader import LoadResult, load_knowledge
from tests.conftest import TODAY


def load(directory: Path) -> LoadResult:
    return load_knowledge(directory, TODAY)


def findings_of(result: LoadResult, file: str) -> list[str]:
    return [f.format() for f in result.errors if f.file == file]


def test_a_file_over_the_size_limit_is_refused_unparsed(knowledge_copy: Path) -> None:
    # Twice the limit, and broken YAML on top: only the size is reported, so it was not parsed.
    big = knowledge_copy / "gross.yaml"
    big.write_text("themen: [\n" + "- x\n" * (MAX_FILE_BYTES // 2), encoding="utf-8")
    assert big.stat().st_size > 2 * MAX_FILE_BYTES - 100
    result = load(knowledge_copy)
    assert result.knowledge is None
    size = f"{big.stat().st_size:,}".replace(",", ".")
    assert findings_of(result, "gross.yaml") == [
        f"gross.yaml  die Datei ist zu groß: {size} Bytes (höchstens 1.048.576 Bytes = 1 MiB); "
        "bitte auf mehrere Dateien aufteilen"
    ]


def test_a_file_just_under_the_limit_is_read(knowledge_copy: Path) -> None:
    padding = "# " + "x" * 98 + "\n"
    text = "themen:\n"
    text += padding * ((MAX_FILE_BYTES - len(text)) // len(padding))
    (knowledge_copy / "kommentare.yaml").write_text(text, encoding="utf-8")
    assert (knowledge_copy / "kommentare.yaml").stat().st_size <= MAX_FILE_BYTES
    assert load(knowledge_copy).ok


def test_an_overlong_field_is_refused_with_its_place(knowledge_copy: Path) -> None:
    path = knowledge_copy / "stammdaten.yaml"
    text = path.read_text(encoding="utf-8")
    long_name = "Sucht " * (MAX_FIELD_CHARS // 6 + 10)
    path.write_text(text.replace("    name: Sucht\n", f"    name: {long_name}\n", 1), "utf-8")
    result = load(knowledge_copy)
    assert result.knowledge is None
    [finding] = [f for f in result.errors if "zu lang" in f.message]
    assert finding.file == "stammdaten.yaml"
    assert finding.path.endswith(".name")
    assert f"{len(long_name.strip()):,} Zeichen (höchstens 5.000 Zeichen)".replace(",", ".") in (
        finding.message
    )
    assert "Sucht Sucht" not in finding.format()


def test_an_overlong_list_is_one_error_not_thousands(knowledge_copy: Path) -> None:
    items = "".join(f"  - id: t{n}\n" for n in range(MAX_LIST_ITEMS + 1))
    (knowledge_copy / "viele.yaml").write_text("themen:\n" + items, encoding="utf-8")
    result = load(knowledge_copy)
    assert findings_of(result, "viele.yaml") == [
        "viele.yaml:1  themen: die Liste ist zu lang: 5.001 Einträge (höchstens 5.000 je Liste "
        "und Datei); bitte auf mehrere Dateien aufteilen"
    ]


def test_a_link_to_a_file_outside_is_refused_without_its_keys(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "geheim" / "config.yaml"
    outside.parent.mkdir()
    outside.write_text("db_password: hunter2\n", encoding="utf-8")
    (knowledge_copy / "geheim.yaml").symlink_to(outside)
    result = load(knowledge_copy)
    assert result.knowledge is None
    shown = "\n".join(f.format() for f in [*result.errors, *result.warnings])
    assert "db_password" not in shown and "hunter2" not in shown
    assert findings_of(result, "geheim.yaml") == [
        "geheim.yaml  die Datei ist ein Verweis (symbolischer Link) auf eine Datei außerhalb "
        "des Wissensordners und wird nicht gelesen; bitte die Datei selbst in den Ordner legen"
    ]


def test_a_link_within_the_folder_is_read(knowledge_copy: Path) -> None:
    (knowledge_copy / "archiv").mkdir()
    (knowledge_copy / "meldewege.yaml").rename(knowledge_copy / "archiv" / "meldewege.yaml")
    (knowledge_copy / "meldewege.yml").symlink_to(Path("archiv") / "meldewege.yaml")
    # The target is read twice (as itself and through the link): duplicate ids, not a refusal.
    result = load(knowledge_copy)
    assert not any("Verweis" in f.message for f in result.errors)
    (knowledge_copy / "archiv" / "meldewege.yaml").rename(knowledge_copy / ".meldewege.yaml")
    (knowledge_copy / "meldewege.yml").unlink()
    (knowledge_copy / "meldewege.yml").symlink_to(".meldewege.yaml")
    assert load(knowledge_copy).ok
