"""A local Bot API stand-in: tests, the token-free demo and benchmarks run the real Application
against it. May import telegram (like bot/chat and bot/app.py)."""
