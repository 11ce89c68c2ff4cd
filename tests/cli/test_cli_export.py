"""`checkin export` and `checkin privacy` from a shell: files written, exit statuses,
messages for bad input, nothing written when refused."""

from __future__ import annotations

import json

import pytest

from checkin.cli import main
from checkin.core.admission.scan import ScanService
from checkin.core.demo import load_demo
from checkin.store import open_store


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 40)
    with engine.connect() as conn:
        codes = [r[0] for r in conn.exec_driver_sql(
            "SELECT code FROM attendee WHERE status = 'registered' ORDER BY id LIMIT 10")]
    desk = ScanService(engine, 1, desk="A")
    for code in codes:
        desk.scan(code)
    engine.dispose()
    return sqlite_url, codes


@pytest.mark.parametrize("kind, name", [
    ("attendance", "a.csv"), ("sessions", "s.xlsx"), ("absent", "n.csv"), ("walk-ins", "w.csv"),
    ("scans", "l.xlsx"), ("stats", "st.xlsx"), ("stats", "st.pdf"), ("sign-in", "e.pdf"),
])
def test_every_kind_writes_its_file(store, tmp_path, capsys, kind, name):
    url, _ = store
    out = tmp_path / name
    assert main(["--db", url, "export", kind, "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert out.exists() and report["kind"] == kind and report["path"] == str(out)


def test_excel_fr_option(store, tmp_path):
    url, codes = store
    out = tmp_path / "a.csv"
    assert main(["--db", url, "export", "attendance", "--out", str(out), "--excel-fr"]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert text.startswith("Code billet;Nom;Prénom") and len(text.splitlines()) == 11


@pytest.mark.parametrize("args, message", [
    (["export", "everything", "--out", "{tmp}/x.csv"], "unknown export 'everything'"),
    (["export", "attendance", "--out", "{tmp}/nowhere/x.csv"], "does not exist"),
    (["export", "sign-in", "--out", "{tmp}/x.xlsx"], "written as pdf"),
    (["export", "attendance", "--out", "{tmp}/x.csv", "--event", "nope"], "no event 'nope'"),
    (["export", "sign-in", "--out", "{tmp}/x.pdf", "--session", "nope"], "no session 'nope'"),
    (["export", "attendance", "--out", "{tmp}/x.csv", "--session", "ouverture"],
     "for the sessions and sign-in exports"),
    (["privacy", "export", "NOBODY", "--out", "{tmp}/p.json"], "no registrant has the code"),
    (["privacy", "purge"], "add --yes"),
])
def test_bad_input_exits_2_and_writes_nothing(store, tmp_path, capsys, args, message):
    url, _ = store
    files = lambda: {p for p in tmp_path.iterdir() if not p.name.startswith("store")}  # noqa: E731
    before = files()
    assert main(["--db", url, *[a.replace("{tmp}", str(tmp_path)) for a in args]]) == 2
    assert message in capsys.readouterr().err
    assert files() == before


def test_privacy_export_then_purge(store, tmp_path, capsys):
    url, codes = store
    out = tmp_path / "person.json"
    assert main(["--db", url, "privacy", "export", codes[0], "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["attendee"]["code"] == codes[0] and data["scans"][0]["result"] == "admitted"
    assert main(["--db", url, "export", "stats", "--out", str(tmp_path / "before.xlsx")]) == 0
    assert main(["--db", url, "privacy", "purge", "--yes", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "search", data["attendee"]["last_name"]]) == 1
    assert main(["--db", url, "privacy", "export", codes[0]]) == 2


def test_the_sign_in_sheet_of_one_session(store, tmp_path, capsys):
    url, _ = store
    out = tmp_path / "atelier.pdf"
    assert main(["--db", url, "export", "sign-in", "--session", "atelier-charte",
                 "--out", str(out), "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert main(["--db", url, "export", "sign-in", "--out", str(tmp_path / "all.pdf"),
                 "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert 0 < one["rows"] < every["rows"]
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "charte" in text and "Ouverture" not in text
