"""Calendar files (.ics) for events, built with the icalendar library.

The UID is stable per event, so calendar apps update the entry instead of adding a second one;
SEQUENCE rises with every change the bot noticed (time, place, status); a cancelled event goes
out as STATUS:CANCELLED. Times carry the Europe/Berlin VTIMEZONE, so summer time is right in
every calendar app.
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent

from bot.clock import BERLIN
from bot.knowledge.models import Event, EventStatus
from bot.wording import CALENDAR_EXAMPLE, CALENDAR_WORKSHOPS

UID_DOMAIN = "kinderschutz-lotse"
PRODUCT = "-//Kinderschutz-Lotse//Termine//DE"


def event_uid(event_id: str) -> str:
    return f"{event_id}@{UID_DOMAIN}"


def ics_for(
    event: Event,
    *,
    sequence: int,
    workshop_titles: list[str],
    now: datetime,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", event_uid(event.id))
    entry.add("sequence", sequence)
    entry.add("dtstamp", now)
    if event.all_day:
        entry.add("dtstart", event.start.astimezone(BERLIN).date())
        entry.add("dtend", event.end.astimezone(BERLIN).date())
    else:
        entry.add("dtstart", event.start.astimezone(BERLIN))
        entry.add("dtend", event.end.astimezone(BERLIN))
    entry.add("summary", event.title)
    entry.add("location", ", ".join(p for p in (event.location.name, event.location.address) if p))
    if event.location.map_url:
        entry.add("url", event.location.map_url)
    description = [event.description.strip()]
    if workshop_titles:
        description.append(CALENDAR_WORKSHOPS.format(titles="; ".join(workshop_titles)))
    if event.example:
        description.append(CALENDAR_EXAMPLE)
    entry.add("description", "\n\n".join(description))
    cancelled = event.status is EventStatus.CANCELLED
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if event.reminders and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", -event.reminders[0])
        entry.add_component(alarm)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
