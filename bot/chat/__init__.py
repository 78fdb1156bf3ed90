"""The Telegram adapter: handlers, keyboards, callback codec and German texts.

Only this package, `bot/sandbox` and `bot/app.py` import `telegram`.
"""
