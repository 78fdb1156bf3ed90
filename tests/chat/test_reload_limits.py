"""/reload with a knowledge file that links to outside: the admin learns which file, and nothing
of the outside file (not even its key names) reaches the chat."""

from __future__ import annotations

from pathlib import Path

from tests.chat.conftest import ADMIN, Chat, visible


async def test_reload_refuses_a_link_to_outside_without_showing_its_keys(
    chat_on_copy: Chat, knowledge_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "etc" / "geheim.yaml"
    outside.parent.mkdir()
    outside.write_text("db_password: hunter2\napi_key: SUPERSECRET\n", encoding="utf-8")
    (knowledge_copy / "geheim.yaml").symlink_to(outside)
    answer = visible(await chat_on_copy.send(ADMIN, "/reload"))
    assert "geheim.yaml" in answer and "außerhalb des Wissensordners" in answer
    for secret in ("db_password", "api_key", "hunter2", "SUPERSECRET"):
        assert secret not in answer
