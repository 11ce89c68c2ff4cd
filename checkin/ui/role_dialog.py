"""Switching the desk's role, and setting a role's PIN (staff only)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from checkin.core.roles import Role
from checkin.ui.labels import role_label


class RoleDialog(QDialog):
    """Asks for a role and its PIN. `ask` is the seam tests patch."""

    def __init__(self, parent: QWidget | None, title: str, current: Role, pin_hint: str) -> None:
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.roles = QComboBox(self)
        self.roles.setObjectName("roleChoice")
        for role in Role:
            self.roles.addItem(role_label(role), role.value)
        self.roles.setCurrentIndex(self.roles.findData(current.value))
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pinInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN"))
        form.addRow(self.tr("Role"), self.roles)
        form.addRow(self.tr("PIN"), self.pin)
        hint = QLabel(pin_hint, self)
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, current: Role, pin_hint: str) -> tuple[Role, str] | None:
        dialog = cls(parent, title, current, pin_hint)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return Role(dialog.roles.currentData()), dialog.pin.text()
