"""The import dialog offers the QPV answer as a column's field, and says in its summary how
many answers it could not read (left unknown) — in French in a French window."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit

from checkin.app import create_window, install_translators
from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import load_programme
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Attendee
from checkin.ui.import_dialog import FileDialog, ImportDialog
from tests.helpers.window import english_window, hand_desk_to, menu_action

QUESTION = "Habitez-vous dans un quartier de la politique de la ville ?"
CSV = (f"Nom;Prénom;Courriel;{QUESTION}\n"
       "Dupré;Hélène;helene@example.fr;Oui\n"
       "L'Hôte;Cécile;cecile@example.fr;non\n"
       "Martin;Alice;alice@example.fr;Ne sait pas\n")


@pytest.fixture
def store(sqlite_url, tmp_path, monkeypatch):
    load_programme(open_store(sqlite_url), read_programme(sample_event_path()))
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "formulaire.csv"
    path.write_text(CSV, encoding="utf-8")
    return sqlite_url, path


def _open(window, monkeypatch, path) -> ImportDialog:
    hand_desk_to(window, Role.COORDINATOR)
    monkeypatch.setattr(FileDialog, "open_file", staticmethod(lambda *a: str(path)))
    menu_action(window, "importAction").trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None
    return dialog


def _field_choice(dialog: ImportDialog, column: int) -> QComboBox:
    combo = dialog.table.cellWidget(0, column)
    assert isinstance(combo, QComboBox)
    return combo


def test_a_question_is_mapped_to_qpv_in_the_window(qtbot, store, monkeypatch):
    url, path = store
    with english_window(qtbot, url) as window:
        dialog = _open(window, monkeypatch, path)
        combo = _field_choice(dialog, 3)
        assert combo.currentData() == ""  # a question we do not guess: the user says
        assert combo.itemText(combo.findData("qpv")) == "lives in a QPV (yes/no)"
        dialog.set_field(QUESTION, "qpv")
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        summary = dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
        assert '1 QPV answer not understood, left unknown: "Ne sait pas" (1)' in summary
        with window._engine.connect() as conn:
            answers = dict(conn.execute(sa.select(Attendee.last_name, Attendee.qpv)
                                        .where(Attendee.source == "generic")).all())
    assert answers == {"Dupré": "yes", "L'Hôte": "no", "Martin": "unknown"}


def test_the_french_window_says_it_in_french(qtbot, store, monkeypatch):
    url, path = store
    window = create_window(url, language="fr")
    qtbot.addWidget(window)
    try:
        dialog = _open(window, monkeypatch, path)
        combo = _field_choice(dialog, 3)
        assert combo.itemText(combo.findData("qpv")) == "réside en QPV (oui/non)"
        dialog.set_field(QUESTION, "qpv")
        dialog.check_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        summary = dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
        # (toPlainText gives the guillemets' no-break spaces back as plain ones)
        assert "1 réponse QPV non comprise, laissée inconnue : « Ne sait pas » (1)" in summary
    finally:
        install_translators(QApplication.instance(), "en")
