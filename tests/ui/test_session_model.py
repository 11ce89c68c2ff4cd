from datetime import UTC, datetime

from PySide6.QtCore import Qt

from checkin.core.monitoring.overview import SessionLine
from checkin.ui.models.sessions import SessionTableModel
from tests.helpers.model_validator import ModelValidator


def _line(i: int, **kw) -> SessionLine:
    values = dict(id=i, key=f"s{i}", title=f"Session {i}", kind="track_session", track="Coopération",
                  room="Salle Beffroi", starts_at=datetime(2026, 12, 10, 9, 15, tzinfo=UTC),
                  ends_at=datetime(2026, 12, 10, 11, 15, tzinfo=UTC), capacity=30,
                  booked=30, waitlisted=4)
    values.update(kw)
    return SessionLine(**values)


def test_model_passes_qtmodeltester(model_validator: ModelValidator) -> None:
    model = SessionTableModel()
    model_validator.set_model(model)  # empty, then after each reset and after the test
    model.set_sessions([_line(1), _line(2, capacity=None, kind="plenary")], "Europe/Paris")
    assert model.rowCount() == 2
    model.set_sessions([_line(3)], "UTC")  # another event opened: fewer rows, another zone
    assert model.rowCount() == 1
    assert model.data(model.index(0, SessionTableModel.TIME)) == "09:15–11:15"


def test_times_are_shown_in_the_event_time_zone(model_validator: ModelValidator) -> None:
    model = SessionTableModel()
    model_validator.set_model(model)
    model.set_sessions([_line(1)], "Europe/Paris")
    assert model.data(model.index(0, SessionTableModel.TIME)) == "10:15–12:15"


def test_row_shows_seats_booked_waitlist_and_keeps_the_session_id(
        model_validator: ModelValidator) -> None:
    model = SessionTableModel()
    model_validator.set_model(model)
    model.set_sessions([_line(7, capacity=None, booked=12, waitlisted=0)], "Europe/Paris")
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[SessionTableModel.SEATS] == ""  # no limit known
    assert row[SessionTableModel.BOOKED] == "12"
    assert row[SessionTableModel.KIND] == "Track session"
    assert model.data(model.index(0, 0), SessionTableModel.SessionIdRole) == 7
    assert model.headerData(SessionTableModel.ROOM, Qt.Orientation.Horizontal) == "Room"
