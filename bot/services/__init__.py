"""Use cases of the bot, free of Telegram: profiles, guidance, directory search."""
