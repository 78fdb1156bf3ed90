"""Configuration: defaults, file discovery, relative paths, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FixedClock
from bot.config import CONFIG_ENV, ConfigError, load_config
from tests.conftest import FIXTURE_KNOWLEDGE


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None, {}).knowledge.directory == Path("knowledge")


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    config_file = tmp_path / "etc" / "lotse.yaml"
    config_file.parent.mkdir()
    config_file.write_text("knowledge:\n  directory: ../inhalte\n", encoding="utf-8")
    config = load_config(None, {CONFIG_ENV: str(config_file)})
    assert config.knowledge.directory == tmp_path / "etc" / ".." / "inhalte"


def test_example_config_is_valid() -> None:
    example = Path(__file__).parent.parent / "config.example.yaml"
    assert load_config(example, {}).knowledge.directory.name == "knowledge"


@pytest.mark.parametrize(
    ("content", "message"),
    [("knowledge:\n  verzeichnis: x\n", "ungültig"), ("knowledge: [\n", "ungültig")],
)
def test_invalid_file(tmp_path: Path, content: str, message: str) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(config_file, {})


def test_named_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nicht gefunden"):
        load_config(tmp_path / "fehlt.yaml", {})


def test_check_takes_the_directory_from_the_config(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(f"knowledge:\n  directory: {FIXTURE_KNOWLEDGE}\n", encoding="utf-8")
    assert main(["--config", str(config_file), "check"], clock=clock) == 0
    assert "Ergebnis: gültig" in capsys.readouterr().out


def test_broken_config_exits_two(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "fehlt.yaml"), "check"], clock=clock) == 2
    assert "nicht gefunden" in capsys.readouterr().err
