"""The day itself, as the desk shows it: a warning above the answer on any day that is not
the event's (in French first), none on the day; the rooms tab says why it lists what it
lists; the window's sample is put on today."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

import checkin.core.clock
from checkin.app import create_window, install_translators
from checkin.core.demo import load_demo
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Event
from checkin.ui.desk_view import DeskView
from tests.helpers.window import hand_desk_to

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_BEFORE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)   # the sample is on Thursday 10 December
EVENT_MORNING = datetime(2026, 12, 10, 8, 40, tzinfo=UTC)  # 09:40 in Amiens: the opening is on
DAY_AFTER = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)


class Clock:
    """The desk's clock, set by the test (a window left open over midnight)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def demo_url(sqlite_url):
    load_demo(open_store(sqlite_url), 10, seed=6)
    return sqlite_url


@contextmanager
def language(name: str) -> Iterator[None]:
    install_translators(QApplication.instance(), name)
    try:
        yield
    finally:
        install_translators(QApplication.instance(), "en")


@contextmanager
def desk(qtbot, url: str, clock: Clock) -> Iterator[DeskView]:
    view = DeskView(open_store(url), 1, PARIS, desk="test", operator=lambda: "volunteer", clock=clock)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.day_banner.watch.busy(), timeout=5000)
    try:
        yield view
    finally:
        view.detach()


def test_another_day_shows_the_warning_in_french_above_the_answer(qtbot, demo_url):
    with language("fr"), desk(qtbot, demo_url, Clock(TUESDAY_BEFORE)) as view:
        banner = view.findChild(QLabel, "dayBanner")
        assert banner.isVisible()
        assert banner.text() == ("Attention : l'événement a lieu le jeudi 10 décembre 2026, pas "
                                 "aujourd'hui (mardi 1er décembre). Les entrées sont quand même "
                                 "enregistrées.")
        answer = view.panel
        assert answer.isVisible()
        top_of_answer = answer.mapTo(view, answer.rect().topLeft()).y()
        assert banner.mapTo(view, banner.rect().bottomLeft()).y() < top_of_answer


def test_after_the_event_it_says_it_took_place(qtbot, demo_url):
    with desk(qtbot, demo_url, Clock(DAY_AFTER)) as view:
        assert view.day_banner.isVisible()
        assert view.day_banner.text() == ("Warning: the event took place on Thursday 10 December 2026, "
                                          "not today (Friday 11 December). Scans are recorded all the same.")


def test_no_banner_on_the_event_day(qtbot, demo_url):
    with desk(qtbot, demo_url, Clock(EVENT_MORNING)) as view:
        assert not view.findChild(QLabel, "dayBanner").isVisible()


def test_past_midnight_into_the_event_day_the_banner_goes(qtbot, demo_url):
    clock = Clock(datetime(2026, 12, 9, 22, 59, tzinfo=UTC))  # 23:59 the day before, in Amiens
    with desk(qtbot, demo_url, clock) as view:
        assert view.day_banner.isVisible()
        clock.moment = datetime(2026, 12, 9, 23, 1, tzinfo=UTC)  # 00:01 on the day
        view.day_banner.watch._timer.timeout.emit()  # the watch's periodic check, without the wait
        qtbot.waitUntil(lambda: not view.day_banner.isVisible(), timeout=5000)


def test_the_event_moved_to_today_takes_the_banner_away_on_the_next_check(qtbot, demo_url):
    with desk(qtbot, demo_url, Clock(TUESDAY_BEFORE)) as view:
        assert view.day_banner.isVisible()
        load_demo(open_store(demo_url), 10, seed=6, day=date(2026, 12, 1))
        view.day_banner.recheck()
        qtbot.waitUntil(lambda: not view.day_banner.isVisible(), timeout=5000)


def test_the_windows_sample_takes_place_today(qtbot, sqlite_url, monkeypatch):
    monkeypatch.setattr(checkin.core.clock, "system_clock", lambda: TUESDAY_BEFORE)
    win = create_window(sqlite_url, language="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.mouseClick(win.findChild(QPushButton, "loadSampleButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=30_000)
    with open_store(sqlite_url).connect() as conn:
        starts = conn.execute(sa.select(Event.starts_at)).scalar_one()
    assert starts.astimezone(PARIS).date() == date(2026, 12, 1)
    win.desk_view().detach()


def _rooms_line(qtbot, win, moment: datetime) -> str:
    view = win.occupancy_view()
    qtbot.waitUntil(lambda: not view.busy(), timeout=5000)
    view._clock = lambda: moment
    view.last = None
    view.refresh()
    qtbot.waitUntil(lambda: view.last is not None, timeout=5000)
    line = win.findChild(QLabel, "roomsListing")
    win._tabs.setCurrentWidget(view)
    assert line.isVisible()
    return line.text()


def test_the_rooms_tab_says_which_sessions_it_lists_and_why(qtbot, coordinator_window):
    assert _rooms_line(qtbot, coordinator_window, TUESDAY_BEFORE) == (
        "The event takes place on Thursday 10 December 2026: until then, only its first sessions "
        "(at 09:15) are listed, as the next ones to start. The others will appear as their time comes.")
    assert _rooms_line(qtbot, coordinator_window, EVENT_MORNING) == (
        "Only the sessions under way and the next ones to start (at 10:15) are listed. "
        "The others will appear as their time comes.")
    assert _rooms_line(qtbot, coordinator_window, DAY_AFTER) == (
        "No session is listed: the event took place on Thursday 10 December 2026 and all its "
        "sessions are over.")
    assert coordinator_window.occupancy_view().model.rowCount() == 0


def test_the_rooms_line_in_french(qtbot, demo_url):
    with language("fr"):
        win = create_window(demo_url, language="fr")
        qtbot.addWidget(win)
        hand_desk_to(win, Role.COORDINATOR)
        win.show()
        try:
            assert _rooms_line(qtbot, win, DAY_AFTER) == (
                "Aucune session n'est affichée : l'événement a eu lieu le jeudi 10 décembre 2026 "
                "et toutes ses sessions sont terminées.")
        finally:
            win.close()
