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
    "<b>Ihr Profil</b>\nBerufsgruppe: <b>{profession}</b>\nOrt: <b>{municipality}</b>\n\n"
    "Gespeichert ist nur Ihre Telegram-ID mit diesen beiden Angaben. Was möchten Sie ändern?"
)

UNKNOWN_COMMAND = "Diesen Befehl kenne ich nicht. Hier ist das Menü – oder /hilfe."
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
NO_CONTACT_DATA = (
    "<i>Kontaktdaten sind noch nicht hinterlegt. Bitte über die Zentrale der Stadt- bzw. "
    "Kreisverwaltung oder die Netzwerkkoordination erfragen.</i>"
)

EVENTS = "<b>Termine</b>"
NO_EVENTS = "Derzeit sind keine kommenden Termine eingetragen."

HELP = (
    "<b>So hilft Ihnen der Kinderschutz-Lotse</b>\n\n"
    "/meldeweg – Schritt für Schritt: was tun bei Anhaltspunkten für eine Gefährdung?\n"
    "/meldeweg Beruf – den Meldeweg einer anderen Berufsgruppe ansehen\n"
    "/angebote – Hilfsangebote nach Thema; /angebote Stichwort sucht\n"
    "/kontakte – Jugendamt, IseF und Hotlines; /kontakte Stichwort sucht\n"
    "/notfall – Notrufe und Erreichbarkeit des Jugendamts\n"
    "/termine – Veranstaltungen des Netzwerks\n"
    "/profil – Berufsgruppe oder Ort ändern\n"
    "/datenschutz – was gespeichert wird\n\n"
    "Sie können auch einfach ein Stichwort schreiben, z. B. „Sucht“ oder „Frühe Hilfen“.\n"
    "Bitte schreiben Sie keine Angaben zu Kindern oder Familien in den Chat."
)
PRIVACY = (
    "<b>Datenschutz</b>\n\n"
    "<b>Gespeichert</b> wird nur: Ihre Telegram-ID, die gewählte Berufsgruppe und der Ort, "
    "das Datum Ihrer ersten und letzten Nutzung sowie ob Sie den Bot blockiert haben.\n"
    "<b>Nicht gespeichert</b> werden Ihre Nachrichten: Suchbegriffe werden nur für die Antwort "
    "verwendet und weder gespeichert noch protokolliert.\n\n"
    "Telegram selbst überträgt und speichert Chats auf seinen Servern; Bot-Chats sind nicht "
    "Ende-zu-Ende-verschlüsselt. Schreiben Sie deshalb keine Angaben zu Kindern oder Familien "
    "in den Chat.\n\n"
    "<b>Verantwortlich:</b> {controller}\n<b>Datenschutz-Kontakt:</b> {contact}"
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
    ("profil", "Berufsgruppe oder Ort ändern"),
    ("hilfe", "Was der Bot kann"),
    ("datenschutz", "Was gespeichert wird"),
)
