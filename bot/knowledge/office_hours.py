"""Office hours a coordinator types (`dienstzeiten: "Mo–Do 8:00–16:00; Fr 8:00–12:00"`), parsed
once at load, so the Notfall screen can tell whether the ASD is in office *now*.

The format: segments separated by `;`, each a list of days or day ranges (Mo Di Mi Do Fr Sa So,
`Mo–Fr`, `Mo, Mi`) and one or more time ranges (`8–12`, `8:30–16:00`, `8:30–12:00, 14–16 Uhr`).
Hyphen or en dash. Anything else is refused with a German message naming what was typed, so a
typo never silently turns into "closed". Public holidays are not known to the bot: the Notfall
screen always shows 110 first, whatever the hours say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

DAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")
_DASH = r"\s*[-–]\s*"
_DAY_SPEC = re.compile(rf"^([A-Za-z]{{2}})(?:{_DASH}([A-Za-z]{{2}}))?$")
_TIME_RANGE = re.compile(rf"^(\d{{1,2}})(?::(\d{{2}}))?{_DASH}(\d{{1,2}})(?::(\d{{2}}))?$")
_SEGMENT = re.compile(r"^(?P<days>[A-Za-z ,–-]+?)\s+(?P<times>\d.*?)(?:\s*Uhr)?\.?$")
EXAMPLE = "Mo–Do 8:00–16:00; Fr 8:00–12:00"


@dataclass(frozen=True)
class OfficeHours:
    """Opening intervals per weekday (0 = Monday), each [start, end)."""

    text: str
    intervals: tuple[tuple[int, time, time], ...]

    def open_at(self, moment: datetime) -> bool:
        """Whether `moment` (local time of the office) falls into an interval."""
        day, now = moment.weekday(), moment.time()
        return any(d == day and start <= now < end for d, start, end in self.intervals)


def _day(token: str, text: str) -> int:
    name = token.lower()
    if name not in DAYS:
        raise ValueError(
            f"Dienstzeiten '{text}': unbekannter Wochentag '{token}' "
            "(erlaubt: Mo Di Mi Do Fr Sa So)"
        )
    return DAYS.index(name)


def _days(spec: str, text: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        match = _DAY_SPEC.match(part.strip())
        if match is None:
            raise ValueError(f"Dienstzeiten '{text}': Wochentage '{part.strip()}' unverständlich")
        first = _day(match.group(1), text)
        last = _day(match.group(2), text) if match.group(2) else first
        if last < first:
            raise ValueError(f"Dienstzeiten '{text}': '{part.strip()}' läuft rückwärts")
        days += range(first, last + 1)
    return days


def _clock(hour: str, minute: str | None, text: str) -> time:
    h, m = int(hour), int(minute or 0)
    if h == 24 and m == 0:
        return time.max
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueError(f"Dienstzeiten '{text}': Uhrzeit {hour}:{minute or '00'} gibt es nicht")
    return time(h, m)


def parse_office_hours(text: str) -> OfficeHours:
    """The parsed hours, or ValueError with a German message (shown by `check`)."""
    intervals: list[tuple[int, time, time]] = []
    for segment in (s.strip() for s in text.split(";")):
        if not segment:
            continue
        match = _SEGMENT.match(segment)
        if match is None:
            raise ValueError(
                f"Dienstzeiten '{text}': '{segment}' unverständlich (Beispiel: {EXAMPLE})"
            )
        days = _days(match.group("days"), text)
        for span in match.group("times").split(","):
            found = _TIME_RANGE.match(span.strip())
            if found is None:
                raise ValueError(
                    f"Dienstzeiten '{text}': Zeitraum '{span.strip()}' unverständlich "
                    f"(Beispiel: {EXAMPLE})"
                )
            start = _clock(found.group(1), found.group(2), text)
            end = _clock(found.group(3), found.group(4), text)
            if end <= start:
                raise ValueError(f"Dienstzeiten '{text}': '{span.strip()}' endet vor dem Beginn")
            intervals += [(day, start, end) for day in days]
    if not intervals:
        raise ValueError(f"Dienstzeiten '{text}': keine Zeiten angegeben (Beispiel: {EXAMPLE})")
    return OfficeHours(" ".join(text.split()), tuple(intervals))
