"""`kinderschutz-lotse run`: start the bot in polling or webhook mode.

Polling is python-telegram-bot's `run_polling`; webhook mode is our own server with `/healthz`
(bot/chat/webhook.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping

from bot.app import StartupError, build_application, startup_problem
from bot.chat.webhook import serve_webhook
from bot.config import WEBHOOK_SECRET_ENV, Config, ConfigError, read_token
from bot.knowledge.gc_pause import freeze_long_lived
from bot.logsafe import RedactingFilter, describe

log = logging.getLogger(__name__)
# A message about the token, not a token (ruff's S105 cannot tell the difference).
NO_TOKEN = (
    "Kein Bot-Token: Bitte TELEGRAM_BOT_TOKEN oder TELEGRAM_BOT_TOKEN_FILE setzen. "  # noqa: S105
    "Ohne Token zeigt `kinderschutz-lotse demo` den Bot im Terminal."
)


# Telegram's rule for the webhook secret (setWebhook's secret_token).
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Libraries kept at WARNING: httpx logs every request URL at INFO, and a Bot API URL contains the
# token; python-telegram-bot logs whole updates (texts, names) at DEBUG; aiosqlite logs every
# statement with its parameters at DEBUG.
QUIET_LIBRARIES = ("httpx", "httpcore", "telegram", "apscheduler", "tornado", "aiosqlite")


def configure_logging(secrets: Iterable[str] = ()) -> None:
    """Plain structured lines; never message texts, names or tokens.

    The libraries above are kept at WARNING; on top, every line passes a filter that removes the
    token and the webhook secret and shows library arguments that are whole objects by type.
    """
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
    )
    for noisy in QUIET_LIBRARIES:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    redact = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


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
    if settings.mode == "webhook":
        if not secret or not settings.webhook.public_url:
            print(
                "Webhook-Modus braucht telegram.webhook.public_url in der Konfiguration und "
                f"{WEBHOOK_SECRET_ENV} in der Umgebung.",
                file=sys.stderr,
            )
            return 2
        if not SECRET_PATTERN.fullmatch(secret):
            print(
                f"{WEBHOOK_SECRET_ENV} darf nur A-Z, a-z, 0-9, _ und - enthalten "
                "(1 bis 256 Zeichen), so verlangt es Telegram.",
                file=sys.stderr,
            )
            return 2
    configure_logging((token, secret))
    try:
        application = build_application(config, token)
    except StartupError as error:
        print(error, file=sys.stderr)
        return 1
    freeze_long_lived()
    try:
        if settings.mode == "webhook":
            asyncio.run(serve_webhook(application, settings.webhook, secret))
        else:
            application.run_polling()
    except Exception as error:
        # Not Python's traceback: python-telegram-bot's InvalidToken quotes the token.
        log.error("the bot ended by %s", describe(error))
        print(startup_problem(error, token), file=sys.stderr)
        return 1
    return 0
