"""`checkin certificates` from a shell: the files it leaves, what it prints, its refusals
(exit 1, one line, nothing written) and its journal entry under the system user."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from checkin.core.admission.scan import ScanService
from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.store.models import Journal
from tests.helpers.cli import run_cli


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    load_demo(engine, 20)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT code, first_name, last_name FROM attendee WHERE status = 'registered' "
            "AND source <> 'event-file' ORDER BY id LIMIT 4")).all()
    desk = ScanService(engine, 1, desk="A")
    for code, *_ in rows[:3]:
        assert desk.scan(code).accepted
    engine.dispose()
    return sqlite_url, rows  # the first three came, the fourth did not


def test_one_file_per_person_in_a_folder(store, tmp_path, capsys):
    url, rows = store
    out = tmp_path / "attestations"
    code, printed, _err = run_cli(capsys, "--db", url, "certificates", "--out", str(out))
    assert code == 0
    assert re.fullmatch(rf"3 certificates written to {re.escape(str(out))} in \d+\.\d s\.\n",
                        printed)
    files = sorted(out.iterdir())
    assert len(files) == 3 and all(f.name.startswith("attestation-") for f in files)
    for (person_code, first, last) in rows[:3]:
        [mine] = [f for f in files if f.name.endswith(f"-{person_code}.pdf")]
        text = PdfReader(str(mine)).pages[0].extract_text()
        assert f"{first} {last.upper()}" in " ".join(text.split())


def test_one_pdf_in_english_as_json(store, tmp_path, capsys):
    url, _rows = store
    out = tmp_path / "all.pdf"
    code, printed, _err = run_cli(capsys, "--db", url, "certificates", "--one-file", str(out),
                                  "--lang", "en", "--json")
    assert code == 0
    report = json.loads(printed)
    assert report["mode"] == "one-file" and report["count"] == 3 and report["paths"] == [str(out)]
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    assert all("CERTIFICATE OF ATTENDANCE" in page.extract_text() for page in reader.pages)


def test_one_person_and_the_journal_names_the_system_user(store, tmp_path, capsys):
    url, rows = store
    out = tmp_path / "one.pdf"
    code, printed, _err = run_cli(capsys, "--db", url, "certificates", "--one-file", str(out),
                                  "--code", rows[0][0])
    assert code == 0 and printed.startswith("1 certificate written to ")
    assert len(PdfReader(str(out)).pages) == 1
    with open_store(url).connect() as conn:
        actor, subject = conn.execute(sa.select(Journal.actor, Journal.subject)
                                      .where(Journal.action == "certificates")).one()
    assert actor.startswith("cli:") and subject == rows[0][0]


@pytest.mark.parametrize("which, message", [
    ("unscanned", "was never scanned in (entrance or session door): no attendance certificate"),
    ("unknown", "no registrant with code 'NOBODY-123' in this event"),
])
def test_a_code_that_cannot_have_one_is_refused_in_one_line(store, tmp_path, capsys, which,
                                                            message):
    url, rows = store
    person = rows[3][0] if which == "unscanned" else "NOBODY-123"
    files = tmp_path / "files"
    files.mkdir()
    out = files / "x.pdf"
    code, printed, err = run_cli(capsys, "--db", url, "certificates", "--one-file", str(out),
                                 "--code", person)
    assert code == 1 and printed == ""
    assert err.count("\n") == 1 and message in err
    assert not out.exists()
    code, printed, _err = run_cli(capsys, "--db", url, "certificates", "--out",
                                  str(files / "dir"), "--code", person, "--json")
    assert code == 1 and json.loads(printed)["refused"] == (
        "not_scanned" if which == "unscanned" else "unknown_code")
    assert list(files.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--one-file", "{tmp}/x.txt"], "certificates are written as a .pdf file"),
    (["--one-file", "{tmp}/nowhere/x.pdf"], "does not exist"),
    (["--out", "{tmp}/nowhere/deeper"], "does not exist"),
])
def test_bad_paths_are_bad_usage(store, tmp_path, capsys, args, message):
    url, _rows = store
    files = tmp_path / "files"
    files.mkdir()
    argv = [a.replace("{tmp}", str(files)) for a in args]
    code, _printed, err = run_cli(capsys, "--db", url, "certificates", *argv)
    assert code == 2 and message in err
    assert list(files.iterdir()) == []


def test_a_place_to_write_is_required(capsys):
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "certificates")
    assert exited.value.code == 2
    assert "one of the arguments --out --one-file is required" in capsys.readouterr().err
