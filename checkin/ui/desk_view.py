"""The front desk: scan or search, the answer, where to go, and the desk's recent answers.

The focus lives in the search field. A scanner burst is a scan wherever the focus is
(ScannerFilter); typing at human speed searches, debounced; the arrow keys walk the
results and Enter admits the one highlighted. Scans run one at a time on their own
thread, so a slow or locked store never freezes the window, and an answer is shown only
once it is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.admission.routing import Route, route
from checkin.core.admission.scan import ScanAnswer, ScanService, clean_code
from checkin.core.clock import Clock, system_clock
from checkin.store.vocabulary import ScanResult
from checkin.ui.desk_search import DeskSearch
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.door_choice import DoorChoice
from checkin.ui.models.history import HistoryModel
from checkin.ui.outcomes import outcome_of
from checkin.ui.result_panel import ResultPanel
from checkin.ui.scanner import ScannerFilter
from checkin.ui.sounds import Sounds
from checkin.ui.workers import Task, start


class DeskView(QWidget):
    """One desk's screen for one event."""

    answered = Signal(object)       # ScanAnswer, once committed and shown
    reprint_requested = Signal(int)      # attendee id

    def __init__(self, engine: Engine, event_id: int, tz: tzinfo, *, desk: str,
                 operator: Callable[[], str], clock: Clock = system_clock,
                 muted: bool = False, can_override: Callable[[], bool] = lambda: False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskView")
        self._engine = engine
        self._event = event_id
        self._tz = tz
        self._clock = clock
        self._operator = operator
        self._desk = desk
        self.current: ScanAnswer | None = None  # the person the action buttons act on
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)         # scans are answered in the order made
        self._pending: list[Task] = []
        self._camera = None
        self._service: ScanService | None = None
        self._service_for: tuple = ()
        self.can_override = can_override
        self.session_id: int | None = None     # a room door instead of the entrance
        self.sounds = Sounds(self, muted=muted)
        self._build()
        self._scanner = ScannerFilter([self.scan_input, self.search_input],
                                      lambda: self.search_input if self.isVisible() else None,
                                      self._search.is_code, self)
        self._scanner.scanned.connect(self.submit_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._scanner)
        self.search_input.setFocus()

    def closeEvent(self, event) -> None:
        self.detach()
        super().closeEvent(event)

    def detach(self) -> None:
        """Stop listening to the keyboard (the view is being replaced)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._scanner)
        if self._camera is not None:
            self._camera.stop()

    @property
    def event_id(self) -> int:
        return self._event

    # ---- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setAccessibleName(self.tr("Ticket code"))
        self.scan_input.setPlaceholderText(self.tr("Ticket code"))
        self.scan_input.setMaximumWidth(260)
        self.scan_input.returnPressed.connect(self._on_scan_field)
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("searchInput")
        self.search_input.setAccessibleName(self.tr("Search by name, organisation or code"))
        self.search_input.setPlaceholderText(
            self.tr("Scan a badge, or type a name, an organisation or a code…"))
        self.search_input.setClearButtonEnabled(True)
        self.search_input.returnPressed.connect(self._on_search_enter)
        for field in (self.scan_input, self.search_input):
            field.setMinimumHeight(44)
            field.setStyleSheet("font-size: 16pt;")
        top.addWidget(self.scan_input)
        top.addWidget(self.search_input, 1)
        v.addLayout(top)

        actions = QHBoxLayout()
        self.undo_button = self._button("undoButton", self.tr("&Undo last scan"), "Ctrl+Z", self.undo_last)
        self.walk_in_button = self._button("walkInButton", self.tr("&Walk-in…"), "F2", self.walk_in)
        self.correct_button = self._button("correctButton", self.tr("&Correct name…"), "F3", self.correct)
        self.checkout_button = self._button("checkOutButton", self.tr("Check &out"), "F4", self.check_out)
        self.reprint_button = self._button("reprintButton", self.tr("&Reprint badge"), "F5", self.reprint)
        self.camera_button = self._button("cameraButton", self.tr("Ca&mera"), "F6", self.toggle_camera)
        self.camera_button.setCheckable(True)
        for b in (self.undo_button, self.walk_in_button, self.correct_button,
                  self.checkout_button, self.reprint_button, self.camera_button):
            actions.addWidget(b)
        self.override_button = self._button("overrideButton", self.tr("Admit &anyway"), "F7",
                                            self.override)
        self.override_button.setToolTip(self.tr("Coordinator: admit despite a full room or an "
                                                "audience restriction (journaled) (F7)"))
        actions.addWidget(self.override_button)
        actions.addStretch(1)
        self.mode_label = QLabel(self.tr("Scanning at:"), self)
        self.door_choice = DoorChoice(self)
        self.door_choice.currentIndexChanged.connect(self._on_door_changed)
        actions.addWidget(self.mode_label)
        actions.addWidget(self.door_choice)
        v.addLayout(actions)
        self.load_doors()

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.result_list = QListView(self)
        self.result_list.setObjectName("searchResults")
        self.result_list.setAccessibleName(self.tr("People found"))
        self.result_list.setStyleSheet("font-size: 14pt;")
        self.result_list.activated.connect(self._on_result_activated)
        self.result_list.setMaximumHeight(260)
        self.result_list.hide()
        self.nobody = QLabel(self.tr("Nobody found: check the spelling, or register a walk-in (F2)."), self)
        self.nobody.setObjectName("nobodyFound")
        self.nobody.hide()
        self._search = DeskSearch(self._engine, self._event, self.search_input, self.result_list,
                                  self.nobody, self)
        self.panel = ResultPanel(self)
        self.panel.acknowledged.connect(self.search_input.setFocus)
        left.addWidget(self.result_list)
        left.addWidget(self.nobody)
        left.addWidget(self.panel, 1)
        right = QVBoxLayout()
        title = QLabel(self.tr("Last answers at this desk"), self)
        self.history_model = HistoryModel(self, timezone=str(self._tz), clock=self._clock)
        self.history = QListView(self)
        self.history.setModel(self.history_model)
        self.history.setObjectName("deskHistory")
        self.history.setAccessibleName(self.tr("Last answers at this desk"))
        self.history.setMinimumWidth(300)
        self.history.setStyleSheet("font-size: 12pt;")
        self.history.setWordWrap(True)
        self.history.setMaximumWidth(420)
        right.addWidget(title)
        right.addWidget(self.history, 1)
        body.addLayout(left, 3)
        body.addLayout(right, 1)
        v.addLayout(body, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_search)
        self._update_actions()

    def _button(self, name: str, text: str, shortcut: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAccessibleName(text.replace("&", "").rstrip("…"))
        b.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        QShortcut(QKeySequence(shortcut), self, slot)
        b.clicked.connect(slot)
        b.setMinimumHeight(36)
        return b

    # ---- search -----------------------------------------------------------------------
    def clear_search(self) -> None:
        self._search.clear()

    def _on_search_enter(self) -> None:
        text = self.search_input.text()
        if self._scanner.recent_burst() or self._search.is_code(text):
            self._scanner.reset()
            self.search_input.clear()
            self.submit_scan(text)
            return
        self._search.choose_first()

    def _on_result_activated(self, index: QModelIndex) -> None:
        hit = self._search.hit(index.row())
        if hit is not None:
            self.clear_search()
            self.submit_scan(hit.code)

    def _on_scan_field(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        self._scanner.reset()
        self.submit_scan(text)
        self.search_input.setFocus()

    # ---- scans ------------------------------------------------------------------------
    def service(self) -> ScanService:
        """One service per operator (the role can change between two scans), made once."""
        operator = self._operator()
        if self._service is None or self._service_for != (operator, self._clock):
            self._service = ScanService(self._engine, self._event, desk=self._desk,
                                        operator=operator, clock=self._clock)
            self._service_for = (operator, self._clock)
        return self._service

    def submit_scan(self, code: str, *, exit: bool = False, override: bool = False) -> None:
        if not clean_code(code):
            return
        session = self.session_id
        self._submit(lambda svc: svc.scan(code, exit=exit, session_id=session, override=override))

    def undo_last(self) -> None:
        if self.current is not None and self.current.code:
            code = self.current.code
            self._submit(lambda svc: svc.undo_last(code))

    def check_out(self) -> None:
        if self.current is not None and self.current.attendee_id is not None:
            self.submit_scan(self.current.code, exit=True)

    def walk_in(self) -> None:
        """Someone not registered: the form, then registered and admitted in one step."""
        from checkin.core.programme.categories import event_categories
        from checkin.ui.walk_in_dialog import WalkInDialog

        values = WalkInDialog.ask(self, event_categories(self._engine, self._event))
        if values is not None:
            self._submit(lambda svc: svc.walk_in(**values))
        self.search_input.setFocus()

    def correct(self) -> None:
        """Fix a typo in the shown person's name or organisation (journaled)."""
        from checkin.core.registrants.corrections import correct_attendee
        from checkin.ui.correct_dialog import CorrectDialog

        a = self.current
        if a is None or a.attendee_id is None:
            return
        values = CorrectDialog.ask(self, a.first_name, a.last_name, a.organisation)
        if values is None:
            return
        first, last, organisation = values
        try:
            changed = correct_attendee(self._engine, self._event, a.attendee_id, first_name=first,
                                       last_name=last, organisation=organisation,
                                       actor=self._operator(), desk=self._desk)
        except ValueError as exc:
            ConfirmDialog.error(self, self.tr("Correct name"), str(exc))
            return
        if changed:
            a.first_name, a.last_name, a.organisation = first, last, organisation
            self.panel.show_notice(self.tr("Corrected: %1 — reprint the badge (F5)")
                                   .replace("%1", f"{first} {last}".strip()))
        self.search_input.setFocus()

    def reprint(self) -> None:
        if self.current is not None and self.current.attendee_id is not None:
            self.reprint_requested.emit(self.current.attendee_id)

    def override(self) -> None:
        a = self.current
        if a is not None and self.can_override() and a.result in (
                ScanResult.SESSION_FULL, ScanResult.NOT_ELIGIBLE) and a.session_id is not None:
            code, session = a.code, a.session_id
            self._submit(lambda svc: svc.scan(code, session_id=session, override=True))

    # ---- door mode --------------------------------------------------------------------
    def load_doors(self) -> None:
        """The venue entrance, then each session not over yet (its room's door)."""
        from checkin.core.programme.seating import session_doors

        with self._engine.connect() as conn:
            sessions = session_doors(conn, self._event, self._clock())
        self.door_choice.show_doors(sessions, self._tz, keep=self.session_id)
        self.session_id = self.door_choice.currentData()

    def set_door(self, session_id: int | None) -> None:
        """A room's door for this session, or None for the venue entrance."""
        self.door_choice.choose(session_id)

    def _on_door_changed(self, _index: int) -> None:
        self.session_id = self.door_choice.currentData()
        self.search_input.setFocus()

    def toggle_camera(self) -> None:
        """Start or stop reading badges with the webcam (QtMultimedia is loaded only now)."""
        from checkin.ui.camera import CameraScanner

        if self._camera is not None and self._camera.running():
            self._camera.stop()
            self.camera_button.setChecked(False)
            return
        if self._camera is None:
            self._camera = CameraScanner(self)
            self._camera.scanned.connect(self.submit_scan)
            self._camera.failed.connect(self._on_camera_failed)
        self.camera_button.setChecked(self._camera.start())

    def _on_camera_failed(self, reason: str) -> None:
        self.camera_button.setChecked(False)
        self.panel.show_notice(self.tr("Camera unavailable: %1").replace("%1", reason))

    def _submit(self, act: Callable[[ScanService], ScanAnswer]) -> None:
        engine, event, clock, svc = self._engine, self._event, self._clock, self.service()

        def work(_progress: Any) -> tuple[ScanAnswer, Route | None]:
            answer = act(svc)
            way = None
            if answer.attendee_id is not None and answer.result in (ScanResult.ADMITTED,
                                                                    ScanResult.ALREADY_IN):
                way = route(engine, event, answer.code, clock())
            return answer, way

        task = Task(work)
        task.signals.finished.connect(self._on_answer)
        task.signals.failed.connect(self._on_failed)
        self._pending.append(task)
        task.signals.finished.connect(lambda _r, t=task: self._done(t))
        task.signals.failed.connect(lambda _m, t=task: self._done(t))
        start(task, self._pool)

    def _done(self, task: Task) -> None:
        if task in self._pending:
            self._pending.remove(task)

    def busy(self) -> bool:
        return bool(self._pending)

    def _on_answer(self, result: tuple[ScanAnswer, Route | None]) -> None:
        answer, way = result
        if answer.attendee_id is not None:
            self.current = answer
        self.panel.show_answer(answer, way, self._tz)
        self.history_model.add(answer)
        self.sounds.play(outcome_of(answer))
        self._update_actions()
        self.answered.emit(answer)

    def _on_failed(self, message: str) -> None:
        self.panel.show_failure(message)

    def _update_actions(self) -> None:
        a = self.current
        has_person = a is not None and a.attendee_id is not None
        for b in (self.undo_button, self.correct_button, self.checkout_button, self.reprint_button):
            b.setEnabled(has_person)
        refused_at_door = has_person and a.result in (ScanResult.SESSION_FULL, ScanResult.NOT_ELIGIBLE)
        self.override_button.setVisible(bool(refused_at_door) and self.can_override())
