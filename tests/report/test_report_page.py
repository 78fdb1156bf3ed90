"""`kinderschutz-lotse report` writes the page, and a real browser renders it with the coverage
matrix visible (headless Chromium; skipped with a reason where it is not installed)."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FixedClock
from tests.browser import CHROMIUM, NO_CHROMIUM, chromium
from tests.conftest import FIXTURE_KNOWLEDGE

GAP = (0xFB, 0xD9, 0xD3)  # td.gap in bot/report/templates/report.css
COVERED = (0xE5, 0xF3, 0xE8)  # td.some


def write_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n"
        f"database:\n  path: {tmp_path / 'keine.sqlite3'}\n",
        encoding="utf-8",
    )
    return config


def test_report_command_writes_html_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bericht"
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    code = main(["--config", str(write_config(tmp_path)), "report", "--out", str(out)], clock)
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "3 Orte, 13 Lücken" in printed  # distinct: the two towns of the Kreis lack alike
    assert "Keine Datenbank" in printed
    assert (out / "bericht.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Kurzbericht" in (out / "bericht.md").read_text(encoding="utf-8")
    assert not (tmp_path / "keine.sqlite3").exists()  # the report never creates a database


def rgb_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) – enough to look
    at colours without an imaging library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunk = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    offset = 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                nearest = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )[2]
                line[i] = (line[i] + nearest) & 0xFF
        pixels += [tuple(line[i : i + 3]) for i in range(0, stride, channels)]  # type: ignore[misc]
        previous = line
    return pixels


@pytest.mark.slow  # starts a headless Chromium (about 5-10 s on the 2-core machine)
@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_a_browser_renders_the_page_and_the_matrix_is_visible(tmp_path: Path) -> None:
    out = tmp_path / "bericht"
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    assert main(["--config", str(write_config(tmp_path)), "report", "--out", str(out)], clock) == 0
    screenshot = tmp_path / "bericht.png"
    chromium(
        "--hide-scrollbars",
        "--window-size=1000,1000",
        f"--screenshot={screenshot}",
        (out / "bericht.html").as_uri(),
    )
    pixels = rgb_pixels(screenshot.read_bytes())

    def near(colour: tuple[int, int, int]) -> int:
        return sum(
            1 for p in pixels if all(abs(a - b) <= 3 for a, b in zip(p, colour, strict=True))
        )

    assert near(GAP) > 2_000  # red gap cells are on screen
    assert near(COVERED) > 500  # and covered ones
