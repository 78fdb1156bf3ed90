"""Fixed German texts the bot sends (addressing users with "Sie"): onboarding, menu, groups,
guidance, offers and contacts, help, buttons and commands. The other areas have their own
module (texts_events, texts_admin, texts_privacy); formatting lives in format.py."""

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
# When the database refuses a write (damaged, read-only, full, locked): nothing was saved, but
# everything that only shows information still works.
STORAGE_ERROR = (
    "Entschuldigung, das konnte ich gerade nicht speichern: Der Speicher des Bots hat eine "
    "Störung. Notfallnummern, Meldeweg, Angebote und Kontakte können Sie weiter abrufen. "
    "Bitte versuchen Sie es später noch einmal."
)
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
OFFER_ENTRY = "{number}. <b>{title}</b>\n    <i>{snippet}</i>"
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
    "/aushang – Aushang als PDF; /dokumentation – Dokumentationsbogen zum Ausdrucken\n"
    "/datenschutz – was gespeichert wird; /meine_daten – Ihre Daten als Datei; "
    "/daten_loeschen – alles löschen\n\n"
    "Sie können auch einfach ein Stichwort schreiben, z. B. „Sucht“ oder „Frühe Hilfen“.\n"
    "Bitte schreiben Sie keine Angaben zu Kindern oder Familien in den Chat."
)

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
# A screen longer than a phone's budget, in pages (bot/chat/pages.py).
BUTTON_MORE = "Mehr ›"
BUTTON_PAGE_BACK = "‹ Seite zurück"
PAGE_OF = "<i>Seite {number} von {count}</i>"
PAGES_GONE = (
    "Diese Seite ist nicht mehr verfügbar (der Bot wurde neu gestartet). "
    "Bitte öffnen Sie sie über das Menü noch einmal."
)
BUTTON_TOPICS = "‹ Themen"
BUTTON_CHANGE_PROFESSION = "Berufsgruppe ändern"
BUTTON_CHANGE_PLACE = "Ort ändern"
BUTTON_ALL_OFFERS = "Alle Angebote"

COMMANDS = (
    ("start", "Start und Einrichtung"),
    ("meldeweg", "Meldeweg für Ihre Berufsgruppe"),
    ("angebote", "Hilfsangebote nach Thema oder Stichwort"),
    ("kontakte", "Jugendamt, IseF und Hotlines"),
    ("notfall", "Notrufe und Jugendamt bei akuter Gefahr"),
    ("termine", "Veranstaltungen des Netzwerks"),
    ("meine_termine", "Ihre Anmeldungen"),
    ("profil", "Berufsgruppe oder Ort ändern"),
    ("aushang", "Aushang als PDF zum Ausdrucken"),
    ("dokumentation", "Leerer Dokumentationsbogen als PDF"),
    ("hilfe", "Was der Bot kann"),
    ("datenschutz", "Was gespeichert wird"),
    ("meine_daten", "Ihre gespeicherten Daten als Datei"),
    ("daten_loeschen", "Alle Ihre Daten löschen"),
)

# Profile, settings
NOT_CHOSEN = "nicht gewählt"
REMINDERS_TOGGLE = "{icon} Erinnerungen {state}"
REMINDERS_ON = "an"
REMINDERS_OFF = "aus"
LEAD_NAMES = {7 * 86_400: "7 Tage vorher", 86_400: "1 Tag vorher"}

# Offers, contacts and guidance
ALL_PROFESSIONS = "alle Berufsgruppen"
YOUR_PLACE = "Ihren Ort"
BUTTON_TO_STEPS = "Zu den Schritten ›"
NO_JUGENDAMT = (
    "<b>Zuständiges Jugendamt</b>\nWählen Sie unter /profil Ihren Ort, dann zeige ich "
    "Ihnen das zuständige Jugendamt."
)
RESPONSIBLE = "<b>Zuständig: {name}</b>"
RESPONSIBLE_FOR = "<b>Zuständig für {place}: {name}</b>"
OFFICE_HOURS = "<u>Während der Dienstzeit</u> – telefonisch beim ASD:"
OUT_OF_HOURS = "<u>Außerhalb der Dienstzeit</u>:"
OUT_OF_HOURS_DEFAULT = "Notruf 110 (Polizei)."
MELDEWEG_STEPS = (
    "<i>Meldeweg für {profession}: {count} Schritte. Mit „Weiter“ geht es Schritt für Schritt.</i>"
)
STEP_HEADER = "<b>Meldeweg für {profession}</b> · Schritt {number} von {count}\n<i>{title}</i>"
STEP_HEADER_SHORT = "<b>Meldeweg für {profession}</b> · Schritt {number} von {count}"
LEGAL_REFERENCE = "§ <i>Rechtsgrundlage:</i> {reference}"
STAND_SOURCES = "<i>Stand: {stand} · Quelle: {sources}</i>"
STAND = "<i>Stand: {stand}</i>"
EMERGENCY = "🚨 <b>Notfall</b>\n{text}"
HOTLINES = "<b>Beratung am Telefon</b>\n\n{hotlines}"
FOR_WHOM = "👥 Für: "
ACCESS = "🚪 Zugang: "
COSTS = "💶 Kosten: "
LANGUAGES = "🗣 Sprachen: "
