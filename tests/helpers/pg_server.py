"""A PostgreSQL server of our own, to stop and restart under a running desk.

The shared test server (127.0.0.1:54329) must never be stopped — other runs depend on it —
so outage tests make a throwaway cluster like .ci/setup does (initdb as the postgres
user when running as root), on a free port from 54400, and remove it afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import IN_CI


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port(start: int = 54400) -> int:
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for a throwaway PostgreSQL")


class ThrowawayPostgres:
    """initdb + pg_ctl on a temporary directory; `stop()`/`start()` make the outage."""

    def __init__(self) -> None:
        bin_dir = _pg_bin()
        if bin_dir is None:
            message = "initdb not available: cannot make a throwaway PostgreSQL server"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        self.bin = bin_dir
        self.user = "postgres" if os.geteuid() == 0 else None  # initdb refuses root
        self.dir = Path(tempfile.mkdtemp(prefix="checkin-faults-pg-"))
        if self.user:
            shutil.chown(self.dir, self.user)
        self.data = self.dir / "data"
        self.port = _free_port()
        self._run("initdb", "-D", str(self.data), "-U", "checkin", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.url = f"postgresql+psycopg://checkin@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
                   "-c fsync=off -c max_connections=40")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        """fast: the admin stops it (sessions are cut); immediate: it crashes."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
