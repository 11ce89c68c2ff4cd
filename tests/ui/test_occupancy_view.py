"""The coordinator's rooms view: its model, live refresh from another process, alerts,
door mode at the desk and overrides — driven as a coordinator would."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from checkin.app import create_window
from checkin.core.demo import load_demo
from checkin.core.monitoring.occupancy import occupancy
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.ui.models.occupancy import OccupancyModel
from tests.helpers.desk import panel, scan
from tests.helpers.model_validator import ModelValidator
from tests.helpers.window import hand_desk_to

PARIS = ZoneInfo("Europe/Paris")
AFTERNOON = datetime(2026, 12, 10, 13, 5, tzinfo=UTC)  # 14:05 in Amiens


@pytest.fixture
def demo_url(sqlite_url):
    load_demo(open_store(sqlite_url), 60, seed=4)
    return sqlite_url


def _sid(url: str, key: str) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT id FROM session WHERE key = ?", (key,)).fetchone()[0]


def test_the_model_passes_qtmodeltester_and_colours_full_rooms(model_validator: ModelValidator,
                                                               demo_url):
    engine = open_store(demo_url)
    occ = occupancy(engine, 1, AFTERNOON)
    model = OccupancyModel()
    model_validator.set_model(model)  # empty, then on each refresh and after the test
    model.set_sessions(occ.sessions, PARIS)
    full = next(s for s in occ.sessions if s.capacity)
    full.present = full.capacity
    model.set_sessions([full], PARIS)
    assert model.index(0, OccupancyModel.PRESENT).data(OccupancyModel.FillRole) == 1.0
    assert model.index(0, 0).data(__import__("PySide6.QtCore").QtCore.Qt.ItemDataRole.BackgroundRole) is not None
    # The same room refreshed: its row changes in place (dataChanged, no reset).
    emptier = dataclasses.replace(full, present=0)
    model.set_sessions([emptier], PARIS)
    assert model.rowCount() == 1
    assert model.index(0, OccupancyModel.PRESENT).data(OccupancyModel.FillRole) == 0.0


def test_only_coordinators_see_the_rooms(qtbot, demo_url):
    win = create_window(demo_url, language="en")
    qtbot.addWidget(win)
    assert win.occupancy_view() is None  # a volunteer's desk
    hand_desk_to(win, Role.COORDINATOR)
    assert win.occupancy_view() is not None
    assert win.findChild(type(win.occupancy_view().table), "occupancyTable") is not None
    hand_desk_to(win, Role.VOLUNTEER)
    assert win.occupancy_view() is None
    win.close()


def test_another_process_scans_show_up_within_the_refresh(qtbot, coordinator_window, demo_url):
    view = coordinator_window.occupancy_view()
    view._clock = lambda: AFTERNOON
    qtbot.waitUntil(lambda: view.last is not None, timeout=5000)
    before = view.last.venue.inside
    session = _sid(demo_url, "emergence-aprem")
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as conn:
        codes = [r[0] for r in conn.execute(
            "SELECT code FROM attendee WHERE status = 'registered' AND source = 'demo' LIMIT 3")]
    script = textwrap.dedent(f"""
        from checkin.store import open_store
        from checkin.core.admission.scan import ScanService
        desk = ScanService(open_store({demo_url!r}), 1, desk="other-machine")
        for code in {codes!r}:
            desk.scan(code)
        desk.scan({codes[0]!r}, session_id={session}, override=True)
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=60).returncode == 0
    qtbot.waitUntil(lambda: view.last.venue.inside == before + 3, timeout=2500)  # refresh: 2 s
    row = next(s for s in view.last.sessions if s.session_id == session)
    assert row.present == 1


def test_a_room_reaching_90_and_100_percent_raises_alerts(qtbot, coordinator_window, demo_url):
    view = coordinator_window.occupancy_view()
    qtbot.waitUntil(lambda: view.last is not None, timeout=5000)
    occ = view.last
    room = next(s for s in occ.sessions if s.capacity)
    room.present = int(room.capacity * 0.9 + 0.99)
    seen: list[str] = []
    view.alert.connect(seen.append)
    view._on_occupancy(occ)
    room.present = room.capacity
    view._on_occupancy(occ)
    view._on_occupancy(occ)  # still full: said once
    assert len(seen) == 2 and "90" in seen[0] and "full" in seen[1]
    assert view.alerts.count() == 2


def test_door_mode_and_a_coordinator_override(qtbot, coordinator_window, demo_url, monkeypatch):
    from checkin.ui.dialogs import ConfirmDialog

    desk = coordinator_window.desk_view()
    desk._clock = lambda: AFTERNOON
    desk.load_doors()
    workshop = _sid(demo_url, "atelier-charte")
    desk.set_door(workshop)
    assert desk.session_id == workshop
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as conn:
        code = conn.execute("SELECT code FROM attendee WHERE profession NOT IN ('etat', "
                            "'animateur-charte') AND status = 'registered' LIMIT 1").fetchone()[0]
    scan(code)
    qtbot.waitUntil(lambda: panel(coordinator_window).result == "not_eligible", timeout=5000)
    assert desk.override_button.isVisible()
    assert "Call a coordinator" in panel(coordinator_window).text()
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(lambda _p, _t, text: asked.append(text) or False))
    desk.override_button.click()  # the coordinator says no: nothing recorded
    qtbot.wait(200)
    assert panel(coordinator_window).result == "not_eligible" and len(asked) == 1
    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(lambda _p, _t, text: asked.append(text) or True))
    desk.override_button.click()
    qtbot.waitUntil(lambda: panel(coordinator_window).result == "admitted", timeout=5000)
    assert "anyway" in asked[-1] and desk.current.last_name in asked[-1]
    assert desk.current.overridden and desk.current.session_id == workshop
    desk.set_door(None)  # back to the entrance in one step
    assert desk.session_id is None


def test_a_door_refusal_says_who_the_workshop_is_for(qtbot, coordinator_window, demo_url):
    desk = coordinator_window.desk_view()
    desk._clock = lambda: AFTERNOON
    desk.load_doors()
    desk.set_door(_sid(demo_url, "atelier-charte"))
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as conn:
        code = conn.execute("SELECT code FROM attendee WHERE profession NOT IN ('etat', "
                            "'animateur-charte') AND status = 'registered' LIMIT 1").fetchone()[0]
    scan(code)
    qtbot.waitUntil(lambda: panel(coordinator_window).result == "not_eligible", timeout=5000)
    route = panel(coordinator_window).findChild(type(panel(coordinator_window)._route), "routeText")
    assert "Services de l'État" in route.text() and "Atelier réseau" in route.text()


def _y_labels(chart) -> list[str]:
    """The left axis's labels as the chart prints them ("%d" of each tick's value)."""
    from PySide6.QtCharts import QValueAxis
    from PySide6.QtCore import Qt

    (axis,) = chart.axes(Qt.Orientation.Vertical)
    low, high = axis.min(), axis.max()
    if axis.tickType() == QValueAxis.TickType.TicksDynamic:
        values, v = [], axis.tickAnchor()
        while v <= high + 1e-9:
            if v >= low - 1e-9:
                values.append(v)
            v += axis.tickInterval()
    else:
        n = axis.tickCount()
        values = [low + (high - low) * i / (n - 1) for i in range(n)]
    return [axis.labelFormat() % v for v in values]


def test_the_charts_count_in_whole_numbers_none_repeated(qtbot, coordinator_window, demo_url):
    """Issue 18: an empty chart read "1 0 0 0 0", a small one "2 1 1 0 0"."""
    view = coordinator_window.occupancy_view()
    from PySide6.QtWidgets import QTabWidget

    coordinator_window.findChild(QTabWidget, "mainTabs").setCurrentWidget(view)  # its tab
    charts = view.charts
    qtbot.waitUntil(lambda: bool(charts.arrival_chart.axes() and charts.desk_chart.axes()),
                    timeout=5000)
    for chart in (charts.arrival_chart, charts.desk_chart):
        labels = _y_labels(chart)
        assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
    from checkin.ui.occupancy_view import whole_number_axis

    assert [whole_number_axis(t) for t in (0, 2, 9, 56)] == [(2, 1), (3, 1), (10, 2), (60, 20)]
