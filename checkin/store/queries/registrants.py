"""Registrants as an import, a correction or a demo load reads and writes them
(checkin.core.registrants, checkin.core.demo): the people already there, changing a few
of their columns, cancelling them, and their enrollments.

New registrants go in through checkin.store.bulk (thousands of rows, the models'
defaults); the search index through checkin.store.queries.search.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from checkin.store.query import Count, Id, Query
from checkin.store.vocabulary import AttendeeStatus


class Registrant(NamedTuple):
    """What an import matches a row against and compares it with."""

    id: int
    code: str
    source: str
    source_id: str
    source_order: str
    first_name: str
    last_name: str
    email: str
    phone: str
    organisation: str
    job_title: str
    profession: str
    category_id: int | None
    city: str
    postcode: str
    notes: str
    attention: bool       # 0/1 on SQLite: read it as true or false, not `is True`
    attention_text: str
    consent: bool
    status: str
    qpv: str


_REGISTRANT = f"SELECT {', '.join(Registrant._fields)} FROM attendee"

# The people a batch of an import's rows may be: those its platform ids, codes or emails
# name, among those there before it (id <= :before, the highest id when it began): an
# import reads a batch's worth of registrants at a time, never the whole event.
REGISTRANTS_BY_SOURCE_ID = Query(
    f"{_REGISTRANT} WHERE event_id = :event AND source = :source AND source_id IN :sids "
    "AND id <= :before", Registrant)
REGISTRANTS_BY_CODE = Query(
    f"{_REGISTRANT} WHERE event_id = :event AND code IN :codes AND id <= :before", Registrant)
# lower(): as the importer folds the file's emails (a desk may have typed capitals).
REGISTRANTS_BY_EMAIL = Query(
    f"{_REGISTRANT} WHERE event_id = :event AND lower(email) IN :emails "
    "AND id <= :before", Registrant)
# The highest registrant id (of any event) when an import begins: the ids it inserts are higher.
LAST_ID = Query("SELECT coalesce(max(id), 0) FROM attendee", Id)


class Standing(NamedTuple):
    """What an import's end needs of a person it may cancel: who, to say so."""

    id: int
    code: str
    first_name: str
    last_name: str


# How many of the event's people a source's import counts as registered when it begins.
REGISTERED_OF_SOURCE = Query(
    f"SELECT count(*) FROM attendee WHERE event_id = :event AND source = :source "
    f"AND status <> '{AttendeeStatus.CANCELLED}'", Count)
# A source's people still registered that were there when an import began (id <= :before).
STANDINGS = Query(
    "SELECT id, code, first_name, last_name FROM attendee WHERE event_id = :event "
    f"AND source = :source AND status <> '{AttendeeStatus.CANCELLED}' AND id <= :before",
    Standing)


class CodeId(NamedTuple):
    code: str
    id: int


# One read of a source's codes (an import's or the demo's new people get their ids).
CODES_OF_SOURCE = Query(
    "SELECT code, id FROM attendee WHERE event_id = :event AND source = :source", CodeId)
# The ids of the people an import has just inserted, a batch of their codes at a time.
IDS_OF_CODES = Query(
    "SELECT code, id FROM attendee WHERE event_id = :event AND code IN :codes", CodeId)

# The columns an import or a correction may change on a registrant (and always updated_at).
CHANGEABLE = frozenset(("first_name", "last_name", "email", "phone", "organisation", "job_title",
                        "profession", "category_id", "city", "postcode", "notes", "attention",
                        "attention_text", "consent", "source_order", "source_id", "code",
                        "status", "qpv"))


@lru_cache(maxsize=64)
def update_registrant(columns: tuple[str, ...]) -> Query[tuple]:
    """Set these columns (:<column>) and updated_at (:now) of registrant :id. An import
    changes a different few on each row: one statement per set of columns, from the
    CHANGEABLE names only."""
    unknown = set(columns) - CHANGEABLE
    if unknown or not columns:
        raise ValueError(f"not columns a registrant's update may set: {sorted(unknown)}")
    sets = ", ".join(f"{c} = :{c}" for c in columns)
    return Query(f"UPDATE attendee SET {sets}, updated_at = :now WHERE id = :id")


CANCEL_ATTENDEES: Query[tuple] = Query(
    f"UPDATE attendee SET status = '{AttendeeStatus.CANCELLED}', updated_at = :now "
    "WHERE id IN :ids")


# A registrant by ticket code (a correction replayed by a desk that was offline).
ID_BY_CODE = Query("SELECT id FROM attendee WHERE event_id = :event AND code = :code", Id)


class Names(NamedTuple):
    code: str
    first_name: str
    last_name: str
    organisation: str


_NAMES = ("SELECT code, first_name, last_name, organisation FROM attendee "
          "WHERE id = :attendee AND event_id = :event")
NAMES = Query(_NAMES, Names)
# PostgreSQL: two desks correcting the same person are served one after the other (SQLite
# takes its write lock at BEGIN IMMEDIATE instead).
NAMES_FOR_UPDATE = Query(f"{_NAMES} FOR UPDATE", Names)


class Enrollment(NamedTuple):
    id: int
    attendee_id: int
    session_id: int
    status: str


ENROLLMENTS_OF = Query("SELECT id, attendee_id, session_id, status FROM enrollment "
                       "WHERE attendee_id IN :attendees", Enrollment)
# Back in the file: an old enrollment comes back to life, booked or waiting.
REVIVE_ENROLLMENT: Query[tuple] = Query(
    "UPDATE enrollment SET status = :status, position = :position, updated_at = :now "
    "WHERE id = :id")
