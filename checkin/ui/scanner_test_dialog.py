"""Desk ▸ Test the scanner: the volunteer scans the test badge (on the screen or printed) and
the dialog says, in plain words, how the scanner types: its keyboard setting, Caps Lock,
its prefix, suffix and terminator (checkin.core.admission.scanner_test reads them).

The dialog reads the raw burst itself, from an event filter on the application, while it
is open (the caller pauses the desk's own scanner filter meanwhile): the burst's keys never
reach a button, its Tab does not move the focus and its Enter does not press the default
button. It stores nothing: `ask` returns the report and the caller calls `remember`.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPainter, QPainterPath, QPixmap, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget,
)
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage

from checkin.core.admission.code_reading import LAYOUT_US_ON_FRENCH
from checkin.core.admission.scanner_test import TEST_CODE, ScannerReport, analyse
from checkin.ui import badge_printing
from checkin.ui.desk_settings import DeskSettings
from checkin.ui.scanner import MIN_BURST, TERMINATORS, is_chord  # the desk's own notion of a burst

SILENCE_MS = 300       # a burst with no terminator ends after this silence
SHOWN_CHARS = 60       # of a burst that was not the test badge
SCREEN_MODULE_PX = 8   # 37 modules (version 3 and its quiet zone): about 300 px on screen
PRINTED_QR_MM = 40.0   # on paper, at most (less on a small label)


def remember(desk: DeskSettings, report: ScannerReport) -> None:
    """What this desk keeps of a test: its scanner set-up and terminator."""
    desk.scanner = report.setup
    desk.scanner_terminator = report.terminator


def _test_qr() -> qrcode.QRCode:
    """A regular QR code (never Micro QR), with its quiet zone of 4 modules."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=SCREEN_MODULE_PX, border=4,
                         image_factory=PilImage)
    code.add_data(TEST_CODE)
    code.make(fit=True)
    return code


def paint_test_page(printer: QPrinter, caption: str) -> bool:
    """The test badge on one page: the QR code, drawn as one shape (crisp at any
    resolution, no seams between modules), the caption and the code under it. False when
    the printer would not start a page."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = printer.resolution()
        page = printer.pageLayout().paintRectPixels(dpi)  # the painter's origin is its corner
        side = min(PRINTED_QR_MM / 25.4 * dpi, page.width() * 0.8, page.height() * 0.6)
        matrix = _test_qr().get_matrix()
        module = side / len(matrix)
        left, top = (page.width() - side) / 2, min(page.height() * 0.1, dpi / 2)
        shape = QPainterPath()
        shape.setFillRule(Qt.FillRule.WindingFill)
        for row, cells in enumerate(matrix):
            column = 0
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                run = column
                while run < len(cells) and cells[run]:
                    run += 1
                shape.addRect(QRectF(left + column * module, top + row * module,
                                     (run - column) * module, module))
                column = run
        painter.fillPath(shape, QColor("black"))
        font = QFont(painter.font())
        font.setPointSizeF(10)
        painter.setFont(font)
        below = QRectF(0, top + side + dpi / 10, page.width(), page.height() - top - side)
        painter.drawText(below, int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                         caption + "\n" + TEST_CODE)
    finally:
        painter.end()
    return True


class ScannerTestDialog(QDialog):
    """Shows the test badge and reads one scan of it at a time; `report` is the last
    scan's finding (None until a scan of the test badge). `ask` is the seam tests patch."""

    def __init__(self, parent: QWidget | None, desk: DeskSettings) -> None:
        super().__init__(parent)
        self.setObjectName("scannerTestDialog")
        self.setWindowTitle(self.tr("Test the scanner"))
        self._desk = desk
        self.report: ScannerReport | None = None
        self._chars: list[str] = []
        self._listening = False
        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(SILENCE_MS)
        self._silence.timeout.connect(self._on_silence)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Test the scanner"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.instruction = QLabel(self.tr("Scan this test badge (on the screen or printed)"), self)
        self.instruction.setWordWrap(True)
        layout.addWidget(self.instruction)
        self.qr = QLabel(self)
        self.qr.setObjectName("scannerTestQr")
        self.qr.setPixmap(QPixmap.fromImage(badge_printing.pil_to_qimage(
            _test_qr().make_image().get_image())))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(self.tr("Test badge"))
        layout.addWidget(self.qr)
        self.print_button = QPushButton(self.tr("Print the test badge…"), self)
        self.print_button.setObjectName("scannerTestPrint")
        self.print_button.setAutoDefault(False)  # Enter is for Save, once there is a finding
        self.print_button.clicked.connect(self._on_print)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.print_status = QLabel(self)
        self.print_status.setObjectName("scannerTestPrintStatus")
        self.print_status.setTextFormat(Qt.TextFormat.PlainText)
        self.print_status.setWordWrap(True)
        layout.addWidget(self.print_status)
        self.findings = QLabel(self.tr("Waiting for a scan…"), self)
        self.findings.setObjectName("scannerTestResult")
        self.findings.setTextFormat(Qt.TextFormat.PlainText)  # a burst may hold "<"
        self.findings.setWordWrap(True)
        self.findings.setMinimumWidth(self.qr.pixmap().width() + 100)
        layout.addWidget(self.findings)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setEnabled(False)
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @staticmethod
    def ask(parent: QWidget | None, desk: DeskSettings) -> ScannerReport | None:
        """The finding to remember, or None when cancelled; nothing is stored here."""
        dialog = ScannerTestDialog(parent, desk)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.report
        finally:
            dialog.deleteLater()

    @staticmethod
    def print_dialog(parent: QWidget | None, printer: QPrinter) -> bool:
        """Seam for tests: the system's print dialog; True when the user printed."""
        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

    def accept(self) -> None:
        if self.report is not None:  # only a finding can be saved
            super().accept()

    # ---- listening to the scanner -----------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._listening:
            app.installEventFilter(self)
            self._listening = True

    def done(self, result: int) -> None:
        self._stop_listening()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_listening()
        super().closeEvent(event)

    def _stop_listening(self) -> None:
        app = QApplication.instance()
        if app is not None and self._listening:
            app.removeEventFilter(self)
        self._listening = False
        self._silence.stop()
        self._chars.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QWidget) or watched.window() is not self:
            return False  # a print or file dialog opened from here types for itself
        if not watched.isWindow() and QApplication.focusWidget() is not watched:
            return False  # the same key travels up through parents: count it once
        if is_chord(event):
            return False  # a shortcut or a mnemonic (Ctrl+Alt together is AltGr: a character)
        if event.key() in TERMINATORS:
            if len(self._chars) < MIN_BURST:
                self._chars.clear()
                return False  # a person's Enter or Tab: the dialog's own
            self._finish(TERMINATORS[Qt.Key(event.key())])
            return True  # not the focus chain's Tab, not the default button's Enter
        text = event.text()
        if len(text) != 1 or not text.isprintable():
            return False
        self._chars.append(text)
        self._silence.start()
        return True  # kept from the buttons (a space would press one)

    def _on_silence(self) -> None:
        if len(self._chars) >= MIN_BURST:
            self._finish("none")
        self._chars.clear()

    def _finish(self, terminator: str) -> None:
        received = "".join(self._chars)
        self._chars.clear()
        self._silence.stop()
        self.report = analyse(received, terminator)
        self.save_button.setEnabled(self.report is not None)
        self.findings.setText(self._describe(self.report) if self.report is not None
                            else self._not_the_test_badge(received))

    # ---- what the volunteer reads -----------------------------------------------------
    def _describe(self, report: ScannerReport) -> str:
        setup = report.setup
        lines = [self.tr("Test badge read.")]
        if setup.layout == LAYOUT_US_ON_FRENCH:
            lines.append(self.tr("Keyboard: scanner set to QWERTY (US) on an AZERTY keyboard"
                                 " — codes will be read correctly"))
        else:
            lines.append(self.tr("Keyboard: the scanner types for this computer's keyboard"
                                 " — codes are read as they are"))
        if report.caps_lock:
            lines.append(self.tr("Caps Lock is on: codes are recognised anyway, but turn it off"))
        lines.append(self.tr("Prefix: “%1”").replace("%1", setup.prefix) if setup.prefix
                     else self.tr("Prefix: none"))
        lines.append(self.tr("Suffix: “%1”").replace("%1", setup.suffix) if setup.suffix
                     else self.tr("Suffix: none"))
        if report.aim:
            lines.append(self.tr("AIM identifier %1: removed automatically").replace("%1", report.aim))
        lines.append({"enter": self.tr("End of code: Enter"), "tab": self.tr("End of code: Tab"),
                      "none": self.tr("End of code: none")}[report.terminator])
        lines.append(self.tr("Save to use these settings at this desk (%1).")
                     .replace("%1", self._desk.desk))
        return "\n".join(lines)

    def _not_the_test_badge(self, received: str) -> str:
        shown = received if len(received) <= SHOWN_CHARS else received[: SHOWN_CHARS - 1] + "…"
        return "\n".join([
            self.tr("This is not the test badge: scan the badge shown above"),
            self.tr("Received: “%1”").replace("%1", shown)])

    # ---- the printed test badge -------------------------------------------------------
    def _on_print(self) -> None:
        caption = self.tr("Scanner test badge: scan it in Desk ▸ Test the scanner")
        printers = badge_printing.available_printers()
        if not printers:
            self._save_pdf(caption)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self._desk.badge_printer
        printer.setPrinterName(name if name in printers
                               else QPrinterInfo.defaultPrinterName() or printers[0])
        if not self.print_dialog(self, printer):
            return
        if paint_test_page(printer, caption):
            self.print_status.setText(self.tr("Test badge sent to the printer %1.")
                                      .replace("%1", printer.printerName()))
        else:
            self.print_status.setText(self.tr("The test badge could not be printed."))

    def _save_pdf(self, caption: str) -> None:
        path = badge_printing.BadgeDialogs.choose_pdf(
            self, self.tr("No printer: save the test badge as a PDF"),
            self.tr("scanner-test-badge.pdf"))
        if not path:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        if paint_test_page(printer, caption):
            self.print_status.setText(self.tr("Test badge saved to %1.").replace("%1", path))
        else:
            self.print_status.setText(self.tr("The test badge could not be saved to %1.")
                                      .replace("%1", path))
