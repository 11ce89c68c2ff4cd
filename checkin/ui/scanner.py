"""A USB scanner is a keyboard that types very fast: tell its bursts from people typing.

Installed on the whole application, so a badge scans wherever the focus is — the search
field with a name half typed, a button, or a field of an open dialog. A burst is at least
MIN_BURST printable keys each within BURST_GAP of the previous one (by the key events' own
times when the system gives them: a busy window that handles keys late must not turn a
person's typing into a burst, nor a burst into typing). It ends with Enter or Tab, the
scanner's terminators, or with a pause for scanners set up to send none.

Only the burst is a scan: characters typed before it ("dup", then a badge) never prefix
it, and the burst's characters are taken back from the field they landed in. A terminator
after a burst is the scanner's: Tab does not move the focus, Enter does not press a
dialog's default button.

Keys typed at human speed on a widget of the desk's window that takes no text go to the
search field, so typing a name works without clicking first; in a dialog they stay in the
dialog. The window's own shortcuts (`window_keys`) win over the text fields of the desk's
window (Ctrl+Z undoes the last scan, not the field's typing), never over a dialog's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

BURST_GAP_MS = 45     # between two keys of a scanner (2–30 ms; people: 80 ms and more)
MIN_BURST = 4         # keys: shorter bursts are people, or noise
PAUSE_MS = 120        # a burst with no terminator ends after this silence
# A burst's own keys: a slower key inside it (a Bluetooth scanner, a busy USB hub) does not
# cut it when this many fast keys came before — people do not type three keys 45 ms apart.
FAST_RUN = 3
LATE_TERMINATOR_MS = 600  # an Enter or Tab this soon after a burst ended by its pause is its own
TERMINATORS = {Qt.Key.Key_Return: "enter", Qt.Key.Key_Enter: "enter", Qt.Key.Key_Tab: "tab"}
_CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def is_chord(event: QKeyEvent) -> bool:
    """Ctrl+… or Alt+…: a command, not typing. Ctrl and Alt together with a character is
    AltGr on Windows (`@`, `]`, `#` on AZERTY): typing, as a French-set scanner sends it."""
    held = event.modifiers() & _CTRL_ALT
    return bool(held) and held != _CTRL_ALT


def takes_text(widget: QObject | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


def key_time_ms(event: QKeyEvent) -> float:
    """When the key was pressed: the window system's time, else (synthetic keys) now."""
    return float(event.timestamp()) or time.monotonic() * 1000


class ScannerFilter(QObject):
    """Emits `scanned(text, terminator)` for each scanner burst ("enter", "tab" or "" when it
    ended with a pause); the desk decides what a terminator-less burst is."""

    scanned = Signal(str, str)

    def __init__(self, window: Callable[[], QWidget | None], search_field: Callable[[], QLineEdit | None],
                 window_keys: Callable[[], list[QKeySequence]], desk_fields: tuple[QLineEdit, ...] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window             # the desk's main window
        self._search = search_field       # where stray typing goes, when it is visible
        self._window_keys = window_keys
        self._desk_fields = desk_fields   # emptied by a scan: what they held before it is stale
        self._chars: list[str] = []
        self._last = 0.0
        self._receiver: QWidget | None = None   # where the burst's characters landed
        self._paused = False
        self._last_burst: tuple[str, QWidget | None] = ("", None)
        self._paused_burst_at = -1e9  # the last key of the last burst that ended by a pause
        self._fast = 0                 # fast gaps in a row in the current burst
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self._on_pause)

    # ---- what the desk asks -----------------------------------------------------------
    def pause(self, paused: bool) -> None:
        """Let every key through untouched (Desk ▸ Test the scanner reads the raw burst)."""
        self._paused = paused
        self.reset()

    def reset(self) -> None:
        self._chars.clear()
        self._receiver = None
        self._fast = 0
        self._pause.stop()

    def take_back(self, text: str, field: QWidget | None = None) -> None:
        """Remove a burst's characters from the text field they landed in. In the desk's
        own fields (search, ticket code) nothing else is kept either: it is stale."""
        field = field or self._receiver
        if not isinstance(field, QLineEdit) or not field.text().endswith(text):
            return
        if field in self._desk_fields:
            field.clear()
        else:
            field.setText(field.text()[: len(field.text()) - len(text)])

    # ---- the filter -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._paused or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                or not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if not watched.isWindow() and QApplication.focusWidget() is not watched:
            return False  # the same key travels up through parents: count it once
        window = self._window()
        if window is None or not window.isVisible():
            return False  # this desk's window is gone or hidden: its keys are another's
        if kind == QEvent.Type.ShortcutOverride:
            return self._on_shortcut_override(watched, event)
        if event.key() in TERMINATORS and not is_chord(event):
            return self._on_terminator(TERMINATORS[event.key()], key_time_ms(event))  # type: ignore[index]
        text = event.text()
        if len(text) != 1 or not text.isprintable() or is_chord(event):
            return False
        return self._on_char(watched, text, key_time_ms(event))

    def _on_shortcut_override(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A text field of the desk's window lets the window's shortcuts through."""
        if watched.window() is not self._window() or QApplication.activeModalWidget() is not None:
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self._window_keys()):
            event.ignore()
            return True
        return False

    def _on_char(self, watched: QWidget, text: str, at: float) -> bool:
        gap = at - self._last
        if watched is not self._receiver or (gap > BURST_GAP_MS and self._fast < FAST_RUN):
            self._chars.clear()
            self._fast = 0
        elif gap <= BURST_GAP_MS:
            self._fast += 1
        self._chars.append(text)
        self._last = at
        self._pause.start()
        if takes_text(watched):
            self._receiver = watched
            return False  # the field shows what is typed; a burst is taken back at its end
        if len(self._chars) > 1:
            return True  # a burst on a widget that takes no text: held here, not typed
        target = self._search()
        if target is None or watched.window() is not self._window() \
                or QApplication.activeModalWidget() is not None:
            self._receiver = watched
            return False  # a dialog's list or button: its own keyboard search, if any
        # Maybe a person typing a name: the search field takes it. If a scanner follows,
        # its next keys land there too.
        target.setFocus()
        target.insert(text)
        self._receiver = target
        return True

    def _on_terminator(self, terminator: str, at: float) -> bool:
        if len(self._chars) >= MIN_BURST and self._recent():
            self._finish(terminator)
            return True
        late = not self._chars and 0 <= at - self._paused_burst_at < LATE_TERMINATOR_MS
        self.reset()
        # The terminator of a burst the pause already ended (a slow scanner, a busy window):
        # the burst was decided then; its Enter must not scan it again, its Tab not move on.
        return late

    def _recent(self) -> bool:
        # The burst's pause has not run out. The terminator's own time is not compared: a
        # window that was busy delivers a burst and its terminator late, together, and
        # they are still one scan.
        return self._pause.isActive()

    def _on_pause(self) -> None:
        if len(self._chars) >= MIN_BURST:
            self._paused_burst_at = self._last
            self._finish("")

    def _finish(self, terminator: str) -> None:
        text = "".join(self._chars)
        receiver = self._receiver
        self._chars.clear()
        self._fast = 0
        self._pause.stop()
        if terminator:
            self.take_back(text, receiver)
        self._last_burst = (text, receiver)
        self.scanned.emit(text, terminator)

    def take_back_last(self, text: str) -> None:
        """A terminator-less burst the desk found to be a code: out of the field it is in."""
        burst, field = self._last_burst
        if burst == text:
            self.take_back(text, field)
