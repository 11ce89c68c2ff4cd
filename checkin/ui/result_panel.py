"""The answer, readable from two metres: colour, symbol, words, the person, where to go.

It stays until the next scan or CLEAR_MS; an attention text keeps it up until the
volunteer acknowledges it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from checkin.core.admission.answer_words import headline, seats_left
from checkin.core.admission.routing import Route, Stop
from checkin.core.admission.scan import GARBLED, ScanAnswer
from checkin.store.vocabulary import ScanResult
from checkin.ui.labels import window_words
from checkin.ui.outcomes import COLOURS, SYMBOLS, outcome_of

CLEAR_MS = 8000


class ResultPanel(QFrame):
    acknowledged = Signal()
    cleared = Signal()  # an answer went away after its delay: nobody is shown any more

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: ScanAnswer | None = None  # the answer on screen (a late route is for it)
        self.setObjectName("resultPanel")
        self.setAccessibleName(self.tr("Answer"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.outcome = "idle"
        self.result = ""
        self._tz: tzinfo | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(24, 18, 24, 18)
        top = QHBoxLayout()
        self._symbol = QLabel(self)
        self._symbol.setObjectName("resultSymbol")
        self._symbol.setStyleSheet("font-size: 64pt; font-weight: 700; color: white;")
        self._headline = QLabel(self)
        self._headline.setObjectName("resultHeadline")
        self._headline.setWordWrap(True)
        self._headline.setStyleSheet("font-size: 30pt; font-weight: 700; color: white;")
        top.addWidget(self._symbol)
        top.addWidget(self._headline, 1)
        self._name = QLabel(self)
        self._name.setObjectName("resultName")
        self._name.setWordWrap(True)
        self._name.setStyleSheet("font-size: 26pt; font-weight: 600; color: white;")
        self._details = QLabel(self)
        self._details.setObjectName("resultDetails")
        self._details.setWordWrap(True)
        self._details.setStyleSheet("font-size: 15pt; color: white;")
        self._attention = QLabel(self)
        self._attention.setObjectName("attentionText")
        self._attention.setWordWrap(True)
        self._attention.setStyleSheet(
            "font-size: 17pt; font-weight: 600; color: #1a1a1a; background: #ffe08a; "
            "border-radius: 6px; padding: 8px;")
        self._ack = QPushButton(self.tr("I have read it (Space)"), self)
        self._ack.setObjectName("acknowledgeButton")
        self._ack.setShortcut(Qt.Key.Key_Space)
        self._ack.clicked.connect(self._on_acknowledge)
        self._route = QLabel(self)
        self._route.setObjectName("routeText")
        self._route.setWordWrap(True)
        self._route.setTextFormat(Qt.TextFormat.RichText)
        self._route.setStyleSheet("font-size: 15pt; color: white;")
        v.addLayout(top)
        v.addWidget(self._name)
        v.addWidget(self._details)
        v.addWidget(self._attention)
        v.addWidget(self._ack, 0, Qt.AlignmentFlag.AlignLeft)
        v.addWidget(self._route)
        v.addStretch(1)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.setInterval(CLEAR_MS)
        self._clear.timeout.connect(self._on_delay_over)
        self.needs_acknowledgement = False
        self.show_idle()

    # ---- states ---------------------------------------------------------------------
    def show_idle(self) -> None:
        if self.needs_acknowledgement:
            return
        self._paint("idle")
        self.result = ""
        self._symbol.setText(SYMBOLS["idle"])
        self._headline.setText(self.tr("Ready: scan a badge or type a name"))
        for w in (self._name, self._details, self._route, self._attention, self._ack):
            w.hide()

    def show_answer(self, answer: ScanAnswer, route: Route | None, tz: tzinfo) -> None:
        self._tz = tz
        self._shown = answer
        self.outcome = outcome_of(answer)
        self.result = answer.result
        self._paint(self.outcome)
        self._symbol.setText(SYMBOLS[self.outcome])
        self._headline.setText(self._headline_for(answer))
        name = f"{answer.first_name} {answer.last_name}".strip()
        self._name.setText(name)
        self._name.setVisible(bool(name))
        details = " · ".join(p for p in (answer.organisation, answer.category) if p)
        if answer.reason == GARBLED:
            details = self.tr("The scanner seems set for another keyboard (it typed “%1”). "
                              "Scan again; if it happens again, use Desk ▸ Test the scanner.") \
                .replace("%1", answer.code[:40])
        elif answer.result not in (ScanResult.ADMITTED, ScanResult.EXITED, ScanResult.ALREADY_IN,
                                 ScanResult.UNDONE) and answer.reason and not name:
            details = answer.code
        self._details.setText(details)
        self._details.setVisible(bool(details))
        self.needs_acknowledgement = bool(answer.attention_text) and answer.accepted
        self._attention.setText(window_words()("answer.attention", answer.attention_text))
        self._attention.setVisible(bool(answer.attention_text))
        self._ack.setVisible(self.needs_acknowledgement)
        text = self._door_text(answer) or (self._route_text(route) if route is not None else "")
        self._route.setText(text)
        self._route.setVisible(bool(text))
        if self.needs_acknowledgement:
            self._clear.stop()
            self._ack.setFocus()
        else:
            self._clear.start()

    def show_route(self, answer: ScanAnswer, route: Route) -> None:
        """Where the person goes, come a moment after their answer (a desk on a shared
        server reads it from its copy once the decision is durable); only while that
        answer is still the one shown."""
        if answer is not self._shown or self._door_text(answer):
            return
        text = self._route_text(route)
        self._route.setText(text)
        self._route.setVisible(bool(text))

    def show_failure(self, message: str) -> None:
        """The store refused the write: nothing was recorded, and the screen says so."""
        self.needs_acknowledgement = False
        self.outcome, self.result = "refused", "error"
        self._paint("refused")
        self._symbol.setText(SYMBOLS["refused"])
        self._headline.setText(self.tr("Not recorded — scan again"))
        self._details.setText(message)
        self._details.show()
        for w in (self._name, self._route, self._attention, self._ack):
            w.hide()
        self._clear.stop()

    def show_notice(self, message: str) -> None:
        """Something the volunteer should know that is not a scan (grey, clears itself)."""
        if self.needs_acknowledgement:
            return
        self.show_idle()
        self._headline.setText(message)
        self._clear.start()

    def _on_delay_over(self) -> None:
        if self.needs_acknowledgement:
            return
        self.show_idle()
        self.cleared.emit()

    def text(self) -> str:
        """What the panel says now, line by line, as the volunteer reads it."""
        labels = (self._symbol, self._headline, self._name, self._details, self._attention, self._route)
        return "\n".join(w.text() for w in labels if not w.isHidden() and w.text())

    def _on_acknowledge(self) -> None:
        self.needs_acknowledgement = False
        self._ack.hide()
        self._clear.start()
        self.acknowledged.emit()

    # ---- text -----------------------------------------------------------------------
    def _headline_for(self, a: ScanAnswer) -> str:
        """The catalogue's headline, as `checkin scan` says it (checkin.core.messages)."""
        return headline(a, window_words(), self._tz)

    def _door_text(self, a: ScanAnswer) -> str:
        """At a session's door: which session, and why not when refused."""
        import html

        if not a.session_title:
            return ""
        def esc(text: str) -> str:
            return html.escape(text, quote=False)

        lines = [f"<b>{esc(a.session_title)}</b> — {esc(a.room)}"]
        if a.result == ScanResult.NOT_ELIGIBLE and a.reserved_for:
            lines.append(self.tr("Reserved for: %1").replace("%1", esc(a.reserved_for)))
        elif a.result == ScanResult.SESSION_FULL:
            lines.append(self.tr("No free seat: every seat is taken or held for a booked person"))
        elif a.seats_left is not None:
            lines.append(seats_left(a.seats_left, window_words()))
        if a.result in (ScanResult.NOT_ELIGIBLE, ScanResult.SESSION_FULL):
            lines.append("<b>" + self.tr("Call a coordinator: only they can let someone in anyway.")
                         + "</b>")
        return "<br>".join(lines)

    def _route_text(self, r: Route) -> str:
        if not r.found or r.cancelled:
            return ""
        lines = []
        current = [s for s in r.programme if s.now]
        upcoming = [s for s in r.programme if not s.now]
        for s in current:
            lines.append(self.tr("<b>Now</b>: %1").replace("%1", self._stop(s)))
        if upcoming:
            lines.append(self.tr("<b>Next</b>: %1").replace("%1", self._stop(upcoming[0])))
        if r.suggestions:
            lines.append(self.tr("<b>Seats free</b> for a slot with nothing booked:"))
            lines.extend("&nbsp;&nbsp;• " + self._stop(s) for s in r.suggestions)
        return "<br>".join(lines)

    def _stop(self, s: Stop) -> str:
        import html

        where = html.escape(s.room + (f" ({s.floor})" if s.floor else ""))
        text = f"{self._hhmm(s.starts_at)} {html.escape(s.title)} — {where}"
        if s.status == "waitlisted":
            text += " · " + self.tr("waitlist #%1").replace("%1", str(s.waitlist_position))
            if s.seat_free_now:
                text += " · " + self.tr("a seat is free now")
        elif s.status == "booked":
            text += " · " + self.tr("seat booked")
        elif s.seats_left is not None:
            text += " · " + seats_left(s.seats_left, window_words())
        return text

    def _hhmm(self, moment: datetime) -> str:
        return f"{moment.astimezone(self._tz) if self._tz else moment:%H:%M}"

    def _paint(self, outcome: str) -> None:
        """The answer's colour. One style sheet for every outcome, set once, chosen by a
        property: setting a new sheet re-styles every label of the panel (3 ms a scan)."""
        if not self.styleSheet():
            self.setStyleSheet("".join(
                f'#resultPanel[outcome="{name}"] {{ background: {colour}; border-radius: 10px; }}'
                for name, colour in COLOURS.items()))
        self.setProperty("outcome", outcome)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()


class PanelHost(QWidget):
    """Where the answer panel sits: it fills this widget, and that is all the desk's layout
    knows of it. An answer's new words change the panel's size hint (wrapped lines); laid
    out directly, each answer laid the whole window out again before painting it (up to
    20 ms of the UI thread's time per scan on a 2-core laptop). Here the change stops at
    the panel."""

    MINIMUM_HEIGHT = 220  # the symbol, the headline and the name, at the desk's text size

    def __init__(self, panel: ResultPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerArea")
        panel.setParent(self)
        self._panel = panel
        self.setMinimumHeight(self.MINIMUM_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 400)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._panel.setGeometry(self.rect())
        super().resizeEvent(event)
