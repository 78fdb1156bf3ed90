"""`kinderschutz-lotse run`: start the bot in polling or webhook mode."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

from bot.app import StartupError, build_application
from bot.config import WEBHOOK_SECRET_ENV, Config, ConfigError, read_token

# A message about the token, not a token (ruff's S105 cannot tell the difference).
NO_TOKEN = (
    "Kein Bot-Token: Bitte TELEGRAM_BOT_TOKEN oder TELEGRAM_BOT_TOKEN_FILE setzen. "  # noqa: S105
    "Ohne Token zeigt `kinderschutz-lotse demo` den Bot im Terminal."
)


def configure_logging() -> None:
    """Plain structured lines; never message texts, names or tokens.

    httpx logs every request URL at INFO, and a Bot API URL contains the token, so it and the
    other libraries are kept at WARNING.
    """
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
    )
    for noisy in ("httpx", "httpcore", "telegram", "apscheduler", "tornado"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def run(config: Config, environ: Mapping[str, str] = os.environ) -> int:
    try:
        token = read_token(environ)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    settings = config.telegram
    secret = environ.get(WEBHOOK_SECRET_ENV, "").strip()
    if settings.mode == "webhook" and (not secret or not settings.webhook.public_url):
        print(
            "Webhook-Modus braucht telegram.webhook.public_url in der Konfiguration und "
            f"{WEBHOOK_SECRET_ENV} in der Umgebung.",
            file=sys.stderr,
        )
        return 2
    configure_logging()
    try:
        application = build_application(config, token)
    except StartupError as error:
        print(error, file=sys.stderr)
        return 1
    if settings.mode == "webhook":
        application.run_webhook(
            listen=settings.webhook.listen,
            port=settings.webhook.port,
            url_path=settings.webhook.path,
            webhook_url=settings.webhook.public_url,
            secret_token=secret,
        )
    else:
        application.run_polling()
    return 0
