"""Every modal question goes through this seam, so tests can patch it instead of blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ConfirmDialog:
    @staticmethod
    def ask(parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def choose(parent: QWidget | None, title: str, text: str, choices: list[str],
               details: str = "") -> int | None:
        """One of `choices` (its index), or None when the user cancels. `details` (a long
        list, say) is behind the box's "Show details…" button."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel,
                          parent)
        buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
        box.setDefaultButton(box.button(QMessageBox.StandardButton.Cancel))
        if details:
            box.setDetailedText(details)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    @staticmethod
    def error(parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)
