"""Who gets a badge and the record of every badge printed (checkin.core.badges.people).

A batch narrows the registrants by what its choices say: a category, the people with no
badge printed yet, a list of ticket codes. Those filters are fixed SQL pieces; `people()`
and `count()` put together the ones a batch asks for (eight shapes at the most, each
built once and kept) and the values themselves are only ever parameters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from checkin.store.queries.scans import Code
from checkin.store.query import Count, Id, Query
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, SessionKind


class BadgePerson(NamedTuple):
    id: int
    event_id: int
    code: str
    first_name: str
    last_name: str
    organisation: str
    status: str
    category_key: str | None
    category_name: str | None
    badge_label: str | None
    colour: str | None


_PERSON = ("SELECT a.id, a.event_id, a.code, a.first_name, a.last_name, a.organisation, "
           "a.status, c.key, c.name, c.badge_label, c.colour FROM attendee a "
           "LEFT OUTER JOIN category c ON c.id = a.category_id")
_IN_CATEGORY = "c.key = :category"
_NOT_PRINTED = "NOT (EXISTS (SELECT 1 FROM badge_print b WHERE b.attendee_id = a.id))"
_CODES = "a.code IN :codes"


def _where(category: bool, not_printed: bool, codes: bool) -> str:
    return "".join(f" AND {piece}" for piece, wanted in (
        (_IN_CATEGORY, category), (_NOT_PRINTED, not_printed), (_CODES, codes)) if wanted)


@lru_cache(maxsize=8)
def people(category: bool = False, not_printed: bool = False,
           codes: bool = False) -> Query[BadgePerson]:
    """The event's registrants (:event), cancelled ones too, in the category :category,
    without a badge printed, holding one of :codes, as asked."""
    return Query(f"{_PERSON} WHERE a.event_id = :event{_where(category, not_printed, codes)}",
                 BadgePerson)


# One registrant, whatever their event and status (a walk-in, a reprint).
PERSON = Query(f"{_PERSON} WHERE a.id = :attendee", BadgePerson)


@lru_cache(maxsize=4)
def count(category: bool = False, not_printed: bool = False) -> Query[Count]:
    """How many badges people() would give, cancelled registrants left out."""
    return Query("SELECT count(*) FROM attendee a LEFT OUTER JOIN category c "
                 "ON c.id = a.category_id WHERE a.event_id = :event "
                 f"AND a.status != '{AttendeeStatus.CANCELLED}'"
                 f"{_where(category, not_printed, False)}", Count)


class Key(NamedTuple):
    key: str


CATEGORY_KEYS = Query("SELECT key FROM category WHERE event_id = :event ORDER BY key", Key)


class CategoryName(NamedTuple):
    key: str
    name: str


# The badge window's category choice, by name.
CATEGORY_NAMES = Query("SELECT key, name FROM category WHERE event_id = :event ORDER BY name",
                       CategoryName)


class Track(NamedTuple):
    attendee_id: int
    name: str


# People's booked track sessions' tracks, in programme order (everyone's, or :ids').
_TRACKS = ("SELECT en.attendee_id, t.name FROM enrollment en "
           "JOIN session s ON s.id = en.session_id JOIN track t ON t.id = s.track_id "
           f"WHERE s.event_id = :event AND s.kind = '{SessionKind.TRACK}' "
           f"AND en.status = '{EnrollmentStatus.BOOKED}'{{ids}} "
           "ORDER BY en.attendee_id, s.starts_at, s.id")
TRACKS = Query(_TRACKS.replace("{ids}", ""), Track)
TRACKS_OF = Query(_TRACKS.replace("{ids}", " AND en.attendee_id IN :ids"), Track)


# A ticket code as typed or scanned: the registrant holding one of its spellings.
HOLDER_OF = Query("SELECT id FROM attendee WHERE event_id = :event AND code IN :codes", Id)


# Which of :codes are tickets of the event.
KNOWN_CODES = Query("SELECT code FROM attendee WHERE event_id = :event AND code IN :codes", Code)


class Printed(NamedTuple):
    attendee_id: int


# Who of :ids has had a badge printed before.
PRINTED_AMONG = Query("SELECT DISTINCT attendee_id FROM badge_print WHERE attendee_id IN :ids",
                      Printed)
PRINTED_BEFORE = Query("SELECT id FROM badge_print WHERE attendee_id = :attendee LIMIT 1", Id)
RECORD_PRINT: Query[tuple] = Query(
    "INSERT INTO badge_print (attendee_id, layout, desk, operator, printer, reprint, printed_at) "
    "VALUES (:attendee_id, :layout, :desk, :operator, :printer, :reprint, :printed_at)")
# A badge print a desk replays from its copy: already recorded (a kill before its mark)?
PRINT_RECORDED = Query("SELECT id FROM badge_print WHERE attendee_id = :attendee "
                       "AND desk = :desk AND printed_at = :printed_at LIMIT 1", Id)
