"""The `slow` selection (tests/conftest.py): CI's environment and --run-slow select the slow
tests; nothing else does."""

from __future__ import annotations

import pytest

from tests.conftest import SLOW_OPTION, ci_environment, runs_slow_tests


class Options:
    def __init__(self, run_slow: bool) -> None:
        self._run_slow = run_slow

    def getoption(self, name: str) -> object:
        assert name == SLOW_OPTION
        return self._run_slow


@pytest.mark.parametrize(
    ("value", "selected"),
    [("true", True), ("True", True), ("1", True), ("yes", True), ("", False), ("false", False)],
)
def test_ci_in_the_environment_selects_the_slow_tests(
    monkeypatch: pytest.MonkeyPatch, value: str, selected: bool
) -> None:
    monkeypatch.setenv("CI", value)
    assert ci_environment() is selected
    assert runs_slow_tests(Options(run_slow=False)) is selected  # type: ignore[arg-type]
    assert runs_slow_tests(Options(run_slow=True)) is True  # type: ignore[arg-type]


def test_without_ci_only_the_option_selects_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert runs_slow_tests(Options(run_slow=False)) is False  # type: ignore[arg-type]
    assert runs_slow_tests(Options(run_slow=True)) is True  # type: ignore[arg-type]
