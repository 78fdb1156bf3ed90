"""Fixed German texts of the privacy area: /datenschutz, /meine_daten and /daten_loeschen."""

from __future__ import annotations

from bot.storage.registrations import Status

PRIVACY = (
    "<b>Datenschutz</b>\n\n"
    "<b>Gespeichert</b> wird nur: Ihre Telegram-ID, die gewählte Berufsgruppe und der Ort, "
    "das Datum Ihrer ersten und letzten Nutzung, ob Sie den Bot blockiert haben und Ihre "
    "Einstellungen für Benachrichtigungen. Erinnerungen und Ankündigungen an Sie warten bis zum "
    "Versand in einer Warteschlange (ohne Ihren Namen).\n"
    "Wenn Sie sich zu einem Termin anmelden, zusätzlich: die Anmeldung (Status, Workshop, "
    "Zeitpunkt) und Ihr Telegram-Anzeigename für die Teilnehmerliste der Veranstalter. "
    "Rückmeldungen nach einer Veranstaltung werden nur als Summen gespeichert, ohne Bezug zu "
    "Ihrer Person.\n"
    "<b>Nicht gespeichert</b> werden Ihre Nachrichten: Suchbegriffe werden nur für die Antwort "
    "verwendet und weder gespeichert noch protokolliert.\n\n"
    "Telegram selbst überträgt und speichert Chats auf seinen Servern; Bot-Chats sind nicht "
    "Ende-zu-Ende-verschlüsselt. Schreiben Sie deshalb keine Angaben zu Kindern oder Familien "
    "in den Chat.\n\n"
    "<b>Zweck:</b> {purposes}\n"
    "<b>Speicherdauer:</b> Wer den Bot {months} Monate nicht nutzt, wird mit allen Daten "
    "gelöscht – frühestens nach der letzten Veranstaltung, für die Sie angemeldet sind. "
    "Anmeldungen verlieren {days} Tage nach der Veranstaltung den Bezug zu Ihrer Person "
    "(es bleiben nur Zahlen).\n"
    "<b>Ihre Rechte:</b> Auskunft und Datenkopie mit /meine_daten, Löschung mit /daten_loeschen; "
    "außerdem Berichtigung (/profil), Einschränkung, Widerspruch und Beschwerde bei der "
    "Datenschutz-Aufsichtsbehörde.\n\n"
    "<b>Verantwortlich:</b> {controller}\n<b>Datenschutz-Kontakt:</b> {contact}"
)
MY_DATA_NOTHING = "Über Sie ist nichts gespeichert."
MY_DATA = (
    "<b>Ihre gespeicherten Daten</b>\n\n"
    "Telegram-ID: {telegram_id}\n"
    "Berufsgruppe: {profession}\n"
    "Ort: {place}\n"
    "Erste Nutzung: {created}; letzte Nutzung: {last_seen}\n"
    "Erinnerungen: {reminders}; Ankündigungen: {announcements}\n"
    "Anmeldungen: {registrations}\n"
    "Nachrichten in der Warteschlange: {pending}\n\n"
    "Die Datei enthält alles vollständig und maschinenlesbar (JSON). Löschen: /daten_loeschen"
)
MY_DATA_CAPTION = "Alle über Sie gespeicherten Daten (JSON)"
MY_DATA_NONE = "keine"
MY_DATA_ON = "an"
MY_DATA_OFF = "aus"
ERASE_ASK = (
    "<b>Alle Ihre Daten löschen?</b>\n\n"
    "Gelöscht werden Ihr Profil, Ihre Einstellungen, Ihre Anmeldungen (Ihr Platz geht an die "
    "Nächsten auf der Warteliste) und alle Nachrichten, die noch an Sie gehen sollten. "
    "Das lässt sich nicht rückgängig machen."
)
ERASE_DONE = (
    "Ihre Daten sind gelöscht. Danke, dass Sie den Kinderschutz-Lotsen genutzt haben.\n"
    "Mit /start können Sie jederzeit neu beginnen; /notfall funktioniert auch ohne Profil."
)
ERASE_NOTHING = "Über Sie war nichts gespeichert; es gibt nichts zu löschen."
ERASE_KEPT = "Nichts gelöscht. Hier ist das Menü."
BUTTON_ERASE = "🗑 Ja, alles löschen"
BUTTON_KEEP_DATA = "Abbrechen"
MY_DATA_MUTED = "{on} (außer: {topics})"
MY_DATA_REGISTRATION = "{title} ({status})"
MY_DATA_STATUS = {
    Status.CONFIRMED: "Platz sicher",
    Status.WAITING: "Warteliste",
    Status.CANCELLED: "abgesagt",
}
MY_DATA_FILE = "meine-daten.json"
