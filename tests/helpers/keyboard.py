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


def type_at_focus(text: str, gap: float = 0.0) -> None:
    """As a USB scanner (gap 0: a burst) or a person (gap ≥ 0.08 s) types: each key goes
    to whatever has the focus at that moment."""
    import time

    for ch in text:
        target = QApplication.focusWidget()
        if target is not None:
            type_text(target, ch)
        if gap:
            time.sleep(gap)
            QApplication.processEvents()


def press_at_focus(key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    if target is not None:
        press(target, key)
