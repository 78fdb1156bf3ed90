"""Fixed German texts for organisers and coordinators in the chat: announcements, participant
lists, feedback totals, the report and knowledge reloads."""

from __future__ import annotations

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
