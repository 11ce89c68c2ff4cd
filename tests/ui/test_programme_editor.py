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
