"""Reusable field types for the knowledge schema.

Each type validates one kind of datum a coordinator types by hand (an id, a phone number, an
e-mail address, a URL, a reminder lead time) and raises a German message that ends up in
`check`'s output unchanged.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, PlainValidator

ID_MAX_LENGTH = 24
_ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_PHONE_ALLOWED = re.compile(r"^\+?[0-9 ()/\-]+$")
# Linear on purpose: no nested repetition that could backtrack on a hostile value.
_EMAIL_PATTERN = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_LEAD_TIME_PATTERN = re.compile(
    r"^\s*(\d+)\s*(d|tag|tage|h|std|stunde|stunden|min|minute|minuten)\s*$", re.IGNORECASE
)
_LEAD_TIME_UNITS = {
    "d": timedelta(days=1),
    "tag": timedelta(days=1),
    "tage": timedelta(days=1),
    "h": timedelta(hours=1),
    "std": timedelta(hours=1),
    "stunde": timedelta(hours=1),
    "stunden": timedelta(hours=1),
    "min": timedelta(minutes=1),
    "minute": timedelta(minutes=1),
    "minuten": timedelta(minutes=1),
}


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold_id(value: str) -> str:
    """What an id typed with capitals, umlauts or spaces would be: 'Jugendamt Köln' ->
    'jugendamt-koeln' (for "meinten Sie …?")."""
    folded = value.strip().lower().translate(_UMLAUTS)
    folded = re.sub(r"[^a-z0-9]+", "-", folded)
    return folded.strip("-")


# Ids repeat on thousands of entries (every offer names its topics, professions, regions), so
# each valid one is checked once per process.
@functools.lru_cache(maxsize=1 << 16)
def _check_slug(value: str) -> str:
    if len(value) > ID_MAX_LENGTH:
        raise ValueError(
            f"id '{value}' ist zu lang ({len(value)} Zeichen, höchstens {ID_MAX_LENGTH})"
        )
    if not _ID_PATTERN.match(value):
        folded = fold_id(value)
        hint = f" – meinten Sie '{folded}'?" if folded and _ID_PATTERN.match(folded) else ""
        raise ValueError(
            f"id '{value}' ist ungültig: nur Kleinbuchstaben a–z, Ziffern und Bindestriche "
            f"(keine Großbuchstaben, keine Umlaute, kein Bindestrich am Anfang oder Ende){hint}"
        )
    return value


def _check_phone(value: str) -> str:
    value = " ".join(value.split())
    if not _PHONE_ALLOWED.match(value):
        raise ValueError(
            f"Telefonnummer '{value}' enthält unerlaubte Zeichen "
            "(erlaubt: Ziffern, Leerzeichen, +, /, -, Klammern)"
        )
    digits = re.sub(r"\D", "", value)
    if len(digits) < 3 or len(digits) > 15:
        raise ValueError(f"Telefonnummer '{value}' hat {len(digits)} Ziffern (erwartet 3 bis 15)")
    return value


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL_PATTERN.match(value):
        raise ValueError(f"E-Mail-Adresse '{value}' ist ungültig")
    return value


# A web address that is plainly fine (scheme, host, no spaces): no need to split it.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][^\s]*)?")


def _check_url(value: str) -> str:
    value = value.strip()
    if _PLAIN_URL.fullmatch(value):
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in value:
        raise ValueError(f"Web-Adresse '{value}' ist ungültig (erwartet https://…)")
    return value


def _parse_lead_time(value: Any) -> Any:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str):
        match = _LEAD_TIME_PATTERN.match(value)
        if match:
            amount = int(match.group(1))
            if amount <= 0:
                raise ValueError(f"Vorlaufzeit '{value}' muss größer als null sein")
            return amount * _LEAD_TIME_UNITS[match.group(2).lower()]
    raise ValueError(
        f"Vorlaufzeit '{value}' ist ungültig (Beispiele: '7 Tage', '1 Tag', '2 Stunden')"
    )


def _format_lead_time(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return f"{days} Tag" if days == 1 else f"{days} Tage"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} Stunde" if hours == 1 else f"{hours} Stunden"
    return f"{minutes} Minuten"


def _text_or_list(value: Any) -> Any:
    """Let coordinators write a single source as a plain string instead of a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


UNKNOWN_SOURCE_DATE = "unbekannt"
_SOURCE_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class SourceDate:
    """When a source itself was published or last updated: a day, a month, a year, or unknown.

    Sources often show only a year ("© 2019") or nothing at all, so a full date cannot be
    demanded; what the source does not say stays unsaid (`year` None means "unbekannt").
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def known(self) -> bool:
        return self.year is not None

    def last_day(self) -> date | None:
        """The latest day the source can be from: its age is counted from there, in its favour."""
        if self.year is None:
            return None
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    def label(self) -> str:
        """As a German reader writes it: '2019', '03/2019', '10.12.2025', 'unbekannt'."""
        if self.year is None:
            return UNKNOWN_SOURCE_DATE
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{self.month:02d}/{self.year}"
        return f"{self.day:02d}.{self.month:02d}.{self.year}"

    def __str__(self) -> str:
        if self.year is None:
            return UNKNOWN_SOURCE_DATE
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)


def _parse_source_date(value: Any) -> SourceDate:
    if isinstance(value, SourceDate):
        return value
    if isinstance(value, date):
        return SourceDate(value.year, value.month, value.day)
    return _source_date_of(str(value).strip())


@functools.lru_cache(maxsize=4096)  # a base has few distinct dates, on thousands of entries
def _source_date_of(text: str) -> SourceDate:
    if text.lower() == UNKNOWN_SOURCE_DATE:
        return SourceDate(None)
    match = _SOURCE_DATE_PATTERN.match(text)
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            date(year or 1, month or 1, day or 1)
        except ValueError:
            pass
        else:
            return SourceDate(year, month, day)
    raise ValueError(
        f"Quellendatum '{text}' ist ungültig (erwartet JJJJ-MM-TT, JJJJ-MM, JJJJ oder "
        f"'{UNKNOWN_SOURCE_DATE}', z. B. 2025-12-10 oder 2019)"
    )


Slug = Annotated[str, AfterValidator(_check_slug)]
PhoneNumber = Annotated[str, AfterValidator(_check_phone)]
Email = Annotated[str, AfterValidator(_check_email)]
Url = Annotated[str, AfterValidator(_check_url)]
LeadTime = Annotated[
    timedelta,
    BeforeValidator(_parse_lead_time),
    PlainSerializer(_format_lead_time, return_type=str),
]
TextList = Annotated[list[str], BeforeValidator(_text_or_list)]
SourceDateField = Annotated[
    SourceDate, PlainValidator(_parse_source_date), PlainSerializer(str, return_type=str)
]
