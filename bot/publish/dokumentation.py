"""The Dokumentationsbogen: a blank A4 form (two pages at most) for documenting, on paper and
in the institution, what was observed, the conversations with the child and the parents, the
consultation with the IseF, the risk assessment and the decisions under § 8a SGB VIII or
§ 4 KKG, informing the Jugendamt, and the signatures.

The structure follows public guides (`SOURCES`); the wording is our own. The form is the same
for every profession and place: only the knowledge version in its footer comes from the
knowledge being served.
Nothing written on it ever reaches the bot (the form says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.publish.pdf import one_page_pdf
from bot.report.templating import environment

PACKAGE = "bot.publish"
FILE_NAME = "dokumentationsbogen-kinderschutz.pdf"
MAX_PAGES = 2
# When the sources below were read (their own pages carry no date, except where named) and the
# form last revised: change both with the form.
SOURCES_READ = date(2026, 12, 2)
FORM_STAND = date(2026, 12, 2)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    dated: str | None = None  # the source's own date, where it names one


SOURCES = (
    Source(
        "Kinderschutz-Online: Dokumentation (beobachten statt interpretieren, Datum, Uhrzeit, "
        "Ort, Beteiligte, zeitnah)",
        "https://kinderschutz-online.de/digitaler-ordner/dokumentation/",
    ),
    Source(
        "Landkreis Sigmaringen, Kooperation im Kinderschutz: Dokumentation (Fakten von "
        "Vermutungen und Bewertungen trennen; Gespräche, Vereinbarungen, Beteiligte)",
        "https://www.landkreis-sigmaringen.de/de/Landratsamt/Kreisverwaltung/Fachbereiche/"
        "Jugend/Kinderschutz/Kooperation-im-Kinderschutz/Dokumentation",
    ),
    Source(
        "Evangelische Jugend, Rahmenschutzkonzept 5.10 Falldokumentation (Äußerungen "
        "wörtlich, Verfasser, Datum, Ort, Uhrzeit auf jeder Seite, sichere Aufbewahrung)",
        "https://evangelischejugend.de/mitarbeiterbereich/rahmenschutzkonzept/intervention/"
        "5-10-falldokumentation.html",
    ),
    Source(
        "Kinderschutzbund Westkreis Offenbach: Risikoeinschätzung nach § 8a (Unterlagen für "
        "die Kinderschutzfachkraft anonymisieren)",
        "https://www.kinderschutzbund-wko.de/fachkr%C3%A4fte/risikoeinsch%C3%A4tzung-nach-8a/",
    ),
    Source("§ 8a SGB VIII (Schutzauftrag)", "https://lxgesetze.de/sgb-viii/8a"),
    Source("§ 4 KKG (Berufsgeheimnisträger)", "https://lexante.net/de/kkg/4"),
)


@dataclass(frozen=True)
class FormPage:
    version: str  # of the knowledge being served
    stand: date = FORM_STAND
    sources: tuple[Source, ...] = SOURCES
    sources_read: date = SOURCES_READ


def render_html(form: FormPage, density: int = 0) -> str:
    """`density` 1 and 2 leave less room to write, for a form that would not fit on two pages."""
    template = environment(PACKAGE).get_template("dokumentation.html")
    return template.render(form=form, density=density)


def render_pdf(form: FormPage) -> tuple[bytes, int]:
    """The PDF and its page count (at most `MAX_PAGES` unless even the densest overflows)."""
    return one_page_pdf(lambda density: render_html(form, density), max_pages=MAX_PAGES)
