"""The desk's badges: printed at check-in when the desk is set to (once per person), and
printed again when a volunteer asks (Reprint). The printing code, and the ORM it needs, are
imported at the first badge, on the printing thread, not when the window opens.

Nothing here waits on the store, the printer or the rendering on the UI thread: each step
runs on this desk's printing thread (one thread, so badges come out in scan order) and
reports back by signal. Only a reprint's dialog — the preview, or the save-as-PDF file
dialog — runs on the UI thread, between two steps on the printing thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QWidget
from sqlalchemy.engine import Engine

from checkin.core.admission.scan import ScanAnswer
from checkin.ui.desk_settings import DeskSettings
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.workers import Task, start

if TYPE_CHECKING:
    from checkin.ui.badge_printing import PreparedBadge, PrintOrder

NO_PRINTER = None  # what the check-in step returns when this machine has no printer
ALREADY_PRINTED = ""


def _order(desk: DeskSettings) -> dict[str, str]:
    """badge_printing.PrintOrder's fields, read on the UI thread (the settings object is
    the window's). Plain values: the printing code takes a second to import, and is
    imported on the printing thread, not here."""
    return dict(layout=desk.badge_layout, printer=desk.badge_printer, desk=desk.desk,
                operator=desk.role.value)


def _print_once(engine: Engine, attendee_id: int, fields: dict[str, str]) -> str | None:
    """On the printing thread: the check, the badge, the page and its log, in one go, so
    that two scans of one person queued back to back print one badge."""
    from checkin.core.badges.people import printed_before
    from checkin.ui import badge_printing as bp

    if printed_before(engine, attendee_id):
        return ALREADY_PRINTED
    order = bp.PrintOrder(**fields)
    badge = bp.prepare_badge(engine, attendee_id, order)
    if badge.printer is None:
        return NO_PRINTER
    bp.print_prepared(engine, badge, order)
    return badge.printer_name


def _prepare(engine: Engine, attendee_id: int,
             fields: dict[str, str]) -> tuple[PreparedBadge, PrintOrder]:
    from checkin.ui import badge_printing as bp

    order = bp.PrintOrder(**fields)
    return bp.prepare_badge(engine, attendee_id, order), order


class DeskPrinting(QObject):
    def __init__(self, engine: Engine, desk: DeskSettings, notice: Callable[[str], None],
                 window: QWidget) -> None:
        super().__init__(window)
        self._engine = engine
        self._desk = desk
        self._notice = notice  # a line on the desk's answer panel (UI thread only)
        self._window = window  # the printing dialogs' parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # The thread stays: the QPrinter and the plugin behind it are made there.
        self._pool.setExpiryTimeout(-1)
        # Tasks in flight with what to do with their result, oldest first: with one thread
        # they finish in the order they were started.
        self._queue: deque[tuple[Task, Callable[[Any], None], Callable[[str], None]]] = deque()
        self._spent: Task | None = None  # kept until the next one ends: see _settle
        self._reprinting = False  # from the Reprint button to its last step

    def is_busy(self) -> bool:
        """A badge is being printed or reprinted (tests wait on it)."""
        return bool(self._queue) or self._reprinting

    def after_answer(self, answer: ScanAnswer) -> None:
        # "already_in" too: someone let in at a session's door comes to the entrance for the
        # badge nobody printed yet (printed once per person, whichever scan comes first).
        if (self._desk.print_on_checkin and answer.result in ("admitted", "already_in")
                and not answer.session_id and answer.attendee_id is not None):
            self._print_at_checkin(answer.attendee_id)

    def _print_at_checkin(self, attendee_id: int) -> None:
        """Once per person: a reprint is asked for with the Reprint button."""
        engine, fields = self._engine, _order(self._desk)
        self._run(lambda: _print_once(engine, attendee_id, fields),
                  self._on_printed_at_checkin, self._on_failed)

    def _on_printed_at_checkin(self, printer: str | None) -> None:
        if printer is NO_PRINTER:
            self._notice(self.tr("No printer: the badge was not printed"))
        elif printer != ALREADY_PRINTED:
            self._desk.badge_printer = printer

    def reprint(self, attendee_id: int) -> None:
        if self._reprinting:
            return  # a second click while the first badge is read: one dialog is enough
        self._reprinting = True
        engine, fields = self._engine, _order(self._desk)
        self._run(lambda: _prepare(engine, attendee_id, fields), self._on_reprint_ready,
                  self._on_reprint_failed)

    def _on_reprint_ready(self, prepared: tuple[PreparedBadge, PrintOrder]) -> None:
        """On the UI thread, with the badge read and rendered: the dialog, then back to
        the printing thread for the PDF and the log."""
        badge, order = prepared
        try:
            self._ask_and_finish(badge, order)
        except Exception as exc:  # a dialog that broke: a notice, and Reprint works again
            self._on_reprint_failed(str(exc) or type(exc).__name__)

    def _ask_and_finish(self, badge: PreparedBadge, order: PrintOrder) -> None:
        from checkin.ui import badge_printing as bp

        engine = self._engine
        if badge.printer is None:
            path = bp.BadgeDialogs.choose_pdf(self._window, bp.pdf_title(), badge.pdf_name())
            if not path:
                self._reprinting = False
                return
            self._run(lambda: bp.save_prepared(engine, badge, order, path),
                      lambda _: self._reprinted(self.tr("Badge saved as a PDF")),
                      self._on_save_failed)
            return
        if not bp.BadgeDialogs.preview(self._window, badge.printer, badge.paint):
            self._reprinting = False
            return
        printer = badge.printer.printerName()  # the preview's print dialog may change it
        self._desk.badge_printer = printer
        self._run(lambda: bp.log_print(engine, badge, order, printer),
                  lambda _: self._reprinted(self.tr("Badge printed")), self._on_reprint_failed)

    def _reprinted(self, text: str) -> None:
        self._reprinting = False
        self._notice(text)

    def _on_save_failed(self, message: str) -> None:
        from checkin.ui.badge_printing import not_saved_title

        self._reprinting = False  # the dialog BadgePrinter shows for it too
        ConfirmDialog.error(self._window, not_saved_title(), message)

    def _on_reprint_failed(self, message: str) -> None:
        self._reprinting = False
        self._on_failed(message)

    def _on_failed(self, message: str) -> None:
        self._notice(self.tr("Badge printing failed: %1").replace("%1", message))

    # ---- the printing thread --------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[str], None]) -> None:
        task = Task(lambda _progress: work())
        # Bound methods of this object: delivered on its (the UI) thread.
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self._on_task_failed)
        self._queue.append((task, done, failed))
        start(task, self._pool)

    def _on_task_finished(self, result: object) -> None:
        self._settle()[0](result)

    def _on_task_failed(self, message: str) -> None:
        self._settle()[1](message)

    def _settle(self) -> tuple[Callable[[Any], None], Callable[[str], None]]:
        task, done, failed = self._queue.popleft()
        # Its signals object is the sender being delivered right now: dropped at the next
        # task's end, not inside its own signal.
        self._spent = task
        return done, failed
