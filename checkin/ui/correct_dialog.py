"""Correcting a misspelt name or organisation, from the person standing at the desk.

Prefilled with what the store holds, so the volunteer fixes the one letter rather than
retyping; OK stays off until something actually changed and a name remains, so an
accidental Enter writes no empty journal entry.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget,
)

from checkin.core.registrants.corrections import tidy


class CorrectDialog(QDialog):
    """Edits first name, last name and organisation. `ask` is the seam tests patch."""

    def __init__(self, parent: QWidget | None, first: str, last: str, organisation: str) -> None:
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(self.tr("Correct name"))
        self._original = (tidy(first), tidy(last), tidy(organisation))
        form = QFormLayout(self)
        self.first_name = self._line("correctFirstName", self.tr("First name"), first, 200)
        self.last_name = self._line("correctLastName", self.tr("Last name"), last, 200)
        self.organisation = self._line("correctOrganisation", self.tr("Organisation"),
                                       organisation, 300)
        form.addRow(self.tr("&First name"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("&Organisation"), self.organisation)
        note = QLabel(self.tr("The correction is recorded with this desk's name; "
                              "reprint the badge afterwards."), self)
        note.setWordWrap(True)
        form.addRow(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button.setText(self.tr("Save correction"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for field in (self.first_name, self.last_name, self.organisation):
            field.textChanged.connect(self._update)
        self._update()
        self.last_name.setFocus()

    def _line(self, name: str, accessible: str, text: str, limit: int) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(limit)
        return edit

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _update(self) -> None:
        first, last, org = self.values()
        self.ok_button.setEnabled(bool(first or last) and (first, last, org) != self._original)

    def accept(self) -> None:
        if self.ok_button.isEnabled():  # Enter in a field must not bypass the check
            super().accept()

    def values(self) -> tuple[str, str, str]:
        """(first name, last name, organisation), with whitespace tidied."""
        return (tidy(self.first_name.text()), tidy(self.last_name.text()),
                tidy(self.organisation.text()))

    @classmethod
    def ask(cls, parent: QWidget | None, first: str, last: str,
            organisation: str) -> tuple[str, str, str] | None:
        """The corrected (first, last, organisation), or None when cancelled."""
        dialog = cls(parent, first, last, organisation)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
