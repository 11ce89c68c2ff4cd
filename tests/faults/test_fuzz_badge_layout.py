"""Fuzzing badge layouts with values nobody planned for: any TOML value for any key of a
shipped layout, random logo files, and bytes that are not TOML.

The contract for someone editing a copy of a layout: `checkin badges --layout copy.toml`
either draws with it or refuses it with LayoutError, one line naming the file and the key —
never another exception — and a layout that loads draws a badge without failing.
"""

from __future__ import annotations

import copy
import io
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import event as event_note
from hypothesis import strategies as st

from checkin.core.badges.layout import LayoutError, layouts_dir, load_layout
from checkin.core.badges.plan import BadgeData
from checkin.core.badges.raster import render_badge
from tests.faults.test_fuzz_event_file import _tomlable  # what tomli_w can write

pytestmark = pytest.mark.slow

SHIPPED = {p.stem: tomllib.loads(p.read_text(encoding="utf-8"))
           for p in sorted(layouts_dir().glob("*.toml"))}
TABLES = ("event_name", "first_name", "last_name", "organisation", "track", "band", "qr",
          "logo", "sheet", "colours")
KEYS = sorted({"box", "size", "min_size", "lines", "bold", "align", "colour", "upper", "file",
               "page", "page_width_mm", "page_height_mm", "columns", "rows", "left_mm",
               "top_mm", "gap_x_mm", "gap_y_mm", "cut_marks", "participant", "other"})
TOP_KEYS = ("name", "stock", "width_mm", "height_mm", "margin_mm", *TABLES, "other")
NUMBERS = st.one_of(st.integers(-10, 600), st.integers(), st.floats(allow_nan=True,
                                                                   allow_infinity=True),
                    st.sampled_from([10**400, 2**63, 0, 0.0001, 12, 43]))
TEXTS = st.one_of(st.text(max_size=12), st.sampled_from(
    ["#1F6FB2", "red; background:url(x)", "#FFF", "center", "A4", "logo.png", "bomb.png",
     "notimage.png", "../../etc/passwd", "a\x00b", "/", "x" * 300]))
SCALARS = st.one_of(NUMBERS, TEXTS, st.booleans(), st.dates(), st.times())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
BADGE = BadgeData(code="ALICE-0001", first_name="Alice", last_name="Martin",
                  organisation="Ville d'Amiens", event_name="Pop-Up", category_key="participant",
                  category_label="PARTICIPANT", colour="#1F6FB2", track="Coopération")
FUZZ: dict[str, Any] = dict(deadline=None, database=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """A folder with a logo, a decompression bomb and a file that is not an image."""
    with tempfile.TemporaryDirectory(prefix="fuzz-layout-") as name:
        path = Path(name)
        (path / "logo.png").write_bytes(_png(40, 20))
        (path / "bomb.png").write_bytes(_png(5000, 4000))  # 20 Mpx
        (path / "notimage.png").write_bytes(b"<svg/>")
        yield path


def _try(folder: Path, data: bytes) -> None:
    path = folder / "layout.toml"
    path.write_bytes(data)
    try:
        layout = load_layout(path)
    except LayoutError as exc:
        event_note("refused")
        message = str(exc)
        assert message.startswith(f"{path}: ") and len(message.splitlines()) == 1, message
        return
    event_note("loaded")
    render_badge(BADGE, layout, dpi=72)  # a layout that loads is one badges can use


@settings(max_examples=150, **FUZZ)
@given(shipped=st.sampled_from(sorted(SHIPPED)), table=st.sampled_from((None, *TABLES)),
       key=st.one_of(st.sampled_from(KEYS), st.sampled_from(TOP_KEYS)), value=VALUES)
def test_any_value_for_any_key_is_drawn_or_refused(folder, shipped: str, table: str | None,
                                                   key: str, value: Any) -> None:
    if not _tomlable(value):
        return
    data = copy.deepcopy(SHIPPED[shipped])
    if table is None:
        data[key] = value
    else:
        section = data.get(table)
        data[table] = section = section if isinstance(section, dict) else {}
        section[key] = value
    _try(folder, tomli_w.dumps(data).encode())


@settings(max_examples=20, **FUZZ)
@given(file=st.sampled_from(["logo.png", "bomb.png", "notimage.png", "missing.png", "/",
                             "a\x00b.png", "x" * 5000]),
       box=st.lists(st.integers(0, 120), min_size=4, max_size=4))
def test_a_logo_is_drawn_or_refused(folder, file: str, box: list[int]) -> None:
    data = copy.deepcopy(SHIPPED["a6"])
    data["logo"] = {"file": file, "box": box}
    _try(folder, tomli_w.dumps(data).encode())


@settings(max_examples=40, **FUZZ)
@given(data=st.one_of(st.binary(max_size=1000), st.text(max_size=300).map(str.encode),
                      st.sampled_from([b"width_mm = " + b"9" * 5000, b"a = " + b"[" * 5000])))
def test_bytes_that_are_not_a_layout_are_refused(folder, data: bytes) -> None:
    _try(folder, data)
