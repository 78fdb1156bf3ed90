"""Telegram HTML for the bot's screens. Every text from YAML goes through `esc`.

Messages are assembled from blocks that are each valid HTML; `join_blocks` stops before
Telegram's 4096-character limit instead of cutting a tag in half.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape

from bot.chat import texts
from bot.knowledge.models import Contact, EmergencyNumber, Offer
from bot.services.guidance import (
    AcuteBox,
    EmergencyView,
    JugendamtReach,
    MeldewegView,
    Participant,
    StepView,
)

MAX_MESSAGE = 4096
_MORE = "\n…"


def esc(text: str) -> str:
    return escape(text, quote=True)


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


def contact_block(contact: Contact, *, heading: str | None = None) -> str:
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
    if not contact.verified:
        lines.append(texts.UNVERIFIED)
    lines.append(f"<i>Stand: {stand(contact.stand)}</i>")
    return "\n".join(lines)


def participant_block(participant: Participant) -> str:
    if not participant.contacts:
        return f"<b>{esc(participant.label)}</b>\n{texts.NO_CONTACT_DATA}"
    if len(participant.contacts) == 1 and participant.role is None:
        return contact_block(participant.contacts[0])
    return "\n\n".join(
        contact_block(contact, heading=f"{participant.label}: {contact.label}")
        for contact in participant.contacts
    )


def numbers_line(numbers: Iterable[EmergencyNumber]) -> str:
    return "\n".join(f"📞 <b>{esc(n.number)}</b> {esc(n.name)}" for n in numbers)


def reach_block(reach: JugendamtReach, place: str | None) -> str:
    if reach.jugendamt is None:
        return (
            "<b>Zuständiges Jugendamt</b>\nWählen Sie unter /profil Ihren Ort, dann zeige ich "
            "Ihnen das zuständige Jugendamt."
        )
    lines = [
        f"<b>Zuständig{' für ' + esc(place) if place else ''}: {esc(reach.jugendamt.name)}</b>"
    ]
    lines.append("<u>Während der Dienstzeit</u> – telefonisch beim ASD:")
    if reach.asd:
        lines += [contact_block(contact) for contact in reach.asd]
    else:
        lines.append(texts.NO_CONTACT_DATA)
    lines.append("<u>Außerhalb der Dienstzeit</u>:")
    if reach.on_call:
        lines += [contact_block(contact) for contact in reach.on_call]
    lines.append(esc(reach.out_of_hours) if reach.out_of_hours else "Notruf 110 (Polizei).")
    if reach.jugendamt.note:
        lines.append(f"<i>{esc(reach.jugendamt.note)}</i>")
    return "\n".join(lines)


def acute_text(view: MeldewegView) -> str:
    acute: AcuteBox = view.acute
    place = view.municipality.name if view.municipality else None
    return join_blocks(
        [
            f"🚨 <b>{esc(acute.title)}</b>\n{esc(acute.text)}",
            numbers_line(acute.numbers),
            reach_block(acute.reach, place),
            f"<i>Meldeweg für {esc(view.profession.label)}: {len(view.steps)} Schritte. "
            "Mit „Weiter“ geht es Schritt für Schritt.</i>",
        ]
    )


def step_text(view: MeldewegView, step: StepView) -> str:
    header = (
        f"<b>Meldeweg für {esc(view.profession.label)}</b> · Schritt {step.number} von "
        f"{len(view.steps)}\n<i>{esc(view.path.title)}</i>"
    )
    body = f"<b>{esc(step.step.title)}</b>\n{esc(step.step.text)}"
    legal = f"§ <i>Rechtsgrundlage:</i> {esc(step.step.legal_reference)}"
    footer = f"<i>Stand: {stand(view.path.stand)} · Quelle: {esc('; '.join(view.path.sources))}</i>"
    return join_blocks(
        [header, body, legal, *(participant_block(p) for p in step.participants), footer]
    )


def emergency_text(view: EmergencyView) -> str:
    place = view.municipality.name if view.municipality else None
    hotlines = "\n\n".join(contact_block(contact) for contact in view.hotlines)
    return join_blocks(
        [
            f"🚨 <b>Notfall</b>\n{esc(view.text)}",
            numbers_line(view.numbers),
            reach_block(view.reach, place),
            f"<b>Beratung am Telefon</b>\n\n{hotlines}" if hotlines else "",
        ]
    )


def offer_text(offer: Offer, contacts: Iterable[Contact], for_whom: str) -> str:
    lines = [f"<b>{esc(offer.title)}</b>", f"<i>{esc(offer.provider)}</i>", esc(offer.description)]
    details = labelled(
        ("👥 Für: ", for_whom),
        ("🚪 Zugang: ", offer.access),
        ("💶 Kosten: ", offer.costs),
        ("🗣 Sprachen: ", ", ".join(offer.languages)),
    )
    if offer.url:
        details.append(f"🌐 {link(offer.url)}")
    footer = [f"<i>Stand: {stand(offer.stand)} · Quelle: {esc('; '.join(offer.sources))}</i>"]
    if not offer.verified:
        footer.insert(0, texts.UNVERIFIED)
    return join_blocks(
        [
            "\n".join(lines),
            "\n".join(details),
            *(contact_block(contact) for contact in contacts),
            "\n".join(footer),
        ]
    )
