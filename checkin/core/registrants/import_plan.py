"""The importer's second half: match rows to people already in the store, a batch at a
time (checkin.core.registrants.import_write writes each batch)."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Plan:
    """What one batch of rows does to the store."""

    new: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    reindex_ids: list[int] = field(default_factory=list)
    choices: list[tuple[Any, list[int]]] = field(default_factory=list)  # (id or code, sessions)


class Matcher:
    """Decides each row against the people already in the store, batch after batch. What it
    keeps between batches is what every row needs to be decided alone: the people matched
    so far (one of them is never matched twice), the codes it made, and the file's codes
    (`file_codes`, kept by the reader for its duplicates), not the rows themselves."""

    def __init__(self, ctx: ImportContext, report: ImportReport, file_codes: Container[str]):
        self.ctx, self.report, self.file_codes = ctx, report, file_codes
        self.by_sid = {a.source_id: a for a in ctx.existing if a.source == ctx.source and a.source_id}
        self.by_email: dict[str, list[q.Registrant]] = {}
        for a in ctx.existing:
            if a.email:
                self.by_email.setdefault(a.email.lower(), []).append(a)
        self.by_code = {a.code: a for a in ctx.existing}
        self.used: set[int] = set()
        self.made_codes: set[str] = set()
        self.unknown_choices: dict[str, int] = {}
        self.now = utcnow()

    def plan(self, records: list[dict[str, Any]]) -> Plan:
        plan = Plan()
        for rec in records:
            self._decide(rec, plan)
        return plan

    def _decide(self, rec: dict[str, Any], plan: Plan) -> None:
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
            return
        code = rec["code"] or self._fresh_code()
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

    def _fresh_code(self) -> str:
        """A code of our own, held by no one in the store and no row of the file so far."""
        while True:
            code = new_code("CK", self.made_codes)
            if code not in self.by_code and code not in self.file_codes:
                return code

    def finish(self) -> list[int]:
        """After the last row: the people a platform's export no longer lists (to cancel),
        refused when they are most of those it imported before; the warnings."""
        ctx, report = self.ctx, self.report
        cancel_ids: list[int] = []
        if ctx.cancel_missing:
            registered = [a for a in ctx.existing if a.source == ctx.source
                          and a.status != AttendeeStatus.CANCELLED]
            missing = [a for a in registered if a.id not in self.used]
            if missing and not ctx.allow_mass_cancel and len(missing) * 2 > len(registered):
                raise ImportRefused([
                    f"this file would cancel {len(missing)} of the {len(registered)} registrants "
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
