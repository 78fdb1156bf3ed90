"""Fixed German texts of the events area: the list and card, sign-up, workshops, the notices
about an event (promotion, reminder, change, cancellation) and the feedback questions."""

from __future__ import annotations

from bot.services.signup import Refusal

EVENTS = "<b>Termine</b>"
NO_EVENTS = "Derzeit sind keine kommenden Termine eingetragen."
MY_EVENTS = "<b>Meine Termine</b>"
NO_MY_EVENTS = "Sie sind derzeit zu keinem kommenden Termin angemeldet. Alle Termine: /termine"
EVENT_GONE = "Diesen Termin gibt es nicht mehr. Hier sind die aktuellen Termine."
EXAMPLE_EVENT = (
    "🧪 <i>Beispieltermin zur Vorschau – keine echte Veranstaltung. "
    "Eine Anmeldung ist nur zum Ausprobieren.</i>"
)
SIGNED_UP = "✅ <b>Sie sind angemeldet.</b> Die Kalenderdatei kommt als eigene Nachricht."
ALREADY_SIGNED_UP = "Sie sind bereits angemeldet."
ON_WAITING_LIST = (
    "⏳ <b>Alle Plätze sind vergeben.</b> Sie stehen auf der Warteliste, Platz {position}. "
    "Sobald ein Platz frei wird, rücken Sie automatisch nach und bekommen sofort Bescheid."
)
ALREADY_WAITING = "Sie stehen bereits auf der Warteliste, Platz {position}."
CONFIRM_CANCEL = (
    "Möchten Sie Ihre Anmeldung für <b>{title}</b> wirklich zurückziehen?\n"
    "Ihr Platz geht an die nächste Person auf der Warteliste."
)
CANCELLED = "↩️ Ihre Anmeldung ist zurückgezogen. Danke, dass Sie den Platz freigegeben haben."
WORKSHOPS = (
    "<b>Workshops: {title}</b>\n"
    "Pro Zeitblock können Sie einen Workshop wählen. Tippen Sie auf einen gewählten Workshop, "
    "um ihn wieder abzugeben."
)
WORKSHOP_CHOSEN = "✅ Workshop gewählt: <b>{title}</b>."
WORKSHOP_WAITING = (
    "⏳ Der Workshop <b>{title}</b> ist voll – Sie stehen auf der Warteliste, Platz {position}."
)
WORKSHOP_REPLACED = "Ihr bisheriger Workshop in diesem Zeitblock ist damit abgegeben."
WORKSHOP_LEFT = "Der Workshop ist abgegeben."
# What the person reads when the sign-up rules say no (one text per Refusal; a test checks).
REFUSALS: dict[Refusal, str] = {
    Refusal.UNKNOWN_EVENT: "Diesen Termin gibt es nicht mehr.",
    Refusal.CANCELLED_EVENT: "Dieser Termin ist abgesagt.",
    Refusal.NOT_FOR_YOU: (
        "Dieser Termin richtet sich an andere Berufsgruppen oder Orte. Bei Fragen wenden Sie "
        "sich bitte an die Veranstalter."
    ),
    Refusal.DEADLINE_PASSED: (
        "Der Anmeldeschluss ist vorbei; Anmeldungen und Workshop-Änderungen sind "
        "nicht mehr möglich."
    ),
    Refusal.STARTED: "Die Veranstaltung hat schon begonnen; Änderungen sind nicht mehr möglich.",
    Refusal.NEEDS_SEAT: (
        "Workshops können Sie wählen, sobald Sie einen Platz für die Veranstaltung haben."
    ),
    Refusal.UNKNOWN_WORKSHOP: "Diesen Workshop gibt es nicht mehr.",
    Refusal.NOT_REGISTERED: "Dafür sind Sie nicht angemeldet.",
    Refusal.NOT_ENDED: "Die Veranstaltung ist noch nicht zu Ende.",
    Refusal.ALREADY_ANSWERED: "Danke – Ihre Rückmeldung liegt bereits vor.",
}
CALENDAR_CAPTION = "📆 {title} – zum Eintragen in Ihren Kalender öffnen."
PROMOTED = (
    "🎉 <b>Ein Platz ist frei geworden:</b> Sie sind jetzt für <b>{title}</b> angemeldet "
    "({when}). Die Kalenderdatei folgt. Falls Sie doch nicht kommen können, sagen Sie bitte ab."
)
WORKSHOP_PROMOTED = (
    "🎉 Im Workshop <b>{workshop}</b> ({title}) ist ein Platz frei geworden – er gehört jetzt "
    "Ihnen."
)
REMINDER = "⏰ <b>Erinnerung:</b> {title} – {relative}."
CHANGED = "ℹ️ <b>Änderung bei einem Ihrer Termine:</b> {title}\nBitte prüfen Sie Zeit und Ort."
EVENT_CANCELLED_NOTICE = (
    "❌ <b>Abgesagt:</b> {title} ({when}) findet nicht statt. Ihre Anmeldung ist damit erledigt."
)
CALENDAR_FOLLOWS = "Die aktualisierte Kalenderdatei folgt."
CALENDAR_REMOVES = "Die Kalenderdatei folgt, damit Ihr Kalender den Termin streicht."
FEEDBACK_ASK = (
    "🙏 <b>Danke für Ihre Teilnahme an {title}!</b>\n"
    "Wie hilfreich war die Veranstaltung für Ihre Arbeit? (1 = wenig, 5 = sehr)"
)
FEEDBACK_TOPICS = (
    "Welche Themen wünschen Sie sich für das nächste Treffen? Tippen Sie alle an, die "
    "passen, und dann auf „Absenden“."
)
FEEDBACK_THANKS = "Danke! Ihre Rückmeldung ist gespeichert – anonym, nur als Summe."
BUTTON_JOIN = "✅ Zusagen"
BUTTON_CANCEL = "↩️ Absagen"
BUTTON_CONFIRM_CANCEL = "Ja, absagen"
BUTTON_KEEP = "Nein, angemeldet bleiben"
BUTTON_CALENDAR = "📆 Kalender"
BUTTON_WORKSHOPS = "🧩 Workshops"
BUTTON_DETAILS = "ℹ️ Details"
BUTTON_ALL_EVENTS = "‹ Alle Termine"
BUTTON_MY_EVENTS = "📋 Meine Termine"
BUTTON_DIRECTIONS = "🗺 Wegbeschreibung"
BUTTON_SUBMIT = "Absenden"

# The event card and the list
SEATS_UNLIMITED = "👥 {confirmed} angemeldet, ohne Platzbegrenzung"
SEATS_FREE = "👥 {free} von {capacity} Plätzen frei"
SEATS_FULL = "👥 ausgebucht – Warteliste: {waiting} {people}"
PERSON = "Person"
PEOPLE = "Personen"
STANDING_CONFIRMED = "✅ Sie sind angemeldet."
STANDING_WAITING = "⏳ Sie stehen auf der Warteliste, Platz {position}."
DEADLINE_PASSED = "🔒 Anmeldeschluss war am {deadline} Uhr."
ALREADY_RUNNING = "🔒 Die Veranstaltung läuft bereits."
DEADLINE = "Anmeldeschluss: {deadline} Uhr"
EVENT_CANCELLED_MARK = " – <b>abgesagt</b>"
# An example event whose title does not say so already gets this mark.
EXAMPLE_MARK = " <i>(Beispiel)</i>"
EXAMPLE_WORD = "beispiel"
MAP_LINK = "Karte"
PROGRAMME = "<b>Programm</b>\n{programme}"
WORKSHOP_LIST = "<b>Workshops</b>\n{workshops}"
WORKSHOP_SEATS_FREE = " – {free} von {capacity} frei"
WORKSHOP_SEATS_FULL = " – voll, Warteliste: {waiting}"
WORKSHOP_MINE_CONFIRMED = " ✅"
WORKSHOP_MINE_WAITING = " ⏳ (Warteliste, Platz {position})"
MY_WORKSHOP_WAITING = " (Warteliste, Platz {position})"
YOUR_RATING = "Ihre Bewertung: {stars}\n\n"

# How far ahead a reminder comes (after REMINDER's "{title} –")
LEAD_TOMORROW = "morgen"
LEAD_DAYS = "in {days} Tagen"
LEAD_ONE_HOUR = "in einer Stunde"
LEAD_HOURS = "in {hours} Stunden"
REMINDER_WORKSHOP = "🧩 Ihr Workshop: {title} ({start} Uhr)"
