"""Go-live warnings: placeholder privacy texts, no coordinators, examples or placeholders in the
knowledge base are logged at start-up and listed by /healthz; the outgoing proxy comes from
the config or the standard environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import build_application
from bot.clock import FixedClock
from bot.config import (
    AdminSettings,
    Config,
    PrivacySettings,
    TelegramSettings,
    load_config,
    proxy_for_log,
)
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.services.golive import go_live_warnings
from bot.services.snapshot import Snapshot
from tests.conftest import TODAY

READY = Config(
    privacy=PrivacySettings(controller="Stadt Musterstadt", contact="datenschutz@example.org"),
    admins=(AdminSettings(telegram_id=9001),),
)


def test_a_ready_installation_has_no_warnings(fixture_knowledge: KnowledgeBase) -> None:
    assert go_live_warnings(READY, fixture_knowledge) == []


def test_placeholders_and_missing_admins_are_named(fixture_knowledge: KnowledgeBase) -> None:
    found = go_live_warnings(Config(), fixture_knowledge)
    assert len(found) == 3
    assert "privacy.controller ist noch ein Platzhalter" in found[0]
    assert "privacy.contact ist noch ein Platzhalter" in found[1]
    assert "keine Koordination in admins" in found[2]


def test_examples_and_placeholder_entries_in_the_knowledge_are_named(
    knowledge_copy: Path,
) -> None:
    offers = knowledge_copy / "angebote.yaml"
    text = offers.read_text(encoding="utf-8")
    offers.write_text(text.replace("    verified: true\n", "    beispiel: true\n", 1), "utf-8")
    # As a preview (demo) loads it: examples allowed.
    preview = load_knowledge(knowledge_copy, TODAY)
    assert preview.knowledge is not None
    [examples] = go_live_warnings(READY, preview.knowledge)
    assert "1 Beispiel-Einträge (beispiel: true), z. B. suchtberatung-eltern" in examples
    offers.write_text(text, encoding="utf-8")
    path = knowledge_copy / "kontakte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Mo–Fr 8–16 Uhr", "PLATZHALTER", 1), encoding="utf-8")
    marked = load_knowledge(knowledge_copy, TODAY).knowledge
    assert marked is not None
    [placeholder] = go_live_warnings(READY, marked)
    assert "1 Einträge mit Platzhaltern" in placeholder and "asd-musterstadt" in placeholder


def test_proxy_from_the_config_or_the_environment(tmp_path: Path) -> None:
    assert load_config(None, {}).telegram.proxy is None
    from_env = load_config(None, {"HTTP_PROXY": "http://proxy.stadt.example:3128"})
    assert from_env.telegram.proxy == "http://proxy.stadt.example:3128"
    both = {"HTTPS_PROXY": "http://a.example:1", "HTTP_PROXY": "http://b.example:2"}
    assert load_config(None, both).telegram.proxy == "http://a.example:1"
    # A self-hosted Bot API server (usually local) does not get the environment's proxy.
    local = {**both, "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"}
    assert load_config(None, local).telegram.proxy is None
    config = tmp_path / "config.yaml"
    config.write_text("telegram:\n  proxy: http://user:geheim@proxy.example:8080\n")
    configured = load_config(config, both).telegram.proxy
    assert configured == "http://user:geheim@proxy.example:8080"
    assert proxy_for_log(configured) == "http://user:***@proxy.example:8080"
    config.write_text("telegram:\n  proxy: proxy.example:8080\n")
    with pytest.raises(Exception, match="proxy"):
        load_config(config, {})


def test_the_proxy_reaches_both_http_clients(
    clock: FixedClock, fixture_knowledge: KnowledgeBase
) -> None:
    proxy = "http://proxy.example:3128"
    app = build_application(
        Config(telegram=TelegramSettings(proxy=proxy)),
        "123456:TEST-TOKEN",
        clock=clock,
        snapshot=Snapshot.of(fixture_knowledge),
    )
    assert app.bot.request._client_kwargs["proxy"] == proxy  # type: ignore[attr-defined]
    assert app.updater is not None
    updates = app.updater.bot.request
    assert updates._client_kwargs["proxy"] == proxy  # type: ignore[attr-defined]
