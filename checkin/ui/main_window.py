"""The main window: the desk (scan, search, answer) and the programme with its seats;
offers the sample event when the store is empty."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication, QComboBox, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressDialog,
    QStackedWidget, QTabWidget, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin import __version__
from checkin.core.monitoring.overview import EventSummary, event_head, event_summary, list_events_brief
from checkin.core.roles import Permission, Role, allows
from checkin.store import describe
from checkin.store.replica import DeskCopy, default_replica_path, open_replica
from checkin.ui.counts_reader import CountsReader
from checkin.ui.desk_printing import DeskPrinting
from checkin.ui.print_process import PrintProcess
from checkin.ui.desk_settings import DeskSettings
from checkin.ui.desk_view import DeskView
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.empty_page import EmptyPage
from checkin.ui.occupancy_view import OccupancyView
from checkin.ui.programme_tab import ProgrammeTab
from checkin.ui.labels import role_label
from checkin.ui.role_dialog import RoleDialog
from checkin.ui.window_menus import WindowMenus
from checkin.ui.workers import Task, start

# The import dialog and the programme editor are imported when first opened: they bring
# the ORM tables, which a desk does not need to be ready to scan.

SAMPLE_ATTENDEES = 300


class MainWindow(QMainWindow):
    language_changed = Signal()
    def __init__(self, engine: Engine, desk: DeskSettings, parent: QWidget | None = None,
                 shared: DeskCopy | None = None) -> None:
        """`shared`: the window works from this desk's copy of a shared event (its server
        did not answer at the start): the desk only; what would write to the copy instead
        of the server (imports, the programme, exports, badges in bulk) waits for a start
        with the server."""
        super().__init__(parent)
        self._engine = engine
        self._desk = desk
        self._shared = shared
        self._task: Task | None = None
        self._summary: EventSummary | None = None
        self._counts = CountsReader(engine, lambda: self._summary, lambda: self._task is not None, self)
        self._counts.read.connect(self._show_summary)
        self._counts.failed.connect(self._on_refresh_failed)
        # Badges are printed from what the desk itself reads: on a shared server, the desk's
        # copy of the event — they print while the Wi-Fi is down, and the copy queues their
        # record for the server (checkin.store.replica).
        printed_from = engine
        if shared is None and engine.dialect.name == "postgresql":
            server = engine.url.render_as_string(hide_password=False)
            printed_from = open_replica(default_replica_path(server, desk.desk))
        self._print_process = PrintProcess(
            printed_from.url.render_as_string(hide_password=False), self)
        self._printing = DeskPrinting(printed_from, desk, self, self._print_process)
        if desk.print_on_checkin:
            self._print_process.warm_up()
        self.setObjectName("mainWindow")
        self.setWindowTitle("checkin")
        self.resize(1200, 720)
        self._build()
        self._build_menus()
        self._store_label = QLabel(self.tr("Store: %1").replace(
            "%1", describe(engine.url.render_as_string(hide_password=True))), self)
        self._role_label = QLabel(self)
        self._role_label.setObjectName("roleLabel")
        self.statusBar().addWidget(self._store_label, 1)
        if shared is not None:
            self._store_label.setText(self.tr(
                "The shared server did not answer at the start: this desk checks people in "
                "from its copy of the event and sends the scans once the server answers. "
                "Start checkin again with the network back for the other tasks."))
            self._store_label.setWordWrap(True)
        self.statusBar().addPermanentWidget(self._role_label)
        self._apply_role()
        self.refresh()

    # ---- layout -------------------------------------------------------------------
    def _build(self) -> None:
        self._pages = QStackedWidget(self)
        self.setCentralWidget(self._pages)

        empty = EmptyPage(SAMPLE_ATTENDEES, self._pages)
        self._load_button = empty.load_button
        self._load_button.clicked.connect(self._on_load_sample)

        page = QWidget(self._pages)
        page.setObjectName("eventPage")
        v = QVBoxLayout(page)
        top = QHBoxLayout()
        self._event_title = QLabel(page)
        self._event_title.setObjectName("eventTitle")
        self._event_title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self._event_title.setWordWrap(True)
        self._event_picker = QComboBox(page)
        self._event_picker.setObjectName("eventPicker")
        self._event_picker.setAccessibleName(self.tr("Event"))
        self._event_picker.currentIndexChanged.connect(self._on_event_picked)
        top.addWidget(self._event_title, 1)
        top.addWidget(self._event_picker)
        self._event_details = QLabel(page)
        self._event_details.setObjectName("eventDetails")
        v.addLayout(top)
        v.addWidget(self._event_details)
        self._tabs = QTabWidget(page)
        self._tabs.setObjectName("mainTabs")
        self._desk_tab = QWidget(self._tabs)
        self._desk_tab.setObjectName("deskTab")
        self._desk_layout = QVBoxLayout(self._desk_tab)
        self._desk_layout.setContentsMargins(0, 6, 0, 0)
        self._desk_view: DeskView | None = None
        self._programme = ProgrammeTab(self._tabs)
        self._tabs.addTab(self._desk_tab, self.tr("Desk"))
        self._tabs.addTab(self._programme, self.tr("Programme and seats"))
        self._occupancy: OccupancyView | None = None
        v.addWidget(self._tabs, 1)

        self._pages.addWidget(empty)
        self._pages.addWidget(page)

    def _build_menus(self) -> None:
        m = self._menus = WindowMenus(self, self._desk.print_on_checkin)
        for action, slot in ((m.load_sample, self._on_load_sample), (m.import_registrants, self._on_import),
                             (m.export, self._on_export), (m.print_badges, self._on_print_badges),
                             (m.certificate, self._on_certificate),
                             (m.certificates, self._on_certificates),
                             (m.refresh, self.refresh), (m.quit, self.close),
                             (m.edit_programme, self._on_edit_programme), (m.settings, self._on_settings),
                             (m.test_scanner, self._on_test_scanner),
                             (m.switch_role, self._on_switch_role), (m.set_pin, self._on_set_pin),
                             (m.about, self._on_about)):
            action.triggered.connect(slot)
        m.print_on_checkin.toggled.connect(self._on_print_on_checkin)

    # ---- roles --------------------------------------------------------------------
    def role(self) -> Role:
        return self._desk.role

    def _apply_role(self) -> None:
        role = self._desk.role
        self._menus.apply_role(role)
        if self._shared is not None:
            self._menus.desk_only()
        text = self.tr("%1 · desk %2").replace("%1", role_label(role)).replace("%2", self._desk.desk)
        if not self._desk.has_pin(Role.STAFF):
            # Until staff set a PIN, anyone can switch to a role that sees contact details.
            text += " · " + self.tr("no staff PIN set: any role can be chosen")
        self._role_label.setText(text)
        if hasattr(self, "_tabs"):
            self._show_occupancy()
        for name, permission in (("_editor", Permission.EDIT_PROGRAMME),
                                 ("_import_dialog", Permission.IMPORT),
                                 ("_export_dialog", Permission.EXPORT),
                                 ("_certificates_dialog", Permission.EXPORT)):
            dialog = getattr(self, name, None)
            if dialog is not None and not allows(role, permission):
                dialog.close()  # a desk handed back to a volunteer keeps nothing open
                setattr(self, name, None)

    def _on_switch_role(self) -> None:
        answer = RoleDialog.ask(self, self.tr("Switch role"), self._desk.role, self.tr(
            "Coordinator and staff roles ask for their PIN once one has been set "
            "(Desk ▸ Set a role's PIN, as staff)."))
        if answer is None:
            return
        role, pin = answer
        if not self._desk.switch_to(role, pin):
            ConfirmDialog.error(self, self.tr("Switch role"), self.tr("Wrong PIN: the role is unchanged."))
            return
        self._apply_role()

    def _on_set_pin(self) -> None:
        if not allows(self._desk.role, Permission.SET_PINS):
            return
        answer = RoleDialog.ask(self, self.tr("Set a role's PIN"), Role.COORDINATOR,
                                self.tr("The PIN is stored hashed on this workstation."))
        if answer is None:
            return
        role, pin = answer
        if not pin.strip():
            ConfirmDialog.error(self, self.tr("Set a role's PIN"), self.tr("A PIN cannot be empty."))
            return
        self._desk.set_pin(role, pin)

    def _on_import(self) -> None:
        if self._summary is None or not allows(self._desk.role, Permission.IMPORT):
            return
        from checkin.ui.import_dialog import FileDialog, ImportDialog

        path = FileDialog.open_file(self, self.tr("Import registrants"),
                                    self.tr("Spreadsheets (*.csv *.xlsx *.xlsm *.txt *.tsv);;All files (*)"))
        if not path:
            return
        dialog = ImportDialog(self._engine, self._summary.id, path, actor=self._desk.role.value,
                              desk=self._desk.desk, parent=self)
        dialog.imported.connect(self.refresh)
        dialog.open()
        self._import_dialog = dialog

    def _on_export(self) -> None:
        if self._summary is None or not allows(self._desk.role, Permission.EXPORT):
            return
        from checkin.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self._engine, self._summary.id, self._desk.role,
                              actor=self._desk.role.value, desk=self._desk.desk, parent=self)
        dialog.open()
        self._export_dialog = dialog

    def _on_certificate(self) -> None:
        """The certificate of the person the desk shows (answer or highlighted result)."""
        if self._summary is None or not allows(self._desk.role, Permission.EXPORT):
            return
        from checkin.ui.certificate_dialog import CertificateMaker

        view = self._desk_view
        maker = CertificateMaker(self._engine, self._summary.id, self._desk.role,
                                 actor=self._desk.role.value, desk=self._desk.desk, parent=self)
        maker.written.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        maker.make(view.person_on_screen() if view is not None else None)
        self._certificate_maker = maker

    def _on_certificates(self) -> None:
        if self._summary is None or not allows(self._desk.role, Permission.EXPORT):
            return
        from checkin.ui.certificate_dialog import CertificatesDialog

        dialog = CertificatesDialog(self._engine, self._summary.id, self._desk.role,
                                    actor=self._desk.role.value, desk=self._desk.desk, parent=self)
        dialog.open()
        self._certificates_dialog = dialog

    def _on_print_badges(self) -> None:
        if self._summary is None:
            return
        from checkin.ui.badge_printing import BadgeBatchDialog, category_names

        dialog = BadgeBatchDialog(self._engine, self._summary.id, self._desk,
                                  category_names(self._engine, self._summary.id), parent=self)
        dialog.open()
        self._badge_dialog = dialog

    def _on_edit_programme(self) -> None:
        if self._summary is None or not allows(self._desk.role, Permission.EDIT_PROGRAMME):
            return
        from checkin.ui.programme_editor import ProgrammeEditor

        editor = ProgrammeEditor(self._engine, self._summary.id, actor=self._desk.role.value,
                                 desk=self._desk.desk, parent=self)
        editor.saved.connect(self.refresh)
        editor.open()
        self._editor = editor

    # ---- state --------------------------------------------------------------------
    def current_summary(self) -> EventSummary | None:
        """The event and its counts (read now if the background read has not come back)."""
        if self._summary is not None and not self._summary.complete:
            self._show_summary(event_summary(self._engine, self._summary.id))
        return self._summary

    def refresh(self) -> None:
        events = list_events_brief(self._engine)
        if not events:
            self._summary = None
            self._pages.setCurrentIndex(0)
            self._load_button.setFocus()
            return
        wanted = self._event_picker.currentData() or events[0].id
        self._event_picker.blockSignals(True)
        self._event_picker.clear()
        for event in events:
            self._event_picker.addItem(event.name, event.id)
        self._event_picker.setCurrentIndex(max(0, self._event_picker.findData(wanted)))
        self._event_picker.setVisible(len(events) > 1)
        self._event_picker.blockSignals(False)
        self._show_event(self._event_picker.currentData())

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._counts.painted()  # the first counts wait until the window is on screen

    def _on_refresh_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Store unreachable, retrying: %1").replace("%1", message), 8000)

    def _show_event(self, event_id: int) -> None:
        """The desk is ready at once; the counts follow from a pool thread."""
        self._show_summary(event_head(self._engine, event_id))
        self._counts.read_soon()

    def _show_summary(self, s: EventSummary) -> None:
        self._summary = s
        tz = ZoneInfo(s.timezone or "UTC")
        start, end = s.starts_at.astimezone(tz), s.ends_at.astimezone(tz)
        self.setWindowTitle(f"checkin — {s.name}")
        self._event_title.setText(s.name)
        self._event_details.setText(f"{s.venue} · {start:%d/%m/%Y} · {start:%H:%M}–{end:%H:%M} ({s.timezone})")
        self._programme.show_summary(s)
        if self._desk_view is None or self._desk_view.event_id != s.id:
            self._make_desk_view(s.id, tz)
        self._show_occupancy()
        self._pages.setCurrentIndex(1)

    def _make_desk_view(self, event_id: int, tz: ZoneInfo) -> None:
        if self._desk_view is not None:
            self._desk_view.detach()
            self._desk_view.deleteLater()
        self._desk_view = DeskView(self._engine, event_id, tz, desk=self._desk.desk,
                                   shared=self._shared,
                                   operator=lambda: self._desk.role.value,
                                   muted=not self._desk.sound,
                                   can_override=lambda: allows(self._desk.role, Permission.OVERRIDE),
                                   scanner=self._desk.scanner, parent=self._desk_tab)
        self._desk_view.answered.connect(self._on_answered)
        self._desk_view.reprint_requested.connect(self._on_reprint)
        self._desk_view.wants_front.connect(lambda: self._tabs.setCurrentWidget(self._desk_tab))
        line = self._desk_view.print_line
        self._printing.queue_changed.connect(line.show_queue)
        self._printing.told.connect(line.show_told)
        line.retry_requested.connect(self._printing.retry)
        self._desk_layout.addWidget(self._desk_view)
        self._desk_view.search_input.setFocus()

    def _on_answered(self, answer) -> None:
        # No recount here: a scan changes none of the programme tab's figures, and the
        # 10-second refresh picks up walk-ins. The rooms tab follows scans on its own.
        self._printing.after_answer(answer)

    def _on_reprint(self, attendee_id: int) -> None:
        self._printing.reprint(attendee_id)

    def _on_print_on_checkin(self, on: bool) -> None:
        self._desk.print_on_checkin = on
        if on:
            self._print_process.warm_up()

    def _on_settings(self) -> None:
        from checkin.ui.settings_dialog import SettingsDialog, apply_settings, apply_text_scale

        values = SettingsDialog.ask(self, self._desk)
        if values is None:
            return
        changed = apply_settings(self._desk, values)
        if "text_scale" in changed:
            apply_text_scale(QApplication.instance(), self._desk.text_scale)
        if "sound" in changed and self._desk_view is not None:
            self._desk_view.sounds.muted = not self._desk.sound
        if "desk" in changed and self._summary is not None:
            self._make_desk_view(self._summary.id, ZoneInfo(self._summary.timezone or "UTC"))
            self._apply_role()
        if "language" in changed:
            self.language_changed.emit()  # the composition root rebuilds the window

    def _on_test_scanner(self) -> None:
        """Desk ▸ Test the scanner: the raw burst goes to the dialog, not to the desk."""
        from checkin.ui.scanner_test_dialog import ScannerTestDialog, remember

        view = self._desk_view
        if view is not None:
            view.scanner.pause(True)
        try:
            report = ScannerTestDialog.ask(self, self._desk)
        finally:
            if view is not None:
                view.scanner.pause(False)
        if report is None:
            return
        remember(self._desk, report)
        if view is not None:
            view.controller.scanner = report.setup
            view.panel.show_notice(self.tr("Scanner tested: its settings are saved for this desk"))

    def closeEvent(self, event) -> None:
        if self._desk_view is not None:
            self._desk_view.detach()  # stop catching the keyboard for a window that is gone
        if self._occupancy is not None:
            self._occupancy.stop()
        self._counts.stop()
        self._print_process.shutdown()
        super().closeEvent(event)

    def _show_occupancy(self) -> None:
        """The rooms tab, for coordinators and staff only; built when first needed."""
        wanted = self._summary is not None and allows(self._desk.role, Permission.WATCH_ROOMS)
        current = self._occupancy
        if current is not None and (not wanted or current.event_id != self._summary.id):
            current.stop()
            self._tabs.removeTab(self._tabs.indexOf(current))
            current.deleteLater()
            self._occupancy = current = None
        if wanted and current is None:
            s = self._summary
            view = OccupancyView(self._engine, s.id, ZoneInfo(s.timezone or "UTC"), parent=self._tabs)
            view.alert.connect(lambda text: self.statusBar().showMessage(text, 15_000))
            self._tabs.insertTab(1, view, self.tr("Rooms"))
            view.start()
            self._occupancy = view

    def occupancy_view(self):
        return self._occupancy

    def desk_view(self) -> DeskView | None:
        return self._desk_view

    # ---- slots ----------------------------------------------------------------------
    def _on_event_picked(self, _index: int) -> None:
        event_id = self._event_picker.currentData()
        if event_id is not None:
            self._show_event(event_id)

    def _on_load_sample(self) -> None:
        if self._task is not None:
            return
        if self._summary is not None and not ConfirmDialog.ask(
                self, self.tr("Load the sample event"),
                self.tr("Add the sample event to this store? Your data stays as it is.")):
            return
        dialog = QProgressDialog(self.tr("Loading the sample event…"), "", 0, 0, self)
        dialog.setObjectName("loadProgress")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        engine = self._engine
        from checkin.core.clock import system_clock
        from checkin.core.demo import load_demo
        from checkin.core.demo_day import sample_today

        today = sample_today(system_clock())  # the sample is tried today: it takes place today
        task = Task(lambda progress: load_demo(engine, SAMPLE_ATTENDEES, 1, progress, day=today))
        task.signals.progress.connect(lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))
        task.signals.finished.connect(lambda _r: self._on_loaded(dialog))
        task.signals.failed.connect(lambda msg: self._on_load_failed(dialog, msg))
        self._task = task
        self._load_button.setEnabled(False)
        self._menus.load_sample.setEnabled(False)
        start(task)

    def _on_loaded(self, dialog: QProgressDialog) -> None:
        dialog.close()
        self._task = None
        self._load_button.setEnabled(True)
        self._menus.load_sample.setEnabled(True)
        self.refresh()
        if self._desk_view is not None:
            self._desk_view.day_banner.recheck()  # the event may have moved to today

    def _on_load_failed(self, dialog: QProgressDialog, message: str) -> None:
        self._on_loaded(dialog)
        ConfirmDialog.error(self, self.tr("The sample event could not be loaded"), message)

    def is_busy(self) -> bool:
        """Loading the sample, or the counts still being read in the background."""
        return self._task is not None or self._counts.busy()

    def _on_about(self) -> None:
        QMessageBox.about(self, self.tr("About checkin"), self.tr(
            "checkin %1 — check-in desk for one-day, multi-track events.").replace("%1", __version__))
