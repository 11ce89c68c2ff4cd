"""The importer's second half: match rows to people already in the store, then write."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from checkin.core.programme.enrollments import release_seats, session_counts
from checkin.core.registrants.codes import new_code
from checkin.core.registrants.import_context import ImportContext, ImportRefused, ImportReport
from checkin.core.search.index import index_new_attendees, reindex_attendees
from checkin.core.text import fold
from checkin.store.bulk import bulk_insert
from checkin.store.models import Attendee, Enrollment
from checkin.store.queries import registrants as q
from checkin.store.types import utcnow
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, QpvResidence

UPDATABLE = ("first_name", "last_name", "email", "phone", "organisation", "job_title",
             "profession", "category_id", "city", "postcode", "notes", "attention_text",
             "source_order", "status", "qpv")
_SPLIT = re.compile(r"[,;|\n]+")
CHUNK = 2000


@dataclass
class Plan:
    new: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    cancel_ids: list[int] = field(default_factory=list)
    reindex_ids: list[int] = field(default_factory=list)
    choices: list[tuple[Any, list[int]]] = field(default_factory=list)  # (id or code, sessions)


def plan_import(records: list[dict[str, Any]], ctx: ImportContext, report: ImportReport) -> Plan:
    plan = Plan()
    by_sid = {a.source_id: a for a in ctx.existing if a.source == ctx.source and a.source_id}
    by_email: dict[str, list[q.Registrant]] = {}
    for a in ctx.existing:
        if a.email:
            by_email.setdefault(a.email.lower(), []).append(a)
    by_code = {a.code: a for a in ctx.existing}
    used: set[int] = set()
    taken_codes = set(by_code)
    unknown_choices: dict[str, int] = {}
    now = utcnow()

    for rec in records:
        # The platform's id, then the ticket code: both name one ticket. An email only
        # when the row has neither (HelloAsso legacy, hand-made lists), and only for the
        # person of that email with the same name: families and colleagues share
        # addresses, and an email match must never hand someone another person's ticket.
        match = by_sid.get(rec["source_id"]) if rec["source_id"] else None
        if match is None and rec["code"]:
            match = by_code.get(rec["code"])
        if match is None and rec["email"] and not rec["code"] and not rec["source_id"]:
            found = [a for a in by_email.get(rec["email"], [])
                     if a.id not in used and _same_person(a, rec)]
            match = found[0] if len(found) == 1 else None
        if match is not None and match.id in used:
            match = None
        sessions = _sessions_for(rec["choices"], ctx, unknown_choices)
        if rec["product"]:
            sessions += [s for s in ctx.sessions.get(fold(rec["product"]), []) if s not in sessions]
        if match is not None:
            used.add(match.id)
            changes = _changes(match, rec)
            if changes.get("status") == AttendeeStatus.CANCELLED:
                ctx.cancelled_now.add(match.id)
            if rec["code"] and rec["code"] != match.code:
                owner = by_code.get(rec["code"])
                if owner is not None and owner.id != match.id:
                    report.skipped.append((rec["row"], f"code {rec['code']!r} already belongs to "
                                                       f"{owner.first_name} {owner.last_name}"))
                    continue
                changes["code"] = rec["code"]
            if not match.source_id and rec["source_id"] and match.source == ctx.source:
                changes["source_id"] = rec["source_id"]
            if changes:
                plan.updates.append({"id": match.id, **changes})
                plan.reindex_ids.append(match.id)
                report.updated += 1
            else:
                report.unchanged += 1
            if sessions:
                plan.choices.append((match.id, sessions))
            continue
        code = rec["code"] or new_code("CK", taken_codes)
        if code in by_code:
            owner = by_code[code]
            report.skipped.append((rec["row"], f"code {code!r} already belongs to "
                                               f"{owner.first_name} {owner.last_name}"))
            continue
        taken_codes.add(code)
        row = rec  # reused as the insert row: one dict less per registrant
        when = row.pop("registered_at") or now
        for extra in ("row", "choices", "product", "code", "category_given"):
            row.pop(extra)
        row.update(code=code, event_id=ctx.event_id, source=ctx.source, source_id=rec["source_id"],
                   attention=rec["attention"], consent=rec["consent"], created_at=when,
                   updated_at=when, qpv=rec["qpv"] or QpvResidence.UNKNOWN)
        plan.new.append(row)
        report.added += 1
        if sessions:
            plan.choices.append((code, sessions))

    if ctx.cancel_missing:
        registered = [a for a in ctx.existing if a.source == ctx.source
                      and a.status != AttendeeStatus.CANCELLED]
        missing = [a for a in registered if a.id not in used]
        if missing and not ctx.allow_mass_cancel and len(missing) * 2 > len(registered):
            raise ImportRefused([
                f"this file would cancel {len(missing)} of the {len(registered)} registrants "
                f"imported from {ctx.source} (they are not in it). If it is a full, newer "
                "export, import it again with --allow-cancel; if it is a partial one, "
                "import it with --preset generic, which cancels no one."])
        plan.cancel_ids = [a.id for a in missing]
        report.cancelled_names = [f"{a.first_name} {a.last_name} ({a.code})" for a in missing]
    report.cancelled = len(plan.cancel_ids)
    for value, count in sorted(unknown_choices.items(), key=lambda kv: -kv[1])[:20]:
        report.warnings.append(f"no session or track named {value!r} ({count} rows): "
                               "no enrollment made for it")
    return plan


def _same_person(existing: q.Registrant, rec: dict[str, Any]) -> bool:
    """Same folded first name, or one of the two has none (an email-only row)."""
    a, b = fold(existing.first_name), fold(rec["first_name"])
    return not a or not b or a == b


def _changes(existing: q.Registrant, rec: dict[str, Any]) -> dict[str, Any]:
    """What the file says differently; an empty cell never erases what the desk knows."""
    changes: dict[str, Any] = {}
    for name in UPDATABLE:
        value = rec[name]
        if value in ("", None) or value == getattr(existing, name):
            continue
        if name == "category_id" and not rec["category_given"]:
            continue  # the default category, not the file's word
        changes[name] = value
    for flag in ("attention", "consent"):
        if rec[flag] and not getattr(existing, flag):
            changes[flag] = True
    return changes


def _sessions_for(choices: list[str], ctx: ImportContext, unknown: dict[str, int]) -> list[int]:
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


def write_import(conn: sa.Connection, plan: Plan, ctx: ImportContext, report: ImportReport,
           progress: Callable[[int, int], None] | None) -> None:
    total = len(plan.new) + len(plan.updates)
    done = 0
    for start in range(0, len(plan.new), CHUNK):
        bulk_insert(conn, Attendee, plan.new[start:start + CHUNK])
        done += len(plan.new[start:start + CHUNK])
        if progress:
            progress(done, total)
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for update in plan.updates:
        by_columns.setdefault(tuple(sorted(k for k in update if k != "id")), []).append(update)
    now = utcnow()
    for columns, items in by_columns.items():
        q.update_registrant(columns).many(conn, [{**u, "now": now} for u in items])
        done += len(items)
        if progress:
            progress(done, total)
    for start in range(0, len(plan.cancel_ids), CHUNK):
        q.CANCEL_ATTENDEES.run(conn, ids=plan.cancel_ids[start:start + CHUNK], now=now)
    release_seats(conn, plan.cancel_ids, now)
    if plan.cancel_ids or any(u.get("status") for u in plan.updates):
        # Seats given back, or people cancelled in the file: count again before booking.
        booked, waiting = session_counts(conn, ctx.event_id)
        ctx.booked = {sid: booked.get(sid, 0) for sid in ctx.seats}
        ctx.waiting = {sid: waiting.get(sid, 0) for sid in ctx.seats}
    ids: dict[str, int] = {}
    if plan.new:  # one read of this source's codes beats fifty IN (…) queries
        ids.update((r.code, r.id) for r in q.CODES_OF_SOURCE.all(conn, event=ctx.event_id,
                                                                 source=ctx.source))
    # New people go through the index's bulk path; changed ones are re-read.
    index_new_attendees(conn, ((ids[r["code"]], ctx.event_id, r["first_name"], r["last_name"],
                                r["organisation"], r["email"]) for r in plan.new))
    if plan.reindex_ids:
        reindex_attendees(conn, plan.reindex_ids)
    _enroll(conn, plan, ids, ctx, report)


def _enroll(conn: sa.Connection, plan: Plan, ids: dict[str, int], ctx: ImportContext, report: ImportReport) -> None:
    if not plan.choices:
        return
    attendee_ids = [ref if isinstance(ref, int) else ids[ref] for ref, _ in plan.choices]
    known = [ref for ref, _ in plan.choices if isinstance(ref, int)]  # new people have none yet
    existing: dict[tuple[int, int], q.Enrollment | None] = {}  # None: made by this import
    for start in range(0, len(known), CHUNK):
        for row in q.ENROLLMENTS_OF.all(conn, attendees=known[start:start + CHUNK]):
            existing[(row.attendee_id, row.session_id)] = row
    cancelled_rows = {aid for aid in known if aid in ctx.cancelled_now}
    rows = []
    revived: list[dict[str, Any]] = []
    now = utcnow()
    for attendee_id, (_, sessions) in zip(attendee_ids, plan.choices):
        if attendee_id in cancelled_rows:
            continue  # cancelled in this very file: no seat for them
        for sid in sessions:
            if (attendee_id, sid) in existing:
                before = existing[(attendee_id, sid)]
                if before is None or before.status != EnrollmentStatus.CANCELLED:
                    continue
            else:
                before = None
            existing[(attendee_id, sid)] = None
            if ctx.booked[sid] < ctx.seats[sid]:
                ctx.booked[sid] += 1
                status, position = EnrollmentStatus.BOOKED, 0
            else:
                ctx.waiting[sid] += 1
                status, position = EnrollmentStatus.WAITLISTED, ctx.waiting[sid]
                report.waitlisted += 1
            if before is not None:  # back in the file: the old enrollment comes back to life
                revived.append({"id": before.id, "status": status, "position": position,
                                "now": now})
            else:
                rows.append(dict(attendee_id=attendee_id, session_id=sid, status=status,
                                 position=position, created_at=now, updated_at=now))
    for start in range(0, len(rows), CHUNK):
        bulk_insert(conn, Enrollment, rows[start:start + CHUNK])
    q.REVIVE_ENROLLMENT.many(conn, revived)
    report.enrollments = len(rows) + len(revived)
