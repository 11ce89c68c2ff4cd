"""Hostile event files and badge layouts (issue 20, point 4): refused with one line naming
the entry, the field and the limit — exit status 2, no traceback, nothing written — and an
exported programme that a spreadsheet opens without running its titles as formulas."""

from __future__ import annotations

import csv
import io
import struct
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from sqlmodel import Session, select

from checkin.core.demo import load_demo
from checkin.core.monitoring.overview import table_counts
from checkin.core.programme.event_file import sample_event_path
from checkin.resources import resource_path
from checkin.store import open_store
from checkin.store.models import BadgePrint, EventSession
from tests.helpers.cli import run_cli

SAMPLE_TEXT = sample_event_path().read_text(encoding="utf-8")
A6_TEXT = resource_path("badges", "a6.toml").read_text(encoding="utf-8")
OPENING = 'title = "Ouverture : développement économique et politique de la ville"'
FORMULA = '=HYPERLINK("http://evil.example","Programme")'


def _event_file(tmp_path: Path, old: str, new: str) -> Path:
    assert SAMPLE_TEXT.count(old) == 1, old
    path = tmp_path / "event.toml"
    path.write_text(SAMPLE_TEXT.replace(old, new), encoding="utf-8")
    return path


def _refused(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> list[str]:
    """Run a command that must be refused: status 2, no traceback; its problem lines."""
    code, _, err = run_cli(capsys, "--db", url, *argv)
    assert code == 2, err
    assert "Traceback" not in err
    return err.splitlines()


def _empty(url: str) -> bool:
    engine = open_store(url)
    try:
        return not any(table_counts(engine).values())
    finally:
        engine.dispose()


def _problem(lines: list[str], *words: str) -> str:
    """The one problem line ("  - …") holding all these words."""
    found = [line for line in lines if line.startswith("  - ") and all(w in line for w in words)]
    assert len(found) == 1, lines
    return found[0]


@pytest.mark.parametrize("capacity", [2**31, 10**20])
def test_a_capacity_beyond_the_store_is_refused_naming_the_room(capsys, store_url, tmp_path,
                                                               capacity):
    path = _event_file(tmp_path, "capacity = 220", f"capacity = {capacity}")
    lines = _refused(capsys, store_url, "event", "load", str(path))
    assert lines[0] == f"checkin: {path}: not loaded, nothing was written:"
    line = _problem(lines, "[[rooms]] #1 'auditorium'", "capacity")
    assert f"at most {2**31 - 1}" in line and str(capacity) in line
    assert _empty(store_url)


def test_a_session_title_longer_than_its_column_is_refused_on_both_backends(
        capsys, store_url, tmp_path):
    path = _event_file(tmp_path, OPENING, f'title = "{"x" * 301}"')
    line = _problem(_refused(capsys, store_url, "event", "load", str(path)),
                    "'ouverture'", "title")
    assert "301 characters long; at most 300" in line
    assert _empty(store_url)


def test_a_nul_character_in_a_name_is_refused(capsys, sqlite_url, tmp_path):
    path = _event_file(tmp_path, 'name = "Grand auditorium"', 'name = "Grand\\u0000auditorium"')
    _problem(_refused(capsys, sqlite_url, "event", "load", str(path)),
             "'auditorium'", "name", "NUL")
    assert _empty(sqlite_url)


@pytest.mark.parametrize("colour", ["red; background:url(x)", "#1F6", "red", "#1F6FB2;x"])
def test_a_category_colour_that_badges_cannot_draw_is_refused(capsys, sqlite_url, tmp_path,
                                                              colour):
    path = _event_file(tmp_path, 'colour = "#1F6FB2"', f'colour = "{colour}"')
    line = _problem(_refused(capsys, sqlite_url, "event", "load", str(path)), "colour")
    assert "[[categories]] #1" in line and "#RRGGBB" in line
    assert _empty(sqlite_url)


def test_a_number_too_long_for_python_is_refused_as_bad_toml(capsys, sqlite_url, tmp_path):
    path = _event_file(tmp_path, "capacity = 220", "capacity = " + "9" * 5000)
    line = _problem(_refused(capsys, sqlite_url, "event", "load", str(path)),
                    "not a valid TOML file")
    assert len(line) < 400
    assert _empty(sqlite_url)


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header declares width × height (1 bit a pixel) and whose data stops
    after a row: what a decompression bomb shows before it is decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" * (1 + (width + 7) // 8))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def _noise_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((200, 200), 60).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = open_store(url)
    load_demo(engine, 5, seed=1)
    engine.dispose()
    return url


def _layout_with_logo(tmp_path: Path, logo: bytes) -> Path:
    (tmp_path / "logo.png").write_bytes(logo)
    path = tmp_path / "with-logo.toml"
    path.write_text(A6_TEXT.replace('# [logo]\n# file = "logo.png"\n# box = [6, 6, 20, 12]',
                                    '[logo]\nfile = "logo.png"\nbox = [6, 6, 20, 12]'),
                    encoding="utf-8")
    return path


def _no_badge_printed(url: str, out: Path) -> bool:
    engine = open_store(url)
    with Session(engine) as db:
        printed = db.exec(select(BadgePrint)).all()
    engine.dispose()
    return not printed and not out.exists()


@pytest.mark.parametrize("logo, says", [
    (b"this is not an image\n", "is not a PNG or JPEG image"),
    (b"GIF89a" + b"\x00" * 40, "is not a PNG or JPEG image"),
    (_png_header(30_000, 30_000), "is too large an image: at most 16,000,000 pixels"),
    (_png_header(5_000, 5_000), "is too large an image: at most 16,000,000 pixels"),
    (_noise_png()[:2000], "is not a PNG or JPEG image"),  # cut short: fails decoding
], ids=["text", "gif", "bomb-30000", "5000x5000", "truncated"])
def test_a_logo_that_cannot_be_drawn_is_refused_before_the_first_badge(
        capsys, demo_url, tmp_path, logo, says):
    layout = _layout_with_logo(tmp_path, logo)
    out = tmp_path / "badges.pdf"
    lines = _refused(capsys, demo_url, "badges", "--layout", str(layout), "--out", str(out))
    assert lines == [f"checkin: {layout}: logo.file: {tmp_path / 'logo.png'} {says}"
                     + (" (4000 × 4000)" if "pixels" in says else " Pillow can read")]
    assert _no_badge_printed(demo_url, out)


def test_a_logo_that_is_an_image_is_still_printed(capsys, demo_url, tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), (255, 0, 0)).save(tmp_path / "red.png")
    layout = _layout_with_logo(tmp_path, (tmp_path / "red.png").read_bytes())
    out = tmp_path / "badges.pdf"
    code, _, err = run_cli(capsys, "--db", demo_url, "badges", "--layout", str(layout),
                           "--out", str(out))
    assert code == 0, err
    assert out.stat().st_size > 0


def test_a_signature_bomb_in_the_event_file_is_refused(capsys, sqlite_url, tmp_path):
    (tmp_path / "signature.png").write_bytes(_png_header(5_000, 5_000))
    path = _event_file(tmp_path, "[event]\n", '[event]\nsignature = "signature.png"\n')
    line = _problem(_refused(capsys, sqlite_url, "event", "load", str(path)), "signature")
    assert line.endswith("signature.png is too large an image: at most 16,000,000 pixels; "
                         "use a smaller image")
    assert _empty(sqlite_url)


@pytest.fixture
def formula_db(capsys, sqlite_url: str, tmp_path: Path) -> str:
    path = _event_file(tmp_path, OPENING, "title = '" + FORMULA + "'")
    code, _, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(path))
    assert code == 0, err
    return sqlite_url


def _titles(url: str) -> set[str]:
    engine = open_store(url)
    with Session(engine) as db:
        titles = set(db.exec(select(EventSession.title)).all())
    engine.dispose()
    return titles


def test_a_formula_title_is_exported_as_text_in_xlsx_and_loaded_back(capsys, formula_db,
                                                                      tmp_path):
    out = tmp_path / "programme.xlsx"
    code, _, err = run_cli(capsys, "--db", formula_db, "event", "export", str(out))
    assert code == 0, err
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells), "no formula cell"
    assert FORMULA in {c.value for c in cells}
    code, _, err = run_cli(capsys, "--db", formula_db, "event", "load", str(out))
    assert code == 0, err
    assert FORMULA in _titles(formula_db)


def test_a_formula_title_is_exported_inert_in_csv_and_loaded_back(capsys, formula_db,
                                                                   tmp_path):
    out = tmp_path / "programme.csv"
    code, _, err = run_cli(capsys, "--db", formula_db, "event", "export", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh, delimiter=";") for c in row]
    assert "'" + FORMULA in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    code, out_text, err = run_cli(capsys, "--db", formula_db, "event", "load", str(out))
    assert code == 0, err
    assert "title" not in out_text  # nothing changed: the title came back as it was
    assert FORMULA in _titles(formula_db)


def test_a_sheet_capacity_of_infinity_is_refused_naming_the_row(capsys, formula_db, tmp_path):
    out = tmp_path / "programme.csv"
    assert run_cli(capsys, "--db", formula_db, "event", "export", str(out))[0] == 0
    text = out.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(";")
    row = text[1].split(";")
    row[header.index("capacity")] = "1e400"
    out.write_text("\n".join([text[0], ";".join(row), *text[2:]]), encoding="utf-8-sig")
    engine = open_store(formula_db)
    before = table_counts(engine)
    line = _problem(_refused(capsys, formula_db, "event", "load", str(out)), "capacity")
    assert "programme.csv row 2" in line
    assert table_counts(engine) == before
    with engine.connect() as conn:  # the titles are as they were
        assert conn.execute(sa.select(sa.func.count()).select_from(EventSession)).scalar() == 15
    engine.dispose()
