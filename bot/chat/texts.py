"""Fixed German texts the bot sends (addressing users with "Sie"). Formatting lives in format.py."""

from __future__ import annotations

WELCOME = (
    "<b>Willkommen beim Kinderschutz-Lotsen</b>\n\n"
    "Ich zeige Ihnen für Ihre Berufsgruppe den <b>Meldeweg</b> bei Anhaltspunkten für eine "
    "Kindeswohlgefährdung, die <b>Kontakte</b> in Ihrer Stadt oder Gemeinde und passende "
    "<b>Angebote</b> des Netzwerks Kinderschutz.\n\n"
    "Ich ersetze nicht die Beratung durch eine insoweit erfahrene Fachkraft (IseF), den "
    "Allgemeinen Sozialen Dienst (ASD) des Jugendamts oder den Notruf 110/112.\n\n"
    "⚠️ <b>Bitte schreiben Sie keine Angaben zu Kindern oder Familien in diesen Chat</b> – "
    "keine Namen, Geburtsdaten, Adressen oder Fallschilderungen. Für eine Fallberatung wenden "
    "Sie sich anonymisiert an eine IseF.\n\n"
    "Bei akuter Gefahr: /notfall"
)
ASK_PROFESSION = "In welchem Bereich arbeiten Sie?"
ASK_REGION = "In welcher Stadt oder welchem Kreis arbeiten Sie?"
ASK_MUNICIPALITY = "In welcher Stadt oder Gemeinde im {kreis} arbeiten Sie?"
PROFILE_SAVED = (
    "Gespeichert: <b>{profession}</b> in <b>{municipality}</b>.\n"
    "Ändern können Sie das jederzeit mit /profil."
)
MENU = "Was möchten Sie tun?"
WELCOME_BACK = (
    "Willkommen zurück. Sie sind eingetragen als <b>{profession}</b> in <b>{municipality}</b>."
)
NEEDS_PROFILE = (
    "Damit ich passende Informationen zeige, wählen Sie bitte zuerst Ihre Berufsgruppe und "
    "Ihren Ort."
)
PROFILE = (
    "<b>Ihr Profil</b>\nBerufsgruppe: <b>{profession}</b>\nOrt: <b>{municipality}</b>{variant}\n\n"
    "Gespeichert sind Ihre Telegram-ID, diese Angaben, Ihre Einstellungen für "
    "Benachrichtigungen und Ihre Terminanmeldungen. Was möchten Sie ändern?"
)
PROFILE_VARIANT = "\n{question} <b>{answer}</b>"
NOTIFICATIONS = (
    "<b>Benachrichtigungen</b>\n\n"
    "<b>Erinnerungen</b> an Termine, zu denen Sie angemeldet sind: {reminders}\n"
    "<b>Ankündigungen</b> des Netzwerks nach Thema – tippen Sie ein Thema an, um es "
    "ein- oder auszuschalten."
)
BUTTON_NOTIFICATIONS = "🔔 Benachrichtigungen"
BUTTON_PROFILE_BACK = "‹ Profil"

UNKNOWN_COMMAND = "Diesen Befehl kenne ich nicht. Hier ist das Menü – oder /hilfe."
GROUP_PRIVATE_ONLY = (
    "Das beantworte ich nur im privaten Chat – dort bleibt es bei Ihnen und ist auf Ihre "
    "Berufsgruppe und Ihren Ort zugeschnitten. In Gruppen gehen /notfall, /angebote Stichwort "
    "und /termine."
)
GROUP_LOCAL_HINT = (
    "Die Erreichbarkeit Ihres Jugendamts zeigt /notfall im privaten Chat, passend zu Ihrem Ort."
)
GROUP_OFFERS_USAGE = (
    "In Gruppen suche ich Angebote nach Stichwort, z. B. <code>/angebote Sucht</code>. "
    "Angebote passend zu Ihrer Berufsgruppe und Ihrem Ort zeigt der private Chat."
)
GROUP_OFFERS = "<b>Angebote zu „{query}“</b> (die besten Treffer)"
GROUP_EVENTS = (
    "<b>Öffentliche Termine des Netzwerks</b>\nAnmelden können Sie sich im privaten Chat."
)
GROUP_BUTTON_ONLY_PRIVATE = "Diese Schaltfläche funktioniert nur im privaten Chat mit dem Bot."
BUTTON_OPEN_PRIVATE = "🔒 Im privaten Chat öffnen"
FLOOD_NOTICE = (
    "Sie senden gerade sehr viele Nachrichten auf einmal. Ich antworte in {seconds} Sekunden "
    "wieder. Bei akuter Gefahr: Polizei 110, Rettungsdienst 112."
)
STALE_BUTTON = "Diese Schaltfläche ist nicht mehr aktuell. Hier ist das Menü."
ERROR = "Entschuldigung, da ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal."
UNKNOWN_PROFESSION = (
    "Die Berufsgruppe „{text}“ kenne ich nicht. Wählen Sie bitte eine aus der Liste:"
)

CASE_DETAILS_WARNING = (
    "⚠️ <b>Bitte keine Fallangaben in den Chat.</b> Ihre Nachricht sieht aus, als enthalte sie "
    "Angaben zu einer Person (Name, Datum, Alter, Adresse oder Telefonnummer). Ich speichere "
    "sie nicht – aber Telegram überträgt sie. Für eine Fallberatung wenden Sie sich "
    "anonymisiert an eine insoweit erfahrene Fachkraft (IseF) oder die Hotlines unter /notfall."
)
SEARCH_RESULTS = "Das habe ich zu „{query}“ gefunden:"
SEARCH_NOTHING = (
    "Zu „{query}“ habe ich nichts gefunden. Versuchen Sie ein anderes Stichwort "
    "(z. B. Sucht, Gewalt, Frühe Hilfen) oder wählen Sie ein Thema unter /angebote."
)

TOPICS = "<b>Angebote</b> für {profession} in {municipality}\nWählen Sie ein Thema:"
NO_TOPICS = "Für Ihre Berufsgruppe und Ihren Ort sind noch keine Angebote eingetragen."
OFFERS = "<b>{topic}</b> – Angebote für {profession} in {municipality} (Seite {page} von {pages}):"
NO_OFFERS = "Zu diesem Thema sind für Ihren Ort noch keine Angebote eingetragen."

CONTACTS = "<b>Kontakte</b> für {municipality} (Seite {page} von {pages}):"
CONTACTS_SEARCH = "<b>Kontakte</b> zu „{query}“:"
NO_CONTACTS = "Dazu habe ich keinen Kontakt gefunden."

UNVERIFIED = "⚠️ <i>Angaben nicht bestätigt – bitte vor Nutzung prüfen.</i>"
SOURCE_FROM = "⚠️ <i>Angabe von {year} – bitte vor Anruf prüfen.</i>"
SOURCE_UNDATED = "⚠️ <i>Angabe ohne Datum – bitte vor Anruf prüfen.</i>"
NO_CONTACT_DATA = "<i>Kontaktdaten werden vom Netzwerk ergänzt.</i>"
# Said once where a number is missing, followed by what the person can do now.
ASD_NUMBER_PENDING = "📵 <i>Nummer wird ergänzt.</i> Bis dahin:"
CONTACT_PENDING = "📵 <i>Kontakt wird vom Netzwerk ergänzt.</i> Bis dahin:"
SWITCHBOARD = "☎️ {number} – {label}: dort nach {ask_for} fragen"
ASK_FOR_ASD = "dem ASD"
ASK_FOR_ROLE = "der zuständigen Stelle"
SWITCHBOARD_LABEL = "Zentrale"
WEBSITE = "🌐 {link}"
OUT_OF_HOURS_110 = "außerhalb der Dienstzeit: 📞 <b>110</b> (Polizei)"
ACUTE_110 = "bei akuter Gefahr: 📞 <b>110</b> (Polizei)"
ADVICE_LINE = "Fachberatung am Telefon: <b>{name}</b> ☎️ {number}"
VARIANT_ASK = "<b>{question}</b>\nDie weiteren Schritte hängen davon ab – bitte wählen:"
VARIANT_CHOSEN = "<i>{question} {answer}</i>"
BUTTON_VARIANT_CHANGE = "↔️ Anstellung ändern"
BUTTON_VARIANT_LATER = "Später wählen"

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
REFUSALS = {
    "unknown-event": "Diesen Termin gibt es nicht mehr.",
    "cancelled-event": "Dieser Termin ist abgesagt.",
    "not-for-you": (
        "Dieser Termin richtet sich an andere Berufsgruppen oder Orte. Bei Fragen wenden Sie "
        "sich bitte an die Veranstalter."
    ),
    "deadline-passed": "Der Anmeldeschluss ist vorbei; Anmeldungen und Workshop-Änderungen sind "
    "nicht mehr möglich.",
    "started": "Die Veranstaltung hat schon begonnen; Änderungen sind nicht mehr möglich.",
    "needs-seat": (
        "Workshops können Sie wählen, sobald Sie einen Platz für die Veranstaltung haben."
    ),
    "unknown-workshop": "Diesen Workshop gibt es nicht mehr.",
    "not-registered": "Dafür sind Sie nicht angemeldet.",
    "not-ended": "Die Veranstaltung ist noch nicht zu Ende.",
    "already-answered": "Danke – Ihre Rückmeldung liegt bereits vor.",
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

HELP = (
    "<b>So hilft Ihnen der Kinderschutz-Lotse</b>\n\n"
    "/meldeweg – Schritt für Schritt: was tun bei Anhaltspunkten für eine Gefährdung?\n"
    "/meldeweg Beruf – den Meldeweg einer anderen Berufsgruppe ansehen\n"
    "/angebote – Hilfsangebote nach Thema; /angebote Stichwort sucht\n"
    "/kontakte – Jugendamt, IseF und Hotlines; /kontakte Stichwort sucht\n"
    "/notfall – Notrufe und Erreichbarkeit des Jugendamts\n"
    "/termine – Veranstaltungen des Netzwerks: anmelden, Workshops, Kalender\n"
    "/meine_termine – Ihre Anmeldungen\n"
    "/profil – Berufsgruppe oder Ort ändern\n"
    "/datenschutz – was gespeichert wird; /meine_daten – Ihre Daten als Datei; "
    "/daten_loeschen – alles löschen\n\n"
    "Sie können auch einfach ein Stichwort schreiben, z. B. „Sucht“ oder „Frühe Hilfen“.\n"
    "Bitte schreiben Sie keine Angaben zu Kindern oder Familien in den Chat."
)
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

BUTTON_MELDEWEG = "🧭 Meldeweg"
BUTTON_OFFERS = "🤝 Angebote"
BUTTON_CONTACTS = "📇 Kontakte"
BUTTON_EMERGENCY = "🚨 Notfall"
BUTTON_EVENTS = "📅 Termine"
BUTTON_PROFILE = "👤 Profil"
BUTTON_MENU = "☰ Menü"
BUTTON_BACK = "‹ Zurück"
BUTTON_NEXT = "Weiter ›"
BUTTON_PREVIOUS_PAGE = "‹ Vorherige Seite"
BUTTON_NEXT_PAGE = "Nächste Seite ›"
BUTTON_TOPICS = "‹ Themen"
BUTTON_CHANGE_PROFESSION = "Berufsgruppe ändern"
BUTTON_CHANGE_PLACE = "Ort ändern"
BUTTON_ALL_OFFERS = "Alle Angebote"
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

COMMANDS = (
    ("start", "Start und Einrichtung"),
    ("meldeweg", "Meldeweg für Ihre Berufsgruppe"),
    ("angebote", "Hilfsangebote nach Thema oder Stichwort"),
    ("kontakte", "Jugendamt, IseF und Hotlines"),
    ("notfall", "Notrufe und Jugendamt bei akuter Gefahr"),
    ("termine", "Veranstaltungen des Netzwerks"),
    ("meine_termine", "Ihre Anmeldungen"),
    ("profil", "Berufsgruppe oder Ort ändern"),
    ("hilfe", "Was der Bot kann"),
    ("datenschutz", "Was gespeichert wird"),
    ("meine_daten", "Ihre gespeicherten Daten als Datei"),
    ("daten_loeschen", "Alle Ihre Daten löschen"),
)
