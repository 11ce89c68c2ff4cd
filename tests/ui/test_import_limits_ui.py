"""The window's import dialog shows a hostile file's refusal instead of doing nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import load_programme
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.ui.import_dialog import FileDialog, ImportDialog
from tests.helpers.window import english_window, hand_desk_to, menu_action


@pytest.fixture
def window(qtbot, sqlite_url, tmp_path, monkeypatch):
    load_programme(open_store(sqlite_url), read_programme(sample_event_path()))
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    with english_window(qtbot, sqlite_url) as win:
        yield win


def test_a_cell_over_the_csv_field_limit_is_shown_in_the_dialog(window, monkeypatch, tmp_path):
    path = tmp_path / "inscrits.csv"
    path.write_text("Nom;Prénom\nDupré;Hélène\nL'Hôte;" + "C" * 200_000 + "\n", encoding="utf-8")
    hand_desk_to(window, Role.COORDINATOR)
    monkeypatch.setattr(FileDialog, "open_file", staticmethod(lambda *a: str(path)))
    menu_action(window, "importAction").trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None
    summary = dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
    assert summary.splitlines() == [
        "This file cannot be imported:",
        f"{path}: row 3: a cell longer than 131,072 characters (a spreadsheet cell holds at most 32,767)"]
    assert not dialog.import_button.isEnabled()
