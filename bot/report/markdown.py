"""The report's short form in Markdown: what to forward in an e-mail or paste into minutes."""

from __future__ import annotations

from bot.services.report import Report
from bot.storage.registration_records import Status
from bot.wording import STATUS_LABELS

CONFIRMED, WAITING, CANCELLED = (
    STATUS_LABELS[s] for s in (Status.CONFIRMED, Status.WAITING, Status.CANCELLED)
)


def render_markdown(report: Report, html_name: str = "bericht.html") -> str:
    gaps = report.gap_count
    lines = [
        "# Angebotslandschaft Kinderschutz – Kurzbericht",
        "",
        f"Wissensbasis {report.knowledge_version}, erstellt {report.generated_at:%d.%m.%Y}. "
        f"Alle Einzelheiten: `{html_name}`.",
        "",
        f"- {len(report.coverage)} Städte und Gemeinden, {gaps} Lücken "
        "(Thema × Berufsgruppe ohne Angebot)",
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
    lines += ["", "## Prüfliste (dringendste zuerst)", ""]
    if not report.review:
        lines.append("Nichts zu prüfen.")
    for item in report.review[:30]:
        due = f" (fällig {item.due:%d.%m.%Y})" if item.due else ""
        lines.append(
            f"- {item.concern}: `{item.file}:{item.line}` {item.path} – {item.message}{due}"
        )
    if len(report.review) > 30:
        lines.append(f"- … und {len(report.review) - 30} weitere (siehe `{html_name}`)")
    lines += ["", "## Termine", ""]
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
