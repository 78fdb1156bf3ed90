"""German texts of the Notfall screen, the acute-danger box's short form, their detail screens
and the one-line source note (see bot/chat/notfall.py). Short lines: a phone shows 38
characters, and Notfall must fit 15 lines."""

from __future__ import annotations

HEAD = "🚨 <b>Notfall</b> – bei Gefahr sofort:"
NOW_OFFICE = "<b>Jetzt in der Dienstzeit</b> ({hours}): <b>{name}</b>, ASD"
NOW_OUT = "<b>Jetzt außerhalb der Dienstzeit</b> – <b>{name}</b>:"
HOURS_UNKNOWN = "<b>{name}</b> – Dienstzeiten nicht hinterlegt:"
IN_OFFICE = "• <u>Dienstzeit</u>: ASD {route}"
OUTSIDE = "• <u>Außerhalb</u>: {route}"
POLICE_INFORMS = "📞 <b>110</b>, die Polizei informiert das Jugendamt"
PENDING = "📵 <i>Nummer wird ergänzt</i>"
SWITCHBOARD = "– ☎️ {number} ({label})"
NO_PLACE = "<b>Beratung am Telefon (bundesweit):</b>"
ADVICE = "<b>Fachberatung:</b> {name} ☎️ {number}"
UNVERIFIED = "⚠️ <i>nicht bestätigt – vor Anruf prüfen</i>"
STAND = "<i>Stand: {stand}</i>"
SOURCES_LINE = "<i>Stand: {stand} · Quelle: {host} {year}{more}</i>"
SOURCES_MORE = " (+{count})"
SOURCES_TITLE = "<b>Quellen</b>"
SOURCE_YEAR_UNKNOWN = "o. J."

HOTLINES_TITLE = "<b>Beratung am Telefon</b>"
DETAILS_TITLE = "<b>{name}</b>"
DETAILS_OFFICE_HOURS = "🕘 Dienstzeiten: {hours}"
DETAILS_NO_OFFICE_HOURS = "🕘 Dienstzeiten: nicht hinterlegt"
DETAILS_OUT_OF_HOURS = "🌙 <u>Außerhalb der Dienstzeit</u>: {text}"
CHOOSE_REGION = "Für welche Stadt oder welchen Kreis brauchen Sie die Nummern?"
CHOOSE_MUNICIPALITY = "Welche Stadt oder Gemeinde im {kreis}?"

ACUTE_STEPS = "<i>Danach: Meldeweg für {profession}{variant}, {count} Schritte.</i>"
ACUTE_STEPS_VARIANT = " ({answer})"
ACUTE_VARIANT = "<b>{question}</b>"
ACUTE_MORE_TITLE = "🧭 <b>{title}</b>"

BUTTON_HOTLINES = "☎️ Weitere Hotlines"
BUTTON_DETAILS = "🏛 Jugendamt"
BUTTON_SOURCES = "📚 Quellen"
BUTTON_PLACE = "📍 Ort wählen"
BUTTON_BACK_EMERGENCY = "‹ Notfall"
BUTTON_ACUTE_MORE = "ℹ️ Was genau tun?"
BUTTON_BACK_ACUTE = "‹ Akute Gefahr"
