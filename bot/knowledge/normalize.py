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
    # Strip remaining accents (é -> e) so names from other languages still match.
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
    )
    return _NON_WORD.sub(" ", folded).strip()


def tokens(text: str) -> list[str]:
    """Normalised words of a text, without stopwords."""
    return [word for word in normalize(text).split() if word not in STOPWORDS]


def sort_key(text: str) -> str:
    """Alphabetical order as in a German phone book: 'Ärzte' between 'Anna' and 'Berta'."""
    return normalize(text)
