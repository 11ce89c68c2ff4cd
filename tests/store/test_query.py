"""Named queries (checkin.store.query) on both backends: rows by name, moments as aware
UTC datetimes, `IN` lists, and the statement run inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

import pytest

from checkin.store.query import Query


class Stamp(NamedTuple):
    code: str
    recorded_at: datetime | None


INSERT = Query("INSERT INTO scan (uuid, event_id, code, kind, desk, operator, desk_time, "
               "recorded_at, result, reason) VALUES (:uuid, :event, :code, 'entry', 'd', 'o', "
               ":at, :at, 'unknown_code', '')")
BY_CODES = Query("SELECT code, recorded_at FROM scan WHERE event_id = :event AND code IN :codes "
                 "ORDER BY code", Stamp, times=("recorded_at",))


def test_rows_come_by_name_with_aware_moments_and_in_lists(engine, sample_event):
    at = datetime(2026, 12, 10, 8, 45, 30, 250000, tzinfo=UTC)
    with engine.begin() as conn:
        for i, code in enumerate(("A1", "B2", "C3")):
            assert INSERT.run(conn, uuid=f"u{i}", event=sample_event, code=code,
                              at=at) == 1
        rows = BY_CODES.all(conn, event=sample_event, codes=["C3", "A1"])
        assert [r.code for r in rows] == ["A1", "C3"]
        assert rows[0].recorded_at == at and rows[0].recorded_at.tzinfo is not None
        assert BY_CODES.all(conn, event=sample_event, codes=[]) == []  # IN (NULL): nothing
        assert BY_CODES.one(conn, event=sample_event, codes=("B2",)) == Stamp("B2", at)
        assert BY_CODES.one(conn, event=sample_event, codes=["none"]) is None
    with engine.connect() as conn:  # committed with the caller's transaction
        assert len(BY_CODES.all(conn, event=sample_event, codes=["A1", "B2", "C3"])) == 3


def test_a_statement_that_fails_leaves_the_transaction_to_its_caller(engine, sample_event):
    broken = Query("SELECT no_such_column FROM scan")
    with pytest.raises(engine.dialect.loaded_dbapi.Error):  # the driver's own error
        with engine.begin() as conn:
            INSERT.run(conn, uuid="x", event=sample_event, code="X",
                       at=datetime(2026, 12, 10, tzinfo=UTC))
            broken.run(conn)
    with engine.connect() as conn:
        assert BY_CODES.all(conn, event=sample_event, codes=["X"]) == []  # rolled back


def test_a_query_names_only_fields_its_row_has():
    with pytest.raises(ValueError, match="not fields"):
        Query("SELECT code FROM scan", Stamp, times=("when",))


def test_a_query_first_on_a_connection_opens_its_transaction(engine, sample_event):
    """Reads on a fresh connection see one snapshot, and writes wait for the caller's commit."""
    at = datetime(2026, 12, 10, tzinfo=UTC)
    with engine.connect() as conn:
        INSERT.run(conn, uuid="t1", event=sample_event, code="T1", at=at)
        assert conn.in_transaction()
    with engine.connect() as conn:  # closed without a commit: nothing written
        assert BY_CODES.all(conn, event=sample_event, codes=["T1"]) == []


def test_many_writes_every_parameter_set_with_its_moments(engine, sample_event):
    at = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    with engine.begin() as conn:
        INSERT.many(conn, [{"uuid": f"m{i}", "event": sample_event, "code": f"M{i}", "at": at}
                           for i in range(3)])
        INSERT.many(conn, [])  # nothing to write: no statement at all
    with engine.connect() as conn:
        rows = BY_CODES.all(conn, event=sample_event, codes=["M0", "M1", "M2"])
    assert rows == [Stamp(f"M{i}", at) for i in range(3)]


def test_each_reads_every_row_a_batch_at_a_time(engine, sample_event):
    at = datetime(2026, 12, 10, 9, 30, tzinfo=UTC)
    codes = [f"E{i:03d}" for i in range(25)]
    with engine.begin() as conn:
        INSERT.many(conn, [{"uuid": f"e{c}", "event": sample_event, "code": c, "at": at}
                           for c in codes])
    with engine.connect() as conn:
        rows = list(BY_CODES.each(conn, batch=4, event=sample_event, codes=codes))
        assert [r.code for r in rows] == codes and rows[-1].recorded_at == at
        first = next(iter(BY_CODES.each(conn, batch=4, event=sample_event, codes=codes[:2])))
        assert first == Stamp("E000", at)  # a reader may stop early: its cursor is closed
