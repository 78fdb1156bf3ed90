"""The screens of the free-text search (directory area): the results, each with its full title
and a one-line reason, and "nothing found" with the ways on. Buttons carry a number and a title
cut at a word, so two results never look alike."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.chat import texts_guidance as tg
from bot.chat.callbacks import (
    AnhaltspunkteAction,
    Area,
    ContactsAction,
    EventAction,
    MeldewegAction,
    MenuAction,
    OffersAction,
)
from bot.chat.format import esc, join_blocks
from bot.chat.screens import Screen, button, keyboard, menu_row
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Contact
from bot.knowledge.search import HitKind, SearchHit
from bot.knowledge.suggest import Suggestion
from bot.services.finder import Findings, Reason, WaysOn
from bot.services.profiles import variant_of
from bot.storage.users import UserRecord

ALL_TOPICS = "alle"  # the offers list of all topics (`an:t:alle:…`)
ICONS = {
    HitKind.MELDEWEG: "🧭",
    HitKind.OFFER: "🤝",
    HitKind.CONTACT: "📇",
    HitKind.EVENT: "📅",
}
REASON_PROVIDER = 30  # characters of the provider in a reason line
BUTTON_TITLE = 34  # characters of a title on a numbered button (a phone shows about 38)


def label(title: str, limit: int = BUTTON_TITLE) -> str:
    """A title that fits a button, cut after a whole word (never inside one)."""
    if len(title) <= limit:
        return title
    words = title[: limit + 1].split(" ")
    cut = " ".join(words[:-1]).rstrip(" –-:,;(") if len(words) > 1 else title[:limit]
    return f"{cut}…"


def reason_text(reason: Reason, profession: str | None = None) -> str:
    """One short line: whose path, or the matched topic, the provider and where it applies."""
    if reason.own_path:
        return tg.REASON_OWN_PATH.format(profession=profession) if profession else tg.REASON_PATH
    if reason.profession is not None:
        return tg.REASON_OTHER_PATH.format(profession=reason.profession)
    parts = []
    if reason.network:
        parts.append(tg.REASON_NETWORK)
    if reason.topic:
        parts.append(reason.topic)
    if reason.provider and not reason.network:
        parts.append(label(reason.provider, REASON_PROVIDER))
    if reason.nationwide:
        parts.append(tg.REASON_NATIONWIDE)
    elif reason.place:
        parts.append(reason.place)
    return " · ".join(parts) or tg.REASON_PATH


def findings_screen(
    findings: Findings, query: str, knowledge: KnowledgeBase, user: UserRecord | None
) -> Screen:
    if not findings.results:
        return nothing_found(findings.ways_on, query, knowledge, user)
    lines = [tg.RESULTS_HEAD.format(query=esc(query[:80]))]
    if findings.situation is not None:
        lines.append(tg.RESULTS_SITUATION.format(situation=esc(findings.situation.name)))
    entries: list[str] = []
    buttons: list[list[InlineKeyboardButton]] = []
    own = knowledge.professions.get(user.profession_id or "") if user else None
    profession = own.label if own else None
    for number, result in enumerate(findings.results, start=1):
        target = hit_target(result.hit, knowledge, user)
        if target is None:
            continue
        title = result.hit.title
        icon = ICONS[result.hit.kind]
        short_title = tg.BUTTON_OWN_PATH_SHORT if result.reason.own_path else label(title)
        entries.append(
            tg.RESULT_LINE.format(number=number, icon=icon, title=esc(title))
            + "\n"
            + tg.RESULT_REASON.format(reason=esc(reason_text(result.reason, profession)))
        )
        buttons.append(
            [InlineKeyboardButton(f"{number}. {icon} {short_title}", callback_data=target)]
        )
    if findings.guidance is not None and findings.situation is not None:
        guide = tg.BUTTON_AP_GUIDE.format(title=label(findings.guidance.title))
        show = AnhaltspunkteAction.SHOW
        ids = (findings.guidance.id, findings.situation.id)
        buttons.insert(0, [button(guide, show, *ids)])
    text = join_blocks(["\n".join(lines), "\n".join(entries)])
    return Screen(text, keyboard(*buttons, menu_row()))


def nothing_found(
    ways_on: WaysOn | None, query: str, knowledge: KnowledgeBase, user: UserRecord | None
) -> Screen:
    """Never a dead end: the closest known words, the own Meldeweg, the IseF of the Jugendamt,
    the advice hotline for the profession and the topic list."""
    blocks = [tg.NOTHING_HEAD.format(query=esc(query[:80]))]
    rows: list[list[InlineKeyboardButton]] = []
    if ways_on is not None and ways_on.suggestions:
        words = ", ".join(tg.NOTHING_WORD.format(word=esc(s.word)) for s in ways_on.suggestions)
        blocks.append(tg.NOTHING_SUGGEST.format(words=words))
        rows += [[_suggestion_button(s)] for s in ways_on.suggestions]
    ways = [tg.NOTHING_WAYS]
    ways.append(tg.NOTHING_PATH if ways_on and ways_on.profession_id else tg.NOTHING_PROFILE)
    rows.append([own_path_button(user)])
    if ways_on is not None and user is not None and user.municipality_id:
        if ways_on.isef:
            ways.append(tg.NOTHING_ISEF.format(name=esc(ways_on.isef[0].label)))
            rows.append([contact_button(ways_on.isef[0], isef=True)])
        else:
            ways.append(tg.NOTHING_ISEF_MISSING)
    if ways_on is not None and ways_on.advice is not None:
        advice = ways_on.advice
        number = advice.phones[0].number
        ways.append(tg.NOTHING_ADVICE.format(name=esc(advice.organisation), number=esc(number)))
        rows.append([contact_button(advice, isef=False)])
    ways.append(tg.NOTHING_TOPICS)
    ways.append(tg.NOTHING_ACUTE)
    rows.append([button(tg.BUTTON_TOPICS_LIST, OffersAction.TOPICS)])
    blocks.append("\n".join(ways))
    return Screen(join_blocks(blocks), keyboard(*rows, menu_row()))


def _suggestion_button(suggestion: Suggestion) -> InlineKeyboardButton:
    if suggestion.situation_id:
        return button(suggestion.word, AnhaltspunkteAction.RESULTS, suggestion.situation_id)
    return button(suggestion.word, OffersAction.TOPIC, suggestion.topic_id or "", 0)


def own_path_button(user: UserRecord | None) -> InlineKeyboardButton:
    """The person's own Meldeweg (its start, with the acute box); the profile choice first
    where it is not known yet."""
    if user is None or not user.profession_id:
        return button(tg.BUTTON_OWN_PATH, MenuAction.GO, Area.MELDEWEG)
    saved = variant_of(user, user.profession_id)
    tail = (saved,) if saved else ()
    return button(tg.BUTTON_OWN_PATH, MeldewegAction.STEP, user.profession_id, 0, *tail)


def contact_button(contact: Contact, *, isef: bool) -> InlineKeyboardButton:
    if isef:
        text = tg.BUTTON_ISEF.format(name=label(contact.organisation, 30))
    else:
        text = tg.BUTTON_ADVICE.format(name=label(contact.organisation))
    return button(text, ContactsAction.CONTACT, contact.id)


def hit_target(hit: SearchHit, knowledge: KnowledgeBase, user: UserRecord | None) -> str | None:
    if hit.kind is HitKind.MELDEWEG:
        if user and user.profession_id in knowledge.professions:
            own = knowledge.professions[user.profession_id or ""]
            saved = variant_of(user, own.id)
            if own.meldeweg_id(saved) == hit.id:
                return MeldewegAction.STEP.data(own.id, 1, *((saved,) if saved else ()))
            for option in own.variants.options if own.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(own.id, 1, option.id)
        for profession in sorted(knowledge.professions.values(), key=lambda p: p.id):
            if profession.meldeweg == hit.id:
                return MeldewegAction.STEP.data(profession.id, 1)
            for option in profession.variants.options if profession.variants else ():
                if option.meldeweg == hit.id:
                    return MeldewegAction.STEP.data(profession.id, 1, option.id)
        return None
    if hit.kind is HitKind.OFFER:
        return OffersAction.OFFER.data(hit.id, ALL_TOPICS, 0)
    if hit.kind is HitKind.CONTACT:
        return ContactsAction.CONTACT.data(hit.id)
    return EventAction.DETAIL.data(hit.id)
