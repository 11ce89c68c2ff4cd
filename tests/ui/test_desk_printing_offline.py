"""Badges printed at check-in while the shared server is away (issue 19): printed from the
desk's copy of the event, the printer's record queued by the copy itself and logged on the
server once the link is back — and a badge already printed is not printed again."""

from __future__ import annotations

import time
from pathlib import Path

import pypdfium2
import pytest
import sqlalchemy as sa
import zxingcpp
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from checkin.bench.relay import Relay, pg_target, pg_url_through
from checkin.core.admission.desk_backend import ScanRequest
from checkin.core.admission.desk_status import LinkState
from checkin.core.admission.offline_desk import OfflineDesk
from checkin.store import open_store
from checkin.ui import badge_printing
from checkin.ui.desk_printing import DeskPrinting
from checkin.ui.desk_settings import DeskSettings, open_settings
from tests.helpers.stores import demo_store


def _wait(done, within: float = 15.0) -> None:
    end = time.monotonic() + within
    while not done():
        assert time.monotonic() < end, "not within the time"
        time.sleep(0.05)


@pytest.fixture
def printed(monkeypatch, tmp_path) -> list[Path]:
    """The desk has a printer; each badge it prints becomes a PDF file."""
    made: list[Path] = []

    def make_printer(_name: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.append(tmp_path / f"printed-{len(made)}.pdf")
        printer.setOutputFileName(str(made[-1]))
        return printer

    monkeypatch.setattr(badge_printing, "available_printers", lambda: ["QL-820NWB"])
    monkeypatch.setattr(badge_printing, "make_printer", make_printer)
    return made


def test_a_badge_printed_offline_comes_from_the_copy_and_reaches_the_server_once(
        qtbot, pg_url, tmp_path, printed):
    engine = open_store(pg_url)
    event, codes = demo_store(engine, 20, seed=3)
    relay = Relay(pg_target(pg_url))
    desk = OfflineDesk(pg_url_through(pg_url, relay), tmp_path / "copy.sqlite3", event,
                       desk="accueil-3", probe_every=0.2).start()
    try:
        settings = DeskSettings(open_settings())
        settings.desk, settings.print_on_checkin = "accueil-3", True
        window = QWidget()
        qtbot.addWidget(window)
        printing = DeskPrinting(desk.replica, settings, window)
        relay.blackhole()
        decision = desk.decide(ScanRequest(codes[0], "volunteer"))
        assert decision is not None and decision.answer.result == "admitted"
        printing.after_answer(decision.answer)
        qtbot.waitUntil(lambda: not printing.is_busy() and len(printed) == 1, timeout=15000)
        page = pypdfium2.PdfDocument(printed[0])[0]
        assert [b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())] \
            == [codes[0]]  # her badge, from the copy, while the server is away
        again = desk.decide(ScanRequest(codes[0], "volunteer"))
        assert again is not None and again.answer.result == "already_in"
        printing.after_answer(again.answer)  # printed once per person, whichever scan first
        qtbot.wait(500)
        assert len(printed) == 1

        relay.pass_()
        _wait(lambda: desk.status().state == LinkState.ONLINE and desk.status().waiting == 0)
        with engine.connect() as conn:
            _wait(lambda: conn.execute(sa.text("SELECT count(*) FROM badge_print")).scalar_one())
            rows = conn.execute(sa.text(
                "SELECT a.code, b.desk, b.reprint FROM badge_print b "
                "JOIN attendee a ON a.id = b.attendee_id")).all()
        assert [tuple(r) for r in rows] == [(codes[0], "accueil-3", False)]
        desk._last_refresh = float("-inf")  # a refresh: the server's record replaces the copy's
        _wait(lambda: desk.status().replica_at is not None)
        time.sleep(1.0)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM badge_print")).scalar_one() == 1
    finally:
        desk.close()
        relay.close()
        engine.dispose()
