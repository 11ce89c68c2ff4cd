"""The French desk window on a shared PostgreSQL server whose Wi-Fi goes silent (issue 19):
the scanner's burst is answered by the deadline, the desk says "Hors ligne — 1 scan en
attente", a name is still found, and when the link is back the scan is on the server once
and the desk says "En ligne". Keys go to the focused widget as the window system delivers
them; the server is reached through a relay with keepalives off.
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from checkin.store import open_store
from tests.helpers.desk import panel
from tests.helpers.keyboard import system_key, system_type
from checkin.bench.relay import Relay, pg_target, pg_url_through
from tests.helpers.stores import demo_store
from tests.helpers.window import desk_window


@pytest.fixture
def server(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # the desk's replica, out of the home
    engine = open_store(pg_url)
    people, codes = demo_store(engine, 20, seed=5)
    relay = Relay(pg_target(pg_url))
    yield engine, codes, pg_url_through(pg_url, relay), relay
    relay.close()
    engine.dispose()


def _scan(code: str) -> None:
    system_type(code)
    system_key(Qt.Key.Key_Return)


def test_a_silent_link_is_answered_said_and_replayed_once(qtbot, server):
    engine, codes, url, relay = server
    with desk_window(qtbot, url, language="fr") as window:
        desk = window.desk_view()
        label = desk.link_label
        qtbot.waitUntil(lambda: label.isVisible() and label.text().endswith("En ligne"),
                        timeout=10000)
        qtbot.waitUntil(lambda: (desk.controller.link_status() or False)
                        and desk.controller.link_status().replica_at is not None, timeout=10000)
        relay.blackhole()  # the venue Wi-Fi: nothing arrives, no error ever comes
        start = time.monotonic()
        _scan(codes[0])
        qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=4000)
        assert time.monotonic() - start < 2.5  # the deadline (1.5 s), not a socket's
        assert "Bienvenue" in panel(window).text()
        route = window.findChild(QLabel, "routeText")
        qtbot.waitUntil(lambda: route.isVisible() and route.text() != "", timeout=2000)
        assert "Ensuite" in route.text() and "places libres" in route.text()  # from its copy
        qtbot.waitUntil(lambda: "Hors ligne — 1 scan en attente" in label.text(), timeout=2000)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM scan")).scalar_one() == 0

        relay.pass_()  # the link is back
        qtbot.waitUntil(lambda: label.text().endswith("En ligne"), timeout=8000)
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT code, result FROM scan")).all()
        assert [tuple(r) for r in rows] == [(codes[0], "admitted")]


def test_a_desk_started_while_the_server_is_silent_works_from_its_copy(qtbot, server):
    from checkin.ui.main_window import MainWindow
    from tests.helpers.window import menu_action

    engine, codes, url, relay = server
    with desk_window(qtbot, url, language="fr") as window:  # the first start makes its copy
        desk = window.desk_view()
        qtbot.waitUntil(lambda: (desk.controller.link_status() or False)
                        and desk.controller.link_status().replica_at is not None, timeout=10000)
    relay.blackhole()  # the laptop restarts with the venue Wi-Fi down
    with desk_window(qtbot, url, language="fr") as window:
        assert isinstance(window, MainWindow)
        said = window.statusBar().findChildren(QLabel)
        assert any("Le serveur partagé n'a pas répondu au démarrage" in s.text() for s in said)
        assert not menu_action(window, "importAction").isEnabled()  # it would change the copy
        desk = window.desk_view()
        _scan(codes[1])
        qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=4000)
        assert "Bienvenue" in panel(window).text()
        label = desk.link_label
        qtbot.waitUntil(lambda: "Hors ligne — 1 scan en attente" in label.text(), timeout=3000)
        relay.pass_()
        qtbot.waitUntil(lambda: label.text().endswith("En ligne"), timeout=8000)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT code, result FROM scan")).all()
    assert [tuple(r) for r in rows] == [(codes[1], "admitted")]
