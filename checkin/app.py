"""Composition root: QApplication, translators, store and main window."""

from __future__ import annotations

import gc
import sys

# The desk's non-Qt modules are imported before PySide6: once loaded, PySide6 reads the
# source of every module imported after it (looking for its `__feature__` switches), which
# cost a desk's start about 0.1 s on a 2-core machine (`checkin bench`, cold start).
# tests/test_structure.py keeps this order.
from checkin.core.admission import routing, scan  # noqa: F401
from checkin.core.monitoring import arrivals, occupancy, overview  # noqa: F401
from checkin.core.programme import seating  # noqa: F401
from checkin.core import roles  # noqa: F401
from checkin.core.search import lookup  # noqa: F401
from checkin.core.messages import pick_language
from checkin.store import open_store

from PySide6.QtCore import (
    QCoreApplication, QLibraryInfo, QLocale, QThreadPool, QTimer, QTranslator,
)
from PySide6.QtWidgets import QApplication, QMainWindow

from checkin.resources import resource_path
from checkin.ui.terminal_signals import quit_on_terminal_signals

FREEZE_AGAIN_MS = 5000
_translators: list[QTranslator] = []  # kept alive as long as the application


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("checkin")
        app.setOrganizationName("checkin")
        app.setApplicationDisplayName("checkin")
    return app  # type: ignore[return-value]


def ui_language(requested: str | None = None) -> str:
    """"fr" or "en": the desk's choice, else $CHECKIN_LANG, else the system's language
    (the one rule, shared with the command line: checkin.core.messages.pick_language)."""
    return pick_language(requested, QLocale.system().name())


def install_translators(app: QApplication, language: str) -> None:
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    # Qt's own widgets (the file dialog's sizes and dates, spin boxes) follow the desk's
    # language, not the machine's: a French desk on an English Windows writes "12,5 Kio".
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France) if language == "fr"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if language == "en":
        return
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"checkin_{language}.qm"))):
        _translators.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qt)
    for t in _translators:
        app.installTranslator(t)


_windows: list[QMainWindow] = []  # the live main window, kept referenced across rebuilds


def create_window(db_url: str, language: str | None = None) -> QMainWindow:
    """The main window on a store, without starting the event loop (for tests, scripts)."""
    from checkin.ui.desk_settings import DeskSettings, open_settings

    desk = DeskSettings(open_settings())
    engine, shared = open_desk_store(db_url, desk.desk)
    return _open_window(engine, desk, language, shared=shared)


def open_desk_store(db_url: str | None, desk_name: str):
    """The store the window opens on, and the shared event's copy when it works from one.

    A shared server that does not answer (the venue's Wi-Fi is down as the laptop starts)
    leaves a desk that has a copy of its event working from it, for the desk only: scans
    are queued for the server, which takes them once it answers."""
    from checkin.store import StoreUnavailable, resolve_url
    from checkin.store.replica import copy_to_start_from, open_replica

    try:
        return open_store(db_url), None
    except StoreUnavailable:
        url = resolve_url(db_url)
        shared = copy_to_start_from(url, desk_name) if url.startswith("postgresql") else None
        if shared is None:
            raise
        return open_replica(shared.path), shared


def _open_window(engine, desk, language: str | None = None, shared=None) -> QMainWindow:
    """Translators for the desk's language, its text size, then the window."""
    from checkin.ui.main_window import MainWindow
    from checkin.ui.settings_dialog import apply_text_scale

    app = ensure_app()
    install_translators(app, ui_language(language or desk.language_override))
    apply_text_scale(app, desk.text_scale)
    window = MainWindow(engine, desk, shared=shared)
    window.language_changed.connect(lambda: replace_window(window))
    _windows[:] = [window]
    # What is built by now (Qt, the ORM, the window: some 100 000 objects) lives as long as
    # the process: out of the collector's sight, its full passes stop costing the window
    # 40 ms, mid-answer, every few hundred scans. Once more when the desk's first reads are
    # in (the counts, the doors, the ORM's caches).
    gc.freeze()
    QTimer.singleShot(FREEZE_AGAIN_MS, gc.freeze)
    return window


def replace_window(old: QMainWindow) -> QMainWindow:
    """A new language: Qt widgets built in code keep the words they were built with, so
    the window is built again in the new language, where the old one stood."""
    new = _open_window(old._engine, old._desk,  # type: ignore[attr-defined]
                       shared=old._shared)  # type: ignore[attr-defined]
    new.setGeometry(old.geometry())
    if old.isVisible():
        new.show()
    old.close()
    old.deleteLater()
    return new


def close_live_window() -> None:
    """What the Quit menu does, on whichever window is live now (a language change
    replaces it)."""
    for window in list(_windows):
        window.close()


def store_refusal(exc: Exception) -> str:
    """Why the window cannot open its store: a first line in the desk's language, then
    the store's own line (for whoever comes to help: it names the file and the command)."""
    from checkin.store import SchemaTooNew, StoreCorrupt, StoreUnavailable

    if isinstance(exc, StoreCorrupt):
        lead = QCoreApplication.translate(
            "Startup", "This event file is damaged, or is not a checkin file: nothing was "
            "written to it. Call a coordinator: the message below says how to rescue it.")
    elif isinstance(exc, SchemaTooNew):
        lead = QCoreApplication.translate(
            "Startup", "This event file was made by a newer checkin: install that version.")
    elif isinstance(exc, StoreUnavailable):
        lead = QCoreApplication.translate(
            "Startup", "The event's file or server cannot be used right now.")
    else:
        lead = QCoreApplication.translate("Startup", "The event's store cannot be used.")
    return f"{lead}\n\n{exc}"


def main(db_url: str | None = None) -> int:
    from checkin.store import StoreError
    from checkin.ui.desk_settings import DeskSettings, open_settings
    from checkin.ui.dialogs import ConfirmDialog

    app = ensure_app()
    desk = DeskSettings(open_settings())
    install_translators(app, ui_language(desk.language_override))
    try:
        engine, shared = open_desk_store(db_url, desk.desk)
    except StoreError as exc:
        ConfirmDialog.error(None, "checkin", store_refusal(exc))
        raise
    _open_window(engine, desk, shared=shared).show()
    with quit_on_terminal_signals(close_live_window) as signals:  # Ctrl-C, kill: as Quit
        code = signals.exit_status(app.exec())
    QThreadPool.globalInstance().waitForDone(5000)  # a read under way ends before Python does
    return code
