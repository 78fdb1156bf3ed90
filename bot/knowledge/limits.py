"""Size limits of the knowledge base, checked before a file is read or parsed.

A knowledge file is written by hand: the shipped ones are under 10 KB, the longest value in
them is under 600 characters, and the synthetic benchmark base of 10,000 offers uses files of
0.3 MB. What goes far beyond that is a mistake or an attack, and without limits it costs memory
out of all proportion: a 50 MB list file took 4.9 GB while it was parsed (reliability probe of
2026-12-02). So:

- a file larger than `MAX_FILE_BYTES` is refused after a `stat`, before it is read (and read with
  that bound, should it grow meanwhile); a 1 MiB file of the worst shape costs about 100 MB
  while it is parsed, and each file's tree is released before the next one is read;
- a value longer than `MAX_FIELD_CHARS` and a list with more than `MAX_LIST_ITEMS` items (the
  entries of a section in one file, or any list inside an entry) are refused while the data is
  built from the parsed tree (yaml_source.py), before the schema sees them;
- a file inside the knowledge folder that is a symbolic link to a file outside it is refused
  without being read: nothing of it (no content, no key) appears in a finding or in the admin
  chat after `/reload`.

Each refusal is an error naming the file and the limit; the loader reports them like every other
finding (`check`, `/reload`, start-up).
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB
MAX_FIELD_CHARS = 5_000  # a Telegram message holds 4,096
MAX_LIST_ITEMS = 5_000


def german_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def outside_message() -> str:
    return (
        "die Datei ist ein Verweis (symbolischer Link) auf eine Datei außerhalb des "
        "Wissensordners und wird nicht gelesen; bitte die Datei selbst in den Ordner legen"
    )


def too_large_message(size: int) -> str:
    return (
        f"die Datei ist zu groß: {german_number(size)} Bytes (höchstens "
        f"{german_number(MAX_FILE_BYTES)} Bytes = 1 MiB); bitte auf mehrere Dateien aufteilen"
    )


def field_too_long_message(length: int) -> str:
    return (
        f"der Wert ist zu lang: {german_number(length)} Zeichen (höchstens "
        f"{german_number(MAX_FIELD_CHARS)} Zeichen)"
    )


def list_too_long_message(items: int) -> str:
    return (
        f"die Liste ist zu lang: {german_number(items)} Einträge (höchstens "
        f"{german_number(MAX_LIST_ITEMS)} je Liste und Datei); bitte auf mehrere Dateien "
        "aufteilen"
    )


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside one of `roots`."""
    target = path.resolve()
    return any(target.is_relative_to(root.resolve()) for root in roots)


def read_bounded(path: Path, roots: tuple[Path, ...]) -> bytes | str:
    """The file's bytes, or the German reason it is refused (outside, too large, unreadable)."""
    if not inside(path, roots):
        return outside_message()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return too_large_message(size)
        with path.open("rb") as file:
            content = file.read(MAX_FILE_BYTES + 1)
    except OSError:
        return "die Datei ist nicht lesbar; bitte die Dateirechte prüfen"
    if len(content) > MAX_FILE_BYTES:  # it grew after the stat
        return too_large_message(len(content))
    return content
