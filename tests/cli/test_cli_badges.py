"""`checkin badges`: the batch PDF, its log, and bad input refused with nothing written."""

from __future__ import annotations

import socket
import sqlite3

import pypdfium2
import pytest

from checkin.cli import main
from checkin.core.demo import load_demo
from checkin.store import open_store


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "s.sqlite3"
    engine = open_store(str(db))
    load_demo(engine, 40, seed=1)
    engine.dispose()
    return db


def _registered(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM attendee WHERE status = 'registered'").fetchone()[0]


def test_batch_writes_the_pdf_and_logs_every_badge(demo_db, tmp_path, capsys):
    out = tmp_path / "badges.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(out), "--layout", "a7"]) == 0
    people = _registered(demo_db)
    assert f"{people} badges on {-(-people // 8)} pages" in capsys.readouterr().out
    assert len(pypdfium2.PdfDocument(out)) == -(-people // 8)
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute("SELECT layout, desk, operator, reprint, count(*) FROM badge_print "
                            "GROUP BY 1, 2, 3, 4").fetchall()
    assert rows == [("a7", socket.gethostname(), "cli", 0, people)]
    # Everybody has a badge now: nothing left to print, and no file is written.
    again = tmp_path / "again.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(again), "--not-printed"]) == 1
    assert not again.exists()


def test_only_and_category_select_people(demo_db, tmp_path, capsys):
    with sqlite3.connect(demo_db) as conn:
        codes = [r[0] for r in conn.execute(
            "SELECT code FROM attendee WHERE status = 'registered' ORDER BY id LIMIT 3")]
    out = tmp_path / "three.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(out), "--only", *codes,
                 "--layout", "dymo-30856", "--json"]) == 0
    assert '"badges": 3' in capsys.readouterr().out
    assert len(pypdfium2.PdfDocument(out)) == 3
    out = tmp_path / "press.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(out), "--category", "jury"]) == 0
    with sqlite3.connect(demo_db) as conn:
        jury = conn.execute("SELECT count(*) FROM attendee a JOIN category c ON c.id = a.category_id "
                            "WHERE c.key = 'jury' AND a.status = 'registered'").fetchone()[0]
        logged = conn.execute("SELECT count(*) FROM badge_print WHERE printer = ?",
                              (str(out),)).fetchone()[0]
    assert jury and logged == jury


@pytest.mark.parametrize("extra,message", [
    (["--only", "NOT-A-TICKET"], "no ticket NOT-A-TICKET"),
    (["--category", "vip"], "no category 'vip'"),
    (["--layout", "a5"], "no badge layout 'a5'"),
    (["--dpi", "5"], "--dpi must be between"),
])
def test_bad_input_exits_2_and_writes_nothing(demo_db, tmp_path, capsys, extra, message):
    out = tmp_path / "b.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM badge_print").fetchone()[0] == 0


def test_a_broken_layout_file_is_named_with_its_key(demo_db, tmp_path, capsys):
    bad = tmp_path / "mine.toml"
    bad.write_text('width_mm = 80\nheight_mm = 50\n[first_name]\nbox = [3, 3, 74, 9]\nsize = 20\n'
                   '[last_name]\nbox = [3, 12, 74, 8]\nsize = "big"\n[qr]\nbox = [3, 20, 20, 20]\n',
                   encoding="utf-8")
    out = tmp_path / "b.pdf"
    assert main(["--db", str(demo_db), "badges", "--out", str(out), "--layout", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: last_name.size: must be a number" in err and "Traceback" not in err
    assert not out.exists()


def test_output_must_be_a_pdf_in_an_existing_folder(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "badges"]) == 2
    assert "--out badges.pdf" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "badges", "--out", str(tmp_path / "b.png")]) == 2
    assert main(["--db", str(demo_db), "badges", "--out", str(tmp_path / "no" / "b.pdf")]) == 2
    assert "there is no folder" in capsys.readouterr().err


def test_layouts_are_listed_with_their_stock(capsys):
    assert main(["badges", "--layout", "?"]) == 0
    listing = capsys.readouterr().out
    for key, stock in (("a6", "4 per page"), ("label-80x50", "HERMA 4412"),
                       ("brother-ql-62x100", "one per page"), ("dymo-30856", "30856")):
        line = next(line for line in listing.splitlines() if line.startswith(key + " "))
        assert stock in line
    assert main(["badges", "--list-layouts", "--json"]) == 0
    assert '"per_page": 10' in capsys.readouterr().out
