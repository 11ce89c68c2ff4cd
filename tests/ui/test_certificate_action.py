"""Attendance certificates from the window: staff only, for the person the desk shows or
for everyone, written off the UI thread; refused in French for someone never scanned; the
organiser and signature set in a small dialog, an image checked before it is kept."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader

from checkin.core.admission.scan import ScanService
from checkin.core.demo import load_demo
from checkin.core.exports.certificates import signer
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.store.models import Journal
from checkin.ui.certificate_dialog import CertificatesDialog, FolderDialog, SignerDialog
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.import_dialog import FileDialog
from tests.helpers.window import desk_window, english_window, hand_desk_to, menu_action


@pytest.fixture
def people(sqlite_url, tmp_path, monkeypatch):
    """The sample with 30 registrants, two of them scanned in; the third never came."""
    engine = open_store(sqlite_url)
    load_demo(engine, 30)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT code, first_name, last_name FROM attendee WHERE status = 'registered' "
            "AND source <> 'event-file' ORDER BY id LIMIT 3")).all()
    desk = ScanService(engine, 1, desk="A")
    for code, *_ in rows[:2]:
        assert desk.scan(code).accepted
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "files").mkdir()
    return rows


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "error", staticmethod(lambda _p, _t, text: said.append(text)))
    return said


def save_as(monkeypatch, path) -> list[str]:
    suggested: list[str] = []

    def choose(_parent, _title, _filters, name=""):
        suggested.append(name)
        return str(path)

    monkeypatch.setattr(FileDialog, "save_file", staticmethod(choose))
    return suggested


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 80), (0, 0, 90)).save(out, "PNG")
    return out.getvalue()


def test_volunteers_and_coordinators_have_no_certificate_actions(qtbot, sqlite_url, people,
                                                                 errors):
    with english_window(qtbot, sqlite_url) as window:
        for role in (Role.VOLUNTEER, Role.COORDINATOR):
            hand_desk_to(window, role)
            for name in ("certificateAction", "certificatesAction"):
                assert not menu_action(window, name).isEnabled()
                menu_action(window, name).trigger()
        assert window.findChild(CertificatesDialog) is None and errors == []
        hand_desk_to(window, Role.STAFF)
        assert menu_action(window, "certificateAction").isEnabled()
        assert menu_action(window, "certificatesAction").isEnabled()


def test_staff_make_the_certificate_of_the_person_at_the_desk(qtbot, sqlite_url, people,
                                                              tmp_path, monkeypatch, errors):
    code, first, last = people[0]
    out = tmp_path / "files" / "one.pdf"
    suggested = save_as(monkeypatch, out)
    with desk_window(qtbot, sqlite_url) as window:
        hand_desk_to(window, Role.STAFF)
        desk = window.desk_view()
        desk.submit_scan(code)  # already in: the answer shows them
        qtbot.waitUntil(lambda: desk.current is not None and desk.current.code == code)
        menu_action(window, "certificateAction").trigger()
        qtbot.waitUntil(lambda: out.exists(), timeout=20_000)
        qtbot.waitUntil(lambda: "Attendance certificate written" in
                        window.statusBar().currentMessage(), timeout=5000)
    assert suggested[0].startswith("attestation-") and suggested[0].endswith(f"-{code}.pdf")
    text = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert "ATTESTATION DE PRÉSENCE" in text and f"{first} {last.upper()}" in text
    assert errors == []
    with open_store(sqlite_url).connect() as conn:
        assert conn.execute(sa.select(Journal.actor, Journal.subject)
                            .where(Journal.action == "certificates")).one() == ("staff", code)


def test_someone_never_scanned_is_refused_in_french(qtbot, sqlite_url, people, tmp_path,
                                                    monkeypatch, errors):
    code, first, last = people[2]
    out = tmp_path / "files" / "never.pdf"
    suggested = save_as(monkeypatch, out)
    with desk_window(qtbot, sqlite_url, language="fr") as window:
        hand_desk_to(window, Role.STAFF)
        desk = window.desk_view()
        desk.search_input.setText(code)
        desk.controller.search(code)  # as typing does: the person found, highlighted
        qtbot.waitUntil(lambda: not desk.result_list.isHidden(), timeout=5000)
        desk.result_list.setCurrentIndex(desk.result_list.model().index(0, 0))
        assert desk.person_on_screen() == (code, f"{first} {last}")
        menu_action(window, "certificateAction").trigger()
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == [f"{first} {last} n’a jamais été scanné·e (entrée ou porte d’une "
                      "session) : il n’y a pas d’attestation de présence à établir."]
    assert suggested == [] and not out.exists()  # refused before asking where to save


def test_nobody_on_screen_is_said_in_french(qtbot, sqlite_url, people, errors):
    with desk_window(qtbot, sqlite_url, language="fr") as window:
        hand_desk_to(window, Role.STAFF)
        assert menu_action(window, "certificateAction").text() == "A&ttestation de présence…"
        menu_action(window, "certificateAction").trigger()
    assert errors == ["Scannez le badge ou cherchez d’abord la personne : l’attestation est "
                      "celle de la personne affichée à l’accueil."]


@pytest.mark.parametrize("mode", ["per-person", "one-file"])
def test_everyone_s_certificates_in_a_folder_or_one_pdf(qtbot, sqlite_url, people, tmp_path,
                                                        monkeypatch, mode):
    files = tmp_path / "files"
    monkeypatch.setattr(FolderDialog, "choose", staticmethod(lambda *_a: str(files)))
    save_as(monkeypatch, files / "toutes")
    with english_window(qtbot, sqlite_url) as window:
        hand_desk_to(window, Role.STAFF)
        menu_action(window, "certificatesAction").trigger()
        dialog = window.findChild(CertificatesDialog, "certificatesDialog")
        assert dialog is not None
        qtbot.waitUntil(lambda: "IREV — Institut Régional de la Ville" in dialog.signer_label.text())
        dialog.mode.setCurrentIndex(dialog.mode.findData(mode))
        dialog.make_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
        where = files / ("attestations" if mode == "per-person" else "toutes.pdf")
        assert dialog.status.text() == f"2 certificates written: {where}"
        hand_desk_to(window, Role.VOLUNTEER)  # handed back: nothing stays open
        assert window._certificates_dialog is None
    if mode == "per-person":
        made = sorted(p.name for p in (files / "attestations").iterdir())
        assert [name.rsplit("-", 1)[1] for name in made] == sorted(f"{c}.pdf" for c, *_ in people[:2])
    else:
        assert len(PdfReader(str(files / "toutes.pdf")).pages) == 2


def test_the_signer_dialog_keeps_an_image_and_refuses_a_non_image(qtbot, sqlite_url, people,
                                                                  tmp_path):
    engine = open_store(sqlite_url)
    dialog = SignerDialog(engine, 1, Role.STAFF, actor="staff", desk="d")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.organiser.text() == "IREV — Institut Régional de la Ville"
    assert dialog.preview.text() == "no signature image"
    text_file = tmp_path / "files" / "notes.png"
    text_file.write_text("not an image")
    assert not dialog.use_file(str(text_file))
    assert dialog.status.text() == ("This file is not an image: choose a PNG or JPEG file of "
                                    "the signature.")
    image = tmp_path / "files" / "signature.png"
    image.write_bytes(png())
    assert dialog.use_file(str(image)) and not dialog.preview.pixmap().isNull()
    dialog.organiser.setText("Marie Dupont, pour l'IREV")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=5000)
    assert signer(engine, 1) == ("Marie Dupont, pour l'IREV", png())
    volunteer = SignerDialog(engine, 1, Role.VOLUNTEER, actor="volunteer", desk="d")
    qtbot.addWidget(volunteer)
    assert not volunteer.save_button.isEnabled() and not volunteer.choose_button.isEnabled()
