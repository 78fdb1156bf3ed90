"""Fixed German texts for organisers and coordinators in the chat: announcements, participant
lists, feedback totals, the report and knowledge reloads."""

from __future__ import annotations

from bot.storage.registration_records import Status
from bot.wording import STATUS_LABELS

ANNOUNCEMENT_HEADING = "📣 <b>Ankündigung des Netzwerks Kinderschutz</b>"
ANNOUNCE_WRITE = (
    "<b>Neue Ankündigung</b>\n\nBitte schreiben Sie jetzt den Text als nächste Nachricht "
    "(höchstens 3000 Zeichen). Danach wählen Sie, wer ihn bekommt, und sehen eine Vorschau.\n"
    "Bitte keine Angaben zu Kindern oder Familien."
)
ANNOUNCE_AUDIENCE = (
    "<b>Wer soll die Ankündigung bekommen?</b>\n"
    "Keine Berufsgruppe gewählt = alle Berufsgruppen; keine Region gewählt = alle (Ihre) "
    "Regionen. Ein Thema wählen Sie, damit Fachkräfte, die dieses Thema abbestellt haben, "
    "nicht gestört werden."
)
ANNOUNCE_TOO_LONG = (
    "Der Text hat {length} Zeichen; eine Ankündigung darf höchstens {limit} haben. Bitte kürzen "
    "Sie ihn und senden Sie ihn noch einmal – der Entwurf wartet."
)
ANNOUNCE_PREVIEW_CUT = "(Vorschau gekürzt – gesendet wird der ganze Text.)"
ANNOUNCE_COUNT = "Empfängerinnen und Empfänger: <b>{count}</b>"
ANNOUNCE_PREVIEW = "<b>Vorschau</b> – so sehen es <b>{count}</b> Personen:"
ANNOUNCE_SENT = (
    "📣 Die Ankündigung geht an {count} Personen (im Tempo, das Telegram erlaubt). Sie bekommen "
    "eine Zusammenfassung der Zustellung, sobald sie durch ist."
)
ANNOUNCE_DISCARDED = "Die Ankündigung ist verworfen."
ANNOUNCE_GONE = "Diese Ankündigung ist schon versendet oder verworfen."
ANNOUNCE_EVENT_TEXT = "Neuer Termin: {title}\n{when}\n{place}\n\nAnmeldung im Bot unter /termine."
ANNOUNCE_SUMMARY = (
    "📊 <b>Zustellung Ihrer Ankündigung</b> („{preview}“)\n"
    "gesendet: {sent} · blockiert: {blocked} · fehlgeschlagen: {failed} · ausstehend: {pending}"
)
NEW_EVENT_NOTICE = (
    "🆕 <b>Neuer Termin in der Wissensbasis:</b> {title}\n{when}\n\n"
    "Mit einem Tipp kündigen Sie ihn seiner Zielgruppe an (Sie sehen vorher eine Vorschau)."
)
BUTTON_PREVIEW = "👁 Vorschau"
BUTTON_SEND_NOW = "📣 Jetzt an {count} senden"
BUTTON_DISCARD = "🗑 Verwerfen"
BUTTON_ANNOUNCE = "📣 Ankündigen"
REPORT_CAPTION = (
    "📊 Bericht zur Angebotslandschaft: {places} Orte, {gaps} Lücken, {review} Einträge zu "
    "prüfen, {events} Termine. Öffnet in jedem Browser, auch offline; druckbar auf A4."
)
PARTICIPANTS_SUMMARY = "<b>Teilnehmerliste: {title}</b>\n{when}"
ADMIN_USAGE_EVENT = "Bitte nennen Sie die Termin-ID, z. B. <code>/{command} {example}</code>."
ADMIN_UNKNOWN_EVENT = "Einen Termin „{event_id}“ gibt es nicht (oder nicht in Ihren Regionen)."
ADMIN_EVENT_IDS = "Ihre Termine: {ids}"
RELOAD_OK = (
    "🔄 Wissensbasis neu geladen: {version}. {warnings} Warnungen.\n"
    "Geänderte Termine: {changed}; Änderungsmitteilungen: {notices}."
)
RELOAD_FAILED = (
    "⚠️ <b>Die neue Wissensbasis ist ungültig</b> – der Bot arbeitet mit dem bisherigen Stand "
    "weiter. {count} Fehler:\n<pre>{errors}</pre>"
)

# /teilnehmer
PARTICIPANTS_CAPACITY = " von {capacity}"
# "Angemeldet: 3 von 10 · Warteliste: 1 · Abgesagt: 0"
PARTICIPANTS_COUNTS = (
    f"{STATUS_LABELS[Status.CONFIRMED].capitalize()}: {{confirmed}}{{capacity}} · "
    f"{STATUS_LABELS[Status.WAITING]}: {{waiting}} · "
    f"{STATUS_LABELS[Status.CANCELLED].capitalize()}: {{cancelled}}"
)
PARTICIPANTS_WORKSHOP = "• {title}: {confirmed}{limit}, Warteliste: {waiting}"
PARTICIPANTS_WORKSHOPS = "<b>Workshops</b>\n{lines}"
PARTICIPANTS_PER_PROFESSION = "<b>Angemeldet nach Berufsgruppe</b>\n{lines}"
PARTICIPANTS_CAPTION = "Teilnehmerliste {title} (CSV, öffnet in Excel/LibreOffice)"
PARTICIPANTS_FILE = "teilnehmer-{event_id}.csv"
# The CSV file for Excel/LibreOffice
CSV_HEADERS = ("Name (Telegram)", "Berufsgruppe", "Kommune", "Status", "Workshop", "Angemeldet am")
CSV_UNKNOWN = "unbekannt"
CSV_NO_NAME = "(ohne Namen)"

# /auswertung
FEEDBACK_NONE = "Noch keine Rückmeldungen."
FEEDBACK_TOTALS = "Rückmeldungen: {answers} · Durchschnitt: {average} von 5"
FEEDBACK_WISHES = "<b>Themenwünsche</b>\n{wishes}"
FEEDBACK_NO_WISHES = "Keine Themenwünsche."
FEEDBACK_HEADING = "<b>Auswertung: {title}</b>"

# /reload
RELOAD_MORE_ERRORS = "\n… und {more} weitere (alle: kinderschutz-lotse check)"
RELOAD_NO_CHANGES = "keine"
# /teilnehmer and /auswertung without an id: an example id when the admin has no event
EXAMPLE_EVENT_ID = "termin-id"

# "Angabe falsch?" (bot/chat/hints.py): the professional's side, then the organisers'.
BUTTON_HINT = "⚠️ Angabe falsch?"
HINT_ASK = (
    "<b>Was stimmt nicht?</b>\n{entry}\n\n"
    "Tippen Sie einen Grund an. Mehr brauchen wir nicht – bitte keine Angaben zu Fällen."
)
HINT_THANKS = (
    "Danke! Ihr Hinweis ist bei der Netzwerkkoordination angekommen; sie prüft die Angabe. "
    "Gespeichert wird nur, dass die Angabe gemeldet wurde – nicht, von wem."
)
HINT_GONE = "Diesen Eintrag gibt es nicht mehr."
HINT_PICK = "<b>Welcher Kontakt stimmt nicht?</b>"
HINT_REPORTED = "🛈 Hinweis gemeldet am {day} (nur für die Koordination sichtbar)"
HINT_DIGEST = (
    "⚠️ <b>„Angabe falsch?“ – Hinweise vom {day}</b>\n"
    "Fachkräfte haben diese Einträge als falsch gemeldet:"
)
HINT_DIGEST_LINE = "• {entry}: {reason} ({count}×)"
HINT_DIGEST_FOOT = (
    "Alle Hinweise stehen oben auf der Prüfliste des Berichts (/bericht). "
    "Abbestellen: /profil → Benachrichtigungen."
)
HINT_DIGEST_TOGGLE = "{icon} Tagesübersicht „Angabe falsch?“"

# For the operator, on stderr, when the webhook server cannot listen (bot/chat/webhook.py).
LISTEN_IN_USE = (
    "Der Webhook-Port {where} ist schon belegt (ein zweiter Bot oder ein anderer Dienst?). "
    "Nächster Schritt: `ss -ltnp` zeigt, wer ihn hält; diesen Prozess beenden oder "
    "telegram.webhook.port ändern."
)
LISTEN_NOT_ALLOWED = (
    "Keine Berechtigung, auf {where} zu lauschen (Ports unter 1024 brauchen besondere Rechte). "
    "Nächster Schritt: telegram.webhook.port ab 1024 wählen, z. B. 8443, und nginx davor "
    "(docs/betrieb.md)."
)
LISTEN_NO_ADDRESS = (
    "Die Adresse {listen} gibt es auf diesem Rechner nicht. Nächster Schritt: "
    "telegram.webhook.listen prüfen (z. B. 127.0.0.1 oder 0.0.0.0)."
)
LISTEN_FAILED = (
    "Der Webhook-Server kann nicht auf {where} lauschen ({reason}). Nächster Schritt: "
    "telegram.webhook.listen und port prüfen."
)
