"""The end-of-day tables, read straight from the scan log with SQL joins.

Every table is derived from the append-only scans, the same way the desks decide:
- arrival = the first 'entry' scan admitted and not undone (an undo row points at it);
- a session visit = a 'session_entry' admitted, closed by the next 'session_exit' exited
  of the same person and session, neither undone;
- someone "came" when they arrived at the entrance or entered a session (a desk that
  missed the entrance scan must not turn a participant into a no-show).
The statements are the store's (checkin.store.queries.exports); this module turns their
rows into the tables' lines, with the session visits and venue stays held in memory,
keyed by registrant. A table's own rows are read through `table_rows`, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from checkin.core.admission.routing import OPEN_TO_ALL
from checkin.core.clock import zone
from checkin.store.queries import exports as q
from checkin.store.queries.exports import SessionPerson, SessionTitle
from checkin.store.queries.monitoring import EVENT_HEAD
from checkin.store.query import Count, Query
from checkin.store.rows import json_list

R = TypeVar("R", bound=tuple)


def table_rows(query: Query[R], conn: sa.Connection, **params: Any) -> Iterable[R]:
    """The rows of one of the tables (one per registrant or scan: 200 000 at the most), a
    batch at a time: read all at once, the scan log of 100 000 registrants peaked at about
    300 MB; in batches, under 100 MB."""
    return query.each(conn, **params)


# Column key -> (French, English). French by default: the funders' reports are French.
LABELS: dict[str, tuple[str, str]] = {
    "code": ("Code billet", "Ticket code"), "last_name": ("Nom", "Last name"),
    "first_name": ("Prénom", "First name"), "organisation": ("Structure", "Organisation"),
    "category": ("Catégorie", "Category"), "email": ("Courriel", "Email"),
    "phone": ("Téléphone", "Phone"), "walk_in": ("Sur place", "Walk-in"),
    "arrived_at": ("Arrivée", "Arrival"), "desk": ("Poste d'accueil", "Desk"),
    "sessions": ("Sessions suivies (entrée–sortie)", "Sessions attended (in–out)"),
    "badge": ("Badge imprimé", "Badge printed"), "session_key": ("Session (clé)", "Session key"),
    "session": ("Session", "Session"), "room": ("Salle", "Room"), "track": ("Parcours", "Track"),
    "starts_at": ("Début", "Starts"), "booking": ("Inscription", "Booking"),
    "entered_at": ("Entrée en salle", "Entered room"), "left_at": ("Sortie de salle", "Left room"),
    "booked_sessions": ("Sessions réservées", "Sessions booked"),
    "registered_at": ("Date d'inscription", "Registered at"), "scan_id": ("N° scan", "Scan no."),
    "recorded_at": ("Enregistré à", "Recorded at"), "desk_time": ("Heure du poste", "Desk time"),
    "operator": ("Saisi par", "Operator"), "kind": ("Type", "Kind"), "result": ("Résultat", "Result"),
    "reason": ("Motif", "Reason"), "undoes": ("Annule le scan", "Undoes scan"),
    "undone": ("Annulé", "Undone"),
}
YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no")}


def header(keys: tuple[str, ...], lang: str) -> list[str]:
    column = 1 if lang == "en" else 0
    return [LABELS[k][column] for k in keys]


@dataclass
class EventInfo:
    id: int
    key: str
    name: str
    venue: str
    tz: ZoneInfo
    starts_at: datetime

    def local(self, moment: datetime | None) -> datetime | None:
        """A stored UTC moment as naive wall-clock time of the event, for spreadsheets."""
        return None if moment is None else moment.astimezone(self.tz).replace(tzinfo=None)


def event_info(conn: sa.Connection, event_id: int) -> EventInfo:
    head = EVENT_HEAD.one(conn, event=event_id)
    if head is None:
        raise LookupError(f"no event with id {event_id}")
    return EventInfo(head.id, head.key, head.name, head.venue, zone(head.timezone or "UTC"),
                     head.starts_at)


def session_titles(conn: sa.Connection, event_id: int,
                   session_id: int | None = None) -> dict[int, SessionTitle]:
    """Session id -> its key, title, room, track, times, seats and kind: every session of
    the event in programme order, or the one asked for."""
    rows = (q.SESSION_TITLES.all(conn, e=event_id) if session_id is None
            else q.ONE_SESSION_TITLE.all(conn, e=event_id, s=session_id))
    return {r.id: r for r in rows}


class Visit(NamedTuple):
    """A stay in a session's room: from its door's entry scan to its exit scan (None: no
    exit scanned)."""

    session_id: int
    came: datetime
    left: datetime | None


def session_visits(conn: sa.Connection, event_id: int) -> dict[int, list[Visit]]:
    """Registrant id -> their session visits in order, from the door scans that count."""
    visits: dict[int, list[Visit]] = {}
    for move in q.DOOR_MOVES.all(conn, e=event_id):
        mine = visits.setdefault(move.attendee_id, [])
        if move.kind == "session_entry":
            mine.append(Visit(move.session_id, move.recorded_at, None))
            continue
        for i in range(len(mine) - 1, -1, -1):  # close this session's open visit
            if mine[i].session_id == move.session_id and mine[i].left is None:
                mine[i] = mine[i]._replace(left=move.recorded_at)
                break
    return visits


class Stay(NamedTuple):
    """In the venue from `came` until `left` (None: still inside)."""

    came: datetime
    left: datetime | None


def venue_stays(conn: sa.Connection, event_id: int,
                attendee_id: int | None = None) -> dict[int, list[Stay]]:
    """Registrant id -> their stays in the venue in order, from the scans that count: an
    admission at the entrance or at a session's door opens one (someone who went straight
    to a room is on site, as the desks count them), an exit at the entrance closes it.
    Everyone's, or one registrant's."""
    moves = (q.VENUE_MOVES.all(conn, e=event_id) if attendee_id is None
             else q.ONE_PERSON_VENUE_MOVES.all(conn, e=event_id, a=attendee_id))
    stays: dict[int, list[Stay]] = {}
    for move in moves:
        mine = stays.setdefault(move.attendee_id, [])
        inside = bool(mine) and mine[-1].left is None
        if move.kind == "exit":
            if inside:
                mine[-1] = mine[-1]._replace(left=move.recorded_at)
        elif not inside:
            mine.append(Stay(move.recorded_at, None))
    return stays


def on_site_during(stays: list[Stay], starts: datetime, ends: datetime) -> bool:
    """Whether one of these stays overlaps the time from `starts` to `ends`."""
    return any(s.came < ends and (s.left is None or s.left > starts) for s in stays)


def open_to_all_sessions(conn: sa.Connection, event_id: int) -> set[int]:
    """The sessions anyone on site may walk into: the kinds the desks put in everyone's
    programme (plenary, contest: admission.routing.OPEN_TO_ALL) with no audience
    restriction. Nobody books them, and their door is often not scanned at all."""
    return {s.id for s in q.AUDIENCES.all(conn, e=event_id)
            if s.kind in OPEN_TO_ALL and not json_list(s.categories)
            and not json_list(s.professions)}


def walk_in_ids(conn: sa.Connection, event_id: int) -> set[int]:
    """The registrants added at a desk on the day (a handful: held as a set)."""
    return {r.id for r in q.WALK_IN_IDS.all(conn, e=event_id)}


def people_who_came(conn: sa.Connection, event_id: int) -> list[q.CamePerson]:
    """Everyone admitted at the entrance or at a door (the people venue_stays knows), by
    name, with their arrival."""
    return q.PEOPLE_WHO_CAME.all(conn, e=event_id)


ATTENDANCE = ("code", "last_name", "first_name", "organisation", "category", "walk_in",
              "arrived_at", "desk", "sessions", "badge")


def attendance_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Everyone who came: arrival, desk, sessions with in/out times, badge printed."""
    titles = session_titles(conn, ev.id)
    visits = session_visits(conn, ev.id)
    yes, no = YES_NO[lang]
    total = _total(q.ATTENDANCE_COUNT.one(conn, e=ev.id))

    def hhmm(moment: datetime | None) -> str:
        return moment.astimezone(ev.tz).strftime("%H:%M") if moment else "…"

    def rows() -> Iterator[tuple]:
        for r in table_rows(q.ATTENDANCE, conn, e=ev.id):
            attended = "; ".join(f"{titles[v.session_id].title} ({hhmm(v.came)}–{hhmm(v.left)})"
                                 for v in visits.get(r.id, ()) if v.session_id in titles)
            yield (r.code, r.last_name, r.first_name, r.organisation, r.category,
                   yes if r.walk_in else no, ev.local(r.arrived_at), r.desk or "", attended,
                   yes if r.badge else no)

    return total, rows()


def _total(found: Count | None) -> int:
    return found.n if found is not None else 0


SESSIONS = ("session_key", "session", "room", "starts_at", "code", "last_name", "first_name",
            "organisation", "category", "booking", "arrived_at", "entered_at", "left_at")


def session_people_count(conn: sa.Connection, event_id: int,
                         session_id: int | None = None) -> int:
    """How many rows session_people gives (the exports' progress total)."""
    return _total(q.SESSION_PEOPLE_COUNT.one(conn, e=event_id) if session_id is None
                  else q.ONE_SESSION_PEOPLE_COUNT.one(conn, e=event_id, s=session_id))


def session_people(conn: sa.Connection, event_id: int,
                   session_id: int | None = None) -> Iterable[SessionPerson]:
    """Whoever booked a session or entered it, with their booking (None: came unbooked)
    and arrival, by session (every session, or the one asked for), then by name."""
    if session_id is None:
        return table_rows(q.SESSION_PEOPLE, conn, e=event_id)
    return table_rows(q.ONE_SESSION_PEOPLE, conn, e=event_id, s=session_id)


def door_times(visits: list[Visit], session_id: int) -> tuple[datetime | None, datetime | None]:
    """First entry into and last exit from one session."""
    mine = [v for v in visits if v.session_id == session_id]
    if not mine:
        return None, None
    outs = [v.left for v in mine if v.left is not None]
    return mine[0].came, (max(outs) if outs else None)


def sessions_rows(conn: sa.Connection, ev: EventInfo, lang: str,
                  session_id: int | None = None) -> tuple[int, Iterator[tuple]]:
    """One row per session (or for the one asked for) and person who booked it or came
    through its door."""
    titles = session_titles(conn, ev.id, session_id)
    visits = session_visits(conn, ev.id)
    booking = {"fr": {"booked": "réservé", "waitlisted": "liste d'attente", None: "sans réservation"},
               "en": {"booked": "booked", "waitlisted": "waitlisted", None: "not booked"}}[lang]
    total = session_people_count(conn, ev.id, session_id)

    def rows() -> Iterator[tuple]:
        for p in session_people(conn, ev.id, session_id):
            s = titles[p.session_id]
            entered, left = door_times(visits.get(p.attendee_id, []), p.session_id)
            yield (s.key, s.title, s.room or "", ev.local(s.starts_at), p.code, p.last_name,
                   p.first_name, p.organisation, p.category, booking.get(p.booking, p.booking),
                   ev.local(p.arrived_at), ev.local(entered), ev.local(left))

    return total, rows()


ABSENT = ("code", "last_name", "first_name", "organisation", "category", "email", "phone",
          "booked_sessions")


def absent_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Registered (not cancelled) and never came: to follow up, with their contacts."""
    total = _total(q.ABSENT_COUNT.one(conn, e=ev.id))
    return total, iter(table_rows(q.ABSENT, conn, e=ev.id))


WALK_INS = ("code", "last_name", "first_name", "organisation", "category", "email", "phone",
            "registered_at", "arrived_at", "desk")


def walk_in_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Registered at the desk on the day (walk_in), with their arrival."""
    total = _total(q.WALK_INS_COUNT.one(conn, e=ev.id))
    return total, ((r.code, r.last_name, r.first_name, r.organisation, r.category, r.email,
                    r.phone, ev.local(r.registered_at), ev.local(r.arrived_at), r.desk or "")
                   for r in table_rows(q.WALK_INS, conn, e=ev.id))


SCANS = ("scan_id", "recorded_at", "desk_time", "desk", "operator", "kind", "result", "code",
         "last_name", "first_name", "session", "reason", "undoes", "undone")


def scan_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Every scan of the event in the order it was recorded, undos and refusals included."""
    yes, no = YES_NO[lang]
    total = _total(q.SCANS_COUNT.one(conn, e=ev.id))
    return total, ((r.id, ev.local(r.recorded_at), ev.local(r.desk_time), r.desk, r.operator,
                    r.kind, r.result, r.code, r.last_name, r.first_name, r.session, r.reason,
                    r.undoes, yes if r.undone else no)
                   for r in table_rows(q.SCANS, conn, e=ev.id))
