"""An import's memory follows a batch of rows, not the file (issue 20, point 3): a million-row
export must import within a few hundred MB. Measured with tracemalloc, never with a clock:
four times the rows must not cost anywhere near four times the memory."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from checkin.bench.importing import WEEZEVENT_HEADER
from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.core.programme.load import load_programme
from checkin.core.registrants import importer, tabular
from checkin.core.registrants.import_context import ImportRefused
from checkin.core.registrants.importer import import_registrants, inspect_file
from checkin.store import open_store
from checkin.store.models import Attendee, Enrollment, SearchPerson


@pytest.fixture(autouse=True)
def _small_batches(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    # Batches of 1000 rows: what a million rows do with 10 000, at a test's size.
    monkeypatch.setattr(importer, "BATCH", 1000, raising=False)


def _store(tmp_path: Path, name: str) -> tuple[sa.Engine, int]:
    engine = open_store(f"sqlite:///{tmp_path / name}")
    return engine, load_programme(engine, read_programme(sample_event_path())).event_id


def _count(engine: sa.Engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def _write_export(path: Path, rows: int, renamed: int = 0) -> None:
    """A Weezevent export whose people share a few hundred names (as the search index's
    caches would see them in a big file, where they are full): what grows with the rows
    is then the importer's own. `renamed`: one row in that many has another first name."""
    lasts = [f"Nom{i}" for i in range(37)]
    firsts = [f"Prénom{i}" for i in range(23)]
    tracks = ["Coopération", "Territoires", "", ""]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(WEEZEVENT_HEADER)
        for i in range(rows):
            first = firsts[i // 37 % 23] + ("-Marie" if renamed and i % renamed == 0 else "")
            out.writerow([f"T{i:07d}", lasts[i % 37], first, f"p{i}@example.org",
                          "Tarif normal", "Public", "02/11/2026 10:15", "", "", "",
                          f"Société {i % 11}", tracks[i % 4]])


def _peak_of_import(tmp_path: Path, rows: int) -> int:
    source = tmp_path / f"w{rows}.csv"
    _write_export(source, rows)
    engine, event_id = _store(tmp_path, f"s{rows}.sqlite3")
    before = {model: _count(engine, model) for model in (Attendee, SearchPerson, Enrollment)}
    inspection = inspect_file(source)
    tracemalloc.start()
    try:
        report = import_registrants(engine, event_id, inspection)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    added = {model: _count(engine, model) - n for model, n in before.items()}
    assert report.added == added[Attendee] == added[SearchPerson] == rows
    assert added[Enrollment] == report.enrollments > 0
    engine.dispose()
    return peak


def test_four_times_the_rows_cost_less_than_twice_the_memory(tmp_path):
    _peak_of_import(tmp_path, 1000)  # caches and first imports warmed, not measured
    small, big = _peak_of_import(tmp_path, 3000), _peak_of_import(tmp_path, 12000)
    assert big < 2 * small, f"peak {big / 1e6:.1f} MB for 12000 rows, {small / 1e6:.1f} MB for 3000"


def _peak_of_reimport(tmp_path: Path, people: int) -> int:
    """A store holding `people` from an export, then that export again with a tenth of
    them renamed: the peak of the second import."""
    first, second = tmp_path / f"w{people}.csv", tmp_path / f"w{people}-renamed.csv"
    _write_export(first, people)
    _write_export(second, people, renamed=10)
    engine, event_id = _store(tmp_path, f"re{people}.sqlite3")
    sample = _count(engine, Attendee)
    import_registrants(engine, event_id, inspect_file(first))
    inspection = inspect_file(second)
    tracemalloc.start()
    try:
        report = import_registrants(engine, event_id, inspection)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (report.added, report.updated, report.cancelled) == (0, people // 10, 0)
    with engine.connect() as conn:
        renamed = conn.execute(sa.select(sa.func.count()).select_from(Attendee)
                               .where(Attendee.first_name.like("%-Marie"))).scalar_one()
    assert renamed == people // 10 and _count(engine, Attendee) == sample + people
    engine.dispose()
    return peak


def test_a_reimport_over_four_times_the_people_costs_less_than_twice_the_memory(tmp_path):
    # The people already in the store are read a batch at a time, not the whole event.
    _peak_of_reimport(tmp_path, 1000)  # warmed, not measured
    small, big = _peak_of_reimport(tmp_path, 3000), _peak_of_reimport(tmp_path, 12000)
    assert big < 2 * small, f"peak {big / 1e6:.1f} MB re-importing over 12000, {small / 1e6:.1f} MB over 3000"


def test_a_problem_in_the_last_batch_leaves_the_store_as_it_was(tmp_path):
    engine, event_id = _store(tmp_path, "s.sqlite3")
    people = _count(engine, Attendee)
    lines = ["Code;Nom;Prénom"] + [f"C{i};Nom{i};Prénom{i}" for i in range(3500)] + ["C3;Dupré;Anne"]
    path = tmp_path / "dup.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_registrants(engine, event_id, inspect_file(path))
    assert refused.value.problems == ["rows 5 and 3502 have the same code 'C3': one ticket, one person"]
    assert _count(engine, Attendee) == people and _count(engine, SearchPerson) == people


def test_inspecting_a_file_reads_its_first_rows_only(tmp_path):
    # Row 3002 would refuse the file: inspecting it (the window's dialog) does not get there,
    # and counts its rows from its lines; the import reads it all and refuses it.
    lines = ["Nom;Prénom"] + [f"Nom{i};Prénom{i}" for i in range(3000)] + ["X;" + "C" * 200_000]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inspection = inspect_file(path)
    assert inspection.rows == 3001 and len(inspection.table.rows) < 3001
    engine, event_id = _store(tmp_path, "s.sqlite3")
    people = _count(engine, Attendee)
    with pytest.raises(ImportRefused) as refused:
        import_registrants(engine, event_id, inspection)
    assert "row 3002" in refused.value.problems[0] and _count(engine, Attendee) == people


def test_inspecting_a_workbook_reads_its_first_rows_only(tmp_path, monkeypatch):
    # openpyxl's write-only workbooks declare no dimension: the count is the last row's
    # number, found without parsing the sheet's rows.
    path = tmp_path / "big.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [["Nom", "Prénom"]] + [[f"Nom{i}", f"Prénom{i}"] for i in range(3000)] + [["X", "C" * 300]]:
        sheet.append(row)
    book.save(path)
    parsed = []
    rows_of = tabular._xlsx_rows

    def counted(*args):
        for row in rows_of(*args):
            parsed.append(row[0])
            yield row

    monkeypatch.setattr(tabular, "_xlsx_rows", counted)
    inspection = inspect_file(path)
    assert inspection.rows == 3001 and len(parsed) < 300
    engine, event_id = _store(tmp_path, "s.sqlite3")
    with pytest.raises(ImportRefused) as refused:
        import_registrants(engine, event_id, inspection)
    assert refused.value.problems == ["row 3002, 'Prénom': 300 characters, more than the 200 "
                                      "the store keeps for first name"]
