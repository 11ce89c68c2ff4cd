"""Hostile and oversized files, as an attacker or a broken export makes them: each is refused
in one line naming the row (or the file) and the limit, before it is held in memory, and
nothing is written (issue 20, point 3)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from checkin.core.registrants import tabular
from checkin.core.registrants.import_context import ImportRefused
from checkin.core.registrants.importer import import_registrants, inspect_file
from checkin.store.models import Attendee
from tests.helpers.cli import run_cli


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))


def _bound(column: str) -> int:
    return Attendee.__table__.c[column].type.length  # type: ignore[attr-defined]


def _people(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(Attendee)).scalar_one()


def _csv(tmp_path: Path, first_name: str, name: str = "inscrits.csv") -> Path:
    path = tmp_path / name
    path.write_text("Nom;Prénom;Email\nDupré;Hélène;helene@example.fr\n"
                    f"L'Hôte;{first_name};cecile@example.fr\n", encoding="utf-8")
    return path


def test_a_name_longer_than_its_column_is_refused_naming_the_row_on_both_backends(
        engine, sample_event, tmp_path):
    # SQLite would keep any length; PostgreSQL refused the whole import without naming the row.
    bound = _bound("first_name")
    path = _csv(tmp_path, "C" * (bound + 1))
    before = _people(engine)
    with pytest.raises(ImportRefused) as refused:
        import_registrants(engine, sample_event, inspect_file(path))
    assert refused.value.problems == [
        f"row 3, 'Prénom': {bound + 1:,} characters, more than the {bound} the store keeps "
        "for first name"]
    assert _people(engine) == before


def test_a_name_at_its_column_bound_is_imported(engine, sample_event, tmp_path):
    path = _csv(tmp_path, "C" * _bound("first_name"))
    assert import_registrants(engine, sample_event, inspect_file(path)).added == 2


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    from checkin.core.programme.event_file import sample_event_path

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert run_cli(capsys, "--db", url, "event", "load", str(sample_event_path()))[0] == 0
    return url


def _refused(capsys, db: str, path: Path) -> str:
    code, out, err = run_cli(capsys, "--db", db, "import", str(path))
    assert code == 2 and "Traceback" not in err
    head, *problems = err.strip().splitlines()
    assert head.endswith("not imported, nothing was written:")
    assert len(problems) == 1
    return problems[0]


def test_cli_a_cell_over_pythons_csv_field_limit_is_one_line(capsys, db, tmp_path):
    path = _csv(tmp_path, "C" * 200_000)
    problem = _refused(capsys, db, path)
    assert "row 3: a cell longer than 131,072 characters" in problem


def test_cli_a_cell_longer_than_a_spreadsheet_cell_is_refused(capsys, db, tmp_path):
    path = _csv(tmp_path, "C" * 40_000)
    problem = _refused(capsys, db, path)
    assert "row 3, 'Prénom': a cell of 40,000 characters (a spreadsheet cell holds at most 32,767)" in problem


def test_cli_too_long_value_in_an_unbounded_field_source_names_the_column(capsys, db, tmp_path):
    path = tmp_path / "full.csv"
    path.write_text("Participant;Mail\nAnne Durand;" + "a" * 300 + "@example.fr\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "--db", db, "import", str(path), "--map", "Participant=full_name",
                           "--map", "Mail=email")
    assert code == 2
    assert f"row 2, 'Mail': 311 characters, more than the {_bound('email')} the store keeps for email" in err


def _bomb(path: Path, size: int) -> None:
    """A workbook whose shared string is `size` characters: a few KB once deflated."""
    ok = Workbook()
    ok.active.append(["Nom", "Prénom"])
    ok.active.append(["Dupré", "Hélène"])
    ok.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(size >> 20):
                fh.write(b"A" * (1 << 20))
            fh.write(b"</t></si></sst>")


def test_cli_a_zip_bomb_is_refused_before_it_is_unzipped(capsys, db, tmp_path):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 20 << 20)
    assert path.stat().st_size < 200_000
    problem = _refused(capsys, db, path)
    assert "xl/sharedStrings.xml unzips to 21 MB" in problem and "a zip bomb" in problem


def test_cli_a_workbook_unzipping_past_the_limit_is_refused(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_XLSX_BYTES", 1000)
    path = tmp_path / "big.xlsx"
    book = Workbook()
    for i in range(50):
        book.active.append([f"Nom {i}", f"Prénom {i}"])
    book.save(path)
    assert "MB, more than the 0 MB an import reads" in _refused(capsys, db, path)


def test_cli_rows_past_the_limit_are_refused_without_reading_the_rest(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 5)
    path = tmp_path / "many.csv"
    # Row 9 would be refused for its cell: the limit speaks first, the rest is never read.
    lines = ["Nom;Prénom"] + [f"Nom{i};Prénom{i}" for i in range(7)] + ["X;" + "C" * 200_000]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = _refused(capsys, db, path)
    assert problem.endswith("more than 5 rows under the header (row 7); split the file")


def test_cli_an_xlsx_with_too_many_rows_is_refused(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    path = tmp_path / "rows.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Nom", "Prénom"])
    for _ in range(30):
        sheet.append(["A", "B"])
    book.save(path)
    assert _refused(capsys, db, path).endswith("more than 10 rows under the header (row 12); split the file")


def test_a_workbook_past_the_row_limit_is_refused_by_its_row_numbers_before_parsing(
        tmp_path, monkeypatch):
    """Its last row number says it all: no need to parse a million rows (minutes) first."""
    monkeypatch.setattr(tabular, "MAX_ROWS", 1000)
    path = tmp_path / "rows.xlsx"
    book = Workbook(write_only=True)  # no <dimension>: the last <row> gives the number
    sheet = book.create_sheet()
    sheet.append(["Nom", "Prénom"])
    for _ in range(1500):
        sheet.append(["A", "B"])
    book.save(path)
    parsed = []
    real_rows = tabular._xlsx_rows
    monkeypatch.setattr(tabular, "_xlsx_rows", lambda book, p: (
        parsed.append(r) or r for r in real_rows(book, p)))
    with pytest.raises(ImportRefused) as refused:
        inspect_file(path)
    assert refused.value.problems == [
        "rows.xlsx: more than 1,000 rows under the header (its last row is 1,501); split the file"]
    assert len(parsed) < 300  # the header and the preview, not the 1 500 rows


def test_the_default_row_limit_is_a_million():
    assert tabular.MAX_ROWS == 1_000_000
