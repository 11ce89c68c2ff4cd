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


def _key_of(ch: str) -> Qt.Key:
    return Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown


def system_type(text: str, gap: float = 0.0) -> None:
    """Keys as the window system delivers them: each to the widget that has the focus at that
    moment, shortcuts first (QTest's path: a ShortcutOverride, then the key press). gap 0 is
    a scanner's burst; a person types 0.08 s apart or more."""
    import time

    from PySide6.QtTest import QTest

    for ch in text:
        target = QApplication.focusWidget()
        if target is not None:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, _key_of(ch), ch,
                               Qt.KeyboardModifier.NoModifier)
        if gap:
            time.sleep(gap)
            QApplication.processEvents()


def system_key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key or chord (Enter, Tab, Ctrl+Z, F5…) to the focused widget, shortcuts included."""
    from PySide6.QtTest import QTest

    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifiers)


# What a French AZERTY layout gives for the keys a US-set scanner presses, written out here
# key by key from the layout (not taken from checkin's own table, which it checks).
_AZERTY_ROWS = [("1234567890-", "&é\"'(-è_çà)"), ("!@#$%^&*()", "1234567890"),
                ("qwertyuiop]", "azertyuiop$"), ("asdfghjkl;", "qsdfghjklm"), ("zxcvbnm", "wxcvbn,"),
                ("QWERTYUIOP", "AZERTYUIOP"), ("ASDFGHJKL:", "QSDFGHJKLM"), ("ZXCVBNM", "WXCVBN?")]
AZERTY_FOR_US = {us: fr for row_us, row_fr in _AZERTY_ROWS for us, fr in zip(row_us, row_fr, strict=True)}


def on_azerty(text: str) -> str:
    """What an AZERTY computer types when a US-set scanner types `text`."""
    return "".join(AZERTY_FOR_US[ch] for ch in text)
