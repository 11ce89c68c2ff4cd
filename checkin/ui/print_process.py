"""The desk's side of the printing process (print_worker): started at the first badge (or
ahead of it, `warm_up`), fed one badge at a time, restarted if it dies. Its answers come
back through Qt's event loop: nothing here waits on the printer or the process."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment

STOP_WAIT_MS = 3000  # at closing, for the badge in hand to come out


def worker_command() -> list[str]:
    return [sys.executable, "-m", "checkin.ui.print_worker"]


class PrintProcess(QObject):
    def __init__(self, store_url: str, parent: QObject | None = None,
                 environment: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self._url = store_url
        self._extra_env = environment or {}  # tests: another CUPS server, for one
        self._process: QProcess | None = None
        self._pending: dict[int, tuple[Callable[[str], None], Callable[[str], None]]] = {}
        self._next_id = 0
        self._buffer = b""

    def is_busy(self) -> bool:
        return bool(self._pending)

    def warm_up(self) -> None:
        """Start the process now (Python, Qt and the badge code take a second), so that
        the first badge of the day does not wait for it."""
        self._ensure_started()

    def submit(self, attendee_id: int, fields: dict[str, str], done: Callable[[str], None],
               failed: Callable[[str], None]) -> None:
        process = self._ensure_started()
        self._next_id += 1
        self._pending[self._next_id] = (done, failed)
        job = {"id": self._next_id, "attendee_id": attendee_id, "fields": fields}
        process.write((json.dumps(job) + "\n").encode())

    def shutdown(self) -> None:
        """The window closes: the badge in hand may finish, then the process ends."""
        process, self._process = self._process, None
        if process is None:
            return
        process.closeWriteChannel()
        if not process.waitForFinished(STOP_WAIT_MS):
            process.kill()
            process.waitForFinished(STOP_WAIT_MS)

    # ---- the process ------------------------------------------------------------------
    def _ensure_started(self) -> QProcess:
        if self._process is not None:
            return self._process
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        if sys.platform.startswith("linux"):
            env.insert("QT_QPA_PLATFORM", "offscreen")  # no display needed to print
        for key, value in self._extra_env.items():
            env.insert(key, value)
        # The checkin the desk runs, wherever it was started from (a checkout, a venv).
        here = str(Path(__file__).resolve().parents[2])
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (here, env.value("PYTHONPATH")) if p))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(lambda *_: self._on_stopped(process))
        process.errorOccurred.connect(lambda _error: self._on_stopped(process))
        command = worker_command()
        process.start(command[0], [*command[1:], self._url])
        self._process = process
        return process

    def _on_output(self) -> None:
        process = self._process
        if process is None:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            reply = json.loads(line)
            done, failed = self._pending.pop(int(reply["id"]), (None, None))
            if done is None or failed is None:
                continue
            if "error" in reply:
                failed(str(reply["error"]))
            else:
                done(str(reply["printer"]))

    def _on_stopped(self, process: QProcess) -> None:
        """The process died (or could not start): the badges it had are not printed and
        say so; the next badge starts a new process."""
        if process is not self._process:
            return  # shut down on purpose, or an old one
        try:
            why = process.readAllStandardError().data().decode(errors="replace").strip()
        except RuntimeError:  # the window, and this process object, are being destroyed
            return
        self._process, self._buffer = None, b""
        process.deleteLater()
        pending, self._pending = self._pending, {}
        for _done, failed in pending.values():
            failed(self.tr("the printing process stopped") + (f" ({why.splitlines()[-1]})"
                                                               if why else ""))
