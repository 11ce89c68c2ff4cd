"""Ctrl-C and `kill` in the terminal that started the desk close its window as Quit does.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop
sits in C++: without help, Ctrl-C waits for the next Python callback (the scanner's key
filter, say), raises KeyboardInterrupt in it, Qt prints the traceback and the window stays.
So the handlers here never raise: they ask for the window to close once the loop is back in
control. To wake the loop at once, Python's C-level handler writes to a socket that a
QSocketNotifier watches (`signal.set_wakeup_fd`); on Windows a slow timer gives Python
control instead (qutebrowser's `SignalHandler` does the same). A second Ctrl-C, while the
first is still being handled, ends the process the operating system's way.
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

# The exit status for each signal: Ctrl-C is an interruption (130, as the command line's
# KeyboardInterrupt); SIGTERM is a request to stop (a service manager's), done cleanly: 0.
QUIT_SIGNALS: dict[signal.Signals, int] = {signal.SIGINT: 130, signal.SIGTERM: 0}
_WINDOWS_TICK_MS = 250


class TerminalSignals(QObject):
    """While installed, SIGINT and SIGTERM call `close` (the window's close path), then end
    the event loop; `caught` says which signal did, `exit_status` what `main` returns."""

    def __init__(self, close: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._close = close
        self.caught: signal.Signals | None = None
        self._previous: dict[signal.Signals, object] = {}
        self._previous_fd: int | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None
        self._tick: QTimer | None = None

    def install(self) -> None:
        if os.name == "nt":
            self._tick = QTimer(self)
            self._tick.timeout.connect(lambda: None)  # Python gets control: handlers run
            self._tick.start(_WINDOWS_TICK_MS)
        else:
            reader, writer = socket.socketpair()
            reader.setblocking(False)
            writer.setblocking(False)
            self._wake = (reader, writer)
            self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
            self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)
        for sig in QUIT_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._on_signal)

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
        self._previous.clear()
        if self._tick is not None:
            self._tick.stop()
            self._tick = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._wake is not None:
            signal.set_wakeup_fd(self._previous_fd if self._previous_fd is not None else -1)
            for end in self._wake:
                end.close()
            self._wake = None

    def exit_status(self, loop_status: int) -> int:
        """What the desk's `main` returns: the signal's status when one ended the loop (the
        window's own close may have asked the loop for 0 in between)."""
        return loop_status if self.caught is None else QUIT_SIGNALS[self.caught]

    # ---- in the signal handler: nothing that can raise, nothing that touches widgets ----
    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.caught is not None:
            return
        self.caught = signal.Signals(signum)
        signal.signal(signum, signal.SIG_DFL)  # a second Ctrl-C is not ignored
        QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        """Back in the event loop: the window's close path, as its Quit menu runs it."""
        try:
            self._close()
        finally:
            app = QCoreApplication.instance()
            if app is not None and self.caught is not None:
                app.exit(QUIT_SIGNALS[self.caught])

    def _drain(self) -> None:
        """Empty the wakeup socket; Python ran the handler on entering this slot."""
        if self._wake is None:
            return
        try:
            while self._wake[0].recv(512):
                pass
        except OSError:  # BlockingIOError: empty
            pass


@contextmanager
def quit_on_terminal_signals(close: Callable[[], object]) -> Iterator[TerminalSignals]:
    """SIGINT and SIGTERM close the desk while the block runs (around `app.exec()`)."""
    handler = TerminalSignals(close, QCoreApplication.instance())
    handler.install()
    try:
        yield handler
    finally:
        handler.uninstall()
        handler.deleteLater()
