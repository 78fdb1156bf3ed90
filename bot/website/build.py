"""Render the website into a folder: every page from `templates/` (Jinja2, autoescaped, one
layout), the search index and script, and optionally the Aushang PDFs (`bot/publish`).

The folder is written next to its target and swapped in at the end, so a web server never
serves half a build; a folder that holds anything but an earlier build is never replaced.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from bot.knowledge.sources import is_dated_and_recent
from bot.publish.aushang import render_pdf
from bot.report.templating import environment
from bot.website import links
from bot.website.site import Site, age_note, meldeweg_entry, search_entry, sources

PACKAGE = "bot.website"
MARKER = ".kinderschutz-lotse-website"  # says: this folder is a build, it may be replaced
STATIC = (links.SEARCH_SCRIPT,)
NAV = (
    (links.NOTFALL, "Notfall: 110 / 112"),
    (links.INDEX, "Meldewege"),
    (links.ANHALTSPUNKTE, "Anhaltspunkte"),
    (links.ANGEBOTE, "Angebote"),
    (links.AUSHAENGE, "Aushänge"),
    (links.SUCHE, "Suche"),
)


class NotABuild(Exception):
    """The target folder holds files that no earlier build wrote (German message)."""


@dataclass
class BuildResult:
    pages: int = 0
    aushaenge: int = 0
    overflowing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def site_environment() -> Environment:
    env = environment(PACKAGE)
    env.filters.update(
        ort=links.place,
        beruf=links.profession,
        meldeweg=links.meldeweg,
        angebote=links.offers,
        thema=links.topic,
        angebot_anker=links.offer_anchor,
        ap_anker=links.anhaltspunkt_anchor,
        quellen=sources,
        hinweis=age_note,
        recent=lambda source_date, today: is_dated_and_recent(source_date, today),
        tel=lambda number: re.sub(r"[^0-9+]", "", number),
    )
    return env


class Writer:
    """Renders pages with the shared context into one folder."""

    def __init__(self, site: Site, folder: Path) -> None:
        self.site = site
        self.folder = folder
        self.env = site_environment()
        self.pages = 0
        knowledge = site.knowledge
        self.common: dict[str, Any] = {
            "nav": NAV,
            "warnings": site.legal_warnings(),
            "version": knowledge.version,
            "built": site.today,
            "today": site.today,
        }

    def page(self, name: str, template: str, title: str, **context: Any) -> None:
        html = self.env.get_template(template).render(
            **self.common, current=name, title=title, **context
        )
        (self.folder / name).write_text(html, encoding="utf-8")
        self.pages += 1


def build_site(
    site: Site,
    out: Path,
    *,
    with_aushang: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Write the whole site to `out` (replacing an earlier build there)."""
    out = out.resolve()  # "." or "site/" name a folder with a parent to stage in
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        result = _write(site, staging, with_aushang, progress or (lambda _: None))
        (staging / MARKER).write_text("kinderschutz-lotse website\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise NotABuild(
            f"{out} ist kein leerer Ordner und keine frühere Ausgabe von "
            "„kinderschutz-lotse website“: bitte einen neuen oder leeren Ordner angeben."
        )


def _swap(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.alt")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)


def _write(
    site: Site, folder: Path, with_aushang: bool, progress: Callable[[str], None]
) -> BuildResult:
    result = BuildResult(warnings=site.legal_warnings())
    writer = Writer(site, folder)
    knowledge = site.knowledge
    index: list[dict[str, str]] = []
    groups = site.groups()
    aushaenge = _aushaenge(site, folder, result, progress) if with_aushang else {}

    writer.page(
        links.INDEX,
        "index.html",
        "Meldewege im Kinderschutz",
        groups=groups,
        professions=site.professions,
        emergency_numbers=knowledge.emergency.numbers,
        region_names=" und ".join(r.name for r in knowledge.top_level_regions()),
    )
    writer.page(
        links.NOTFALL,
        "notfall.html",
        "Notfall",
        emergency=site.emergency(None),
        knowledge_emergency=knowledge.emergency,
        places=[(place, site.emergency(place.id)) for place in site.places],
    )
    index.append(search_entry("Notfall: 110, 112, Jugendamt, Hotlines", links.NOTFALL, []))
    anhaltspunkte = sorted(knowledge.anhaltspunkte.values(), key=lambda e: e.title)
    writer.page(links.ANHALTSPUNKTE, "anhaltspunkte.html", "Anhaltspunkte", entries=anhaltspunkte)
    for entry in anhaltspunkte:
        index.append(
            search_entry(
                f"Anhaltspunkte: {entry.title}",
                f"{links.ANHALTSPUNKTE}#{links.anhaltspunkt_anchor(entry.id)}",
                [entry.summary, *entry.weighty],
            )
        )

    for profession in site.professions:
        writer.page(
            links.profession(profession.id),
            "beruf.html",
            profession.name,
            profession=profession,
            groups=groups,
        )
    progress("Meldewege")
    for place in site.places:
        writer.page(
            links.place(place.id),
            "ort.html",
            place.name,
            place=place,
            professions=site.professions,
            view=site.emergency(place.id),
        )
        index.append(search_entry(place.name, links.place(place.id), ["Jugendamt", "Ort"]))
        for profession in site.professions:
            page = site.meldeweg(profession, place)
            if page is None:
                continue
            name = links.meldeweg(place.id, profession.id)
            writer.page(
                name,
                "meldeweg.html",
                f"Meldeweg {profession.label} in {place.name}",
                page=page,
                anhaltspunkte=anhaltspunkte,
                aushang_href=aushaenge.get((place.id, profession.id)),
            )
            index.append(meldeweg_entry(profession, place))

    progress("Angebote")
    index += _offer_pages(site, writer)
    writer.page(
        links.AUSHAENGE,
        "aushaenge.html",
        "Aushänge",
        groups=groups,
        professions=site.professions,
        aushaenge=aushaenge,
    )
    writer.page(
        links.IMPRESSUM, "impressum.html", "Impressum", impressum=site.config.website.impressum
    )
    writer.page(links.DATENSCHUTZ, "datenschutz.html", "Datenschutz", privacy=site.config.privacy)
    writer.page(links.SUCHE, "suche.html", "Suche")
    _static(folder, index)
    result.pages = writer.pages
    return result


def _offer_pages(site: Site, writer: Writer) -> list[dict[str, str]]:
    """Per place its topics, per place × topic its offers; each offer's HTML is rendered once
    (an offer for a whole Kreis appears on every town's page)."""
    render_offer = writer.env.get_template("macros_site.html").make_module().offer  # type: ignore[attr-defined]
    rendered: dict[str, Markup] = {}
    first_page: dict[str, str] = {}
    by_topic: dict[str, list[tuple[Any, int]]] = {t.id: [] for t in site.topics}
    for place in site.places:
        topics = site.topic_counts(place)
        writer.page(
            links.offers(place.id),
            "angebote_ort.html",
            f"Angebote in {place.name}",
            place=place,
            topics=topics,
        )
        for topic, count in topics:
            by_topic[topic.id].append((place, count))
            name = links.topic(place.id, topic.id)
            offers = site.offers(place, topic)
            html = []
            for offer in offers:
                if offer.id not in rendered:
                    rendered[offer.id] = render_offer(offer, site)
                    first_page[offer.id] = f"{name}#{links.offer_anchor(offer.id)}"
                html.append(rendered[offer.id])
            writer.page(
                name,
                "angebote_thema.html",
                f"{topic.name} in {place.name}",
                place=place,
                topic=topic,
                offers=html,
            )
    writer.page(
        links.ANGEBOTE,
        "angebote.html",
        "Angebote",
        by_topic=[(t, by_topic[t.id]) for t in site.topics if by_topic[t.id]],
    )
    knowledge = site.knowledge
    return [
        search_entry(
            offer.title,
            first_page[offer_id],
            [
                offer.provider,
                *(knowledge.topics[t].name for t in offer.topics if t in knowledge.topics),
                site.where(offer),
            ],
        )
        for offer_id, offer in ((i, knowledge.offers[i]) for i in first_page)
    ]


def _aushaenge(
    site: Site, folder: Path, result: BuildResult, progress: Callable[[str], None]
) -> dict[tuple[str, str], str]:
    """The Aushang PDFs (bot/publish), one per profession × place, under aushang/."""
    from bot.publish.aushang import build_page

    progress("Aushänge (PDF)")
    (folder / links.AUSHANG_DIR).mkdir()
    made: dict[tuple[str, str], str] = {}
    for place in site.places:
        for profession in site.professions:
            page = build_page(
                site.knowledge,
                profession.id,
                place.id,
                site.today,
                site.bot_username,
                site.guidance,
            )
            if page is None:
                continue
            content, count = render_pdf(page)
            (folder / links.AUSHANG_DIR / page.file_name).write_bytes(content)
            made[(place.id, profession.id)] = links.aushang(page.file_name)
            if count > 1:
                result.overflowing.append(f"{page.file_name} ({count} Seiten)")
    result.aushaenge = len(made)
    return made


def _static(folder: Path, index: list[dict[str, str]]) -> None:
    templates = files(PACKAGE) / "templates"
    for name in STATIC:
        (folder / name).write_bytes((templates / name).read_bytes())
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / links.SEARCH_INDEX).write_text(
        "/* Suchindex der Website (erzeugt von kinderschutz-lotse website). */\n"
        f"window.LOTSE_SUCHINDEX = {payload};\n",
        encoding="utf-8",
    )
