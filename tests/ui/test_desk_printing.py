"""The desk's badges never hold up the window: at check-in the once-per-person check, the
badge read from the store, its rendering, the painting on the printer and the badge_print
row all happen on the printing thread; a reprint runs only its dialog on the GUI thread.
A badge that did not print waits in the desk's queue, says why, and is printed when tried
again; what printing has to say goes to the print line, never to the answer panel.

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
from checkin.core.badges import print_queue
from checkin.core.badges.people import record_prints
from checkin.core.badges.print_queue import NO_PRINTER, QueueState
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
    """What a reprint told the print line, and whether on the GUI thread."""
    return []


@pytest.fixture
def queue_states() -> list[QueueState]:
    return []


@pytest.fixture
def printing(qtbot, store, desk, notices, queue_states) -> DeskPrinting:
    window = QWidget()
    qtbot.addWidget(window)
    printing = DeskPrinting(store, desk, window)
    printing.told.connect(lambda text, _problem: notices.append((text, _on_main())))
    printing.queue_changed.connect(queue_states.append)
    return printing


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
        qtbot, store, people, desk, printing, printer_output, rendered, notices, queue_states):
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
    last = queue_states[-1]
    assert (last.printing, last.waiting, last.problem) == (None, (), "")
    assert last.last_printed.attendee_id == second and last.last_printer == "QL-820NWB"


def _name(engine, attendee_id: int) -> str:
    with engine.connect() as conn:
        first, last = conn.execute(sa.select(Attendee.first_name, Attendee.last_name)
                                   .where(Attendee.id == attendee_id)).one()
    return f"{first} {last}"


def test_without_a_printer_the_badges_wait_in_line_and_print_once_one_is_there(
        qtbot, store, people, printing, rendered, notices, queue_states, monkeypatch):
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])
    (first, first_code), (second, second_code) = people
    with sql_on_gui_thread(store) as seen:
        printing.after_answer(ScanAnswer(result="admitted", code=first_code, scan_id=1,
                                         attendee_id=first, first_name="Ada", last_name="Lovelace"))
        _idle(qtbot, printing)
        printing.after_answer(_admitted(second, second_code))
        printing.after_answer(_admitted(second, second_code))  # scanned twice: one badge
        _idle(qtbot, printing)
    assert seen == []
    waiting = queue_states[-1]
    assert waiting.problem == NO_PRINTER and waiting.retry_at is not None
    assert [(b.attendee_id, b.name) for b in waiting.waiting] == [(first, "Ada Lovelace"),
                                                                  (second, second_code)]
    assert rendered == [] and _prints(store) == [] and notices == []

    made = []
    monkeypatch.setattr(badge_printing, "available_printers", lambda: ["QL-820NWB"])
    monkeypatch.setattr(badge_printing, "make_printer", lambda name: made.append(name) or _pdf_printer(
        store, len(made)))
    printing.retry()  # the volunteer plugged the printer in and pressed Try again
    qtbot.waitUntil(lambda: len(_prints(store)) == 2, timeout=WAIT_MS)
    _idle(qtbot, printing)
    assert [row[0] for row in _prints(store)] == [first, second]  # in scan order, once each
    last = queue_states[-1]
    assert (last.waiting, last.problem) == ((), "") and last.last_printed.attendee_id == second


def _pdf_printer(_store, n: int) -> QPrinter:
    import tempfile

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(Path(tempfile.mkdtemp()) / f"badge-{n}.pdf"))
    return printer


def test_a_failing_print_at_check_in_waits_and_is_tried_again_by_itself(
        qtbot, store, people, printing, printer_output, notices, queue_states, monkeypatch):
    real = badge_printing.render_badge
    broken = {"on": True}

    def render(*args, **kwargs):
        if broken["on"]:
            raise RuntimeError("out of labels")
        return real(*args, **kwargs)

    monkeypatch.setattr(badge_printing, "render_badge", render)
    monkeypatch.setattr(print_queue, "RETRY_S", 0.3)
    attendee, code = people[0]
    with sql_on_gui_thread(store) as seen:
        printing.after_answer(_admitted(attendee, code))
        qtbot.waitUntil(lambda: bool(queue_states and queue_states[-1].problem), timeout=WAIT_MS)
    assert seen == []
    assert queue_states[-1].problem == "out of labels"
    assert [b.attendee_id for b in queue_states[-1].waiting] == [attendee]
    assert _prints(store) == [] and notices == []
    broken["on"] = False  # labels put back: the next try, on its own, prints it
    qtbot.waitUntil(lambda: len(_prints(store)) == 1, timeout=WAIT_MS)
    _idle(qtbot, printing)
    assert _codes_in(printer_output[-1][1]) == [code]
    assert queue_states[-1].problem == ""


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
    assert _prints(store)[1:] == [(attendee, "a6", "accueil-2", "volunteer", "QL-820NWB", True)]
    assert notices == [(f"Badge of {_name(store, attendee)} printed on QL-820NWB", True)]

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
    name = _name(store, attendee)
    with sql_on_gui_thread(store) as seen:
        printing.reprint(attendee)
        _idle(qtbot, printing)
    assert seen == []
    assert asked == [(f"badge-{name.replace(' ', '-')}.pdf", True)]
    assert True not in rendered
    assert _codes_in(target) == [code]
    assert _prints(store) == [(attendee, "a6", "accueil-2", "volunteer", f"pdf:{target}", False)]
    assert notices == [(f"Badge saved: {target}", True)]  # where the file went
