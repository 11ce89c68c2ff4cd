"""Personal data after the event (checkin.core.privacy): the purge's writes, and the
rows one registrant's data is made of. The journal's own statements are in
checkin.store.queries.journal."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from checkin.store.query import Query
from checkin.store.vocabulary import QpvResidence

# ---- the purge ---------------------------------------------------------------------------

ERASE_QPV: Query[tuple] = Query(
    f"UPDATE attendee SET qpv = '{QpvResidence.UNKNOWN}' WHERE event_id = :e "
    f"AND qpv <> '{QpvResidence.UNKNOWN}'")
# The ticket code goes too: the platform's export would map it back to a name.
ERASE_PEOPLE: Query[tuple] = Query(
    "UPDATE attendee SET first_name = '', last_name = '', email = '', phone = '', "
    "job_title = '', notes = '', attention = false, attention_text = '', source_id = '', "
    "source_order = '', code = 'ANON-' || CAST(id AS VARCHAR(20)), updated_at = :now "
    "WHERE event_id = :e")
# Scans take their registrant's new code; an unknown code's scan loses what was typed.
RECODE_SCANS: Query[tuple] = Query(
    "UPDATE scan SET code = COALESCE((SELECT a.code FROM attendee a "
    "WHERE a.id = scan.attendee_id), '') WHERE event_id = :e")


class Held(NamedTuple):
    """What identified a registrant before the purge: the journal is scrubbed of it."""

    id: int
    code: str
    first_name: str
    last_name: str
    email: str
    phone: str


HELD = Query("SELECT id, code, first_name, last_name, email, phone FROM attendee "
             "WHERE event_id = :e", Held)
# The tables whose files held what a purge erases (checkin.store.scrub rewrites them).
ERASED_TABLES = ("attendee", "scan", "journal", "search_person", "search_term")
SET_ENTRY: Query[tuple] = Query(
    "UPDATE journal SET subject = :subject, details = :details WHERE id = :id")


# ---- one registrant's data ---------------------------------------------------------------

class Person(NamedTuple):
    """Every column of the attendee row, in the model's order (checkin.store.models)."""

    id: int
    event_id: int
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
    attention: bool
    attention_text: str
    consent: bool
    status: str
    walk_in: bool
    qpv: str
    created_at: datetime
    updated_at: datetime


PERSON = Query(f"SELECT {', '.join(Person._fields)} FROM attendee "
               "WHERE event_id = :e AND code = :code", Person, times=("created_at", "updated_at"))
# Its columns that hold a truth value (SQLite gives 0 or 1 for them).
PERSON_FLAGS = ("attention", "consent", "walk_in")


class KeyName(NamedTuple):
    key: str
    name: str


CATEGORY = Query("SELECT key, name FROM category WHERE id = :c", KeyName)


class PersonEnrollment(NamedTuple):
    session_key: str
    session: str
    status: str
    position: int
    created_at: datetime
    updated_at: datetime


ENROLLMENTS = Query(
    "SELECT s.key, s.title, e.status, e.position, e.created_at, e.updated_at FROM enrollment e "
    "JOIN session s ON s.id = e.session_id WHERE e.attendee_id = :a ORDER BY s.starts_at",
    PersonEnrollment, times=("created_at", "updated_at"))


class PersonScan(NamedTuple):
    id: int
    uuid: str
    kind: str
    result: str
    reason: str
    code: str
    session_key: str | None
    desk: str
    operator: str
    desk_time: datetime
    recorded_at: datetime
    undoes_scan_id: int | None


SCANS = Query(
    "SELECT sc.id, sc.uuid, sc.kind, sc.result, sc.reason, sc.code, s.key, sc.desk, "
    "sc.operator, sc.desk_time, sc.recorded_at, sc.undoes_scan_id FROM scan sc "
    "LEFT JOIN session s ON s.id = sc.session_id WHERE sc.attendee_id = :a ORDER BY sc.id",
    PersonScan, times=("desk_time", "recorded_at"))


class PersonBadge(NamedTuple):
    layout: str
    desk: str
    operator: str
    printer: str
    reprint: bool         # as the driver gives it (0 or 1 on SQLite)
    printed_at: datetime


BADGE_PRINTS = Query(
    "SELECT layout, desk, operator, printer, reprint, printed_at FROM badge_print "
    "WHERE attendee_id = :a ORDER BY id", PersonBadge, times=("printed_at",))
