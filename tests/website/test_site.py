"""The generated website as files: every page type exists, every link resolves inside the
folder, nothing is loaded from elsewhere, external links are only the knowledge's own URLs,
hostile knowledge text is escaped, and the pages carry the structure assistive technology
needs (lang, one h1, main, skip link)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bot.cli import main
from bot.clock import FixedClock
from bot.config import Config, PrivacySettings, WebsiteSettings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.website import links
from bot.website.build import build_site
from bot.website.site import Site
from tests.conftest import TODAY
from tests.publish.conftest import needs_pdf, pdf_text
from tests.website.conftest import BOT, SHIPPED_NOW, build, parse

PAGE_TYPES = (
    "index.html",
    "notfall.html",
    "ort-kempen.html",
    "beruf-kita.html",
    "meldeweg-kempen_kita.html",
    "angebote.html",
    "angebote-kempen.html",
    "anhaltspunkte.html",
    "aushaenge.html",
    "impressum.html",
    "datenschutz.html",
    "suche.html",
)
URL = re.compile(r"https?://[^\s\"'<>]+")


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def text_of(path: Path) -> str:
    return " ".join("".join(parse(path).text).split())


def knowledge_urls(knowledge: KnowledgeBase) -> set[str]:
    """Every URL the knowledge itself names (sources, websites of contacts and offers)."""
    found: set[str] = set()
    for table in (
        knowledge.contacts,
        knowledge.offers,
        knowledge.jugendaemter,
        knowledge.meldewege,
        knowledge.anhaltspunkte,
        knowledge.professions,
        knowledge.regions,
        knowledge.topics,
    ):
        for entry in table.values():
            found.update(URL.findall(json.dumps(entry.model_dump(mode="json"))))
    found.update(URL.findall(json.dumps(knowledge.emergency.model_dump(mode="json"))))
    return found


def test_every_page_type_exists_once_per_place_and_profession(
    shipped_site: Path, shipped: KnowledgeBase
) -> None:
    for name in PAGE_TYPES:
        assert (shipped_site / name).is_file(), name
    assert len(list(shipped_site.glob("meldeweg-*.html"))) == 8 * 10
    assert len(list(shipped_site.glob("ort-*.html"))) == 10
    assert len(list(shipped_site.glob("beruf-*.html"))) == len(shipped.professions)
    assert list(shipped_site.glob("angebote-kempen_*.html"))  # offers per place and topic
    assert (shipped_site / links.SEARCH_INDEX).is_file()
    assert (shipped_site / links.SEARCH_SCRIPT).is_file()


def test_every_link_resolves_inside_the_folder(shipped_site: Path) -> None:
    ids = {path.name: parse(path).ids for path in html_files(shipped_site)}
    checked = 0
    for path in html_files(shipped_site):
        for href in parse(path).hrefs:
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = unquote(parts.path) or path.name
            assert not target.startswith("/"), f"{path.name}: absolute link {href}"
            assert (shipped_site / target).is_file(), f"{path.name}: {href} does not exist"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in ids[target], f"{path.name}: no #{parts.fragment}"
            checked += 1
    assert checked > 1000


def test_nothing_is_loaded_from_elsewhere_and_external_links_are_the_knowledges_own(
    shipped_site: Path, shipped: KnowledgeBase
) -> None:
    allowed = knowledge_urls(shipped)
    external = 0
    for path in html_files(shipped_site):
        parsed = parse(path)
        for src in parsed.srcs:
            assert not urlsplit(src).scheme and not src.startswith("//"), f"{path.name}: {src}"
        for tag, attrs in parsed.tags:
            if tag == "link":  # no stylesheets, fonts or icons from anywhere
                raise AssertionError(f"{path.name}: <link {attrs}>")
        for href in parsed.hrefs:
            scheme = urlsplit(href).scheme
            if scheme in ("tel", "mailto", ""):
                continue
            assert scheme == "https" or scheme == "http", f"{path.name}: {href}"
            if href.startswith(f"https://t.me/{BOT}?start=mw_"):
                continue
            assert href in allowed, f"{path.name}: {href} is not in the knowledge"
            external += 1
        html = path.read_text(encoding="utf-8")
        assert "@import" not in html and "url(" not in html, path.name
    assert external > 100  # sources are links


def test_every_page_has_lang_title_one_h1_main_and_a_skip_link(shipped_site: Path) -> None:
    for path in html_files(shipped_site):
        html = path.read_text(encoding="utf-8")
        assert html.startswith('<!DOCTYPE html>\n<html lang="de">'), path.name
        parsed = parse(path)
        names = [tag for tag, _ in parsed.tags]
        assert names.count("h1") == 1 and names.count("main") == 1, path.name
        assert names.count("title") == 1 and "nav" in names, path.name
        assert parsed.hrefs[0] == "#inhalt" and "inhalt" in parsed.ids, path.name
        assert "@media print" in html, path.name


def test_the_kempen_kita_page_names_the_jugendamt_the_path_and_its_sources(
    shipped_site: Path,
) -> None:
    text = text_of(shipped_site / "meldeweg-kempen_kita.html")
    assert "Jugendamt der Stadt Kempen" in text and "§ 8a" in text
    assert "110" in text and "112" in text
    assert "Nummer wird ergänzt." in text  # no ASD number known: said, with what to do now
    assert "Stand: 02.12.2026" in text and "Quelle vom" in text and "Quelle:" in text
    assert "Angabe von 2022 – bitte vor Nutzung prüfen." in text  # an old source, marked
    assert "Rechtsgrundlage" in text
    hrefs = parse(shipped_site / "meldeweg-kempen_kita.html").hrefs
    assert f"https://t.me/{BOT}?start=mw_kita_kempen" in hrefs
    assert "anhaltspunkte.html#ap-vernachlaessigung" in hrefs


def test_the_leverkusen_physicians_page_names_4_kkg_and_the_medical_hotline(
    shipped_site: Path,
) -> None:
    text = text_of(shipped_site / "meldeweg-leverkusen_gesundheit.html")
    assert "§ 4 KKG" in text and "Medizinische Kinderschutzhotline" in text


def test_notfall_lists_every_place_with_its_jugendamt(
    shipped_site: Path, shipped: KnowledgeBase
) -> None:
    text = text_of(shipped_site / "notfall.html")
    assert "Jugendamt der Stadt Kempen" in text and "Außerhalb der Dienstzeit" in text
    ids = parse(shipped_site / "notfall.html").ids
    assert {f"ja-{m}" for m in ("kempen", "leverkusen", "brueggen")} <= ids


def test_offer_pages_show_each_offer_of_the_place_and_topic(
    shipped_site: Path, shipped: KnowledgeBase
) -> None:
    kempen = shipped.offers_for(None, "kempen")
    topic = kempen[0].topics[0]
    expected = shipped.offers_for(None, "kempen", topic)
    ids = parse(shipped_site / links.topic("kempen", topic)).ids
    assert {links.offer_anchor(o.id) for o in expected} <= ids


def test_the_search_index_leads_to_pages_that_exist(shipped_site: Path) -> None:
    script = (shipped_site / links.SEARCH_INDEX).read_text(encoding="utf-8")
    payload = script.split("window.LOTSE_SUCHINDEX = ", 1)[1].rstrip().removesuffix(";")
    index = json.loads(payload)
    assert len(index) > 100
    for entry in index:
        page, _, fragment = entry["u"].partition("#")
        assert (shipped_site / page).is_file(), entry
        if fragment:
            assert fragment in parse(shipped_site / page).ids, entry
    titles = {entry["t"] for entry in index}
    assert "Meldeweg: Kita / OGS in Kempen" in titles
    assert {e["u"] for e in index if e["t"] == "Meldeweg: Kita / OGS in Kempen"} == {
        "meldeweg-kempen_kita.html"
    }


HOSTILE = "<script>alert('x')</script> & \"Hilfe\" <img src=x onerror=alert(1)>"


def test_hostile_knowledge_text_is_escaped_everywhere(knowledge_copy: Path, tmp_path: Path) -> None:
    offers = knowledge_copy / "angebote.yaml"
    text = offers.read_text(encoding="utf-8")
    text = text.replace("titel: Suchtberatung für Eltern", f"titel: {json.dumps(HOSTILE)}")
    text = text.replace(
        "beschreibung: Beratung für Eltern mit Alkohol- oder Drogenproblemen und ihre Kinder.",
        f"beschreibung: {json.dumps(HOSTILE + ' Beratung')}",
    )
    offers.write_text(text, encoding="utf-8")
    contacts = knowledge_copy / "kontakte.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace(
            "organisation: Jugendamt Musterstadt", f"organisation: {json.dumps(HOSTILE)}"
        ),
        encoding="utf-8",
    )
    result = load_knowledge(knowledge_copy, TODAY)
    assert result.knowledge is not None and not result.errors, result.errors[:2]
    site = build(result.knowledge, tmp_path / "site")
    hits = 0
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, path.name
        hits += html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;Hilfe&#34;")
        assert all(tag != "img" for tag, _ in parse(path).tags), path.name
    assert hits >= 3  # the offer, the topic page's search result title, the contact
    index = (site / links.SEARCH_INDEX).read_text(encoding="utf-8")
    payload = json.loads(index.split(" = ", 1)[1].rstrip().removesuffix(";"))
    assert HOSTILE in {entry["t"] for entry in payload}  # data for textContent, not HTML


def test_placeholders_in_impressum_and_privacy_are_a_visible_warning(
    fixture_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    site = build(fixture_knowledge, tmp_path / "platzhalter")
    for name in ("index.html", "impressum.html", "datenschutz.html"):
        text = text_of(site / name)
        assert "Diese Website ist noch nicht fertig eingerichtet." in text
        assert "Impressum (website.impressum) enthält noch einen Platzhalter" in text
    filled = Config(
        website=WebsiteSettings(impressum="Stadt Musterstadt\nRathausplatz 1"),
        privacy=PrivacySettings(controller="Stadt Musterstadt", contact="datenschutz@example.org"),
    )
    done = build(fixture_knowledge, tmp_path / "fertig", filled)
    assert "nicht fertig eingerichtet" not in text_of(done / "index.html")
    assert "Stadt Musterstadt Rathausplatz 1" in text_of(done / "impressum.html")
    assert "datenschutz@example.org" in text_of(done / "datenschutz.html")


def test_unverified_contacts_are_marked(fixture_knowledge: KnowledgeBase, tmp_path: Path) -> None:
    site = build(fixture_knowledge, tmp_path / "site")
    nordheim = next(site.glob("meldeweg-nordheim_*.html"))
    assert "Angaben nicht bestätigt – bitte vor Nutzung prüfen." in text_of(nordheim)


def write_config(tmp_path: Path, knowledge: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge:\n  directory: {knowledge}\ntelegram:\n  bot_username: {BOT}\n",
        encoding="utf-8",
    )
    return config


def test_the_command_builds_replaces_an_earlier_build_and_spares_other_folders(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(tmp_path, knowledge_copy))
    clock = FixedClock(SHIPPED_NOW)
    out = tmp_path / "www"
    assert main(["--config", config, "website", "--out", str(out)], clock) == 0
    printed = capsys.readouterr().out
    assert "Website geschrieben nach" in printed and "Platzhalter" in printed
    (out / "veraltet.html").write_text("alt", encoding="utf-8")
    assert main(["--config", config, "website", "--out", str(out)], clock) == 0
    assert not (out / "veraltet.html").exists() and (out / "index.html").is_file()
    assert not list(tmp_path.glob(".www*"))  # no staging folder left behind

    foreign = tmp_path / "fremd"
    foreign.mkdir()
    (foreign / "wichtig.txt").write_text("bleibt", encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", config, "website", "--out", str(foreign)], clock) == 2
    assert "kein leerer Ordner" in capsys.readouterr().out
    assert (foreign / "wichtig.txt").read_text(encoding="utf-8") == "bleibt"


def test_the_command_refuses_a_broken_knowledge_base(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (knowledge_copy / "angebote.yaml").write_text("angebote: [kaputt", encoding="utf-8")
    config = str(write_config(tmp_path, knowledge_copy))
    out = tmp_path / "www"
    code = main(["--config", config, "website", "--out", str(out)], FixedClock(SHIPPED_NOW))
    assert code == 1 and "hat Fehler" in capsys.readouterr().out
    assert not out.exists()


def test_dates_are_german(shipped_site: Path) -> None:
    assert f"erstellt am {date(2026, 12, 2):%d.%m.%Y}" in text_of(shipped_site / "index.html")


def test_the_search_is_an_enhancement_the_page_says_what_to_do_without_it(
    shipped_site: Path,
) -> None:
    html = (shipped_site / "suche.html").read_text(encoding="utf-8")
    assert '<div id="suche" hidden>' in html  # shown by suche.js only
    assert "<noscript><p>Die Suche braucht JavaScript." in html
    assert all(
        "<script" not in p.read_text(encoding="utf-8")
        for p in html_files(shipped_site)
        if p.name != "suche.html"
    )


@pytest.mark.slow  # renders one PDF per profession and place with WeasyPrint
@needs_pdf
def test_with_aushang_the_pdfs_are_in_the_folder_and_linked(
    fixture_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    site = Site(fixture_knowledge, Config(), FixedClock(SHIPPED_NOW), BOT)
    out = tmp_path / "site"
    result = build_site(site, out, with_aushang=True)
    pdfs = sorted((out / links.AUSHANG_DIR).glob("*.pdf"))
    assert result.aushaenge == len(pdfs) == len(site.places) * len(site.professions)
    assert not result.overflowing
    listed = parse(out / links.AUSHAENGE).hrefs
    assert {f"{links.AUSHANG_DIR}/{p.name}" for p in pdfs} <= set(listed)
    assert pdf_text(pdfs[0].read_bytes())[0] == 1
    assert (
        "aushang/aushang-musterstadt-kita.pdf"
        in parse(out / "meldeweg-musterstadt_kita.html").hrefs
    )


def test_relative_targets_work_and_the_current_folder_is_not_replaced(
    knowledge_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = str(write_config(tmp_path, knowledge_copy))
    monkeypatch.chdir(tmp_path)
    clock = FixedClock(SHIPPED_NOW)
    assert main(["--config", config, "website", "--out", "www/"], clock) == 0
    assert (tmp_path / "www" / "index.html").is_file()
    assert main(["--config", config, "website", "--out", "."], clock) == 2
    assert "kein leerer Ordner" in capsys.readouterr().out
    assert (tmp_path / "config.yaml").is_file()
