"""Persistence: one SQLite file through aiosqlite; no Telegram, no knowledge."""
