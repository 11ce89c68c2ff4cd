"""The desk's badges never hold up the window: at check-in the once-per-person check, the
badge read from the store, its rendering, the painting on the printer and the badge_print
row all happen on the printing thread; a reprint runs only its dialog on the GUI thread.

The desk's printer is a PDF file here (`make_printer` patched), read back for its QR."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2
import pytest
import sqlalchemy as sa
import zxingcpp
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from checkin.core.admission.scan import ScanAnswer
from checkin.core.badges.people import record_prints
from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.store.models import Attendee, BadgePrint
from checkin.ui import badge_printing
from checkin.ui.badge_printing import BadgeDialogs
from checkin.ui.desk_printing import DeskPrinting
from checkin.ui.desk_settings import DeskSettings, open_settings
from tests.helpers.gui_thread import sql_on_gui_thread

WAIT_MS = 20_000


def _on_main() -> bool:
    return threading.current_thread() is threading.main_thread()


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 30, seed=1)
    yield engine
    engine.dispose()


@pytest.fixture
def people(store) -> list[tuple[int, str]]:
    with store.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(Attendee.id, Attendee.code)
            .where(Attendee.status == "registered", Attendee.source == "demo")
            .order_by(Attendee.id).limit(2))]


@pytest.fixture
def desk() -> DeskSettings:
    desk = DeskSettings(open_settings())
    desk.desk = "accueil-2"
    desk.print_on_checkin = True
    return desk


@pytest.fixture
def notices() -> list[tuple[str, bool]]:
    """What the desk's answer panel was told, and whether on the GUI thread."""
    return []


@pytest.fixture
def printing(qtbot, store, desk, notices) -> DeskPrinting:
    window = QWidget()
    qtbot.addWidget(window)
    return DeskPrinting(store, desk, lambda text: notices.append((text, _on_main())), window)


@pytest.fixture
def rendered(monkeypatch) -> list[bool]:
    """One entry per badge rendered: True when it was rendered on the GUI thread."""
    seen: list[bool] = []
    real = badge_printing.render_badge

    def render(*args, **kwargs):
        seen.append(_on_main())
        return real(*args, **kwargs)

    monkeypatch.setattr(badge_printing, "render_badge", render)
    return seen


@pytest.fixture
def printer_output(monkeypatch, tmp_path) -> list[tuple[str, Path, bool]]:
    """The desk has a printer; each QPrinter made for it writes its own PDF file.
    Lists (printer name asked for, file, made on the GUI thread)."""
    made: list[tuple[str, Path, bool]] = []

    def make_printer(name: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = tmp_path / f"printed-{len(made)}.pdf"
        printer.setOutputFileName(str(path))
        made.append((name, path, _on_main()))
        return printer

    monkeypatch.setattr(badge_printing, "available_printers", lambda: ["QL-820NWB"])
    monkeypatch.setattr(badge_printing, "make_printer", make_printer)
    return made


def _admitted(attendee_id: int, code: str) -> ScanAnswer:
    return ScanAnswer(result="admitted", code=code, scan_id=1, attendee_id=attendee_id)


def _prints(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(BadgePrint.attendee_id, BadgePrint.layout, BadgePrint.desk,
                      BadgePrint.operator, BadgePrint.printer, BadgePrint.reprint)
            .order_by(BadgePrint.id))]


def _codes_in(pdf: Path) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    return [b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())]


def _idle(qtbot, printing: DeskPrinting) -> None:
    qtbot.waitUntil(lambda: not printing.is_busy(), timeout=WAIT_MS)


def test_print_at_check_in_runs_on_the_printing_thread_once_per_person_in_order(
        qtbot, store, people, desk, printing, printer_output, rendered, notices):
    (first, first_code), (second, second_code) = people
    with sql_on_gui_thread(store) as seen:
        printing.after_answer(_admitted(first, first_code))
        printing.after_answer(_admitted(second, second_code))
        _idle(qtbot, printing)
        printing.after_answer(_admitted(first, first_code))  # scanned again: printed already
        _idle(qtbot, printing)
    assert seen == []
    assert rendered == [False, False]
    assert [(name, on_main) for name, _, on_main in printer_output] == [
        ("QL-820NWB", False), ("QL-820NWB", False)]
    assert [_codes_in(path) for _, path, _ in printer_output] == [[first_code], [second_code]]
    assert _prints(store) == [(first, "a6", "accueil-2", "volunteer", "QL-820NWB", False),
                              (second, "a6", "accueil-2", "volunteer", "QL-820NWB", False)]
    assert notices == []  # a badge printed at check-in needs no word
    assert desk.badge_printer == "QL-820NWB"  # remembered for the next badge


def test_print_at_check_in_without_a_printer_says_so_from_the_gui_thread(
        qtbot, store, people, printing, rendered, notices, monkeypatch):
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])
    attendee, code = people[0]
    with sql_on_gui_thread(store) as seen:
        printing.after_answer(_admitted(attendee, code))
        _idle(qtbot, printing)
    assert seen == []
    assert notices == [("No printer: the badge was not printed", True)]
    assert rendered == [] and _prints(store) == []


def test_a_failing_print_at_check_in_becomes_a_notice(
        qtbot, store, people, printing, printer_output, notices, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("out of labels")

    monkeypatch.setattr(badge_printing, "render_badge", broken)
    attendee, code = people[0]
    with sql_on_gui_thread(store) as seen:
        printing.after_answer(_admitted(attendee, code))
        _idle(qtbot, printing)
    assert seen == []
    assert notices == [("Badge printing failed: out of labels", True)]
    assert _prints(store) == []


def test_reprint_shows_the_preview_on_the_gui_thread_and_logs_a_reprint_off_it(
        qtbot, store, people, printing, printer_output, rendered, notices, monkeypatch):
    attendee, code = people[0]
    record_prints(store, [attendee], "a6", desk="accueil-1", operator="volunteer")  # the lost one
    previews: list[bool] = []

    def preview(parent, printer, paint):
        previews.append(_on_main())
        paint(printer)  # the volunteer presses Print in the preview
        return True

    monkeypatch.setattr(BadgeDialogs, "preview", staticmethod(preview))
    with sql_on_gui_thread(store) as seen:
        printing.reprint(attendee)
        _idle(qtbot, printing)
    assert seen == []
    assert previews == [True]
    assert rendered == [False]
    assert [_codes_in(path) for _, path, _ in printer_output] == [[code]]
    assert _prints(store)[1:] == [(attendee, "a6", "accueil-2", "volunteer", "", True)]
    assert notices == [("Badge printed", True)]

    monkeypatch.setattr(BadgeDialogs, "preview", staticmethod(lambda *a: False))
    printing.reprint(attendee)
    _idle(qtbot, printing)
    assert len(_prints(store)) == 2 and len(notices) == 1  # cancelled: nothing logged, no word


def test_reprint_without_a_printer_saves_a_pdf_off_the_gui_thread(
        qtbot, store, people, printing, rendered, notices, tmp_path, monkeypatch):
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])
    target = tmp_path / "lost-badge.pdf"
    asked: list[tuple[str, bool]] = []

    def choose_pdf(parent, title, suggested):
        asked.append((suggested, _on_main()))
        return str(target)

    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(choose_pdf))
    attendee, code = people[0]
    with store.connect() as conn:
        last_name = conn.execute(sa.select(Attendee.last_name)
                                 .where(Attendee.id == attendee)).scalar_one()
    with sql_on_gui_thread(store) as seen:
        printing.reprint(attendee)
        _idle(qtbot, printing)
    assert seen == []
    assert asked == [(f"badge-{last_name}.pdf", True)]
    assert True not in rendered
    assert _codes_in(target) == [code]
    assert _prints(store) == [(attendee, "a6", "accueil-2", "volunteer", f"pdf:{target}", False)]
    assert notices == [("Badge saved as a PDF", True)]
