"""What the importer's two halves share: the refusal, the report, and the event as read once.

Kept apart from `importer` (which reads the file) and `import_plan` (which matches and
writes), so that each imports this and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from checkin.core.clock import zone
from checkin.core.programme.enrollments import seats, session_counts
from checkin.core.registrants import import_rows as rows_
from checkin.core.text import fold
from checkin.store.queries import registrants as q
from checkin.store.queries.event_file import CATEGORIES
from checkin.store.queries.monitoring import EVENT_HEAD
from checkin.store.queries.programme import SEAT_LIMITS


MEMO_LIMIT = 50_000  # decisions kept for the values that repeat (ticket types, order times)


class ImportRefused(ValueError):
    """The file cannot be imported; nothing was written. One problem per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    preset: str
    mapping: dict[str, str]
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    enrollments: int = 0
    waitlisted: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    cancelled_names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    # QPV answers that are neither yes nor no (left unknown): the cell's text -> rows.
    qpv_unclear: dict[str, int] = field(default_factory=dict)


@dataclass
class ImportContext:
    """What an import decides rows against: the event's categories, sessions and seats,
    read once in the import's transaction."""

    event_id: int
    source: str
    tz: Any
    categories: dict[str, str]        # folded key/name/label -> key
    category_ids: dict[str, int]
    default_category: str | None
    category_overrides: dict[str, str]
    sessions: dict[str, list[int]]    # folded key/title/track name -> session ids
    seats: dict[int, int]
    booked: dict[int, int]
    waiting: dict[int, int]
    # The people already there are read a batch of rows at a time (import_plan): here only
    # the highest id when the import began (the people it inserts have higher ones) and how
    # many of them its source had registered (what "most of them cancelled" is counted on).
    last_id: int
    registered_before: int
    cancel_missing: bool = True        # a platform's export lists everyone; a hand-made list need not
    allow_mass_cancel: bool = False
    cancelled_now: set[int] = field(default_factory=set)
    _memo: dict[Any, Any] = field(default_factory=dict)

    def category_for(self, value: str) -> str | None:
        """Ticket types repeat on every row: decide each one once."""
        key = ("category", value)
        if key in self._memo:
            return self._memo[key]
        return self._remember(key, (rows_.guess_category(value, self.categories, self.category_overrides)
                                    if value else None) or self.default_category)

    def when(self, value: Any) -> Any:
        if not isinstance(value, str):
            return rows_.parse_when(value, self.tz)
        key = ("when", value)
        if key in self._memo:
            return self._memo[key]
        return self._remember(key, rows_.parse_when(value, self.tz))

    def _remember(self, key: Any, value: Any) -> Any:
        # Bounded: a million order times to the second would otherwise all be kept.
        if len(self._memo) < MEMO_LIMIT:
            self._memo[key] = value
        return value

    @classmethod
    def load(cls, conn: sa.Connection, event_id: int, source: str, overrides: dict[str, str]) -> ImportContext:
        event = EVENT_HEAD.one(conn, event=event_id)
        if event is None:
            raise LookupError(f"no event {event_id} in this store")
        cats = CATEGORIES.rows(conn, event_id)
        folded: dict[str, str] = {}
        for cat in cats:
            for variant in (cat.key, cat.name, cat.badge_label):
                if variant:
                    folded.setdefault(fold(variant), cat.key)
        sessions: dict[str, list[int]] = {}
        seats_of: dict[int, int] = {}
        for s in SEAT_LIMITS.all(conn, event=event_id):
            for variant in (s.key, s.title):
                sessions.setdefault(fold(variant), []).append(s.id)
            if s.track:
                sessions.setdefault(fold(s.track), []).append(s.id)
            limit = seats(s.own_capacity, s.room_capacity)
            seats_of[s.id] = 10**9 if limit is None else limit
        held, queued = session_counts(conn, event_id)
        booked = {sid: held.get(sid, 0) for sid in seats_of}
        waiting = {sid: queued.get(sid, 0) for sid in seats_of}
        last = q.LAST_ID.one(conn)
        registered = q.REGISTERED_OF_SOURCE.one(conn, event=event_id, source=source)
        default = "participant" if "participant" in folded.values() else (cats[0].key if cats else None)
        return cls(event_id, source, zone(event.timezone), folded, {c.key: c.id for c in cats},
                   default, {fold(k): v for k, v in overrides.items()}, sessions, seats_of,
                   booked, waiting, last.id if last else 0, registered.n if registered else 0)
