"""The sample event put on a given day: every time moves with it, at the same time of day
in Amiens (across the change to summer time too), and a refused load moves nothing."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from checkin.core.demo import DemoError, load_demo
from checkin.store import open_store
from checkin.store.models import Event, EventSession, Journal

PARIS = ZoneInfo("Europe/Paris")
FILE_DAY = date(2026, 12, 10)   # resources/events/pop-up-amiens.toml


def _times(engine) -> tuple[set[date], list[tuple[str, str, str]]]:
    """The days the event and its sessions are on, and each session's local times."""
    with engine.connect() as conn:
        ev = conn.execute(sa.select(Event.starts_at, Event.ends_at)).one()
        rows = conn.execute(sa.select(EventSession.key, EventSession.starts_at, EventSession.ends_at)
                            .order_by(EventSession.key)).all()
    days = {m.astimezone(PARIS).date() for m in (*ev, *(t for _, *pair in rows for t in pair))}
    return days, [(k, f"{s.astimezone(PARIS):%H:%M}", f"{e.astimezone(PARIS):%H:%M}") for k, s, e in rows]


def test_without_a_day_the_file_date_is_kept(sqlite_url):
    engine = open_store(sqlite_url)
    report = load_demo(engine, 5, seed=3)
    assert _times(engine)[0] == {FILE_DAY}
    assert report.day == FILE_DAY and report.moved_from is None


def test_a_new_store_takes_the_day_asked_with_the_same_times_of_day(sqlite_url, tmp_path):
    reference = open_store(f"sqlite:///{tmp_path / 'file-day.sqlite3'}")
    load_demo(reference, 5, seed=3)
    engine = open_store(sqlite_url)
    spring = date(2026, 3, 30)  # the day after the change to summer time: UTC offsets differ
    report = load_demo(engine, 5, seed=3, day=spring)
    days, times = _times(engine)
    assert days == {spring}
    assert times == _times(reference)[1]
    assert report.day == spring and report.moved_from is None


def test_a_stored_event_moves_to_the_day_and_says_from_where(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 5, seed=3)
    _, before = _times(engine)
    report = load_demo(engine, 5, seed=3, day=date(2026, 12, 1))
    assert _times(engine) == ({date(2026, 12, 1)}, before)
    assert report.moved_from == FILE_DAY and report.added == 0
    with engine.connect() as conn:
        journaled = conn.execute(sa.select(Journal.details).where(Journal.action == "event_redate")).scalar_one()
    assert journaled["from"] == "2026-12-10" and journaled["to"] == "2026-12-01"
    again = load_demo(engine, 5, seed=3, day=date(2026, 12, 1))
    assert again.moved_from is None  # already there: nothing written


def test_a_refused_load_does_not_move_the_event(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 5, seed=3)
    with pytest.raises(DemoError, match="seed"):
        load_demo(engine, 5, seed=4, day=date(2026, 12, 1))
    assert _times(engine)[0] == {FILE_DAY}
