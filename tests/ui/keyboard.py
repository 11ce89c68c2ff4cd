"""Typing into widgets as a volunteer would, accents included.

qtbot.keyClicks aborts the whole test process on lowercase accented characters
(DESIGN.md, "Known pitfalls"): each character is sent as its own QKeyEvent carrying
its text instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send `text` to `widget` one key press/release per character."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def press(widget: QWidget, key: Qt.Key) -> None:
    """A key without text (Enter, Backspace…)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))
