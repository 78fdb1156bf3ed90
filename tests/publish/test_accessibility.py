"""axe-core in headless Chromium checks the printouts' HTML (the Aushang, the
Dokumentationsbogen): no serious or critical violation. Skipped with a reason where Chromium
(Debian package) or axe-core (npm package, installed by `.ci/run` into `node_modules/`) is
missing. axe runs in a copy of the page with its script added; the pages themselves have none."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.publish import aushang, dokumentation
from tests.browser import CHROMIUM, NO_CHROMIUM, chromium
from tests.conftest import PROJECT_ROOT, SHIPPED_TODAY

AXE = Path(os.environ.get("AXE_CORE_JS", PROJECT_ROOT / "node_modules/axe-core/axe.min.js"))
RESULT = re.compile(r'<pre id="axe-result">(.*?)</pre>', re.DOTALL)
RUNNER = """<script>{axe}</script><script>
axe.run(document, {{resultTypes: ['violations']}}).then(function (result) {{
  var out = document.createElement('pre');
  out.id = 'axe-result';
  out.textContent = JSON.stringify(result.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}};
  }}));
  document.body.appendChild(out);
}});
</script>"""


def axe_violations(page: str, tmp_path: Path) -> list[dict[str, object]]:
    script = AXE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    checked = tmp_path / "checked.html"
    checked.write_text(page.replace("</body>", RUNNER.format(axe=script) + "</body>"), "utf-8")
    dom = chromium("--virtual-time-budget=20000", "--dump-dom", checked.as_uri())
    found = RESULT.search(dom)
    assert found, f"axe gave no result: {dom[-400:]}"
    violations: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return violations


pytestmark = [
    pytest.mark.slow,  # starts a headless Chromium (about 5-10 s each on the 2-core machine)
    pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM),
    pytest.mark.skipif(
        not AXE.is_file(), reason=f"axe-core is not installed ({AXE}; npm install axe-core)"
    ),
]


def serious(violations: list[dict[str, object]]) -> list[dict[str, object]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(
    ("profession", "place"), [("kita", "kempen"), ("gesundheit", "leverkusen")]
)
def test_the_aushang_has_no_serious_accessibility_violation(
    profession: str, place: str, shipped: KnowledgeBase, tmp_path: Path
) -> None:
    page = aushang.build_page(shipped, profession, place, SHIPPED_TODAY, "LotseBot")
    assert page is not None
    violations = axe_violations(aushang.render_html(page), tmp_path)
    assert serious(violations) == [], violations


def test_the_dokumentationsbogen_has_no_serious_accessibility_violation(tmp_path: Path) -> None:
    form = dokumentation.render_html(dokumentation.FormPage("2026-12-02"))
    violations = axe_violations(form, tmp_path)
    assert serious(violations) == [], violations


def test_the_check_finds_what_it_is_for(tmp_path: Path) -> None:
    """A page with an image without text and no language: axe must report it as serious."""
    bad = '<!DOCTYPE html><html><head><title>x</title></head><body><img src="x.png"></body></html>'
    found = {v["id"] for v in serious(axe_violations(bad, tmp_path))}
    assert {"image-alt", "html-has-lang"} <= found
