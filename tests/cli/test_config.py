"""Configuration: defaults, file discovery, relative paths, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FixedClock
from bot.config import (
    BASE_FILE_URL_ENV,
    BASE_URL_ENV,
    CONFIG_ENV,
    TOKEN_ENV,
    TOKEN_FILE_ENV,
    ConfigError,
    load_config,
    read_token,
)
from tests.conftest import FIXTURE_KNOWLEDGE, PROJECT_ROOT


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(None, {})
    assert config.knowledge.directory == tmp_path / "knowledge"
    assert config.database.path == tmp_path / "data" / "lotse.sqlite3"
    assert config.telegram.mode == "polling"
    assert config.telegram.base_url is None


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    config_file = tmp_path / "etc" / "lotse.yaml"
    config_file.parent.mkdir()
    config_file.write_text("knowledge:\n  directory: ../inhalte\n", encoding="utf-8")
    config = load_config(None, {CONFIG_ENV: str(config_file)})
    assert config.knowledge.directory == tmp_path / "etc" / ".." / "inhalte"


def test_example_config_is_valid() -> None:
    example = PROJECT_ROOT / "config.example.yaml"
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


def test_environment_overrides_the_bot_api_address(tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text("telegram:\n  base_url: http://file.example/bot\n", encoding="utf-8")
    assert load_config(config_file, {}).telegram.base_url == "http://file.example/bot"
    config = load_config(
        config_file,
        {BASE_URL_ENV: "http://127.0.0.1:8081/bot{token}", BASE_FILE_URL_ENV: "http://f/file/bot"},
    )
    assert config.telegram.base_url == "http://127.0.0.1:8081/bot{token}"
    assert config.telegram.base_file_url == "http://f/file/bot"


def test_token_is_not_a_config_key(tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text("telegram:\n  token: 123:ABC\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ungültig"):
        load_config(config_file, {})


def test_token_from_environment_or_file(tmp_path: Path) -> None:
    assert read_token({}) is None
    assert read_token({TOKEN_ENV: " 123:ABC \n"}) == "123:ABC"
    secret = tmp_path / "token"
    secret.write_text("456:DEF\n", encoding="utf-8")
    assert read_token({TOKEN_FILE_ENV: str(secret)}) == "456:DEF"
    assert read_token({TOKEN_ENV: "123:ABC", TOKEN_FILE_ENV: str(secret)}) == "123:ABC"
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="leer"):
        read_token({TOKEN_FILE_ENV: str(empty)})
    with pytest.raises(ConfigError, match="nicht lesbar"):
        read_token({TOKEN_FILE_ENV: str(tmp_path / "fehlt")})
