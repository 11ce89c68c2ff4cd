"""An editable table of plain records (dicts), for the programme editor.

Columns say which field they show, whether it can be edited, and whether it holds a whole
number; values are kept as the user typed them and validated by the core on save, which
names the row and the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Column:
    name: str
    header: str
    editable: bool = True
    integer: bool = False
    choices: Callable[[], list[tuple[str, str]]] | None = None  # (value, label)
    new_only: bool = False  # editable on rows added in this session only (stable keys)
    width: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class RecordTableModel(QAbstractTableModel):
    RecordRole = Qt.ItemDataRole.UserRole + 1
    NEW_FLAG = "_new"

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[dict[str, Any]] = []

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in records]
        self.endResetModel()

    def records(self) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != self.NEW_FLAG} for r in self._rows]

    def add_record(self, record: dict[str, Any]) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(dict(record, **{self.NEW_FLAG: True}))
        self.endInsertRows()
        return row

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self.columns[index.column()]
        if col.editable and (not col.new_only or self._rows[index.row()].get(self.NEW_FLAG)):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        col = self.columns[index.column()]
        value = record.get(col.name)
        if role == Qt.ItemDataRole.EditRole:
            return _text(value)
        if role == Qt.ItemDataRole.DisplayRole:
            if col.choices:
                labels = dict(col.choices())
                return labels.get(value, _text(value))
            return _text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.integer:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RecordRole:
            return record
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        col = self.columns[index.column()]
        text = str(value).strip() if value is not None else ""
        new: Any = text
        if col.integer:
            if text == "":
                new = None
            else:
                try:
                    new = int(text)
                except ValueError:
                    return False  # the editor keeps the old value; nothing half-typed is stored
                if new < 0:
                    return False
        elif col.name in ("audience_categories", "audience_professions", "speakers"):
            new = [part.strip() for part in text.split(",") if part.strip()]
        record = self._rows[index.row()]
        if record.get(col.name) == new:
            return False
        record[col.name] = new
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
