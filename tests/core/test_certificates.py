"""Attendance certificates as the participant reads them (the PDF's text and its images),
who may have one, the files a batch leaves, the journal, and the organiser and signature
read from the event file."""

from __future__ import annotations

import io
import json
import re

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader

from checkin.core.clock import fixed_clock
from checkin.core.exports.certificates import (
    CertificateRefused, NotScanned, UnknownCode, save_signer, signer, write_certificates,
)
from checkin.core.programme.event_file import ProgrammeError, read_programme, sample_event_path
from checkin.core.programme.files import export_programme, write_event_file
from checkin.core.programme.load import load_programme
from checkin.core.roles import Role
from checkin.store.models import Event, Journal
from tests.helpers.export_day import make_day, utc

NOON = fixed_clock(utc(11, 0))  # 12:00 in Paris: the closing plenary (17:15) is to come
EVENING = fixed_clock(utc(17, 0))


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


def png(width: int = 300, height: int = 100) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 40, 120)).save(out, "PNG")
    return out.getvalue()


def pages(path) -> list[str]:
    """Each page's text, its white space made single spaces (a wrapped line is a space)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def test_one_certificate_says_who_what_where_when_and_who_signs(engine, day, tmp_path):
    out = tmp_path / "alice.pdf"
    report = write_certificates(engine, day.event_id, one_file=out, code="ALICE", clock=NOON)
    assert report.count == 1
    [text] = pages(out)
    assert "ATTESTATION DE PRÉSENCE" in text
    assert ("L'organisateur de l'événement, IREV — Institut Régional de la Ville, atteste que "
            "Alice MARTIN Ville d'Amiens a participé à l'événement « Pop-Up de l'IREV — "
            "Développement économique et politique de la ville », le jeudi 10 décembre 2026, "
            "Quai de l'innovation, Amiens Métropole, 80000 Amiens.") in text
    assert "Arrivée à 08:45 (départ non enregistré)" in text  # 07:45 UTC, no exit scan
    # Her session, its programme times and her door times (09:20–10:55 UTC).
    assert re.search(r"10:15–12:15 Relier les acteurs du territoire .*10:20–11:55", text)
    # The opening plenary, nobody scanned at its door: she was on site during it.
    assert re.search(r"09:15–10:00 Ouverture : .*présent·e sur le site", text)
    assert "Remise du prix et clôture" not in text  # at noon, the closing is still to come
    assert "Fait à Amiens, le 10 décembre 2026." in text
    assert text.count("IREV — Institut Régional de la Ville") == 2  # who attests, who signs
    assert "réf. ALICE" in text


def test_in_english_and_a_walk_in_with_an_open_door_visit(engine, day, tmp_path):
    with engine.connect() as conn:
        code = conn.execute(sa.text("SELECT code FROM attendee WHERE walk_in")).scalar_one()
    out = tmp_path / "eve.pdf"
    write_certificates(engine, day.event_id, one_file=out, code=code, lang="en", clock=EVENING)
    [text] = pages(out)
    assert "CERTIFICATE OF ATTENDANCE" in text and "Eve NOUVELLE" in text
    assert "on Thursday 10 December 2026" in text and "Arrived at 09:10" in text
    assert "entered at 10:30" in text  # in the room, no exit recorded
    assert re.search(r"17:15–17:45 Remise du prix et clôture .*on site", text)  # evening now


def test_a_long_name_is_written_whole(engine, sample_event, make_attendee, tmp_path):
    from checkin.core.admission.scan import ScanService

    desk = ScanService(engine, sample_event, desk="A", clock=fixed_clock(utc(8, 10)))
    walk = desk.walk_in("Zéphyrine", "DE LA ROCHEFOUCAULD-MONTMORENCY D'ARGENSON",
                        organisation="Collectif des habitants")
    out = tmp_path / "z.pdf"
    write_certificates(engine, sample_event, one_file=out, code=walk.code, clock=NOON)
    [text] = pages(out)
    assert "Zéphyrine DE LA ROCHEFOUCAULD-MONTMORENCY D'ARGENSON Collectif des habitants" in text
    assert "…" not in text


def test_the_signature_image_is_on_the_certificate_once_set(engine, day, tmp_path):
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    write_certificates(engine, day.event_id, one_file=before, code="ALICE", clock=NOON)
    assert not PdfReader(str(before)).pages[0].images
    save_signer(engine, day.event_id, "Marie Dupont, directrice de l'IREV", png(),
                role=Role.STAFF, actor="staff")
    write_certificates(engine, day.event_id, one_file=after, code="ALICE", clock=NOON)
    [image] = PdfReader(str(after)).pages[0].images
    assert image.image.size == (300, 100)
    assert "Marie Dupont, directrice de l'IREV, atteste que" in pages(after)[0]


def test_the_signer_is_refused_a_non_image_and_kept_out_of_the_journal(engine, day):
    with pytest.raises(ValueError, match="not a PNG or JPEG"):
        save_signer(engine, day.event_id, "X", b"%PDF-1.4 not an image", role=Role.STAFF)
    with pytest.raises(CertificateRefused):
        save_signer(engine, day.event_id, "X", None, role=Role.COORDINATOR)
    save_signer(engine, day.event_id, "Marie Dupont", png(), role=Role.STAFF, actor="staff")
    assert signer(engine, day.event_id) == ("Marie Dupont", png())
    with engine.connect() as conn:
        row = conn.execute(sa.select(Journal.subject, Journal.details)
                           .where(Journal.action == "certificate_signer")).one()
    assert "Dupont" not in json.dumps(list(row), ensure_ascii=False)
    assert row.details == {"organiser_changed": True, "signature": "set"}


@pytest.mark.parametrize("code, error", [("BOB", NotScanned), ("CAROL", NotScanned),
                                         ("NOBODY", UnknownCode)])
def test_nobody_gets_one_without_a_scan_and_nothing_is_written(engine, day, tmp_path, code,
                                                                error):
    """Bob never came; Carole's only entrance scan was undone; NOBODY is no code at all."""
    files = tmp_path / "files"
    files.mkdir()
    with pytest.raises(error, match="never scanned in|no registrant"):
        write_certificates(engine, day.event_id, one_file=files / "x.pdf", code=code)
    with pytest.raises(error):
        write_certificates(engine, day.event_id, out_dir=files / "dir", code=code)
    assert list(files.iterdir()) == []
    with engine.connect() as conn:
        assert conn.execute(sa.select(Journal.id).where(Journal.action == "certificates")).first() \
            is None


def test_a_batch_is_one_file_each_or_one_pdf_and_journaled_without_names(engine, day,
                                                                           tmp_path):
    folder = tmp_path / "attestations"
    steps: list[tuple[int, int]] = []
    report = write_certificates(engine, day.event_id, out_dir=folder, clock=NOON,
                                actor="cli:claire", desk="pc-1",
                                progress=lambda done, total: steps.append((done, total)))
    with engine.connect() as conn:
        walk_in = conn.execute(sa.text("SELECT code FROM attendee WHERE walk_in")).scalar_one()
    names = sorted(p.name for p in folder.iterdir())
    # Alice, Mallory (a name made of formula characters), Eve the walk-in; nobody else.
    assert names == ["attestation-MARTIN-Alice-ALICE.pdf", f"attestation-NOUVELLE-Eve-{walk_in}.pdf",
                     "attestation-SUM-A1-2-3-MAL.pdf"]
    assert report.count == 3 and steps[-1] == (3, 3)
    assert "Alice MARTIN" in pages(folder / names[0])[0]
    everyone = tmp_path / "toutes.pdf"
    write_certificates(engine, day.event_id, one_file=everyone, clock=NOON)
    texts = pages(everyone)
    people = ("-2+3 @SUM(A1)", "Alice MARTIN", "Eve NOUVELLE")  # in name order, "@" first
    assert [[name for name in people if name in page] for page in texts] == [[n] for n in people]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(Journal.actor, Journal.desk, Journal.subject, Journal.details)
                            .where(Journal.action == "certificates").order_by(Journal.id)).all()
    assert [(r.actor, r.desk, r.details["mode"], r.details["count"]) for r in rows] == [
        ("cli:claire", "pc-1", "per-person", 3), ("", "", "one-file", 3)]
    assert not re.search(r"Martin|Alice|Nouvelle|toutes", json.dumps([list(r) for r in rows]),
                         re.IGNORECASE)


def test_file_names_cannot_leave_the_folder(engine, sample_event, make_attendee, tmp_path):
    from checkin.core.admission.scan import ScanService

    make_attendee(code="../X1", first_name="Jean/Noël", last_name="../../etc/passwd")
    ScanService(engine, sample_event, desk="A").scan("../X1")
    (tmp_path / "files").mkdir()
    folder = tmp_path / "files" / "out"
    write_certificates(engine, sample_event, out_dir=folder)
    assert [p.name for p in (tmp_path / "files").iterdir()] == ["out"]
    assert [p.name for p in folder.iterdir()] == ["attestation-ETC-PASSWD-Jean-Noel-X1.pdf"]


def test_staff_only(engine, day, tmp_path):
    with pytest.raises(CertificateRefused, match="staff only"):
        write_certificates(engine, day.event_id, one_file=tmp_path / "x.pdf",
                           role=Role.COORDINATOR)
    assert not (tmp_path / "x.pdf").exists()


# ---- organiser and signature in the event file ------------------------------------------

def edited_sample(tmp_path, extra: str):
    """The sample event file beside a signature image, with `extra` in its [event]."""
    text = sample_event_path().read_text(encoding="utf-8")
    path = tmp_path / "event.toml"
    path.write_text(text.replace("\ndate = ", f"\n{extra}\ndate = ", 1), encoding="utf-8")
    return path


def stored_signer(engine) -> tuple[str, bytes | None]:
    with engine.connect() as conn:
        organiser, image = conn.execute(sa.select(Event.organiser, Event.signature)).one()
    return organiser, bytes(image) if image else None


def test_the_event_file_names_the_organiser_and_the_signature_beside_it(engine, tmp_path):
    (tmp_path / "signature.png").write_bytes(png())
    load_programme(engine, read_programme(edited_sample(tmp_path, 'signature = "signature.png"')))
    assert stored_signer(engine) == ("IREV — Institut Régional de la Ville", png())
    # A file that does not name a signature keeps the stored one; "" removes it.
    report = load_programme(engine, read_programme(sample_event_path()))
    assert not report.changed and stored_signer(engine)[1] == png()
    report = load_programme(engine, read_programme(edited_sample(tmp_path, 'signature = ""')))
    assert report.changes == ["event 'popup-irev-amiens': signature removed"]
    assert stored_signer(engine)[1] is None


def test_export_writes_the_signature_beside_the_file_and_loads_back_unchanged(engine, tmp_path):
    (tmp_path / "signature.png").write_bytes(png())
    event_id = load_programme(engine, read_programme(
        edited_sample(tmp_path, 'signature = "signature.png"'))).event_id
    out = tmp_path / "export" / "pop-up.toml"
    out.parent.mkdir()
    write_event_file(export_programme(engine, event_id), out)
    text = out.read_text(encoding="utf-8")
    assert 'organiser = "IREV — Institut Régional de la Ville"' in text
    assert 'signature = "pop-up-signature.png"' in text
    assert (out.parent / "pop-up-signature.png").read_bytes() == png()
    assert not load_programme(engine, read_programme(out)).changed


@pytest.mark.parametrize("make, message", [
    (None, "cannot read signature.png"),
    (lambda p: p.write_bytes(b"\x89PNG" + b"0" * (1024 * 1024 + 1)), "larger than 1 MB"),
    (lambda p: p.write_text("not an image"), "signature.png is not a PNG or JPEG image"),
])
def test_a_bad_signature_file_is_one_problem_line_and_nothing_is_loaded(engine, tmp_path,
                                                                         make, message):
    if make is not None:
        make(tmp_path / "signature.png")
    with pytest.raises(ProgrammeError) as raised:
        read_programme(edited_sample(tmp_path, 'signature = "signature.png"'))
    [line] = raised.value.problems
    assert line.startswith("[event] signature: ") and message in line
    with engine.connect() as conn:
        assert conn.execute(sa.select(Event.id)).first() is None
