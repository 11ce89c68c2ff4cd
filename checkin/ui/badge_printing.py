"""Printing badges from the desk: one person's badge (a walk-in, a lost badge) on the
desk's printer, and the "Print badges…" batch to a PDF.

The badge is drawn by the core (checkin.core.badges) — the same picture as the batch
PDF — and painted onto the QPrinter page at the printer's resolution. Every badge
printed is logged in badge_print with the desk, the role and the printer, so a reprint
shows as one. Dialogs that wait for the user go through `BadgeDialogs`, which tests patch.

A print is cut in steps so that the desk can run all but its dialog off the UI thread:
`prepare_badge` (store, printers, rendering), then the dialog, then `print_prepared`,
`log_print` or `save_prepared`. Those three and `prepare_badge` never touch a widget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, QStandardPaths, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QProgressBar, QPushButton, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.badges import (
    BadgeData, Layout, LayoutError, available_layouts, find_layout, render_badge,
)
from checkin.core.badges.layout import shown_name, shown_stock
from checkin.core.badges.pdf import BadgeOutputError, write_pdf
from checkin.core.badges.people import (
    badge_for, count_badges, find_code, record_prints, select_badges,
)
from checkin.ui.desk_settings import DeskSettings
from checkin.ui.labels import english_plural, window_words
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.workers import Task, start

DEFAULT_LAYOUT = "a6"
MAX_DPI = 600  # more only makes the page heavier: badge text and QR gain nothing
PAINT_STRIPS = 32  # see paint_badge: the longest the printing thread holds Python's lock


class BadgeDialogs:
    """Seam for tests: every dialog that blocks until the user answers."""

    @staticmethod
    def choose_pdf(parent: QWidget | None, title: str, suggested: str) -> str:
        pdf_files = QCoreApplication.translate("BadgePrinting", "PDF files (*.pdf)")
        # In the user's documents, not wherever the program was started from.
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start_at = str(Path(folder) / suggested) if folder else suggested
        path, _ = QFileDialog.getSaveFileName(parent, title, start_at, pdf_files)
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    @staticmethod
    def preview(parent: QWidget | None, printer: QPrinter,
                paint: Callable[[QPrinter], None]) -> bool:
        """Shows the page; True when the user printed it from the preview."""
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.paintRequested.connect(paint)
        return dialog.exec() == QDialog.DialogCode.Accepted


def available_printers() -> list[str]:
    """Printer names known to the system (none without CUPS: then badges go to PDF)."""
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def make_printer(name: str) -> QPrinter:
    """The desk's printer, by name (a seam: tests make it print to a PDF file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setDocName("checkin badge")  # the job's title in the print queue: no one's name
    return printer


def pil_to_qimage(image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    # copy(): the QImage must own its pixels once `data` goes away.
    return QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()


def setup_page(printer: QPrinter, layout: Layout) -> None:
    """The page is the layout's sheet (or the badge itself), margins at zero: the layout
    already keeps its content inside its own margins."""
    w, h = layout.page_size
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Millimeter, layout.name)
    orientation = (QPageLayout.Orientation.Landscape if w > h
                   else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Millimeter))


def paint_badge(printer: QPrinter, image: QImage, layout: Layout) -> bool:
    """One badge at the first place of the sheet (a walk-in on a label printer: the page).
    The image is scaled to the page: a printer picked in the preview with another
    resolution gets the same badge, not a new rendering on the UI thread. False when the
    printer would not start a page."""
    x, y = layout.slots()[0]
    dpi = printer.resolution()
    to_px = dpi / 25.4
    left, top = x * to_px, y * to_px
    width, height = layout.width * to_px, layout.height * to_px
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # sharp QR
        # In strips: Qt keeps Python's lock through each drawImage (the page engine
        # compresses the image there), so one call for the whole badge froze the desk's
        # window for 0.2 s from the printing thread; a strip at a time, about 10 ms.
        rows = image.height()
        for i in range(PAINT_STRIPS):
            first, end = rows * i // PAINT_STRIPS, rows * (i + 1) // PAINT_STRIPS
            painter.drawImage(QRectF(left, top + height * first / rows, width,
                                     height * (end - first) / rows),
                              image, QRectF(0, first, image.width(), end - first))
    finally:
        painter.end()
    return True


def layout_for(key: str) -> Layout:
    try:
        return find_layout(key or DEFAULT_LAYOUT)
    except LayoutError:
        return find_layout(DEFAULT_LAYOUT)  # a layout file moved away: print anyway


@dataclass(frozen=True)
class PrintOrder:
    """What a print needs from the desk's settings, read on the UI thread (the settings
    object is the window's) and handed to the printing thread as plain values."""

    layout: str
    printer: str  # the printer this desk printed on last ("" until then)
    desk: str
    operator: str

    @classmethod
    def of(cls, desk: DeskSettings) -> PrintOrder:  # (desk_printing reads the same fields)
        return cls(desk.badge_layout, desk.badge_printer, desk.desk, desk.role.value)


@dataclass
class PreparedBadge:
    """One person's badge, read and rendered, with the printer it is for (None: this
    machine has no printer, the badge goes to a PDF and needs no rendering)."""

    data: BadgeData
    layout: Layout
    printer: QPrinter | None = None
    printer_name: str = ""
    image: QImage | None = None

    @property
    def name(self) -> str:
        return f"{self.data.first_name} {self.data.last_name}".strip() or self.data.code

    def pdf_name(self) -> str:
        """badge-Gérard-Poulain.pdf: whose badge it is, in a name every system accepts."""
        name = f"{self.data.first_name} {self.data.last_name}".strip() or self.data.code
        return "badge-" + "-".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]', " ", name).split()) + ".pdf"

    def paint(self, target: QPrinter) -> None:
        """What the preview paints: the rendered badge, nothing read or drawn anew."""
        if self.image is not None:
            paint_badge(target, self.image, self.layout)


def prepare_badge(engine: Engine, attendee_id: int, order: PrintOrder) -> PreparedBadge:
    """Reads the badge, finds the printer and renders the badge at its resolution."""
    data = badge_for(engine, attendee_id)
    layout = layout_for(order.layout)
    printers = available_printers()
    if not printers:
        return PreparedBadge(data, layout)
    default = QPrinterInfo.defaultPrinterName()
    name = (order.printer if order.printer in printers
            else default if default in printers else printers[0])
    printer = make_printer(name)
    setup_page(printer, layout)
    dpi = min(printer.resolution(), MAX_DPI)
    image = pil_to_qimage(render_badge(data, layout, dpi))
    return PreparedBadge(data, layout, printer, name, image)


def log_print(engine: Engine, badge: PreparedBadge, order: PrintOrder, printer: str) -> None:
    if badge.data.attendee_id is not None:
        record_prints(engine, [badge.data.attendee_id], badge.layout.key, desk=order.desk,
                      operator=order.operator, printer=printer)


def print_prepared(engine: Engine, badge: PreparedBadge, order: PrintOrder) -> None:
    """Straight to the printer, no dialog (print at check-in), then logged."""
    if (badge.printer is None or badge.image is None
            or not paint_badge(badge.printer, badge.image, badge.layout)):
        raise BadgeOutputError(f"the printer {badge.printer_name or '?'} did not start")
    log_print(engine, badge, order, badge.printer_name)


def save_prepared(engine: Engine, badge: PreparedBadge, order: PrintOrder, path: str) -> None:
    write_pdf([badge.data], badge.layout, Path(path))
    log_print(engine, badge, order, f"pdf:{path}")


def pdf_title() -> str:
    return QCoreApplication.translate("BadgePrinting", "No printer: save the badge as a PDF")


def not_saved_title() -> str:  # shared with the desk, which saves off the UI thread
    return QCoreApplication.translate("BadgePrinting", "The badge was not saved")


class BadgePrinter:
    """Prints one person's badge, every step on the calling thread (the batch dialog's
    "Print this badge…"; the desk runs the same steps off the UI thread, desk_printing).
    `print_badge` returns what happened: "printed", "saved" (to a PDF, when no printer is
    installed) or "cancelled"."""

    def __init__(self, engine: Engine, desk: DeskSettings, parent: QWidget | None = None) -> None:
        self._engine, self._desk, self._parent = engine, desk, parent
        self.last_path: str = ""
        self.last_name: str = ""  # whose badge was printed last, for the desk's message

    def print_badge(self, attendee_id: int) -> str:
        order = PrintOrder.of(self._desk)
        badge = prepare_badge(self._engine, attendee_id, order)
        self.last_name = badge.name
        if badge.printer is None:
            return self._save_pdf(badge, order)
        if not BadgeDialogs.preview(self._parent, badge.printer, badge.paint):
            return "cancelled"
        # The preview's print dialog may have changed the printer; a PDF has no name.
        name = badge.printer.printerName() or badge.printer_name
        self._desk.badge_printer = name
        log_print(self._engine, badge, order, name)
        return "printed"

    def _save_pdf(self, badge: PreparedBadge, order: PrintOrder) -> str:
        path = BadgeDialogs.choose_pdf(self._parent, pdf_title(), badge.pdf_name())
        if not path:
            return "cancelled"
        try:
            save_prepared(self._engine, badge, order, path)
        except BadgeOutputError as exc:
            ConfirmDialog.error(self._parent, not_saved_title(), str(exc))
            return "cancelled"
        self.last_path = path
        return "saved"


class BadgeBatchDialog(QDialog):
    """"Print badges…": a layout, who (category, not yet printed), then one PDF of sheets,
    written off the UI thread. The PDF is what goes to the card or label stock.
    One person's badge (a walk-in, a lost badge) is printed from here too, by ticket code."""

    done = Signal(str)

    def __init__(self, engine: Engine, event_id: int, desk: DeskSettings,
                 categories: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("badgeBatchDialog")
        self.setWindowTitle(self.tr("Print badges"))
        self._engine, self._event_id, self._desk = engine, event_id, desk
        self._task: Task | None = None
        form = QFormLayout(self)
        self.layout_choice = QComboBox(self)
        self.layout_choice.setObjectName("badgeLayoutChoice")
        words = window_words()
        for lay in available_layouts():
            self.layout_choice.addItem(f"{shown_name(lay, words)} — {shown_stock(lay, words)}",
                                       lay.key)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(
            desk.badge_layout or DEFAULT_LAYOUT)))
        self.category_choice = QComboBox(self)
        self.category_choice.setObjectName("badgeCategoryChoice")
        self.category_choice.addItem(self.tr("Everybody"), "")
        for key, name in categories:
            self.category_choice.addItem(name, key)
        self.not_printed = QCheckBox(self.tr("Only people who have no badge yet"), self)
        self.not_printed.setObjectName("badgeNotPrinted")
        self.count = QLabel(self)
        self.count.setObjectName("badgeCount")
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("badgeStatus")
        self.status.setWordWrap(True)
        form.addRow(self.tr("Layout"), self.layout_choice)
        form.addRow(self.tr("Who"), self.category_choice)
        form.addRow(self.not_printed)
        form.addRow(self.count)
        form.addRow(self.progress)
        form.addRow(self.status)
        one = QHBoxLayout()
        self.code_input = QLineEdit(self)
        self.code_input.setObjectName("badgeCodeInput")
        self.code_input.setPlaceholderText(self.tr("Scan or type a ticket code"))
        self.code_input.setAccessibleName(self.tr("Ticket code"))
        self.code_input.returnPressed.connect(self._on_print_one)
        self.print_one_button = QPushButton(self.tr("Print this badge…"), self)
        self.print_one_button.setObjectName("badgePrintOneButton")
        self.print_one_button.clicked.connect(self._on_print_one)
        one.addWidget(self.code_input, 1)
        one.addWidget(self.print_one_button)
        form.addRow(self.tr("One person"), one)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setObjectName("badgeSaveButton")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save)
        form.addRow(buttons)
        self.category_choice.currentIndexChanged.connect(self._on_changed)
        self.not_printed.toggled.connect(self._on_changed)
        self.layout_choice.currentIndexChanged.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self, *_args) -> None:
        n = count_badges(self._engine, self._event_id,
                         category=self.category_choice.currentData() or None,
                         not_printed=self.not_printed.isChecked())
        lay = find_layout(self.layout_choice.currentData())
        pages = -(-n // lay.per_page)
        self.count.setText(self.tr("%1 on %2")
                           .replace("%1", english_plural(self.tr("%n badge(s)", "", n), n))
                           .replace("%2", english_plural(self.tr("%n page(s)", "", pages), pages)))
        self.save_button.setEnabled(n > 0 and self._task is None)

    def _on_save(self) -> None:
        if self._task is not None:
            return
        path = BadgeDialogs.choose_pdf(self, self.tr("Save the badges"), "badges.pdf")
        if not path:
            return
        layout = find_layout(self.layout_choice.currentData())
        engine, event_id, desk = self._engine, self._event_id, self._desk
        category = self.category_choice.currentData() or None
        not_printed = self.not_printed.isChecked()
        operator, desk_name = desk.role.value, desk.desk

        def work(progress: Callable[[int, int], None]) -> tuple[int, int]:
            badges = select_badges(engine, event_id, category=category,
                                   not_printed=not_printed).badges
            write_pdf(badges, layout, Path(path), progress=progress)
            reprints = record_prints(engine, [b.attendee_id for b in badges if b.attendee_id],
                                     layout.key, desk=desk_name, operator=operator,
                                     printer=f"pdf:{path}")
            return len(badges), reprints

        task = Task(work)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(lambda result: self._on_done(path, *result))
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.progress.setRange(0, 0)  # busy until the first badges are drawn
        self.progress.setVisible(True)
        self.save_button.setEnabled(False)
        self._desk.badge_layout = layout.key
        start(task)

    def _on_print_one(self) -> None:
        code = self.code_input.text().strip()
        attendee = find_code(self._engine, self._event_id, code)
        if attendee is None:
            self.status.setText(self.tr("No ticket %1 in this event.").replace("%1", code))
            return
        printer = BadgePrinter(self._engine, self._desk, self)
        outcome = printer.print_badge(attendee)
        if outcome == "printed":
            self.status.setText(self.tr("Badge of %1 sent to the printer.")
                                .replace("%1", printer.last_name))
        elif outcome == "saved":
            self.status.setText(self.tr("Badge of %1 saved to %2.").replace("%1", printer.last_name)
                                .replace("%2", printer.last_path))
        else:
            return
        self.code_input.clear()
        self._on_changed()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_done(self, path: str, count: int, reprints: int) -> None:
        self._task = None
        self.progress.setVisible(False)
        text = english_plural(self.tr("%n badge(s) saved to %1.", "", count), count) \
            .replace("%1", path)
        if reprints:
            text += " " + english_plural(self.tr("%n of them had a badge already.", "", reprints),
                                         reprints)
        self.status.setText(text)
        self._on_changed()
        self.done.emit(path)

    def _on_failed(self, message: str) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.status.setText(self.tr("The badges were not saved: %1").replace("%1", message))
        self._on_changed()

    def is_busy(self) -> bool:
        return self._task is not None


def category_names(engine: Engine, event_id: int) -> list[tuple[str, str]]:
    """(key, name) of the event's categories, by name: the dialog's category choice."""
    from checkin.store.queries.badges import CATEGORY_NAMES

    with engine.connect() as conn:
        return list(CATEGORY_NAMES.all(conn, event=event_id))

