"""Badge layouts and rendering: every shipped layout loads, long and accented names never
leave their box, broken layout files are refused with the file and key named, and the
QR on the image reads back as the ticket code."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

from checkin.core.badges import BadgeData, LayoutError, available_layouts, find_layout, plan_badge
from checkin.core.badges.fit import ELLIPSIS, fit, font_path, metrics
from checkin.core.badges.layout import LINE_HEIGHT, Box, TextField, load_layout
from checkin.core.badges.raster import render_badge

STOCK = {"a6": (105, 148, 4), "a7": (105, 74, 8), "insert-4x3in": (101.6, 76.2, 6),
         "label-80x50": (80, 50, 10), "durable-1456": (90, 60, 8),
         "brother-ql-62x100": (100, 62, 1), "dymo-30856": (106, 62, 1)}
LONG = dict(  # 60 characters each, accents, apostrophes, hyphens, ligatures
    first_name="Marie-Éléonore Françoise Clémence Joséphine d’Aubigné-Œillet",
    last_name="de La Rochefoucauld-Montmorency-Laval d’Orléans Saint-Exupér",
    organisation="Œuvre française pour l’économie sociale et solidaire des qua",
)
FRENCH = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’‘“”«»€…–—"


def person(**fields) -> BadgeData:
    values = dict(code="PU-7F3A2C9D1E", first_name="Hélène", last_name="Dupré",
                  organisation="Ville d'Amiens", category_key="participant",
                  category_label="PARTICIPANT", colour="#1F6FB2", track="Coopération",
                  event_name="Pop-Up de l'IREV — Développement économique")
    values.update(fields)
    return BadgeData(**values)


def test_every_stock_of_the_issue_has_its_layout_with_the_minimum_fields():
    layouts = {lay.key: lay for lay in available_layouts()}
    assert set(layouts) == set(STOCK)
    for key, (w, h, per_page) in STOCK.items():
        lay = layouts[key]
        assert (lay.width, lay.height, lay.per_page) == (w, h, per_page), key
        assert {"first_name", "last_name", "organisation", "track", "band"} <= set(lay.texts)
        assert lay.texts["first_name"].size > lay.texts["last_name"].size  # first name large
        assert lay.stock
        page_w, page_h = lay.page_size
        for x, y in lay.slots():
            assert 0 <= x and x + w <= page_w + 1e-6 and 0 <= y and y + h <= page_h + 1e-6


def test_bundled_font_covers_french_and_its_line_height_is_what_layouts_assume():
    for bold in (False, True):
        cmap = TTFont(font_path(bold))["cmap"].getBestCmap()
        missing = [ch for ch in FRENCH if ord(ch) not in cmap]
        assert not missing, f"{font_path(bold).name} lacks {missing}"
        ascent, descent = metrics(bold)
        assert ascent + descent <= LINE_HEIGHT


@pytest.mark.parametrize("key", sorted(STOCK))
def test_sixty_character_names_stay_inside_their_boxes(key):
    lay = find_layout(key)
    plan = plan_badge(person(**LONG), lay)
    badge = Box(lay.margin, lay.margin, lay.width - 2 * lay.margin, lay.height - 2 * lay.margin)
    fields = {"first_name", "last_name", "organisation"}
    for name in fields:
        f = plan.fitted[name]
        spec = lay.texts[name]
        assert f.lines and spec.min_size <= f.size <= spec.size
        assert len(f.lines) <= spec.lines
        assert len(f.lines) * f.line_height <= spec.box.h + 1e-6
    for line in plan.lines:
        assert line.box.inside(badge), (key, line.text, line.box)
        assert any(line.box.inside(spec.box) for spec in lay.texts.values()), line.text
    # What is printed starts like the name: an abbreviation cuts the end, not the start.
    first = " ".join(plan.fitted["first_name"].lines)
    assert first.replace("-", "").startswith("Marie")


@pytest.mark.parametrize("key", ["label-80x50", "a6"])
def test_nothing_is_drawn_in_the_badge_margin_even_for_long_names(key):
    lay = find_layout(key)
    img = render_badge(person(**LONG), lay, dpi=300).convert("L")
    m = int(lay.margin * 300 / 25.4) - 1  # a pixel of rounding
    w, h = img.size
    for strip in ((0, 0, w, m), (0, h - m, w, h), (0, 0, m, h), (w - m, 0, w, h)):
        assert img.crop(strip).getextrema() == (255, 255), (key, strip)


def test_a_name_shrinks_first_then_wraps_then_ends_with_an_ellipsis():
    spec = TextField(box=Box(0, 0, 60, 16), size=28, min_size=12, lines=2, bold=True)
    short = fit("Hélène", spec)
    assert short.lines == ("Hélène",) and short.size == 28
    shrunk = fit("Marie-Christine", spec)
    assert shrunk.lines == ("Marie-Christine",) and 12 <= shrunk.size < 28
    wrapped = fit("Marie-Christine Éléonore Joséphine", spec)
    assert len(wrapped.lines) == 2 and not wrapped.abbreviated
    assert " ".join(wrapped.lines).replace("- ", "-") == "Marie-Christine Éléonore Joséphine"
    cut = fit("Marie-Christine Éléonore Joséphine Françoise Clémence de Saint-Exupéry", spec)
    assert cut.abbreviated and cut.size == 12 and len(cut.lines) == 2
    assert cut.lines[-1].endswith(ELLIPSIS)


def test_decomposed_accents_are_drawn_as_one_letter():
    spec = TextField(box=Box(0, 0, 60, 16), size=20, min_size=10)
    assert fit("He\u0301le\u0300ne", spec).lines == ("Hélène",)


def test_qr_on_the_smallest_badge_reads_back_as_the_ticket_code():
    lay = find_layout("label-80x50")
    for code in ("PU-7F3A2C9D1E", "A1", "WZ-2026-0001-ÉTÉ"):
        img = render_badge(person(code=code), lay, dpi=300)
        found = zxingcpp.read_barcodes(img)
        assert [(b.text, b.format) for b in found] == [(code, zxingcpp.BarcodeFormat.QRCode)]


def test_the_category_colour_fills_the_band_and_a_layout_may_override_it(tmp_path):
    lay = find_layout("a6")
    band = lay.texts["band"].box
    spot = (int((band.x + 1) * 300 / 25.4), int((band.y + 1) * 300 / 25.4))
    assert render_badge(person(), lay).getpixel(spot) == (0x1F, 0x6F, 0xB2)
    text = lay.path.read_text(encoding="utf-8").replace(
        '# presse = "#000000"', 'participant = "#00AA00"')
    copy = tmp_path / "mine.toml"
    copy.write_text(text, encoding="utf-8")
    assert render_badge(person(), load_layout(copy)).getpixel(spot) == (0, 0xAA, 0)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = find_layout("a6").path.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,key", [
    ("[qr]\nbox = [31, 80, 43, 43]", "", "qr"),
    ("box = [31, 80, 43, 43]", "box = [31, 80, 43, 90]", "qr.box"),
    ('colour = "#444444"', 'colour = "grey"', "event_name.colour"),
    ("size = 36", "sise = 36", "first_name.sise"),
    ("min_size = 12", "min_size = 40", "last_name.min_size"),
    ("columns = 2", "columns = 3", "sheet.columns"),
    ('page = "A4"', 'page = "B7"', "sheet.page"),
    ("width_mm = 105", "width_mm = \"wide\"", "width_mm"),
    ("width_mm = 105", "width_mm = 105000", "width_mm"),
    ("lines = 2\nbold = true", "lines = 0\nbold = true", "first_name.lines"),
])
def test_a_broken_layout_file_is_refused_naming_the_file_and_the_key(tmp_path, old, new, key):
    path = _broken(tmp_path, old, new)
    with pytest.raises(LayoutError) as caught:
        load_layout(path)
    assert str(path) in str(caught.value)
    assert f": {key}:" in str(caught.value)


def test_a_layout_that_is_not_toml_is_refused_with_its_name(tmp_path):
    path = tmp_path / "oops.toml"
    path.write_text("width_mm = = 3\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="oops.toml: not a valid TOML file"):
        load_layout(path)
    with pytest.raises(LayoutError, match="no badge layout 'a5'"):
        find_layout("a5")


def test_a_logo_is_drawn_from_a_file_beside_the_layout(tmp_path):
    Image.new("RGB", (40, 20), (255, 0, 0)).save(tmp_path / "logo.png")
    path = _broken(tmp_path, "# [logo]\n# file = \"logo.png\"\n# box = [6, 6, 20, 12]",
                   "[logo]\nfile = \"logo.png\"\nbox = [6, 6, 20, 12]")
    img = render_badge(person(event_name=""), load_layout(path))
    assert img.getpixel((int(16 * 300 / 25.4), int(12 * 300 / 25.4))) == (255, 0, 0)
