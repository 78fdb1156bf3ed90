"""German-aware text folding shared by search and synonym lookup.

"Übungsleiter", "uebungsleiter" and "UEBUNGS-LEITER" must meet, so both the indexed text and the
query are folded the same way: Unicode NFKC, casefold (which also turns ß into ss), umlauts to
their two-letter spelling, and everything that is not a letter or digit to a single space.
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBER_OR_TEXT = re.compile(r"\d+|[^\d]+")

# Small, deliberately conservative: words that carry no meaning in a search for help.
STOPWORDS = frozenset(
    """
    der die das den dem des ein eine einer eines einem einen und oder fuer mit bei zu zum zur von
    vom im in an am auf aus als ist sind wie was wo wer ich sie es wir mein meine kind kinder
    hilfe gibt es nach ueber unter auch nicht
    """.split()
)


def normalize(text: str) -> str:
    """Fold text for comparison: 'Sucht-Beratung für Ärzte' -> 'sucht beratung fuer aerzte'."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUTS)
    # Strip remaining accents (é -> e) so names from other languages still match. Most text is
    # plain ASCII by now, and going through it letter by letter was most of an index build.
    if not folded.isascii():
        folded = "".join(
            char
            for char in unicodedata.normalize("NFKD", folded)
            if not unicodedata.combining(char)
        )
    return _NON_WORD.sub(" ", folded).strip()


def tokens(text: str) -> list[str]:
    """Normalised words of a text, without stopwords."""
    return [word for word in normalize(text).split() if word not in STOPWORDS]


def sort_key(text: str) -> tuple[tuple[int, str], ...]:
    """Dictionary order (DIN 5007-1: 'Ä' sorts as 'A', so 'Ärzte' comes between 'Anna' and
    'Berta') with numbers by value ('Kurs 2' before 'Kurs 10')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in _NUMBER_OR_TEXT.findall(_NON_WORD.sub(" ", letters).strip())
    )
