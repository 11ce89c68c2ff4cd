"""`checkin demo`: the sample event with N synthetic registrants.

Deterministic for a seed: row i is the same whatever N is (one random stream, drawn in
the same order for every row), so running it twice — or with a larger N — only adds
what is missing. Enrollments respect capacities; the overflow goes to short waitlists.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate

import sqlalchemy as sa
from sqlalchemy.engine import Engine

import checkin.core.demo_people as words
from checkin.core.clock import zone
from checkin.core.demo_day import programme_on, shifted
from checkin.core.programme.enrollments import seats, session_counts
from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import load_programme
from checkin.core.registrants.codes import code_from_bits
from checkin.core.search.index import index_new_attendees
from checkin.core.text import fold
from checkin.store.bulk import bulk_insert, refresh_planner_statistics
from checkin.store.models import Attendee, Enrollment
from checkin.store.queries import demo as q
from checkin.store.queries import journal
from checkin.store.queries.event_file import CATEGORIES, EVENT_BY_KEY, SESSIONS
from checkin.store.queries.monitoring import EVENT_HEAD
from checkin.store.queries.registrants import CODES_OF_SOURCE
from checkin.store.rows import json_list
from checkin.store.types import utcnow
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, QpvResidence, SessionKind

SOURCE = "demo"
WAITLIST_PER_SESSION = 8
Progress = Callable[[int, int], None]

# (category key, weight): speakers, jury and project holders come from the event file.
CATEGORY_WEIGHTS = (("participant", 88), ("partenaire", 4), ("organisateur", 2),
                    ("benevole", 3), ("presse", 1))
# (profession key, weight); "" = none of the listed ones.
PROFESSION_WEIGHTS = (("", 55), ("etat", 4), ("animateur-charte", 3), ("citeslab", 4),
                      ("developpeur", 9), ("elu", 5), ("politique-ville", 8),
                      ("entrepreneur", 6), ("accompagnateur", 4), ("bailleur", 2))
# The QPV answer (lives in a quartier prioritaire?): (answer, weight). Illustrative, so
# that the sample's statistics show the figures: yes, no, and the unanswered a form has.
QPV_WEIGHTS = ((QpvResidence.YES, 30), (QpvResidence.NO, 50), (QpvResidence.UNKNOWN, 20))


class DemoError(ValueError):
    pass


@dataclass
class DemoReport:
    event_id: int
    added: int
    existing: int
    enrollments: int
    waitlisted: int
    day: date | None = None          # the event's day, in its time zone
    moved_from: date | None = None   # the day it was on before this run, if it moved


def load_demo(engine: Engine, attendees: int = 300, seed: int = 1,
              progress: Progress | None = None, day: date | None = None) -> DemoReport:
    """`day`: put the event on that day (same times of day), even if already loaded;
    None keeps the event file's date, or the day a previous run put it on."""
    if attendees < 0:
        raise DemoError("the number of attendees cannot be negative")
    programme = read_programme(sample_event_path())
    with engine.connect() as conn:
        stored = EVENT_BY_KEY.one(conn, key=programme.event["key"])
    eid = None if stored is None else stored.id
    moved_from = None
    if eid is None:  # loaded once: a coordinator's later edits to the programme are kept
        on_day = programme_on(programme, day) if day is not None else programme
        eid = load_programme(engine, on_day, actor="demo").event_id
    elif day is not None:
        with engine.connect() as conn:
            _refuse_another_seed(conn, eid, seed)  # before moving: a refusal changes nothing
        moved_from = _move_event_to(engine, eid, day)
    report = _load_people(engine, eid, attendees, seed, progress)
    if report.added:
        refresh_planner_statistics(engine)
    report.moved_from = moved_from
    with engine.connect() as conn:
        event = EVENT_HEAD.one(conn, event=eid)
    assert event is not None
    report.day = event.starts_at.astimezone(zone(event.timezone)).date()
    return report


def _load_people(engine: Engine, eid: int, attendees: int, seed: int,
                 progress: Progress | None) -> DemoReport:
    with engine.connect() as conn:
        _refuse_another_seed(conn, eid, seed)
        categories = {c.key: c.id for c in CATEGORIES.rows(conn, eid)}
        sessions = _sessions(conn, eid)
        existing_codes = {r.code for r in CODES_OF_SOURCE.all(conn, event=eid, source=SOURCE)}
    if len(existing_codes) >= attendees:
        # Row i is the same for every N, so the first N are all there already.
        if progress:
            progress(0, 0)
        return DemoReport(eid, 0, attendees, 0, 0)

    with engine.connect() as conn:
        # Seats already taken by real (imported) registrants count; the demo's own are
        # replayed by _generate, which keeps row i the same whatever N is.
        taken, queued = session_counts(conn, eid, exclude_source=SOURCE)
    for s in sessions:
        s["taken"], s["queued"] = taken.get(s["id"], 0), queued.get(s["id"], 0)
    rows, choices = _generate(attendees, seed, categories, sessions, utcnow())
    new_rows = [r for r in rows if r["code"] not in existing_codes]
    new_codes = {r["code"] for r in new_rows}
    enrollments = [c for c in choices if c["code"] in new_codes]
    _insert(engine, eid, new_rows, enrollments, seed, progress)
    return DemoReport(eid, len(new_rows), len(rows) - len(new_rows), len(enrollments),
                      sum(1 for e in enrollments if e["status"] == EnrollmentStatus.WAITLISTED))


def _move_event_to(engine: Engine, event_id: int, day: date, *, actor: str = "demo") -> date | None:
    """Put a stored event and its sessions on `day`; the day it was on, or None when it
    already was. Scans keep their own times: they are what happened."""
    with engine.begin() as conn:
        event = EVENT_HEAD.one(conn, event=event_id)
        assert event is not None
        tz = zone(event.timezone)
        before = event.starts_at.astimezone(tz).date()
        days = (day - before).days
        if not days:
            return None
        now = utcnow()
        q.REDATE_EVENT.run(conn, event=event_id, starts_at=shifted(event.starts_at, days, tz),
                           ends_at=shifted(event.ends_at, days, tz), now=now)
        sessions = SESSIONS.rows(conn, event_id)
        for s in sessions:
            q.REDATE_SESSION.run(conn, session=s.id, starts_at=shifted(s.starts_at, days, tz),
                                 ends_at=shifted(s.ends_at, days, tz))
        journal.write(conn, event_id, "event_redate", actor=actor, at=now, details={
            "from": before.isoformat(), "to": day.isoformat(), "sessions": len(sessions)})
    return before


def _refuse_another_seed(conn: sa.Connection, eid: int, seed: int) -> None:
    other = q.OTHER_SEED.one(conn, event=eid, source=SOURCE, seed=f"seed {seed}")
    if other is not None:
        raise DemoError(f"this store already holds demo registrants made with {other.source_order}; "
                        "use another store (--db) for another seed")


def _sessions(conn: sa.Connection, eid: int) -> list[dict]:
    event = EVENT_HEAD.one(conn, event=eid)
    assert event is not None
    tz = zone(event.timezone)
    return [dict(s._asdict(), audience_professions=json_list(s.audience_professions),
                 seats=seats(s.capacity, s.room_capacity) or 0,
                 morning=s.starts_at.astimezone(tz).hour < 12)
            for s in q.SESSIONS.all(conn, event=eid)]


def _generate(n: int, seed: int, categories: dict[str, int], sessions: list[dict],
              now: datetime) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    # A stream of its own: the rows' other draws (names, codes, bookings) stay what they
    # were before the demo answered the QPV question.
    qpv_draw = random.Random(f"qpv:{seed}").random
    qpv_keys = tuple(key for key, _ in QPV_WEIGHTS)
    qpv_cum = _cumulative(tuple(weight for _, weight in QPV_WEIGHTS))
    cat_keys = tuple(key for key, _ in CATEGORY_WEIGHTS)
    cat_w = tuple(weight for _, weight in CATEGORY_WEIGHTS)
    prof_keys = tuple(key for key, _ in PROFESSION_WEIGHTS)
    prof_w = tuple(weight for _, weight in PROFESSION_WEIGHTS)
    tracks = [s for s in sessions if s["kind"] == SessionKind.TRACK]
    morning = [s for s in tracks if s["morning"]]
    afternoon = [s for s in tracks if not s["morning"]]
    workshops = [s for s in sessions if s["kind"] == SessionKind.WORKSHOP]
    booked = {s["id"]: s.get("taken", 0) for s in sessions}
    waiting = {s["id"]: s.get("queued", 0) for s in sessions}
    codes: set[str] = set()
    rows: list[dict] = []
    choices: list[dict] = []

    def enroll(code: str, session: dict) -> None:
        sid = session["id"]
        if booked[sid] < session["seats"]:
            booked[sid] += 1
            choices.append(dict(code=code, session_id=sid, status=EnrollmentStatus.BOOKED, position=0))
        elif waiting[sid] < WAITLIST_PER_SESSION:
            waiting[sid] += 1
            choices.append(dict(code=code, session_id=sid, status=EnrollmentStatus.WAITLISTED,
                                position=waiting[sid]))

    rnd = rng.random
    bits = rng.getrandbits

    def pick(seq):  # rng.choice costs 3x more, and we draw ten per row
        return seq[int(rnd() * len(seq))]

    cat_cum = _cumulative(cat_w)
    prof_cum = _cumulative(prof_w)
    for i in range(n):
        long_name = rnd() < 1 / 150
        first = pick(words.LONG_FIRST_NAMES if long_name and rnd() < 0.5 else words.FIRST_NAMES)
        last = pick(words.LONG_LAST_NAMES if long_name else words.LAST_NAMES)
        org = pick(words.ORGANISATIONS)
        city, postcode = pick(words.CITIES)
        category = cat_keys[bisect(cat_cum, rnd() * cat_cum[-1])]
        profession = prof_keys[bisect(prof_cum, rnd() * prof_cum[-1])]
        code = code_from_bits("PU", bits(40))
        while code in codes:
            code = code_from_bits("PU", bits(40))
        codes.add(code)
        attention = rnd() < 0.01
        attention_text = pick(words.ATTENTION_TEXTS) if attention else ""
        cancelled = rnd() < 0.02
        email = (f"{_mail_part(first)}.{_mail_part(last)}{i}@{pick(words.MAIL_DOMAINS)}")
        p = bits(32) % 100_000_000
        phone = f"06 {p // 1000000:02d} {p // 10000 % 100:02d} {p // 100 % 100:02d} {p % 100:02d}"
        consent = rnd() < 0.9
        registered = now - timedelta(minutes=1440 + bits(16) % (59 * 1440))
        r_morning, r_afternoon, r_same_track, r_pick = rnd(), rnd(), rnd(), rnd()
        pick_m, pick_a = bits(30), bits(30)
        rows.append(dict(
            code=code, source=SOURCE, source_id=str(i), source_order=f"seed {seed}",
            first_name=first, last_name=last, email=email, phone=phone, organisation=org,
            job_title=pick(words.JOB_TITLES), profession=profession,
            category_id=categories[category], city=city, postcode=postcode,
            attention=attention, attention_text=attention_text, consent=consent,
            status=AttendeeStatus.CANCELLED if cancelled else AttendeeStatus.REGISTERED,
            qpv=qpv_keys[bisect(qpv_cum, qpv_draw() * qpv_cum[-1])],
            created_at=registered, updated_at=registered,
        ))
        if cancelled or category not in ("participant", "partenaire", "presse"):
            continue
        chosen_track = None
        if morning and r_morning < 0.75:
            first_choice = morning[pick_m % len(morning)]
            chosen_track = first_choice["track_id"]
            enroll(code, first_choice)
        eligible = [w for w in workshops if profession in w["audience_professions"]]
        if eligible and r_pick < 0.8:
            enroll(code, eligible[pick_a % len(eligible)])
        elif afternoon and r_afternoon < 0.7:
            same = [s for s in afternoon if s["track_id"] == chosen_track]
            pool = same if same and r_same_track < 0.6 else afternoon
            enroll(code, pool[pick_a % len(pool)])
    return rows, choices


def _cumulative(weights: tuple[int, ...]) -> list[int]:
    return list(accumulate(weights))


@lru_cache(maxsize=4096)
def _mail_part(name: str) -> str:
    return fold(name).replace(" ", "-")





def _insert(engine: Engine, eid: int, rows: list[dict], choices: list[dict], seed: int,
            progress: Progress | None) -> None:
    """One transaction: either every new registrant is there, or none is."""
    total = len(rows)
    batch = 5000
    with engine.begin() as conn:
        for start in range(0, total, batch):
            chunk = rows[start:start + batch]
            for r in chunk:
                r["event_id"] = eid
            bulk_insert(conn, Attendee, chunk)
            if progress:
                progress(min(start + batch, total), total)
        ids = {r.code: r.id for r in CODES_OF_SOURCE.all(conn, event=eid, source=SOURCE)} \
            if rows else {}
        index_new_attendees(conn, ((ids[r["code"]], eid, r["first_name"], r["last_name"],
                                    r["organisation"], r["email"]) for r in rows))
        if choices:
            now = utcnow()
            bulk_insert(conn, Enrollment, [
                dict(attendee_id=ids[c["code"]], session_id=c["session_id"], status=c["status"],
                     position=c["position"], created_at=now, updated_at=now) for c in choices])
        if rows:
            journal.write(conn, eid, "demo_load", actor="demo", details={
                "added": total, "seed": seed, "enrollments": len(choices)})
    if progress and not total:
        progress(0, 0)
