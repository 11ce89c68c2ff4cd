"""What the `checkin` command line reads for itself (checkin.cli): the events and sessions
an option names, and what a purge asks the user to confirm."""

from __future__ import annotations

from typing import NamedTuple

from checkin.store.query import Query


class Keyed(NamedTuple):
    id: int
    key: str


EVENT_KEYS = Query("SELECT id, key FROM event ORDER BY id", Keyed)
SESSION_KEYS = Query("SELECT id, key FROM session WHERE event_id = :event ORDER BY starts_at",
                     Keyed)


class PurgeSubject(NamedTuple):
    key: str
    name: str
    people: int


PURGE_SUBJECT = Query(
    "SELECT e.key, e.name, (SELECT COUNT(*) FROM attendee a WHERE a.event_id = e.id) "
    "FROM event e WHERE e.id = :event", PurgeSubject)
