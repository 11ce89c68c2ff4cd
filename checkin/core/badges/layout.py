"""Badge layouts: TOML files a user can copy and edit (format: "Badge layouts" in README.md).

Everything is checked when the file is read, so that a typo is reported as "file: key:
what is wrong" before anything is drawn or written, and the renderer can trust the
geometry (every box inside the printable area, every minimum size fitting its box).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkin.core.images import MAX_IMAGE_PIXELS, image_problem, is_colour
from checkin.core.text import one_line
from checkin.resources import resource_path

if TYPE_CHECKING:
    from checkin.core.messages import Words

PT_MM = 25.4 / 72
# Page sizes a [sheet] may name instead of giving page_width_mm / page_height_mm.
PAGES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A3": (297.0, 420.0),
         "LETTER": (215.9, 279.4), "LEGAL": (215.9, 355.6)}
TEXT_FIELDS = ("event_name", "first_name", "last_name", "organisation", "track", "band")
REQUIRED = ("first_name", "last_name", "qr")
ALIGNS = ("left", "center", "right")
LOGO_FORMATS = ("PNG", "JPEG")
MAX_PER_SHEET = 100  # badges across or down a sheet: more is a typo (and floats overflow)
# Line height of the bundled font (ascent + descent) over its size: a text box must hold
# at least one line at its minimum size. Checked against the font in the tests.
LINE_HEIGHT = 1.17


class LayoutError(ValueError):
    """A layout file that cannot be used; the message names the file and the key."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def inside(self, other: Box, slack: float = 1e-6) -> bool:
        return (self.x >= other.x - slack and self.y >= other.y - slack
                and self.x + self.w <= other.x + other.w + slack
                and self.y + self.h <= other.y + other.h + slack)


@dataclass(frozen=True)
class TextField:
    box: Box
    size: float                  # largest size, points
    min_size: float              # shrink no further; then wrap, then abbreviate
    lines: int = 1
    bold: bool = False
    align: str = "center"
    colour: str = "#000000"
    upper: bool = False


@dataclass(frozen=True)
class Sheet:
    page_w: float
    page_h: float
    columns: int
    rows: int
    left: float
    top: float
    gap_x: float
    gap_y: float
    cut_marks: bool

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class Layout:
    key: str                     # the file's stem, what --layout names
    path: Path
    name: str
    stock: str
    width: float
    height: float
    margin: float
    sheet: Sheet | None          # None: one badge per page, the page is the badge
    texts: dict[str, TextField]
    qr: Box
    logo: Box | None = None
    logo_file: Path | None = None
    colours: dict[str, str] = field(default_factory=dict)

    @property
    def per_page(self) -> int:
        return self.sheet.per_page if self.sheet else 1

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.sheet.page_w, self.sheet.page_h) if self.sheet else (self.width, self.height)

    def slots(self) -> list[tuple[float, float]]:
        """Top-left corner (mm) of each badge on a page, row by row."""
        s = self.sheet
        if s is None:
            return [(0.0, 0.0)]
        return [(s.left + c * (self.width + s.gap_x), s.top + r * (self.height + s.gap_y))
                for r in range(s.rows) for c in range(s.columns)]


def shown_name(layout: Layout, words: Words) -> str:
    """A shipped layout's name in the reader's language (checkin.core.messages lists them);
    a layout someone wrote, as its file names it."""
    return words.known(layout.name)


def shown_stock(layout: Layout, words: Words) -> str:
    return words.known(layout.stock)


def layouts_dir() -> Path:
    return resource_path("badges")


def available_layouts() -> list[Layout]:
    """The shipped layouts, by file name. A broken file raises: shipped files must load."""
    return [load_layout(p) for p in sorted(layouts_dir().glob("*.toml"))]


def find_layout(name: str) -> Layout:
    """A shipped layout by key ("a6"), or a layout file by path (a user's edited copy)."""
    path = Path(name)
    if path.suffix.lower() == ".toml" or path.parent != Path("."):
        if not path.is_file():
            raise LayoutError(f"{path}: no such layout file")
        return load_layout(path)
    candidate = layouts_dir() / f"{name}.toml"
    if not candidate.is_file():
        known = ", ".join(p.stem for p in sorted(layouts_dir().glob("*.toml")))
        raise LayoutError(f"no badge layout '{name}' (layouts: {known}; or give a .toml file)")
    return load_layout(candidate)


def load_layout(path: Path) -> Layout:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise LayoutError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # TOMLDecodeError, UnicodeDecodeError, a 5000-digit number
        raise LayoutError(f"{path}: not a valid TOML file: {exc}") from None
    except RecursionError:
        raise LayoutError(f"{path}: not a valid TOML file: lists or tables nested too "
                          "deep") from None
    return _Reader(Path(path)).layout(data)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> LayoutError:
        return LayoutError(f"{self.path}: {key}: {message}")

    def number(self, table: dict, key: str, where: str, default: float | None = None,
               low: float = 0.0, high: float = 2000.0) -> float:
        value = table.get(key, default)
        if value is None:
            raise self.fail(f"{where}{key}", "missing (a number of millimetres or points)")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{where}{key}", f"must be a number, not {value!r}")
        if not low <= value <= high:  # nan too
            # :g makes a float of an int: one of 400 digits would overflow it.
            shown = f"{value:g}" if not abs(value) >= 1e300 else "a number that large"
            raise self.fail(f"{where}{key}", f"must be between {low:g} and {high:g}, not {shown}")
        return float(value)

    def flag(self, table: dict, key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key}", f"must be true or false, not {value!r}")
        return value

    def colour(self, value: Any, key: str) -> str:
        if not is_colour(value):
            raise self.fail(key, f"must be a colour such as \"#1F6FB2\", not {value!r}")
        return value.upper()

    def only(self, table: dict, allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"{where}{key}", "unknown key (allowed: "
                                + ", ".join(sorted(allowed)) + ")")

    def table(self, data: dict, key: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table, e.g. [" + key + "]")
        return value

    def box(self, table: dict, where: str, area: Box) -> Box:
        value = table.get("box")
        if value is None:
            raise self.fail(f"{where}box", "missing: [x, y, width, height] in mm from the "
                                           "badge's top-left corner")
        if (not isinstance(value, list) or len(value) != 4
                or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value)):
            raise self.fail(f"{where}box", f"must be [x, y, width, height] in mm, not {value!r}")
        box = Box(*(float(v) for v in value))
        if box.w <= 0 or box.h <= 0:
            raise self.fail(f"{where}box", "width and height must be more than 0")
        if not box.inside(area):
            raise self.fail(f"{where}box", f"{value} leaves the printable area "
                            f"[{area.x:g}, {area.y:g}, {area.w:g}, {area.h:g}] "
                            "(the badge less its margin)")
        return box

    def layout(self, data: dict) -> Layout:
        self.only(data, {"name", "stock", "width_mm", "height_mm", "margin_mm", "sheet",
                         "colours", "qr", "logo", *TEXT_FIELDS}, "")
        for key in ("name", "stock"):
            if not isinstance(data.get(key, ""), str):
                raise self.fail(key, "must be text in quotes")
        width = self.number(data, "width_mm", "", low=10, high=500)
        height = self.number(data, "height_mm", "", low=10, high=500)
        margin = self.number(data, "margin_mm", "", default=3.0)
        if 2 * margin >= min(width, height):
            raise self.fail("margin_mm", "leaves no room on the badge")
        area = Box(margin, margin, width - 2 * margin, height - 2 * margin)
        for key in REQUIRED:
            if key not in data:
                raise self.fail(key, f"missing: every badge shows the {key.replace('_', ' ')}"
                                     f" (add a [{key}] table)")
        texts = {key: self.text_field(self.table(data, key), key, area)
                 for key in TEXT_FIELDS if key in data}
        qr_table = self.table(data, "qr")
        self.only(qr_table, {"box"}, "qr.")
        qr = self.box(qr_table, "qr.", area)
        if min(qr.w, qr.h) < 12:
            raise self.fail("qr.box", "the QR code needs a square of at least 12 mm to scan")
        logo = logo_file = None
        if "logo" in data:
            t = self.table(data, "logo")
            self.only(t, {"box", "file"}, "logo.")
            logo = self.box(t, "logo.", area)
            if not isinstance(t.get("file"), str) or not t["file"]:
                raise self.fail("logo.file", "missing: an image file (PNG, JPEG), relative to "
                                             "the layout file")
            logo_file = self.logo_file(t["file"])
        colours = data.get("colours", {})
        if not isinstance(colours, dict):
            raise self.fail("colours", "must be a table of category key = \"#RRGGBB\"")
        colours = {k: self.colour(v, f"colours.{k}") for k, v in colours.items()}
        sheet = self.sheet(data["sheet"], width, height) if "sheet" in data else None
        return Layout(key=self.path.stem, path=self.path, name=data.get("name") or self.path.stem,
                      stock=data.get("stock", ""), width=width, height=height, margin=margin,
                      sheet=sheet, texts=texts, qr=qr, logo=logo, logo_file=logo_file,
                      colours=colours)

    def logo_file(self, name: str) -> Path:
        """The logo beside the layout, checked now: a file that is not a PNG or JPEG, or
        a decompression bomb, is refused before the first badge is drawn."""
        try:
            path = (self.path.parent / name).resolve()
            found = path.is_file()
        except (OSError, ValueError) as exc:  # a name too long, a NUL in it…
            raise self.fail("logo.file", f"cannot read {name!r}: {exc}") from None
        if not found:
            raise self.fail("logo.file", f"no such image: {path}")
        problem = image_problem(path)
        if problem == "too_many_pixels":
            raise self.fail("logo.file", f"{path} is too large an image: at most "
                            f"{MAX_IMAGE_PIXELS:,} pixels (4000 × 4000)")
        if problem:
            raise self.fail("logo.file", f"{path} is not a PNG or JPEG image Pillow can read")
        return path

    def text_field(self, t: dict, key: str, area: Box) -> TextField:
        where = f"{key}."
        self.only(t, {"box", "size", "min_size", "lines", "bold", "align", "colour", "upper"},
                  where)
        box = self.box(t, where, area)
        size = self.number(t, "size", where, low=4, high=400)
        min_size = self.number(t, "min_size", where, default=min(size, 6.0), low=4, high=400)
        if min_size > size:
            raise self.fail(f"{where}min_size", f"{min_size:g} is larger than size {size:g}")
        lines = t.get("lines", 1)
        if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= 6:
            raise self.fail(f"{where}lines", f"must be a whole number from 1 to 6, not {lines!r}")
        if min_size * PT_MM * LINE_HEIGHT > box.h + 1e-6:
            raise self.fail(f"{where}min_size", f"{min_size:g} pt is too tall for a box "
                            f"{box.h:g} mm high (at most {box.h / PT_MM / LINE_HEIGHT:.1f} pt)")
        align = t.get("align", "center")
        if align not in ALIGNS:
            raise self.fail(f"{where}align", f"must be one of {', '.join(ALIGNS)}, not {align!r}")
        colour = self.colour(t.get("colour", "#000000"), f"{where}colour")
        return TextField(box=box, size=size, min_size=min_size, lines=lines,
                         bold=self.flag(t, "bold", where, False), align=align, colour=colour,
                         upper=self.flag(t, "upper", where, False))

    def sheet(self, t: Any, width: float, height: float) -> Sheet:
        if not isinstance(t, dict):
            raise self.fail("sheet", "must be a table, e.g. [sheet]")
        self.only(t, {"page", "page_width_mm", "page_height_mm", "columns", "rows", "left_mm",
                      "top_mm", "gap_x_mm", "gap_y_mm", "cut_marks"}, "sheet.")
        if "page" in t:
            page = str(t["page"]).upper()
            if page not in PAGES:
                raise self.fail("sheet.page", f"unknown page {t['page']!r} (known: "
                                f"{', '.join(PAGES)}; or give page_width_mm and page_height_mm)")
            page_w, page_h = PAGES[page]
        else:
            page_w = self.number(t, "page_width_mm", "sheet.", low=10)
            page_h = self.number(t, "page_height_mm", "sheet.", low=10)
        counts = []
        for key in ("columns", "rows"):
            value = t.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PER_SHEET:
                raise self.fail(f"sheet.{key}", f"must be a whole number of badges from 1 to "
                                f"{MAX_PER_SHEET}, not {value!r}")
            counts.append(value)
        columns, rows = counts
        left = self.number(t, "left_mm", "sheet.", default=(page_w - columns * width) / 2)
        top = self.number(t, "top_mm", "sheet.", default=(page_h - rows * height) / 2)
        gap_x = self.number(t, "gap_x_mm", "sheet.", default=0.0)
        gap_y = self.number(t, "gap_y_mm", "sheet.", default=0.0)
        if left + columns * width + (columns - 1) * gap_x > page_w + 1e-6:
            raise self.fail("sheet.columns", f"{columns} badges {width:g} mm wide do not fit "
                            f"across a page {page_w:g} mm wide")
        if top + rows * height + (rows - 1) * gap_y > page_h + 1e-6:
            raise self.fail("sheet.rows", f"{rows} badges {height:g} mm high do not fit "
                            f"down a page {page_h:g} mm high")
        return Sheet(page_w, page_h, columns, rows, left, top, gap_x, gap_y,
                     self.flag(t, "cut_marks", "sheet.", True))
