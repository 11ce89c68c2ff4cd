"""The Programme tab: the event's counts, by category, and every session with its seats."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from checkin.core.monitoring.overview import EventSummary
from checkin.ui.labels import english_plural
from checkin.ui.models.sessions import SessionTableModel


class ProgrammeTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts = QLabel(self)
        self._counts.setObjectName("eventCounts")
        self._counts.setStyleSheet("font-size: 13pt;")
        self._counts.setWordWrap(True)
        self._categories = QLabel(self)
        self._categories.setObjectName("categoryCounts")
        self._categories.setWordWrap(True)
        self._model = SessionTableModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._model)
        proxy.setSortRole(SessionTableModel.SortRole)
        table = QTableView(self)
        table.setObjectName("sessionTable")
        table.setAccessibleName(self.tr("Sessions"))
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(SessionTableModel.TIME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SessionTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.addWidget(self._counts)
        lay.addWidget(self._categories)
        lay.addWidget(table, 1)

    def show_summary(self, s: EventSummary) -> None:
        """The counts once read ("…" while the background read is under way)."""
        self._counts.setText("…" if not s.complete else
            " · ".join((
                english_plural(self.tr("%Ln registered", "", s.registrants), s.registrants),
                english_plural(self.tr("%Ln cancelled", "", s.cancelled), s.cancelled),
                english_plural(self.tr("%Ln session(s)", "", len(s.sessions)), len(s.sessions)))))
        self._categories.setText(" · ".join(
            f"{name} {count}" for name, count in s.categories.items() if count))
        self._model.set_sessions(s.sessions, s.timezone)
