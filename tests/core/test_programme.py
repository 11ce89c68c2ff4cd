"""The event file a coordinator writes: loaded into the store, re-loaded in place, and refused
with a message naming the faulty entry — with nothing written — when it is wrong."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from checkin.core.monitoring.overview import table_counts
from checkin.core.programme.event_file import (
    PEOPLE_SOURCE, ProgrammeError, parse_programme, read_programme, sample_event_path,
)
from checkin.core.programme.load import load_programme
from checkin.store.models import Attendee, Category, Enrollment, Event, EventSession, Journal, Room, Track
from checkin.store.vocabulary import EnrollmentStatus, SessionKind

SAMPLE_TEXT = sample_event_path().read_text(encoding="utf-8")
UTC = UTC


def _count(engine: sa.Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def _edited(tmp_path: Path, *edits: tuple[str, str], name: str = "event.toml") -> Path:
    """A copy of the sample file with each `old` text (found exactly once) replaced."""
    text = SAMPLE_TEXT
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not unique in the sample: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sessions(engine: sa.Engine) -> dict[str, EventSession]:
    with Session(engine) as db:
        return {s.key: s for s in db.exec(select(EventSession))}


# --- the sample event -----------------------------------------------------------------------

def test_sample_event_loads_whole(engine: sa.Engine, sample_event: int) -> None:
    with Session(engine) as db:
        event = db.get(Event, sample_event)
        assert event is not None
        assert event.key == "popup-irev-amiens"
        assert event.timezone == "Europe/Paris"
        assert len(db.exec(select(Category).where(Category.event_id == sample_event)).all()) == 8
        assert len(db.exec(select(Room).where(Room.event_id == sample_event)).all()) == 8
        assert len(db.exec(select(Track).where(Track.event_id == sample_event)).all()) == 5
    sessions = _sessions(engine)
    assert len(sessions) == 15
    kinds = Counter(s.kind for s in sessions.values())
    assert kinds == {SessionKind.TRACK: 10, SessionKind.PLENARY: 2,
                     SessionKind.WORKSHOP: 2, SessionKind.CONTEST: 1}
    assert sessions["atelier-charte"].audience_professions == ["etat", "animateur-charte"]
    assert sessions["atelier-emergence"].audience_professions == ["citeslab"]
    assert sessions["potentiel-aprem"].capacity == 25


def test_contest_has_six_project_holders_and_three_jury(engine: sa.Engine, sample_event: int) -> None:
    with Session(engine) as db:
        people = db.exec(
            select(Attendee.source_id, Category.key)
            .join(Category, Category.id == Attendee.category_id)
            .where(Attendee.source == PEOPLE_SOURCE)).all()
        category_of = dict(people)  # speakers are the keys of the file's [[people]]
        contest = db.exec(select(EventSession).where(EventSession.key == "concours")).one()
    roles = Counter(category_of[name] for name in contest.speakers)
    assert roles == {"porteur-de-projet": 6, "jury": 3}


def test_named_people_are_registrants_with_a_badge_code(engine: sa.Engine, sample_event: int) -> None:
    with Session(engine) as db:
        lhote = db.exec(select(Attendee).where(Attendee.source_id == "lhote")).one()
    assert lhote.last_name == "L'Hôte"
    assert lhote.code == "LHOTE"
    from checkin.core.search.lookup import search

    for typed in ("lhote", "hote", "cecile l"):
        assert lhote.id in [h.attendee_id for h in search(engine, sample_event, typed)], typed


def test_session_times_are_stored_in_utc(engine: sa.Engine, sample_event: int) -> None:
    sessions = _sessions(engine)
    # Europe/Paris is UTC+1 in December: 10:15 on the programme is 09:15 UTC.
    assert sessions["emergence-matin"].starts_at == datetime(2026, 12, 10, 9, 15, tzinfo=UTC)
    assert sessions["emergence-matin"].ends_at == datetime(2026, 12, 10, 11, 15, tzinfo=UTC)
    assert sessions["ouverture"].starts_at.utcoffset().total_seconds() == 0
    with Session(engine) as db:
        event = db.get(Event, sample_event)
        assert event is not None
        assert event.starts_at == datetime(2026, 12, 10, 7, 30, tzinfo=UTC)
        assert event.ends_at == datetime(2026, 12, 10, 17, 0, tzinfo=UTC)


def test_summer_date_uses_summer_time(tmp_path: Path) -> None:
    path = _edited(tmp_path, ("date = 2026-12-10", "date = 2026-06-18"))
    sessions = {s["key"]: s for s in read_programme(path).sessions}
    assert sessions["emergence-matin"]["starts_at"] == datetime(2026, 6, 18, 8, 15, tzinfo=UTC)


def test_times_may_be_written_with_h(tmp_path: Path) -> None:
    path = _edited(tmp_path, ('start = "09:15"', 'start = "9h15"'))
    sessions = {s["key"]: s for s in read_programme(path).sessions}
    assert sessions["ouverture"]["starts_at"] == datetime(2026, 12, 10, 8, 15, tzinfo=UTC)


# --- re-loading -----------------------------------------------------------------------------

def test_reloading_the_same_file_changes_nothing(engine: sa.Engine, sample_event: int) -> None:
    counts = table_counts(engine)
    journal = _count(engine, Journal)
    ids = {k: s.id for k, s in _sessions(engine).items()}
    report = load_programme(engine, read_programme(sample_event_path()))
    assert report.event_id == sample_event
    assert report.created == {} and report.updated == {}
    assert table_counts(engine) == counts
    assert _count(engine, Journal) == journal
    assert {k: s.id for k, s in _sessions(engine).items()} == ids


def test_reloading_an_edited_file_updates_in_place(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    sessions = _sessions(engine)
    with Session(engine) as db:
        speaker = db.exec(select(Attendee).where(Attendee.source_id == "mercier")).one()
        db.add(Enrollment(attendee_id=speaker.id, session_id=sessions["potentiel-matin"].id,
                          status=EnrollmentStatus.BOOKED))
        db.commit()
    journal = _count(engine, Journal)
    path = _edited(tmp_path, (
        'name = "Salle des Hortillonnages"\ncapacity = 40',
        'name = "Salle des Hortillonnages"\ncapacity = 32',
    ))

    report = load_programme(engine, read_programme(path))

    assert report.event_id == sample_event
    assert report.created == {}
    assert report.updated == {"room": 1}
    with Session(engine) as db:
        room = db.exec(select(Room).where(Room.key == "hortillonnages")).one()
        assert room.capacity == 32
        enrollments = db.exec(select(Enrollment)).all()
    assert [(e.session_id, e.status) for e in enrollments] == [
        (sessions["potentiel-matin"].id, EnrollmentStatus.BOOKED)]
    assert {k: s.id for k, s in _sessions(engine).items()} == {k: s.id for k, s in sessions.items()}
    assert _count(engine, Journal) == journal + 1


def test_reloading_a_moved_session_keeps_its_id(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    before = _sessions(engine)["cloture"]
    path = _edited(tmp_path, ('start = "17:15"\nend = "17:45"', 'start = "17:20"\nend = "17:50"'))
    report = load_programme(engine, read_programme(path))
    assert report.updated == {"session": 1}
    after = _sessions(engine)["cloture"]
    assert after.id == before.id
    assert after.starts_at == datetime(2026, 12, 10, 16, 20, tzinfo=UTC)


# --- invalid files --------------------------------------------------------------------------

BAD_FILES = {
    "unknown-room": (
        [('room = "somme"\nstart = "10:15"', 'room = "grenier"\nstart = "10:15"')],
        ["'emergence-matin'", "unknown room 'grenier'"]),
    "unknown-track": (
        [('track = "emergence"\nroom = "somme"\nstart = "10:15"',
          'track = "agriculture"\nroom = "somme"\nstart = "10:15"')],
        ["'emergence-matin'", "unknown track 'agriculture'"]),
    "room-clash": (
        [('room = "cantine"\nstart = "10:15"', 'room = "labo"\nstart = "10:15"')],
        ["'commerce-matin'", "'territoires-matin'", "room 'labo'"]),
    "end-before-start": (
        [('start = "10:15"\nend = "12:15"\nspeakers = ["benali"',
          'start = "10:15"\nend = "09:45"\nspeakers = ["benali"')],
        ["'emergence-matin'", "09:45", "not after its start"]),
    "outside-the-day": (
        [('start = "17:15"\nend = "17:45"', 'start = "17:15"\nend = "18:30"')],
        ["'cloture'", "outside the day"]),
    "bad-time-text": (
        [('start = "09:15"', 'start = "neuf heures"')],
        ["'ouverture'", "'neuf heures' is not a time"]),
    "impossible-time": (
        [('start = "09:15"', 'start = "09:75"')],
        ["'ouverture'", "not a time"]),
    "duplicate-session-key": (
        [('key = "cloture"', 'key = "concours"')],
        ["[[sessions]] #15", "key 'concours' is used twice"]),
    "negative-session-capacity": (
        [('end = "15:45"\ncapacity = 25', 'end = "15:45"\ncapacity = -5')],
        ["'potentiel-aprem'", "capacity"]),
    "text-session-capacity": (
        [('end = "15:45"\ncapacity = 25', 'end = "15:45"\ncapacity = "vingt"')],
        ["'potentiel-aprem'", "capacity"]),
    "unknown-speaker": (
        [('speakers = ["rousseau"]', 'speakers = ["inconnu"]')],
        ["'atelier-charte'", "speaker 'inconnu'"]),
    "unknown-profession": (
        [('audience_professions = ["citeslab"]', 'audience_professions = ["astronaute"]')],
        ["'atelier-emergence'", "unknown profession 'astronaute'"]),
    "negative-seat-hold": (
        [("seat_hold_minutes = 10", "seat_hold_minutes = -1")],
        ["[event]", "seat_hold_minutes"]),
    "toml-duplicate-key": (
        [('key = "cloture"', 'key = "cloture"\nkey = "fin"')],
        ["event.toml", "line"]),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_invalid_file_names_the_faulty_entry(case: str, tmp_path: Path) -> None:
    edits, expected = BAD_FILES[case]
    with pytest.raises(ProgrammeError) as err:
        read_programme(_edited(tmp_path, *edits))
    message = str(err.value)
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"


def _first_session_as_table(raw: dict) -> None:
    raw["sessions"] = raw["sessions"][0]  # written [sessions] instead of [[sessions]]


def _speakers_as_text(raw: dict) -> None:
    raw["sessions"][0]["speakers"] = "velay"


@pytest.mark.parametrize(("mistake", "expected"), [
    (_first_session_as_table, "[[sessions]]: write each entry as a [[sessions]] table"),
    (lambda raw: raw.update(event=[raw["event"]]), "[event]"),
    (lambda raw: raw.update(professions=[raw["professions"]]), "[professions]"),
    (lambda raw: raw.update(rooms="auditorium"), "[[rooms]]"),
    (_speakers_as_text, "'ouverture': speakers must be a list"),
], ids=["single-sessions-table", "event-array", "professions-array", "rooms-text",
        "speakers-text"])
def test_misshapen_file_is_a_programme_error(mistake, expected: str) -> None:
    """TOML mistakes a coordinator makes ([x] for [[x]], "a" for ["a"]) get a message,
    not a crash."""
    raw = tomllib.loads(SAMPLE_TEXT)
    mistake(raw)
    with pytest.raises(ProgrammeError) as err:
        parse_programme(raw)
    assert expected in str(err.value)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        ('room = "somme"\nstart = "10:15"', 'room = "grenier"\nstart = "10:15"'),
        ('start = "17:15"\nend = "17:45"', 'start = "17:15"\nend = "18:30"'),
    )
    with pytest.raises(ProgrammeError) as err:
        read_programme(path)
    assert len(err.value.problems) == 2


def test_a_long_session_clashing_with_two_short_ones_is_reported_twice() -> None:
    raw = tomllib.loads(SAMPLE_TEXT)
    for key, start, end in (("long", "10:00", "12:00"), ("cafe", "10:15", "10:30"),
                            ("expo", "11:00", "11:30")):
        raw["sessions"].append(dict(key=key, title=key, kind="plenary", room="verriere",
                                    start=start, end=end))
    with pytest.raises(ProgrammeError) as err:
        parse_programme(raw)
    clashes = [p for p in err.value.problems if "room 'verriere' is already taken" in p]
    assert len(clashes) == 2
    assert any("'cafe'" in p for p in clashes) and any("'expo'" in p for p in clashes)


def test_sessions_back_to_back_in_one_room_are_fine() -> None:
    raw = tomllib.loads(SAMPLE_TEXT)
    for key, start, end in (("premier", "10:00", "11:00"), ("second", "11:00", "12:00")):
        raw["sessions"].append(dict(key=key, title=key, kind="plenary", room="verriere",
                                    start=start, end=end))
    keys = {s["key"] for s in parse_programme(raw).sessions}
    assert {"premier", "second"} <= keys


def test_missing_file_is_a_programme_error(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError) as err:
        read_programme(tmp_path / "absent.toml")
    assert "no such file" in str(err.value)


def test_invalid_file_writes_nothing(engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    counts = table_counts(engine)
    journal = _count(engine, Journal)
    with Session(engine) as db:
        room = db.exec(select(Room).where(Room.key == "somme")).one()
        assert room.capacity == 60
    for case, (edits, _) in BAD_FILES.items():
        # Each bad file also carries a valid edit, which must not be applied either.
        path = _edited(tmp_path, *edits, ('capacity = 60', 'capacity = 61'), name=f"{case}.toml")
        with pytest.raises(ProgrammeError):
            load_programme(engine, read_programme(path))
    assert table_counts(engine) == counts
    assert _count(engine, Journal) == journal
    with Session(engine) as db:
        assert db.exec(select(Room).where(Room.key == "somme")).one().capacity == 60


def test_the_seat_hold_is_read_and_changed_by_a_reload(engine: sa.Engine, sample_event: int,
                                                        tmp_path: Path) -> None:
    with Session(engine) as db:
        assert db.exec(select(Event)).one().seat_hold_minutes == 10
    load_programme(engine, read_programme(_edited(
        tmp_path, ("seat_hold_minutes = 10", "seat_hold_minutes = 20"))))
    with Session(engine) as db:
        assert db.exec(select(Event)).one().seat_hold_minutes == 20
