"""`checkin import`: registrants from ticketing exports and spreadsheets.

Everything is decided before anything is written, and written in one transaction: a bad
file, a duplicated code or a crash half-way leaves the store exactly as it was. A re-import
of an updated export updates people in place (matched by the platform's id, then email,
then code), adds the new ones and cancels those who disappeared — their scans stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checkin.core.registrants import import_rows as rows_
from checkin.core.registrants.import_context import ImportContext, ImportRefused, ImportReport
from checkin.core.registrants.import_plan import plan_import, write_import
from checkin.core.registrants.mapping_memory import remember_mapping, remembered_mapping
from checkin.core.registrants.presets import FIELDS, PRESET_NAMES, detect_preset, map_columns, preset_by_name
from checkin.core.registrants.qpv import read_answer
from checkin.core.registrants.tabular import Row, Table, TableError, read_table, stream_table
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


def column_bounds() -> dict[str, int]:
    columns = Attendee.__table__.c
    return {name: columns[name].type.length for name in BOUNDED}


@dataclass
class Inspection:
    path: Path
    table: Table  # the header and the first rows: the file is read again, row by row, to import
    preset: str
    mapping: dict[str, str]  # column -> field
    rows: int = 0  # registrant rows in the whole file

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
        # The header decides whether the file is worth reading whole: a 100 MB file of
        # garbage is refused after its first rows, not after parsing all of it.
        table = read_table(path, limit=200)
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
    try:
        # The whole file once, row by row, for its limits and its size; nothing is kept.
        count = sum(1 for _ in stream_table(path)[1])
    except TableError as exc:
        raise ImportRefused([str(exc)]) from None
    return Inspection(path, table, chosen.name if chosen else "generic", columns, count)


def import_registrants(engine: Engine, event_id: int, inspection: Inspection, *,
                       category_map: dict[str, str] | None = None, dry_run: bool = False,
                       allow_cancel: bool = False,
                       progress: Progress | None = None, actor: str = "", desk: str = "") -> ImportReport:
    report = ImportReport(inspection.preset, dict(inspection.mapping), dry_run=dry_run)
    # One transaction from the first read: seat counts and matches cannot change under us,
    # and a failure (or a kill) at any point leaves the store as it was.
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn, conn.begin() as tx:
        context = ImportContext.load(conn, event_id, inspection.preset, category_map or {})
        context.cancel_missing = inspection.preset != "generic"
        context.allow_mass_cancel = allow_cancel
        records = _records(inspection, context, report)
        plan = plan_import(records, context, report)
        if progress:
            progress(0, len(records))
        write_import(conn, plan, context, report, progress)
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


def _records(inspection: Inspection, ctx: ImportContext, report: ImportReport) -> list[dict[str, Any]]:
    """Every row as a record, with file-level problems gathered before anything is written."""
    problems: list[str] = []
    unlisted = 0
    bounds = column_bounds()
    records: list[dict[str, Any]] = []
    first_row_of_code: dict[str, int] = {}
    by_field: dict[str, list[int]] = {}
    for i, column in enumerate(inspection.table.header):
        target = inspection.mapping.get(column)
        if target:
            by_field.setdefault(target, []).append(i)
    # The first non-empty column of each field wins; rows are padded to the header's width.
    singles = [(t, idxs) for t, idxs in by_field.items() if t not in ("choice", "registered_at")]
    text = rows_.text
    unclear: dict[str, int] = {}
    header = inspection.table.header
    rows = inspection.stream()
    while True:
        try:
            number, cells = next(rows)
        except StopIteration:
            break
        except TableError as exc:
            raise ImportRefused([str(exc)]) from None
        report.rows += 1
        values: dict[str, str] = {}
        origin: dict[str, str] = {}
        for target, idxs in singles:
            for i in idxs:
                raw = cells[i]
                if raw is None or raw == "":
                    continue
                value = text(raw)
                if value:
                    values[target] = value
                    origin[target] = header[i]
                    break
        rec = _record(values, cells, by_field, ctx, number)
        if rec is not None:
            for problem in _over_bounds(rec, origin, bounds):
                if len(problems) < LISTED_PROBLEMS:
                    problems.append(problem)
                else:
                    unlisted += 1
        if rec is not None:
            rec["qpv"] = _qpv(values.get("qpv", ""), unclear)
        if rec is None:
            report.skipped.append((number, "no name and no email"))
            continue
        code = rec.get("code")
        if code:
            if code in first_row_of_code:
                if len(problems) < LISTED_PROBLEMS:
                    problems.append(f"rows {first_row_of_code[code]} and {number} have the same "
                                    f"code {code!r}: one ticket, one person")
                else:
                    unlisted += 1
            first_row_of_code.setdefault(code, number)
        records.append(rec)
    report.qpv_unclear = unclear
    if problems:
        raise ImportRefused(problems + ([f"… and {unlisted} more"] if unlisted else []))
    return records


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

