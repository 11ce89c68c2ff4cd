"""Every modal question goes through this seam, so tests can patch it instead of blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ConfirmDialog:
    @staticmethod
    def ask(parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def error(parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)
