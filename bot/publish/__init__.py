"""Off the chat: the one-page Aushang per profession and municipality, the blank
Dokumentationsbogen and the static website, rendered from the knowledge being served with the
same Jinja2 layout as the report (`bot/report/templating.py`). No Telegram here."""
