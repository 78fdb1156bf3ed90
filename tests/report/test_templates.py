"""The HTML templates: autoescaped, one base layout with the A4 print rules, and shipped inside
the wheel so that a non-editable install renders the report as the editable one does."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from markupsafe import Markup

from bot.report.templating import environment

ROOT = Path(__file__).resolve().parents[2]


def test_values_are_escaped_and_markup_is_not() -> None:
    template = environment().from_string("<p>{{ text }}</p>{{ svg }}")
    page = template.render(text='<script>alert("x")</script> & Co', svg=Markup("<svg></svg>"))
    assert page == "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co</p><svg></svg>"


def test_the_base_layout_is_german_and_prints_on_a4() -> None:
    page = environment().get_template("base.html").render()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "@page { size: A4" in page


def test_an_undefined_value_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(Exception, match="undefined"):
        environment().from_string("{{ missing }}").render()


RENDER = """
import sys
from pathlib import Path
import bot
from bot.report.templating import environment
assert Path(bot.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), bot.__file__
print(environment().get_template("report.html").filename)
"""


@pytest.mark.slow  # builds the wheel (about 5 s)
def test_a_wheel_install_finds_the_templates(tmp_path: Path) -> None:
    subprocess.run(  # noqa: S603 - pip on our own source tree, offline
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    sources = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "bot").rglob("templates/*")
        if path.is_file()
    )
    assert sources and set(sources) <= set(names)
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    # The unpacked wheel comes first on the path, before the editable install's source tree.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", RENDER, str(installed)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        timeout=120,
    )
    assert Path(result.stdout.strip()).is_relative_to(installed)
