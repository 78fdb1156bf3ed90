"""A real browser renders an Aushang (headless Chromium; skipped with a reason where it is not
installed): the page is black on white – readable from a black-and-white printer – with the
acute box's frame and the QR code on screen.

`AUSHANG_SCREENSHOT=docs/aushang.png pytest --run-slow tests/publish/test_aushang_browser.py`
also keeps the screenshot there (the README shows it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.publish.aushang import build_page, render_html
from tests.browser import CHROMIUM, NO_CHROMIUM, chromium
from tests.conftest import SHIPPED_TODAY
from tests.report.test_report_page import rgb_pixels

A4_AT_96_DPI = (794, 1123)


@pytest.mark.slow  # starts a headless Chromium (about 5-10 s on the 2-core machine)
@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_a_browser_renders_the_kempen_kita_aushang_black_on_white(
    tmp_path: Path, shipped: KnowledgeBase
) -> None:
    page = build_page(shipped, "kita", "kempen", SHIPPED_TODAY, "KinderschutzLotseBot")
    assert page is not None
    html = tmp_path / "aushang.html"
    html.write_text(render_html(page), encoding="utf-8")
    screenshot = tmp_path / "aushang.png"
    chromium(
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={A4_AT_96_DPI[0]},{A4_AT_96_DPI[1]}",
        f"--screenshot={screenshot}",
        html.as_uri(),
    )
    pixels = rgb_pixels(screenshot.read_bytes())
    assert len(pixels) == A4_AT_96_DPI[0] * A4_AT_96_DPI[1]
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 24)
    dark = sum(1 for r, g, b in pixels if max(r, g, b) < 60)
    white = sum(1 for r, g, b in pixels if min(r, g, b) > 245)
    assert coloured < len(pixels) // 1000  # no colour a grey-scale printer would lose
    assert white > len(pixels) * 0.6  # a calm page, mostly paper
    # Text, the acute box's 2.5pt frame and the QR code (27 mm of black modules) are on it.
    assert dark > 25_000
    keep = os.environ.get("AUSHANG_SCREENSHOT")
    if keep:
        shutil.copyfile(screenshot, keep)
