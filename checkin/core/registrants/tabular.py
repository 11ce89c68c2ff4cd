"""Reading spreadsheets as people really save them: CSV in UTF-8 (with or without BOM) or
Windows-1252, `,` `;` or tab, or an XLSX workbook. Rows keep their number in the file so
that every message can name the row."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any


class TableError(ValueError):
    pass


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the user sees it, cells)

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        return [(n, dict(zip(self.header, cells))) for n, cells in self.rows]


def read_table(path: str | Path, limit: int | None = None) -> Table:
    """The whole sheet, or its first `limit` records (enough to judge the header before
    reading a big file whole)."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, limit)
    return _read_csv(path.read_bytes(), str(path), limit)


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise TableError(f"{name}: binary data, not a text spreadsheet")
    return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else _fail(name)


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _fail(name: str) -> str:
    raise TableError(f"{name}: the text is neither UTF-8 nor Windows-1252")


def _sniff(text: str) -> Any:
    """The CSV dialect. A title row above the header ("Programme du 10 décembre") has no
    separator and makes the sniffer give up, so it is left out of the sample; when the
    sniffer still cannot tell, the separator seen most often wins."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    while len(lines) > 1 and not any(d in lines[0] for d in ",;\t"):
        lines.pop(0)
    sample = "\n".join(lines[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        best = max(";\t,", key=sample.count)  # ties: ';' (French Excel), then tab

        class Guessed(csv.excel):
            delimiter = best

        return Guessed


def _read_csv(data: bytes, name: str, limit: int | None = None) -> Table:
    text = decode(data, name)
    if not text.strip():
        raise TableError(f"{name}: the file is empty")
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    # Number records, not physical lines: a quoted cell spanning two lines is still one row,
    # and the numbers then match the rows a spreadsheet shows (blank lines included).
    return _with_header(list(islice(enumerate(reader, 1), limit)), name)


def _read_xlsx(path: Path, limit: int | None = None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as exc:
        # BadZipFile: a CSV or anything else saved with an .xlsx name.
        raise TableError(f"{path}: not a readable XLSX workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        # lists, not tuples: short rows get padded later
        lines = [(i, list(r)) for i, r in islice(enumerate(sheet.iter_rows(values_only=True), 1), limit)]
    finally:
        book.close()
    return _with_header(lines, str(path))


def _has_content(cells: list[Any]) -> bool:
    try:
        return bool("".join(cells).strip())  # CSV rows: all text, joined at C speed
    except TypeError:  # XLSX rows hold numbers, dates, None
        return any(x not in (None, "") and str(x).strip() for x in cells)


def _with_header(lines: list[tuple[int, list[Any]]], name: str) -> Table:
    """The header is the first row with at least two filled cells (skips a title row)."""
    def filled(cells: list[Any]) -> int:
        return sum(1 for c in cells if c not in (None, "") and str(c).strip())

    for i, (_, cells) in enumerate(lines):
        if filled(cells) >= 2:
            header = [" ".join(str(c or "").split()) for c in cells]
            width = len(header)
            rows = [(n, c + [None] * (width - len(c)) if len(c) < width else c)
                    for n, c in lines[i + 1:] if _has_content(c)]
            return Table(header, rows)
    raise TableError(f"{name}: no header row found")
