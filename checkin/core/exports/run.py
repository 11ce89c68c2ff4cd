"""End-of-day exports: one entry point for the command line, the window and the bench.

`run_export` checks everything it can before touching the file system (kind, format,
language, role), reads the store in one consistent snapshot, writes through a temporary
file, and journals who exported what and when. Exports that hold personal data need the
staff role (Permission.EXPORT); the command line is an admin tool run by staff on the
machine that holds the store, so it exports as staff (see checkin/cli_export.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.exports import queries as q
from checkin.core.exports.files import ExportError, Progress, Table, guess_format, write_csv, write_xlsx
from checkin.core.roles import Permission, Role, allows
from checkin.store.queries import journal
from checkin.store.types import utcnow

# Kind -> (row producer or None, column keys, formats allowed; the first is the default).
TABULAR: dict[str, tuple[Callable[..., tuple[int, Any]], tuple[str, ...]]] = {
    "attendance": (q.attendance_rows, q.ATTENDANCE),
    "sessions": (q.sessions_rows, q.SESSIONS),
    "absent": (q.absent_rows, q.ABSENT),
    "walk-ins": (q.walk_in_rows, q.WALK_INS),
    "scans": (q.scan_rows, q.SCANS),
}
KINDS = (*TABULAR, "stats", "sign-in")
FORMATS = {**{k: ("csv", "xlsx") for k in TABULAR}, "stats": ("xlsx", "pdf"), "sign-in": ("pdf",)}
PERSONAL = frozenset(KINDS) - {"stats"}  # names, contacts or per-person times
ONE_SESSION = ("sessions", "sign-in")  # the kinds a coordinator may ask for one session of
LANGS = ("fr", "en")
SHEET_TITLES = {"attendance": ("Présences", "Attendance"), "sessions": ("Présences par session",
                "Attendance per session"), "absent": ("Absences", "No-shows"),
                "walk-ins": ("Inscriptions sur place", "Walk-ins"), "scans": ("Scans", "Scans")}

# What a save dialog suggests, in the export's language (no accents: file systems, mail).
FILE_STEMS = {"attendance": ("presences", "attendance"),
              "sessions": ("presences-par-session", "attendance-per-session"),
              "absent": ("absences", "no-shows"), "walk-ins": ("inscriptions-sur-place", "walk-ins"),
              "scans": ("journal-des-scans", "scans"), "stats": ("statistiques", "statistics"),
              "sign-in": ("emargement", "sign-in-sheets")}


def default_file_name(kind: str, fmt: str, lang: str, session_key: str | None = None) -> str:
    """"presences.xlsx", "emargement-atelier-charte.pdf": the name to suggest for an export."""
    stem = FILE_STEMS[kind][lang == "en"]
    return f"{stem}-{session_key}.{fmt}" if session_key else f"{stem}.{fmt}"


class ExportRefused(ExportError):
    """The role may not make this export."""


@dataclass
class ExportReport:
    kind: str
    path: str
    format: str
    rows: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def check_request(kind: str, path: Path, fmt: str | None, lang: str, role: Role,
                  one_session: bool = False) -> str:
    """The format to write, or ExportError saying what is wrong; writes nothing."""
    if kind not in KINDS:
        raise ExportError(f"unknown export {kind!r} (one of: {', '.join(KINDS)})")
    if one_session and kind not in ONE_SESSION:
        raise ExportError(f"one session at a time is for the sessions and sign-in exports, "
                          f"not the {kind} export")
    if lang not in LANGS:
        raise ExportError(f"unknown language {lang!r} (fr or en)")
    if kind in PERSONAL and not allows(role, Permission.EXPORT):
        raise ExportRefused(f"the {kind} export holds personal data: staff only")
    chosen = guess_format(path, fmt)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    if chosen not in FORMATS[kind]:
        raise ExportError(f"the {kind} export is written as {' or '.join(FORMATS[kind])}, "
                          f"not {chosen}")
    return chosen


def run_export(engine: Engine, event_id: int, kind: str, path: Path | str, *,
               fmt: str | None = None, lang: str = "fr", delimiter: str = ",",
               role: Role = Role.STAFF, actor: str = "", desk: str = "",
               progress: Progress | None = None, clock: Clock = system_clock,
               session_id: int | None = None) -> ExportReport:
    """`session_id`: that session alone, for the sessions and sign-in exports (a
    coordinator at its door)."""
    path = Path(path)
    chosen = check_request(kind, path, fmt, lang, role, one_session=session_id is not None)
    started = time.perf_counter()
    with _snapshot(engine) as conn:
        ev = q.event_info(conn, event_id)
        if session_id is not None and not q.session_titles(conn, event_id, session_id):
            raise ExportError(f"no session {session_id} in this event")
        rows = _write(conn, ev, kind, chosen, path, lang, delimiter, progress, clock, session_id)
    report = ExportReport(kind, str(path), chosen, rows, round(time.perf_counter() - started, 3))
    with engine.begin() as conn:
        journal.write(conn, event_id, "export", at=utcnow(), actor=actor, desk=desk, subject=kind,
                      details={"format": chosen, "rows": rows, "file": path.name,
                               "path": str(path.resolve()), "lang": lang,
                               "personal": kind in PERSONAL,
                               **({"session_id": session_id} if session_id is not None else {})})
    return report


def _snapshot(engine: Engine) -> Any:
    """One consistent view of the store for the whole export (desks may keep scanning).
    The rows come through named queries, on the driver's cursor (queries.table_rows)."""
    if engine.dialect.name == "postgresql":
        return engine.connect().execution_options(isolation_level="REPEATABLE READ")
    return _begun(engine)


class _begun:
    """SQLite: a read transaction opened by the first statement holds one snapshot."""

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect()

    def __enter__(self) -> sa.Connection:
        self._conn.begin()
        return self._conn

    def __exit__(self, *exc: Any) -> None:
        self._conn.rollback()
        self._conn.close()


def _write(conn: sa.Connection, ev: q.EventInfo, kind: str, fmt: str, path: Path, lang: str,
           delimiter: str, progress: Progress | None, clock: Clock,
           session_id: int | None = None) -> int:
    if kind in TABULAR:
        produce, keys = TABULAR[kind]
        total, rows = (produce(conn, ev, lang, session_id) if kind == "sessions"
                       else produce(conn, ev, lang))
        table = Table(SHEET_TITLES[kind][lang == "en"], q.header(keys, lang), rows, total)
        if fmt == "csv":
            return write_csv(path, table, delimiter=delimiter, progress=progress)
        return write_xlsx(path, [table], progress=progress)
    if kind == "sign-in":
        from checkin.core.exports.sign_in_sheets import write_sign_in_sheets

        return write_sign_in_sheets(conn, ev, path, lang, progress, session_id, now=clock())
    from checkin.core.exports.stats import build_stats

    stats = build_stats(conn, ev, lang)
    if fmt == "pdf":
        from checkin.core.exports.stats_pdf import write_stats_pdf

        write_stats_pdf(stats, ev, path, clock())
        if progress:
            progress(1, 1)
        return stats.figures["registered"]
    write_xlsx(path, stats.as_tables(), progress=progress)
    return stats.figures["registered"]
