"""German texts of the situation search and the Anhaltspunkte screens (chat/anhaltspunkte.py,
chat/directory.py search results): formal "Sie", short lines for a phone."""

from __future__ import annotations

# --- Anhaltspunkte -------------------------------------------------------------------------------
AP_TITLE = "🔎 <b>{title}</b>"
AP_FOR_QUERY = "<i>Passend zu Ihrer Suche: {situation}</i>"
AP_WEIGHTY_HEAD = "<b>Gewichtige Anhaltspunkte</b> können sein:"
AP_WEIGHTY_MORE = "<i>… und {count} weitere: „Alle Anhaltspunkte“</i>"
AP_NOT_ALONE_HEAD = (
    "<b>Allein noch kein gewichtiger Anhaltspunkt</b> – aber ein Anlass, genauer hinzusehen:"
)
AP_NEXT_HEAD = "<b>Nächste Schritte</b>"
AP_CHILD_HEAD = "<b>Gespräch mit dem Kind</b>"
AP_PARENTS_HEAD = "<b>Gespräch mit den Eltern</b>"
AP_PARENTS_NOT_FIRST = "<b>Wann die Eltern nicht zuerst?</b>\n{text}"
AP_ACUTE = "Bei akuter Gefahr: 📞 <b>110</b> oder 🚨 Notfall."
AP_SOURCES = "<i>Stand {stand} · Quellen: {sources}</i>"
AP_SOURCE_DATE = " ({date})"
AP_BULLET = "• {line}"
AP_STEP = "{number}. {line}"

BUTTON_AP_ALL = "📋 Alle Anhaltspunkte"
BUTTON_AP_NEXT = "➡️ Nächste Schritte"
BUTTON_AP_CHILD = "🧒 Gespräch mit dem Kind"
BUTTON_AP_PARENTS = "👪 Gespräch mit den Eltern"
BUTTON_AP_OFFERS = "🤝 Passende Angebote"
BUTTON_AP_BACK = "‹ Anhaltspunkte"
BUTTON_AP_GUIDE = "🔎 {title}"
BUTTON_OWN_PATH = "🧭 Ihr Meldeweg"
BUTTON_ISEF = "👤 IseF: {name}"
BUTTON_ADVICE = "☎️ {name}"
BUTTON_TOPICS_LIST = "📚 Alle Themen"

# --- search results ------------------------------------------------------------------------------
RESULTS_HEAD = "Das habe ich zu „{query}“ gefunden:"
RESULTS_SITUATION = "<i>Situation: {situation}</i>"
RESULT_LINE = "{number}. {icon} <b>{title}</b>"
RESULT_REASON = "    <i>{reason}</i>"
REASON_OWN_PATH = "Ihr Meldeweg · {profession}"
REASON_OTHER_PATH = "Meldeweg für {profession}"
REASON_PATH = "Meldeweg"
REASON_NATIONWIDE = "bundesweit"
REASON_NETWORK = "Treffen des Netzwerks"
BUTTON_OWN_PATH_SHORT = "Ihr Meldeweg"

# --- nothing found -------------------------------------------------------------------------------
NOTHING_HEAD = "Zu „{query}“ habe ich nichts gefunden."
NOTHING_SUGGEST = "Meinten Sie: {words}?"
NOTHING_WORD = "„{word}“"
NOTHING_WAYS = "<b>So kommen Sie weiter:</b>"
NOTHING_PATH = "🧭 Ihr Meldeweg zeigt die Schritte für Ihre Berufsgruppe."
NOTHING_ISEF = "👤 Beraten lassen: {name}"
NOTHING_ISEF_MISSING = "👤 Eine IseF Ihres Jugendamts ist noch nicht eingetragen."
NOTHING_ADVICE = "☎️ Fachberatung am Telefon: <b>{name}</b> {number}"
NOTHING_TOPICS = "📚 Oder wählen Sie ein Thema."
NOTHING_ACUTE = "🚨 Bei akuter Gefahr: Notfall (110, 112)."
NOTHING_PROFILE = "Mit Ihrer Berufsgruppe und Ihrem Ort (/profil) zeige ich Ihren Meldeweg."
