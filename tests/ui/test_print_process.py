"""The printing process (print_worker): badges printed at check-in go through a process of
its own, on the real print queue; if it dies, the badge in hand is not lost — it waits and
prints from a new process when tried again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QWidget

from checkin.core.admission.scan import ScanAnswer
from checkin.store import open_store
from checkin.store.models import BadgePrint
from checkin.ui.desk_printing import DeskPrinting
from checkin.ui.desk_settings import DeskSettings, open_settings
from checkin.ui.print_process import PrintProcess
from tests.helpers.cups import pdf_queue
from tests.helpers.stores import demo_store

WAIT_MS = 60_000


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    _, codes = demo_store(engine, 10, seed=2)
    with engine.connect() as conn:
        people = conn.execute(sa.text("SELECT id, code FROM attendee WHERE code IN (:a, :b)"),
                              {"a": codes[0], "b": codes[1]}).all()
    yield engine, [tuple(p) for p in people]
    engine.dispose()


def _printed(engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(BadgePrint.attendee_id, BadgePrint.printer).order_by(BadgePrint.id))]


def test_a_killed_printing_process_loses_no_badge(qtbot, sqlite_url, store):
    queue, _folder = pdf_queue()
    engine, people = store
    desk = DeskSettings(open_settings())
    desk.print_on_checkin = True
    desk.badge_printer = queue
    window = QWidget()
    qtbot.addWidget(window)
    process = PrintProcess(sqlite_url, window)
    printing = DeskPrinting(engine, desk, window, process)
    states = []
    printing.queue_changed.connect(states.append)

    (first, first_code), (second, second_code) = people
    printing.after_answer(ScanAnswer(result="admitted", code=first_code, scan_id=1,
                                     attendee_id=first))
    qtbot.waitUntil(lambda: len(_printed(engine)) == 1, timeout=WAIT_MS)
    assert _printed(engine) == [(first, queue)]

    printing.after_answer(ScanAnswer(result="admitted", code=second_code, scan_id=2,
                                     attendee_id=second))
    process._process.kill()  # the printing process dies with the badge in hand
    qtbot.waitUntil(lambda: bool(states and states[-1].problem), timeout=WAIT_MS)
    assert "stopped" in states[-1].problem
    assert [b.attendee_id for b in states[-1].waiting] == [second]
    printing.retry()
    qtbot.waitUntil(lambda: len(_printed(engine)) == 2, timeout=WAIT_MS)
    assert _printed(engine) == [(first, queue), (second, queue)]
    process.shutdown()
