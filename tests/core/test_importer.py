"""Importing registrants from real ticketing exports: the layouts, the encodings, re-imports
and bad files. Every test checks what ends up in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from checkin.core.registrants.import_context import ImportRefused
from checkin.core.registrants.importer import import_registrants, inspect_file, parse_map_option
from checkin.store.models import Attendee, Category, Enrollment, EventSession, Journal
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _import(engine, event_id, path, **kw):
    inspection = inspect_file(path, kw.pop("preset", None), kw.pop("mapping", None))
    return import_registrants(engine, event_id, inspection, **kw)


def _people(engine, source=None) -> dict[str, dict]:
    q = sa.select(Attendee, Category.key.label("category")).join(
        Category, Category.id == Attendee.category_id, isouter=True)
    if source:
        q = q.where(Attendee.source == source)
    with engine.connect() as conn:
        return {r["code"]: dict(r) for r in conn.execute(q).mappings()}


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


WEEZEVENT = (
    "Export des participants;;;;;;;;;;;\n"
    "Code-barres;Nom participant;Prénom participant;Email participant;Tarif;Groupe de tarif;"
    "Date de commande;Nom acheteur;Prénom acheteur;Email acheteur;Société #131470;Atelier choisi #131474\n"
    "WZ0001;Dupré;Hélène;helene@example.fr;Tarif normal;Public;03/11/2026 10:15;Dupré;Hélène;"
    "helene@example.fr;Ville d'Amiens;Coopération\n"
    "\n"
    "WZ0002;;;;Tarif intervenant;Public;04/11/2026;L'Hôte;Cécile;cecile@example.fr;BGE Picardie;\n"
)


def test_weezevent_export_keeps_ticket_codes_and_fills_from_the_buyer(engine, sample_event, tmp_path):
    path = _write(tmp_path, "weezevent.csv", WEEZEVENT, "cp1252")
    report = _import(engine, sample_event, path)
    assert report.preset == "weezevent" and report.added == 2 and not report.skipped
    people = _people(engine, "weezevent")
    helene, cecile = people["WZ0001"], people["WZ0002"]
    assert (helene["first_name"], helene["last_name"], helene["organisation"]) == ("Hélène", "Dupré", "Ville d'Amiens")
    assert helene["category"] == "participant"
    # 03/11/2026 10:15 in Paris is 09:15 UTC: dd/mm/yyyy, not mm/dd.
    assert (helene["created_at"].month, helene["created_at"].day, helene["created_at"].hour) == (11, 3, 9)
    assert (cecile["first_name"], cecile["last_name"], cecile["email"]) == ("Cécile", "L'Hôte", "cecile@example.fr")
    assert cecile["category"] == "intervenant"
    with engine.connect() as conn:
        sessions = set(conn.execute(sa.select(EventSession.key).join(
            Enrollment, Enrollment.session_id == EventSession.id)
            .where(Enrollment.attendee_id == helene["id"])).scalars())
    assert sessions == {"cooperation-matin", "cooperation-aprem"}  # a track choice books its sessions


def test_helloasso_legacy_with_bom_and_additional_fields(engine, sample_event, tmp_path):
    text = ("Numéro;Formule;Nom;Prénom;Société;Email;Statut;Date;Champ additionnel: Fonction\n"
            "1001;Entrée presse;Koné;Ibrahim;Le Courrier picard;ik@example.fr;Validé;02/11/2026;Journaliste\n"
            "1002;Entrée;Martin;Julie;ADIE;jm@example.fr;Annulé;02/11/2026;Chargée de mission\n")
    path = _write(tmp_path, "helloasso.csv", "\ufeff" + text)
    report = _import(engine, sample_event, path)
    assert report.preset == "helloasso"
    people = {p["source_id"]: p for p in _people(engine, "helloasso").values()}
    assert people["1001"]["category"] == "presse" and people["1001"]["job_title"] == "Journaliste"
    assert people["1002"]["status"] == AttendeeStatus.CANCELLED
    assert people["1001"]["code"].startswith("CK")  # no code in the file: one is made


def test_helloasso_newer_layout(engine, sample_event, tmp_path):
    text = ("Référence commande;Date de la commande;Statut de la commande;Tarif;Nom participant;"
            "Prénom participant;Nom payeur;Prénom payeur;Email payeur;Structure\n"
            "A-77;05/11/2026 18:02;Validé;Participant;Lefèvre;Noémie;Lefèvre;Noémie;nl@example.fr;Citéslab Creil\n")
    report = _import(engine, sample_event, _write(tmp_path, "ha.csv", "\ufeff" + text))
    assert report.preset == "helloasso" and report.added == 1
    (person,) = _people(engine, "helloasso").values()
    assert person["email"] == "nl@example.fr" and person["organisation"] == "Citéslab Creil"
    assert person["source_order"] == "A-77"


def test_eventbrite_report_comma_separated(engine, sample_event, tmp_path):
    text = ("Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
            "Attendee Status,Job Title,Company,Which workshop?\n"
            "1234,2026-11-02 10:00:00,Sophie,Martin,sm@example.com,1,Speaker,998877001,Attending,"
            "CEO,ACME,\n"
            "1235,2026-11-02 11:00:00,Paul,Durand,pd@example.com,1,General,998877002,Not Attending,,,\n")
    report = _import(engine, sample_event, _write(tmp_path, "eb.csv", text))
    assert report.preset == "eventbrite"
    people = {p["source_id"]: p for p in _people(engine, "eventbrite").values()}
    assert people["998877001"]["category"] == "intervenant"
    assert people["998877001"]["organisation"] == "ACME" and people["998877001"]["job_title"] == "CEO"
    assert people["998877002"]["status"] == AttendeeStatus.CANCELLED


def test_pretix_positions_with_name_parts_secret_and_attention(engine, sample_event, tmp_path):
    text = ("Order code\tPosition ID\tAttendee name\tAttendee name: Given name\tAttendee name: Family name\t"
            "Attendee email\tCompany\tProduct\tTicket secret\tRequires special attention\tComment\n"
            "ABC12\t1\tJean-Noël Lagrange\tJean-Noël\tLagrange\tjnl@example.org\tIREV\t"
            "Atelier réseau : la charte entreprises et quartiers\ts3cr3tabcdef\tYes\tFauteuil roulant\n")
    report = _import(engine, sample_event, _write(tmp_path, "pretix.tsv", text))
    assert report.preset == "pretix"
    person = _people(engine, "pretix")["s3cr3tabcdef"]
    assert (person["first_name"], person["last_name"]) == ("Jean-Noël", "Lagrange")
    assert person["attention"] and person["attention_text"] == "Fauteuil roulant"
    assert report.enrollments == 1  # the product names a workshop


def test_xlsx_with_line_breaks_in_header_cells(engine, sample_event, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Inscriptions Pop-Up 2026"])
    sheet.append(["Nom", "Prénom", "Adresse\ne-mail", "Code\npostal", "Ville"])
    sheet.append(["Façon", "Françoise", "ff@example.fr", 80000, "Amiens"])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = _import(engine, sample_event, path)
    assert report.added == 1
    (person,) = _people(engine, "generic").values()
    assert person["email"] == "ff@example.fr" and person["postcode"] == "80000"


def test_reimport_updates_adds_and_cancels_in_place(engine, sample_event, tmp_path):
    _import(engine, sample_event, _write(tmp_path, "v1.csv", WEEZEVENT, "cp1252"))
    before = _people(engine, "weezevent")
    v2 = WEEZEVENT.replace("Ville d'Amiens", "Amiens Métropole").replace(
        "WZ0002;;;;Tarif intervenant;Public;04/11/2026;L'Hôte;Cécile;cecile@example.fr;BGE Picardie;\n",
        "WZ0003;Traoré;Aïssata;at@example.fr;Tarif normal;Public;05/11/2026;;;;Citéslab;\n")
    dry = _import(engine, sample_event, _write(tmp_path, "v2.csv", v2, "cp1252"), dry_run=True)
    assert (dry.added, dry.updated, dry.cancelled) == (1, 1, 1)
    assert _people(engine, "weezevent") == before  # a dry run writes nothing
    report = _import(engine, sample_event, tmp_path / "v2.csv")
    assert (report.added, report.updated, report.cancelled) == (1, 1, 1)
    after = _people(engine, "weezevent")
    assert after["WZ0001"]["id"] == before["WZ0001"]["id"]
    assert after["WZ0001"]["organisation"] == "Amiens Métropole"
    assert after["WZ0002"]["status"] == AttendeeStatus.CANCELLED  # kept, with its scans
    again = _import(engine, sample_event, tmp_path / "v2.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_reimport_matches_by_email_when_the_platform_gives_no_id(engine, sample_event, tmp_path):
    text = "Nom;Prénom;Email;Structure\nDupont;Marc;md@example.fr;ANCT\n"
    _import(engine, sample_event, _write(tmp_path, "a.csv", text))
    report = _import(engine, sample_event, _write(tmp_path, "b.csv", text.replace("ANCT", "DREETS")))
    assert (report.added, report.updated) == (0, 1)
    (person,) = _people(engine, "generic").values()
    assert person["organisation"] == "DREETS"


def test_waitlist_when_a_session_is_full(engine, sample_event, tmp_path):
    lines = ["Nom;Prénom;Email;Atelier"] + [
        f"Nom{i};Prénom{i};p{i}@example.fr;atelier-charte" for i in range(23)]  # 20 seats
    report = _import(engine, sample_event, _write(tmp_path, "w.csv", "\n".join(lines)))
    assert report.enrollments == 23 and report.waitlisted == 3
    with engine.connect() as conn:
        booked = conn.execute(sa.select(sa.func.count()).select_from(Enrollment).where(
            Enrollment.status == EnrollmentStatus.BOOKED)).scalar()
    assert booked == 20


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x81\x8d\x8f\x90\x9d\xff\xfe" * 50, "neither UTF-8 nor Windows-1252"),
    ("Société;Ville\nADIE;Amiens\n".encode(), "no name column"),
    ("Code;Nom\nX1;Dupont\nX2;Durand\nX1;Dupré\n".encode(), "rows 2 and 4 have the same code"),
])
def test_bad_files_are_refused_and_nothing_is_written(engine, sample_event, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    attendees, journal = _count(engine, Attendee), _count(engine, Journal)
    with pytest.raises(ImportRefused) as err:
        _import(engine, sample_event, path)
    assert message in str(err.value)
    assert (_count(engine, Attendee), _count(engine, Journal)) == (attendees, journal)


def test_a_generic_mapping_is_remembered_for_files_of_the_same_shape(engine, sample_event, tmp_path):
    text = "Participant;Employeur actuel;Mail pro\nAnne Durand;ADIE;ad@example.fr\n"
    mapping = parse_map_option(["Participant=full_name", "Employeur actuel=organisation",
                                "Mail pro=email"])
    _import(engine, sample_event, _write(tmp_path, "one.csv", text), mapping=mapping)
    second = inspect_file(_write(tmp_path, "two.csv", text.replace("Anne Durand", "Léo Petit")))
    assert second.mapping == mapping
    with pytest.raises(ImportRefused):
        parse_map_option(["Participant=shoe_size"])


def test_import_is_journaled(engine, sample_event, tmp_path):
    _import(engine, sample_event, _write(tmp_path, "j.csv", WEEZEVENT, "cp1252"), actor="staff", desk="accueil-1")
    with engine.connect() as conn:
        row = conn.execute(sa.select(Journal).where(Journal.action == "import")).mappings().one()
    assert (row["actor"], row["desk"], row["subject"]) == ("staff", "accueil-1", "j.csv")
    assert row["details"]["added"] == 2


WZ_HEAD = ("Code-barres;Nom participant;Prénom participant;Email participant;Tarif;"
           "Groupe de tarif;Atelier choisi #1\n")


def test_an_email_match_never_hands_someone_another_persons_ticket(engine, sample_event, tmp_path):
    _import(engine, sample_event, _write(tmp_path, "w1.csv", WZ_HEAD + "AAA111;Martin;Anne;fam@ex.fr;Tarif normal;;\n"))
    report = _import(engine, sample_event, _write(tmp_path, "w2.csv", WZ_HEAD +
                     "BBB222;Martin;Paul;fam@ex.fr;Tarif normal;;\nAAA111;Martin;Anne;fam@ex.fr;Tarif normal;;\n"))
    assert (report.added, report.unchanged, report.skipped) == (1, 1, [])
    people = _people(engine, "weezevent")
    assert people["AAA111"]["first_name"] == "Anne" and people["BBB222"]["first_name"] == "Paul"


def test_people_sharing_an_email_are_told_apart_by_name(engine, sample_event, tmp_path):
    text = "Nom;Prénom;Email\nBlanc;Eva;fam2@ex.fr\nBlanc;Tom;fam2@ex.fr\n"
    _import(engine, sample_event, _write(tmp_path, "g.csv", text))
    again = _import(engine, sample_event, tmp_path / "g.csv")
    assert (again.added, again.updated, again.cancelled, again.unchanged) == (0, 0, 0, 2)


def _booked(engine, key: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(Enrollment)
                            .join(EventSession, EventSession.id == Enrollment.session_id)
                            .where(EventSession.key == key,
                                   Enrollment.status == EnrollmentStatus.BOOKED)).scalar_one()


def test_a_cancelled_registrant_gives_the_seat_back(engine, sample_event, tmp_path):
    both = WZ_HEAD + "C1;Un;Ana;a@ex.fr;Tarif normal;;atelier-charte\nC2;Deux;Bo;b@ex.fr;Tarif normal;;atelier-charte\n"
    _import(engine, sample_event, _write(tmp_path, "v1.csv", both))
    assert _booked(engine, "atelier-charte") == 2
    _import(engine, sample_event, _write(tmp_path, "v2.csv", WZ_HEAD + both.splitlines()[1] + "\n"))
    assert _booked(engine, "atelier-charte") == 1  # C2 left the export: seat released
    back = _import(engine, sample_event, tmp_path / "v1.csv")
    assert back.updated == 1 and _booked(engine, "atelier-charte") == 2  # and it comes back


def test_partial_files_do_not_cancel_everyone_else(engine, sample_event, tmp_path):
    _import(engine, sample_event, _write(tmp_path, "speakers.csv", "Nom;Prénom\nA;Aline\nB;Bruno\n"))
    second = _import(engine, sample_event, _write(tmp_path, "benevoles.csv", "Nom;Prénom\nC;Chloé\n"))
    assert second.cancelled == 0  # a hand-made list is not a full export
    rows = "".join(f"W{i};N{i};P{i};p{i}@ex.fr;Tarif normal;;\n" for i in range(6))
    _import(engine, sample_event, _write(tmp_path, "full.csv", WZ_HEAD + rows))
    partial = _write(tmp_path, "partial.csv", WZ_HEAD + rows.splitlines()[0] + "\n")
    with pytest.raises(ImportRefused) as err:
        _import(engine, sample_event, partial)
    assert "would cancel 5 of the 6" in str(err.value)
    report = _import(engine, sample_event, partial, allow_cancel=True)
    assert report.cancelled == 5 and "N1" in " ".join(report.cancelled_names)


def test_the_demo_keeps_a_coordinators_programme_edits(engine, sample_event):
    from checkin.core.demo import load_demo
    from checkin.store.models import Room

    with engine.begin() as conn:
        conn.execute(sa.update(Room.__table__).where(Room.key == "beffroi").values(capacity=12))
    load_demo(engine, 30, seed=4)
    with engine.connect() as conn:
        assert conn.execute(sa.select(Room.capacity).where(Room.key == "beffroi")).scalar() == 12
