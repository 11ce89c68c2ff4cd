"""Column types shared by the tables and the migrations."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa


class UTCDateTime(sa.types.TypeDecorator):
    """A moment in time, stored as UTC and always read back timezone-aware.

    SQLite keeps no offset, so a naive value would be ambiguous between desks in
    different zones; we normalise to UTC on the way in and tag UTC on the way out.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def load_dialect_impl(self, dialect: sa.Dialect):
        return dialect.type_descriptor(sa.DateTime(timezone=True))


def utcnow() -> datetime:
    return datetime.now(UTC)
