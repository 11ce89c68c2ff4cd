"""Desk ▸ Test the scanner on screen: the dialog reads a scan of the test badge as the system
delivers it (one key event per character, to the focused widget), says what it found, and
keeps the burst's Tab and Enter from moving the focus or pressing a button."""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from checkin.app import install_translators
from checkin.core.admission.code_reading import (
    LAYOUT_SAME, LAYOUT_US_ON_FRENCH, US_TO_FRENCH, ScannerSetup,
)
from checkin.core.admission.scanner_test import TEST_CODE, ScannerReport
from checkin.ui import badge_printing, scanner_test_dialog
from checkin.ui.badge_printing import BadgeDialogs
from checkin.ui.desk_settings import DeskSettings, open_settings
from checkin.ui.scanner_test_dialog import ScannerTestDialog, remember

NO_KEYS = Qt.KeyboardModifier.NoModifier


def on_azerty(meant: str, caps_lock: bool = False) -> str:
    """What an AZERTY computer types for a US-set scanner (Caps Lock as on X11)."""
    typed = (US_TO_FRENCH[ch] for ch in meant)
    return "".join(fr.swapcase() if caps_lock and fr.isalpha() else fr for fr in typed)


def _target(window: QWidget | None) -> QWidget:
    """The focused widget, else `window`: QTest aborts the whole run when given neither."""
    target = QApplication.focusWidget() or window
    assert target is not None, "no widget has the focus"
    return target


def send_keys(text: str, window: QWidget | None = None) -> None:
    """As the system delivers a scanner's keys: each one to whatever has the focus (else
    to `window`)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, _target(window), key, ch, NO_KEYS)


def send_terminator(key: Qt.Key, window: QWidget | None = None) -> None:
    text = {Qt.Key.Key_Tab: "\t", Qt.Key.Key_Return: "\r"}[key]
    QTest.sendKeyEvent(QTest.KeyAction.Click, _target(window), key, text, NO_KEYS)


@pytest.fixture
def desk() -> DeskSettings:
    settings = DeskSettings(open_settings())  # CHECKIN_SETTINGS: this test's own file
    settings.desk = "accueil-2"
    return settings


@pytest.fixture
def dialog(qtbot, desk: DeskSettings) -> Iterator[ScannerTestDialog]:
    shown = ScannerTestDialog(None, desk)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is shown)
    yield shown
    shown.reject()


def test_a_us_scanner_on_azerty_ending_with_tab(dialog: ScannerTestDialog) -> None:
    focus = QApplication.focusWidget()
    assert dialog.objectName() == "scannerTestDialog" and dialog.windowTitle() == "Test the scanner"
    assert dialog.findings.text() == "Waiting for a scan…" and not dialog.save_button.isEnabled()
    send_keys(on_azerty(TEST_CODE))
    send_terminator(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is focus  # the scanner's Tab moved nothing
    assert dialog.report == ScannerReport(ScannerSetup(LAYOUT_US_ON_FRENCH), "tab", False)
    assert dialog.findings.text().splitlines() == [
        "Test badge read.",
        "Keyboard: scanner set to QWERTY (US) on an AZERTY keyboard — codes will be read correctly",
        "Prefix: none",
        "Suffix: none",
        "End of code: Tab",
        "Save to use these settings at this desk (accueil-2).",
    ]
    assert dialog.save_button.isEnabled() and dialog.isVisible()


def test_an_aim_identifier_and_caps_lock_ending_with_enter(dialog: ScannerTestDialog,
                                                           monkeypatch) -> None:
    """The scanner's Enter neither saves (the default button) nor prints (the focused one)."""
    printed = []
    monkeypatch.setattr(badge_printing, "available_printers", lambda: printed.append(1) or [])
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: ""))
    focus = QApplication.focusWidget()
    typed = on_azerty("]Q1" + TEST_CODE, caps_lock=True)
    assert typed.startswith("$a&")
    send_keys(typed)
    send_terminator(Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0 and printed == []
    assert QApplication.focusWidget() is focus
    assert dialog.report == ScannerReport(ScannerSetup(LAYOUT_US_ON_FRENCH), "enter", True, "]Q1")
    lines = dialog.findings.text().splitlines()
    assert "Caps Lock is on: codes are recognised anyway, but turn it off" in lines
    assert "AIM identifier ]Q1: removed automatically" in lines
    assert "End of code: Enter" in lines
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_prefix_a_suffix_and_no_terminator(qtbot, dialog: ScannerTestDialog) -> None:
    send_keys("#" + TEST_CODE + "/")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=2000)
    assert dialog.report == ScannerReport(ScannerSetup(LAYOUT_SAME, "#", "/"), "none", False)
    lines = dialog.findings.text().splitlines()
    assert lines[1] == ("Keyboard: the scanner types for this computer's keyboard"
                        " — codes are read as they are")
    assert {"Prefix: “#”", "Suffix: “/”", "End of code: none"} <= set(lines)


def test_another_badge_is_not_the_test_badge(dialog: ScannerTestDialog) -> None:
    send_keys(on_azerty(TEST_CODE))
    send_terminator(Qt.Key.Key_Tab)
    assert dialog.save_button.isEnabled()
    other = on_azerty("PU4FF-0K-" + "9" * 60)
    send_keys(other)
    send_terminator(Qt.Key.Key_Return)
    assert dialog.report is None and not dialog.save_button.isEnabled()  # the last scan counts
    assert dialog.findings.text().splitlines() == [
        "This is not the test badge: scan the badge shown above",
        f"Received: “{other[:59]}…”"]
    assert dialog.isVisible()


def test_a_persons_keys_are_the_dialogs_own(dialog: ScannerTestDialog) -> None:
    """A key or two then Tab is someone moving through the dialog, not a scan."""
    focus = QApplication.focusWidget()
    send_keys("a")
    send_terminator(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not focus
    assert dialog.findings.text() == "Waiting for a scan…"


def test_the_dialog_stops_listening_once_closed(qtbot, desk: DeskSettings) -> None:
    dialog = ScannerTestDialog(None, desk)
    qtbot.addWidget(dialog)
    field = QLineEdit()
    qtbot.addWidget(field)
    dialog.show()
    dialog.reject()
    field.show()
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    send_keys("PU4FF")
    assert field.text() == "PU4FF"


def test_ask_returns_the_report_and_remember_stores_it(qtbot, desk: DeskSettings) -> None:
    def scan_then_save() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, ScannerTestDialog)
        QTimer.singleShot(5000, shown.reject)  # never a test left hanging on exec()
        send_keys(on_azerty("]Q1" + TEST_CODE + "|"), shown)
        send_terminator(Qt.Key.Key_Tab, shown)
        shown.save_button.click()

    QTimer.singleShot(0, scan_then_save)
    report = ScannerTestDialog.ask(None, desk)
    assert report == ScannerReport(ScannerSetup(LAYOUT_US_ON_FRENCH, "", "µ"), "tab", False, "]Q1")
    remember(desk, report)
    stored = DeskSettings(open_settings())
    assert stored.scanner == ScannerSetup(LAYOUT_US_ON_FRENCH, "", "µ")
    assert stored.scanner_terminator == "tab"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ScannerTestDialog.ask(None, desk) is None


def _decoded(path) -> list[str]:
    page = pypdfium2.PdfDocument(path)[0]
    return [b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())]


def test_without_a_printer_the_test_badge_is_saved_as_a_pdf(dialog: ScannerTestDialog,
                                                             tmp_path, monkeypatch) -> None:
    target = tmp_path / "test-badge.pdf"
    asked = []
    monkeypatch.setattr(scanner_test_dialog.badge_printing, "available_printers", lambda: [])
    monkeypatch.setattr(BadgeDialogs, "choose_pdf",
                        staticmethod(lambda *a: asked.append(a[1:]) or str(target)))
    dialog.print_button.click()
    assert asked == [("No printer: save the test badge as a PDF", "scanner-test-badge.pdf")]
    assert _decoded(target) == [TEST_CODE]
    assert dialog.print_status.text() == f"Test badge saved to {target}."
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: ""))
    target.unlink()
    dialog.print_button.click()  # cancelled: nothing written
    assert not target.exists()


def test_on_a_printer_the_test_badge_goes_through_the_print_dialog(
        dialog: ScannerTestDialog, desk: DeskSettings, tmp_path, monkeypatch) -> None:
    """A PDF-backed QPrinter stands in for the desk's badge printer, chosen first."""
    desk.badge_printer = "QL-820NWB"
    monkeypatch.setattr(badge_printing, "available_printers", lambda: ["Office", "QL-820NWB"])
    out = tmp_path / "printed.pdf"
    offered = []

    def print_dialog(parent, printer: QPrinter) -> bool:
        offered.append(printer.printerName())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(ScannerTestDialog, "print_dialog", staticmethod(print_dialog))
    dialog.print_button.click()
    assert _decoded(out) == [TEST_CODE]
    assert offered and dialog.print_status.text().startswith("Test badge sent to the printer")


def test_in_french(qtbot, desk: DeskSettings) -> None:
    install_translators(QApplication.instance(), "fr")
    try:
        dialog = ScannerTestDialog(None, desk)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        assert dialog.windowTitle() == "Tester le lecteur"
        assert dialog.instruction.text() == "Scannez ce badge de test (à l’écran ou imprimé)"
        assert dialog.print_button.text() == "Imprimer le badge de test…"
        assert dialog.save_button.text() == "Enregistrer"
        send_keys(on_azerty("]Q1" + TEST_CODE, caps_lock=True))
        send_terminator(Qt.Key.Key_Return)
        assert dialog.findings.text().splitlines() == [
            "Badge de test lu.",
            "Clavier : lecteur réglé en QWERTY (US) sur un clavier AZERTY"
            " — les codes seront lus correctement",
            "Verr. Maj. est activé : les codes sont reconnus quand même, mais désactivez-le",
            "Préfixe : aucun",
            "Suffixe : aucun",
            "Identifiant AIM ]Q1 : retiré automatiquement",
            "Fin de code : Entrée",
            "Enregistrez pour utiliser ces réglages sur ce poste (accueil-2).",
        ]
        send_keys("PU4FF")
        send_terminator(Qt.Key.Key_Tab)
        assert dialog.findings.text().splitlines() == [
            "Ce n’est pas le badge de test : scannez le badge affiché ci-dessus",
            "Reçu : « PU4FF »"]
        dialog.reject()
    finally:
        install_translators(QApplication.instance(), "en")
