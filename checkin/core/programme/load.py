"""Writing a validated event file into the store: create, update in place, remove.

Everything happens in one transaction. Entries are matched by their `key`, so ids —
and with them enrollments and scans — survive a re-load. What would lose data is refused
with the people concerned listed: removing a session that has enrollments needs `force`;
removing one with door scans is always refused, since scans are proof of attendance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.programme.event_file import PEOPLE_SOURCE, Programme, ProgrammeError, full_name
from checkin.core.clock import zone
from checkin.core.programme.enrollments import release_seats
from checkin.core.programme.overflow import Overflow, find_overflows, seat_limits, settle
from checkin.core.search.index import reindex_attendees
from checkin.store import IMMEDIATE
from checkin.store.queries import event_file as q
from checkin.store.queries import journal
from checkin.store.queries.registrants import CANCEL_ATTENDEES
from checkin.store.vocabulary import AttendeeStatus
from checkin.store.types import utcnow

MAX_JOURNALED_CHANGES = 500


class ProgrammeConflict(ProgrammeError):
    """The file is valid, but loading it would drop data; `people` lists who is concerned."""

    def __init__(self, problems: list[str], people: list[str]):
        super().__init__(problems)
        self.people = people


class CapacityBelowBookings(ProgrammeConflict):
    """Loading it would seat fewer people than are booked: `overflows` says where and who
    would lose a seat; load again with overflow=KEEP or WAITLIST (core.programme.overflow)."""

    def __init__(self, overflows: list[Overflow]):
        super().__init__([o.describe() for o in overflows],
                         [f"{o.key}: {name} ({code})" for o in overflows
                          for _aid, code, name in o.losing])
        self.overflows = overflows


@dataclass
class LoadReport:
    event_id: int
    created: dict[str, int]
    updated: dict[str, int]
    warnings: list[str]
    removed: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)
    dry_run: bool = False
    # Sessions that now seat fewer than were booked, and what was done (Overflow.to_json)
    overflow: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


class _Loader:
    def __init__(self, conn: sa.Connection, programme: Programme, now: datetime) -> None:
        self.conn = conn
        self.p = programme
        self.now = now
        self.report = LoadReport(0, {}, {}, list(programme.warnings))
        self.keys_by_id: dict[str, dict[int, str]] = {}  # "room_id" -> {id: key}
        self.stale: dict[str, int] = {}

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    def differs(self, row: Any, values: dict[str, Any], label: str) -> bool:
        """Whether the entry changes (then described); an unchanged one is not written."""
        diffs = [self.describe(label, name, getattr(row, name), value)
                 for name, value in values.items() if getattr(row, name) != value]
        if diffs:
            self.count(self.report.updated, label)
            key = getattr(row, "key", None) or getattr(row, "source_id", "")
            self.report.changes.append(f"{label} '{key}': " + ", ".join(diffs))
        return bool(diffs)

    # Change lines speak the file's language: "start 14:00 → 14:30", "room 'somme' → 'labo'",
    # not UTC datetimes and row ids.
    def describe(self, label: str, name: str, old: Any, new: Any) -> str:
        if label == "event" and name == "signature":  # an image: said, not dumped
            return "signature " + ("removed" if new is None else "added" if old is None
                                   else "replaced")
        if label == "event" and name == "organiser":  # the signer may be a person: no name
            return "organiser " + ("removed" if not new else "set" if not old else "changed")
        if name in self.keys_by_id:
            keys = self.keys_by_id[name]
            old, new = (repr(keys.get(v, v)) if v is not None else "none" for v in (old, new))
            return f"{name.removesuffix('_id')} {old} → {new}"
        if isinstance(old, datetime) and isinstance(new, datetime):
            tz = zone(self.p.event["timezone"])
            old, new = old.astimezone(tz), new.astimezone(tz)
            form = "%H:%M" if old.date() == new.date() else "%Y-%m-%d %H:%M"
            name = name.removesuffix("_at") if label == "event" else name.removesuffix("s_at")
            return f"{name} {old:{form}} → {new:{form}}"
        return f"{name} {old!r} → {new!r}"

    def upsert(self, table: q.Entries, entries: list[dict], make: Any, label: str,
               eid: int) -> dict[str, int]:
        """The entries' ids by key, made or brought up to date; `stale`: the ones the
        file no longer has."""
        existing = {row.key: row for row in table.rows(self.conn, eid)}
        ids = {key: row.id for key, row in existing.items()}
        wanted = set()
        for entry in entries:
            wanted.add(entry["key"])
            values = make(entry)
            row = existing.get(entry["key"])
            if row is None:
                ids[entry["key"]] = table.insert(self.conn, eid, entry["key"], values)
                self.count(self.report.created, label)
            elif self.differs(row, values, label):
                table.update(self.conn, row.id, values)
        self.stale = {k: i for k, i in ids.items() if k not in wanted}
        return ids


def load_programme(engine: Engine, programme: Programme, *, force: bool = False,
                   dry_run: bool = False, actor: str = "", desk: str = "",
                   action: str = "programme_load", overflow: str | None = None) -> LoadReport:
    """Create or update the event and everything in the file, in one transaction.

    A change that seats fewer people than are booked raises CapacityBelowBookings unless
    `overflow` says what to do (checkin.core.programme.overflow: KEEP or WAITLIST)."""
    # IMMEDIATE: the load reads, then writes; taking the write lock first means another
    # desk's commit in between makes us wait (busy timeout) instead of failing.
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn, conn.begin() as tx:
        loader = _Loader(conn, programme, utcnow())
        report = loader.report
        ev = programme.event
        event = q.EVENT_BY_KEY.one(conn, key=ev["key"])
        fields = dict(name=ev["name"], venue=ev.get("venue", ""), address=ev.get("address", ""),
                      timezone=ev["timezone"], starts_at=ev["starts_at"], ends_at=ev["ends_at"],
                      seat_hold_minutes=ev.get("seat_hold_minutes", 10))
        # The certificates' signer and signature: a file that does not name them keeps
        # what staff set in the window (a re-load must not wipe a signature).
        fields.update({name: ev[name] for name in ("organiser", "signature") if name in ev})
        if event is None:
            made = q.INSERT_EVENT.one(conn, key=ev["key"], now=loader.now,
                                      **{"organiser": "", "signature": None, **fields})
            assert made is not None
            report.event_id = made.id
            report.created["event"] = 1
        else:
            report.event_id = event.id
            if loader.differs(event, fields, "event"):
                q.UPDATE_EVENT.run(conn, id=event.id, now=loader.now, **{
                    "organiser": event.organiser, "signature": event.signature, **fields})
        eid = report.event_id

        removals: dict[str, dict[str, int]] = {}
        limits_before = seat_limits(conn, eid)
        cats = loader.upsert(q.CATEGORIES, programme.categories, lambda c: dict(
            name=c["name"], colour=c.get("colour") or "#777777",
            badge_label=c.get("badge_label", c["name"].upper())), "category", eid)
        removals["category"] = loader.stale
        loader.upsert(q.PROFESSIONS, [{"key": k, "name": v} for k, v in programme.professions.items()],
                      lambda p: dict(name=p["name"]), "profession", eid)
        removals["profession"] = loader.stale
        rooms = loader.upsert(q.ROOMS, programme.rooms, lambda r: dict(
            name=r["name"], capacity=r["capacity"], floor=r.get("floor", ""),
            directions=r.get("directions", "")), "room", eid)
        removals["room"] = loader.stale
        tracks = loader.upsert(q.TRACKS, programme.tracks, lambda t: dict(
            name=t["name"], colour=t.get("colour") or "#777777",
            description=t.get("description", "")), "track", eid)
        removals["track"] = loader.stale
        for name, ids in (("category_id", cats), ("room_id", rooms), ("track_id", tracks)):
            loader.keys_by_id[name] = {i: key for key, i in ids.items()}
        loader.upsert(q.SESSIONS, programme.sessions, lambda s: dict(
            title=s["title"], kind=s["kind"],
            track_id=tracks[s["track"]] if s.get("track") else None,
            room_id=rooms[s["room"]] if s.get("room") else None,
            starts_at=s["starts_at"], ends_at=s["ends_at"], capacity=s.get("capacity"),
            audience_categories=list(s.get("audience_categories", [])),
            audience_professions=list(s.get("audience_professions", [])),
            speakers=list(s.get("speakers", [])),
            description=s.get("description", "")), "session", eid)
        removals["session"] = loader.stale
        _upsert_people(loader, eid, cats)
        _remove(loader, removals, force)
        overflows = find_overflows(conn, eid, limits_before)
        if overflows and overflow is None:
            raise CapacityBelowBookings(overflows)
        if overflows:
            settle(conn, overflows, overflow or "", loader.now)
            report.overflow = [o.to_json() for o in overflows]

        if report.changed and not dry_run:
            journal.write(conn, eid, action, actor=actor, desk=desk, subject=ev["key"], details={
                "created": report.created, "updated": report.updated, "removed": report.removed,
                "changes": report.changes[:MAX_JOURNALED_CHANGES],
                **({"overflow": {"choice": overflow, "sessions": report.overflow}}
                   if report.overflow else {}),
                "affected": report.affected[:MAX_JOURNALED_CHANGES]})
        if dry_run:
            report.dry_run = True
            tx.rollback()
    return report


def _upsert_people(loader: _Loader, eid: int, cats: dict[str, int]) -> None:
    conn = loader.conn
    existing = {a.source_id: a for a in q.FILE_PEOPLE.all(conn, event=eid, source=PEOPLE_SOURCE)}
    ids = [a.id for a in existing.values()]
    wanted = set()
    for p in loader.p.people:
        wanted.add(p["key"])
        values = dict(
            first_name=p.get("first_name", ""), last_name=p["last_name"],
            organisation=p.get("organisation", ""), job_title=p.get("job_title", ""),
            profession=p.get("profession", ""), email=p.get("email", ""),
            category_id=cats[p["category"]], status=AttendeeStatus.REGISTERED,
        )
        row = existing.get(p["key"])
        if row is None:
            code = p.get("code") or p["key"].upper()
            made = q.INSERT_FILE_PERSON.one(conn, event=eid, code=code, source=PEOPLE_SOURCE,
                                            source_id=p["key"], now=loader.now, **values)
            assert made is not None
            ids.append(made.id)
            loader.count(loader.report.created, "person")
        elif loader.differs(row, values, "person"):
            q.UPDATE_FILE_PERSON.run(conn, id=row.id, now=loader.now, **values)
    # Someone taken out of the file keeps their scans: their ticket is cancelled, not
    # deleted, and their seats go back to others.
    cancelled: list[int] = []
    for key, row in existing.items():
        if key not in wanted and row.status != AttendeeStatus.CANCELLED:
            cancelled.append(row.id)
            loader.count(loader.report.removed, "person")
            loader.report.changes.append(f"person '{key}': cancelled (no longer in the file)")
    if cancelled:
        CANCEL_ATTENDEES.run(conn, ids=cancelled, now=loader.now)
    release_seats(conn, cancelled, loader.now)
    reindex_attendees(conn, ids)  # their search words, in this transaction


def _remove(loader: _Loader, removals: dict[str, dict[str, int]], force: bool) -> None:
    conn = loader.conn
    report = loader.report
    problems: list[str] = []
    people: list[str] = []
    for key, session in removals["session"].items():
        scans = q.SESSION_SCANS.one(conn, session=session)
        if scans and scans.n:
            problems.append(f"session '{key}' is not in the file but has {scans.n} door scans: "
                            "keep it in the file (scans are proof of attendance)")
            continue
        enrolled = q.ENROLLED.all(conn, session=session)
        names = [f"{full_name(e.first_name, e.last_name)} ({e.code}, {e.status}) — session '{key}'"
                 for e in enrolled]
        if enrolled and not force:
            problems.append(f"session '{key}' is not in the file but {len(enrolled)} people are "
                            "enrolled in it; load with --force to remove it and their enrollments")
            people.extend(names)
            continue
        report.affected.extend(names)
        q.SESSIONS.delete(conn, session)
        loader.count(report.removed, "session")
        report.changes.append(f"session '{key}': removed" + (f" with {len(enrolled)} enrollments"
                                                            if enrolled else ""))
    for key, category in removals["category"].items():
        users = q.CATEGORY_USERS.one(conn, category=category)
        if users and users.n and not force:
            problems.append(f"category '{key}' is not in the file but {users.n} registrants have it; "
                            "load with --force to remove it (they keep no category)")
            continue
        q.CATEGORIES.delete(conn, category)
        loader.count(report.removed, "category")
        report.changes.append(f"category '{key}': removed")
    for label, table in (("room", q.ROOMS), ("track", q.TRACKS), ("profession", q.PROFESSIONS)):
        for key, i in removals[label].items():
            table.delete(conn, i)
            loader.count(report.removed, label)
            report.changes.append(f"{label} '{key}': removed")
    if problems:
        raise ProgrammeConflict(problems, people)  # the load's transaction is rolled back
