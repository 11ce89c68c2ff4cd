"""Search results at the desk: one row per registrant found, best match first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from checkin.core.search.lookup import Hit

Index = QModelIndex | QPersistentModelIndex


class SearchResultModel(QAbstractListModel):
    HitRole = Qt.ItemDataRole.UserRole + 1
    CodeRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        h = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            name = f"{h.last_name.upper()} {h.first_name}".strip()
            parts = [name]
            if h.organisation:
                parts.append(h.organisation)
            if h.category:
                parts.append(h.category)
            text = " — ".join(parts) + f"   [{h.code}]"
            if h.cancelled:
                text += "   " + self.tr("(cancelled)")
            return text
        if role == Qt.ItemDataRole.ForegroundRole and h.cancelled:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Enter: admit this person") if not h.cancelled else self.tr("This ticket was cancelled")
        if role == self.HitRole:
            return h
        if role == self.CodeRole:
            return h.code
        return None
