"""Exporting from the window: staff only, the file chosen, the export off the UI thread."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from checkin.core.admission.scan import ScanService
from checkin.core.demo import load_demo
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Journal
from checkin.ui.export_dialog import ExportDialog
from checkin.ui.import_dialog import FileDialog
from tests.helpers.window import english_window, hand_desk_to, menu_action


@pytest.fixture
def window(qtbot, sqlite_url, tmp_path, monkeypatch):
    engine = open_store(sqlite_url)
    load_demo(engine, 30)
    with engine.connect() as conn:
        code = conn.exec_driver_sql("SELECT code FROM attendee WHERE status = 'registered' "
                                    "ORDER BY id LIMIT 1").scalar()
    ScanService(engine, 1, desk="A").scan(code)
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    with english_window(qtbot, sqlite_url) as win:
        yield win


def test_volunteers_and_coordinators_cannot_export(window):
    assert not menu_action(window, "exportAction").isEnabled() and not menu_action(window, "exportAction").isVisible()
    hand_desk_to(window, Role.COORDINATOR)
    assert not menu_action(window, "exportAction").isEnabled()
    menu_action(window, "exportAction").trigger()
    assert window.findChild(ExportDialog, "exportDialog") is None


def test_staff_export_a_file_with_progress_and_a_journal_entry(qtbot, window, monkeypatch, tmp_path):
    hand_desk_to(window, Role.STAFF)
    assert menu_action(window, "exportAction").isEnabled()
    out = tmp_path / "absents"
    monkeypatch.setattr(FileDialog, "save_file", staticmethod(lambda *a: str(out)))
    menu_action(window, "exportAction").trigger()
    dialog = window.findChild(ExportDialog, "exportDialog")
    assert dialog is not None
    dialog.choose("absent", "xlsx")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert dialog.last_report is not None and dialog.last_report.rows > 0
    assert (tmp_path / "absents.xlsx").exists()
    assert "Written" in dialog.status.text()
    with window._engine.connect() as conn:
        actor = conn.execute(sa.select(Journal.actor).where(Journal.action == "export")).scalar()
    assert actor == "staff"
    hand_desk_to(window, Role.VOLUNTEER)  # the desk handed back to a volunteer keeps no export open
    assert window._export_dialog is None


def test_formats_follow_the_kind_and_a_failure_is_explained(qtbot, window, monkeypatch, tmp_path):
    dialog = ExportDialog(window._engine, 1, Role.STAFF, actor="staff", desk="d")
    qtbot.addWidget(dialog)
    dialog.choose("sign-in")
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["pdf"]
    assert not dialog.excel_fr.isEnabled()
    dialog.choose("attendance", "csv")
    assert dialog.excel_fr.isEnabled()
    monkeypatch.setattr(FileDialog, "save_file",
                        staticmethod(lambda *a: str(tmp_path / "missing" / "a.csv")))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert "nothing was written" in dialog.status.text()


def test_a_volunteer_dialog_cannot_run(qtbot, window):
    dialog = ExportDialog(window._engine, 1, Role.VOLUNTEER, actor="volunteer", desk="d")
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()


def test_a_sign_in_sheet_for_one_session_from_the_window(qtbot, window, monkeypatch, tmp_path):
    dialog = ExportDialog(window._engine, 1, Role.STAFF, actor="staff", desk="d")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose("attendance", "csv")
    assert not dialog.session.isVisible()  # the other exports cover the whole day
    dialog.choose("sessions", "csv")
    assert dialog.session.isVisible()
    with window._engine.connect() as conn:
        workshop = conn.exec_driver_sql(
            "SELECT id FROM session WHERE key = 'atelier-charte'").scalar_one()
    dialog.choose("sign-in", session_id=workshop)
    assert dialog.session.isVisible() and dialog.session.count() == 16  # all + 15 sessions
    assert "charte" in dialog.session.currentText()
    names = []
    monkeypatch.setattr(FileDialog, "save_file",
                        staticmethod(lambda *a: names.append(a[-1]) or str(tmp_path / a[-1])))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert names == ["emargement-atelier-charte.pdf"]  # named in the export's language (French)
    assert dialog.last_report is not None and (tmp_path / names[0]).exists()
    with window._engine.connect() as conn:
        people = conn.exec_driver_sql(
            f"SELECT COUNT(*) FROM enrollment WHERE session_id = {workshop} "
            "AND status <> 'cancelled'").scalar_one()
    assert dialog.last_report.rows == people
