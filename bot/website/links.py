"""File names of the website's pages: one flat folder, so every link is a bare relative file
name and the folder works from any web server, a CMS or `file://`. Ids are slugs (a-z, 0-9,
hyphens), so a name built from them is always a safe file name; an underscore (never part
of an id) separates two ids, so two pairs of ids never share a name."""

from __future__ import annotations

INDEX = "index.html"
NOTFALL = "notfall.html"
ANGEBOTE = "angebote.html"
ANHALTSPUNKTE = "anhaltspunkte.html"
AUSHAENGE = "aushaenge.html"
IMPRESSUM = "impressum.html"
DATENSCHUTZ = "datenschutz.html"
SUCHE = "suche.html"
STYLE = "site.css"
SEARCH_SCRIPT = "suche.js"
SEARCH_INDEX = "suchindex.js"
AUSHANG_DIR = "aushang"


def place(municipality_id: str) -> str:
    return f"ort-{municipality_id}.html"


def profession(profession_id: str) -> str:
    return f"beruf-{profession_id}.html"


def meldeweg(municipality_id: str, profession_id: str) -> str:
    return f"meldeweg-{municipality_id}_{profession_id}.html"


def offers(municipality_id: str) -> str:
    return f"angebote-{municipality_id}.html"


def topic(municipality_id: str, topic_id: str) -> str:
    return f"angebote-{municipality_id}_{topic_id}.html"


def offer_anchor(offer_id: str) -> str:
    return f"angebot-{offer_id}"


def anhaltspunkt_anchor(entry_id: str) -> str:
    return f"ap-{entry_id}"


def aushang(file_name: str) -> str:
    return f"{AUSHANG_DIR}/{file_name}"
