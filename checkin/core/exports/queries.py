"""The end-of-day tables, read straight from the scan log with SQL joins.

Every table is derived from the append-only scans, the same way the desks decide:
- arrival = the first 'entry' scan admitted and not undone (an undo row points at it);
- a session visit = a 'session_entry' admitted, closed by the next 'session_exit' exited
  of the same person and session, neither undone;
- someone "came" when they arrived at the entrance or entered a session (a desk that
  missed the entrance scan must not turn a participant into a no-show).
Rows come from cursors and are turned into plain tuples one by one; only the session
visits (two small tuples per door scan) are held in memory, keyed by registrant.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from checkin.core.admission.routing import OPEN_TO_ALL
from checkin.core.clock import zone
from checkin.store.types import UTCDateTime

NOT_UNDONE = "NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id)"
# First counted entrance per registrant: joined back to scan for its time and desk.
# A person's first admission: at the entrance, or at a session's door if they came in
# another way (the venue counts them as arrived then too).
ARRIVALS = ("SELECT s.attendee_id AS aid, MIN(s.id) AS first_id FROM scan s "
            "WHERE s.event_id = :e AND s.kind IN ('entry', 'session_entry') "
            "AND s.result = 'admitted' "
            f"AND s.attendee_id IS NOT NULL AND {NOT_UNDONE} GROUP BY s.attendee_id")
CAME = ("EXISTS (SELECT 1 FROM scan s WHERE s.attendee_id = a.id AND s.result = 'admitted' "
        f"AND s.kind IN ('entry', 'session_entry') AND {NOT_UNDONE})")
ORDER_BY_NAME = "lower(a.last_name), lower(a.first_name), a.id"

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
    row = conn.execute(sa.text("SELECT id, key, name, venue, timezone, starts_at FROM event "
                               "WHERE id = :e").columns(starts_at=UTCDateTime), {"e": event_id}).first()
    if row is None:
        raise LookupError(f"no event with id {event_id}")
    return EventInfo(row[0], row[1], row[2], row[3], zone(row[4] or "UTC"), row[5])


def _q(sql: str, **types: Any) -> sa.TextClause | sa.TextualSelect:
    """A text query whose datetime columns come back as aware UTC datetimes on every backend."""
    return sa.text(sql).columns(**{k: UTCDateTime for k in types}) if types else sa.text(sql)


def count(conn: sa.Connection, sql: str, event_id: int) -> int:
    return int(conn.execute(sa.text(f"SELECT COUNT(*) FROM ({sql}) AS counted"),
                            {"e": event_id}).scalar_one())


def session_titles(conn: sa.Connection, event_id: int,
                   session_id: int | None = None) -> dict[int, tuple]:
    """Session id -> (key, title, room, track, starts_at, ends_at, capacity, kind): every
    session of the event, or the one asked for."""
    one = "AND ss.id = :s " if session_id is not None else ""
    rows = conn.execute(_q(
        "SELECT ss.id, ss.key, ss.title, r.name AS room, t.name AS track, ss.starts_at, "
        "ss.ends_at, COALESCE(ss.capacity, r.capacity) AS seats, ss.kind FROM session ss "
        "LEFT JOIN room r ON r.id = ss.room_id LEFT JOIN track t ON t.id = ss.track_id "
        f"WHERE ss.event_id = :e {one}ORDER BY ss.starts_at, ss.id", starts_at=1, ends_at=1),
        {"e": event_id, "s": session_id})
    return {r[0]: tuple(r[1:]) for r in rows}


Visit = tuple[int, datetime, "datetime | None"]  # session id, in, out


def session_visits(conn: sa.Connection, event_id: int) -> dict[int, list[Visit]]:
    """Registrant id -> their session visits in order, from the door scans that count."""
    rows = conn.execute(_q(
        "SELECT s.attendee_id, s.session_id, s.kind, s.recorded_at FROM scan s "
        "WHERE s.event_id = :e AND s.attendee_id IS NOT NULL AND s.session_id IS NOT NULL "
        "AND ((s.kind = 'session_entry' AND s.result = 'admitted') "
        f"OR (s.kind = 'session_exit' AND s.result = 'exited')) AND {NOT_UNDONE} "
        "ORDER BY s.attendee_id, s.id", recorded_at=1), {"e": event_id})
    visits: dict[int, list[Visit]] = {}
    for aid, sid, kind, at in rows:
        mine = visits.setdefault(aid, [])
        if kind == "session_entry":
            mine.append((sid, at, None))
            continue
        for i in range(len(mine) - 1, -1, -1):  # close this session's open visit
            if mine[i][0] == sid and mine[i][2] is None:
                mine[i] = (sid, mine[i][1], at)
                break
    return visits



Stay = tuple[datetime, datetime | None]  # in the venue from, until (None: still inside)


def venue_stays(conn: sa.Connection, event_id: int,
                attendee_id: int | None = None) -> dict[int, list[Stay]]:
    """Registrant id -> their stays in the venue in order, from the scans that count: an
    admission at the entrance or at a session's door opens one (someone who went straight
    to a room is on site, as the desks count them), an exit at the entrance closes it.
    Everyone's, or one registrant's."""
    one = "AND s.attendee_id = :a " if attendee_id is not None else ""
    rows = conn.execute(_q(
        "SELECT s.attendee_id, s.kind, s.recorded_at FROM scan s "
        "WHERE s.event_id = :e AND s.attendee_id IS NOT NULL "
        f"{one}AND ((s.kind IN ('entry', 'session_entry') AND s.result = 'admitted') "
        f"OR (s.kind = 'exit' AND s.result = 'exited')) AND {NOT_UNDONE} "
        "ORDER BY s.attendee_id, s.id", recorded_at=1), {"e": event_id, "a": attendee_id})
    stays: dict[int, list[Stay]] = {}
    for aid, kind, at in rows:
        mine = stays.setdefault(aid, [])
        inside = bool(mine) and mine[-1][1] is None
        if kind == "exit":
            if inside:
                mine[-1] = (mine[-1][0], at)
        elif not inside:
            mine.append((at, None))
    return stays


def on_site_during(stays: list[Stay], starts: datetime, ends: datetime) -> bool:
    """Whether one of these stays overlaps the time from `starts` to `ends`."""
    return any(came < ends and (left is None or left > starts) for came, left in stays)

def open_to_all_sessions(conn: sa.Connection, event_id: int) -> set[int]:
    """The sessions anyone on site may walk into: the kinds the desks put in everyone's
    programme (plenary, contest: admission.routing.OPEN_TO_ALL) with no audience
    restriction. Nobody books them, and their door is often not scanned at all."""
    rows = conn.execute(sa.text(
        "SELECT id, kind, audience_categories, audience_professions FROM session "
        "WHERE event_id = :e").columns(audience_categories=sa.JSON,
                                       audience_professions=sa.JSON), {"e": event_id})
    return {sid for sid, kind, categories, professions in rows
            if kind in OPEN_TO_ALL and not categories and not professions}


def walk_in_ids(conn: sa.Connection, event_id: int) -> set[int]:
    """The registrants added at a desk on the day (a handful: held as a set)."""
    return set(conn.execute(sa.text("SELECT id FROM attendee WHERE event_id = :e "
                                    "AND walk_in = true"), {"e": event_id}).scalars())


def people_who_came(conn: sa.Connection, event_id: int) -> Iterator[tuple]:
    """(registrant id, code, last, first, organisation, category, arrival): everyone
    admitted at the entrance or at a door (the people venue_stays knows), by name."""
    yield from conn.execute(_q(
        f"WITH arrival AS ({ARRIVALS}) SELECT a.id, a.code, a.last_name, a.first_name, "
        "a.organisation, c.name, f.recorded_at FROM arrival r JOIN attendee a ON a.id = r.aid "
        "JOIN scan f ON f.id = r.first_id LEFT JOIN category c ON c.id = a.category_id "
        f"ORDER BY {ORDER_BY_NAME}", recorded_at=1), {"e": event_id})


ATTENDANCE = ("code", "last_name", "first_name", "organisation", "category", "walk_in",
              "arrived_at", "desk", "sessions", "badge")


def attendance_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Everyone who came: arrival, desk, sessions with in/out times, badge printed."""
    titles = session_titles(conn, ev.id)
    visits = session_visits(conn, ev.id)
    yes, no = YES_NO[lang]
    where = f"a.event_id = :e AND {CAME}"
    total = count(conn, f"SELECT a.id FROM attendee a WHERE {where}", ev.id)

    def hhmm(moment: datetime | None) -> str:
        return moment.astimezone(ev.tz).strftime("%H:%M") if moment else "…"

    def rows() -> Iterator[tuple]:
        result = conn.execute(_q(
            f"WITH arrival AS ({ARRIVALS}) SELECT a.id, a.code, a.last_name, a.first_name, "
            "a.organisation, c.name, a.walk_in, f.recorded_at, f.desk, "
            "EXISTS (SELECT 1 FROM badge_print b WHERE b.attendee_id = a.id) AS badge "
            "FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
            "LEFT JOIN arrival r ON r.aid = a.id LEFT JOIN scan f ON f.id = r.first_id "
            f"WHERE {where} ORDER BY {ORDER_BY_NAME}", recorded_at=1), {"e": ev.id})
        for aid, code, last, first, org, cat, walk_in, at, desk, badge in result:
            attended = "; ".join(f"{titles[sid][1]} ({hhmm(t_in)}–{hhmm(t_out)})"
                                 for sid, t_in, t_out in visits.get(aid, ()) if sid in titles)
            yield (code, last, first, org, cat, yes if walk_in else no, ev.local(at), desk or "",
                   attended, yes if badge else no)

    return total, rows()


SESSIONS = ("session_key", "session", "room", "starts_at", "code", "last_name", "first_name",
            "organisation", "category", "booking", "arrived_at", "entered_at", "left_at")
PEOPLE_CTE = (
    f"WITH arrival AS ({ARRIVALS}), people AS ("
    "SELECT e.session_id AS sid, e.attendee_id AS aid FROM enrollment e "
    "JOIN session x ON x.id = e.session_id WHERE x.event_id = :e AND e.status <> 'cancelled' "
    "UNION SELECT s.session_id, s.attendee_id FROM scan s WHERE s.event_id = :e "
    "AND s.kind = 'session_entry' AND s.result = 'admitted' AND s.session_id IS NOT NULL "
    f"AND s.attendee_id IS NOT NULL AND {NOT_UNDONE}) ")
_SESSION_PEOPLE = PEOPLE_CTE + (
    "SELECT p.sid, p.aid, a.code, a.last_name, a.first_name, a.organisation, c.name, "
    "e.status, f.recorded_at FROM people p JOIN attendee a ON a.id = p.aid "
    "JOIN session ss ON ss.id = p.sid LEFT JOIN category c ON c.id = a.category_id "
    "LEFT JOIN enrollment e ON e.attendee_id = p.aid AND e.session_id = p.sid "
    "LEFT JOIN arrival r ON r.aid = a.id LEFT JOIN scan f ON f.id = r.first_id {where}"
    f"ORDER BY ss.starts_at, ss.id, {ORDER_BY_NAME}")
SESSION_PEOPLE = _SESSION_PEOPLE.replace("{where}", "")
ONE_SESSION_PEOPLE = _SESSION_PEOPLE.replace("{where}", "WHERE p.sid = :s ")


def session_people_count(conn: sa.Connection, event_id: int,
                         session_id: int | None = None) -> int:
    """How many rows session_people gives (the exports' progress total)."""
    one = " WHERE sid = :s" if session_id is not None else ""
    return int(conn.execute(sa.text(
        f"SELECT COUNT(*) FROM ({PEOPLE_CTE}SELECT sid FROM people{one}) AS counted"),
        {"e": event_id, "s": session_id}).scalar_one())


def session_people(conn: sa.Connection, event_id: int,
                   session_id: int | None = None) -> Iterator[tuple]:
    """(session id, registrant id, code, last, first, organisation, category, enrollment
    status or None, arrival or None): whoever booked a session or entered it, by session
    (every session, or the one asked for)."""
    if session_id is None:
        yield from conn.execute(_q(SESSION_PEOPLE, recorded_at=1), {"e": event_id})
    else:
        yield from conn.execute(_q(ONE_SESSION_PEOPLE, recorded_at=1),
                                {"e": event_id, "s": session_id})


def door_times(visits: list[Visit], session_id: int) -> tuple[datetime | None, datetime | None]:
    """First entry into and last exit from one session."""
    mine = [v for v in visits if v[0] == session_id]
    if not mine:
        return None, None
    outs = [v[2] for v in mine if v[2] is not None]
    return mine[0][1], (max(outs) if outs else None)


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
        for sid, aid, code, last, first, org, cat, status, arrived in session_people(
                conn, ev.id, session_id):
            key, title, room, _track, starts, *_ = titles[sid]
            entered, left = door_times(visits.get(aid, []), sid)
            yield (key, title, room or "", ev.local(starts), code, last, first, org, cat,
                   booking.get(status, status), ev.local(arrived), ev.local(entered), ev.local(left))

    return total, rows()


ABSENT = ("code", "last_name", "first_name", "organisation", "category", "email", "phone",
          "booked_sessions")


def absent_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Registered (not cancelled) and never came: to follow up, with their contacts."""
    where = f"a.event_id = :e AND a.status = 'registered' AND NOT {CAME}"
    total = count(conn, f"SELECT a.id FROM attendee a WHERE {where}", ev.id)
    result = conn.execute(sa.text(
        "SELECT a.code, a.last_name, a.first_name, a.organisation, c.name, a.email, a.phone, "
        "(SELECT COUNT(*) FROM enrollment n WHERE n.attendee_id = a.id AND n.status = 'booked') "
        "FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
        f"WHERE {where} ORDER BY {ORDER_BY_NAME}"), {"e": ev.id})
    return total, (tuple(r) for r in result)


WALK_INS = ("code", "last_name", "first_name", "organisation", "category", "email", "phone",
            "registered_at", "arrived_at", "desk")


def walk_in_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Registered at the desk on the day (walk_in), with their arrival."""
    where = "a.event_id = :e AND a.walk_in = true"
    total = count(conn, f"SELECT a.id FROM attendee a WHERE {where}", ev.id)
    result = conn.execute(_q(
        f"WITH arrival AS ({ARRIVALS}) SELECT a.code, a.last_name, a.first_name, a.organisation, "
        "c.name, a.email, a.phone, a.created_at, f.recorded_at, f.desk FROM attendee a "
        "LEFT JOIN category c ON c.id = a.category_id LEFT JOIN arrival r ON r.aid = a.id "
        f"LEFT JOIN scan f ON f.id = r.first_id WHERE {where} ORDER BY a.created_at, a.id",
        created_at=1, recorded_at=1), {"e": ev.id})
    return total, ((*r[:7], ev.local(r[7]), ev.local(r[8]), r[9] or "") for r in result)


SCANS = ("scan_id", "recorded_at", "desk_time", "desk", "operator", "kind", "result", "code",
         "last_name", "first_name", "session", "reason", "undoes", "undone")


def scan_rows(conn: sa.Connection, ev: EventInfo, lang: str) -> tuple[int, Iterator[tuple]]:
    """Every scan of the event in the order it was recorded, undos and refusals included."""
    yes, no = YES_NO[lang]
    total = count(conn, "SELECT s.id FROM scan s WHERE s.event_id = :e", ev.id)
    result = conn.execute(_q(
        "SELECT s.id, s.recorded_at, s.desk_time, s.desk, s.operator, s.kind, s.result, s.code, "
        "a.last_name, a.first_name, ss.title, s.reason, s.undoes_scan_id, "
        "EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) AS undone FROM scan s "
        "LEFT JOIN attendee a ON a.id = s.attendee_id LEFT JOIN session ss ON ss.id = s.session_id "
        "WHERE s.event_id = :e ORDER BY s.id", recorded_at=1, desk_time=1), {"e": ev.id})
    return total, ((r[0], ev.local(r[1]), ev.local(r[2]), *r[3:12], r[12],
                    yes if r[13] else no) for r in result)
