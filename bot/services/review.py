"""The report's review list: every finding of `check` and every "Angabe falsch?" report, grouped
by what a coordinator must do about it, each row naming the entry by id and title.

`check` prints findings by file; a coordinator works by task (one e-mail to the Jugendamt, one
call to a provider, an afternoon of re-checking sources). So every finding becomes exactly one
row, in the group of its task; nothing is left out (a test compares the rows with `check`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.findings import Concern, Finding, Severity
from bot.storage.hints import HintTotal
from bot.wording import (
    CONCERN_LABELS,
    CONCERN_LABELS_OTHER,
    HINT_REASON_LABELS,
    REPORT_ERROR,
    SECTION_SINGULAR,
)


class Task(IntEnum):
    """What a coordinator must do; the value orders the groups (reports from the field first)."""

    FIELD_REPORTS = 0  # professionals said an entry is wrong
    FIX_FILES = 1  # an error: the files do not load until it is fixed
    ASK_JUGENDAMT = 2  # a number, office hours or an IseF only the Jugendamt can give
    ASK_PROVIDER = 3  # contact data of a provider to confirm or to complete
    RECHECK_SOURCE = 4  # review date due, source without link or date, old source
    REPLACE_EXAMPLES = 5  # placeholders and invented example entries
    COMPLETE = 6  # structure: a topic without offers, a Kreis without towns, …


@dataclass(frozen=True)
class ReviewItem:
    task: Task
    urgency: int  # within a group: lower is more urgent
    concern: str  # the kind of finding, e.g. "nicht bestätigt"
    file: str
    line: int
    path: str  # as `check` prints it
    entry: str  # "Kontakt asd-lev (Jugendamt Leverkusen – ASD)", or "" for a file
    field: str  # the field inside the entry, e.g. "verified"
    message: str
    due: date | None = None


@dataclass(frozen=True)
class EntryPlace:
    """Where an entry is written (for report rows that do not come from a finding)."""

    file: str
    line: int


_INDEX = re.compile(r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?\.?(?P<rest>.*)$")


def review_items(
    findings: Iterable[Finding],
    knowledge: KnowledgeBase | None,
    today: date,
    hints: Iterable[HintTotal] = (),
    places: Mapping[tuple[str, str], EntryPlace] | None = None,
) -> list[ReviewItem]:
    """One row per finding and per reported entry and reason, sorted by task and urgency."""
    jugendamt_contacts = _jugendamt_contacts(knowledge)
    items = [_from_finding(f, knowledge, today, jugendamt_contacts) for f in findings]
    items += [_from_hint(hint, knowledge, places or {}) for hint in hints]
    return sorted(
        items, key=lambda i: (i.task, i.urgency, i.due or date.max, i.file, i.line, i.path)
    )


def hint_in_scope(knowledge: KnowledgeBase, hint: HintTotal, in_scope: set[str]) -> bool:
    """A report about an entry for one of these places (or a nationwide one), for an organiser
    limited to regions; an entry no longer in the knowledge base stays visible."""
    table: Mapping[str, object] = (
        knowledge.contacts if hint.section == "kontakte" else knowledge.offers
    )
    entry = table.get(hint.entry_id)
    if entry is None or getattr(entry, "nationwide", False):
        return True
    return any(region in in_scope for region in getattr(entry, "regions", ()))


def grouped(items: Iterable[ReviewItem]) -> list[tuple[Task, list[ReviewItem]]]:
    groups: dict[Task, list[ReviewItem]] = {}
    for item in items:
        groups.setdefault(item.task, []).append(item)
    return sorted(groups.items())


def entry_label(knowledge: KnowledgeBase | None, section: str, entry_id: str | None) -> str:
    """'Angebot medienberatung-lev (Beratung bei Mediensucht)': the kind, the id, the title."""
    kind = SECTION_SINGULAR.get(section, section)
    if not entry_id:
        return kind
    title = _title(knowledge, section, entry_id)
    return f"{kind} {entry_id}" + (f" ({title})" if title else "")


def _title(knowledge: KnowledgeBase | None, section: str, entry_id: str) -> str | None:
    if knowledge is None:
        return None
    tables: dict[str, Mapping[str, object]] = {
        "berufe": knowledge.professions,
        "regionen": knowledge.regions,
        "jugendaemter": knowledge.jugendaemter,
        "themen": knowledge.topics,
        "kontakte": knowledge.contacts,
        "angebote": knowledge.offers,
        "meldewege": knowledge.meldewege,
        "termine": knowledge.events,
    }
    entry = tables.get(section, {}).get(entry_id)
    if entry is None:
        return None
    for name in ("label", "title", "name"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            return value
    return None


def _jugendamt_contacts(knowledge: KnowledgeBase | None) -> frozenset[str]:
    if knowledge is None:
        return frozenset()
    return frozenset(
        contact_id
        for jugendamt in knowledge.jugendaemter.values()
        for ids in (jugendamt.asd, jugendamt.isef, jugendamt.rufbereitschaft)
        for contact_id in ids
    )


def _from_finding(
    finding: Finding,
    knowledge: KnowledgeBase | None,
    today: date,
    jugendamt_contacts: frozenset[str],
) -> ReviewItem:
    match = _INDEX.match(finding.path)
    section = match["section"] if match else ""
    rest = match["rest"] if match else finding.path
    entry = entry_label(knowledge, section, finding.entry_id) if section else ""
    task, urgency = _task(finding, section, today, jugendamt_contacts)
    concern = finding.concern
    if finding.severity is Severity.ERROR:
        label = CONCERN_LABELS[concern] if concern is not None else REPORT_ERROR
    else:
        label = CONCERN_LABELS[concern] if concern is not None else CONCERN_LABELS_OTHER
    return ReviewItem(
        task=task,
        urgency=urgency,
        concern=label,
        file=finding.file,
        line=finding.line,
        path=finding.shown_path,
        entry=entry,
        field=rest,
        message=finding.message,
        due=finding.due,
    )


def _task(
    finding: Finding, section: str, today: date, jugendamt_contacts: frozenset[str]
) -> tuple[Task, int]:
    concern = finding.concern
    if finding.severity is Severity.ERROR:
        return Task.FIX_FILES, 0
    if concern in (Concern.MISSING_DATUM, Concern.UNVERIFIED):
        by_jugendamt = section == "jugendaemter" or (
            section == "kontakte" and finding.entry_id in jugendamt_contacts
        )
        urgency = 0 if concern is Concern.MISSING_DATUM else 1
        return (Task.ASK_JUGENDAMT if by_jugendamt else Task.ASK_PROVIDER), urgency
    if concern is Concern.REVIEW_DUE:
        overdue = finding.due is not None and finding.due <= today
        return Task.RECHECK_SOURCE, 0 if overdue else 2
    if concern is Concern.SOURCE:
        return Task.RECHECK_SOURCE, 1
    if concern in (Concern.PLACEHOLDER, Concern.EXAMPLE):
        return Task.REPLACE_EXAMPLES, 0 if concern is Concern.PLACEHOLDER else 1
    if concern is Concern.BROKEN_LINK:
        return Task.FIX_FILES, 1
    return Task.COMPLETE, 0 if concern is Concern.INCOMPLETE else 1


def _from_hint(
    hint: HintTotal,
    knowledge: KnowledgeBase | None,
    places: Mapping[tuple[str, str], EntryPlace],
) -> ReviewItem:
    place = places.get((hint.section, hint.entry_id), EntryPlace("", 0))
    reason = HINT_REASON_LABELS.get(hint.reason, hint.reason)
    times = "1 Hinweis" if hint.count == 1 else f"{hint.count} Hinweise"
    return ReviewItem(
        task=Task.FIELD_REPORTS,
        urgency=0,
        concern="Angabe falsch?",
        file=place.file,
        line=place.line,
        path=hint.section,
        entry=entry_label(knowledge, hint.section, hint.entry_id),
        field="",
        message=f"{reason}: {times}, zuletzt am {hint.last_day:%d.%m.%Y}",
        due=None,
    )
