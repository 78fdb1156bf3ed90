"""Files that are not opened: formulas, macros, oversized files, zip bombs, broken files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from bot.spreadsheet import texts
from bot.spreadsheet.importing import run_import
from bot.spreadsheet.reading import Limits, Refused
from tests.conftest import SHIPPED_TODAY
from tests.spreadsheet.conftest import Sheets, export, import_, snapshot


def refusal(workbook: Path, knowledge: Path, limits: Limits | None = None) -> str:
    with pytest.raises(Refused) as refused:
        if limits is None:
            import_(workbook, knowledge, write=True)
        else:
            run_import(workbook, knowledge, SHIPPED_TODAY, write=True, limits=limits)
    return str(refused.value)


def test_formula_cells_are_refused_with_their_place_and_nothing_is_written(
    shipped: Path, tmp_path: Path
) -> None:
    sheets = Sheets(export(shipped, tmp_path / "t.xlsx"))
    row = sheets.set(
        "Angebote", "kinderschutzbund-lev", "Kosten", '=HYPERLINK("https://x.example")'
    )
    sheets.set("Kontakte", "asd-leverkusen", "Rolle", "=1+1")
    workbook = sheets.save(tmp_path / "formula.xlsx")
    before = snapshot(shipped)
    result = import_(workbook, shipped, write=True)
    messages = [e.format() for e in result.errors]
    assert f"Angebote!Zeile {row}, Spalte Kosten: {texts.FORMULA}" in messages
    assert any(m.startswith("Kontakte!Zeile") and "Formel" in m for m in messages)
    assert len(messages) == 2
    # the formula cells are not read, so they do not count as changes either
    assert result.changes == []
    assert snapshot(shipped) == before


def test_a_macro_enabled_file_is_refused(shipped: Path, tmp_path: Path) -> None:
    workbook = export(shipped, tmp_path / "t.xlsx")
    xlsm = tmp_path / "t.xlsm"
    xlsm.write_bytes(workbook.read_bytes())
    assert refusal(xlsm, shipped) == texts.MACRO_FILE
    with_vba = tmp_path / "vba.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(with_vba, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", b"\0" * 64)
    assert refusal(with_vba, shipped) == texts.MACRO_FILE


def test_an_oversized_file_is_refused_before_it_is_opened(shipped: Path, tmp_path: Path) -> None:
    workbook = export(shipped, tmp_path / "t.xlsx")
    message = refusal(workbook, shipped, Limits(file_bytes=1000))
    assert message.startswith("Die Datei ist zu groß (")
    assert "höchstens 0,0 MB" in message


def test_a_zip_bomb_is_refused_by_its_unpacked_size(shipped: Path, tmp_path: Path) -> None:
    """101 MB of zeros pack into about 100 KB: small on disk, refused by what it unpacks to."""
    workbook = export(shipped, tmp_path / "t.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(workbook) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open("xl/media/zeros.bin", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(101):
                member.write(chunk)
    assert bomb.stat().st_size < Limits().file_bytes
    assert refusal(bomb, shipped).startswith("Die Datei wird nicht geöffnet: entpackt wäre sie")


def test_too_many_rows_are_refused(shipped: Path, tmp_path: Path) -> None:
    workbook = export(shipped, tmp_path / "t.xlsx")
    message = refusal(workbook, shipped, Limits(rows=10))
    assert message == texts.too_many_rows("Angebote", 10)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("kaputt.xlsx", b"das ist keine Tabelle", texts.NOT_XLSX),
        ("alt.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, texts.OLD_OR_ENCRYPTED),
        ("tabelle.csv", b"ID;Titel\n", texts.NOT_XLSX_SUFFIX),
        ("leer.xlsx", b"", texts.NOT_XLSX),
    ],
)
def test_broken_files_get_a_clear_message(
    shipped: Path, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert refusal(path, shipped) == expected


def test_an_ods_file_and_a_zip_without_a_workbook_are_refused(
    shipped: Path, tmp_path: Path
) -> None:
    ods = tmp_path / "tabelle.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert refusal(ods, shipped) == texts.ODS
    broken = tmp_path / "halb.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert refusal(broken, shipped).startswith(
        "Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen"
    )


def test_a_truncated_workbook_is_refused_without_a_traceback(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = export(shipped, tmp_path / "t.xlsx")
    truncated = tmp_path / "abgebrochen.xlsx"
    truncated.write_bytes(workbook.read_bytes()[: workbook.stat().st_size // 2])
    code = main(["tabelle", "import", str(truncated), "--knowledge", str(shipped)])
    output = capsys.readouterr().out
    assert code == 1
    assert output.startswith("Nicht eingelesen: ")
    assert "Traceback" not in output


def test_the_cli_exit_codes_follow_check(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["tabelle", "export", "--knowledge", str(shipped), "--out", str(out)]) == 0
    assert "Tabelle geschrieben" in capsys.readouterr().out
    assert main(["tabelle", "import", str(out), "--knowledge", str(shipped)]) == 0
    assert "Keine Änderungen." in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    book["Angebote"]["B2"] = ""  # a required title emptied
    book.save(tmp_path / "e.xlsx")
    assert main(["tabelle", "import", str(tmp_path / "e.xlsx"), "--knowledge", str(shipped)]) == 1
    output = capsys.readouterr().out
    assert "Angebote!Zeile 2, Spalte Titel: Pflichtfeld fehlt" in output
    assert "Nichts geschrieben: 1 Fehler" in output
    broken_config = tmp_path / "config.yaml"
    broken_config.write_text("telegram: [", encoding="utf-8")
    code = main(["--config", str(broken_config), "tabelle", "export", "--out", str(out)])
    assert code == 2
    assert main(["tabelle", "export", "--knowledge", str(shipped), "--out", "x.csv"]) == 1
