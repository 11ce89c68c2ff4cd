"""The importer's second half: match rows to people already in the store, a batch at a
time (checkin.core.registrants.import_write writes each batch)."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from checkin.core.registrants.codes import new_code
from checkin.core.registrants.import_context import ImportContext, ImportRefused, ImportReport
from checkin.core.text import fold
from checkin.store.queries import registrants as q
from checkin.store.types import utcnow
from checkin.store.vocabulary import AttendeeStatus, QpvResidence

UPDATABLE = ("first_name", "last_name", "email", "phone", "organisation", "job_title",
             "profession", "category_id", "city", "postcode", "notes", "attention_text",
             "source_order", "status", "qpv")
_SPLIT = re.compile(r"[,;|\n]+")
LOOKUP_CHUNK = 2000  # values in one `IN (...)`


@dataclass
class Plan:
    """What one batch of rows does to the store."""

    new: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    reindex_ids: list[int] = field(default_factory=list)
    choices: list[tuple[Any, list[int]]] = field(default_factory=list)  # (id or code, sessions)


class IdBits:
    """A set of the ids there were when the import began, a bit each: a million people
    matched cost 125 KB, not the 40 MB of a set of ints."""

    def __init__(self, last_id: int):
        self.bits = bytearray(last_id // 8 + 1)

    def add(self, id_: int) -> None:
        self.bits[id_ >> 3] |= 1 << (id_ & 7)

    def __contains__(self, id_: int) -> bool:
        return id_ >> 3 < len(self.bits) and bool(self.bits[id_ >> 3] & 1 << (id_ & 7))


class Matcher:
    """Decides each row against the people already in the store, batch after batch. The
    people a batch may be are read from the store for that batch (by its rows' platform
    ids, codes and emails), never the whole event: a re-import over a million people costs
    a batch of them. What it keeps between batches is what every row needs to be decided
    alone: the people matched so far (one of them is never matched twice), the codes it
    made, the file's codes (`file_codes`, kept by the reader for its duplicates), and the
    few keys it changed, so that every batch is matched against the store as it was when
    the import began, as if it had been read whole then."""

    def __init__(self, conn: sa.Connection, ctx: ImportContext, report: ImportReport,
                 file_codes: Container[str]):
        self.conn, self.ctx, self.report, self.file_codes = conn, ctx, report, file_codes
        self.by_sid: dict[str, q.Registrant] = {}
        self.by_email: dict[str, list[q.Registrant]] = {}
        self.by_code: dict[str, q.Registrant] = {}
        self.used = IdBits(ctx.last_id)
        self.sid_given = IdBits(ctx.last_id)  # people given a platform id by this import
        self.old_codes: dict[str, q.Registrant] = {}  # a code this import changed -> its holder
        self.recoded: set[int] = set()  # those holders (the store now has their new code)
        self.made_codes: set[str] = set()
        self.unknown_choices: dict[str, int] = {}
        self.now = utcnow()

    def plan(self, records: list[dict[str, Any]]) -> Plan:
        self._look_up(records)
        plan = Plan()
        waiting: list[tuple[dict[str, Any], int]] = []  # new rows without a code: one to make
        for rec in records:
            self._decide(rec, plan, waiting)
        self._give_codes(waiting, plan)
        return plan

    def _look_up(self, records: list[dict[str, Any]]) -> None:
        """The batch's maps: the people there before the import that its rows name, as
        they were then (a person this import changed is matched: only their keys differ)."""
        ctx, conn, before = self.ctx, self.conn, self.ctx.last_id
        sids = sorted({r["source_id"] for r in records if r["source_id"]})
        codes = sorted({r["code"] for r in records if r["code"]})
        emails = sorted({r["email"] for r in records
                         if r["email"] and not r["code"] and not r["source_id"]})
        found = [a for part in _chunks(sids) for a in q.REGISTRANTS_BY_SOURCE_ID.all(
            conn, event=ctx.event_id, source=ctx.source, sids=part, before=before)]
        # The event's order (ids): of two people with one platform id, the later one.
        self.by_sid = {a.source_id: a for a in sorted(found) if a.id not in self.sid_given}
        self.by_code = {a.code: a for part in _chunks(codes) for a in q.REGISTRANTS_BY_CODE.all(
            conn, event=ctx.event_id, codes=part, before=before) if a.id not in self.recoded}
        self.by_code.update((c, self.old_codes[c]) for c in codes if c in self.old_codes)
        self.by_email = {}
        found = [a for part in _chunks(emails) for a in q.REGISTRANTS_BY_EMAIL.all(
            conn, event=ctx.event_id, emails=part, before=before)]
        for a in sorted(found):
            self.by_email.setdefault(a.email.lower(), []).append(a)

    def _decide(self, rec: dict[str, Any], plan: Plan, waiting: list[tuple[dict[str, Any], int]]) -> None:
        ctx, report, by_code = self.ctx, self.report, self.by_code
        # The platform's id, then the ticket code: both name one ticket. An email only
        # when the row has neither (HelloAsso legacy, hand-made lists), and only for the
        # person of that email with the same name: families and colleagues share
        # addresses, and an email match must never hand someone another person's ticket.
        match = self.by_sid.get(rec["source_id"]) if rec["source_id"] else None
        if match is None and rec["code"]:
            match = by_code.get(rec["code"])
        if match is None and rec["email"] and not rec["code"] and not rec["source_id"]:
            found = [a for a in self.by_email.get(rec["email"], [])
                     if a.id not in self.used and _same_person(a, rec)]
            match = found[0] if len(found) == 1 else None
        if match is not None and match.id in self.used:
            match = None
        sessions = _sessions_for(rec["choices"], ctx, self.unknown_choices)
        if rec["product"]:
            sessions += [s for s in ctx.sessions.get(fold(rec["product"]), []) if s not in sessions]
        if match is not None:
            self.used.add(match.id)
            changes = _changes(match, rec)
            if changes.get("status") == AttendeeStatus.CANCELLED:
                ctx.cancelled_now.add(match.id)
            if rec["code"] and rec["code"] != match.code:
                owner = by_code.get(rec["code"])
                if owner is not None and owner.id != match.id:
                    report.skipped.append((rec["row"], f"code {rec['code']!r} already belongs to "
                                                       f"{owner.first_name} {owner.last_name}"))
                    return
                changes["code"] = rec["code"]
                self.old_codes[match.code] = match
                self.recoded.add(match.id)
            if not match.source_id and rec["source_id"] and match.source == ctx.source:
                changes["source_id"] = rec["source_id"]
                self.sid_given.add(match.id)
            if changes:
                plan.updates.append({"id": match.id, **changes})
                plan.reindex_ids.append(match.id)
                report.updated += 1
            else:
                report.unchanged += 1
            if sessions:
                plan.choices.append((match.id, sessions))
            return
        code = rec["code"]
        if code in by_code:
            owner = by_code[code]
            report.skipped.append((rec["row"], f"code {code!r} already belongs to "
                                               f"{owner.first_name} {owner.last_name}"))
            return
        row = rec  # reused as the insert row: one dict less per registrant
        when = row.pop("registered_at") or self.now
        for extra in ("row", "choices", "product", "code", "category_given"):
            row.pop(extra)
        row.update(code=code, event_id=ctx.event_id, source=ctx.source, source_id=rec["source_id"],
                   attention=rec["attention"], consent=rec["consent"], created_at=when,
                   updated_at=when, qpv=rec["qpv"] or QpvResidence.UNKNOWN)
        plan.new.append(row)
        report.added += 1
        if sessions:
            plan.choices.append((code, sessions))
        if not code:
            waiting.append((row, len(plan.choices) - 1 if sessions else -1))

    def _give_codes(self, waiting: list[tuple[dict[str, Any], int]], plan: Plan) -> None:
        """Codes of our own for the batch's new rows that have none: held by no one in the
        store (asked once for the batch) and no row of the file so far."""
        codes = [self._fresh_code() for _ in waiting]
        while taken := {c for part in _chunks(codes) for c, _ in q.IDS_OF_CODES.all(
                self.conn, event=self.ctx.event_id, codes=part)}:
            codes = [self._fresh_code() if c in taken else c for c in codes]
        for (row, choice), code in zip(waiting, codes):
            row["code"] = code
            if choice >= 0:
                plan.choices[choice] = (code, plan.choices[choice][1])

    def _fresh_code(self) -> str:
        while True:
            code = new_code("CK", self.made_codes)
            if code not in self.file_codes and code not in self.old_codes:
                return code

    def finish(self) -> list[int]:
        """After the last row: the people a platform's export no longer lists (to cancel),
        refused when they are most of those it imported before; the warnings."""
        ctx, report = self.ctx, self.report
        cancel_ids: list[int] = []
        if ctx.cancel_missing:
            # Those not matched are as they were when the import began.
            missing = [a for a in q.STANDINGS.each(self.conn, event=ctx.event_id,
                                                   source=ctx.source, before=ctx.last_id)
                       if a.id not in self.used]
            registered = ctx.registered_before
            if missing and not ctx.allow_mass_cancel and len(missing) * 2 > registered:
                raise ImportRefused([
                    f"this file would cancel {len(missing)} of the {registered} registrants "
                    f"imported from {ctx.source} (they are not in it). If it is a full, newer "
                    "export, import it again with --allow-cancel; if it is a partial one, "
                    "import it with --preset generic, which cancels no one."])
            cancel_ids = [a.id for a in missing]
            report.cancelled_names = [f"{a.first_name} {a.last_name} ({a.code})" for a in missing]
        report.cancelled = len(cancel_ids)
        for value, count in sorted(self.unknown_choices.items(), key=lambda kv: -kv[1])[:20]:
            report.warnings.append(f"no session or track named {value!r} ({count} rows): "
                                   "no enrollment made for it")
        return cancel_ids


def _chunks(values: list[str]) -> Iterator[list[str]]:
    """A few thousand values to an `IN (...)` (SQLite's bound on a statement's variables)."""
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start:start + LOOKUP_CHUNK]


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
