"""Importing registrants from the window: detected columns, a fix by hand, the summary."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QPlainTextEdit

from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import load_programme
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Attendee
from checkin.ui.import_dialog import FileDialog, ImportDialog
from tests.helpers.window import english_window, hand_desk_to, menu_action

CSV = ("Liste des inscrits — Pop-Up;;;\n"
       "Nom;Prénom;Structure;Courriel;Atelier\n"
       "Dupré;Hélène;Ville d'Amiens;helene@example.fr;Coopération\n"
       "L'Hôte;Cécile;BGE Picardie;cecile@example.fr;\n")


@pytest.fixture
def window(qtbot, sqlite_url, tmp_path, monkeypatch):
    load_programme(open_store(sqlite_url), read_programme(sample_event_path()))
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    with english_window(qtbot, sqlite_url) as win:
        yield win


def _open(window, monkeypatch, path) -> ImportDialog:
    hand_desk_to(window, Role.COORDINATOR)
    monkeypatch.setattr(FileDialog, "open_file", staticmethod(lambda *a: str(path)))
    menu_action(window, "importAction").trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None
    return dialog


def test_volunteers_cannot_import(window):
    assert not menu_action(window, "importAction").isEnabled()


def test_check_then_import_from_the_window(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "inscrits.csv"
    path.write_bytes(CSV.encode("cp1252"))
    dialog = _open(window, monkeypatch, path)
    assert dialog.mapping()["Nom"] == "last_name"
    assert dialog.mapping()["Courriel"] == "email"
    assert "Structure" in dialog.mapping() and dialog.mapping()["Structure"] == "organisation"
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    summary = dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
    assert "nothing was written" in summary and "2 added" in summary
    count = lambda: window._engine.connect().execute(  # noqa: E731
        sa.select(sa.func.count()).select_from(Attendee).where(Attendee.source == "generic")).scalar()
    assert count() == 0
    dialog.set_field("Structure", "job_title")  # the user decides otherwise
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert count() == 2
    with window._engine.connect() as conn:
        job = conn.execute(sa.select(Attendee.job_title).where(Attendee.last_name == "Dupré")).scalar()
    assert job == "Ville d'Amiens"
    assert dialog.last_report.enrollments == 2  # Hélène chose the Coopération track


def test_unreadable_file_is_explained(window, monkeypatch, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 10)
    dialog = _open(window, monkeypatch, path)
    assert "cannot be imported" in dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
    assert not dialog.import_button.isEnabled()
