"""Telegram HTML for the bot's screens. Every text from YAML goes through `esc`.

Messages are assembled from blocks that are each valid HTML; `join_blocks` stops before
Telegram's 4096-character limit instead of cutting a tag in half.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape

from bot.chat import texts
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
        lines.append(texts.WEBSITE.format(link=link(fallback.website)))
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


def participant_block(participant: Participant, fallback: Fallback, today: date) -> str:
    reached = [c for c in participant.contacts if reachable(c)]
    if not reached:
        lines = [f"<b>{esc(participant.label)}</b>", texts.CONTACT_PENDING]
        return "\n".join([*lines, *fallback_lines(fallback, today)])
    if len(reached) == 1 and participant.role is None:
        return contact_block(reached[0], today)
    return "\n\n".join(
        contact_block(contact, today, heading=f"{participant.label}: {contact.label}")
        for contact in reached
    )


def step_text(view: MeldewegView, step: StepView) -> str:
    header = texts.STEP_HEADER.format(
        profession=esc(view.profession.label),
        number=step.number,
        count=len(view.steps),
        title=esc(view.path.title),
    )
    body = f"<b>{esc(step.step.title)}</b>\n{esc(step.step.text)}"
    legal = texts.LEGAL_REFERENCE.format(reference=esc(step.step.legal_reference))
    footer = texts.STAND_SOURCES.format(
        stand=stand(view.path.stand), sources=esc("; ".join(view.path.sources))
    )
    participants = (participant_block(p, view.fallback, view.today) for p in step.participants)
    return join_blocks([header, body, legal, *participants, footer])


def offer_text(offer: Offer, contacts: Iterable[Contact], for_whom: str, today: date) -> str:
    lines = [f"<b>{esc(offer.title)}</b>", f"<i>{esc(offer.provider)}</i>", esc(offer.description)]
    details = labelled(
        (texts.FOR_WHOM, for_whom),
        (texts.ACCESS, offer.access),
        (texts.COSTS, offer.costs),
        (texts.LANGUAGES, ", ".join(offer.languages)),
    )
    if offer.url:
        details.append(f"🌐 {link(offer.url)}")
    footer = [
        texts.STAND_SOURCES.format(stand=stand(offer.stand), sources=esc("; ".join(offer.sources)))
    ]
    note = source_note(offer, today)
    if note:
        footer.insert(0, note)
    return join_blocks(
        [
            "\n".join(lines),
            "\n".join(details),
            *(contact_block(contact, today) for contact in contacts),
            "\n".join(footer),
        ]
    )
