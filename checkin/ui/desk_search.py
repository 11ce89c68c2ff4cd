"""The desk's search by name, organisation or code: typing at human speed searches once the
typing pauses (debounced), the people found are listed (or "nobody found" shown), and Down
from the search field walks into the list. The desk view lays the widgets out; this drives
them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListView
from sqlalchemy.engine import Engine

from checkin.core.admission.scan import clean_code
from checkin.core.search.lookup import Hit, search
from checkin.ui.models.search_results import SearchResultModel

SEARCH_DELAY_MS = 180   # debounce: search once the typing pauses
MIN_SEARCH = 2          # letters before searching


class DeskSearch(QObject):
    def __init__(self, engine: Engine, event_id: int, field: QLineEdit, found: QListView,
                 nobody: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._event = event_id
        self._field = field
        self._found = found
        self._nobody = nobody
        self._results = SearchResultModel(self)
        found.setModel(self._results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run)
        field.textEdited.connect(self._on_edited)
        field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Down from the search field walks into the results."""
        if watched is self._field and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self._results.rowCount() > 0:
            self.run_now()
            self._walk_in()
            return True
        return super().eventFilter(watched, event)

    def is_code(self, text: str) -> bool:
        """Is `text` the ticket code of someone in this event (not a name that looks like one)?"""
        code = clean_code(text)
        if not code or " " in code:
            return False
        hits = search(self._engine, self._event, code, limit=1)
        return bool(hits) and hits[0].matched == "code"

    def hit(self, row: int) -> Hit | None:
        return self._results.hit(row)

    def choose_first(self) -> None:
        """Enter on a name: the people found now, the first one highlighted (a person
        chooses: Enter again admits them)."""
        self.run_now()
        if self._results.rowCount() > 0:
            self._walk_in()

    def clear(self) -> None:
        self._field.clear()
        self._timer.stop()
        self._show_nothing()
        self._field.setFocus()

    def run_now(self) -> None:
        """The search the typing pause would have started, at once."""
        if self._timer.isActive():
            self._timer.stop()
            self._run()

    def _on_edited(self, _text: str) -> None:
        self._timer.start()

    def _run(self) -> None:
        text = self._field.text().strip()
        if len(text) < MIN_SEARCH:
            self._show_nothing()
            return
        hits = search(self._engine, self._event, text)   # ~1 ms at 100 000 registrants
        self._results.set_hits(hits)
        self._found.setVisible(bool(hits))
        self._nobody.setVisible(not hits)

    def _show_nothing(self) -> None:
        self._results.set_hits([])
        self._found.hide()
        self._nobody.hide()

    def _walk_in(self) -> None:
        self._found.setFocus()
        self._found.setCurrentIndex(self._results.index(0))
