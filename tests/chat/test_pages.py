"""Long screens in pages (bot/chat/pages.py): each page within the budget, HTML intact, the
screen's buttons in the same order under every page, and a clear answer once pages are gone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.chat import texts
from bot.chat.budget import SCREEN_LINES, phone_lines, visible_text
from bot.chat.pages import split_pages
from bot.sandbox.telegram_rules import plain_text
from tests.chat.conftest import Chat, buttons, visible

PERSON = 301
WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=120)


def _content(pages: list[str]) -> str:
    """The words of all pages, without the page lines."""
    words: list[str] = []
    for page in pages:
        words += " ".join(visible_text(page).split("\n")[:-1]).split()
    return " ".join(words)


def test_a_long_text_in_pages_keeps_every_word_and_every_tag_closed() -> None:
    text = "\n\n".join(
        f"<b>Absatz {n}</b>\n<i>{'Wort ' * 40}\nnoch eine Zeile</i>" for n in range(9)
    )
    pages = split_pages(text, SCREEN_LINES)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert phone_lines(page) <= SCREEN_LINES
        plain_text(page, "HTML")  # raises on a tag left open
        assert page.endswith(texts.PAGE_OF.format(number=number, count=len(pages)))
    assert _content(pages).split() == visible_text(text).split()


@settings(deadline=None, max_examples=50)
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_any_text_fits_in_pages(blocks: list[str]) -> None:
    text = "\n".join(blocks)
    pages = split_pages(text, SCREEN_LINES)
    assert all(phone_lines(page) <= SCREEN_LINES for page in pages)
    assert _content(pages).split() == text.split()


async def test_datenschutz_in_pages_with_stable_buttons(chat: Chat) -> None:
    first = await chat.send(PERSON, "/datenschutz")
    assert phone_lines(first["text"]) <= SCREEN_LINES
    assert "Seite 1 von" in visible(first)
    labels = [label for label, _ in buttons(first)]
    assert labels[-1] == texts.BUTTON_MORE
    second = await chat.press(PERSON, texts.BUTTON_MORE, first)
    assert "Seite 2 von" in visible(second)
    again = [label for label, _ in buttons(second)]
    # The screen's own buttons and "Mehr" keep their places; "‹ Seite zurück" comes after them.
    assert again[: len(labels)] == labels or again[: len(labels) - 1] == labels[:-1]
    assert texts.BUTTON_PAGE_BACK in again
    back = await chat.press(PERSON, texts.BUTTON_PAGE_BACK, second)
    assert visible(back) == visible(first)


async def test_pages_after_a_restart_say_so_and_offer_the_menu(chat: Chat) -> None:
    first = await chat.send(PERSON, "/datenschutz")
    chat.app.chat_data[PERSON].clear()  # what a restart leaves of the chat's memory
    gone = await chat.press(PERSON, texts.BUTTON_MORE, first)
    assert "nicht mehr verfügbar" in visible(gone)
    assert [label for label, _ in buttons(gone)] == ["🚨 Notfall", "☰ Menü"]
