"""A USB scanner is a keyboard that types very fast: tell its bursts from people typing.

Installed on the whole application, so a badge scans wherever the focus is — the search
list, a button, or a field of an open dialog. A burst is at least MIN_BURST printable keys
each within BURST_GAP of the previous one; it ends with Enter, or with a pause for scanners
set up to send no Enter. Keys typed at human speed outside a text field are passed on to
the desk's search field, so typing a name works without clicking first.

The desk's own scan and search fields handle their Enter themselves (they ask
`recent_burst()` to know whether a scanner typed it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

BURST_GAP = 0.035      # s between two keys of a scanner (people: 80 ms and more)
MIN_BURST = 4          # keys: shorter bursts are people, or noise
PAUSE_MS = 120         # a burst with no Enter ends after this silence
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _takes_text(widget: QObject | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


class ScannerFilter(QObject):
    """Emits `scanned(text)` for each scanner burst; forwards stray human typing."""

    scanned = Signal(str)

    def __init__(self, own_fields: list[QWidget], typing_target: Callable[[], QLineEdit | None],
                 looks_like_code: Callable[[str], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._own = own_fields
        self._target = typing_target
        self._looks_like_code = looks_like_code
        self._chars: list[str] = []
        self._last = 0.0
        self._receiver: QObject | None = None
        self._swallowed = False   # the burst's keys went to no text field: we hold them
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self._on_pause)

    # ---- what the desk's own fields ask --------------------------------------------
    def recent_burst(self) -> bool:
        """Were the last keys typed by a scanner (fast, several, just now)?"""
        return len(self._chars) >= MIN_BURST and time.monotonic() - self._last < 4 * BURST_GAP

    def reset(self) -> None:
        self._chars.clear()
        self._swallowed = False
        self._pause.stop()

    # ---- the filter -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if not watched.isWindow() and QApplication.focusWidget() is not watched:
            return False  # the same key travels up through parents: count it once
        key = event  # type: ignore[assignment]
        assert isinstance(key, QKeyEvent)
        if key.key() in _ENTER:
            return self._on_enter(watched)
        text = key.text()
        if len(text) != 1 or not text.isprintable() or key.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return self._on_char(watched, text)

    def _on_char(self, watched: QWidget, text: str) -> bool:
        now = time.monotonic()
        if now - self._last > BURST_GAP or watched is not self._receiver:
            self._chars.clear()
            self._swallowed = not _takes_text(watched) and watched not in self._own
        self._chars.append(text)
        self._last = now
        self._receiver = watched
        self._pause.start()
        if watched in self._own or _takes_text(watched):
            return False  # the field shows what is typed; a burst is taken back at its end
        if len(self._chars) == 1:
            # Maybe a person typing a name: give it to the search field. If it turns out
            # to be a scanner, the later keys are held and the first one is taken back.
            target = self._target()
            if target is not None:
                target.setFocus()
                target.insert(text)
                self._receiver = target
                self._swallowed = False
            return True
        return True

    def _on_enter(self, watched: QWidget) -> bool:
        if watched in self._own:
            return False  # the desk's fields decide, asking recent_burst()
        if not self.recent_burst():
            self.reset()
            return False
        text = "".join(self._chars)
        self._take_back(text)
        self.reset()
        self.scanned.emit(text)
        return True  # the Enter was the scanner's, not a click on a dialog's default button

    def _on_pause(self) -> None:
        """A burst that ended without Enter: a scan, when it reads as one."""
        if len(self._chars) < MIN_BURST:
            return
        text = "".join(self._chars)
        if self._swallowed or self._looks_like_code(text):
            self._take_back(text)
            self.reset()
            self.scanned.emit(text)

    def _take_back(self, text: str) -> None:
        """Remove a burst's characters from the text field they landed in."""
        field = self._receiver
        if isinstance(field, QLineEdit) and field.text().endswith(text):
            field.setText(field.text()[: len(field.text()) - len(text)])
