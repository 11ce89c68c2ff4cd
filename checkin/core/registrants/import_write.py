"""The importer's last part: each batch's new people, changes and search rows written as it
comes, in the import's one transaction; cancellations and enrollments after the last row.

Enrollments wait for the end because seats are given in the file's order, after the people
the export no longer lists have given theirs back (as when the import was planned whole):
until then only who chose which sessions is kept, in two flat arrays, not the rows.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from checkin.core.programme.enrollments import release_seats, session_counts
from checkin.core.registrants.import_context import ImportContext, ImportReport
from checkin.core.registrants.import_plan import Plan
from checkin.core.search.index import index_new_attendees, reindex_attendees
from checkin.store.bulk import bulk_insert
from checkin.store.models import Attendee, Enrollment
from checkin.store.queries import registrants as q
from checkin.store.types import utcnow
from checkin.store.vocabulary import EnrollmentStatus

CHUNK = 2000
Progress = Callable[[int, int], None]


class Choices:
    """Who chose which sessions, in the file's order: an id (8 bytes) and a shared tuple of
    session ids per row that chose any (a few distinct combinations for the whole file)."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.sessions: list[tuple[int, ...]] = []
        self._shared: dict[tuple[int, ...], tuple[int, ...]] = {}

    def add(self, attendee_id: int, sessions: list[int]) -> None:
        key = tuple(sessions)
        self.ids.append(attendee_id)
        self.sessions.append(self._shared.setdefault(key, key))

    def __len__(self) -> int:
        return len(self.ids)


class ImportWriter:
    def __init__(self, conn: sa.Connection, ctx: ImportContext, report: ImportReport,
                 progress: Progress | None, expected: int):
        self.conn, self.ctx, self.report, self.progress = conn, ctx, report, progress
        self.expected, self.done = expected, 0
        self.choices = Choices()
        self.status_changed = False
        if progress:
            progress(0, expected)

    def write(self, plan: Plan) -> None:
        """One batch: its new people (with their search rows), then its changes."""
        conn, ctx = self.conn, self.ctx
        for start in range(0, len(plan.new), CHUNK):
            bulk_insert(conn, Attendee, plan.new[start:start + CHUNK])
        ids = self._ids_of([r["code"] for r in plan.new])
        index_new_attendees(conn, [(ids[r["code"]], ctx.event_id, r["first_name"], r["last_name"],
                                    r["organisation"], r["email"]) for r in plan.new])
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for update in plan.updates:
            by_columns.setdefault(tuple(sorted(k for k in update if k != "id")), []).append(update)
        now = utcnow()
        for columns, items in by_columns.items():
            q.update_registrant(columns).many(conn, [{**u, "now": now} for u in items])
        self.status_changed = self.status_changed or any(u.get("status") for u in plan.updates)
        if plan.reindex_ids:
            reindex_attendees(conn, plan.reindex_ids)
        for ref, sessions in plan.choices:
            self.choices.add(ref if isinstance(ref, int) else ids[ref], sessions)
        self.done += len(plan.new) + len(plan.updates)
        if self.progress:
            self.progress(self.done, max(self.expected, self.done))

    def _ids_of(self, codes: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for start in range(0, len(codes), CHUNK):
            ids.update(q.IDS_OF_CODES.all(self.conn, event=self.ctx.event_id,
                                          codes=codes[start:start + CHUNK]))
        return ids

    def finish(self, cancel_ids: list[int]) -> None:
        """After the last batch: cancel the people no longer listed, then give seats."""
        conn, ctx = self.conn, self.ctx
        if self.progress and self.done < self.expected:
            self.progress(self.done, self.done)  # fewer rows than the file seemed to hold
        now = utcnow()
        for start in range(0, len(cancel_ids), CHUNK):
            q.CANCEL_ATTENDEES.run(conn, ids=cancel_ids[start:start + CHUNK], now=now)
        release_seats(conn, cancel_ids, now)
        if cancel_ids or self.status_changed:
            # Seats given back, or people cancelled in the file: count again before booking.
            booked, waiting = session_counts(conn, ctx.event_id)
            ctx.booked = {sid: booked.get(sid, 0) for sid in ctx.seats}
            ctx.waiting = {sid: waiting.get(sid, 0) for sid in ctx.seats}
        made = 0
        for start in range(0, len(self.choices), CHUNK):
            made += _enroll(conn, self.choices.ids[start:start + CHUNK],
                            self.choices.sessions[start:start + CHUNK], ctx, self.report)
        self.report.enrollments = made


def _enroll(conn: sa.Connection, attendee_ids: array, choices: list[tuple[int, ...]],
            ctx: ImportContext, report: ImportReport) -> int:
    """Enrollments for a chunk of rows (each person once in the file); returns how many."""
    existing: dict[tuple[int, int], q.Enrollment | None] = {}  # None: made by this import
    for row in q.ENROLLMENTS_OF.all(conn, attendees=list(attendee_ids)):
        existing[(row.attendee_id, row.session_id)] = row
    rows = []
    revived: list[dict[str, Any]] = []
    now = utcnow()
    for attendee_id, sessions in zip(attendee_ids, choices):
        if attendee_id in ctx.cancelled_now:
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
    return len(rows) + len(revived)
