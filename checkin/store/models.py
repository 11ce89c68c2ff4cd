"""The tables of a check-in store.

One store may hold several events; everything a desk looks up is scoped by event.
Scans are append-only: current state is derived from them (or kept in step with them
in the same transaction) and an undo is a new row, never a delete.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from checkin.store.types import UTCDateTime, utcnow
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, QpvResidence

# One naming convention so that Alembic names constraints the same way on SQLite and
# PostgreSQL and autogenerate can compare them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _when() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, description="stable id from the event file")
    name: str = Field(max_length=200)
    venue: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=300)
    timezone: str = Field(default="Europe/Paris", max_length=64)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    organiser: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""},
                           description="who signs the attendance certificates")
    signature: bytes | None = Field(default=None, sa_type=sa.LargeBinary,
                                    description="the signature's image (PNG or JPEG) on them")
    seat_hold_minutes: int = Field(
        default=10, ge=0, sa_column_kwargs={"server_default": "10"},
        description="a booked seat is kept this long after its session starts, then freed")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class Category(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("event_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    key: str = Field(max_length=64)
    name: str = Field(max_length=100)
    colour: str = Field(default="#777777", max_length=9)
    badge_label: str = Field(default="", max_length=40)


class Profession(SQLModel, table=True):
    """A profession that network workshops may be restricted to (attendee.profession)."""

    __table_args__ = (sa.UniqueConstraint("event_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    key: str = Field(max_length=64)
    name: str = Field(max_length=200)


class Track(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("event_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    key: str = Field(max_length=64)
    name: str = Field(max_length=200)
    colour: str = Field(default="#777777", max_length=9)
    description: str = Field(default="", max_length=1000)


class Room(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("event_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    key: str = Field(max_length=64)
    name: str = Field(max_length=200)
    capacity: int = Field(ge=0)
    floor: str = Field(default="", max_length=60)
    directions: str = Field(default="", max_length=500)


class EventSession(SQLModel, table=True):
    """A slot of the programme in one room (a "session" in the event file).

    Named EventSession in Python so it is never confused with a database session.
    """

    __tablename__ = "session"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "key"),
        sa.Index(None, "event_id", "starts_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    key: str = Field(max_length=64, description="stable id, kept across re-loads")
    title: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    track_id: int | None = Field(default=None, foreign_key="track.id", ondelete="SET NULL")
    room_id: int | None = Field(default=None, foreign_key="room.id", ondelete="SET NULL")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    capacity: int | None = Field(default=None, ge=0, description="when smaller than the room")
    audience_categories: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    audience_professions: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    speakers: list[str] = Field(default_factory=list, sa_type=sa.JSON,
                                description="keys of the event file's [[people]]")
    description: str = Field(default="", max_length=2000)


class Attendee(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("event_id", "code"),
        sa.Index(None, "event_id", "source", "source_id"),
        sa.Index(None, "event_id", "email"),
        sa.Index(None, "event_id", "status", "walk_in"),  # the venue counts, index-only
        # scans whatever the case: checkin.core.admission.code_reading
        sa.Index("ix_attendee_event_id_lower_code", "event_id", sa.func.lower(sa.text("code"))),
    )
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    code: str = Field(max_length=128, description="what the QR holds; the ticket's own code")
    source: str = Field(default="", max_length=32, description="weezevent, helloasso, demo…")
    source_id: str = Field(default="", max_length=128)
    source_order: str = Field(default="", max_length=128)
    first_name: str = Field(default="", max_length=200)
    last_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    organisation: str = Field(default="", max_length=300)
    job_title: str = Field(default="", max_length=200)
    profession: str = Field(default="", max_length=120)
    category_id: int | None = Field(default=None, foreign_key="category.id", ondelete="SET NULL")
    city: str = Field(default="", max_length=120)
    postcode: str = Field(default="", max_length=16)
    notes: str = Field(default="", max_length=2000)
    attention: bool = Field(default=False, description="the desk must read attention_text")
    attention_text: str = Field(default="", max_length=500)
    consent: bool = Field(default=False, description="agreed to the privacy notice")
    status: str = Field(default=AttendeeStatus.REGISTERED, max_length=16)
    walk_in: bool = Field(default=False)
    qpv: str = Field(default=QpvResidence.UNKNOWN, max_length=8,
                     sa_column_kwargs={"server_default": QpvResidence.UNKNOWN},
                     description="lives in a quartier prioritaire: yes, no, unknown")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class Enrollment(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("attendee_id", "session_id"),
        sa.Index(None, "session_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    session_id: int = Field(foreign_key="session.id", ondelete="CASCADE")
    status: str = Field(default=EnrollmentStatus.BOOKED, max_length=16)
    position: int = Field(default=0, description="order on the waitlist")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class Scan(SQLModel, table=True):
    """One row per scan, never updated or deleted."""

    __table_args__ = (
        sa.Index(None, "attendee_id", "id"),
        sa.Index(None, "session_id", "id"),
        sa.Index(None, "event_id", "recorded_at"),
        sa.Index(None, "undoes_scan_id"),  # "was this scan undone?" on every decision
    )
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True, description="made at the desk, for replay")
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    code: str = Field(max_length=256, description="as scanned, trimmed")
    attendee_id: int | None = Field(default=None, foreign_key="attendee.id", ondelete="SET NULL")
    kind: str = Field(max_length=16)
    session_id: int | None = Field(default=None, foreign_key="session.id", ondelete="SET NULL")
    desk: str = Field(default="", max_length=64)
    operator: str = Field(default="", max_length=64)
    desk_time: datetime = Field(sa_type=UTCDateTime, description="the desk's own clock")
    recorded_at: datetime = _when()
    result: str = Field(max_length=16)
    reason: str = Field(default="", max_length=500)
    undoes_scan_id: int | None = Field(default=None, foreign_key="scan.id")


class Presence(SQLModel, table=True):
    """Where each person is now, kept in step with the scans in the same transaction.

    One row per person and place (0: the venue, else a session id): whether they are
    inside and the scan that made it so. The scan log stays the truth (an undo recomputes
    the row from it); this is what lets a decision and a room count read one row or one
    index range instead of the whole log.
    """

    __table_args__ = (sa.Index(None, "event_id", "place", "inside"),)
    attendee_id: int = Field(primary_key=True, foreign_key="attendee.id", ondelete="CASCADE",
                             sa_column_kwargs={"autoincrement": False})
    place: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False},
                       description="0 for the venue entrance, else the session's id")
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    inside: bool
    scan_id: int = Field(foreign_key="scan.id", description="the entry or exit that counts")




class BadgePrint(SQLModel, table=True):
    __tablename__ = "badge_print"
    __table_args__ = (sa.Index(None, "attendee_id"),)
    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    layout: str = Field(max_length=64)
    desk: str = Field(default="", max_length=64)
    operator: str = Field(default="", max_length=64)
    printer: str = Field(default="", max_length=200)
    reprint: bool = Field(default=False)
    printed_at: datetime = _when()


class Journal(SQLModel, table=True):
    """Who did what to the data: imports, edits, overrides, exports, purges."""

    __table_args__ = (sa.Index(None, "event_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="CASCADE")
    at: datetime = _when()
    action: str = Field(max_length=32)
    actor: str = Field(default="", max_length=64)
    desk: str = Field(default="", max_length=64)
    subject: str = Field(default="", max_length=300)
    details: dict = Field(default_factory=dict, sa_type=sa.JSON)


class Desk(SQLModel, table=True):
    """The desks that keep a copy of a shared event (checkin.store.replica), and when each
    last brought its copy up to date: a purge names the desks whose copy is older than
    itself, each of which erases its copy at its next sync."""

    __table_args__ = (sa.UniqueConstraint("event_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    name: str = Field(max_length=64)
    copied_at: datetime = _when()


# Search words compare byte-wise on every backend, so that a prefix is a range
# (`word >= 'dup' AND word < 'duq'`) and results sort the same on SQLite and PostgreSQL.
def _bytewise(length: int) -> sa.types.TypeEngine:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


class SearchPerson(SQLModel, table=True):
    """What a registrant can be found by (checkin.core.search.lookup): each searchable field as
    its folded words, and the folded "last first" to rank by. One row per registrant,
    kept in step by whoever writes attendees, in the same transaction."""

    __tablename__ = "search_person"
    __table_args__ = (
        sa.Index(None, "event_id", "last_words", "sort_key"),
        sa.Index(None, "event_id", "first_words", "sort_key"),
        sa.Index(None, "event_id", "organisation_words", "sort_key"),
        # Few addresses hold a word the names do not: index only those.
        sa.Index(None, "event_id", "email_words", "sort_key",
                 sqlite_where=sa.text("email_words != ''"),
                 postgresql_where=sa.text("email_words != ''")),
    )
    attendee_id: int = Field(primary_key=True, foreign_key="attendee.id", ondelete="CASCADE",
                             sa_column_kwargs={"autoincrement": False})
    event_id: int
    sort_key: str = Field(sa_type=_bytewise(80))
    last_words: str = Field(default="", max_length=200)
    first_words: str = Field(default="", max_length=200)
    organisation_words: str = Field(default="", max_length=200)
    email_words: str = Field(default="", max_length=200,
                             description="words of the address not already in the names")


class SearchTerm(SQLModel, table=True):
    """Which field values of an event hold a word: a typed prefix is a range of `word`,
    giving the values, then search_person gives the people. Small: values repeat."""

    __tablename__ = "search_term"
    __table_args__ = ({"sqlite_with_rowid": False},)
    event_id: int = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE",
                          sa_column_kwargs={"autoincrement": False})
    word: str = Field(primary_key=True, sa_type=_bytewise(64))
    field: int = Field(primary_key=True, sa_type=sa.SmallInteger,
                       sa_column_kwargs={"autoincrement": False},
                       description="1 last name, 2 first name, 3 organisation, 4 email")
    words: str = Field(primary_key=True, max_length=200, description="the field's value")
