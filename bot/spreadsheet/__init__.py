"""The spreadsheet round trip: `tabelle export` writes the knowledge a coordinator edits as an
.xlsx workbook, `tabelle import` reads it back, validates the would-be knowledge with the loader
(the same rules as `check`) and patches only the changed YAML entries.

Sits above the knowledge layer: imports `bot.knowledge`, never services, storage or Telegram.
"""
