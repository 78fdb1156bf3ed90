"""Whether a free-text message looks as if it contained details of a case: a first name with an
age, a class or a date ("Leon, 8 Jahre", "Leon (8) aus der 3b", "die kleine Mia, 4"), an
address, a phone number or an e-mail address.

German capitalises every noun, so a capital letter is no sign of a name. First names come from
an open-data lexicon shipped in `bot/data/vornamen.txt` (the first names given to children in
Berlin 2012–2023, CC BY 3.0 DE, source in the file and the README). The check is linear in the
text: each pattern is one regex pass, and names and age/class/date signs meet in one merge of
two sorted position lists. The text is only read here: never stored, never logged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bot.knowledge.normalize import normalize

LEXICON = Path(__file__).resolve().parent.parent / "data" / "vornamen.txt"
# Words that are first names in the lexicon but mostly mean something else in a German message
# about work: months (dates!), and words of everyday German or English.
NOT_NAMES = frozenset(
    """
    januar februar maerz april mai juni juli august september oktober november dezember
    nur per the art mark fee mine can anders line long allen german berlin said aid lev nik
    ernst engel sonne stern berg mann rain storm summer autumn sky river wolf india asia
    paris jasmin iris flora
    """.split()
)
NEARBY = 40  # characters between a name and an age, class or date that still belong together

_PHONE = re.compile(r"(?<!\d)(?:\+|0)\d[\d /-]{5,}\d(?!\d)")
# The local part starts where its run of characters starts (after white space or "@"): without
# the look-behind, a long text without white space took quadratic time.
_EMAIL = re.compile(r"(?<![^@\s])[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_ADDRESS = re.compile(
    r"\b[A-ZÄÖÜ][a-zäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm)\s*\d+",
)
_NUMBER_WORDS = (
    "ein|eins|zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwoelf|"
    "dreizehn|vierzehn|fünfzehn|fuenfzehn|sechzehn|siebzehn"
)
# An age, a class or a date: what makes a first name identifying.
_SIGN = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?"  # a date: 3.5., 03.05.2019
    r"|\bgeb(?:\.|oren\b)"
    r"|\b(?:\d{1,2}|" + _NUMBER_WORDS + r")\s?-?\s?"
    r"(?:jahre?n?\b|j\.|jährig|jaehrig|monate?n?\b|mon\.|wochen\b|lebensjahr)"
    r"|\(\s?\d{1,2}\s?(?:j\.?|jahre)?\s?\)"  # (8), (8 J.)
    r"|\b(?:klasse|kl\.)\s?\d{1,2}"
    r"|\b\d{1,2}\.\s?(?:klasse|schuljahr)"
    r"|(?<!§)(?<!§ )\b\d{1,2}[a-f]\b"  # aus der 3b (but not § 8a)
    r"|(?<=[,:])\s?\d{1,2}\b(?!\s?(?:uhr|€|euro|%|\.\d))",  # "Mia, 4"
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_DAY_BEFORE = re.compile(r"\d\.\s?$")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The lexicon, folded as the search folds words (read once)."""
    lines = LEXICON.read_text(encoding="utf-8").splitlines()
    names = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(names - NOT_NAMES)


def _name_positions(text: str) -> list[int]:
    names = first_names()
    positions = []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 3 or normalize(word) not in names:
            continue
        # "am 3. Jan" is a date, not a Jan.
        if _DAY_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            continue
        positions.append(match.start())
    return positions


def looks_like_case_details(text: str) -> bool:
    """A cautious guess whether a message contains details that identify a child or family.

    It only decides whether to show a reminder, so a false alarm costs one line of text; a
    contact detail, an address, or a first name near an age, a class or a date is enough.
    """
    if _PHONE.search(text) or _EMAIL.search(text) or _ADDRESS.search(text):
        return True
    signs = [match.start() for match in _SIGN.finditer(text)]
    if not signs:
        return False
    names = _name_positions(text)
    # Both lists are sorted: one merge finds a name and a sign close to each other.
    i = j = 0
    while i < len(names) and j < len(signs):
        if abs(names[i] - signs[j]) <= NEARBY:
            return True
        if names[i] < signs[j]:
            i += 1
        else:
            j += 1
    return False
