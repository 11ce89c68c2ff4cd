"""Writing export tables to CSV and XLSX files, safely.

Three promises, whatever the data:
- a cell never becomes a formula: registrants type their own names and organisations on
  the ticketing site, so `=HYPERLINK(…)`, `+cmd` or `@SUM(…)` must open as plain text in
  Excel or LibreOffice (OWASP "CSV injection");
- a file is either complete or absent: rows go to a temporary file beside the target,
  renamed over it only when everything was written (a failed export leaves nothing);
- rows are streamed: a table is an iterator, never a list of 100 000 objects.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from checkin.core.exports.unfinished import recorded

Progress = Callable[[int, int], None]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx",)
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
PROGRESS_EVERY = 2000
_WIDTH_SAMPLE = 200  # rows read ahead to size the XLSX columns


class ExportError(Exception):
    """The export cannot be made (bad path, bad option): nothing was written."""


@dataclass
class Table:
    """One sheet of an export: a title, a header and rows (an iterator, read once).
    `total` is the expected row count, for progress; cells are str, int, float, None or
    naive local datetimes (already in the event's time zone)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    total: int = 0
    widths: dict[int, float] = field(default_factory=dict)  # column index -> width, optional


def inert_text(value: str) -> str:
    """A string as it must appear in a CSV cell: an apostrophe before anything a
    spreadsheet would run (the apostrophe is Excel's own "this is text" mark)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def guess_format(path: Path, given: str | None = None) -> str:
    """csv or xlsx, from --format or else the file's suffix."""
    if given:
        if given not in ("csv", "xlsx", "pdf"):
            raise ExportError(f"unknown format {given!r} (csv, xlsx or pdf)")
        return given
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix == ".pdf":
        return "pdf"
    raise ExportError(f"cannot tell the format of {path.name}: name it .csv, .xlsx or .pdf, "
                      "or say --format")


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over it when the block ends without error.

    Beside, not in /tmp: the rename must stay on one file system to be atomic. Recorded
    while it exists (checkin.core.exports.unfinished), so a killed export leaves nothing."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with recorded(tmp):  # killed before the rename, the next start deletes it
            yield tmp
            os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return inert_text(value) if value else value
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def _count(rows: Iterable[Sequence[Any]], total: int, progress: Progress | None,
           start: int = 0) -> Iterator[Sequence[Any]]:
    """The rows, reporting progress every few thousand."""
    done = start
    for row in rows:
        yield row
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, max(total, done))


def write_csv(path: Path, table: Table, *, delimiter: str = ",",
              progress: Progress | None = None) -> int:
    """UTF-8 with a BOM (so Excel reads accents right); `;` for French Excel. Returns
    the number of data rows written."""
    if len(delimiter) != 1 or delimiter in "\"\r\n'":
        raise ExportError(f"a delimiter must be one character, not {delimiter!r}")
    written = 0
    with atomic_output(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=delimiter)
        out.writerow([_csv_cell(h) for h in table.header])
        for row in _count(table.rows, table.total, progress):
            out.writerow([_csv_cell(v) for v in row])
            written += 1
    if progress:
        progress(written, written)
    return written


def write_xlsx(path: Path, tables: Sequence[Table], *, progress: Progress | None = None) -> int:
    """One sheet per table: frozen bold header, auto filter, columns sized on the first
    rows; rows stream into the file (checkin.core.exports.xlsx_writer). Returns the data rows."""
    from checkin.core.exports.xlsx_writer import XlsxWriter

    total = sum(t.total for t in tables)
    written = 0
    with atomic_output(path) as tmp:
        book = XlsxWriter(tmp)
        for table in tables:
            rows = iter(table.rows)
            ahead = [row for _, row in zip(range(_WIDTH_SAMPLE), rows)]
            written += book.add_sheet(_sheet_title(table.title), table.header,
                                      _count(_chain(ahead, rows), total, progress, written),
                                      _widths(table, ahead))
        book.close()
    if progress:
        progress(written, written)
    return written


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _widths(table: Table, sample: list[Sequence[Any]]) -> dict[int, float]:
    widths: dict[int, float] = {}
    for index, name in enumerate(table.header):
        longest = max([len(str(name))] + [len(_shown(r[index])) for r in sample if index < len(r)])
        widths[index] = table.widths.get(index, float(min(max(longest + 2, 8), 60)))
    return widths


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "2026-12-10 08:30:00"
    return str(value)


def _sheet_title(title: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and more than 31 characters."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return clean[:31]
