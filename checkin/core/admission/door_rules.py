"""Who may go through a session's door: the audience restriction, then the seats.

A network workshop admits only its professions (and categories, when it names some); the
session's own speakers always go in. A booked person needs a seat in the room; anyone else
needs one that no booked person is holding (see checkin.core.programme.seating).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from checkin.core.messages import ENGLISH
from checkin.core.programme.seating import door
from checkin.store.queries.door import ENROLLMENT_STATUS
from checkin.store.queries.event_file import CATEGORIES, PROFESSIONS, Entries
from checkin.store.vocabulary import ScanResult

# The tables a restriction names its keys from (audience_restriction's first answer).
_NAMES: dict[str, Entries[Any]] = {"profession": PROFESSIONS, "category": CATEGORIES}


@dataclass
class DoorDecision:
    result: str          # admitted, not_eligible or session_full
    reason: str
    key: str
    title: str
    room: str
    seats_left: int | None
    reserved_for: str = ""   # not_eligible: the professions or categories it admits


def decide_at_door(conn: sa.Connection, event_id: int, session_id: int, attendee_id: int, *,
                   profession: str, category_key: str, speaker_key: str | None,
                   now: datetime) -> DoorDecision | None:
    """None when the session is not one of this event's."""
    d = door(conn, event_id, session_id, attendee_id, now)
    if d is None:
        return None

    def decision(result: str, reason: str = "", reserved_for: str = "") -> DoorDecision:
        left = d.seats_left()
        if left is not None and result == ScanResult.ADMITTED:
            left = max(0, left - 1)  # the seat this person is taking now
        return DoorDecision(result, reason, d.key, d.title, d.room, left, reserved_for)

    is_speaker = speaker_key is not None and speaker_key in d.speakers
    restriction = audience_restriction(d.professions, d.categories, profession, category_key,
                                       is_speaker)
    if restriction is not None:
        table, keys = restriction
        names = _names(conn, table, event_id, keys)
        return decision(ScanResult.NOT_ELIGIBLE, ENGLISH("reason.reserved_for", names), names)
    enrolled = ENROLLMENT_STATUS.one(conn, attendee=attendee_id, session=session_id)
    booked_here = enrolled is not None and enrolled.status == "booked"
    if d.full_for(booked_here=booked_here or is_speaker):
        reason = (ENGLISH("reason.seats_taken_held", d.present, d.capacity, d.held_by_others)
                  if d.held_by_others else ENGLISH("reason.seats_taken", d.present, d.capacity))
        return decision(ScanResult.SESSION_FULL, reason)
    return decision(ScanResult.ADMITTED)


def audience_restriction(professions: list[str], categories: list[str], profession: str,
                         category_key: str, is_speaker: bool = False) -> tuple[str, list[str]] | None:
    """None when the person may attend; else which list keeps them out."""
    if is_speaker:
        return None
    if professions and profession not in professions:
        return "profession", professions
    if categories and category_key not in categories:
        return "category", categories
    return None


def _names(conn: sa.Connection, table: str, event_id: int, keys: list[str]) -> str:
    names = {row.key: row.name for row in _NAMES[table].rows(conn, event_id)}
    return ", ".join(names.get(k, k) for k in keys)
