"""Configuration from `config.yaml` (every key documented in `config.example.yaml`).

Secrets never live in this file: the bot token will come only from the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

CONFIG_ENV = "KINDERSCHUTZ_LOTSE_CONFIG"
DEFAULT_CONFIG = Path("config.yaml")


class ConfigError(Exception):
    """The configuration cannot be used; the message says why, in one line."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KnowledgeSettings(_Section):
    directory: Path = Path("knowledge")


class Config(_Section):
    knowledge: KnowledgeSettings = KnowledgeSettings()


def load_config(path: Path | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    """Read the config file named by `path`, by $KINDERSCHUTZ_LOTSE_CONFIG, or ./config.yaml.

    Without any file the defaults apply. Relative paths inside the file are taken relative to
    the file, so the bot behaves the same from any working directory.
    """
    explicit = path or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    source = explicit or DEFAULT_CONFIG
    if not source.is_file():
        if explicit is not None:
            raise ConfigError(f"Konfigurationsdatei {source} nicht gefunden")
        return Config()
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        config = Config.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as error:
        summary = " ".join(str(error).split())
        raise ConfigError(f"Konfigurationsdatei {source} ist ungültig: {summary}") from error
    directory = config.knowledge.directory
    if not directory.is_absolute():
        directory = source.resolve().parent / directory
    return config.model_copy(update={"knowledge": KnowledgeSettings(directory=directory)})
