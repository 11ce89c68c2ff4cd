"""A real print queue for the badge tests: CUPS with cups-pdf behind it, which writes each
job as a PDF in the submitting user's folder (`Out` in /etc/cups/cups-pdf.conf, ~/PDF by
default). `.ci/setup --test` installs it and adds the queue "checkin-pdf".

Without such a queue the tests skip on a developer's machine and fail in CI: a printing test
that passes because there is no printer proves nothing."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

CONF = Path("/etc/cups/cups-pdf.conf")


def pdf_queue() -> tuple[str, Path]:
    """(queue name, folder its PDFs land in), or skip / fail."""
    listing = ""
    if shutil.which("lpstat"):
        listing = subprocess.run(["lpstat", "-v"], capture_output=True, text=True,
                                 timeout=20).stdout
    match = re.search(r"^device for (\S+): cups-pdf:", listing, re.M)
    if match is None:
        message = "no CUPS PDF queue here (bash .ci/setup --test adds one)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    _wait_for_the_queue_to_empty()  # an earlier test's badge must not pass for this one's
    return match.group(1), _out_dir()


def _wait_for_the_queue_to_empty(timeout: float = 60.0) -> None:
    stop = time.time() + timeout
    while time.time() < stop:
        if not subprocess.run(["lpstat", "-o"], capture_output=True, text=True).stdout.strip():
            time.sleep(0.5)  # cups-pdf writes the file as the job ends: let it land
            return
        time.sleep(0.2)


def _out_dir() -> Path:
    out = "${HOME}/PDF"
    if CONF.exists():
        for line in CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("Out "):
                out = line[4:].strip()
    return Path(out.replace("${HOME}", str(Path.home())).replace("${USER}", getpass.getuser()))


def new_pdfs(folder: Path, since: float) -> list[Path]:
    return sorted((p for p in folder.glob("*.pdf") if p.stat().st_mtime >= since),
                  key=lambda p: p.stat().st_mtime)


def wait_for_pdf(folder: Path, since: float, timeout: float = 60.0) -> Path:
    """The first PDF the queue wrote since `since`, once cups-pdf has finished it."""
    stop = time.time() + timeout
    while time.time() < stop:
        for path in new_pdfs(folder, since):
            done = subprocess.run(["lpstat", "-o"], capture_output=True, text=True).stdout
            if not done.strip() and path.stat().st_size > 0:
                return path
        time.sleep(0.2)
    raise AssertionError(f"the CUPS PDF queue wrote nothing in {folder} within {timeout:.0f} s")
