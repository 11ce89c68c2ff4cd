"""Routing: a person's programme for the rest of the day, and suggestions for a free slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from checkin.core.admission.routing import route
from checkin.core.admission.scan import ScanService
from checkin.core.clock import fixed_clock
from tests.helpers.sessions import AFTERNOON, code_of, enroll, set_capacity, sid

MORNING = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)  # 9:00 in Amiens


def test_the_programme_lists_bookings_and_plenaries_with_rooms(engine, sample_event, make_attendee):
    person = make_attendee()
    enroll(engine, person, sid(engine, "emergence-matin"))
    enroll(engine, person, sid(engine, "emergence-aprem"))
    r = route(engine, sample_event, code_of(engine, person), MORNING)
    assert r.found and not r.cancelled
    keys = [s.key for s in r.programme]
    assert keys[:3] == ["ouverture", "emergence-matin", "emergence-aprem"]
    assert "concours" in keys  # open to everyone
    morning = r.programme[1]
    assert morning.status == "booked" and morning.room and morning.seats_left is not None
    assert r.suggestions == []  # both slots are taken


def test_what_is_over_is_left_out(engine, sample_event, make_attendee):
    person = make_attendee()
    enroll(engine, person, sid(engine, "emergence-matin"))
    r = route(engine, sample_event, code_of(engine, person), AFTERNOON)
    assert "emergence-matin" not in [s.key for s in r.programme]
    assert "ouverture" not in [s.key for s in r.programme]


def test_suggestions_prefer_the_same_track_and_skip_full_or_closed_sessions(engine, sample_event, make_attendee):
    person = make_attendee(profession="developpeur")
    enroll(engine, person, sid(engine, "emergence-matin"))
    full = sid(engine, "potentiel-aprem")
    set_capacity(engine, full, 1)
    ScanService(engine, sample_event, clock=fixed_clock(AFTERNOON)).scan(
        code_of(engine, make_attendee()), session_id=full)
    r = route(engine, sample_event, code_of(engine, person), MORNING + timedelta(hours=3))
    keys = [s.key for s in r.suggestions]
    assert 1 <= len(keys) <= 3 and keys[0] == "emergence-aprem"  # their morning track
    assert "potentiel-aprem" not in keys                       # no seat left
    assert not {"atelier-charte", "atelier-emergence"} & set(keys)  # not their profession
    assert all(s.status == "suggested" and (s.seats_left is None or s.seats_left > 0)
               for s in r.suggestions)


def test_waitlisted_people_are_told_when_a_seat_frees_up(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 1)
    enroll(engine, make_attendee(), session)           # booked, never comes
    waiting = make_attendee()
    enroll(engine, waiting, session, "waitlisted", position=1)
    before = route(engine, sample_event, code_of(engine, waiting), AFTERNOON)
    stop = next(s for s in before.programme if s.key == "emergence-aprem")
    assert stop.status == "waitlisted" and stop.waitlist_position == 1 and not stop.seat_free_now
    after = route(engine, sample_event, code_of(engine, waiting), AFTERNOON + timedelta(minutes=15))
    stop = next(s for s in after.programme if s.key == "emergence-aprem")
    assert stop.seat_free_now and stop.now


def test_unknown_and_cancelled_codes(engine, sample_event, make_attendee):
    assert not route(engine, sample_event, "NOPE", MORNING).found
    gone = route(engine, sample_event, code_of(engine, make_attendee(status="cancelled")), MORNING)
    assert gone.found and gone.cancelled and gone.programme == []
