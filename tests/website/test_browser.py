"""The website in a real browser (headless Chromium, as the report's screenshot test): axe-core
finds no serious or critical accessibility violation on any page type, a screenshot shows the
Notfall box, and the search (progressive enhancement) finds a Meldeweg.

axe-core comes from npm (`package.json`; `.ci/run` installs it) or from the file named by
$AXE_CORE_JS. Without Chromium or axe-core these tests skip with the reason, so the README's
test command works on a machine with only Python and PyPI."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, NO_CHROMIUM, chromium
from tests.conftest import PROJECT_ROOT
from tests.report.test_report_page import rgb_pixels
from tests.website.test_site import PAGE_TYPES

AXE = Path(os.environ.get("AXE_CORE_JS") or PROJECT_ROOT / "node_modules/axe-core/axe.min.js")
NOTFALL_RED = (0xA1, 0x15, 0x1A)  # .acute border and the Notfall numbers in site.css
RESULT = re.compile(r'<pre id="axe-result">(.*?)</pre>', re.S)

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
needs_axe = pytest.mark.skipif(
    not AXE.is_file(), reason=f"axe-core is not installed ({AXE}; npm install, see .ci/run)"
)
# The pages an axe run covers: one of each type, including a page of offers.
AXE_PAGES = (*PAGE_TYPES, "angebote-kempen_kinderschutz.html")


def axe_violations(page: Path) -> list[dict[str, Any]]:
    """Run axe-core inside the page (a copy beside it with the script added at the end, so
    relative links stay as they are) and read its violations back from the DOM."""
    probe = page.with_name(f"{page.stem}.axe-probe.html")
    runner = (
        f'<script src="{AXE.resolve().as_uri()}"></script>'
        "<script>axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "var out = document.createElement('pre'); out.id = 'axe-result';"
        "out.textContent = JSON.stringify(r.violations.map(function (v) {"
        "return {id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; }));"
        "document.body.appendChild(out); });</script>"
    )
    source = page.read_text(encoding="utf-8")
    assert "</body>" in source
    probe.write_text(source.replace("</body>", runner + "</body>"), encoding="utf-8")
    try:
        dom = chromium("--virtual-time-budget=30000", "--dump-dom", probe.as_uri())
    finally:
        probe.unlink()
    match = RESULT.search(dom)
    assert match, f"axe-core did not report on {page.name}"
    violations: list[dict[str, Any]] = json.loads(html.unescape(match.group(1)))
    return violations


@pytest.mark.slow  # one headless Chromium per page type (about 3 s each on the 2-core machine)
@needs_chromium
@needs_axe
def test_axe_finds_no_violation_on_any_page_type(shipped_site: Path) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    for name in AXE_PAGES:
        assert (shipped_site / name).is_file(), name
        violations = axe_violations(shipped_site / name)
        # The requirement is none serious or critical; today there is none of any impact
        # (moderate, minor) either, and a new one should be looked at, not waved through.
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.slow
@needs_chromium
@needs_axe
def test_the_axe_probe_does_report_violations(tmp_path: Path) -> None:
    """The probe itself works: a page with known faults gets them reported."""
    page = tmp_path / "kaputt.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png">'
        '<a href="b.html"></a><p style="color:#ccc">blass</p></body></html>',
        encoding="utf-8",
    )
    ids = {v["id"] for v in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "link-name", "color-contrast"} <= ids


@pytest.mark.slow
@needs_chromium
def test_a_browser_renders_the_meldeweg_page_with_the_notfall_box(
    shipped_site: Path, tmp_path: Path
) -> None:
    screenshot = tmp_path / "meldeweg.png"
    chromium(
        "--hide-scrollbars",
        "--window-size=1000,1200",
        f"--screenshot={screenshot}",
        (shipped_site / "meldeweg-kempen_kita.html").as_uri(),
    )
    pixels = rgb_pixels(screenshot.read_bytes())

    def near(colour: tuple[int, int, int]) -> int:
        return sum(
            1 for p in pixels if all(abs(a - b) <= 6 for a, b in zip(p, colour, strict=True))
        )

    assert near(NOTFALL_RED) > 3_000  # the acute box's border, 110 and 112 are on screen
    assert near((0xFF, 0xF4, 0xCE)) > 10_000  # the placeholder warning (default config)


@pytest.mark.slow
@needs_chromium
def test_the_search_finds_a_meldeweg_in_the_browser(shipped_site: Path) -> None:
    dom = chromium(
        "--virtual-time-budget=10000",
        "--dump-dom",
        (shipped_site / "suche.html").as_uri() + "?q=kempen+kita",
    )
    assert '<div id="suche">' in dom  # shown: the script ran
    assert 'href="meldeweg-kempen_kita.html"' in dom
