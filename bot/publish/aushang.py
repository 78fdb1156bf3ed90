"""The Aushang: one A4 page per profession × municipality for the wall of a Kita, a school or a
club – the acute box, the Meldeweg as short steps with their legal reference, the IseF, the
one or two hotlines for the profession, the Stand, the sources and a QR code into the bot.

What to show where a number is missing comes from the guidance service (`MeldewegView.fallback`,
the same `Fallback` the chat shows): this module only lays it out for paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Contact, JugendamtRole, Profession, Region
from bot.knowledge.sources import is_dated_and_recent
from bot.publish.deeplink import bot_link, meldeweg_payload
from bot.publish.pdf import one_page_pdf
from bot.publish.qr import qr_svg
from bot.report.templating import environment
from bot.services.guidance import GuidanceService, MeldewegView
from bot.services.snapshot import KnowledgeStore, Snapshot

PACKAGE = "bot.publish"


@dataclass(frozen=True)
class AushangPage:
    view: MeldewegView
    municipality: Region
    isef: tuple[Contact, ...]
    hotlines: tuple[Contact, ...]
    stand: date
    version: str
    sources: tuple[str, ...]
    link: str | None
    qr: Markup | None
    stale_switchboard: bool
    # The profession's variant question and the answers these steps are for (None: no question).
    variant: tuple[str, tuple[str, ...]] | None

    @property
    def profession(self) -> Profession:
        return self.view.profession

    @property
    def file_name(self) -> str:
        return aushang_file_name(self.profession.id, self.municipality.id)


def aushang_file_name(profession_id: str, municipality_id: str) -> str:
    return f"aushang-{municipality_id}-{profession_id}.pdf"


def municipalities(knowledge: KnowledgeBase) -> tuple[Region, ...]:
    """The places a person works in (not a Kreis), in the onboarding's order."""
    ordered: list[Region] = []
    for region in knowledge.top_level_regions():
        if region.is_municipality:
            ordered.append(region)
        ordered += [m for m in knowledge.municipalities_of(region.id) if m.is_municipality]
    return tuple(ordered)


def combinations(
    knowledge: KnowledgeBase,
    profession_id: str | None = None,
    municipality_id: str | None = None,
    regions: frozenset[str] = frozenset(),
) -> list[tuple[Profession, Region]]:
    """Every profession × municipality, optionally one of each or only within `regions`."""
    places = [
        m
        for m in municipalities(knowledge)
        if (municipality_id is None or m.id == municipality_id)
        and (not regions or any(r in regions for r in knowledge.region_chain(m.id)))
    ]
    professions = [
        p for p in knowledge.professions_in_order if profession_id is None or p.id == profession_id
    ]
    return [(p, m) for m in places for p in professions]


def build_page(
    knowledge: KnowledgeBase,
    profession_id: str,
    municipality_id: str,
    today: date,
    bot_username: str | None,
    guidance: GuidanceService | None = None,
) -> AushangPage | None:
    """None when the profession or the municipality is unknown."""
    municipality = knowledge.regions.get(municipality_id)
    if municipality is None or not municipality.is_municipality:
        return None
    guidance = guidance or GuidanceService(KnowledgeStore(Snapshot.of(knowledge)))
    view = guidance.meldeweg(profession_id, municipality_id)
    if view is None:
        return None
    isef = _callable(knowledge.contacts_for_role(JugendamtRole.ISEF, municipality_id))
    hotlines = _hotlines(knowledge, profession_id)
    used = [*view.acute.reach.asd, *view.acute.reach.on_call, *isef, *hotlines]
    jugendamt = view.acute.reach.jugendamt
    stands = [view.path.stand, knowledge.emergency.stand, *(c.stand for c in used)]
    if jugendamt is not None:
        stands.append(jugendamt.stand)
    sources = [*view.path.sources, *(jugendamt.sources if jugendamt else ())]
    sources += [s for c in used for s in c.sources]
    link = (
        bot_link(bot_username, meldeweg_payload(profession_id, municipality_id))
        if bot_username
        else None
    )
    fallback = view.fallback
    return AushangPage(
        view=view,
        municipality=municipality,
        isef=isef,
        hotlines=hotlines,
        stand=max(stands),
        version=knowledge.version,
        sources=_hosts(sources),
        link=link,
        qr=qr_svg(link) if link else None,
        stale_switchboard=bool(fallback.switchboard)
        and not is_dated_and_recent(fallback.switchboard_source_date, today),
        variant=_variant(view),
    )


def _callable(contacts: Iterable[Contact]) -> tuple[Contact, ...]:
    return tuple(c for c in contacts if c.phones)


def _hotlines(knowledge: KnowledgeBase, profession_id: str) -> tuple[Contact, ...]:
    """The advice line for the profession first (the one the chat names where a number is
    missing), then the first other Notfall hotline that is for this profession: two at most."""
    chosen: list[Contact] = []
    advice = knowledge.advice_line_for(profession_id)
    if advice is not None:
        chosen.append(advice)
    for contact in knowledge.hotlines(profession_id):
        if len(chosen) == 2:
            break
        if contact.phones and contact not in chosen:
            chosen.append(contact)
    return tuple(chosen)


def _hosts(sources: Iterable[str]) -> tuple[str, ...]:
    """Each source once, by its host name: a source line that fits on the page."""
    hosts: list[str] = []
    for source in sources:
        host = urlsplit(source).hostname or source
        host = host.removeprefix("www.").rstrip(".")
        if host not in hosts:
            hosts.append(host)
    return tuple(hosts)


def _variant(view: MeldewegView) -> tuple[str, tuple[str, ...]] | None:
    variants = view.profession.variants
    if variants is None:
        return None
    return variants.question, tuple(o.name for o in variants.options if o.meldeweg == view.path.id)


def render_html(page: AushangPage, density: int = 0) -> str:
    """`density` 1 and 2 set smaller type, for a page that would not fit on one sheet."""
    return environment(PACKAGE).get_template("aushang.html").render(page=page, density=density)


def render_pdf(page: AushangPage) -> tuple[bytes, int]:
    """The PDF and its page count (1 unless even the densest layout overflows)."""
    return one_page_pdf(lambda density: render_html(page, density))
