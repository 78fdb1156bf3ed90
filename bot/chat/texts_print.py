"""German texts of the printouts area (`bot/chat/printouts.py`): the Meldeweg a QR code on an
Aushang opens, /aushang, /dokumentation and the organisers' ZIP."""

from __future__ import annotations

# A QR code on an Aushang opened this Meldeweg; the person has no profile yet.
LANDING_ADOPT = "✅ Als mein Profil übernehmen: {profession}, {municipality}"

# /aushang: the PDF for the wall, per profession and municipality.
AUSHANG_ASK_PROFESSION = (
    "<b>Aushang zum Ausdrucken</b>\n"
    "Eine A4-Seite: Notruf, zuständiges Jugendamt, Meldeweg, IseF und Fachberatung.\n\n"
    "Für welche Berufsgruppe?"
)
AUSHANG_ASK_PLACE = "<b>Aushang für {profession}</b>\n\nFür welchen Ort?"
AUSHANG_MAKING = "⏳ Der Aushang für {profession} in {municipality} wird erstellt …"
AUSHANG_MADE = "✅ Aushang erstellt: {profession} in {municipality}."
AUSHANG_CAPTION = (
    "Aushang Kinderschutz: {profession} in {municipality}. "
    "Zum Ausdrucken, schwarz-weiß, eine A4-Seite."
)
AUSHANG_NEXT = (
    "Ausdrucken und gut sichtbar aushängen. Der QR-Code öffnet diesen Meldeweg im Bot.\n\n"
    "Einen anderen Aushang?"
)
BUTTON_OTHER_PROFESSION = "👥 Andere Berufsgruppe"
BUTTON_OTHER_PLACE = "📍 Anderer Ort"
BUTTON_FORM = "📝 Dokumentationsbogen"
BUTTON_AUSHANG = "🖨 Aushang"

# /dokumentation: the blank form.
FORM_MAKING = "⏳ Der Dokumentationsbogen wird erstellt …"
FORM_MADE = "✅ Dokumentationsbogen erstellt."
FORM_CAPTION = (
    "Dokumentationsbogen Kinderschutz (§ 8a SGB VIII / § 4 KKG), zum Ausdrucken und Ausfüllen "
    "von Hand."
)
FORM_NEXT = (
    "<b>Der Bogen bleibt bei Ihnen.</b> Füllen Sie ihn auf Papier aus und bewahren Sie ihn in "
    "Ihrer Einrichtung verschlossen auf. Der Bot erhält nichts von dem, was Sie eintragen: "
    "Schicken Sie den ausgefüllten Bogen bitte nicht hierher und nicht als Foto in einen Chat."
)

# /aushang_alle: organisers get every Aushang of their region as one ZIP.
ZIP_MAKING = "⏳ Die Aushänge werden erstellt: {done} von {total} …"
ZIP_MADE = "✅ {files} Aushänge erstellt."
ZIP_CAPTION = "{files} Aushänge ({region}) als ZIP, Wissensbasis {version}."
ZIP_ALL_REGIONS = "alle Orte"
ZIP_NONE = "In Ihrer Region gibt es keinen Ort mit Meldeweg; es wurde keine Datei erstellt."

# What can go wrong.
PRINT_FAILED = (
    "⚠️ Die Datei konnte gerade nicht erstellt werden. Bitte versuchen Sie es später noch "
    "einmal.\n\nBei akuter Gefahr: <b>110</b> (Polizei) oder <b>112</b>."
)
PRINT_TOO_BIG = (
    "⚠️ Die Datei ist mit {size} MB zu groß für Telegram (höchstens 50 MB). Bitte fragen Sie "
    "den Betrieb nach den Aushängen (Befehl <code>kinderschutz-lotse aushang</code>)."
)
PRINT_UNKNOWN = "Diesen Aushang gibt es nicht (mehr). Bitte wählen Sie neu."
