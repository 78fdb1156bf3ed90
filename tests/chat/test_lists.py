"""Result lists a person can scan (issue [10], item 4): whole titles, numbered, with a short
line under each; buttons cut after a whole word; "next page" keeps its place on every page."""

from __future__ import annotations

from pathlib import Path

from bot.chat import texts
from tests.chat.conftest import Chat, buttons, visible
from tests.chat.test_robustness import long_offer_list

USER = 401
TITLE = "Suchtberatung Nummer {n} mit einem recht langen Titel für die Anzeige"


async def test_offer_lists_show_whole_titles_and_whole_words(chat: Chat, tmp_path: Path) -> None:
    page = await long_offer_list(chat, tmp_path, USER)
    text = visible(page)
    offers = [label for label, data in buttons(page) if data.startswith("v1:an:o:")]
    assert offers and all(label.startswith(f"{n}. ") for n, label in enumerate(offers, start=1))
    for label in offers:
        shown = label.split(". ", 1)[1].removesuffix("…")
        # The button's title is the start of a real title, cut after a whole word.
        whole = next(line for line in text.split("\n") if shown in line)
        rest = whole.split(shown, 1)[1]
        assert rest == "" or rest.startswith(" "), (label, whole)
    # The text carries every offer's whole title, numbered as its button, with a short line.
    lines = text.split("\n")
    for number in range(1, len(offers) + 1):
        [entry] = [i for i, line in enumerate(lines) if line.startswith(f"{number}. ")]
        assert not lines[entry].endswith("…") and lines[entry + 1].startswith("    ")
        assert lines[entry + 1].strip()
    assert any(TITLE.format(n=n) in text for n in range(1, 24))


async def test_next_page_keeps_its_place(chat: Chat, tmp_path: Path) -> None:
    page = await long_offer_list(chat, tmp_path, USER)
    places = []
    while True:
        labels = [label for label, _ in buttons(page)]
        if texts.BUTTON_NEXT_PAGE not in labels:
            break
        places.append(labels.index(texts.BUTTON_NEXT_PAGE))
        page = await chat.press(USER, texts.BUTTON_NEXT_PAGE, page)
    assert len(places) >= 3 and len(set(places)) == 1, places
