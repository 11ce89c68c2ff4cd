"""checkin.core and checkin.store import no Qt (DESIGN.md): the CLI, scripts and servers
use them without a screen, and a desk's rules stay testable without a QApplication."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

QT_PREFIXES = ("PySide6", "shiboken6")

# Imports every module of the given packages in a fresh interpreter, then opens a store (which
# runs the Alembic env.py and migration scripts, not importable on their own), then reports
# which Qt modules ended up loaded.
_PROBE = textwrap.dedent("""
    import importlib, json, pkgutil, sys, tempfile
    packages = json.loads(sys.argv[1])
    imported = []
    for name in packages:
        pkg = importlib.import_module(name)
        imported.append(name)
        for info in pkgutil.walk_packages(pkg.__path__, name + "."):
            if info.name.endswith(".migrations.env"):
                continue  # only runs inside Alembic: exercised by open_store below
            importlib.import_module(info.name)
            imported.append(info.name)
    if "checkin.store" in packages:
        from checkin.store import open_store
        with tempfile.TemporaryDirectory() as folder:
            open_store(f"sqlite:///{folder}/layering.sqlite3").dispose()
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    print(json.dumps({"imported": imported, "qt": qt}))
""")


def _probe(packages: list[str], extra_path: Path | None = None) -> dict:
    path = [str(extra_path)] if extra_path else []
    code = f"import sys; sys.path[:0] = {path!r}\n" + _PROBE
    done = subprocess.run([sys.executable, "-c", code, json.dumps(packages)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_core_and_store_import_no_qt() -> None:
    report = _probe(["checkin.core", "checkin.store"])
    # The walk really covered the packages (a broken walk would pass vacuously).
    for module in ("checkin.core.programme.event_file", "checkin.core.demo", "checkin.core.text",
                   "checkin.store.models", "checkin.store.migrate"):
        assert module in report["imported"]
    assert report["qt"] == [], f"Qt imported by core/store: {report['qt']}"


def test_probe_notices_a_qt_import(tmp_path: Path) -> None:
    """The same probe, on a package that imports Qt, reports it: the check above can fail."""
    pkg = tmp_path / "leaky"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "widget.py").write_text("import PySide6.QtCore\n")
    report = _probe(["leaky"], extra_path=tmp_path)
    assert "leaky.widget" in report["imported"]
    assert any(m.startswith(QT_PREFIXES) for m in report["qt"])


# Opens the desk window on a store holding an event, then reports which heavy modules the
# start needed. The counts are read in the background afterwards and may load the ORM then.
_START = textwrap.dedent("""
    import sqlite3, sys, time
    from datetime import datetime, timezone
    from PySide6.QtWidgets import QApplication
    from checkin.app import create_window
    from checkin.core.admission.routing import route
    window = create_window(sys.argv[1], language="fr")
    desk = window.desk_view()
    assert desk is not None
    deadline = time.monotonic() + 10
    while desk.door_choice.count() < 2 and time.monotonic() < deadline:  # read in the background
        QApplication.processEvents()
    assert desk.door_choice.count() > 1
    code = sqlite3.connect(sys.argv[1].removeprefix("sqlite:///")).execute(
        "SELECT code FROM attendee WHERE status = 'registered' LIMIT 1").fetchone()[0]
    service = desk.controller.backend.service("volunteer")
    assert service.scan(code).result == "admitted"  # the first scan and its route too
    assert route(window._engine, desk.event_id, code, datetime.now(timezone.utc)).found
    print(" ".join(m for m in ("sqlmodel", "pydantic", "sqlalchemy.orm") if m in sys.modules))
""")


def test_the_desk_window_opens_before_the_orm_is_loaded(sqlite_engine, sqlite_url) -> None:
    """Cold start (issue 10): SQLModel, pydantic and the ORM cost a desk about 0.35 s at start;
    the window, a scan and its route run on plain SQL and leave them to a background read."""
    from checkin.core.demo import load_demo

    load_demo(sqlite_engine, 5)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _START, sqlite_url], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1:] in ([], [""]), done.stdout
