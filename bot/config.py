"""Configuration from `config.yaml` (every key documented in `config.example.yaml`) and the
environment.

Secrets never live in the file: the bot token comes only from `TELEGRAM_BOT_TOKEN` or from the
file named by `TELEGRAM_BOT_TOKEN_FILE`, the webhook secret only from `TELEGRAM_WEBHOOK_SECRET`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

CONFIG_ENV = "KINDERSCHUTZ_LOTSE_CONFIG"
DEFAULT_CONFIG = Path("config.yaml")
# Names of environment variables, not secrets (ruff's S105 cannot tell the difference).
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"  # noqa: S105
TOKEN_FILE_ENV = "TELEGRAM_BOT_TOKEN_FILE"  # noqa: S105
WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"  # noqa: S105
BASE_URL_ENV = "TELEGRAM_BASE_URL"
BASE_FILE_URL_ENV = "TELEGRAM_BASE_FILE_URL"
# The standard variables for an outgoing proxy, in the order they are tried (curl's and
# httpx's names; lower case as many Unix tools set them).
PROXY_ENVS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


class ConfigError(Exception):
    """The configuration cannot be used; the message says why, in one line."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KnowledgeSettings(_Section):
    directory: Path = Path("knowledge")


class DatabaseSettings(_Section):
    path: Path = Path("data/lotse.sqlite3")


class WebhookSettings(_Section):
    listen: str = "127.0.0.1"
    port: int = Field(default=8443, ge=1, le=65535)
    path: str = "telegram"
    public_url: str | None = None


class TelegramSettings(_Section):
    mode: Literal["polling", "webhook"] = "polling"
    base_url: str | None = None
    base_file_url: str | None = None
    # Outgoing HTTP(S) proxy for the calls to Telegram, e.g. "http://proxy.stadt.example:3128"
    # (user:password@ allowed). Without it: HTTPS_PROXY or HTTP_PROXY from the environment.
    proxy: str | None = Field(default=None, pattern=r"^(https?|socks5h?)://\S+$")
    webhook: WebhookSettings = WebhookSettings()
    # The bot's @name (without @): the QR codes on the Aushänge and the website link to
    # https://t.me/<bot_username>?start=… . Without it they have no QR code.
    bot_username: str | None = None


class PrivacySettings(_Section):
    """What /datenschutz shows. The operator must fill these in before going live."""

    controller: str = "PLATZHALTER: verantwortliche Stelle (Name, Anschrift)"
    contact: str = "PLATZHALTER: Kontakt der/des Datenschutzbeauftragten"
    purposes: str = (
        "Wegweiser zu Meldewegen, Angeboten und Kontakten im Kinderschutz für Fachkräfte; "
        "Anmeldung zu Veranstaltungen des Netzwerks und Erinnerungen daran."
    )
    # People who have not used the bot for this many months are deleted by a daily job.
    retention_months: int = Field(default=12, ge=1, le=120)
    # This many days after an event, its registrations lose the person (figures stay).
    anonymise_after_days: int = Field(default=90, ge=1, le=3650)


class WebsiteSettings(_Section):
    """What `kinderschutz-lotse website` puts on its Impressum page (the operator must fill it
    in before publishing; while it says PLATZHALTER the page and the command warn)."""

    impressum: str = (
        "PLATZHALTER: Anbieter der Website (Name, Anschrift, E-Mail, Telefon) und "
        "inhaltlich Verantwortliche/r"
    )


class OutboxSettings(_Section):
    """The dispatcher of pushed messages (reminders, notices, announcements)."""

    # Telegram allows about 30 messages per second overall; stay a little below.
    messages_per_second: float = Field(default=29.0, gt=0, le=30)
    # A message that keeps failing is parked after this many attempts (see `outbox` command).
    max_attempts: int = Field(default=5, ge=1, le=100)
    # Messages in flight at once, never two to the same chat: a slow chat holds one of these
    # and delays only itself. The pacing (messages_per_second, one per chat and second) holds.
    concurrency: int = Field(default=8, ge=1, le=64)
    # This many failed sends in a row (network error, timeout, 5xx) in as many different chats,
    # with no answer from Telegram in between, mean Telegram is down: the whole queue pauses
    # (5 s, doubling up to outage_pause_max_seconds) instead of every row using up its attempts.
    outage_after_failures: int = Field(default=8, ge=2, le=1000)
    outage_pause_max_seconds: float = Field(default=60.0, ge=5, le=3600)


class AdminSettings(_Section):
    """A network coordinator: may use the admin commands, optionally only for some regions."""

    telegram_id: int = Field(ge=1)
    # Region ids from knowledge/regionen.yaml; empty: every event.
    regions: tuple[str, ...] = ()


class FloodSettings(_Section):
    """Per-person flood protection: more than `max_updates` in `window_seconds` gets one notice,
    then that person's updates are dropped for `cooldown_seconds`."""

    max_updates: int = Field(default=20, ge=1)
    window_seconds: float = Field(default=10.0, gt=0)
    cooldown_seconds: float = Field(default=30.0, ge=0)


class Config(_Section):
    knowledge: KnowledgeSettings = KnowledgeSettings()
    database: DatabaseSettings = DatabaseSettings()
    telegram: TelegramSettings = TelegramSettings()
    privacy: PrivacySettings = PrivacySettings()
    website: WebsiteSettings = WebsiteSettings()
    admins: tuple[AdminSettings, ...] = ()
    outbox: OutboxSettings = OutboxSettings()
    flood: FloodSettings = FloodSettings()


def load_config(path: Path | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    """Read the config file named by `path`, by $KINDERSCHUTZ_LOTSE_CONFIG, or ./config.yaml,
    then apply environment overrides (`TELEGRAM_BASE_URL`, `TELEGRAM_BASE_FILE_URL`).

    Without any file the defaults apply. Relative paths inside the file are taken relative to
    the file, so the bot behaves the same from any working directory.
    """
    explicit = path or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    source = explicit or DEFAULT_CONFIG
    if source.is_file():
        try:
            raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
            config = Config.model_validate(raw)
        except (yaml.YAMLError, ValidationError) as error:
            summary = " ".join(str(error).split())
            raise ConfigError(f"Konfigurationsdatei {source} ist ungültig: {summary}") from error
        base = source.resolve().parent
    elif explicit is not None:
        raise ConfigError(f"Konfigurationsdatei {source} nicht gefunden")
    else:
        config, base = Config(), Path.cwd()
    base_url = environ.get(BASE_URL_ENV) or config.telegram.base_url
    # A self-hosted Bot API server is usually local: the environment's proxy is not forced on
    # it (httpx still applies HTTPS_PROXY with NO_PROXY there); a configured proxy always is.
    from_env = proxy_from_env(environ) if base_url is None else None
    telegram = config.telegram.model_copy(
        update={
            "base_url": base_url,
            "base_file_url": environ.get(BASE_FILE_URL_ENV) or config.telegram.base_file_url,
            "proxy": config.telegram.proxy or from_env,
        }
    )
    return config.model_copy(
        update={
            "knowledge": KnowledgeSettings(directory=base / config.knowledge.directory),
            "database": DatabaseSettings(path=base / config.database.path),
            "telegram": telegram,
        }
    )


def proxy_from_env(environ: Mapping[str, str]) -> str | None:
    """HTTPS_PROXY, else HTTP_PROXY (either case): the first that is set. Municipal networks
    often set only HTTP_PROXY and mean it for HTTPS too, so it is used for api.telegram.org."""
    for name in PROXY_ENVS:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def proxy_for_log(proxy: str) -> str:
    """The proxy without a password, for the log: 'http://user:***@proxy:3128'."""
    scheme, _, rest = proxy.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return proxy
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def read_token(environ: Mapping[str, str] = os.environ) -> str | None:
    """The bot token from the environment or a secret file; None when neither is set."""
    token = environ.get(TOKEN_ENV, "").strip()
    if token:
        return token
    token_file = environ.get(TOKEN_FILE_ENV, "").strip()
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(
                f"{TOKEN_FILE_ENV} nennt {token_file}, die Datei ist nicht lesbar"
            ) from error
        if not token:
            raise ConfigError(f"{TOKEN_FILE_ENV} nennt {token_file}, die Datei ist leer")
        return token
    return None
