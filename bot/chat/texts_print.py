"""German texts of the printouts area (`bot/chat/printouts.py`): the Meldeweg a QR code on an
Aushang opens, /aushang, /dokumentation and the organisers' ZIP."""

from __future__ import annotations

# A QR code on an Aushang opened this Meldeweg; the person has no profile yet.
LANDING_ADOPT = "✅ Als mein Profil übernehmen: {profession}, {municipality}"
