"""What a person wants pushed: reminders (and at which lead times) and announcements by topic.

Stored in `users.settings` (JSON). Absent keys mean the defaults: every reminder, every
announcement. Reminder rows are still written for everyone with a seat; the dispatcher skips
those a person turned off, so turning them back on works for events already booked.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

STANDARD_LEADS = (7 * 86_400, 86_400)  # the leads people can choose: 7 days and 1 day before


@dataclass(frozen=True)
class Preferences:
    reminders: bool = True
    skipped_leads: frozenset[int] = field(default_factory=frozenset)  # seconds before start
    muted_topics: frozenset[str] = field(default_factory=frozenset)
    # Organisers only: the morning digest of "Angabe falsch?" reports (services/hints.py).
    hint_digest: bool = True

    @classmethod
    def of(cls, settings: dict[str, Any]) -> Preferences:
        def ints(value: Any) -> frozenset[int]:
            return (
                frozenset(v for v in value if isinstance(v, int))
                if isinstance(value, list)
                else frozenset()
            )

        def texts(value: Any) -> frozenset[str]:
            return (
                frozenset(v for v in value if isinstance(v, str))
                if isinstance(value, list)
                else frozenset()
            )

        return cls(
            reminders=settings.get("reminders", True) is not False,
            skipped_leads=ints(settings.get("skipped_leads")),
            muted_topics=texts(settings.get("muted_topics")),
            hint_digest=settings.get("hint_digest", True) is not False,
        )

    def as_settings(self) -> dict[str, Any]:
        return {
            "reminders": self.reminders,
            "skipped_leads": sorted(self.skipped_leads),
            "muted_topics": sorted(self.muted_topics),
            "hint_digest": self.hint_digest,
        }

    def wants_reminder(self, lead_seconds: int) -> bool:
        return self.reminders and lead_seconds not in self.skipped_leads

    def wants_announcement(self, topic_ids: tuple[str, ...]) -> bool:
        """An announcement without topics reaches everyone; with topics, anyone who has not
        muted all of them."""
        return not topic_ids or any(t not in self.muted_topics for t in topic_ids)

    def toggled_reminders(self) -> Preferences:
        return replace(self, reminders=not self.reminders)

    def toggled_lead(self, lead_seconds: int) -> Preferences:
        return replace(self, skipped_leads=self.skipped_leads ^ {lead_seconds})

    def toggled_topic(self, topic_id: str) -> Preferences:
        return replace(self, muted_topics=self.muted_topics ^ {topic_id})

    def toggled_hint_digest(self) -> Preferences:
        return replace(self, hint_digest=not self.hint_digest)
