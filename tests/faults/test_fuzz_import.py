"""Fuzzing the importer with files nobody planned for: random bytes, odd headers, every
encoding and separator people save with, quoted cells spanning lines.

The contract a coordinator relies on: an import either succeeds or is refused with
ImportRefused (its message lists the problems) — never another exception — and a refused
import writes nothing.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import event as event_note
from hypothesis import strategies as st

from checkin.core.registrants.import_context import ImportRefused
from checkin.core.registrants.importer import import_registrants, inspect_file
from checkin.core.registrants.presets import GENERIC, PRESETS

pytestmark = pytest.mark.slow

# Column labels the presets know (folded forms match too), plus made-up ones.
KNOWN_LABELS = sorted({label for p in PRESETS for label in p.columns} | set(GENERIC))
LABELS = st.one_of(st.sampled_from(KNOWN_LABELS), st.text(max_size=12))
CELL = st.one_of(
    st.text(max_size=30),
    st.text(alphabet='aéœ’ "\n\r,;\t|', max_size=20),  # quotes, separators, line breaks
    st.emails(), st.sampled_from(["", "Annulé", "cancelled", "Participant", "oui", "1"]),
)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]
DELIMITERS = [",", ";", "\t", "|"]
# One store for all examples of a test (refusals must not change it); sized for ~5 s each.
FUZZ = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])


@pytest.fixture
def store(sqlite_engine: sa.Engine) -> Iterator[tuple[sa.Engine, int, Path]]:
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme

    event = load_programme(sqlite_engine, read_programme(sample_event_path())).event_id
    with tempfile.TemporaryDirectory(prefix="fuzz-import-") as folder:
        yield sqlite_engine, event, Path(folder)


def _snapshot(engine: sa.Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                     for t in ("attendee", "enrollment", "journal", "scan"))


def _import(store: tuple[sa.Engine, int, Path], data: bytes, suffix: str = ".csv",
            preset: str | None = None) -> None:
    """Import the bytes; refused imports must leave every table as it was."""
    engine, event, folder = store
    path = folder / f"inscrits{suffix}"
    path.write_bytes(data)
    before = _snapshot(engine)
    try:
        report = import_registrants(engine, event, inspect_file(path, preset))
        event_note("imported")
    except ImportRefused as exc:
        event_note("refused")
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert _snapshot(engine) == before
    else:
        assert report.added + report.updated + report.unchanged + len(report.skipped) <= report.rows


@settings(max_examples=60, **FUZZ)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_random_bytes_are_imported_or_refused(store, data: bytes, suffix: str) -> None:
    _import(store, data, suffix)


@settings(max_examples=35, **FUZZ)
@given(header=st.lists(LABELS, min_size=1, max_size=8),
       rows=st.lists(st.lists(CELL, max_size=9), max_size=12),
       title=st.one_of(st.none(), st.text(max_size=30)),
       encoding=st.sampled_from(ENCODINGS), delimiter=st.sampled_from(DELIMITERS),
       preset=st.sampled_from([None, None, "generic", "weezevent", "helloasso", "pretix"]))
def test_spreadsheet_like_files_are_imported_or_refused(
        store, header: list[str], rows: list[list[str]], title: str | None, encoding: str,
        delimiter: str, preset: str | None) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if title is not None:
        out.write(title + "\r\n")  # "Inscrits au Pop-Up du 10 décembre" above the header
    writer.writerow(header)
    writer.writerows(rows)
    _import(store, out.getvalue().encode(encoding, errors="replace"), ".csv", preset)
