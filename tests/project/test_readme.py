"""The README's two set-up commands are the ones CI runs and the ones that work."""

from __future__ import annotations

import re

from tests.conftest import PROJECT_ROOT as ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_exactly_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text.split("---", 1)[0]
    assert len(re.findall(r"```sh\n", head)) == 2


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.MULTILINE)
    assert match is not None
    assert readme_commands()[1] == match.group(1)


def test_run_command_starts_the_demo() -> None:
    assert readme_commands()[0].endswith("kinderschutz-lotse demo")
