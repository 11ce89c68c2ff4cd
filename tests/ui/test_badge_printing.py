"""Printing badges from the window: one badge to a printer or, without one, to a PDF;
the batch dialog from the File menu. Dialogs are patched through BadgeDialogs."""

from __future__ import annotations

from datetime import UTC

import pypdfium2
import pytest
import sqlalchemy as sa
import zxingcpp
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from checkin.app import create_window, install_translators
from checkin.core.demo import load_demo
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Attendee, BadgePrint
from checkin.ui import badge_printing
from checkin.ui.badge_printing import BadgeBatchDialog, BadgeDialogs, BadgePrinter
from checkin.ui.desk_settings import DeskSettings, open_settings
from tests.helpers.cups import pdf_queue
from tests.helpers.window import menu_action


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 30, seed=1)
    yield engine
    engine.dispose()


def _someone(engine) -> tuple[int, str]:
    with engine.connect() as conn:
        row = conn.execute(sa.select(Attendee.id, Attendee.code)
                           .where(Attendee.status == "registered", Attendee.source == "demo")
                           .order_by(Attendee.id)).first()
    return row.id, row.code


def _prints(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(BadgePrint.attendee_id, BadgePrint.layout, BadgePrint.desk,
                      BadgePrint.operator, BadgePrint.printer, BadgePrint.reprint)
            .order_by(BadgePrint.id))]


def test_without_a_printer_the_badge_is_saved_as_a_pdf_and_logged(qtbot, store, tmp_path,
                                                                 monkeypatch):
    desk = DeskSettings(open_settings())
    desk.desk = "accueil-1"
    desk.switch_to(Role.COORDINATOR)
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])
    target = tmp_path / "walk-in.pdf"
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: str(target)))
    attendee, code = _someone(store)
    printer = BadgePrinter(store, desk)
    assert printer.print_badge(attendee) == "saved"
    page = pypdfium2.PdfDocument(target)[0]
    assert [b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())] == [code]
    assert printer.print_badge(attendee) == "saved"  # a lost badge, printed again
    assert _prints(store) == [
        (attendee, "a6", "accueil-1", "coordinator", f"pdf:{target}", False),
        (attendee, "a6", "accueil-1", "coordinator", f"pdf:{target}", True)]
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: ""))
    assert printer.print_badge(attendee) == "cancelled"
    assert len(_prints(store)) == 2


def test_on_a_printer_the_badge_is_painted_on_the_layout_page_and_the_printer_remembered(
        qtbot, store, tmp_path, monkeypatch):
    """A PDF-backed QPrinter stands in for the desk's label printer."""
    desk = DeskSettings(open_settings())
    desk.badge_layout = "brother-ql-62x100"
    monkeypatch.setattr(badge_printing, "available_printers", lambda: ["QL-820NWB"])
    out = tmp_path / "printed.pdf"
    shown = []

    def make_printer(name):  # the label printer, as a PDF file
        shown.append(name)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    def preview(parent, printer, paint):
        paint(printer)
        return True

    monkeypatch.setattr(badge_printing, "make_printer", make_printer)

    monkeypatch.setattr(BadgeDialogs, "preview", staticmethod(preview))
    attendee, code = _someone(store)
    assert BadgePrinter(store, desk).print_badge(attendee) == "printed"
    doc = pypdfium2.PdfDocument(out)
    w, h = doc[0].get_size()
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (100, 62)
    assert [b.text for b in zxingcpp.read_barcodes(doc[0].render(scale=300 / 72).to_pil())] == [code]
    assert _prints(store)[0][1] == "brother-ql-62x100" and _prints(store)[0][3] == "volunteer"
    assert shown == ["QL-820NWB"] and DeskSettings(open_settings()).badge_printer == "QL-820NWB"
    monkeypatch.setattr(BadgeDialogs, "preview", staticmethod(lambda *a: False))
    assert BadgePrinter(store, desk).print_badge(attendee) == "cancelled"
    assert len(_prints(store)) == 1


def test_batch_dialog_from_the_file_menu_counts_and_saves_the_badges(
        qtbot, sqlite_url, store, tmp_path, monkeypatch):
    window = create_window(sqlite_url, language="en")
    qtbot.addWidget(window)
    menu_action(window, "printBadgesAction").trigger()
    dialog = window.findChild(BadgeBatchDialog, "badgeBatchDialog")
    assert dialog is not None
    with store.connect() as conn:
        people = conn.execute(sa.select(sa.func.count()).select_from(Attendee)
                              .where(Attendee.status == "registered")).scalar_one()
    assert dialog.count.text() == f"{people} badges on {-(-people // 4)} pages"
    dialog.category_choice.setCurrentIndex(dialog.category_choice.findData("jury"))
    jury = int(dialog.count.text().split()[0])
    assert 0 < jury < people
    target = tmp_path / "jury.pdf"
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: str(target)))
    with qtbot.waitSignal(dialog.done, timeout=20_000):
        dialog.save_button.click()
    assert target.exists() and len(pypdfium2.PdfDocument(target)) == -(-jury // 4)
    assert f"{jury} badges saved to" in dialog.status.text()
    assert len(_prints(store)) == jury
    dialog.not_printed.setChecked(True)
    assert dialog.count.text() == "0 badges on 0 pages"
    assert not dialog.save_button.isEnabled()
    dialog.close()
    install_translators(QApplication.instance(), "en")


def test_one_lost_badge_is_printed_again_by_its_ticket_code(qtbot, store, tmp_path, monkeypatch):
    from checkin.ui.badge_printing import category_names

    attendee, code = _someone(store)
    with store.connect() as conn:
        event_id = conn.execute(sa.select(Attendee.event_id).where(Attendee.id == attendee)).scalar()
    desk = DeskSettings(open_settings())
    dialog = BadgeBatchDialog(store, event_id, desk, category_names(store, event_id))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])
    target = tmp_path / "lost.pdf"
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: str(target)))
    dialog.code_input.setText("NOPE-404")
    dialog.print_one_button.click()
    assert dialog.status.text() == "No ticket NOPE-404 in this event."
    assert not target.exists() and _prints(store) == []
    dialog.code_input.setText(f" {code.lower()} ")  # as a volunteer might type it
    dialog.print_one_button.click()
    with store.connect() as conn:
        first, last = conn.execute(sa.select(Attendee.first_name, Attendee.last_name)
                                   .where(Attendee.id == attendee)).one()
    assert dialog.status.text() == f"Badge of {first} {last} saved to {target}."
    assert [p[0] for p in _prints(store)] == [attendee]
    assert dialog.code_input.text() == ""


def test_print_at_check_in_prints_each_person_once_even_if_a_door_let_them_in(
        qtbot, sqlite_url, store):
    """Through the desk's printing process, on the real print queue."""
    from datetime import datetime

    from checkin.core.admission.scan import ScanService
    from checkin.ui.desk_printing import DeskPrinting

    queue, _ = pdf_queue()
    DeskSettings(open_settings()).badge_printer = queue
    with store.connect() as conn:
        people = [tuple(r) for r in conn.execute(
            sa.select(Attendee.id, Attendee.code).where(Attendee.status == "registered",
                                                        Attendee.source == "demo")
            .order_by(Attendee.id).limit(3))]
        plenary = conn.exec_driver_sql("SELECT id FROM session WHERE key = 'cloture'").scalar_one()

    def printed() -> list[int]:
        return [p[0] for p in _prints(store)]

    window = create_window(sqlite_url, language="en")
    qtbot.addWidget(window)
    menu_action(window, "printOnCheckinAction").setChecked(True)
    desk = window.desk_view()
    printing = window.findChild(DeskPrinting)

    def scan(code):
        with qtbot.waitSignal(desk.answered, timeout=10_000) as answer:
            desk.submit_scan(code)
        qtbot.waitUntil(lambda: not printing.is_busy(), timeout=60_000)  # the printing process
        return answer.args[0].result

    (first, first_code), (second, second_code), (third, third_code) = people
    assert scan(first_code) == "admitted" and printed() == [first]
    assert scan(first_code) == "already_in" and printed() == [first]  # once per person
    door = ScanService(store, 1, desk="porte", clock=lambda: datetime(2026, 12, 10, 15, 50,
                                                                       tzinfo=UTC))
    assert door.scan(second_code, session_id=plenary).result == "admitted"
    assert printed() == [first]  # the door prints nothing
    assert scan(second_code) == "already_in" and printed() == [first, second]
    menu_action(window, "printOnCheckinAction").setChecked(False)
    assert scan(third_code) == "admitted" and printed() == [first, second]
    assert {p[4] for p in _prints(store)} == {queue}
    window.close()
    install_translators(QApplication.instance(), "en")
