"""Driving `checkin` as its users do: in process for exit codes and output, and as a real
process fed a scan stream then killed, for what its printed answers promise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterable

import pytest

from checkin.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`checkin ARGV…` in this process: (exit code, what it printed, what it complained)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def kill_scan_stream(db: str, codes: Iterable[str], answers: int) -> list[list[str]]:
    """Feed `codes` to `checkin --db DB scan -`, read its first `answers` lines, then SIGKILL
    it mid-stream: the answers it printed, split into words (an admission says "Welcome!",
    then the code), in English whatever the machine's language.

    Every code is written before the kill, more than are read, so the kill lands while the
    process still has scans to make, as when a desk's machine loses power.
    """
    proc = subprocess.Popen([sys.executable, "-m", "checkin", "--db", db, "scan", "-",
                             "--desk", "d1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1",
                                            "CHECKIN_LANG": "en"})
    assert proc.stdin and proc.stdout
    printed: list[list[str]] = []
    for code in codes:
        proc.stdin.write(code + "\n")
        proc.stdin.flush()
        if len(printed) < answers:
            printed.append(proc.stdout.readline().split())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    return printed
