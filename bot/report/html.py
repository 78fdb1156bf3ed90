"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external
loads, readable offline and printable on A4. Every text from YAML or the database is escaped."""

from __future__ import annotations

from datetime import date
from html import escape

from babel.dates import format_date, format_datetime

from bot.clock import BERLIN
from bot.report.svg import bars, signups_chart
from bot.services.report import Coverage, EventFigures, Report
from bot.storage.registration_records import Status
from bot.wording import STATUS_LABELS

CONFIRMED, WAITING, CANCELLED = (
    STATUS_LABELS[s] for s in (Status.CONFIRMED, Status.WAITING, Status.CANCELLED)
)

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1d2733; margin: 0 auto;
  max-width: 1100px; padding: 16px 20px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; color: #0b4f6c; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #0b4f6c;
  color: #0b4f6c; page-break-after: avoid; }
h3 { font-size: 14px; margin: 18px 0 6px; page-break-after: avoid; }
.meta { color: #56616d; margin: 0 0 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.summary div { border: 1px solid #c9d4de; border-radius: 6px; padding: 8px 12px; min-width: 150px; }
.summary b { display: block; font-size: 20px; color: #0b4f6c; }
table { border-collapse: collapse; margin: 4px 0 10px; page-break-inside: avoid; }
th, td { border: 1px solid #c9d4de; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef3f7; font-weight: 600; }
table.matrix td { text-align: center; min-width: 28px; }
table.matrix th.profession { writing-mode: vertical-rl; transform: rotate(180deg);
  white-space: nowrap; font-size: 11px; padding: 6px 2px; }
td.gap { background: #fbd9d3; color: #8a1c0a; font-weight: 600; }
td.some { background: #e5f3e8; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 8px;
  border: 1px solid #c9d4de; }
.legend .gap { background: #fbd9d3; } .legend .some { background: #e5f3e8; }
ul.gaps { margin: 4px 0 12px; padding-left: 18px; columns: 2; }
.urgency-0 td:first-child { border-left: 5px solid #b3261e; }
.urgency-1 td:first-child { border-left: 5px solid #e8710a; }
.urgency-2 td:first-child, .urgency-3 td:first-child { border-left: 5px solid #f2c12e; }
.urgency-4 td:first-child { border-left: 5px solid #8ab4f8; }
.event { page-break-inside: avoid; border: 1px solid #c9d4de; border-radius: 6px; padding: 8px 12px;
  margin: 10px 0; }
.event h3 { margin-top: 4px; }
.columns { display: flex; flex-wrap: wrap; gap: 18px; }
.columns > div { flex: 1 1 420px; }
svg { max-width: 100%; height: auto; font-size: 11px; font-family: inherit; }
svg .axis { stroke: #56616d; stroke-width: 1; }
svg .line { fill: none; stroke: #0b4f6c; stroke-width: 2; }
svg .capacity { stroke: #b3261e; stroke-dasharray: 4 3; }
svg .bar { fill: #3c8dbc; }
.note { color: #56616d; font-style: italic; }
@media print { body { padding: 0; max-width: none; font-size: 11px; } h2 { margin-top: 16px; } }
"""


def render_html(report: Report) -> str:
    gaps = report.gap_count
    generated = format_datetime(
        report.generated_at.astimezone(BERLIN), "d. MMMM yyyy, HH:mm", locale="de_DE"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Kinderschutz-Lotse – Bericht zur Angebotslandschaft</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Angebotslandschaft Kinderschutz – Bericht für die Netzwerkkoordination</h1>",
        f'<p class="meta">Erstellt am {escape(generated)} Uhr · Wissensbasis '
        f"{escape(report.knowledge_version)} · ohne personenbezogene Daten</p>",
        '<div class="summary">',
        f"<div><b>{len(report.coverage)}</b>Städte und Gemeinden</div>",
        f"<div><b>{gaps}</b>Lücken (Thema × Berufsgruppe ohne Angebot)</div>",
        f"<div><b>{len(report.review)}</b>Einträge zu prüfen</div>",
        f"<div><b>{len(report.events)}</b>Termine</div>",
        "</div>",
    ]
    parts += [f'<p class="note">{escape(note)}</p>' for note in report.notes]
    parts.append("<h2>Was je Jugendamt noch fehlt</h2>")
    parts.append(_checklists(report))
    parts.append("<h2>Erreichbare Angebote je Thema und Ort</h2>")
    parts.append(_topic_reach(report))
    parts.append("<h2>1. Abdeckung: Angebote je Thema und Berufsgruppe</h2>")
    parts.append(
        '<p class="legend">Jede Zahl: wie viele Angebote diese Berufsgruppe in diesem Ort zu '
        'diesem Thema erreichen. <span class="gap">0</span> Lücke '
        '<span class="some">1+</span> versorgt</p>'
    )
    parts += [_coverage(group) for group in _alike(report.coverage)]
    parts.append("<h2>2. Prüfliste</h2>")
    parts.append(_review(report))
    parts.append("<h2>3. Termine</h2>")
    if not report.events:
        parts.append('<p class="note">Keine Termine oder keine Datenbank.</p>')
    parts += [_event(e, report.with_database) for e in report.events]
    parts.append("<h2>4. Nutzung (nur Summen, ohne Personenbezug)</h2>")
    parts.append(_usage(report))
    parts.append("</body></html>")
    return "\n".join(parts)


def _alike(coverages: list[Coverage]) -> list[list[Coverage]]:
    """Places with exactly the same numbers share one table (often all towns of a Kreis)."""
    groups: dict[tuple[str | None, tuple[tuple[tuple[str, str], int], ...]], list[Coverage]] = {}
    for coverage in coverages:
        key = (coverage.kreis, tuple(sorted(coverage.counts.items())))
        groups.setdefault(key, []).append(coverage)
    return list(groups.values())


def _coverage(group: list[Coverage]) -> str:
    coverage = group[0]
    names = ", ".join(c.name for c in group)
    title = escape(names) + (f" ({escape(coverage.kreis)})" if coverage.kreis else "")
    head = "".join(
        f'<th class="profession" title="{escape(label)}">{escape(label)}</th>'
        for _, label in coverage.professions
    )
    rows = []
    for topic_id, topic_name in coverage.topics:
        cells = []
        for profession_id, _ in coverage.professions:
            count = coverage.counts[(topic_id, profession_id)]
            cells.append(f'<td class="{"gap" if count == 0 else "some"}">{count}</td>')
        rows.append(f"<tr><th>{escape(topic_name)}</th>{''.join(cells)}</tr>")
    gaps = coverage.gaps
    by_topic: dict[str, list[str]] = {}
    for topic_name, label in gaps:
        by_topic.setdefault(topic_name, []).append(label)
    drill = "".join(
        f"<li><b>{escape(topic)}</b>: {escape(', '.join(labels))}</li>"
        for topic, labels in by_topic.items()
    )
    return (
        f'<h3 id="ort-{escape(coverage.region_id)}">{title}</h3>'
        + (
            f'<p class="note">{len(group)} Orte mit genau denselben Zahlen.</p>'
            if len(group) > 1
            else ""
        )
        + f'<table class="matrix"><tr><th>Thema</th>{head}</tr>{"".join(rows)}</table>'
        + (
            f'<p>Lücken ({len(gaps)}):</p><ul class="gaps">{drill}</ul>'
            if gaps
            else "<p>Keine Lücken.</p>"
        )
    )


def _checklists(report: Report) -> str:
    items = []
    for checklist in report.checklists:
        missing = "".join(
            f"<li>{escape(m.message)} <small>({escape(m.file)}:{m.line}, "
            f"{escape(checklist.jugendamt_id)})</small></li>"
            for m in checklist.missing
        )
        items.append(
            f"<li><b>{escape(checklist.name)}</b> – {escape(', '.join(checklist.places))}"
            f"<ul>{missing or '<li>vollständig</li>'}</ul></li>"
        )
    return (
        '<p class="legend">Eine E-Mail je Jugendamt genügt: die fehlenden Angaben mit Quelle '
        "(Link und Datum) an die Redaktion (docs/redaktion.md).</p>"
        f"<ul>{''.join(items)}</ul>"
    )


def _topic_reach(report: Report) -> str:
    places: list[str] = []
    topics: list[str] = []
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for cell in report.topic_reach:
        if cell.municipality not in places:
            places.append(cell.municipality)
        if cell.topic not in topics:
            topics.append(cell.topic)
        cells[(cell.municipality, cell.topic)] = (cell.local, cell.supra_regional)
    if not places:
        return "<p>Keine Orte.</p>"
    head = "".join(f"<th>{escape(topic)}</th>" for topic in topics)
    rows = []
    for place in places:
        row = []
        for topic in topics:
            local, supra = cells[(place, topic)]
            css = "gap" if local == 0 else "some"
            row.append(f'<td class="{css}">{local} / {supra}</td>')
        rows.append(f"<tr><th>{escape(place)}</th>{''.join(row)}</tr>")
    return (
        '<p class="legend">örtlich / überregional: Angebote mit Telefon oder Web-Adresse, ohne '
        'die Treffen des Netzwerks und ohne Beispiele. <span class="gap">0 / …</span> kein '
        "örtliches Angebot</p>"
        f"<table><tr><th>Ort</th>{head}</tr>{''.join(rows)}</table>"
    )


def _review(report: Report) -> str:
    if not report.review:
        return "<p>Nichts zu prüfen.</p>"
    rows = [
        f'<tr class="urgency-{item.urgency}"><td>{escape(item.concern)}</td>'
        f"<td>{escape(item.file)}:{item.line}</td><td>{escape(item.path)}</td>"
        f"<td>{escape(item.message)}</td>"
        f"<td>{escape(_date(item.due)) if item.due else ''}</td></tr>"
        for item in report.review
    ]
    return (
        "<table><tr><th>Art</th><th>Datei:Zeile</th><th>Feld</th><th>Hinweis</th>"
        f"<th>fällig</th></tr>{''.join(rows)}</table>"
    )


def _event(event: EventFigures, with_database: bool) -> str:
    if not with_database:
        return (
            f'<div class="event"><h3>{escape(event.title)}</h3>'
            f'<p class="meta">{escape(event.when)} · {escape(event.place)}</p>'
            '<p class="note">Ohne Datenbank keine Anmeldezahlen.</p></div>'
        )
    counts = event.status_counts
    seats = f" von {event.capacity} Plätzen" if event.capacity else ""
    state = "vorbei" if event.past else "bevorstehend"
    figures = (
        f"<table><tr><th>{CONFIRMED}</th><th>{WAITING}</th><th>{CANCELLED}</th></tr>"
        f"<tr><td>{counts['confirmed']}{seats}</td><td>{counts['waiting']}</td>"
        f"<td>{counts['cancelled']}</td></tr></table>"
    )
    chart = signups_chart(event.signups_by_day, event.capacity) or (
        '<p class="note">Noch keine Anmeldungen.</p>'
    )
    workshops = ""
    if event.workshops:
        rows = "".join(
            f"<tr><td>{escape(w.title)}</td><td>{w.confirmed}"
            f"{f' / {w.capacity}' if w.capacity else ''}</td><td>{w.waiting}</td></tr>"
            for w in event.workshops
        )
        workshops = (
            f"<h4>Workshops</h4><table><tr><th>Workshop</th><th>{CONFIRMED}</th>"
            f"<th>{WAITING}</th></tr>{rows}</table>"
        )
    feedback = ""
    answers = sum(event.ratings.values())
    if answers:
        average = f"{event.average_rating:.1f}".replace(".", ",") if event.average_rating else "–"
        feedback = f"<h4>Rückmeldungen ({answers}, Durchschnitt {average} von 5)</h4>" + bars(
            [(f"{r} ★", n) for r, n in sorted(event.ratings.items(), reverse=True)]
        )
        if event.topic_wishes:
            feedback += "<h4>Themenwünsche</h4>" + bars(event.topic_wishes)
    return (
        f'<div class="event"><h3>{escape(event.title)}</h3>'
        f'<p class="meta">{escape(event.when)} · {escape(event.place)} · {state}</p>'
        f'<div class="columns"><div>{figures}{chart}</div><div>'
        + ("<h4>nach Berufsgruppe</h4>" + bars(event.by_profession) if event.by_profession else "")
        + ("<h4>nach Ort</h4>" + bars(event.by_region) if event.by_region else "")
        + f"</div></div>{workshops}{feedback}</div>"
    )


def _usage(report: Report) -> str:
    weeks = report.usage_weeks
    totals: dict[tuple[str, str], int] = {}
    for week in weeks:
        for key, count in week.counts.items():
            totals[key] = totals.get(key, 0) + count
    if not totals:
        return '<p class="note">Noch keine Nutzung gezählt.</p>'
    ranked = sorted(totals, key=lambda key: (-totals[key], key))
    head = "".join(f"<th>KW {w.monday.isocalendar().week}</th>" for w in weeks)
    rows = "".join(
        f"<tr><th>{escape(_usage_label(report, key))}</th>"
        + "".join(f"<td>{week.counts.get(key, 0) or ''}</td>" for week in weeks)
        + f"<td><b>{totals[key]}</b></td></tr>"
        for key in ranked
    )
    return (
        "<p>Wie oft Befehle, Themen, Menüpunkte und Meldewege genutzt wurden – je Kalenderwoche, "
        "ohne zu speichern, wer.</p>"
        f"<table><tr><th></th>{head}<th>Summe</th></tr>{rows}</table>"
    )


def _usage_label(report: Report, key: tuple[str, str]) -> str:
    kind, name = key
    if key in report.usage_labels:
        return report.usage_labels[key]
    special = {"freitext-suche": "Suche per Freitext", "unbekannt": "unbekannt"}
    if name in special:
        return f"{kind.capitalize()}: {special[name]}" if kind != "befehl" else special[name]
    return {"befehl": f"/{name}", "menue": f"Menü: {name}"}.get(kind, f"{kind}: {name}")


def _date(day: date) -> str:
    return format_date(day, "dd.MM.yyyy", locale="de_DE")
