"""Reading spreadsheets as people really save them: CSV in UTF-8 (with or without BOM) or
Windows-1252, `,` `;` or tab, or an XLSX workbook. Rows keep their number in the file so
that every message can name the row.

Files are read as a stream of rows, never whole: a big export costs the rows being handled,
and a hostile one (a zip bomb, a cell of 800 million characters, three million rows) is
refused in one line as soon as it shows what it is, before it is held in memory.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

# Rows under the header an import reads at most; the next one is refused unread.
MAX_ROWS = 1_000_000
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Excel's own bound for one cell: no spreadsheet an application saved holds a longer one.
CELL_LIMIT = 32_767
# An XLSX is a zip: what it unzips to is bounded, in total and against its compressed size
# (real workbooks deflate 5 to 20 times; a zip bomb, a thousand times).
MAX_XLSX_BYTES = 1 << 30
MAX_RATIO = 100
# The header is looked for in the first lines (a title row or two may sit above it).
HEADER_WITHIN = 200
_SAMPLE_CHARS = 1 << 20  # what the CSV sniffer sees

Row = tuple[int, list[Any]]  # (row number as the user sees it, cells)


class TableError(ValueError):
    pass


@dataclass
class Table:
    header: list[str]
    rows: list[Row]

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        return [(n, dict(zip(self.header, cells))) for n, cells in self.rows]


def read_table(path: str | Path, limit: int | None = None) -> Table:
    """The whole sheet, or its first `limit` records (enough to judge the header before
    reading a big file whole)."""
    header, rows = stream_table(path, limit)
    return Table(header, list(rows))


def stream_table(path: str | Path, limit: int | None = None) -> tuple[list[str], Iterator[Row]]:
    """The header, and the rows under it one at a time (padded to the header's width,
    blank ones left out); the limits are checked as the rows come."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    if path.suffix.lower() in XLSX_SUFFIXES:
        lines = _xlsx_lines(path)
    else:
        lines = _csv_lines(path, str(path))
    return _with_header(lines if limit is None else islice(lines, limit), str(path))


def _encoding(path: Path, name: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; read in chunks, never whole."""
    with path.open("rb") as fh:
        if fh.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        fh.seek(0)
        utf8, cp1252, nul = codecs.getincrementaldecoder("utf-8")(), True, False
        utf8_ok = True
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            nul = nul or b"\x00" in chunk
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1252:
                try:
                    chunk.decode("cp1252")
                except UnicodeDecodeError:
                    cp1252 = False
        if utf8_ok:
            try:
                utf8.decode(b"", final=True)
                return "utf-8"
            except UnicodeDecodeError:
                pass
    if nul:
        raise TableError(f"{name}: binary data, not a text spreadsheet")
    if not cp1252:
        raise TableError(f"{name}: the text is neither UTF-8 nor Windows-1252")
    return "cp1252"


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


def _csv_lines(path: Path, name: str) -> Iterator[Row]:
    encoding = _encoding(path, name)
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(_SAMPLE_CHARS)
    if not sample.strip():
        raise TableError(f"{name}: the file is empty")
    return _csv_rows(path, name, encoding, _sniff(sample))


def _csv_rows(path: Path, name: str, encoding: str, dialect: Any) -> Iterator[Row]:
    # Number records, not physical lines: a quoted cell spanning two lines is still one row,
    # and the numbers then match the rows a spreadsheet shows (blank lines included).
    number = 0
    with path.open(encoding=encoding, newline="") as fh:
        try:
            for number, cells in enumerate(csv.reader(fh, dialect), 1):
                yield number, cells
        except csv.Error as exc:  # a cell over csv's own limit, a stray NUL…
            if "field limit" in str(exc):
                raise TableError(f"{name}: row {number + 1}: a cell longer than "
                                 f"{csv.field_size_limit():,} characters (a spreadsheet cell "
                                 f"holds at most {CELL_LIMIT:,})") from None
            raise TableError(f"{name}: row {number + 1}: not readable as CSV ({exc})") from None


def check_zip(path: Path) -> None:
    """Refuse a workbook by what it says it unzips to, before anything is unzipped."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:  # BadZipFile: a CSV saved as .xlsx
        raise TableError(f"{path}: not a readable XLSX workbook ({exc})") from None
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_BYTES:
        raise TableError(f"{path}: unzips to {total / 1e6:,.0f} MB, more than the "
                         f"{MAX_XLSX_BYTES / 1e6:,.0f} MB an import reads")
    for m in members:
        if m.file_size > (1 << 20) and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise TableError(f"{path}: {m.filename} unzips to {m.file_size / 1e6:,.0f} MB from "
                             f"{m.compress_size / 1e3:,.0f} KB (more than {MAX_RATIO} times): "
                             "a zip bomb, not a spreadsheet")


def _xlsx_lines(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(path)
    _size_read_only_sheets_from_their_start()
    try:
        # read_only: the sheet is parsed as a stream of rows, not loaded whole
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as exc:
        raise TableError(f"{path}: not a readable XLSX workbook ({exc})") from None
    return _xlsx_rows(book, path)


def _xlsx_rows(book: Any, path: Path) -> Iterator[Row]:
    try:
        if not book.worksheets:
            raise TableError(f"{path}: the workbook has no sheet")
        # lists, not tuples: short rows get padded later
        for number, cells in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            yield number, list(cells)
    finally:
        book.close()


def _has_content(cells: list[Any]) -> bool:
    try:
        return bool("".join(cells).strip())  # CSV rows: all text, joined at C speed
    except TypeError:  # XLSX rows hold numbers, dates, None
        return any(x not in (None, "") and str(x).strip() for x in cells)


def _longest(cells: list[Any]) -> int:
    try:
        return max(map(len, cells), default=0)  # CSV rows: all text
    except TypeError:
        return max((len(c) for c in cells if isinstance(c, str)), default=0)


def _too_long(name: str, number: int, cells: list[Any], header: list[str] | None) -> TableError:
    col = next(i for i, c in enumerate(cells) if isinstance(c, str) and len(c) > CELL_LIMIT)
    label = header[col] if header and col < len(header) and header[col] else f"column {col + 1}"
    return TableError(f"{name}: row {number}, {label!r}: a cell of {len(cells[col]):,} characters "
                      f"(a spreadsheet cell holds at most {CELL_LIMIT:,})")


def _with_header(lines: Iterator[Row], name: str) -> tuple[list[str], Iterator[Row]]:
    """The header is the first row with at least two filled cells (skips a title row)."""
    def filled(cells: list[Any]) -> int:
        return sum(1 for c in cells if c not in (None, "") and str(c).strip())

    for number, cells in islice(lines, HEADER_WITHIN):  # read no further than the header
        if _longest(cells) > CELL_LIMIT:
            raise _too_long(name, number, cells, None)
        if filled(cells) >= 2:
            header = [" ".join(str(c or "").split()) for c in cells]
            return header, _rows_under(header, number, lines, name)
    raise TableError(f"{name}: no header row found")


def _rows_under(header: list[str], header_row: int, lines: Iterator[Row], name: str) -> Iterator[Row]:
    width, last = len(header), header_row + MAX_ROWS
    for number, cells in lines:
        if number > last:
            raise TableError(f"{name}: more than {MAX_ROWS:,} rows under the header (row "
                             f"{number}); split the file")
        if _longest(cells) > CELL_LIMIT:
            raise _too_long(name, number, cells, header)
        if _has_content(cells):
            yield number, cells + [None] * (width - len(cells)) if len(cells) < width else cells


def estimated_rows(path: str | Path, table: Table) -> int:
    """The rows under the header of a file too big to count before importing it, without
    parsing it (the import counts them exactly): for CSV, its lines after the header's (a
    cell quoted over two lines counts twice, blank lines count); for XLSX, the last row
    its first sheet declares (its dimension), else the number of its last row."""
    path = Path(path)
    above = table.rows[0][0] - 1 if table.rows else 0  # the header's row, and any above it
    try:
        last = _xlsx_last_row(path) if path.suffix.lower() in XLSX_SUFFIXES else _csv_lines_in(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        last = None
    return max(len(table.rows), (last or 0) - above)


def _csv_lines_in(path: Path) -> int:
    lines, tail = 0, b"\n"
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            lines, tail = lines + chunk.count(b"\n"), chunk[-1:]
    return lines + (tail != b"\n")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')


def _xlsx_last_row(path: Path) -> int | None:
    """The first sheet's last row: as its <dimension> declares it, else the number of its
    last <row> element, found by unzipping the sheet without parsing it (a second or two
    for a million rows, against minutes to parse them)."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        first = book.find(f"{_MAIN}sheets/{_MAIN}sheet")
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        if first is None:
            return None
        target = next((r.get("Target", "") for r in rels.iter(f"{_RELS}Relationship")
                       if r.get("Id") == first.get(f"{_DOC_RELS}id")), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        with archive.open(member) as sheet:
            bounds = _declared_bounds(sheet)
        if bounds is not None:
            return bounds[3]
        with archive.open(member) as sheet:
            before, last = b"", b""
            for chunk in iter(lambda: sheet.read(1 << 20), b""):
                before, last = last, chunk
            numbers = _ROW_NUMBER.findall(before[-4096:] + last)
            return int(numbers[-1]) if numbers else None


def _declared_bounds(sheet: IO[bytes]) -> tuple[int, int, int, int] | None:
    """(min column, min row, max column, max row) from the sheet's <dimension>, which comes
    before its rows; None when the rows come first (the sheet does not say)."""
    from openpyxl.utils.cell import range_boundaries

    for _, element in ElementTree.iterparse(sheet, events=("start",)):
        if element.tag == f"{_MAIN}dimension":
            try:
                bounds = range_boundaries(element.get("ref", ""))
            except (TypeError, ValueError):
                return None
            return None if None in bounds else bounds
        if element.tag == f"{_MAIN}sheetData":
            return None
    return None


def _size_read_only_sheets_from_their_start() -> None:
    """openpyxl sizes a read-only sheet by parsing it until the end of its <dimension>
    element or of its <sheetData>: a sheet without a dimension (openpyxl's own write-only
    files, some exporters') is parsed whole before its first row is read — 13 s for
    100 000 rows, on every opening. Read the dimension from the sheet's start instead."""
    try:  # private names of openpyxl 3.1 (pinned in pyproject.toml): without them, its own way
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    except ImportError:
        return
    if not hasattr(ReadOnlyWorksheet, "_get_size") or not hasattr(ReadOnlyWorksheet, "_get_source"):
        return

    def _get_size(self: Any) -> None:
        with self._get_source() as sheet:
            bounds = _declared_bounds(sheet)
        if bounds is not None:
            self._min_column, self._min_row, self._max_column, self._max_row = bounds

    ReadOnlyWorksheet._get_size = _get_size
    _forget_rows_once_parsed()


def _forget_rows_once_parsed() -> None:
    """openpyxl's read-only sheet parser clears each <row> it has read but leaves the empty
    element in its <sheetData>: a million of them held to the end (about 100 MB). Its
    parser reads through this iterparse, which takes each row out once it is read."""
    try:  # private names of openpyxl 3.1 (pinned in pyproject.toml): without them, its own way
        from openpyxl.worksheet import _reader
        from openpyxl.xml.constants import SHEET_MAIN_NS
        from openpyxl.xml.functions import iterparse
    except ImportError:
        return
    if not hasattr(_reader, "iterparse") or getattr(_reader.iterparse, "forgets_rows", False):
        return
    data_tag, row_tag = f"{{{SHEET_MAIN_NS}}}sheetData", f"{{{SHEET_MAIN_NS}}}row"

    def forgetting(source: Any, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        if args or kwargs:  # not the call this was written for (end events only): as it was
            yield from iterparse(source, *args, **kwargs)
            return
        data = None
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == data_tag:
                    data = element
                continue
            yield event, element
            if data is not None and element.tag == row_tag:
                data.remove(element)  # read by now: the parser has moved on

    forgetting.forgets_rows = True  # type: ignore[attr-defined]
    _reader.iterparse = forgetting
