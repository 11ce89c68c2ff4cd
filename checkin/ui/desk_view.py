"""The front desk: scan or search, the answer, where to go, and the desk's recent answers.

The focus lives in the search field. A scanner burst is a scan wherever the focus is
(ScannerFilter); typing at human speed searches at each key; the arrow keys walk the
results and Enter admits the one highlighted. This view lays the widgets out and
forwards what the volunteer does to the DeskController, which decides off the GUI
thread and answers by signal: an answer is shown only once it is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.admission.code_reading import ScannerSetup
from checkin.core.admission.desk_backend import Decision
from checkin.core.admission.scan import ScanAnswer
from checkin.core.clock import Clock, system_clock
from checkin.store.vocabulary import ScanResult
from checkin.ui.day_banner import DayBanner, DayWatch
from checkin.ui.desk_controller import DeskController
from checkin.ui.desk_search import DeskSearch
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.door_banner import DoorBanner
from checkin.ui.door_choice import DoorChoice
from checkin.ui.labels import window_words
from checkin.ui.models.history import HistoryModel
from checkin.ui.outcomes import outcome_of
from checkin.ui.print_line import PrintLine
from checkin.ui.result_panel import PanelHost, ResultPanel
from checkin.ui.scanner import ScannerFilter
from checkin.ui.sounds import Sounds

if TYPE_CHECKING:  # the programme module is read at the first door, not to start
    from checkin.core.admission.desk_status import DeskStatus
    from checkin.store.replica import DeskCopy
    from checkin.core.programme.seating import SessionDoor


HISTORY_AFTER_MS = 40


class DeskView(QWidget):
    """One desk's screen for one event."""

    answered = Signal(object)       # ScanAnswer, once committed and shown
    reprint_requested = Signal(int)      # attendee id
    wants_front = Signal()          # a badge was scanned while another tab was shown

    def __init__(self, engine: Engine, event_id: int, tz: tzinfo, *, desk: str,
                 operator: Callable[[], str], clock: Clock = system_clock,
                 muted: bool = False, can_override: Callable[[], bool] = lambda: False,
                 scanner: ScannerSetup = ScannerSetup(), shared: DeskCopy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskView")
        self._event = event_id
        self._tz = tz
        self._clock = clock
        self._camera = None
        self.can_override = can_override
        self.sounds = Sounds(self, muted=muted)
        self.controller = DeskController(engine, event_id, desk=desk, operator=operator,
                                         clock=clock, scanner=scanner, shared=shared,
                                         parent=self)
        self._shortcuts: list[QShortcut] = []
        self.day_banner = DayBanner(DayWatch(engine, event_id, clock), self)
        self._build()
        self._connect()
        self._scanner = ScannerFilter(self.window, lambda: self.search_input if self.isVisible() else None,
                                      self.shortcut_keys, (self.search_input, self.scan_input), self)
        self._scanner.scanned.connect(self._on_burst)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._scanner)
        self.load_doors()
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
        self._scanner.reset()
        self.controller.close()

    @property
    def event_id(self) -> int:
        return self._event

    @property
    def scanner(self) -> ScannerFilter:
        return self._scanner

    @property
    def current(self) -> ScanAnswer | None:
        """The person the action buttons act on."""
        return self.controller.current

    def person_on_screen(self) -> tuple[str, str] | None:
        """(code, name) of the person highlighted in the search results, else of the
        person in the answer: whom a staff action (a certificate) is for."""
        index = self.result_list.currentIndex()
        if not self.result_list.isHidden() and index.isValid():
            hit = self._search.hit(index.row())
            if hit is not None:
                return hit.code, f"{hit.first_name} {hit.last_name}".strip()
        a = self.current
        if a is not None and a.attendee_id is not None:
            return a.code, f"{a.first_name} {a.last_name}".strip()
        return None

    @property
    def session_id(self) -> int | None:
        """A room's door instead of the entrance."""
        return self.controller.session_id

    def shortcut_keys(self) -> list[QKeySequence]:
        """The desk's own keys: they win over its text fields (Ctrl+Z undoes the scan)."""
        return [s.key() for s in self._shortcuts]

    # ---- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setAccessibleName(self.tr("Ticket code"))
        self.scan_input.setPlaceholderText(self.tr("Ticket code"))
        self.scan_input.setMaximumWidth(260)
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("searchInput")
        self.search_input.setAccessibleName(self.tr("Search by name, organisation or code"))
        self.search_input.setPlaceholderText(
            self.tr("Scan a badge, or type a name, an organisation or a code…"))
        self.search_input.setClearButtonEnabled(True)
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
        keep_place = self.override_button.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # the toolbar does not jump when it shows
        self.override_button.setSizePolicy(keep_place)
        self.override_button.setToolTip(self.tr("Coordinator: admit despite a full room or an "
                                                "audience restriction (journaled) (F7)"))
        actions.addWidget(self.override_button)
        actions.addStretch(1)
        self.mode_label = QLabel(self.tr("Scanning at:"), self)
        self.door_choice = DoorChoice(self)
        self.door_choice.show_doors([], self._tz, keep=None)  # the entrance, until the doors are read
        # On the fields' row: with the buttons (and Admit anyway's reserved place) it would
        # not fit a 1366-pixel laptop screen at the desk's text size.
        top.addWidget(self.mode_label)
        top.addWidget(self.door_choice)
        v.addLayout(actions)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.result_list = QListView(self)
        self.result_list.setObjectName("searchResults")
        self.result_list.setAccessibleName(self.tr("People found"))
        self.result_list.setStyleSheet("font-size: 14pt;")
        self.result_list.setMaximumHeight(260)
        # One line each: laid out from the first row, so a key's results paint sooner.
        self.result_list.setUniformItemSizes(True)
        self.result_list.hide()
        self.nobody = QLabel(self.tr("Nobody found: check the spelling, or register a walk-in (F2)."), self)
        self.nobody.setObjectName("nobodyFound")
        self.nobody.hide()
        self._search = DeskSearch(self.search_input, self.result_list, self.nobody, self)
        self.panel = ResultPanel(self)
        self.door_banner = DoorBanner(self)
        self._doors: dict[int, SessionDoor] = {}
        left.addWidget(self.day_banner)
        left.addWidget(self.door_banner)
        left.addWidget(self.result_list)
        left.addWidget(self.nobody)
        left.addWidget(PanelHost(self.panel, self), 1)
        self.print_line = PrintLine(self)
        left.addWidget(self.print_line)
        right = QVBoxLayout()
        # A desk on a shared server says how its link is, above its last answers: a
        # volunteer knows at a glance that scans are kept on this laptop while the Wi-Fi
        # is down. (On the buttons' row it would not fit a 1366-pixel laptop screen.)
        self.link_label = QLabel(self)
        self.link_label.setObjectName("linkState")
        self.link_label.setAccessibleName(self.tr("Link to the shared server"))
        self.link_label.setWordWrap(True)
        self.link_label.hide()
        right.addWidget(self.link_label)
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
        self._shortcut("Esc", self.clear_search, "clearSearchShortcut")
        self._update_actions()

    def _button(self, name: str, text: str, shortcut: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAccessibleName(text.replace("&", "").rstrip("…"))
        b.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        self._shortcut(shortcut, slot, name.removesuffix("Button") + "Shortcut")
        b.clicked.connect(slot)
        b.setMinimumHeight(36)
        return b

    def _shortcut(self, key: str, slot: Callable[[], None], name: str) -> None:
        shortcut = QShortcut(QKeySequence(key), self, slot)
        shortcut.setObjectName(name)
        self._shortcuts.append(shortcut)

    def _connect(self) -> None:
        c = self.controller
        self.scan_input.returnPressed.connect(self._on_scan_field)
        self.search_input.textEdited.connect(c.search)
        self.search_input.returnPressed.connect(self._on_search_enter)
        self.result_list.activated.connect(self._on_result_activated)
        self.door_choice.currentIndexChanged.connect(self._on_door_changed)
        self.panel.acknowledged.connect(self.search_input.setFocus)
        self.panel.cleared.connect(self._on_answer_cleared)
        c.decided.connect(self._on_decided)
        c.failed.connect(self.panel.show_failure)
        c.late.connect(self._on_late)
        c.found.connect(self._search.show_hits)
        c.scanned_from_search.connect(self.clear_search)
        c.choose_result.connect(self._search.walk_in)
        c.burst_was_code.connect(self._on_burst_was_code)
        c.doors.connect(self._on_doors)
        c.seats.connect(self.door_banner.show_seats)
        c.read_failed.connect(lambda message: self.panel.show_notice(
            self.tr("The database did not answer: %1").replace("%1", message)))
        c.corrected.connect(self._on_corrected)
        c.link.connect(self._on_link)
        c.routed.connect(self.panel.show_route)
        c.correction_refused.connect(
            lambda message: ConfirmDialog.error(self, self.tr("Correct name"), message))

    def _on_link(self, status: DeskStatus) -> None:
        from checkin.core.admission.desk_status import LinkState, status_words

        text = status_words(status, window_words())
        online = text == window_words()("desk.online")
        colour = "#1b7f3b" if online else ("#b35c00" if status.state == LinkState.OFFLINE
                                           else "#1f5fa8")
        self.link_label.setText(("● " if online else "▲ ") + text)
        self.link_label.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour};")
        self.link_label.show()

    # ---- search -----------------------------------------------------------------------
    def clear_search(self) -> None:
        self._search.clear()

    def _on_search_enter(self) -> None:
        """A person's Enter (a scanner's is taken by the ScannerFilter before)."""
        self.controller.enter_in_search(self.search_input.text())

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

    def _on_burst(self, text: str, terminator: str) -> None:
        if not self.isVisible():
            self.wants_front.emit()  # the answer is on the desk tab: show it
        if terminator:
            self._search.show_nothing()  # the burst's own letters found people: not the point
            self.controller.forget_search()
        self.controller.burst(text, terminator)

    def _on_burst_was_code(self, text: str) -> None:
        self._scanner.take_back_last(text)
        self._search.show_nothing()
        self.controller.forget_search()

    # ---- scans ------------------------------------------------------------------------
    def submit_scan(self, code: str, *, exit: bool = False, override: bool = False) -> None:
        self.controller.scan(code, exit=exit, override=override)

    def undo_last(self) -> None:
        self.controller.undo_last()

    def check_out(self) -> None:
        self.controller.check_out()

    def walk_in(self) -> None:
        """Someone not registered: the form, then registered and admitted in one step."""
        self.controller.with_categories(self._ask_walk_in)

    def _ask_walk_in(self, categories: list[tuple[str, str]]) -> None:
        from checkin.ui.walk_in_dialog import WalkInDialog

        if QApplication.activeModalWidget() is not None:
            return  # F2 pressed twice, or another dialog is open: one form at a time
        values = WalkInDialog.ask(self, categories)
        if values is not None:
            self.controller.walk_in(values)
        self.search_input.setFocus()

    def correct(self) -> None:
        """Fix a typo in the shown person's name or organisation (journaled)."""
        from checkin.ui.correct_dialog import CorrectDialog

        a = self.current
        if a is None or a.attendee_id is None:
            return
        values = CorrectDialog.ask(self, a.first_name, a.last_name, a.organisation)
        if values is not None:
            self.controller.correct(*values)
        self.search_input.setFocus()

    def _on_corrected(self, name: str) -> None:
        self.panel.show_notice(self.tr("Corrected: %1 — reprint the badge (F5)").replace("%1", name))

    def reprint(self) -> None:
        if self.current is not None and self.current.attendee_id is not None:
            self.reprint_requested.emit(self.current.attendee_id)

    def override(self) -> None:
        """Admit anyway, once the coordinator has confirmed whom and where (journaled)."""
        a = self.current
        if a is None or not self.can_override() or a.result not in (ScanResult.SESSION_FULL,
                                                                    ScanResult.NOT_ELIGIBLE):
            return
        name = f"{a.first_name} {a.last_name}".strip() or a.code
        question = (self.tr("Let %1 into “%2” anyway? The override is journaled under your role.")
                    .replace("%1", name).replace("%2", a.session_title or a.room))
        if ConfirmDialog.ask(self, self.tr("Admit anyway"), question):
            self.controller.override(True)

    def busy(self) -> bool:
        return self.controller.busy()

    def _on_late(self) -> None:
        self.panel.show_notice(self.tr("The database is slow to answer: the scan is waiting…"))

    def _on_decided(self, decision: Decision) -> None:
        answer = decision.answer
        self.panel.show_answer(answer, decision.route, self._tz)
        if answer.session_id is not None and answer.seats_left is not None:
            self.door_banner.show_seats(answer.session_id, answer.seats_left)
        # The list of last answers after the answer's own frame: its word-wrapped rows take
        # longer to lay out and paint (7 ms) than the answer itself.
        QTimer.singleShot(HISTORY_AFTER_MS, self, lambda: self.history_model.add(answer))
        self.sounds.play(outcome_of(answer))
        self._update_actions()
        self.answered.emit(answer)

    def _on_answer_cleared(self) -> None:
        """Undo, Correct, Check out and Reprint act on the person on screen, or nobody."""
        self.controller.forget_person()
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.current
        has_person = a is not None and a.attendee_id is not None
        for b in (self.undo_button, self.correct_button, self.checkout_button, self.reprint_button):
            b.setEnabled(has_person)
        refused_at_door = has_person and a.result in (ScanResult.SESSION_FULL, ScanResult.NOT_ELIGIBLE)
        self.override_button.setVisible(bool(refused_at_door) and self.can_override())

    # ---- door mode --------------------------------------------------------------------
    def load_doors(self) -> None:
        """The venue entrance, then each session not over yet (its room's door)."""
        self.controller.load_doors()

    def _on_doors(self, sessions: list) -> None:
        self._doors = {s.session_id: s for s in sessions}
        self.door_choice.show_doors(sessions, self._tz, keep=self.session_id)
        if self.door_choice.currentData() != self.session_id and self.session_id is not None \
                and self.door_choice.findData(self.session_id) < 0:
            self.controller.session_id = None  # that session is over: back to the entrance
        self._show_door()

    def set_door(self, session_id: int | None) -> None:
        """A room's door for this session, or None for the venue entrance."""
        self.controller.session_id = session_id
        self.door_choice.choose(session_id)
        self._show_door()

    def _on_door_changed(self, _index: int) -> None:
        self.controller.session_id = self.door_choice.currentData()
        self._show_door()
        self.search_input.setFocus()

    def _show_door(self) -> None:
        door = self._doors.get(self.session_id) if self.session_id is not None else None
        self.door_banner.show_door(door, self._tz)
        if door is not None:
            self.controller.read_seats(door.session_id)

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
