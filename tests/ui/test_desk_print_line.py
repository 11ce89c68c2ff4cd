"""Print at check-in never hides the answer (issue 17): the welcome, the name and where to
go stay on the panel; printing news — the badge out, the badges waiting and why — goes to
the print line under it. One test prints through a real CUPS queue (cups-pdf) and reads the
badge's QR back from the PDF the queue wrote."""

from __future__ import annotations

import time

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import Qt

from checkin.store import open_store
from checkin.ui.desk_settings import DeskSettings, open_settings
from tests.helpers.cups import pdf_queue, wait_for_pdf
from tests.helpers.keyboard import system_key, system_type
from tests.helpers.stores import demo_store
from tests.helpers.window import desk_window

WAIT_MS = 60_000


@pytest.fixture
def codes(sqlite_url):
    engine = open_store(sqlite_url)
    _, codes = demo_store(engine, 20, seed=3)
    engine.dispose()
    return codes


def _print_at_checkin(printer: str = "") -> None:
    desk = DeskSettings(open_settings())
    desk.print_on_checkin = True
    desk.badge_printer = printer


def _scan(code: str) -> None:
    system_type(code)
    system_key(Qt.Key.Key_Return)


def _qr_codes(pdf) -> list[str]:
    page = pypdfium2.PdfDocument(str(pdf))[0]
    return [b.text for b in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())]


def test_a_badge_printed_through_the_cups_pdf_queue_carries_the_scanned_code(
        qtbot, sqlite_url, codes):
    queue, folder = pdf_queue()
    _print_at_checkin(queue)
    since = time.time()
    with desk_window(qtbot, sqlite_url, language="fr") as win:
        desk = win.desk_view()
        _scan(codes[0])
        qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
        name = desk.panel.text().splitlines()[2]
        qtbot.waitUntil(lambda: "imprimé" in desk.print_line.text(), timeout=WAIT_MS)
        assert desk.print_line.text() == f"⎙ Badge de {name} imprimé sur {queue}"
        assert desk.panel.text().splitlines()[1:3] == ["Bienvenue !", name]
    assert _qr_codes(wait_for_pdf(folder, since)) == [codes[0]]


def test_without_a_printer_the_welcome_stays_and_the_badges_wait_in_view(
        qtbot, sqlite_url, codes, monkeypatch, tmp_path):
    # A machine with no printer at all: CUPS (which the printing process asks) has none.
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))
    _print_at_checkin()
    with desk_window(qtbot, sqlite_url, language="fr") as win:
        desk = win.desk_view()
        names = []
        for code in codes[:2]:
            _scan(code)
            qtbot.waitUntil(lambda c=code: desk.current is not None and desk.current.code == c,
                            timeout=5000)
            names.append(desk.panel.text().splitlines()[2])
            qtbot.waitUntil(lambda: "attente" in desk.print_line.text(), timeout=WAIT_MS)
            qtbot.waitUntil(lambda: not win.is_busy(), timeout=WAIT_MS)
        # The second person's welcome is still there, whole, after the printer said no.
        assert desk.panel.text().splitlines()[1:3] == ["Bienvenue !", names[1]]
        assert desk.print_line.text() == (
            f"⚠ Aucune imprimante sur cet ordinateur : 2 badges en attente ({names[0]}, "
            f"{names[1]}) — nouvel essai toutes les 15 s")
        retry = desk.print_line.findChild(type(desk.undo_button), "printRetryButton")
        assert retry.isVisible() and retry.text() == "Réessayer"
