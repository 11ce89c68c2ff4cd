"""A desk's preferences survive a restart (a new QSettings on the same file), start from
sensible defaults, and come through the settings dialog unchanged unless edited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit

from checkin.ui.desk_settings import DeskSettings, open_settings
from checkin.ui.settings_dialog import SettingsDialog, apply_settings
from tests.helpers.keyboard import type_text


def restarted() -> DeskSettings:
    """What the desk reads at its next start: a fresh QSettings on CHECKIN_SETTINGS."""
    return DeskSettings(open_settings())


def test_defaults_follow_the_system_with_sound_and_larger_text() -> None:
    desk = restarted()
    assert (desk.language, desk.language_override, desk.sound, desk.text_scale) == \
        ("system", None, True, 125)


def test_language_sound_and_text_size_survive_a_restart(desk_settings_file) -> None:
    desk = restarted()
    desk.language = "fr"
    desk.sound = False
    desk.text_scale = 200
    desk.desk = "Accueil 2"

    again = restarted()
    assert (again.language, again.language_override, again.sound, again.text_scale,
            again.desk) == ("fr", "fr", False, 200, "Accueil 2")
    assert "text_scale=200" in desk_settings_file.read_text()


def test_values_outside_the_choices_are_refused() -> None:
    desk = restarted()
    with pytest.raises(ValueError):
        desk.language = "de"
    with pytest.raises(ValueError):
        desk.text_scale = 110
    assert (desk.language, desk.text_scale) == ("system", 125)


def test_a_hand_edited_file_reads_as_the_nearest_valid_choice(desk_settings_file) -> None:
    raw = QSettings(str(desk_settings_file), QSettings.Format.IniFormat)
    raw.setValue("desk/language", "klingon")
    raw.setValue("desk/sound", "off")
    raw.setValue("desk/text_scale", "140")
    raw.sync()
    desk = restarted()
    assert (desk.language, desk.sound, desk.text_scale) == ("system", False, 150)
    raw.setValue("desk/text_scale", "big")
    raw.sync()
    assert restarted().text_scale == 125


def test_the_dialog_shows_the_saved_settings(qtbot) -> None:
    desk = restarted()
    desk.language, desk.sound, desk.text_scale, desk.desk = "en", False, 150, "Salle 3"
    dialog = SettingsDialog(None, restarted())
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLineEdit, "deskNameInput").text() == "Salle 3"
    assert dialog.findChild(QComboBox, "languageChoice").currentText() == "English"
    assert not dialog.findChild(QCheckBox, "soundCheck").isChecked()
    assert dialog.findChild(QComboBox, "textSizeChoice").currentData() == 150
    assert apply_settings(restarted(), dialog.values()) == set()  # OK without edits


def test_edits_in_the_dialog_are_saved_for_the_next_start(qtbot) -> None:
    restarted().desk = "Accueil"
    dialog = SettingsDialog(None, restarted())
    qtbot.addWidget(dialog)
    name = dialog.findChild(QLineEdit, "deskNameInput")
    name.clear()
    type_text(name, "Entrée  nord ")
    language = dialog.findChild(QComboBox, "languageChoice")
    language.setCurrentIndex(language.findData("fr"))
    dialog.findChild(QCheckBox, "soundCheck").setChecked(False)
    size = dialog.findChild(QComboBox, "textSizeChoice")
    size.setCurrentIndex(size.findData(200))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    changed = apply_settings(restarted(), dialog.values())

    assert changed == {"desk", "language", "sound", "text_scale"}
    desk = restarted()
    assert (desk.desk, desk.language, desk.sound, desk.text_scale) == \
        ("Entrée nord", "fr", False, 200)


def test_an_emptied_desk_name_keeps_the_old_one() -> None:
    restarted().desk = "Accueil"
    changed = apply_settings(restarted(), {"desk": "   ", "language": "system",
                                           "sound": True, "text_scale": 125})
    assert changed == set()
    assert restarted().desk == "Accueil"


def test_ask_is_the_seam_and_saves_nothing_itself(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert SettingsDialog.ask(None, restarted()) is None

    def tick_off_sound(self) -> int:
        self.findChild(QCheckBox, "soundCheck").setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", tick_off_sound)
    values = SettingsDialog.ask(None, restarted())
    assert values is not None and values["sound"] is False
    assert restarted().sound is True  # until apply_settings


def test_text_scale_does_not_compound(qapp) -> None:
    from checkin.ui.settings_dialog import apply_text_scale

    original = qapp.font()
    qapp.setProperty("checkinBaseFontPoints", None)  # another test's window may have scaled it
    try:
        base = qapp.font().pointSizeF()
        assert apply_text_scale(qapp, 200) == pytest.approx(base * 2)
        apply_text_scale(qapp, 150)
        assert apply_text_scale(qapp, 100) == pytest.approx(base)
        assert qapp.font().pointSizeF() == pytest.approx(base)
    finally:
        qapp.setFont(original)
        qapp.setProperty("checkinBaseFontPoints", None)
