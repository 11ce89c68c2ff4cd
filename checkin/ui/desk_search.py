"""The desk's search results on screen: the people found (or "nobody found") for the field's
latest text, and Down from the search field walks into the list. The controller searches
(off the GUI thread, at each key: no pause to wait for); this only shows what it found."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListView

from checkin.core.search.lookup import Hit
from checkin.ui.models.search_results import SearchResultModel


class DeskSearch(QObject):
    def __init__(self, field: QLineEdit, found: QListView, nobody: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._found = found
        self._nobody = nobody
        self._results = SearchResultModel(self)
        self.shown_for = ""  # the text whose results are on screen
        found.setModel(self._results)
        field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Down from the search field walks into the results."""
        if watched is self._field and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self._results.rowCount() > 0:
            self.walk_in()
            return True
        return super().eventFilter(watched, event)

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        """Results for `text`, shown only while the field still holds it."""
        if text != self._field.text():
            return
        if len(text.strip()) < 2:
            self.show_nothing()
            return
        self._results.set_hits(hits)
        self.shown_for = text
        self._found.setVisible(bool(hits))
        self._nobody.setVisible(not hits)

    def hit(self, row: int) -> Hit | None:
        return self._results.hit(row)

    def clear(self) -> None:
        self._field.clear()
        self.show_nothing()
        self._field.setFocus()

    def show_nothing(self) -> None:
        self.shown_for = ""
        self._results.set_hits([])
        self._found.hide()
        self._nobody.hide()

    def walk_in(self) -> None:
        """The first person found highlighted, the focus in the list (Enter admits them)."""
        if self._results.rowCount() > 0:
            self._found.setFocus()
            self._found.setCurrentIndex(self._results.index(0))
