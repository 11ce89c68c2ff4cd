"""The coordinator edits rooms, sessions and capacities from the window."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from checkin.core.demo import load_demo
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import EventSession, Journal, Room
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.models.records import Column, RecordTableModel
from checkin.ui.programme_editor import ProgrammeEditor
from checkin.ui.role_dialog import RoleDialog
from tests.helpers.model_validator import ModelValidator
from tests.helpers.window import english_window, menu_action


@pytest.fixture
def window(qtbot, sqlite_url):
    load_demo(open_store(sqlite_url), 60, seed=2)
    with english_window(qtbot, sqlite_url, show=True) as win:
        yield win


def _become(monkeypatch, window, role: Role, pin: str = "") -> None:
    monkeypatch.setattr(RoleDialog, "ask", staticmethod(lambda *a, **k: (role, pin)))
    menu_action(window, "switchRoleAction").trigger()


def _editor(window) -> ProgrammeEditor:
    menu_action(window, "editProgrammeAction").trigger()
    editor = window.findChild(ProgrammeEditor, "programmeEditor")
    assert editor is not None
    return editor


def _row(model: RecordTableModel, key: str) -> int:
    return next(i for i, r in enumerate(model.records()) if r["key"] == key)


def _set(model: RecordTableModel, key: str, column: str, value: str) -> bool:
    col = next(i for i, c in enumerate(model.columns) if c.name == column)
    return model.setData(model.index(_row(model, key), col), value, Qt.ItemDataRole.EditRole)


def test_a_volunteer_cannot_edit_the_programme(window):
    assert window.role() == Role.VOLUNTEER
    assert not menu_action(window, "editProgrammeAction").isEnabled()
    assert "Volunteer" in window.findChild(QLabel, "roleLabel").text()


def test_coordinator_pin_is_checked(monkeypatch, window):
    window._desk.set_pin(Role.COORDINATOR, "4821")
    errors = []
    monkeypatch.setattr(ConfirmDialog, "error", staticmethod(lambda *a: errors.append(a)))
    _become(monkeypatch, window, Role.COORDINATOR, "0000")
    assert window.role() == Role.VOLUNTEER and errors
    _become(monkeypatch, window, Role.COORDINATOR, "4821")
    assert window.role() == Role.COORDINATOR and menu_action(window, "editProgrammeAction").isEnabled()


def test_capacity_change_is_saved_journaled_and_shown(monkeypatch, qtbot, window):
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    assert _set(editor.rooms, "beffroi", "capacity", "42")
    assert not _set(editor.rooms, "beffroi", "capacity", "quarante")  # refused, kept 42
    assert editor._on_save()
    engine = window._engine
    with engine.connect() as conn:
        assert conn.execute(sa.select(Room.capacity).where(Room.key == "beffroi")).scalar() == 42
        journal = conn.execute(sa.select(Journal).where(Journal.action == "programme_edit")).mappings().one()
    assert journal["actor"] == "coordinator" and journal["desk"]
    assert "room 'beffroi': capacity 30 → 42" in journal["details"]["changes"]
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10_000)  # counts read off the UI thread
    table = window.findChild(QTableView, "sessionTable").model()
    seats = {table.index(r, 4).data(): table.index(r, 5).data() for r in range(table.rowCount())}
    assert seats["Salle Beffroi"] == "42"


def test_invalid_edit_names_the_row_and_writes_nothing(monkeypatch, window):
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    assert _set(editor.sessions, "cooperation-matin", "end", "25:00")
    assert not editor._on_save()
    text = editor.findChild(QLabel, "editorProblems").text()
    assert "Sessions, row" in text and "cooperation-matin" in text and "25:00" in text
    with window._engine.connect() as conn:
        ends = conn.execute(sa.select(EventSession.ends_at).where(
            EventSession.key == "cooperation-matin")).scalar()
    assert ends.hour == 11  # 12:15 in Paris, unchanged


def test_removing_an_enrolled_session_asks_first(monkeypatch, window):
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    asked = []
    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(lambda *a: asked.append(a) or False))
    editor.sessions.remove_rows([_row(editor.sessions, "cooperation-matin")])
    assert not editor._on_save()
    assert asked and "cooperation-matin" in asked[0][2]
    count = lambda: window._engine.connect().execute(  # noqa: E731
        sa.select(sa.func.count()).select_from(EventSession)).scalar()
    assert count() == 15
    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(lambda *a: True))
    assert editor._on_save()
    assert count() == 14


def test_adding_a_session_from_the_editor(monkeypatch, window):
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    editor.tabs.setCurrentIndex(0)
    editor._on_add()
    key = editor.sessions.records()[-1]["key"]
    for column, value in (("title", "Visite du Quai"), ("room", "verriere"),
                          ("start", "12:30"), ("end", "13:15")):
        assert _set(editor.sessions, key, column, value)
    assert editor._on_save()
    with window._engine.connect() as conn:
        title = conn.execute(sa.select(EventSession.title).where(EventSession.key == key)).scalar()
    assert title == "Visite du Quai"


def test_record_model_passes_qtmodeltester(model_validator: ModelValidator) -> None:
    model = RecordTableModel([Column("key", "Id", new_only=True), Column("name", "Room"),
                              Column("capacity", "Capacity", integer=True)])
    model_validator.set_model(model)  # empty, then on each change and after the test
    model.set_records([{"key": "a", "name": "A", "capacity": 3}, {"key": "b", "name": "B"}])
    model.add_record({"key": "c", "name": "C", "capacity": 1})
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # keys are stable
    assert model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsEditable      # new rows choose theirs
    assert model.setData(model.index(1, 2), "12")  # a capacity typed in
    model.remove_rows([0])
    assert model.records() == [{"key": "b", "name": "B", "capacity": 12},
                               {"key": "c", "name": "C", "capacity": 1}]


def test_handing_the_desk_back_to_a_volunteer_closes_the_editor(monkeypatch, window):
    assert "no staff PIN set" in window.findChild(QLabel, "roleLabel").text()
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    assert editor.isVisible()
    _become(monkeypatch, window, Role.VOLUNTEER)
    assert not editor.isVisible()
    window._desk.set_pin(Role.STAFF, "9999")
    window._apply_role()
    assert "no staff PIN set" not in window.findChild(QLabel, "roleLabel").text()


def _answer_the_box(qtbot, button_text: str, seen: list[str]) -> None:
    """When the message box opens, read it as the coordinator does and press a button."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.windowTitle() + "\n" + box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(0, press)


def _booked(window, key: str) -> list[tuple[str, str, int]]:
    with window._engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT a.code, en.status, en.position FROM enrollment en JOIN attendee a "
            "ON a.id = en.attendee_id JOIN session s ON s.id = en.session_id WHERE s.key = :k "
            "AND en.status <> 'cancelled' ORDER BY en.status, en.position, en.created_at, en.id"),
            {"k": key})]


def _most_booked(window) -> str:
    with window._engine.connect() as conn:
        return conn.execute(sa.text(
            "SELECT s.key FROM session s JOIN enrollment en ON en.session_id = s.id "
            "WHERE en.status = 'booked' GROUP BY s.key ORDER BY count(*) DESC, s.key")).first()[0]


def test_fewer_seats_than_bookings_names_who_loses_a_seat_and_asks(monkeypatch, qtbot, window):
    """Issue 18: a room from 20 to 15 places with more booked was saved without a word."""
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    key = _most_booked(window)
    before = _booked(window, key)
    booked = [code for code, status, _p in before if status == "booked"]
    waiting = [code for code, status, _p in before if status == "waitlisted"]
    seats = len(booked) - 3
    assert seats > 0
    assert _set(editor.sessions, key, "capacity", str(seats))

    seen: list[str] = []
    _answer_the_box(qtbot, "Cancel", seen)
    assert not editor._on_save()
    assert "Fewer seats than bookings" in seen[0] and "3 would lose their seat" in seen[0]
    with window._engine.connect() as conn:
        last_three = conn.execute(sa.text(
            "SELECT a.code, a.first_name, a.last_name FROM enrollment en JOIN attendee a "
            "ON a.id = en.attendee_id WHERE en.session_id = (SELECT id FROM session "
            "WHERE key = :k) AND en.status = 'booked' "
            "ORDER BY en.created_at, en.id"), {"k": key}).all()[-3:]
    for code, first, last in last_three:
        assert f"{first} {last} ({code})" in seen[0]
    assert _booked(window, key) == before  # nothing written
    assert "not saved" in editor.findChild(QLabel, "editorProblems").text().lower()

    _answer_the_box(qtbot, "Move 3 to the waitlist", seen)
    assert editor._on_save()
    after = _booked(window, key)
    assert [c for c, s, _p in after if s == "booked"] == booked[:seats]
    # The three who lost a seat lead the waitlist, in the order they had booked.
    assert [c for c, s, _p in after if s == "waitlisted"] == booked[seats:] + waiting
    assert "3 moved to the head of the waitlist" in editor.findChild(QLabel, "editorProblems").text()


def test_fewer_seats_than_bookings_can_keep_everyone_booked(monkeypatch, qtbot, window):
    _become(monkeypatch, window, Role.COORDINATOR)
    editor = _editor(window)
    key = _most_booked(window)
    before = _booked(window, key)
    assert _set(editor.sessions, key, "capacity", "2")
    seen: list[str] = []
    _answer_the_box(qtbot, "Keep them booked", seen)
    assert editor._on_save() and seen
    assert _booked(window, key) == before
    with window._engine.connect() as conn:
        details = conn.execute(sa.select(Journal.details).where(
            Journal.action == "programme_edit")).scalar_one()
    assert details["overflow"]["choice"] == "keep"
    assert details["overflow"]["sessions"][0]["session"] == key
    # Already over-booked by that choice: the next, unrelated edit saves without asking.
    assert _set(editor.rooms, "beffroi", "capacity", "31")
    assert editor._on_save()
