"""Rooms now and next, fullest first: present/capacity with a bar, booked, held, waitlist,
free — coloured at 80 % and 100 %."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from checkin.core.monitoring.occupancy import fill
from checkin.core.programme.seating import SessionSeats

Index = QModelIndex | QPersistentModelIndex
WARN_AT, FULL_AT = 0.8, 1.0
WARN_COLOUR, FULL_COLOUR = QColor("#ffe0a3"), QColor("#f4b4b4")


class OccupancyModel(QAbstractTableModel):
    TIME, SESSION, ROOM, PRESENT, BOOKED, HELD, WAITLIST, FREE = range(8)
    COLUMN_COUNT = 8
    FillRole = Qt.ItemDataRole.UserRole + 1      # 0.0–1.0+ (None: no capacity), for the bar
    SessionIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSeats] = []
        self._tz: tzinfo = ZoneInfo("UTC")

    def set_sessions(self, sessions: list[SessionSeats], tz: tzinfo) -> None:
        """Rows keep their place when the same sessions come back, so a coordinator's
        selection does not jump on every refresh."""
        self._tz = tz
        if [s.session_id for s in sessions] == [s.session_id for s in self._rows]:
            self._rows = list(sessions)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))
            return
        self.beginResetModel()
        self._rows = list(sessions)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = [self.tr("Time"), self.tr("Session"), self.tr("Room"), self.tr("Present"),
                   self.tr("Booked"), self.tr("Held"), self.tr("Waitlist"), self.tr("Free")]
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        col = index.column()
        ratio = fill(s)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, col)
        if role == self.FillRole:
            return ratio
        if role == self.SessionIdRole:
            return s.session_id
        if role == Qt.ItemDataRole.BackgroundRole and ratio is not None:
            if ratio >= FULL_AT:
                return FULL_COLOUR
            if ratio >= WARN_AT:
                return WARN_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.PRESENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.SESSION, self.ROOM):
            return self._text(s, col)  # whole, when the column cuts it
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PRESENT and ratio is not None:
            return self.tr("%1 % full").replace("%1", str(round(ratio * 100)))
        return None

    def _text(self, s: SessionSeats, col: int) -> str:
        if col == self.TIME:
            return f"{s.starts_at.astimezone(self._tz):%H:%M}–{s.ends_at.astimezone(self._tz):%H:%M}"
        if col == self.SESSION:
            return s.title
        if col == self.ROOM:
            return s.room
        if col == self.PRESENT:
            return f"{s.present}/{s.capacity}" if s.capacity is not None else str(s.present)
        if col == self.FREE:
            return "—" if s.free is None else str(s.free)
        return str({self.BOOKED: s.booked, self.HELD: s.held, self.WAITLIST: s.waitlisted}.get(col, ""))
