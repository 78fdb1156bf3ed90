"""Telegram HTML for the bot's screens. Every text from YAML goes through `esc`.

Messages are assembled from blocks that are each valid HTML; `join_blocks` stops before
Telegram's 4096-character limit instead of cutting a tag in half.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape
from urllib.parse import urlsplit

from bot.chat import texts
from bot.chat import texts_notfall as tn
from bot.knowledge.fields import SourceDate
from bot.knowledge.models import Contact, Jugendamt, Offer
from bot.knowledge.sources import is_dated_and_recent
from bot.services.guidance import (
    Fallback,
    MeldewegView,
    Participant,
    StepView,
)

MAX_MESSAGE = 4096
_MORE = "\n…"


# Bidirectional controls (embeddings, overrides, isolates, marks) would let echoed user text
# reorder the bot's own words around it (the reliability probe of 2026-12); none belongs in a
# German screen, so they are dropped from everything that goes through `esc`.
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)


def esc(text: str) -> str:
    return escape(text.translate(_BIDI_CONTROLS), quote=True)


def join_blocks(blocks: Iterable[str], limit: int = MAX_MESSAGE) -> str:
    """Blocks separated by blank lines, as many as fit; a cut is marked with an ellipsis."""
    result = ""
    for block in blocks:
        if not block:
            continue
        candidate = f"{result}\n\n{block}" if result else block
        if len(candidate) > limit - len(_MORE):
            return result + _MORE if result else block[: limit - len(_MORE)] + _MORE
        result = candidate
    return result


def stand(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{esc(url)}">{esc(label or url)}</a>'


# Phone numbers are shown as plain text, which every Telegram client turns into a tappable
# number; `tel:` text links are not reliably supported by Telegram clients (see README).
def labelled(*pairs: tuple[str, str | None]) -> list[str]:
    """One line per value that is present: its label, then the escaped value."""
    return [f"{label}{esc(value)}" for label, value in pairs if value]


def phone_line(number: str, label: str | None) -> str:
    suffix = f" ({esc(label)})" if label else ""
    return f"☎️ {esc(number)}{suffix}"


def source_note(entry: Contact | Offer | Jugendamt, today: date) -> str | None:
    """One short line on data that is old, undated or not confirmed; None when it is sound."""
    source_date = entry.source_date
    if not is_dated_and_recent(source_date, today):
        if source_date is None or source_date.year is None:
            return texts.SOURCE_UNDATED
        return texts.SOURCE_FROM.format(year=source_date.year)
    return None if getattr(entry, "verified", True) else texts.UNVERIFIED


def contact_block(contact: Contact, today: date, *, heading: str | None = None) -> str:
    lines = [f"<b>{esc(heading or contact.label)}</b>"]
    lines += [phone_line(p.number, p.label) for p in contact.phones]
    lines += labelled(
        ("✉️ ", contact.email),
        ("📍 ", contact.address),
        ("🕘 ", contact.office_hours),
        ("🌙 ", contact.out_of_hours),
    )
    if contact.url:
        lines.append(f"🌐 {link(contact.url)}")
    if contact.note:
        lines.append(f"<i>{esc(contact.note)}</i>")
    if not (contact.phones or contact.email or contact.url or contact.note):
        lines.append(texts.NO_CONTACT_DATA)
    note = source_note(contact, today)
    if note:
        lines.append(note)
    lines.append(texts.STAND.format(stand=stand(contact.stand)))
    return "\n".join(lines)


def reachable(contact: Contact) -> bool:
    return bool(contact.phones or contact.email or contact.url)


def fallback_lines(
    fallback: Fallback,
    today: date,
    *,
    ask_for: str = texts.ASK_FOR_ROLE,
    out_of_hours: bool = True,
    advice: bool = True,
) -> list[str]:
    """What the person can do now instead of a missing number: never a dead end."""
    lines = []
    for phone in fallback.switchboard:
        lines.append(
            texts.SWITCHBOARD.format(
                number=esc(phone.number),
                label=esc(phone.label or texts.SWITCHBOARD_LABEL),
                ask_for=ask_for,
            )
        )
    if fallback.switchboard and not is_dated_and_recent(fallback.switchboard_source_date, today):
        year = fallback.switchboard_source_date.year if fallback.switchboard_source_date else None
        lines.append(texts.SOURCE_FROM.format(year=year) if year else texts.SOURCE_UNDATED)
    if not fallback.switchboard and fallback.website:
        lines.append(texts.WEBSITE.format(link=link(fallback.website, host(fallback.website))))
    if out_of_hours:
        lines.append(texts.OUT_OF_HOURS_110)
    if advice and fallback.advice is not None and fallback.advice.phones:
        lines.append(advice_line(fallback.advice))
    if not lines:
        lines.append(texts.ACUTE_110)
    return lines


def advice_line(contact: Contact) -> str:
    return texts.ADVICE_LINE.format(
        name=esc(contact.organisation), number=esc(contact.phones[0].number)
    )


def host(url: str) -> str:
    """The site of a URL, for a short link label ("kinderschutz.nrw")."""
    name = urlsplit(url).netloc.lower()
    return name.removeprefix("www.") or url


def sources_line(sources: Sequence[str], source_date: SourceDate | None, day: date) -> str:
    """Stand, the host of the first source (linked) and the source's year in one line; the
    whole list is behind the screen's "Quellen" button."""
    year = str(source_date.year) if source_date and source_date.year else tn.SOURCE_YEAR_UNKNOWN
    more = tn.SOURCES_MORE.format(count=len(sources) - 1) if len(sources) > 1 else ""
    first = link(sources[0], host(sources[0])) if sources else ""
    return tn.SOURCES_LINE.format(stand=stand(day), host=first, year=year, more=more)


def sources_text(sources: Sequence[str]) -> str:
    lines = [tn.SOURCES_TITLE]
    for url in sources:
        label = host(url) + urlsplit(url).path
        lines.append(f"• {link(url, label if len(label) <= 60 else label[:59] + '…')}")
    return "\n".join(lines)


def contact_line(contact: Contact, *, named: bool = True) -> str:
    """A contact in one or two phone lines: who (unless the screen names them already), and the
    first way to reach them."""
    name = f"<b>{esc(contact.organisation)}</b>" if named else ""
    if contact.phones:
        return f"{name} ☎️ {esc(contact.phones[0].number)}"
    if contact.email:
        return f"{name} ✉️ {esc(contact.email)}"
    if contact.url:
        return f"{name} 🌐 {link(contact.url, host(contact.url))}"
    return f"{name}: {texts.NO_CONTACT_DATA}" if named else texts.NO_CONTACT_DATA


def screen_note(entries: Iterable[Contact | Offer | Jugendamt], today: date) -> str | None:
    """The one warning a screen carries about the data it shows: the oldest source's age if any
    is old or undated, else "not confirmed" if anything is unconfirmed."""
    notes = [note for note in (source_note(e, today) for e in entries) if note]
    aged = [n for n in notes if n != texts.UNVERIFIED]
    if aged:
        return texts.SOURCE_UNDATED if texts.SOURCE_UNDATED in aged else min(aged)
    return notes[0] if notes else None


def participants_lines(
    participants: Sequence[Participant], fallback: Fallback, today: date
) -> tuple[list[str], list[Contact]]:
    """Everyone a step involves, one line each; those still without contact data share one
    pending line with what to do now. Also returns the contacts shown."""
    lines: list[str] = []
    shown: list[Contact] = []
    pending = []
    for participant in participants:
        reached = [c for c in participant.contacts if reachable(c)]
        if not reached:
            pending.append(f"<b>{esc(participant.label)}</b>")
            continue
        if participant.role is not None:
            lines.append(f"<u>{esc(participant.label)}</u>:")
        lines += [contact_line(c) for c in reached]
        shown += reached
    if pending:
        lines.append(f"{', '.join(pending)}: {texts.CONTACT_PENDING}")
        lines += fallback_lines(fallback, today)
    return lines, shown


def step_text(view: MeldewegView, step: StepView) -> str:
    header = (texts.STEP_HEADER if step.number == 1 else texts.STEP_HEADER_SHORT).format(
        profession=esc(view.profession.label),
        number=step.number,
        count=len(view.steps),
        title=esc(view.path.title),
    )
    body = f"<b>{esc(step.step.title)}</b>\n{esc(step.step.text)}"
    legal = texts.LEGAL_REFERENCE.format(reference=esc(step.step.legal_reference))
    lines, shown = participants_lines(step.participants, view.fallback, view.today)
    note = screen_note(shown, view.today)
    footer = sources_line(view.path.sources, view.path.source_date, view.path.stand)
    people = "\n".join([*lines, *([note] if note else [])])
    # Four blocks, not six: the legal reference belongs to the step, the sources to its people.
    return join_blocks([header, f"{body}\n{legal}", f"{people}\n{footer}" if people else footer])


def offer_text(offer: Offer, contacts: Sequence[Contact], for_whom: str, today: date) -> str:
    """An offer on one screen: what, for whom, how to reach it (one line per contact; the
    contact's details are one tap away), one warning, one line of sources."""
    lines = [f"<b>{esc(offer.title)}</b>", f"<i>{esc(offer.provider)}</i>", esc(offer.description)]
    details = labelled(
        (texts.FOR_WHOM, for_whom),
        (texts.ACCESS, offer.access),
        (texts.COSTS, offer.costs),
        (texts.LANGUAGES, ", ".join(offer.languages)),
    )
    if offer.url:
        details.append(f"🌐 {link(offer.url, host(offer.url))}")
    known = {offer.title, offer.provider}
    reach = [contact_line(c, named=c.organisation not in known).strip() for c in contacts]
    note = screen_note([offer, *contacts], today)
    footer = [
        *([note] if note else []),
        sources_line(offer.sources, offer.source_date, offer.stand),
    ]
    return join_blocks(["\n".join(lines), "\n".join([*details, *reach]), "\n".join(footer)])
