"""Shared by the website tests: one build of the shipped knowledge (session-wide, it takes about
a second) and a reader of the generated HTML (links, sources, ids) on the standard library's
HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import Config
from bot.knowledge.base import KnowledgeBase
from bot.website.build import build_site
from bot.website.site import Site
from tests.conftest import SHIPPED_TODAY

BOT = "KinderschutzLotseBot"
SHIPPED_NOW = datetime.combine(SHIPPED_TODAY, time(10, 0), tzinfo=UTC)


@dataclass
class Parsed:
    """What a page links to and loads, and the ids it defines."""

    hrefs: list[str] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.parsed.tags.append((tag, values))
        if values.get("href") is not None:
            self.parsed.hrefs.append(values["href"] or "")
        if values.get("src") is not None:
            self.parsed.srcs.append(values["src"] or "")
        if values.get("id"):
            self.parsed.ids.add(values["id"] or "")

    def handle_data(self, data: str) -> None:
        self.parsed.text.append(data)


def parse(path: Path) -> Parsed:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.parsed


def build(
    knowledge: KnowledgeBase, out: Path, config: Config | None = None, bot: str | None = BOT
) -> Path:
    site = Site(knowledge, config or Config(), FixedClock(SHIPPED_NOW), bot)
    build_site(site, out)
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory, shipped: KnowledgeBase) -> Path:
    return build(shipped, tmp_path_factory.mktemp("website") / "site")
