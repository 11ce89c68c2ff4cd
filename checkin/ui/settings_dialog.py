"""The desk's own preferences: its name (it appears in every scan and journal entry, so
"which desk let them in?" has an answer), the language, the answer sounds and the text
size. Kept per workstation in DeskSettings, not in the shared store: two desks side by
side may want different sizes or one of them silent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
    QWidget,
)

from checkin.ui.desk_settings import LANGUAGES, TEXT_SCALES, DeskSettings

MAX_DESK_NAME = 64  # scan.desk and journal.desk
_BASE_POINTS = "checkinBaseFontPoints"  # QApplication property: the platform's own size


class SettingsDialog(QDialog):
    """Shows a desk's settings for editing; `values()` gives what `apply_settings` takes.
    `ask` is the seam tests patch."""

    def __init__(self, parent: QWidget | None, desk: DeskSettings) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Desk settings"))
        form = QFormLayout(self)
        self.desk_name = QLineEdit(desk.desk, self)
        self.desk_name.setObjectName("deskNameInput")
        self.desk_name.setAccessibleName(self.tr("Desk name"))
        self.desk_name.setMaxLength(MAX_DESK_NAME)
        self.desk_name.setPlaceholderText(self.tr("e.g. Entrance 1"))
        self.language = QComboBox(self)
        self.language.setObjectName("languageChoice")
        self.language.setAccessibleName(self.tr("Language"))
        # Each language named in itself, so someone facing the wrong one can find theirs.
        names = {"system": self.tr("System language"), "fr": "Français", "en": "English"}
        for key in LANGUAGES:
            self.language.addItem(names[key], key)
        self.language.setCurrentIndex(self.language.findData(desk.language))
        self.sound = QCheckBox(self.tr("Play a sound for each answer"), self)
        self.sound.setObjectName("soundCheck")
        self.sound.setAccessibleName(self.tr("Answer sounds"))
        self.sound.setChecked(desk.sound)
        self.text_size = QComboBox(self)
        self.text_size.setObjectName("textSizeChoice")
        self.text_size.setAccessibleName(self.tr("Text size"))
        for percent in TEXT_SCALES:
            self.text_size.addItem(self.tr("%1 %").replace("%1", str(percent)), percent)
        self.text_size.setCurrentIndex(self.text_size.findData(desk.text_scale))
        form.addRow(self.tr("&Desk name"), self.desk_name)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("&Text size"), self.text_size)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict[str, Any]:
        """desk (str), language (one of LANGUAGES), sound (bool), text_scale (percent)."""
        return {"desk": " ".join(self.desk_name.text().split()),
                "language": str(self.language.currentData()),
                "sound": self.sound.isChecked(),
                "text_scale": int(self.text_size.currentData())}

    @classmethod
    def ask(cls, parent: QWidget | None, desk: DeskSettings) -> dict[str, Any] | None:
        """The settings chosen, or None when cancelled; nothing is saved here."""
        dialog = cls(parent, desk)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


def apply_settings(desk: DeskSettings, values: dict[str, Any]) -> set[str]:
    """Save the chosen settings; returns the names of those that changed, so the window
    refreshes only what it must (retranslate on "language", resize on "text_scale").

    An empty desk name keeps the current one: scans must always say which desk made them.
    """
    changed: set[str] = set()
    name = " ".join(str(values.get("desk", "")).split())[:MAX_DESK_NAME]
    if name and name != desk.desk:
        desk.desk = name
        changed.add("desk")
    for key in ("language", "sound", "text_scale"):
        if key in values and values[key] != getattr(desk, key):
            setattr(desk, key, values[key])
            changed.add(key)
    return changed


def apply_text_scale(app: QApplication, percent: int) -> float:
    """Scale the application font to `percent` of the platform's size; returns the point
    size set. The platform's size is remembered on first use, so changing 150 → 125 → 150
    comes back to the same size instead of compounding."""
    base = app.property(_BASE_POINTS)
    if not base:
        base = app.font().pointSizeF()
        if base <= 0:  # a pixel-sized font: nothing sensible to scale from
            base = 10.0
        app.setProperty(_BASE_POINTS, base)
    font = app.font()
    font.setPointSizeF(float(base) * percent / 100)
    app.setFont(font)
    return font.pointSizeF()
