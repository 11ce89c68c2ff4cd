"""`checkin import`: registrants from ticketing exports and spreadsheets.

The file is read, matched and written a batch of rows at a time, all in one transaction: a
bad file, a duplicated code found at its last row or a crash half-way leaves the store
exactly as it was, and a million rows cost a batch of them in memory, not a million. A re-import
of an updated export updates people in place (matched by the platform's id, then email,
then code), adds the new ones and cancels those who disappeared — their scans stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checkin.core.registrants import import_rows as rows_
from checkin.core.registrants.import_context import ImportContext, ImportRefused, ImportReport
from checkin.core.registrants.import_plan import Matcher
from checkin.core.registrants.import_write import ImportWriter
from checkin.core.registrants.mapping_memory import remember_mapping, remembered_mapping
from checkin.core.registrants.presets import FIELDS, PRESET_NAMES, detect_preset, map_columns, preset_by_name
from checkin.core.registrants.qpv import read_answer
from checkin.core.registrants import tabular
from checkin.core.registrants.tabular import Row, Table, TableError, estimated_rows, stream_table
from checkin.store import IMMEDIATE
from checkin.store.bulk import refresh_planner_statistics
from checkin.store.models import Attendee
from checkin.store.queries import journal
from checkin.store.vocabulary import AttendeeStatus, QpvResidence

Progress = Callable[[int, int], None]

# The registrant's text columns a row fills, each refused above the store's own bound (the
# model's max_length): the same on SQLite, which would keep any length, and PostgreSQL,
# which refuses the whole transaction without naming the row.
BOUNDED = ("code", "source_id", "source_order", "first_name", "last_name", "email", "phone",
           "organisation", "job_title", "profession", "city", "postcode", "notes",
           "attention_text")
LISTED_PROBLEMS = 50
# Rows matched and written together: big enough for the store's bulk paths, small enough
# that a million-row file costs a batch of records, not a million of them.
BATCH = 10_000
PREVIEW = 200  # rows read to inspect a file


def column_bounds() -> dict[str, int]:
    columns = Attendee.__table__.c
    return {name: columns[name].type.length for name in BOUNDED}


@dataclass
class Inspection:
    path: Path
    table: Table  # the header and the first PREVIEW rows: the import reads the file again
    preset: str
    mapping: dict[str, str]  # column -> field
    # Registrant rows in the file: counted when it has no more than PREVIEW, else estimated
    # without reading it (see tabular.estimated_rows); the import counts them exactly.
    rows: int = 0

    def preview(self, n: int = 10) -> list[dict[str, Any]]:
        return [dict(zip(self.table.header, cells)) for _, cells in self.table.rows[:n]]

    def stream(self) -> Iterator[Row]:
        """Every row of the file, one at a time, provided it still has the header it had."""
        try:
            header, rows = stream_table(self.path)
        except TableError as exc:
            raise ImportRefused([str(exc)]) from None
        if header != self.table.header:
            raise ImportRefused([f"{self.path.name}: the file changed since it was checked "
                                 "(its header is not the same): check it again"])
        return rows


def parse_map_option(items: list[str]) -> dict[str, str]:
    """--map "Column=field" (repeatable) -> {column: field}; bad fields are refused."""
    out = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or target.strip() not in FIELDS:
            raise ImportRefused([f"--map {item!r}: write \"Column=field\" with a field among "
                                 f"{', '.join(FIELDS)}"])
        out[column.strip()] = target.strip()
    return out


def inspect_file(path: str | Path, preset: str | None = None,
                 mapping: dict[str, str] | None = None) -> Inspection:
    """Read the file and decide which column is what (preset, memory, then --map)."""
    path = Path(path)
    try:
        # The header and the first rows decide: the file is read whole only to import it
        # (a 100 MB file of garbage is refused after its first rows, not after all of it).
        header, rows = stream_table(path)
        table = Table(header, list(islice(rows, PREVIEW)))
        whole = next(rows, None) is None
    except TableError as exc:
        raise ImportRefused([str(exc)]) from None
    if preset and preset not in PRESET_NAMES:
        raise ImportRefused([f"unknown preset {preset!r} (known: {', '.join(PRESET_NAMES)})"])
    chosen = (preset_by_name(preset, table.header) if preset and preset != "generic"
              else None if preset == "generic" else detect_preset(table.header))
    columns = map_columns(table.header, chosen)
    if chosen is None:
        columns.update(remembered_mapping(table.header))
    if mapping:
        unknown = [c for c in mapping if c not in table.header]
        if unknown:
            raise ImportRefused([f"--map: no column {c!r} in {path.name} (columns: "
                                 f"{', '.join(h for h in table.header if h)})" for c in unknown])
        columns.update(mapping)
    columns = {c: f for c, f in columns.items() if f != "ignore"}
    names = {"first_name", "last_name", "full_name"} & set(columns.values())
    if not names:
        raise ImportRefused([
            f"{path.name}: no name column found (header: {', '.join(h for h in table.header if h)}); "
            "use --preset, or --map \"Column=last_name\""])
    if not table.rows:
        raise ImportRefused([f"{path.name}: no registrant rows under the header"])
    count = len(table.rows) if whole else estimated_rows(path, table)
    if count > tabular.MAX_ROWS and path.suffix.lower() in tabular.XLSX_SUFFIXES:
        # A workbook's row numbers are its own (not a guess from line breaks): refused now,
        # not after parsing a million rows (minutes) to reach the limit.
        raise ImportRefused([f"{path.name}: more than {tabular.MAX_ROWS:,} rows under the "
                             f"header (its last row is {count + table.rows[0][0] - 1:,}); "
                             "split the file"])
    return Inspection(path, table, chosen.name if chosen else "generic", columns, count)


def import_registrants(engine: Engine, event_id: int, inspection: Inspection, *,
                       category_map: dict[str, str] | None = None, dry_run: bool = False,
                       allow_cancel: bool = False,
                       progress: Progress | None = None, actor: str = "", desk: str = "") -> ImportReport:
    report = ImportReport(inspection.preset, dict(inspection.mapping), dry_run=dry_run)
    # One transaction from the first read: seat counts and matches cannot change under us,
    # and a failure (or a kill, or a refusal found at the last row) at any point leaves the
    # store as it was. The file goes through a batch of rows at a time.
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn, conn.begin() as tx:
        context = ImportContext.load(conn, event_id, inspection.preset, category_map or {})
        context.cancel_missing = inspection.preset != "generic"
        context.allow_mass_cancel = allow_cancel
        reader = _RecordReader(inspection, context, report)
        matcher = Matcher(conn, context, report, reader.codes)
        writer = ImportWriter(conn, context, report, progress, inspection.rows)
        for records in reader.batches():
            if not reader.problems:  # else the import is refused: the rest is only checked
                writer.write(matcher.plan(records))
        reader.refuse_if_problems()
        writer.finish(matcher.finish())
        if dry_run:
            tx.rollback()
        else:
            journal.write(
                conn, event_id, "import", actor=actor, desk=desk,
                subject=inspection.path.name, details={
                    "preset": report.preset, "rows": report.rows, "added": report.added,
                    "updated": report.updated, "cancelled": report.cancelled,
                    "skipped": len(report.skipped), "enrollments": report.enrollments,
                    "qpv_unclear": sum(report.qpv_unclear.values())})
    if not dry_run and report.added:
        refresh_planner_statistics(engine)
    if inspection.preset == "generic" and not dry_run:
        remember_mapping(inspection.table.header, inspection.mapping)
    return report


class _RecordReader:
    """The file's rows as records, BATCH at a time, and its file-level problems (values over
    their column's bound, a code on two rows), gathered to the last row. Kept across
    batches: the codes seen (a set; a repeated one's first row is looked for again only
    if the file is refused for it) and the counts of the report."""

    def __init__(self, inspection: Inspection, ctx: ImportContext, report: ImportReport):
        self.inspection, self.ctx, self.report = inspection, ctx, report
        # A problem, or (code, row) for a code seen on an earlier row (which one: found later).
        self.problems: list[str | tuple[str, int]] = []
        self.unlisted = 0
        self.codes: set[str] = set()
        self.header = inspection.table.header
        self.by_field: dict[str, list[int]] = {}
        for i, column in enumerate(self.header):
            target = inspection.mapping.get(column)
            if target:
                self.by_field.setdefault(target, []).append(i)
        # The first non-empty column of each field wins; rows are padded to the header's width.
        self.singles = [(t, idxs) for t, idxs in self.by_field.items()
                        if t not in ("choice", "registered_at")]

    def _problem(self, problem: str | tuple[str, int]) -> None:
        if len(self.problems) < LISTED_PROBLEMS:
            self.problems.append(problem)
        else:
            self.unlisted += 1

    def refuse_if_problems(self) -> None:
        if not self.problems:
            return
        first = self._first_rows({p[0] for p in self.problems if isinstance(p, tuple)})
        lines = [p if isinstance(p, str) else f"rows {first[p[0]]} and {p[1]} have the same "
                 f"code {p[0]!r}: one ticket, one person" for p in self.problems]
        raise ImportRefused(lines + ([f"… and {self.unlisted} more"] if self.unlisted else []))

    def _first_rows(self, codes: set[str]) -> dict[str, int]:
        """The first row of each of these codes: the file read again, up to the last of them."""
        first: dict[str, int] = {}
        if not codes:
            return first
        for number, cells in self.inspection.stream():
            read = self._read(number, cells)
            code = read[0]["code"] if read else ""
            if code in codes and code not in first:
                first[code] = number
                if len(first) == len(codes):
                    break
        return first

    def _read(self, number: int, cells: list[Any]) -> tuple[dict[str, Any], dict[str, str], dict[str, str]] | None:
        """The row's record, the file's column each value came from, and the values."""
        values: dict[str, str] = {}
        origin: dict[str, str] = {}
        text, header = rows_.text, self.header
        for target, idxs in self.singles:
            for i in idxs:
                raw = cells[i]
                if raw is None or raw == "":
                    continue
                value = text(raw)
                if value:
                    values[target] = value
                    origin[target] = header[i]
                    break
        rec = _record(values, cells, self.by_field, self.ctx, number)
        return None if rec is None else (rec, origin, values)

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        report, codes = self.report, self.codes
        bounds = column_bounds()
        unclear = report.qpv_unclear
        rows = self.inspection.stream()
        records: list[dict[str, Any]] = []
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                break
            except TableError as exc:
                raise ImportRefused([str(exc)]) from None
            report.rows += 1
            read = self._read(number, cells)
            if read is None:
                report.skipped.append((number, "no name and no email"))
                continue
            rec, origin, values = read
            for problem in _over_bounds(rec, origin, bounds):
                self._problem(problem)
            rec["qpv"] = _qpv(values.get("qpv", ""), unclear)
            code = rec["code"]
            if code:
                if code in codes:
                    self._problem((code, number))
                codes.add(code)
            records.append(rec)
            if len(records) >= BATCH:
                yield records
                records = []
        if records:
            yield records


def _over_bounds(rec: dict[str, Any], origin: dict[str, str], bounds: dict[str, int]) -> list[str]:
    """One line per value longer than its column in the store, naming the file's column."""
    out = []
    for name, bound in bounds.items():
        value = rec[name]
        if len(value) > bound:
            given = (name, "full_name") if name in ("first_name", "last_name") else (name,)
            column = next((origin[k] for k in (*given, f"buyer_{name}") if k in origin), name)
            out.append(f"row {rec['row']}, {column!r}: {len(value):,} characters, more than the "
                       f"{bound} the store keeps for {name.replace('_', ' ')}")
    return out


def _qpv(value: str, unclear: dict[str, int]) -> str:
    """"yes" or "no"; "" when the row says nothing readable (an empty cell, or an answer
    counted as not understood): "" never overwrites what the store knows."""
    answer = read_answer(value)
    if answer is None:
        unclear[value] = unclear.get(value, 0) + 1
        return ""
    return "" if answer == QpvResidence.UNKNOWN else answer


def _record(values: dict[str, str], cells: list[Any], by_field: dict[str, list[int]],
            ctx: ImportContext, number: int) -> dict[str, Any] | None:
    first, last = values.get("first_name", ""), values.get("last_name", "")
    if not first and not last and values.get("full_name"):
        first, last = rows_.split_full_name(values["full_name"])
    first = first or values.get("buyer_first_name", "")
    last = last or values.get("buyer_last_name", "")
    email = (values.get("email") or values.get("buyer_email") or "").lower()
    if not (first or last or email):
        return None
    category_text = values.get("category", "")
    category = ctx.category_for(category_text)
    attention_text = values.get("attention_text", "")
    registered = None
    for i in by_field.get("registered_at", []):
        registered = registered or ctx.when(cells[i] if i < len(cells) else None)
    choices = [rows_.text(cells[i]) for i in by_field.get("choice", []) if i < len(cells)]
    return {
        "row": number, "code": values.get("code", ""),
        "source_id": values.get("source_id", ""), "source_order": values.get("source_order", ""),
        "first_name": first, "last_name": last, "email": email, "phone": values.get("phone", ""),
        "organisation": values.get("organisation", ""), "job_title": values.get("job_title", ""),
        "profession": values.get("profession", ""),
        "category_id": ctx.category_ids.get(category) if category else None,
        # A row without a ticket type gets the default category if new, and keeps its own
        # if known: a re-import of a plain list (to add QPV answers) must not re-categorise.
        "category_given": bool(category_text),
        "city": values.get("city", ""), "postcode": values.get("postcode", ""),
        "notes": values.get("notes", ""),
        "attention": rows_.truthy(values.get("attention")) or bool(attention_text),
        "attention_text": attention_text,
        "consent": rows_.truthy(values.get("consent")),
        "status": AttendeeStatus.CANCELLED if rows_.is_cancelled(values.get("status", ""))
        else AttendeeStatus.REGISTERED,
        "registered_at": registered, "choices": [c for c in choices if c],
        "product": category_text,  # a product may name a session (pretix)
    }

