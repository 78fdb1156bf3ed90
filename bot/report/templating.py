"""One Jinja2 environment for every HTML page the project renders (the coordinators' report,
the Aushang, the website): autoescaping on, templates shipped inside the package as package
data (`bot/*/templates/`), so an editable and a wheel install find them alike."""

from __future__ import annotations

from datetime import date
from functools import cache

from babel.dates import format_date
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

BASE_PACKAGE = "bot.report"  # holds base.html and print.css, the one layout every page extends


@cache
def environment(*packages: str) -> Environment:
    """Templates are looked up in `packages` first (each one's `templates/` folder), then in
    `bot.report`'s. Every `{{ value }}` is HTML-escaped unless it is `Markup` (our own SVG)."""
    loaders = [PackageLoader(package, "templates") for package in (*packages, BASE_PACKAGE)]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = german_date
    return env


def german_date(day: date) -> str:
    return format_date(day, "dd.MM.yyyy", locale="de_DE")
