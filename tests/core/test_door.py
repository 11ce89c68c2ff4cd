"""Session doors: audience restrictions, seats held for booked people, full rooms, overrides,
undo, and the waitlist — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from checkin.core.admission.scan import ScanService
from checkin.core.clock import fixed_clock
from checkin.core.programme.enrollments import release_seats
from checkin.core.programme.seating import event_seats, session_doors
from tests.helpers.sessions import AFTERNOON, code_of, enroll, set_capacity, sid


def seats_of(engine, event: int, session: int, at: datetime):
    with engine.connect() as conn:
        return next(s for s in event_seats(conn, event, at) if s.session_id == session)


def desk(engine, event, at=AFTERNOON, name="porte-1", operator="benevole"):
    return ScanService(engine, event, desk=name, operator=operator, clock=fixed_clock(at))


def test_a_network_workshop_admits_only_its_professions(engine, sample_event, make_attendee):
    workshop = sid(engine, "atelier-charte")  # for "etat" and "animateur-charte"
    state = code_of(engine, make_attendee(profession="etat"))
    other = code_of(engine, make_attendee(profession="citeslab"))
    door = desk(engine, sample_event)
    assert door.scan(state, session_id=workshop).result == "admitted"
    refused = door.scan(other, session_id=workshop)
    assert refused.result == "not_eligible"
    assert "Services de l'État" in refused.reason and refused.session_title.startswith("Atelier")
    assert seats_of(engine, sample_event, workshop, AFTERNOON).present == 1


def test_a_speaker_of_the_session_always_goes_in(engine, sample_event):
    workshop = sid(engine, "atelier-charte")
    with engine.connect() as conn:
        speaker = conn.execute(sa.text("SELECT code FROM attendee WHERE source = 'event-file' "
                                       "AND source_id = 'rousseau'")).scalar_one()
    assert desk(engine, sample_event).scan(speaker, session_id=workshop).result == "admitted"


def test_a_full_room_refuses_then_a_coordinator_override_is_journaled(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 2)
    codes = [code_of(engine, make_attendee()) for _ in range(3)]
    door = desk(engine, sample_event)
    assert [door.scan(c, session_id=session).result for c in codes[:2]] == ["admitted", "admitted"]
    full = door.scan(codes[2], session_id=session)
    assert full.result == "session_full" and full.seats_left == 0 and "2 of 2" in full.reason
    boss = desk(engine, sample_event, operator="coordinator")
    forced = boss.scan(codes[2], session_id=session, override=True)
    assert forced.result == "admitted" and forced.overridden
    with engine.connect() as conn:
        journal = conn.execute(sa.text("SELECT action, actor, desk, details FROM journal "
                                       "WHERE action = 'override'")).all()
    assert len(journal) == 1 and journal[0][1] == "coordinator" and journal[0][2] == "porte-1"
    assert seats_of(engine, sample_event, session, AFTERNOON).present == 3


def test_an_exit_frees_the_seat_and_a_second_entry_is_already_in(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 1)
    one, two = (code_of(engine, make_attendee()) for _ in range(2))
    door = desk(engine, sample_event)
    assert door.scan(one, session_id=session).result == "admitted"
    assert door.scan(one, session_id=session).result == "already_in"
    assert door.scan(two, session_id=session).result == "session_full"
    assert door.scan(one, session_id=session, exit=True).result == "exited"
    assert door.scan(two, session_id=session, exit=True).result == "not_inside"
    assert door.scan(two, session_id=session).result == "admitted"


def test_booked_seats_are_held_until_the_hold_ends(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 2)
    booked = [make_attendee() for _ in range(2)]
    for a in booked:
        enroll(engine, a, session)
    walk_up = code_of(engine, make_attendee())
    door = desk(engine, sample_event)
    held = door.scan(walk_up, session_id=session)
    assert held.result == "session_full" and "2 held" in held.reason
    # A booked person gets their seat even though the room "looks" full to others.
    assert door.scan(code_of(engine, booked[0]), session_id=session).result == "admitted"
    seats = seats_of(engine, sample_event, session, AFTERNOON)
    assert (seats.present, seats.held, seats.free) == (1, 1, 0)
    later = AFTERNOON + timedelta(minutes=11)  # the default hold is 10 minutes
    assert seats_of(engine, sample_event, session, later).free == 1
    assert desk(engine, sample_event, at=later).scan(walk_up, session_id=session).result == "admitted"


def test_the_hold_follows_the_event_setting(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 1)
    enroll(engine, make_attendee(), session)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE event SET seat_hold_minutes = 30"))
    later = AFTERNOON + timedelta(minutes=20)
    assert seats_of(engine, sample_event, session, later).held == 1
    assert seats_of(engine, sample_event, session, AFTERNOON + timedelta(minutes=31)).held == 0


def test_undo_of_a_door_entry_gives_the_seat_back(engine, sample_event, make_attendee):
    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 1)
    one, two = (code_of(engine, make_attendee()) for _ in range(2))
    door = desk(engine, sample_event)
    door.scan(one, session_id=session)
    undo = door.undo_last(one)
    assert undo.result == "undone" and undo.session_id == session
    assert seats_of(engine, sample_event, session, AFTERNOON).present == 0
    assert door.scan(two, session_id=session).result == "admitted"


def test_a_cancelled_seat_goes_to_the_first_on_the_waitlist(engine, sample_event, make_attendee):
    from checkin.core.admission.routing import route

    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 1)
    holder, first, second = (make_attendee() for _ in range(3))
    enroll(engine, holder, session)
    enroll(engine, second, session, "waitlisted", position=2)
    enroll(engine, first, session, "waitlisted", position=1)
    morning = AFTERNOON - timedelta(hours=4)
    stop = next(s for s in route(engine, sample_event, code_of(engine, second), morning).programme
                if s.session_id == session)
    assert stop.status == "waitlisted" and stop.waitlist_position == 2
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE attendee SET status = 'cancelled' WHERE id = :a"), {"a": holder})
        promoted = release_seats(conn, [holder], morning)
    assert promoted == [first]
    stop = next(s for s in route(engine, sample_event, code_of(engine, first), morning).programme
                if s.session_id == session)
    assert stop.status == "booked"
    stop = next(s for s in route(engine, sample_event, code_of(engine, second), morning).programme
                if s.session_id == session)
    assert stop.waitlist_position == 1


def test_two_desks_taking_the_last_seats_never_exceed_capacity(engine, sample_event, make_attendee):
    """Real processes, released together, each bringing different people to one door."""
    import subprocess
    import sys
    import textwrap
    import time

    session = sid(engine, "emergence-aprem")
    set_capacity(engine, session, 5)
    groups = [[code_of(engine, make_attendee()) for _ in range(8)] for _ in range(2)]
    url = engine.url.render_as_string(hide_password=False)
    start = time.time() + 2.0
    script = textwrap.dedent(f"""
        import sys, time
        from datetime import datetime, timezone
        from checkin.store import open_store
        from checkin.core.admission.scan import ScanService
        from checkin.core.clock import fixed_clock
        codes = {groups!r}[int(sys.argv[1])]
        desk = ScanService(open_store({url!r}), {sample_event}, desk=f"porte-{{sys.argv[1]}}",
                           clock=fixed_clock(datetime(2026, 12, 10, 13, tzinfo=timezone.utc)))
        while time.time() < {start!r}:
            time.sleep(0.001)
        for code in codes:
            desk.scan(code, session_id={session})
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(i)]) for i in (0, 1)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with engine.connect() as conn:
        results = conn.execute(sa.text("SELECT desk, result FROM scan")).all()
    assert len(results) == 16
    assert sorted({r for _, r in results}) == ["admitted", "session_full"]
    assert sum(r == "admitted" for _, r in results) == 5
    assert seats_of(engine, sample_event, session, AFTERNOON).present == 5


def test_a_desk_may_scan_at_the_doors_of_sessions_not_over_yet(engine, sample_event):
    with engine.connect() as conn:
        doors = session_doors(conn, sample_event, AFTERNOON)
        every = event_seats(conn, sample_event, AFTERNOON)
    open_ones = [s for s in every if s.ends_at > AFTERNOON]
    assert 0 < len(open_ones) < len(every)  # the morning sessions are over
    assert [(d.session_id, d.title, d.room, d.starts_at, d.ends_at) for d in doors] == [
        (s.session_id, s.title, s.room, s.starts_at, s.ends_at) for s in open_ones]


def venue(engine, event):
    from checkin.core.monitoring.occupancy import occupancy

    totals = occupancy(engine, event, AFTERNOON).venue
    return totals.arrived, totals.inside


def test_someone_admitted_at_a_door_is_inside_the_venue_too(engine, sample_event, make_attendee):
    """A side door, or a rush at the entrance: the room's door saw them, so the venue
    counts them (as the exports' arrivals do) and the entrance says where they came in."""
    plenary = sid(engine, "cloture")
    code = code_of(engine, make_attendee())
    assert venue(engine, sample_event) == (0, 0)
    assert desk(engine, sample_event, name="porte-auditorium").scan(
        code, session_id=plenary).result == "admitted"
    assert venue(engine, sample_event) == (1, 1)
    again = desk(engine, sample_event, name="accueil").scan(code)
    assert again.result == "already_in" and again.first_entry_desk == "porte-auditorium"
    # Leaving the room is not leaving the venue; leaving by the entrance is.
    assert desk(engine, sample_event, name="porte-auditorium").scan(
        code, session_id=plenary, exit=True).result == "exited"
    assert venue(engine, sample_event) == (1, 1)
    assert desk(engine, sample_event, name="accueil").scan(code, exit=True).result == "exited"
    assert venue(engine, sample_event) == (1, 0)
    # Back in through a door without passing the entrance: inside again.
    assert desk(engine, sample_event, name="porte-auditorium").scan(
        code, session_id=plenary).result == "admitted"
    assert venue(engine, sample_event) == (1, 1)


def test_undoing_the_door_entry_that_let_someone_in_takes_them_out_of_the_venue(
        engine, sample_event, make_attendee):
    plenary = sid(engine, "cloture")
    code = code_of(engine, make_attendee())
    door = desk(engine, sample_event, name="porte-auditorium")
    assert door.scan(code, session_id=plenary).result == "admitted"
    assert door.undo_last(code).result == "undone"
    assert venue(engine, sample_event) == (0, 0)
    # Someone who came in by the entrance first stays inside when a door entry is undone.
    assert desk(engine, sample_event, name="accueil").scan(code).result == "admitted"
    assert door.scan(code, session_id=plenary).result == "admitted"
    assert door.undo_last(code).result == "undone"
    assert venue(engine, sample_event) == (1, 1)
    with engine.connect() as conn:
        kind = conn.execute(sa.text(
            "SELECT s.kind FROM presence p JOIN scan s ON s.id = p.scan_id "
            "WHERE p.place = 0 AND p.attendee_id = (SELECT id FROM attendee WHERE code = :c)"),
            {"c": code}).scalar_one()
    assert kind == "entry"


def test_a_refusal_at_a_door_does_not_count_as_arriving(engine, sample_event, make_attendee):
    workshop = sid(engine, "atelier-charte")  # for "etat" and "animateur-charte"
    code = code_of(engine, make_attendee(profession="citeslab"))
    assert desk(engine, sample_event).scan(code, session_id=workshop).result == "not_eligible"
    assert venue(engine, sample_event) == (0, 0)


def test_the_arrival_curve_counts_a_first_admission_at_the_entrance_or_a_door(
        engine, sample_event, make_attendee):
    from checkin.core.monitoring.arrivals import arrival_curve

    plenary = sid(engine, "cloture")
    first, second = (code_of(engine, make_attendee()) for _ in range(2))
    later = lambda minutes: AFTERNOON + timedelta(minutes=minutes)  # noqa: E731
    assert desk(engine, sample_event, at=later(0), name="accueil").scan(first).result == "admitted"
    assert desk(engine, sample_event, at=later(10), name="porte").scan(
        second, session_id=plenary).result == "admitted"
    assert desk(engine, sample_event, at=later(20), name="porte").scan(
        first, session_id=plenary).result == "admitted"  # already arrived: not a second arrival
    curve = arrival_curve(engine, sample_event, later(30))
    slice_of = lambda moment: int((moment - curve.start).total_seconds() // 300)  # noqa: E731
    assert curve.arrivals[slice_of(later(0))] == 1 and curve.arrivals[slice_of(later(10))] == 1
    assert sum(curve.arrivals) == 2


def test_the_inside_line_counts_who_came_in_by_a_door_and_who_left(
        engine, sample_event, make_attendee):
    """Issue 18: the Rooms chart's "inside" line stayed near 0 while the header said 56:
    people admitted straight at a session's door were missing. The line now moves as the
    venue's presence does (venue_stays reads the same rule), slice by slice."""
    from checkin.core.exports.queries import on_site_during, venue_stays
    from checkin.core.monitoring.arrivals import arrival_curve
    from checkin.core.monitoring.occupancy import occupancy

    plenary = sid(engine, "cloture")
    codes = [code_of(engine, make_attendee()) for _ in range(5)]
    later = lambda minutes: AFTERNOON + timedelta(minutes=minutes)  # noqa: E731
    entrance = lambda m: desk(engine, sample_event, at=later(m), name="accueil")  # noqa: E731
    door = lambda m: desk(engine, sample_event, at=later(m), name="porte")  # noqa: E731
    assert entrance(0).scan(codes[0]).result == "admitted"
    for code in codes[1:4]:  # straight in at the door: on site from then on
        assert door(10).scan(code, session_id=plenary).result == "admitted"
    assert door(15).scan(codes[0], session_id=plenary).result == "admitted"  # already on site
    assert door(20).scan(codes[1], session_id=plenary, exit=True).result == "exited"  # the room only
    assert entrance(25).scan(codes[2], exit=True).result == "exited"  # leaves the venue
    assert entrance(30).scan(codes[4]).result == "admitted"
    assert entrance(31).undo_last(codes[4]).result == "undone"  # an entry made by mistake

    curve = arrival_curve(engine, sample_event, later(40))
    at = lambda minutes: curve.inside[int((later(minutes) - curve.start).total_seconds() // 300)]  # noqa: E731
    assert [at(m) for m in (0, 10, 15, 20, 25, 30, 40)] == [1, 4, 4, 4, 3, 3, 3]
    assert curve.inside[-1] == occupancy(engine, sample_event, later(40)).venue.inside == 3
    with engine.connect() as conn:
        stays = venue_stays(conn, sample_event)
    assert sum(on_site_during(s, later(26), later(27)) for s in stays.values()) == 3
