"""The coordinators' report rendered for people: a self-contained HTML page (inline CSS and
SVG, no external loads, prints on A4) and a Markdown summary. Input: `bot.services.report`."""
