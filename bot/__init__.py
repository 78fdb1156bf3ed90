"""Kinderschutz-Lotse: guidance for child-protection professionals in Telegram."""

__version__ = "0.1.0"
