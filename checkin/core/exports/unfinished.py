"""Files still being written, so that a killed export leaves nothing hidden behind.

An export is written to a hidden `.NAME.….part` beside its destination, then renamed
(checkin.core.exports.files.atomic_output). Killed in between (kill -9, a crash, a laptop
shut), it left the .part file: 48 MB of emails and phones nobody knew were there. So while
a .part exists, a small record in the user's data folder names it, under a lock its writer
holds; the next start of checkin (window or command line) deletes each .part whose writer
is gone — the lock is free — and its record. A lock, not a process id: ids are reused, a
lock dies with its process on every system.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PART = ".part"


def records_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("checkin", appauthor=False) / "unfinished"


@contextmanager
def recorded(part: Path) -> Iterator[None]:
    """While the block runs, `part` is recorded as being written by this process."""
    folder = records_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / f"{uuid.uuid4().hex}.txt").open("w+", encoding="utf-8")
    except OSError:  # no data folder (read-only home): the export goes on unrecorded
        yield
        return
    record = Path(handle.name)
    try:
        _lock(handle)
        handle.write(os.fspath(part.resolve()))
        handle.flush()
        yield
    finally:
        handle.close()  # releases the lock
        record.unlink(missing_ok=True)


def sweep() -> list[Path]:
    """Delete the .part files of writers that are gone; returns those deleted."""
    folder = records_folder()
    if not folder.is_dir():
        return []
    removed = []
    for record in folder.glob("*.txt"):
        try:
            handle = record.open("r+", encoding="utf-8")
        except OSError:
            continue
        with handle:
            if not _try_lock(handle):
                continue  # its writer is still at work
            part = Path(handle.read().strip())
        # Only what `recorded` names: a hidden .part file, never anything else.
        if part.name.startswith(".") and part.name.endswith(PART):
            try:
                part.unlink()
                removed.append(part)
            except FileNotFoundError:
                pass
            except OSError:
                continue  # kept, with its record, for the next start
        record.unlink(missing_ok=True)
    return removed


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        handle.seek(0)
        return True
else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
