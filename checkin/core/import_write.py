"""The importer's second half: match rows to people already in the store, then write."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any, Callable

import sqlalchemy as sa

from checkin.core.search_index import index_new_attendees, reindex_attendees
from checkin.core.text import fold
from checkin.store.bulk import bulk_insert
from checkin.store.models import Attendee, AttendeeStatus, Enrollment, EnrollmentStatus
from checkin.store.types import utcnow

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
UPDATABLE = ("first_name", "last_name", "email", "phone", "organisation", "job_title",
             "profession", "category_id", "city", "postcode", "notes", "attention_text",
             "source_order", "status")
_SPLIT = re.compile(r"[,;|\n]+")
CHUNK = 2000


@dataclass
class Plan:
    new: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    cancel_ids: list[int] = field(default_factory=list)
    reindex_ids: list[int] = field(default_factory=list)
    choices: list[tuple[Any, list[int]]] = field(default_factory=list)  # (id or code, sessions)


def _plan(records: list[dict[str, Any]], ctx: Any, report: Any) -> Plan:
    plan = Plan()
    by_sid = {a["source_id"]: a for a in ctx.existing if a["source"] == ctx.source and a["source_id"]}
    by_email: dict[str, list[dict]] = {}
    for a in ctx.existing:
        if a["email"]:
            by_email.setdefault(a["email"].lower(), []).append(a)
    by_code = {a["code"]: a for a in ctx.existing}
    used: set[int] = set()
    taken_codes = set(by_code)
    unknown_choices: dict[str, int] = {}
    now = utcnow()

    for rec in records:
        match = by_sid.get(rec["source_id"]) if rec["source_id"] else None
        if match is None and rec["email"]:
            found = [a for a in by_email.get(rec["email"], []) if a["id"] not in used]
            match = found[0] if len(found) == 1 else None
        if match is None and rec["code"]:
            match = by_code.get(rec["code"])
        if match is not None and match["id"] in used:
            match = None
        sessions = _sessions_for(rec["choices"], ctx, unknown_choices)
        if rec["product"]:
            sessions += [s for s in ctx.sessions.get(fold(rec["product"]), []) if s not in sessions]
        if match is not None:
            used.add(match["id"])
            changes = _changes(match, rec)
            if rec["code"] and rec["code"] != match["code"]:
                owner = by_code.get(rec["code"])
                if owner is not None and owner["id"] != match["id"]:
                    report.skipped.append((rec["row"], f"code {rec['code']!r} already belongs to "
                                                       f"{owner['first_name']} {owner['last_name']}"))
                    continue
                changes["code"] = rec["code"]
            if not match["source_id"] and rec["source_id"] and match["source"] == ctx.source:
                changes["source_id"] = rec["source_id"]
            if changes:
                plan.updates.append({"id": match["id"], **changes})
                plan.reindex_ids.append(match["id"])
                report.updated += 1
            else:
                report.unchanged += 1
            if sessions:
                plan.choices.append((match["id"], sessions))
            continue
        code = rec["code"] or _new_code(taken_codes)
        if code in by_code:
            owner = by_code[code]
            report.skipped.append((rec["row"], f"code {code!r} already belongs to "
                                               f"{owner['first_name']} {owner['last_name']}"))
            continue
        taken_codes.add(code)
        row = rec  # reused as the insert row: one dict less per registrant
        when = row.pop("registered_at") or now
        for extra in ("row", "choices", "product", "code"):
            row.pop(extra)
        row.update(code=code, event_id=ctx.event_id, source=ctx.source, source_id=rec["source_id"],
                   attention=rec["attention"], consent=rec["consent"], created_at=when,
                   updated_at=when)
        plan.new.append(row)
        report.added += 1
        if sessions:
            plan.choices.append((code, sessions))

    for a in ctx.existing:
        if (a["source"] == ctx.source and a["id"] not in used
                and a["status"] != AttendeeStatus.CANCELLED):
            plan.cancel_ids.append(a["id"])
    report.cancelled = len(plan.cancel_ids)
    for value, count in sorted(unknown_choices.items(), key=lambda kv: -kv[1])[:20]:
        report.warnings.append(f"no session or track named {value!r} ({count} rows): "
                               "no enrollment made for it")
    return plan


def _changes(existing: dict[str, Any], rec: dict[str, Any]) -> dict[str, Any]:
    """What the file says differently; an empty cell never erases what the desk knows."""
    changes: dict[str, Any] = {}
    for name in UPDATABLE:
        value = rec[name]
        if value in ("", None) or value == existing[name]:
            continue
        changes[name] = value
    for flag in ("attention", "consent"):
        if rec[flag] and not existing[flag]:
            changes[flag] = True
    return changes


def _sessions_for(choices: list[str], ctx: Any, unknown: dict[str, int]) -> list[int]:
    found: list[int] = []
    for choice in choices:
        whole = ctx.sessions.get(fold(choice))
        if whole:
            found.extend(whole)
            continue
        parts = [p.strip() for p in _SPLIT.split(choice) if p.strip()]
        matched_any = False
        for part in parts:
            ids = ctx.sessions.get(fold(part))
            if ids:
                found.extend(ids)
                matched_any = True
        if not matched_any:
            unknown[choice] = unknown.get(choice, 0) + 1
    return list(dict.fromkeys(found))


def _new_code(taken: set[str]) -> str:
    while True:
        code = "CK" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if code not in taken:
            return code


def _write(conn: sa.Connection, plan: Plan, ctx: Any, report: Any,
           progress: Callable[[int, int], None] | None) -> None:
    total = len(plan.new) + len(plan.updates)
    done = 0
    for start in range(0, len(plan.new), CHUNK):
        bulk_insert(conn, Attendee, plan.new[start:start + CHUNK])
        done += len(plan.new[start:start + CHUNK])
        if progress:
            progress(done, total)
    table = Attendee.__table__
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for update in plan.updates:
        by_columns.setdefault(tuple(sorted(k for k in update if k != "id")), []).append(update)
    now = utcnow()
    for columns, items in by_columns.items():
        stmt = (sa.update(table).where(table.c.id == sa.bindparam("b_id"))
                .values({c: sa.bindparam(f"b_{c}") for c in (*columns, "updated_at")}))
        conn.execute(stmt, [{"b_id": u["id"], "b_updated_at": now,
                             **{f"b_{c}": u[c] for c in columns}} for u in items])
        done += len(items)
        if progress:
            progress(done, total)
    for start in range(0, len(plan.cancel_ids), CHUNK):
        conn.execute(sa.update(table).where(table.c.id.in_(plan.cancel_ids[start:start + CHUNK]))
                     .values(status=AttendeeStatus.CANCELLED, updated_at=now))
    ids: dict[str, int] = {}
    if plan.new:  # one read of this source's codes beats fifty IN (…) queries
        ids.update(conn.execute(sa.select(table.c.code, table.c.id).where(
            table.c.event_id == ctx.event_id, table.c.source == ctx.source)).all())
    # New people go through the index's bulk path; changed ones are re-read.
    index_new_attendees(conn, ((ids[r["code"]], ctx.event_id, r["first_name"], r["last_name"],
                                r["organisation"], r["email"]) for r in plan.new))
    if plan.reindex_ids:
        reindex_attendees(conn, plan.reindex_ids)
    _enroll(conn, plan, ids, ctx, report)


def _enroll(conn: sa.Connection, plan: Plan, ids: dict[str, int], ctx: Any, report: Any) -> None:
    if not plan.choices:
        return
    attendee_ids = [ref if isinstance(ref, int) else ids[ref] for ref, _ in plan.choices]
    known = [ref for ref, _ in plan.choices if isinstance(ref, int)]  # new people have none yet
    existing: set[tuple[int, int]] = set()
    for start in range(0, len(known), CHUNK):
        existing.update(conn.execute(sa.select(Enrollment.attendee_id, Enrollment.session_id).where(
            Enrollment.attendee_id.in_(known[start:start + CHUNK]))).all())
    rows = []
    now = utcnow()
    for attendee_id, (_, sessions) in zip(attendee_ids, plan.choices):
        for sid in sessions:
            if (attendee_id, sid) in existing:
                continue
            existing.add((attendee_id, sid))
            if ctx.booked[sid] < ctx.seats[sid]:
                ctx.booked[sid] += 1
                status, position = EnrollmentStatus.BOOKED, 0
            else:
                ctx.waiting[sid] += 1
                status, position = EnrollmentStatus.WAITLISTED, ctx.waiting[sid]
                report.waitlisted += 1
            rows.append(dict(attendee_id=attendee_id, session_id=sid, status=status,
                             position=position, created_at=now, updated_at=now))
    for start in range(0, len(rows), CHUNK):
        bulk_insert(conn, Enrollment, rows[start:start + CHUNK])
    report.enrollments = len(rows)
