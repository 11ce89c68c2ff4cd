"""Where a person goes now: their programme for the rest of the day, and ideas for a slot
where they have nothing.

The programme is every session still to end that they are booked or waitlisted in, plus the
sessions open to everyone (plenary, contest). For the current or next slot of parallel
sessions (track sessions, network workshops) where they hold no seat, up to three sessions
with free seats that they may attend are suggested: same track as their bookings first,
then the emptiest rooms.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine

from checkin.core.admission.door_rules import audience_restriction
from checkin.core.admission.scan import clean_code
from checkin.core.programme.event_file import PEOPLE_SOURCE
from checkin.core.programme.seating import SessionSeats, event_seats
from checkin.store.queries.routing import AHEAD_IN_QUEUE, BOOKINGS
from checkin.store.queries.scans import PERSON_AT
from checkin.store.vocabulary import VENUE, AttendeeStatus, EnrollmentStatus, SessionKind

SUGGESTIONS = 3
OPEN_TO_ALL = (SessionKind.PLENARY, SessionKind.CONTEST)
PARALLEL = (SessionKind.TRACK, SessionKind.WORKSHOP)


@dataclass
class Stop:
    """One session on a person's way through the day."""

    session_id: int
    key: str
    title: str
    kind: str
    track: str
    room: str
    floor: str
    directions: str
    starts_at: datetime
    ends_at: datetime
    status: str                       # booked, waitlisted, open (to all) or suggested
    seats_left: int | None
    waitlist_position: int | None = None
    seat_free_now: bool = False       # waitlisted, and the door would let them in now
    now: bool = False                 # under way at the routing time

    def to_json(self) -> dict:
        data = asdict(self)
        data["starts_at"] = self.starts_at.isoformat()
        data["ends_at"] = self.ends_at.isoformat()
        return data


@dataclass
class Route:
    code: str
    found: bool
    at: datetime
    attendee_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    category: str = ""
    cancelled: bool = False
    programme: list[Stop] = field(default_factory=list)
    suggestions: list[Stop] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["programme"] = [s.to_json() for s in self.programme]
        data["suggestions"] = [s.to_json() for s in self.suggestions]
        return data


def route(engine: Engine, event_id: int, raw_code: str, at: datetime) -> Route:
    code = clean_code(raw_code)
    with engine.connect() as conn:
        person = (PERSON_AT.one(conn, event=event_id, code=code, place=VENUE)
                  if code else None)
        if person is None:
            return Route(code=code, found=False, at=at)
        out = Route(code=code, found=True, at=at, attendee_id=person.id,
                    first_name=person.first_name, last_name=person.last_name,
                    organisation=person.organisation, category=person.category or "",
                    cancelled=person.status == AttendeeStatus.CANCELLED)
        if out.cancelled:
            return out
        enrolled = {b.session_id: b for b in BOOKINGS.all(conn, attendee=person.id)}
        sessions = [s for s in event_seats(conn, event_id, at) if s.ends_at > at]
        speaker = person.source_id if person.source == PEOPLE_SOURCE else None

        def may_attend(s: SessionSeats) -> bool:
            return audience_restriction(s.professions, s.categories, person.profession or "",
                                        person.category_key or "", speaker in s.speakers) is None

        for s in sessions:
            booking = enrolled.get(s.session_id)
            if booking is not None:
                stop = _stop(s, booking.status, at)
                if booking.status == EnrollmentStatus.WAITLISTED:
                    ahead = AHEAD_IN_QUEUE.one(conn, session=s.session_id,
                                               position=booking.position, id=booking.id)
                    stop.waitlist_position = 1 + (ahead.n if ahead else 0)
                    stop.seat_free_now = s.free is None or s.free > 0
                out.programme.append(stop)
            elif s.kind in OPEN_TO_ALL and may_attend(s) or speaker in s.speakers:
                out.programme.append(_stop(s, "open", at))
    out.suggestions = _suggest(sessions, enrolled, out.programme, may_attend, at)
    return out


def _stop(s: SessionSeats, status: str, at: datetime) -> Stop:
    return Stop(session_id=s.session_id, key=s.key, title=s.title, kind=s.kind, track=s.track,
                room=s.room, floor=s.floor, directions=s.directions, starts_at=s.starts_at,
                ends_at=s.ends_at, status=status, seats_left=s.free,
                now=s.starts_at <= at < s.ends_at)


def _suggest(sessions: list[SessionSeats], enrolled: dict, programme: list[Stop],
             may_attend, at: datetime) -> list[Stop]:
    """Ideas for the first slot still to end in which the person has no seat."""
    booked = [p for p in programme if p.status == "booked"]
    tracks = {p.track for p in booked if p.track}
    slots = sorted({(s.starts_at, s.ends_at) for s in sessions if s.kind in PARALLEL})
    for start, end in slots:
        if any(p.starts_at < end and start < p.ends_at for p in booked):
            continue  # they have somewhere to be then
        options = [s for s in sessions if (s.starts_at, s.ends_at) == (start, end)
                   and s.kind in PARALLEL and s.session_id not in enrolled
                   and (s.free is None or s.free > 0) and may_attend(s)]
        options.sort(key=lambda s: (s.track not in tracks,
                                    -(s.free if s.free is not None else 10**9), s.title))
        return [_stop(s, "suggested", at) for s in options[:SUGGESTIONS]]
    return []
