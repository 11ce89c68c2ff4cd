"""Fewer seats than bookings (issue 18): a programme load that lowers a session's seats
below its bookings stops and names who would lose a seat, or does what the coordinator
chose — keep everyone booked, or move the last to book to the head of the waitlist."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import CapacityBelowBookings, load_programme
from checkin.core.programme.overflow import KEEP, WAITLIST
from tests.helpers.cli import run_cli
from tests.helpers.sessions import code_of, enroll, sid


def book(engine, attendee: int, session: int, status: str, position: int, minute: int) -> None:
    enroll(engine, attendee, session, status, position,
           at=datetime(2026, 11, 20, 10, tzinfo=UTC) + timedelta(minutes=minute))


@pytest.fixture
def workshop(engine, sample_event, make_attendee):
    """atelier-charte (room of 20) with 6 booked — booked in a shuffled order of ids, so
    that booking order is not the order of the rows — and 2 waiting."""
    session = sid(engine, "atelier-charte")
    people = [make_attendee(first_name=f"P{i}", last_name="Charte") for i in range(8)]
    for minute, person in zip((5, 1, 4, 2, 6, 3), people[:6]):
        book(engine, person, session, "booked", 0, minute)
    for place, person in enumerate(people[6:], 1):
        book(engine, person, session, "waitlisted", place, 10 + place)
    in_booking_order = [p for _m, p in sorted(zip((5, 1, 4, 2, 6, 3), people[:6]))]
    return session, [code_of(engine, p) for p in in_booking_order], \
        [code_of(engine, p) for p in people[6:]]


def room_of(seats: int):
    programme = read_programme(sample_event_path())
    for room in programme.rooms:
        if room["key"] == "incubateur":
            room["capacity"] = seats
    return programme


def enrolled(engine, session: int) -> tuple[list[str], list[str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT a.code, en.status FROM enrollment en JOIN attendee a ON a.id = en.attendee_id "
            "WHERE en.session_id = :s ORDER BY en.position, en.created_at, en.id"),
            {"s": session}).all()
    return ([c for c, s in rows if s == "booked"], [c for c, s in rows if s == "waitlisted"])


def test_a_room_made_smaller_than_its_bookings_is_refused_naming_the_last_to_book(
        engine, sample_event, workshop):
    session, booked, waiting = workshop
    with pytest.raises(CapacityBelowBookings) as refused:
        load_programme(engine, room_of(4))
    (overflow,) = refused.value.overflows
    assert (overflow.key, overflow.seats_before, overflow.seats, overflow.booked) == \
        ("atelier-charte", 20, 4, 6)
    assert [code for _a, code, _n in overflow.losing] == booked[4:]
    assert "4 seats for 6 booked, 2 would lose their seat" in refused.value.problems[0]
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT capacity FROM room WHERE key = 'incubateur'")).scalar() == 20
    assert sorted(enrolled(engine, session)[0]) == sorted(booked)


def test_the_overflow_goes_to_the_head_of_the_waitlist_in_booking_order(
        engine, sample_event, workshop):
    session, booked, waiting = workshop
    report = load_programme(engine, room_of(4), overflow=WAITLIST)
    now_booked, now_waiting = enrolled(engine, session)
    assert sorted(now_booked) == sorted(booked[:4])
    assert now_waiting == booked[4:] + waiting
    assert [(done["session"], done["losing"]) for done in report.overflow] == \
        [("atelier-charte", booked[4:])]


def test_keeping_everyone_booked_is_journaled_and_asked_once(engine, sample_event, workshop):
    session, booked, _waiting = workshop
    load_programme(engine, room_of(4), overflow=KEEP, actor="coord")
    assert sorted(enrolled(engine, session)[0]) == sorted(booked)
    with engine.connect() as conn:
        details = conn.execute(sa.text(
            "SELECT details FROM journal WHERE action = 'programme_load' ORDER BY id DESC")).scalar()
    details = details if isinstance(details, dict) else json.loads(details)
    assert details["overflow"]["choice"] == "keep"
    assert details["overflow"]["sessions"][0]["losing"] == booked[4:]
    load_programme(engine, room_of(4))  # the same seats again: nothing new to decide
    with pytest.raises(CapacityBelowBookings):
        load_programme(engine, room_of(3))  # fewer again: asked again


def test_the_command_line_lists_them_and_takes_a_choice(capsys, sqlite_url, tmp_path):
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    load_demo(open_store(sqlite_url), 300)
    file = tmp_path / "event.toml"
    assert run_cli(capsys, "--db", sqlite_url, "event", "export", str(file))[0] == 0
    text = file.read_text(encoding="utf-8")
    at = text.index('key = "incubateur"')
    smaller = text[:at] + text[at:].replace("capacity = 20", "capacity = 15", 1)
    file.write_text(smaller, encoding="utf-8")
    code, _out, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(file))
    assert code != 0
    assert "seats fewer people than are booked" in err and "would lose their seat" in err
    assert "--overflow keep" in err
    code, _out, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(file),
                              "--overflow", "waitlist")
    assert code == 0 and "moved to the head of the waitlist" in err
