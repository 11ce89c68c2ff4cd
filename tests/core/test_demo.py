"""`checkin demo`: the sample event with synthetic registrants, the same for a seed, safe to run
twice, and as realistic as the day: full sessions, waitlists, names that break layouts."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.demo import SOURCE, DemoError, load_demo
from checkin.core.monitoring.overview import seats, table_counts
from checkin.core.text import fold
from checkin.store import open_store
from checkin.store.models import Attendee, Enrollment, EventSession, Journal, Room
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, SessionKind


def _people(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(Attendee.id, Attendee.code, Attendee.first_name, Attendee.last_name,
                      Attendee.email, Attendee.profession, Attendee.status)
            .where(Attendee.source == SOURCE).order_by(Attendee.id))]


def _enrollments(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(
            sa.select(Attendee.code, EventSession.key, Enrollment.status, Enrollment.position)
            .join(Attendee, Attendee.id == Enrollment.attendee_id)
            .join(EventSession, EventSession.id == Enrollment.session_id)))


def _journal_rows(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(Journal)).scalar_one()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[sa.Engine]:
    """A second, independent store (SQLite), to compare a backend's result against."""
    engine = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    yield engine
    engine.dispose()


def test_same_seed_gives_the_same_people(engine: sa.Engine, sqlite_store: sa.Engine) -> None:
    first = load_demo(engine, 150, seed=7)
    second = load_demo(sqlite_store, 150, seed=7)
    assert first.added == second.added == 150
    strip_ids = lambda rows: [r[1:] for r in rows]  # noqa: E731
    people = strip_ids(_people(engine))
    assert len(people) == 150
    assert people == strip_ids(_people(sqlite_store))
    assert _enrollments(engine) == _enrollments(sqlite_store)
    assert len({code for code, *_ in people}) == 150  # ticket codes are unique


def test_another_seed_gives_other_people(sqlite_engine: sa.Engine, sqlite_store: sa.Engine) -> None:
    load_demo(sqlite_engine, 50, seed=1)
    load_demo(sqlite_store, 50, seed=2)
    codes = {r[1] for r in _people(sqlite_engine)}
    assert codes.isdisjoint({r[1] for r in _people(sqlite_store)})


def test_running_twice_adds_nothing(engine: sa.Engine) -> None:
    load_demo(engine, 200, seed=1)
    counts, journal, people = table_counts(engine), _journal_rows(engine), _people(engine)
    report = load_demo(engine, 200, seed=1)
    assert report.added == 0
    assert table_counts(engine) == counts
    assert _journal_rows(engine) == journal
    assert _people(engine) == people
    # A smaller number removes nobody either.
    assert load_demo(engine, 40, seed=1).added == 0
    assert table_counts(engine) == counts


def test_larger_number_adds_only_the_difference(engine: sa.Engine, sqlite_store: sa.Engine) -> None:
    load_demo(engine, 120, seed=3)
    before = _people(engine)
    report = load_demo(engine, 300, seed=3)
    assert report.added == 180
    assert report.existing == 120
    after = _people(engine)
    assert after[:120] == before  # the first registrants are kept as they were, ids included
    # Growing a store step by step gives what loading the larger number at once gives.
    load_demo(sqlite_store, 300, seed=3)
    assert [r[1:] for r in after] == [r[1:] for r in _people(sqlite_store)]
    assert _enrollments(engine) == _enrollments(sqlite_store)


def test_another_seed_on_the_same_store_is_refused(engine: sa.Engine) -> None:
    load_demo(engine, 60, seed=1)
    counts, journal = table_counts(engine), _journal_rows(engine)
    with pytest.raises(DemoError) as err:
        load_demo(engine, 80, seed=2)
    assert "seed 1" in str(err.value)
    assert table_counts(engine) == counts
    assert _journal_rows(engine) == journal


def test_negative_number_is_refused(sqlite_engine: sa.Engine) -> None:
    with pytest.raises(DemoError):
        load_demo(sqlite_engine, -3)
    assert table_counts(sqlite_engine)["attendees"] == 0


def test_enrollments_respect_seats_and_audiences(engine: sa.Engine) -> None:
    report = load_demo(engine, 2000, seed=1)
    assert report.added == 2000
    with engine.connect() as conn:
        sessions = {r.id: r for r in conn.execute(
            sa.select(EventSession.id, EventSession.key, EventSession.kind,
                      EventSession.capacity, EventSession.audience_professions,
                      Room.capacity.label("room_capacity"))
            .join(Room, Room.id == EventSession.room_id, isouter=True))}
        rows = conn.execute(
            sa.select(Enrollment.session_id, Enrollment.status, Enrollment.position,
                      Attendee.profession, Attendee.status.label("attendee_status"))
            .join(Attendee, Attendee.id == Enrollment.attendee_id)).all()

    booked = Counter(r.session_id for r in rows if r.status == EnrollmentStatus.BOOKED)
    waiting: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r.status == EnrollmentStatus.WAITLISTED:
            waiting[r.session_id].append(r.position)
    for sid, s in sessions.items():
        limit = seats(s.capacity, s.room_capacity)
        assert limit is not None
        assert booked[sid] <= limit, f"{s.key}: {booked[sid]} booked for {limit} seats"
        if waiting[sid]:
            # Nobody waits for a session with a free seat; the waitlist is in order.
            assert booked[sid] == limit, s.key
            assert sorted(waiting[sid]) == list(range(1, len(waiting[sid]) + 1))
    assert waiting, "2000 registrants should fill some sessions"
    # potentiel-aprem has 25 seats in a 40-seat room: the smaller one counts.
    potentiel = next(sid for sid, s in sessions.items() if s.key == "potentiel-aprem")
    assert booked[potentiel] == 25

    workshop_rows = [r for r in rows if sessions[r.session_id].kind == SessionKind.WORKSHOP]
    assert workshop_rows
    for r in workshop_rows:
        assert r.profession in sessions[r.session_id].audience_professions
    assert all(r.attendee_status == AttendeeStatus.REGISTERED for r in rows)


def test_names_are_as_varied_as_real_exports(sqlite_engine: sa.Engine) -> None:
    # Made in Python, so one backend is enough; test_same_seed_gives_the_same_people shows
    # PostgreSQL keeps the same names.
    load_demo(sqlite_engine, 2000, seed=1)
    names = [f"{first} {last}" for _, _, first, last, *_ in _people(sqlite_engine)]
    assert any(not n.isascii() for n in names)          # accents
    assert any("-" in n for n in names)                 # Jean-Noël, Saint-Exupéry
    assert any("'" in n for n in names)                 # L'Hôte, N'Diaye
    assert any("œ" in n.lower() for n in names)         # Œillet, Bœuf
    assert max(len(n) for n in names) >= 45             # a badge must shrink or wrap it


def test_demo_people_can_be_found_by_what_a_volunteer_types(sqlite_engine: sa.Engine) -> None:
    load_demo(sqlite_engine, 300, seed=1)
    from checkin.core.search.lookup import search

    with sqlite_engine.connect() as conn:
        rows = conn.execute(sa.select(Attendee.id, Attendee.event_id, Attendee.first_name,
                                      Attendee.last_name, Attendee.organisation)
                            .where(Attendee.source == SOURCE).limit(60)).all()
    for aid, event_id, first, last, _org in rows:
        # What a volunteer types: the start of the family name, folded, then the first name.
        typed = f"{fold(last).split()[-1][:4]} {fold(first).split()[0][:3]}"
        assert aid in [h.attendee_id for h in search(sqlite_engine, event_id, typed, limit=200)], typed
