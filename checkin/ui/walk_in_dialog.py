"""Registering someone who turns up without a ticket: the few fields a volunteer can fill
in while the queue waits. Only a name is required; the category (ticket type) defaults to
"participant", which is what nearly every walk-in is."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPushButton, QWidget,
)

from checkin.core.registrants.corrections import tidy

DEFAULT_CATEGORY = "participant"
# Enough to catch a slip of the keyboard; the real check is the ticketing platform's.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class WalkInDialog(QDialog):
    """Asks for a walk-in's name, organisation, category and email. `ask` is the seam
    tests patch; `values()` is exactly ScanService.walk_in's keyword arguments."""

    def __init__(self, parent: QWidget | None, categories: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.setWindowTitle(self.tr("Walk-in registration"))
        form = QFormLayout(self)
        self.first_name = self._line("walkInFirstName", self.tr("First name"), 200)
        self.last_name = self._line("walkInLastName", self.tr("Last name"), 200)
        self.organisation = self._line("walkInOrganisation", self.tr("Organisation"), 300)
        self.category = QComboBox(self)
        self.category.setObjectName("walkInCategory")
        self.category.setAccessibleName(self.tr("Category"))
        for key, name in categories:
            self.category.addItem(name, key)
        default = self.category.findData(DEFAULT_CATEGORY)
        self.category.setCurrentIndex(default if default >= 0 else 0)
        self.email = self._line("walkInEmail", self.tr("Email (optional)"), 254)
        self.email.setPlaceholderText(self.tr("name@example.org"))
        form.addRow(self.tr("&First name"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("&Organisation"), self.organisation)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Email (optional)"), self.email)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button.setText(self.tr("Register and admit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for field in (self.first_name, self.last_name, self.email):
            field.textChanged.connect(self._update)
        self._update()
        self.first_name.setFocus()

    def _line(self, name: str, accessible: str, limit: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(limit)  # the store's column sizes
        return edit

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _update(self) -> None:
        """OK only once there is a name, and no half-typed email to be saved by mistake."""
        named = bool(self.first_name.text().strip() or self.last_name.text().strip())
        email = self.email.text().strip()
        email_ok = not email or bool(_EMAIL.match(email))
        self.ok_button.setEnabled(named and email_ok)
        self.email.setToolTip("" if email_ok else self.tr("This email address looks incomplete."))

    def accept(self) -> None:
        if self.ok_button.isEnabled():  # Enter in a field must not bypass the check
            super().accept()

    def values(self) -> dict[str, str]:
        """first_name, last_name, organisation, category (a key), email — tidied."""
        return {"first_name": tidy(self.first_name.text()),
                "last_name": tidy(self.last_name.text()),
                "organisation": tidy(self.organisation.text()),
                "category": str(self.category.currentData() or DEFAULT_CATEGORY),
                "email": self.email.text().strip()}

    @classmethod
    def ask(cls, parent: QWidget | None, categories: list[tuple[str, str]]) -> dict[str, str] | None:
        """The walk-in to register, or None when the volunteer cancelled.

        `categories` are the event's (key, shown name) pairs, in the order to offer them.
        """
        dialog = cls(parent, categories)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
