"""The front desk's small dialogs, used as a volunteer would: type (accents included),
see OK come on only when the answer is usable, read back what the desk will act on.
No exec(): each dialog is built, filled, accepted, and its values read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit

from checkin.core.admission.scan import ScanService
from checkin.core.programme.categories import event_categories
from checkin.core.search.lookup import search
from checkin.ui.correct_dialog import CorrectDialog
from checkin.ui.walk_in_dialog import WalkInDialog
from tests.helpers.keyboard import press, type_text

CATEGORIES = [("speaker", "Intervenant"), ("participant", "Participant"), ("press", "Presse")]


@pytest.fixture
def walk_in(qtbot) -> WalkInDialog:
    dialog = WalkInDialog(None, CATEGORIES)
    qtbot.addWidget(dialog)
    return dialog


def field(dialog: QDialog, name: str, kind=QLineEdit):
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def test_walk_in_needs_a_name_before_ok(walk_in) -> None:
    assert walk_in.objectName() == "walkInDialog"
    assert not walk_in.ok_button.isEnabled()
    type_text(field(walk_in, "walkInOrganisation"), "Citéslab")
    assert not walk_in.ok_button.isEnabled()
    type_text(field(walk_in, "walkInLastName"), "   ")
    assert not walk_in.ok_button.isEnabled()
    type_text(field(walk_in, "walkInLastName"), "Lefèvre")
    assert walk_in.ok_button.isEnabled()
    walk_in.accept()
    assert walk_in.result() == QDialog.DialogCode.Accepted


def test_walk_in_values_are_what_the_scan_service_takes(walk_in) -> None:
    type_text(field(walk_in, "walkInFirstName"), "  Françoise ")
    type_text(field(walk_in, "walkInLastName"), "L’Hôte-Cœur")
    type_text(field(walk_in, "walkInOrganisation"), "Ville  d'Amiens")
    type_text(field(walk_in, "walkInEmail"), "f.lhote@amiens.fr")
    assert field(walk_in, "walkInCategory", QComboBox).currentText() == "Participant"
    field(walk_in, "walkInCategory", QComboBox).setCurrentIndex(2)
    walk_in.accept()
    assert walk_in.values() == {"first_name": "Françoise", "last_name": "L’Hôte-Cœur",
                                "organisation": "Ville d'Amiens", "category": "press",
                                "email": "f.lhote@amiens.fr"}


def test_a_half_typed_email_keeps_ok_off(walk_in) -> None:
    type_text(field(walk_in, "walkInLastName"), "Roux")
    type_text(field(walk_in, "walkInEmail"), "ana.roux@")
    assert not walk_in.ok_button.isEnabled()
    walk_in.accept()  # Enter in a field ends here: refused
    assert walk_in.result() != QDialog.DialogCode.Accepted
    type_text(field(walk_in, "walkInEmail"), "adie.org")
    assert walk_in.ok_button.isEnabled()


def test_every_walk_in_field_has_an_accessible_name(walk_in) -> None:
    for name, kind in (("walkInFirstName", QLineEdit), ("walkInLastName", QLineEdit),
                       ("walkInOrganisation", QLineEdit), ("walkInCategory", QComboBox),
                       ("walkInEmail", QLineEdit)):
        assert field(walk_in, name, kind).accessibleName(), name


def test_walk_in_category_falls_back_to_the_first_offered(qtbot) -> None:
    dialog = WalkInDialog(None, [("staff", "Équipe"), ("press", "Presse")])
    qtbot.addWidget(dialog)
    assert dialog.findChild(QComboBox, "walkInCategory").currentData() == "staff"


def test_walk_in_from_the_dialog_is_admitted_and_findable(qtbot, engine, sample_event) -> None:
    dialog = WalkInDialog(None, event_categories(engine, sample_event))
    qtbot.addWidget(dialog)
    type_text(field(dialog, "walkInFirstName"), "Hélène")
    type_text(field(dialog, "walkInLastName"), "Dupré")
    dialog.accept()
    answer = ScanService(engine, sample_event, desk="Accueil").walk_in(**dialog.values())
    assert answer.result == "admitted"
    assert [h.last_name for h in search(engine, sample_event, "dupre")] == ["Dupré"]


def test_ask_returns_none_when_cancelled(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(WalkInDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert WalkInDialog.ask(None, CATEGORIES) is None
    monkeypatch.setattr(CorrectDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert CorrectDialog.ask(None, "Ana", "Roux", "") is None


def test_walk_in_ask_gives_the_values_when_accepted(qtbot, monkeypatch) -> None:
    def fill_and_accept(self) -> int:
        type_text(self.findChild(QLineEdit, "walkInLastName"), "Martin")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", fill_and_accept)
    assert WalkInDialog.ask(None, CATEGORIES) == {
        "first_name": "", "last_name": "Martin", "organisation": "",
        "category": "participant", "email": ""}


@pytest.fixture
def correct(qtbot) -> CorrectDialog:
    dialog = CorrectDialog(None, "Helene", "Dupree", "Mairie de Quimper")
    qtbot.addWidget(dialog)
    return dialog


def test_correction_is_prefilled_and_needs_a_change(correct) -> None:
    assert field(correct, "correctFirstName").text() == "Helene"
    assert field(correct, "correctLastName").text() == "Dupree"
    assert field(correct, "correctOrganisation").text() == "Mairie de Quimper"
    assert not correct.ok_button.isEnabled()  # nothing changed yet
    last = field(correct, "correctLastName")
    last.end(False)
    press(last, Qt.Key.Key_Backspace)
    press(last, Qt.Key.Key_Backspace)
    type_text(last, "é")
    assert correct.ok_button.isEnabled()
    first = field(correct, "correctFirstName")
    first.clear()
    type_text(first, "Hélène ")
    correct.accept()
    assert correct.result() == QDialog.DialogCode.Accepted
    assert correct.values() == ("Hélène", "Dupré", "Mairie de Quimper")


def test_correction_cannot_remove_both_names(correct) -> None:
    field(correct, "correctFirstName").clear()
    assert correct.ok_button.isEnabled()  # a last name is enough
    field(correct, "correctLastName").clear()
    assert not correct.ok_button.isEnabled()
    correct.accept()
    assert correct.result() != QDialog.DialogCode.Accepted


def test_correction_fields_have_accessible_names(correct) -> None:
    for name in ("correctFirstName", "correctLastName", "correctOrganisation"):
        assert field(correct, name).accessibleName(), name


def test_settings_widgets_are_named(qtbot) -> None:
    from checkin.ui.desk_settings import DeskSettings, open_settings
    from checkin.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, DeskSettings(open_settings()))
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "settingsDialog"
    for name, kind in (("deskNameInput", QLineEdit), ("languageChoice", QComboBox),
                       ("soundCheck", QCheckBox), ("textSizeChoice", QComboBox)):
        assert field(dialog, name, kind).accessibleName(), name
