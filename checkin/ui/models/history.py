"""The desk's last answers, newest first: when a person comes back saying "you scanned me
a minute ago", or a volunteer wonders whether the previous badge went through, the
answer is on screen without a search. Only this desk's answers, only the last 20: it is
a glance, not a report (the scan log in the store is the report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QColor

from checkin.core.admission.scan import ScanAnswer
from checkin.core.clock import Clock, system_clock
from checkin.store.vocabulary import ScanResult
from checkin.ui.labels import window_words
from checkin.ui.outcomes import COLOURS, SYMBOLS, outcome_of

Index = QModelIndex | QPersistentModelIndex

MAX_ANSWERS = 20
# The panel's colours and marks: a mark beside the colour, so the outcome does not rest
# on colour alone (colour blindness).
OUTCOME_COLOURS = {k: v for k, v in COLOURS.items() if k != "idle"}
OUTCOME_MARKS = {k: v for k, v in SYMBOLS.items() if k != "idle"}


def result_label(result: str) -> str:
    """A scan result as the desk says it, lower case to follow a name: "— already in"."""
    # Spelled out in full: pyside6-lupdate only finds literal translate("Context", "…") calls.
    return {
        ScanResult.ADMITTED: QCoreApplication.translate("ScanResult", "admitted"),
        ScanResult.ALREADY_IN: QCoreApplication.translate("ScanResult", "already in"),
        ScanResult.UNKNOWN_CODE: QCoreApplication.translate("ScanResult", "unknown code"),
        ScanResult.CANCELLED: QCoreApplication.translate("ScanResult", "registration cancelled"),
        ScanResult.NOT_ELIGIBLE: QCoreApplication.translate("ScanResult", "not eligible"),
        ScanResult.SESSION_FULL: QCoreApplication.translate("ScanResult", "session full"),
        ScanResult.EXITED: QCoreApplication.translate("ScanResult", "left"),
        ScanResult.NOT_INSIDE: QCoreApplication.translate("ScanResult", "not inside"),
        ScanResult.UNDONE: QCoreApplication.translate("ScanResult", "undone"),
    }.get(result, result)


@dataclass(frozen=True)
class _Line:
    answer: ScanAnswer
    at: datetime
    outcome: str


class HistoryModel(QAbstractListModel):
    """The last MAX_ANSWERS answers of this desk, newest on row 0."""

    OutcomeRole = Qt.ItemDataRole.UserRole + 1  # "admitted" / "warning" / "refused"
    AnswerRole = Qt.ItemDataRole.UserRole + 2  # the ScanAnswer itself (attendee id, code…)

    def __init__(self, parent: QObject | None = None, *, timezone: str = "Europe/Paris",
                 clock: Clock = system_clock) -> None:
        super().__init__(parent)
        self._lines: list[_Line] = []
        self._tz = ZoneInfo(timezone or "UTC")
        self._clock = clock

    def set_timezone(self, timezone: str) -> None:
        """Times are the event's wall-clock times, whatever the desk machine's zone."""
        self._tz = ZoneInfo(timezone or "UTC")
        if self._lines:
            self.dataChanged.emit(self.index(0), self.index(len(self._lines) - 1),
                                  [Qt.ItemDataRole.DisplayRole])

    def add(self, answer: ScanAnswer, at: datetime | None = None) -> None:
        """Put an answer on top (stamped now unless `at` is given); the oldest beyond
        MAX_ANSWERS is dropped."""
        line = _Line(answer, at or self._clock(), outcome_of(answer))
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._lines.insert(0, line)
        self.endInsertRows()
        if len(self._lines) > MAX_ANSWERS:
            self.beginRemoveRows(QModelIndex(), MAX_ANSWERS, len(self._lines) - 1)
            del self._lines[MAX_ANSWERS:]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines) or index.column():
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(line)
        if role == self.OutcomeRole:
            return line.outcome
        if role == self.AnswerRole:
            return line.answer
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(OUTCOME_COLOURS[line.outcome])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line.answer)
        return None

    def _text(self, line: _Line) -> str:
        a = line.answer
        who = " ".join(p for p in (a.first_name, a.last_name) if p) or a.code or "?"
        where = f" · {a.session_title}" if a.session_title else ""
        return (f"{line.at.astimezone(self._tz):%H:%M} {OUTCOME_MARKS[line.outcome]} "
                f"{who} — {result_label(a.result)}{where}")

    @staticmethod
    def _tooltip(answer: ScanAnswer) -> str:
        """Why: the store's reason, and the attention note that made it a warning."""
        reason = window_words().reason(answer.reason) if answer.reason else ""
        return "\n".join(t for t in (reason, answer.attention_text) if t)
