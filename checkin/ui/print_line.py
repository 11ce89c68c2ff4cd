"""The desk's print line: a second, smaller line under the answer, about badges only —
the one printing, those waiting and why, the last one out, what a reprint did. The answer
above it (the welcome, the name, where to go) is never replaced by printing news."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from checkin.core.badges.print_queue import NO_PRINTER, RETRY_S, QueuedBadge, QueueState
from checkin.ui.labels import english_plural

NAMES_SHOWN = 3  # then "+ N": the line stays one line on a laptop's screen
PLAIN = "font-size: 12pt; color: #1a1a1a; background: #e8eaed; border-radius: 6px;"
PROBLEM = "font-size: 12pt; color: #1a1a1a; background: #ffe08a; border-radius: 6px;"


class PrintLine(QFrame):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printLine")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        self._text = QLabel(self)
        self._text.setObjectName("printStatus")
        # One line, whatever it says: a line that grew or shrank would lay the whole desk
        # out again, and repaint the answer above it, at each badge.
        self._text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._retry = QPushButton(self.tr("Try again"), self)
        self._retry.setObjectName("printRetryButton")
        self._retry.setToolTip(self.tr("Print the waiting badges now"))
        self._retry.clicked.connect(self.retry_requested)
        row.addWidget(self._text, 1)
        row.addWidget(self._retry)
        self._retry.hide()
        self.hide()

    def text(self) -> str:
        return self._text.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_queue(self, state: QueueState) -> None:
        waiting = len(state.waiting)
        if state.problem:  # the badge being tried again is one of those waiting
            line = ((state.printing,) if state.printing else ()) + state.waiting
            waiting = len(line)
            why = (self.tr("No printer on this computer") if state.problem == NO_PRINTER
                   else self.tr("The badge did not print (%1)").replace("%1", state.problem))
            pending = english_plural(self.tr("%n badge(s) waiting", "", waiting), waiting)
            text = self.tr("%1: %2 (%3) — tried again every %4 s").replace("%1", why) \
                .replace("%2", pending).replace("%3", self._names(line)) \
                .replace("%4", f"{RETRY_S:.0f}")
            self._say(text, problem=True)
        elif state.printing is not None:
            text = self.tr("Printing the badge of %1…").replace("%1", state.printing.name)
            if waiting:
                text += " " + english_plural(self.tr("(%n more waiting)", "", waiting), waiting)
            self._say(text, problem=False)
        elif state.last_printed is not None:
            self._say(self.tr("Badge of %1 printed on %2").replace("%1", state.last_printed.name)
                      .replace("%2", state.last_printer), problem=False)
        else:
            self.hide()

    def show_told(self, text: str, problem: bool) -> None:
        """What a reprint did: shown until the queue has news."""
        self._say(text, problem, retry=False)

    def _say(self, text: str, problem: bool, retry: bool | None = None) -> None:
        # ⎙, not the printer emoji: in DejaVu (Linux) and Segoe UI Symbol (Windows) alike.
        self._text.setText(("⚠ " if problem else "⎙ ") + text)
        self._text.setToolTip(text)  # all of it, when the line is too short for it
        if self.property("problem") != problem:  # a new style sheet restyles the whole line
            self.setProperty("problem", problem)
            self.setStyleSheet(f"#printLine {{ {PROBLEM if problem else PLAIN} }}")
        self._retry.setVisible(problem if retry is None else retry)
        self.show()

    @staticmethod
    def _names(badges: tuple[QueuedBadge, ...]) -> str:
        names = ", ".join(b.name for b in badges[:NAMES_SHOWN])
        return names + (f" + {len(badges) - NAMES_SHOWN}" if len(badges) > NAMES_SHOWN else "")
