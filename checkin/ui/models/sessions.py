"""The programme as a table: one row per session with its seats and enrollments."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkin.core.monitoring.overview import SessionLine
from checkin.ui.labels import kind_label

Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    TIME, TITLE, KIND, TRACK, ROOM, SEATS, BOOKED, WAITLIST = range(8)
    COLUMN_COUNT = 8
    SessionIdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionLine] = []
        self._tz = ZoneInfo("UTC")

    def set_sessions(self, sessions: list[SessionLine], timezone: str) -> None:
        self.beginResetModel()
        self._rows = list(sessions)
        self._tz = ZoneInfo(timezone or "UTC")
        self.endResetModel()

    def _headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Session"), self.tr("Kind"), self.tr("Track"),
                self.tr("Room"), self.tr("Seats"), self.tr("Booked"), self.tr("Waitlist")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self._headers()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col)
        if role == self.SessionIdRole:
            return s.id
        if role == self.SortRole:
            return {self.TIME: s.starts_at.timestamp(), self.SEATS: s.capacity or 0,
                    self.BOOKED: s.booked, self.WAITLIST: s.waitlisted}.get(col, self._display(s, col))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.SEATS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TITLE:
            return s.title
        return None

    def _display(self, s: SessionLine, col: int) -> str:
        if col == self.TIME:
            start = s.starts_at.astimezone(self._tz)
            end = s.ends_at.astimezone(self._tz)
            return f"{start:%H:%M}–{end:%H:%M}"
        if col == self.TITLE:
            return s.title
        if col == self.KIND:
            return kind_label(s.kind)
        if col == self.TRACK:
            return s.track
        if col == self.ROOM:
            return s.room
        if col == self.SEATS:
            return "" if s.capacity is None else str(s.capacity)
        if col == self.BOOKED:
            return str(s.booked)
        if col == self.WAITLIST:
            return str(s.waitlisted)
        return ""
