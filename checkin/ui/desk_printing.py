"""The desk's badges: printed at check-in when the desk is set to (once per person), and
printed again when a volunteer asks (Reprint). The printing code, and the ORM it needs, are
imported at the first badge, on the printing thread, not when the window opens.

Nothing here waits on the store, the printer or the rendering on the UI thread. Badges
printed at check-in are printed by the desk's printing process (print_worker: a thread
would share Python's lock with the window, and stall it); a reprint's steps run on this
desk's printing thread and report back by signal, and only its dialog — the preview, or
the save-as-PDF file dialog — runs on the UI thread, between two of them.

Badges printed at check-in wait in a BadgeQueue: one on the printing thread at a time, the
others in line, a badge that did not print first in line again and retried (RETRY_S, or
at once with `retry`). The desk's print line shows the queue (`queue_changed`) and what a
reprint did (`told`): the answer panel, with the welcome and where to go, is never used
for printing news.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImageWriter
from PySide6.QtWidgets import QWidget
from sqlalchemy.engine import Engine

from checkin.core.admission.scan import ScanAnswer
from checkin.core.badges.print_queue import NO_PRINTER, BadgeQueue, QueuedBadge, QueueState
from checkin.ui.desk_settings import DeskSettings
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.print_process import PrintProcess
from checkin.ui.print_worker import ALREADY_PRINTED, print_once
from checkin.ui.workers import Task, start

if TYPE_CHECKING:
    from checkin.ui.badge_printing import PreparedBadge, PrintOrder


def _order(desk: DeskSettings) -> dict[str, str]:
    """badge_printing.PrintOrder's fields, read on the UI thread (the settings object is
    the window's). Plain values: the printing code takes a second to import, and is
    imported on the printing thread, not here."""
    return dict(layout=desk.badge_layout, printer=desk.badge_printer, desk=desk.desk,
                operator=desk.role.value)


def _prepare(engine: Engine, attendee_id: int,
             fields: dict[str, str]) -> tuple[PreparedBadge, PrintOrder]:
    from checkin.ui import badge_printing as bp

    order = bp.PrintOrder(**fields)
    return bp.prepare_badge(engine, attendee_id, order), order


class DeskPrinting(QObject):
    queue_changed = Signal(object)  # QueueState: the badges in line, and why they wait
    told = Signal(str, bool)  # what a reprint did (text, True when it went wrong)

    def __init__(self, engine: Engine, desk: DeskSettings, window: QWidget,
                 process: PrintProcess | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """`process`: where badges printed at check-in are printed (the window's: a process
        of their own, see print_worker); None prints them on this desk's printing thread."""
        super().__init__(window)
        self._engine = engine
        self._desk = desk
        self._window = window  # the printing dialogs' parent
        self._clock = clock
        self._process = process
        if process is None:
            # Qt loads its image-writer plugins at a PDF page's first image, and moves them
            # to this (the GUI) thread: from the printing thread, while this one waits for
            # Python's lock, that deadlocks. Loaded here first, there is nothing to move.
            QImageWriter.supportedImageFormats()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # The thread stays: the QPrinter and the plugin behind it are made there.
        self._pool.setExpiryTimeout(-1)
        # Tasks in flight with what to do with their result, oldest first: with one thread
        # they finish in the order they were started.
        self._tasks: deque[tuple[Task, Callable[[Any], None], Callable[[str], None]]] = deque()
        self._spent: Task | None = None  # kept until the next one ends: see _settle
        self._reprinting = False  # from the Reprint button to its last step
        self.badges = BadgeQueue()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._pump)

    def is_busy(self) -> bool:
        """A badge is on the printing thread or a reprint is under way (tests wait on it).
        Badges waiting for a printer that is not there are not work in progress."""
        return (bool(self._tasks) or self._reprinting
                or (self._process is not None and self._process.is_busy()))

    def after_answer(self, answer: ScanAnswer) -> None:
        # "already_in" too: someone let in at a session's door comes to the entrance for the
        # badge nobody printed yet (printed once per person, whichever scan comes first).
        if (self._desk.print_on_checkin and answer.result in ("admitted", "already_in")
                and not answer.session_id and answer.attendee_id is not None):
            name = f"{answer.first_name} {answer.last_name}".strip() or answer.code
            if self.badges.add(QueuedBadge(answer.attendee_id, name)):
                self._pump()

    def retry(self) -> None:
        """The volunteer's "Try again": the first waiting badge now, not after RETRY_S."""
        self.badges.retry_now()
        self._pump()

    def _pump(self) -> None:
        """Starts the next badge when the printing thread has none of the queue's."""
        badge = self.badges.next_badge(self._clock())
        if badge is not None:
            engine, fields, attendee = self._engine, _order(self._desk), badge.attendee_id
            if self._process is not None:
                self._process.submit(attendee, fields, self._on_printed_at_checkin,
                                     self._on_checkin_failed)
            else:
                self._run(lambda: print_once(engine, attendee, fields),
                          self._on_printed_at_checkin, self._on_checkin_failed)
        self._show_queue()

    def _on_printed_at_checkin(self, printer: str) -> None:
        if printer == NO_PRINTER:
            self.badges.failed(NO_PRINTER, self._clock())
        elif printer == ALREADY_PRINTED:
            self.badges.dropped()
        else:
            self.badges.printed(printer)
            if printer != self._desk.badge_printer:  # the settings file is written on change only
                self._desk.badge_printer = printer
        self._pump()

    def _on_checkin_failed(self, message: str) -> None:
        self.badges.failed(message, self._clock())
        self._pump()

    def _show_queue(self) -> None:
        state: QueueState = self.badges.state()
        if state.retry_at is not None and state.printing is None:
            self._retry.start(max(0, int((state.retry_at - self._clock()) * 1000)))
        else:
            self._retry.stop()
        self.queue_changed.emit(state)

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
                      lambda _: self._reprinted(self.tr("Badge saved: %1").replace("%1", path)),
                      self._on_save_failed)
            return
        if not bp.BadgeDialogs.preview(self._window, badge.printer, badge.paint):
            self._reprinting = False
            return
        # The preview's print dialog may change the printer; a PDF has no name.
        printer = badge.printer.printerName() or badge.printer_name
        self._desk.badge_printer = printer
        self._run(lambda: bp.log_print(engine, badge, order, printer),
                  lambda _: self._reprinted(self.tr("Badge of %1 printed on %2")
                                            .replace("%1", badge.name).replace("%2", printer)),
                  self._on_reprint_failed)

    def _reprinted(self, text: str) -> None:
        self._reprinting = False
        self.told.emit(text, False)

    def _on_save_failed(self, message: str) -> None:
        from checkin.ui.badge_printing import not_saved_title

        self._reprinting = False  # the dialog BadgePrinter shows for it too
        ConfirmDialog.error(self._window, not_saved_title(), message)

    def _on_reprint_failed(self, message: str) -> None:
        self._reprinting = False
        self.told.emit(self.tr("Badge printing failed: %1").replace("%1", message), True)

    # ---- the printing thread --------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[str], None]) -> None:
        task = Task(lambda _progress: work())
        # Bound methods of this object: delivered on its (the UI) thread.
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self._on_task_failed)
        self._tasks.append((task, done, failed))
        start(task, self._pool)

    def _on_task_finished(self, result: object) -> None:
        self._settle()[0](result)

    def _on_task_failed(self, message: str) -> None:
        self._settle()[1](message)

    def _settle(self) -> tuple[Callable[[Any], None], Callable[[str], None]]:
        task, done, failed = self._tasks.popleft()
        # Its signals object is the sender being delivered right now: dropped at the next
        # task's end, not inside its own signal.
        self._spent = task
        return done, failed
