"""The batch of badges from the store: who is in it and in what order, the PDF on sheets
(every QR read back from the rasterised pages), and the badge_print log."""

from __future__ import annotations

import pypdfium2
import pytest
import sqlalchemy as sa
import zxingcpp
from sqlmodel import Session

from checkin.core.badges import find_layout
from checkin.core.badges.pdf import BadgeOutputError, write_pdf
from checkin.core.badges.people import (
    BadgeSelectionError, badge_for, check_codes, count_badges, record_prints, select_badges,
)
from checkin.store.models import BadgePrint, Category, Enrollment, EventSession


def _session(engine, event_id: int, key: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(EventSession.id).where(
            EventSession.event_id == event_id, EventSession.key == key)).scalar_one()


def _category(engine, event_id: int, key: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(Category.id).where(
            Category.event_id == event_id, Category.key == key)).scalar_one()


def _enrol(engine, attendee_id: int, session_id: int, status: str = "booked") -> None:
    with Session(engine) as db:
        db.add(Enrollment(attendee_id=attendee_id, session_id=session_id, status=status))
        db.commit()


def test_selection_sorted_by_name_ignoring_accents_with_tracks_and_no_cancelled(
        engine, sample_event, make_attendee):
    speaker = _category(engine, sample_event, "intervenant")
    a = make_attendee(first_name="Zoé", last_name="Éluard", code="C1", category_id=speaker)
    b = make_attendee(first_name="Adèle", last_name="eluard", code="C2")
    c = make_attendee(first_name="Hugo", last_name="Abel", code="C3")
    make_attendee(first_name="Gone", last_name="Aaron", code="C4", status="cancelled")
    d = make_attendee(first_name="Léa", last_name="Ezra", code="C5")
    _enrol(engine, a, _session(engine, sample_event, "cooperation-aprem"))
    _enrol(engine, a, _session(engine, sample_event, "emergence-matin"))
    _enrol(engine, b, _session(engine, sample_event, "potentiel-matin"), status="waitlisted")
    _enrol(engine, c, _session(engine, sample_event, "cooperation-matin"))
    _enrol(engine, c, _session(engine, sample_event, "cooperation-aprem"))
    selection = select_badges(engine, sample_event)  # the event file's speakers are in it too
    ours = [x for x in selection.badges if x.code in ("C1", "C2", "C3", "C4", "C5")]
    assert [x.code for x in ours] == ["C3", "C2", "C1", "C5"]
    assert selection.cancelled == ["C4"]
    assert count_badges(engine, sample_event) == len(selection.badges)  # what the window shows
    tracks = {x.code: x.track for x in ours}
    assert tracks == {"C1": "Émergence et création · Coopération", "C2": "",
                      "C3": "Coopération", "C5": ""}
    zoe = badge_for(engine, a)
    assert (zoe.category_label, zoe.colour, zoe.event_name.startswith("Pop-Up")) == \
        ("INTERVENANT", "#E07B00", True)
    speakers = select_badges(engine, sample_event, category="intervenant").badges
    assert count_badges(engine, sample_event, category="intervenant") == len(speakers)
    assert "C1" in [x.code for x in speakers] and {x.category_key for x in speakers} == {"intervenant"}
    assert [x.code for x in select_badges(engine, sample_event, only=["C5", "C4"]).badges] \
        == ["C5"]
    assert check_codes(engine, sample_event, ["C5", "NOPE"]) == ["NOPE"]
    assert d
    with pytest.raises(BadgeSelectionError, match="no category 'vip'.*participant"):
        select_badges(engine, sample_event, category="vip")


def test_printing_is_logged_and_marks_reprints(engine, sample_event, make_attendee):
    a = make_attendee(code="P1")
    b = make_attendee(code="P2")
    others = [x.attendee_id for x in select_badges(engine, sample_event).badges
              if x.attendee_id not in (a, b)]
    record_prints(engine, others, "a6", desk="d", operator="cli")
    with engine.begin() as conn:
        conn.execute(sa.delete(BadgePrint.__table__).where(BadgePrint.attendee_id.in_([a, b])))
        conn.execute(sa.update(BadgePrint.__table__).values(layout="earlier"))
    assert record_prints(engine, [a], "a6", desk="desk-1", operator="cli", printer="x.pdf") == 0
    assert [x.code for x in select_badges(engine, sample_event, not_printed=True).badges] == ["P2"]
    assert record_prints(engine, [a, b], "label-80x50", desk="desk-2", operator="volunteer") == 1
    with engine.connect() as conn:
        rows = conn.execute(sa.select(BadgePrint.attendee_id, BadgePrint.layout, BadgePrint.desk,
                                      BadgePrint.operator, BadgePrint.reprint)
                            .where(BadgePrint.layout != "earlier").order_by(BadgePrint.id)).all()
    assert [tuple(r) for r in rows] == [(a, "a6", "desk-1", "cli", False),
                                        (a, "label-80x50", "desk-2", "volunteer", True),
                                        (b, "label-80x50", "desk-2", "volunteer", False)]
    assert select_badges(engine, sample_event, not_printed=True).badges == []
    assert count_badges(engine, sample_event, not_printed=True) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_every_qr_of_the_pdf_scans_back_to_its_ticket_code(
        engine, sample_event, make_attendee, tmp_path):
    """13 people on 10-per-page labels: two pages, rasterised at 300 dpi as a printer
    would, every code found once; names in the PDF's text in sorted order."""
    names = ["Dupré", "Lefèvre", "N'Diaye", "L'Hôte", "Œillet", "Abadie", "Bâton", "Çelik",
             "Duval", "Émond", "Faure", "Gâteau", "Hébert"]
    for i, last in enumerate(names):
        make_attendee(last_name=last, first_name="Anne-Sophie", code=f"PU-{i:04d}-XK{i * 7}")
    layout = find_layout("label-80x50")
    codes = [f"PU-{i:04d}-XK{i * 7}" for i in range(len(names))]
    badges = select_badges(engine, sample_event, only=codes).badges
    out = tmp_path / "badges.pdf"
    seen: list[tuple[int, int]] = []
    assert write_pdf(badges, layout, out, progress=lambda d, t: seen.append((d, t))) == 2
    assert seen[-1] == (13, 13)
    pdf = pypdfium2.PdfDocument(out)
    assert len(pdf) == 2
    assert pdf[0].get_size() == pytest.approx((595.28, 841.89), abs=0.1)  # A4 in points
    found, text = [], ""
    for page in pdf:
        image = page.render(scale=300 / 72).to_pil()
        found += [(b.text, b.format) for b in zxingcpp.read_barcodes(image)]
        text += page.get_textpage().get_text_range()
    assert sorted(found) == sorted((b.code, zxingcpp.BarcodeFormat.QRCode) for b in badges)
    order = [text.find(n) for n in ("Abadie", "Bâton", "Çelik", "Dupré", "Émond", "L'Hôte",
                                    "Œillet")]
    assert -1 not in order and order == sorted(order)
    pdf.close()


def test_the_pdf_can_be_drawn_as_images_at_the_printer_resolution(tmp_path):
    from checkin.core.badges import BadgeData

    layout = find_layout("dymo-30856")
    badges = [BadgeData(code=f"W{i}", first_name="Awa", last_name="N'Diaye") for i in range(2)]
    out = tmp_path / "walk-in.pdf"
    assert write_pdf(badges, layout, out, dpi=300) == 2
    pdf = pypdfium2.PdfDocument(out)
    w, h = pdf[0].get_size()
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (106, 62)
    image = pdf[1].render(scale=300 / 72).to_pil()
    assert [b.text for b in zxingcpp.read_barcodes(image)] == ["W1"]
    pdf.close()


def test_a_pdf_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    from checkin.core.badges import BadgeData

    target = tmp_path / "missing" / "b.pdf"
    with pytest.raises(BadgeOutputError, match="cannot write"):
        write_pdf([BadgeData(code="X", first_name="A", last_name="B")], find_layout("a6"), target)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def _dark(image, x_mm: float, y_mm: float, dpi: int = 150) -> bool:
    """Anything drawn within a pixel or two of the point (a hairline is anti-aliased)."""
    x, y = round(x_mm * dpi / 25.4), round(y_mm * dpi / 25.4)
    return image.convert("L").crop((x - 2, y - 2, x + 3, y + 3)).getextrema()[0] < 200


def test_cut_marks_show_where_to_cut_card_but_not_on_die_cut_labels(tmp_path):
    from checkin.core.badges import BadgeData

    badges = [BadgeData(code=f"K{i}", first_name="Awa", last_name="Diop") for i in range(6)]
    pages = {}
    for key in ("insert-4x3in", "label-80x50"):
        write_pdf(badges, find_layout(key), tmp_path / f"{key}.pdf")
        pdf = pypdfium2.PdfDocument(tmp_path / f"{key}.pdf")
        pages[key] = pdf[0].render(scale=150 / 72, draw_annots=False).to_pil()
        pdf.close()
    # 4×3 in on Letter: columns cut at 6.35, 107.95 and 209.55 mm, below a 25.4 mm top margin.
    card = pages["insert-4x3in"]
    assert all(_dark(card, x, 21) for x in (6.35, 107.95, 209.55))
    assert not _dark(card, 60, 21)  # only at the cuts
    labels = pages["label-80x50"]
    assert not any(_dark(labels, x, 20) for x in (17, 97, 113, 193))
