"""Every German text of the spreadsheet round trip: the workbook's guide and the messages."""

from __future__ import annotations

from pathlib import Path

MEGABYTE = 1024 * 1024

MACRO_FILE = (
    "Die Datei enthält Makros (.xlsm oder ein VBA-Projekt) und wird aus Sicherheitsgründen nicht "
    "geöffnet. Bitte speichern Sie sie als „Excel-Arbeitsmappe (.xlsx)“ ohne Makros."
)
OLD_OR_ENCRYPTED = (
    "Die Datei ist im alten Excel-Format (.xls) oder mit einem Kennwort geschützt. Bitte "
    "speichern Sie sie ohne Kennwort als „Excel-Arbeitsmappe (.xlsx)“."
)
NOT_XLSX_SUFFIX = (
    "Nur Excel-Arbeitsmappen (.xlsx) können eingelesen werden. Bitte speichern Sie die Tabelle "
    "als „Excel-Arbeitsmappe (.xlsx)“ (in LibreOffice: Speichern unter → Excel 2007-365)."
)
NOT_XLSX = (
    "Die Datei ist keine gültige Excel-Arbeitsmappe (.xlsx) – sie ist beschädigt oder hat ein "
    "anderes Format. Bitte exportieren Sie die Tabelle neu (kinderschutz-lotse tabelle export)."
)
ODS = (
    "Die Datei ist eine LibreOffice-Tabelle (.ods). Bitte speichern Sie sie als "
    "„Excel 2007-365 (.xlsx)“."
)
FORMULA = (
    "Die Zelle enthält eine Formel. Bitte tragen Sie nur Werte ein (Zelle kopieren, dann "
    "„Inhalte einfügen → Nur Werte“)."
)
MISSING_ID_COLUMN = "Die Spalte „ID“ fehlt; ohne sie wird das Blatt nicht eingelesen."
FILE_INVALID = (
    "Datei '{file}' ist ungültig: erwartet ein Pfad im Ordner der Wissensbasis, der auf .yaml "
    "endet, z. B. angebote/leverkusen.yaml"
)


def no_file(path: Path) -> str:
    return f"Die Datei {path} gibt es nicht."


def _mb(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".replace(".", ",") + " MB"


def too_big(size: int, limit: int) -> str:
    return (
        f"Die Datei ist zu groß ({_mb(size)}; höchstens {_mb(limit)}). Eine Tabelle der "
        "Wissensbasis ist weit kleiner – bitte prüfen Sie, ob es die richtige Datei ist."
    )


def unpacks_too_big(size: int, limit: int) -> str:
    return (
        f"Die Datei wird nicht geöffnet: entpackt wäre sie {_mb(size)} groß (höchstens "
        f"{_mb(limit)}). Bitte exportieren Sie die Tabelle neu."
    )


def too_many_parts(count: int) -> str:
    return f"Die Datei wird nicht geöffnet: sie besteht aus {count} Teilen (ungewöhnlich viele)."


def too_many_rows(sheet: str, limit: int) -> str:
    return f"Das Blatt „{sheet}“ hat mehr als {limit} Zeilen; so viele sind nicht vorgesehen."


def not_readable(error: BaseException) -> str:
    reason = str(error).strip() or type(error).__name__
    return f"Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen ({reason[:200]})."


def missing_sheet(sheet: str) -> str:
    return (
        f"Das Blatt „{sheet}“ fehlt. Es wird nichts übernommen, damit keine Einträge verloren "
        "gehen; bitte das Blatt nicht löschen oder umbenennen."
    )


def missing_column(header: str) -> str:
    return f"Spalte „{header}“ fehlt – diese Angaben bleiben unverändert."


def unknown_column(header: str) -> str:
    return f"Spalte „{header}“ ist unbekannt und wird nicht eingelesen."


GUIDE_TITLE = "Kinderschutz-Lotse: Wissensbasis als Tabelle bearbeiten"
GUIDE = (
    ("Was diese Tabelle ist", True),
    (
        "Diese Arbeitsmappe enthält die Angebote, Kontakte, Jugendämter und Termine der "
        "Wissensbasis – je Art ein Blatt. Sie bearbeiten sie hier und geben sie danach zurück. "
        "Erst nach der Prüfung werden die Änderungen übernommen.",
        False,
    ),
    ("So bearbeiten Sie", True),
    ("1. Ändern Sie Zellen direkt. Jede Zeile ist ein Eintrag, die erste Spalte die ID.", False),
    (
        "2. Neuer Eintrag: eine neue Zeile unten anfügen. Die ID besteht nur aus Kleinbuchstaben "
        "a–z, Ziffern und Bindestrichen, höchstens 24 Zeichen (z. B. medienberatung-lev).",
        False,
    ),
    (
        "3. Eintrag löschen: die ganze Zeile löschen. Die Vorschau zeigt vor dem Übernehmen, "
        "welche Einträge entfernt würden.",
        False,
    ),
    (
        "4. Mehrere Werte in einer Zelle (Themen, Berufsgruppen, Regionen, Kontakte, Sprachen) "
        "trennen Sie mit Semikolon und Leerzeichen: „sucht; gewalt“. Quellen und Telefonnummern "
        "stehen je in einer eigenen Zeile der Zelle (Zeilenumbruch: Alt+Eingabe, am Mac "
        "Wahl+Eingabe); „; “ geht auch.",
        False,
    ),
    (
        "5. Auswahllisten: In den Spalten Themen, Berufsgruppen, Regionen und Kontakte bietet die "
        "Zelle eine Liste an (Blatt „Listen“ zeigt alle ids mit Namen). Für mehrere Werte tippen "
        "Sie sie mit „; “ getrennt ein. „alle“ bei Berufsgruppen heißt: für alle Berufsgruppen.",
        False,
    ),
    (
        "6. Telefon: je Zeile „Bezeichnung: Nummer“, z. B. „Zentrale: 0214 406-0“, oder nur die "
        "Nummer. Erlaubt sind Ziffern, Leerzeichen und + / - ( ).",
        False,
    ),
    (
        "7. Datumsangaben: Stand (Datum Ihrer Prüfung) als Datum, z. B. 02.12.2026. Beginn und "
        "Ende eines Termins mit Uhrzeit (11.03.2025 09:00) oder nur als Datum (ganztägig). "
        "Quellendatum: von wann die Quelle selbst ist – JJJJ-MM-TT, JJJJ-MM, JJJJ oder "
        "„unbekannt“.",
        False,
    ),
    ("8. Ja/Nein-Spalten (Bestätigt, Bundesweit, Netzwerk, Öffentlich): „ja“ oder „nein“.", False),
    (
        "9. Spalte „Datei“: in welcher Datei der Eintrag steht. Bei neuen Zeilen leer lassen: "
        "der Eintrag kommt in die Datei, in der die meisten Einträge derselben Region stehen "
        "(z. B. angebote/leverkusen.yaml), bundesweite in …/bundesweit.yaml. Ändern Sie die "
        "Datei, wird der Eintrag dorthin verschoben.",
        False,
    ),
    (
        "10. Bitte keine Formeln, keine Makros, keine Blätter löschen oder umbenennen. Spalten "
        "dürfen Sie umsortieren; eine gelöschte Spalte lässt die Angaben unverändert.",
        False,
    ),
    (
        "Nicht in der Tabelle: Programm und Workshops eines Termins, Meldewege, Berufsgruppen, "
        "Regionen, Themen und Notrufe. Diese pflegen Sie in den YAML-Dateien "
        "(docs/redaktion.md); die Tabelle lässt sie unverändert.",
        False,
    ),
    ("So wird die Tabelle übernommen", True),
    (
        "1. Datei als .xlsx speichern. 2. Vorschau: kinderschutz-lotse tabelle import DATEI.xlsx "
        "– zeigt alle Fehler auf einmal („Angebote!Zeile 7, Spalte Themen: …“) und was sich "
        "ändern würde. 3. Fehler in der Tabelle beheben und die Vorschau wiederholen. "
        "4. Übernehmen: kinderschutz-lotse tabelle import DATEI.xlsx --write. 5. Zum Schluss "
        "kinderschutz-lotse check und die Vorschau im Chat (kinderschutz-lotse demo).",
        False,
    ),
    (
        "Geprüft wird mit denselben Regeln wie bei kinderschutz-lotse check. Solange es Fehler "
        "gibt, wird nichts geschrieben. Jede Angabe braucht eine Quelle (Link) und ihr Datum; "
        "bitte nichts erfinden.",
        False,
    ),
)
HEADER_NOTE = "YAML-Feld: {key}"
REQUIRED_NOTE = " (Pflichtfeld)"
FILE_NOTE = "Datei der Wissensbasis, in der der Eintrag steht. Bei neuen Zeilen leer lassen."
MULTI_PROMPT = "Aus der Liste wählen; mehrere Werte mit „; “ trennen."
LISTS_NOTE = "Diese Listen speisen die Auswahl in den Blättern; sie werden nicht eingelesen."
