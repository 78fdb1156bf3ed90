"""The report's short form in Markdown: what to forward in an e-mail or paste into minutes."""

from __future__ import annotations

from bot.services.report import Report
from bot.services.review import ReviewItem
from bot.storage.registration_records import Status
from bot.wording import STATUS_LABELS, TASK_LABELS

CONFIRMED, WAITING, CANCELLED = (
    STATUS_LABELS[s] for s in (Status.CONFIRMED, Status.WAITING, Status.CANCELLED)
)


def review_line(item: ReviewItem) -> str:
    """'Kontakt asd-lev (…) · verified: Kontaktdaten nicht bestätigt (`kontakte/x.yaml:12`)'."""
    where = f" (`{item.file}:{item.line}`)" if item.file else ""
    what = " · ".join(part for part in (item.entry, item.field) if part)
    due = f" (fällig {item.due:%d.%m.%Y})" if item.due else ""
    return f"{what}: {item.message}{due}{where}" if what else f"{item.message}{due}{where}"


def render_markdown(report: Report, html_name: str = "bericht.html") -> str:
    gaps = report.gap_count
    lines = [
        "# Angebotslandschaft Kinderschutz – Kurzbericht",
        "",
        f"Wissensbasis {report.knowledge_version}, erstellt {report.generated_at:%d.%m.%Y}. "
        f"Alle Einzelheiten: `{html_name}`.",
        "",
        f"- {len(report.coverage)} Städte und Gemeinden, {gaps} verschiedene Lücken "
        "(Thema × Berufsgruppe ohne Angebot, je Kreis oder kreisfreier Stadt einmal gezählt)",
        f"- {len(report.review)} Einträge zu prüfen",
        f"- {len(report.events)} Termine",
        *(f"- {note}" for note in report.notes),
        "",
        "## Was je Jugendamt noch fehlt",
        "",
        "Eine E-Mail je Jugendamt genügt: bitte die fehlenden Angaben mit einer Quelle (Link "
        "und Datum) an die Redaktion schicken (siehe docs/redaktion.md).",
        "",
    ]
    for checklist in report.checklists:
        lines.append(f"- **{checklist.name}** ({', '.join(checklist.places)}):")
        if not checklist.missing:
            lines.append("  - vollständig")
        lines += [
            f"  - {item.message} (`{item.file}:{item.line}`, `{checklist.jugendamt_id}`)"
            for item in checklist.missing
        ]
    lines += ["", "## Themen ohne örtliches Angebot (mit Telefon oder Web-Adresse)", ""]
    empty: dict[str, list[str]] = {}
    for cell in report.empty_local_topics:
        empty.setdefault(cell.municipality, []).append(cell.topic)
    if not empty:
        lines.append("Keine: zu jedem Thema gibt es überall ein örtliches Angebot.")
    lines += [f"- **{place}**: {', '.join(topics)}" for place, topics in empty.items()]
    lines += ["", "## Lücken je Ort (Thema × Berufsgruppe, alle Angebote)", ""]
    for coverage in report.coverage:
        place = coverage.name + (f" ({coverage.kreis})" if coverage.kreis else "")
        by_topic: dict[str, list[str]] = {}
        for topic, label in coverage.gaps:
            by_topic.setdefault(topic, []).append(label)
        if not by_topic:
            lines.append(f"- **{place}**: keine Lücken")
            continue
        lines.append(f"- **{place}**: {len(coverage.gaps)} Lücken")
        lines += [f"  - {topic}: {', '.join(labels)}" for topic, labels in by_topic.items()]
    lines += ["", "## Prüfliste: alle Aufgaben, nach dem, was zu tun ist", ""]
    if not report.review:
        lines.append("Nichts zu prüfen.")
    for task, items in report.review_groups:
        lines += [f"### {TASK_LABELS[task]} ({len(items)})", ""]
        lines += [f"- {review_line(item)}" for item in items]
        lines.append("")
    lines += ["## Termine", ""]
    if report.events:
        lines += [
            f"| Termin | Datum | {CONFIRMED} | {WAITING} | {CANCELLED} | Bewertung |",
            "|---|---|---|---|---|---|",
        ]
    for event in report.events:
        counts = event.status_counts
        rating = f"{event.average_rating:.1f}".replace(".", ",") if event.average_rating else "–"
        lines.append(
            f"| {event.title} | {event.when} | {counts['confirmed']} | {counts['waiting']} | "
            f"{counts['cancelled']} | {rating} |"
        )
    return "\n".join(lines) + "\n"
