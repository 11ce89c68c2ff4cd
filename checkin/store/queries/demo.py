"""The sample event's synthetic registrants (checkin.core.demo): the sessions they book,
the seed a store's demo people were made with, and the event moved to another day.
The people themselves go in through checkin.store.bulk and .registrants."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from checkin.store.query import Query


class DemoSession(NamedTuple):
    id: int
    kind: str
    track_id: int | None
    starts_at: datetime
    capacity: int | None
    audience_professions: Any    # JSON list: read it through store.rows.json_list
    room_capacity: int | None


SESSIONS = Query(
    "SELECT s.id, s.kind, s.track_id, s.starts_at, s.capacity, s.audience_professions, "
    "r.capacity FROM session s LEFT OUTER JOIN room r ON r.id = s.room_id "
    "WHERE s.event_id = :event ORDER BY s.starts_at, s.id", DemoSession, times=("starts_at",))


class Seed(NamedTuple):
    source_order: str     # "seed <n>"


# A demo registrant made with another seed than :seed, if any.
OTHER_SEED = Query(
    "SELECT source_order FROM attendee WHERE event_id = :event AND source = :source "
    "AND source_order <> :seed LIMIT 1", Seed)

REDATE_EVENT: Query[tuple] = Query(
    "UPDATE event SET starts_at = :starts_at, ends_at = :ends_at, updated_at = :now "
    "WHERE id = :event")
REDATE_SESSION: Query[tuple] = Query(
    "UPDATE session SET starts_at = :starts_at, ends_at = :ends_at WHERE id = :session")
