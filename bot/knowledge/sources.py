"""What counts as a source: a public page with its own date, never a mirror or another region.

The refused hosts are a short, documented list (docs/redaktion.md): mirrors, piracy and
document-sharing sites copy other people's documents without their date or context, and pages of
another region's authorities describe someone else's procedure. A network that runs the bot for
another region edits the second half of the list.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from bot.knowledge.fields import SourceDate

# A source older than this is shown with its year ("Angabe von 2019 – bitte vor Anruf prüfen").
SOURCE_MAX_AGE = timedelta(days=2 * 365)

MIRROR = "Spiegel-, Raubkopie- oder Dokumenten-Sharing-Seite, keine Originalquelle"
OTHER_REGION = "Seite einer anderen Region: beschreibt nicht das Vorgehen hier"

REFUSED_HOSTS: dict[str, str] = {
    "hotlib.net": MIRROR,
    "yumpu.com": MIRROR,
    "readkong.com": MIRROR,
    "issuu.com": MIRROR,
    "scribd.com": MIRROR,
    "docplayer.org": MIRROR,
    "docplayer.net": MIRROR,
    "dokumen.pub": MIRROR,
    "pdfcoffee.com": MIRROR,
    "studylib.net": MIRROR,
    "studylibde.com": MIRROR,
    "fdocuments.net": MIRROR,
    "vdocuments.mx": MIRROR,
    "vdocuments.net": MIRROR,
    "documents.pub": MIRROR,
    "cortex-media.info": MIRROR,  # a gopher/BBS copy of newspaper pages
    "europesays.com": "Nachrichten-Aggregator, keine Originalquelle",
    "serviceportal.kreis-warendorf.de": f"{OTHER_REGION} (Kreis Warendorf)",
    "wuppertal.de": f"{OTHER_REGION} (Wuppertal)",
    "chemnitz.de": f"{OTHER_REGION} (Chemnitz)",
    "landratsamt-dachau.de": f"{OTHER_REGION} (Landkreis Dachau)",
    "kinderschutz-niedersachsen.de": f"{OTHER_REGION} (Niedersachsen)",
}

# A comma or a closing bracket may stand inside an address (news sites use commas in their
# paths); at its end it belongs to the sentence around it.
_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_END = ".,;:)]!?"


def is_dated_and_recent(source_date: SourceDate | None, today: date) -> bool:
    """Whether a datum can be shown without a word about its age."""
    last_day = source_date.last_day() if source_date is not None else None
    return last_day is not None and today - last_day <= SOURCE_MAX_AGE


def urls_in(source: str) -> list[str]:
    return [_trimmed(url) for url in _URL.findall(source)]


def _trimmed(url: str) -> str:
    while url and url[-1] in _URL_END:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break  # the address's own bracket: …/Kinderschutz_(Deutschland)
        url = url[:-1]
    return url


# A plain address's host, without splitting the whole URL (a base has thousands of sources).
_PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?::[0-9]*)?(?:[/?#]|$)")


def host_of(url: str) -> str:
    plain = _PLAIN_HOST.match(url)
    host = plain.group(1) if plain else urlsplit(url).hostname or ""
    return host.lower().rstrip(".").removeprefix("www.")


def refused_because(url: str) -> str | None:
    """Why a URL is not accepted as a source, or None when it is."""
    return _refused_host(host_of(url))


@functools.lru_cache(maxsize=4096)
def _refused_host(host: str) -> str | None:
    # The host and each domain it belongs to: "a.yumpu.com" is refused as "yumpu.com" is.
    labels = host.split(".")
    for start in range(len(labels)):
        reason = REFUSED_HOSTS.get(".".join(labels[start:]))
        if reason is not None:
            return reason
    return None
