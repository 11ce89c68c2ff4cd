"""Screenshots for the README, taken from a real X11 window on a virtual screen.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

Loads the sample event into a throwaway store, opens the window in French and in English,
and saves what the screen shows into resources/screenshots/.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # a real window, not the offscreen plugin

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from checkin.app import create_window, ensure_app
from checkin.core.demo import load_demo
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.ui.import_dialog import FileDialog

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


SAMPLE_CSV = ("Export Weezevent;;;;;;\n"
              "Code-barres;Nom participant;Prénom participant;Email participant;Tarif;"
              "Société #131470;Atelier choisi #131474\n"
              "WZ0001;Dupré;Hélène;helene@example.fr;Tarif normal;Ville d'Amiens;Coopération\n"
              "WZ0002;L'Hôte;Cécile;cecile@example.fr;Tarif intervenant;BGE Picardie;\n"
              "WZ0003;N'Diaye;Awa;awa@example.fr;Presse;Le Courrier picard;Territoires\n")


def shoot(app: QApplication, url: str, language: str, name: str, editor: bool = False,
          import_file: Path | None = None) -> Path:
    window = create_window(url, language=language)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    target = OUT / name
    done: list[bool] = []
    if editor or import_file:
        window._desk.switch_to(Role.COORDINATOR)
        window._apply_role()
    if editor:
        QTimer.singleShot(300, window.findChild(QAction, "editProgrammeAction").trigger)
    if import_file:
        FileDialog.open_file = staticmethod(lambda *a: str(import_file))  # no chooser on screen
        QTimer.singleShot(300, window.findChild(QAction, "importAction").trigger)

    def grab() -> None:
        app.primaryScreen().grabWindow(0).save(str(target))
        for child in app.topLevelWidgets():
            child.close()
        done.append(True)
        app.quit()

    QTimer.singleShot(800, grab)  # let the window manager-less X server map and paint it
    app.exec()
    assert done, "no screenshot taken"
    return target


def shoot_desk(app: QApplication, url: str, name: str, scans: list[str],
               language: str = "fr") -> Path:
    """The desk after a few scans, as at 10:20 on the event's day (so "now" has a session)."""
    from datetime import datetime

    from checkin.core.clock import fixed_clock

    window = create_window(url, language=language)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    desk = window.desk_view()
    desk._clock = desk.history_model._clock = fixed_clock(datetime(2026, 12, 10, 9, 20, tzinfo=UTC))
    for i, code in enumerate(scans):
        QTimer.singleShot(200 + 150 * i, lambda c=code: desk.submit_scan(c))
    target = OUT / name
    done: list[bool] = []

    def grab() -> None:
        app.primaryScreen().grabWindow(0).save(str(target))
        desk.detach()
        for child in app.topLevelWidgets():
            child.close()
        done.append(True)
        app.quit()

    QTimer.singleShot(300 + 150 * len(scans) + 700, grab)
    app.exec()
    assert done, "no screenshot taken"
    return target


def _simulate_morning(url: str) -> None:
    """Arrivals from 8:20 to 9:40 through two desks, then the afternoon doors filling up."""
    from datetime import datetime, timedelta

    import sqlalchemy as sa

    from checkin.core.admission.scan import ScanService
    from checkin.core.clock import fixed_clock

    engine = open_store(url)
    with engine.connect() as conn:
        codes = conn.execute(sa.text("SELECT code FROM attendee WHERE status = 'registered' "
                                     "ORDER BY id")).scalars().all()
        doors = dict(conn.execute(sa.text("SELECT key, id FROM session")).all())
    start = datetime(2026, 12, 10, 7, 20, tzinfo=UTC)
    for i, code in enumerate(codes[:260]):
        minute = 80 * (i / 260) ** 0.7  # a rush early, then a tail
        ScanService(engine, 1, desk=f"accueil-{1 + i % 2}",
                    clock=fixed_clock(start + timedelta(minutes=minute))).scan(code)
    at = datetime(2026, 12, 10, 13, 4, tzinfo=UTC)
    for key, n in (("atelier-charte", 20), ("cooperation-aprem", 28), ("emergence-aprem", 31)):
        door = ScanService(engine, 1, desk="porte", clock=fixed_clock(at))
        for code in codes[:n]:
            door.scan(code, session_id=doors[key], override=True)
    engine.dispose()


def shoot_rooms(app: QApplication, url: str, name: str, language: str = "fr") -> Path:
    from datetime import datetime

    window = create_window(url, language=language)
    window.resize(1366, 768)
    window.move(0, 0)
    window._desk.switch_to(Role.COORDINATOR)
    window._apply_role()
    view = window.occupancy_view()
    view.stop()
    view._clock = lambda: datetime(2026, 12, 10, 13, 5, tzinfo=UTC)
    view.alerts.clear()
    view._levels.clear()
    QTimer.singleShot(900, lambda: (view.alerts.clear(), view._levels.clear(), view.start()))
    window._tabs.setCurrentWidget(view)
    window.show()
    target = OUT / name
    done: list[bool] = []

    def grab() -> None:
        app.primaryScreen().grabWindow(0).save(str(target))
        view.stop()
        window.desk_view().detach()
        for child in app.topLevelWidgets():
            child.close()
        done.append(True)
        app.quit()

    QTimer.singleShot(3500, grab)
    app.exec()
    assert done, "no screenshot taken"
    return target


def _desk_codes(url: str) -> tuple[str, str, str]:
    """A booked registrant, one with an attention text, and one more."""
    import sqlalchemy as sa

    engine = open_store(url)
    with engine.begin() as conn:
        booked = conn.execute(sa.text(
            "SELECT a.code FROM attendee a JOIN enrollment e ON e.attendee_id = a.id JOIN session s "
            "ON s.id = e.session_id WHERE s.key = 'cooperation-matin' AND e.status = 'booked' "
            "AND a.status = 'registered' AND a.attention = false ORDER BY a.id LIMIT 2")).scalars().all()
        conn.execute(sa.text("UPDATE attendee SET attention = true, attention_text = "
                             "'Fauteuil roulant : prendre l''ascenseur côté vestiaire' WHERE code = :c"),
                     {"c": booked[1]})
    engine.dispose()
    return booked[0], booked[1], "PUQJ-8XZ?"


def main() -> int:
    app = ensure_app()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shots.sqlite3"
        load_demo(open_store(url), 300, seed=1)
        for language, name in (("fr", "first-window-fr.png"), ("en", "first-window-en.png")):
            print(shoot(app, url, language, name))
        print(shoot(app, url, "fr", "programme-editor-fr.png", editor=True))
        sample = Path(tmp) / "weezevent.csv"
        sample.write_text(SAMPLE_CSV, encoding="utf-8")
        print(shoot(app, url, "fr", "import-fr.png", import_file=sample))
        admitted, attention, garbage = _desk_codes(url)
        print(shoot_desk(app, url, "desk-admitted-fr.png", [admitted]))
        print(shoot_desk(app, url, "desk-already-in-fr.png", [admitted]))
        print(shoot_desk(app, url, "desk-refused-fr.png", [garbage]))
        print(shoot_desk(app, url, "desk-attention-fr.png", [attention]))
        print(shoot_desk(app, url, "desk-admitted-en.png", [attention, admitted], language="en"))
        _simulate_morning(url)
        print(shoot_rooms(app, url, "rooms-fr.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
