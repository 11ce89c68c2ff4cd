"""Fitting a name into its box: shrink to the minimum size, then wrap, then abbreviate.

Widths come from the bundled font's own advance widths (Pillow's basic layout, no
kerning), in millimetres per point of size, so the same decision holds for the PDF
(fpdf2 reads the same widths from the same file) and for an image at any resolution.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from checkin.core.badges.layout import PT_MM, TextField
from checkin.resources import resource_path

ELLIPSIS = "…"
_REF = 1000  # reference size in pixels: widths are measured once at it, then scaled
_BREAK = re.compile(r"[^\s-]+-*|-+")


def font_path(bold: bool) -> Path:
    return resource_path("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@lru_cache(maxsize=4)
def _ref_font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), _REF, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=2)
def metrics(bold: bool) -> tuple[float, float]:
    """(ascent, descent) as fractions of the font size."""
    ascent, descent = _ref_font(bold).getmetrics()
    return ascent / _REF, descent / _REF


@lru_cache(maxsize=65536)
def width_mm(text: str, bold: bool, size_pt: float) -> float:
    return _em_width(text, bold) * size_pt * PT_MM


@lru_cache(maxsize=65536)
def _em_width(text: str, bold: bool) -> float:
    return _ref_font(bold).getlength(text) / _REF


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float          # points
    line_height: float   # mm
    abbreviated: bool = False


def clean(text: str) -> str:
    """One line of NFC text: decomposed accents drawn as one glyph, no stray controls."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def fit(text: str, spec: TextField) -> Fitted:
    text = clean(text)
    if spec.upper:
        text = text.upper()
    bold = spec.bold
    ascent, descent = metrics(bold)
    lh_per_pt = (ascent + descent) * PT_MM
    box_w, box_h = spec.box.w, spec.box.h
    if not text:
        return Fitted((), spec.size, spec.size * lh_per_pt)
    # 1. one line, as large as it goes (width is linear in the size: no search needed)
    em = _em_width(text, bold) * PT_MM
    size = _floor(min(spec.size, box_w / em if em else spec.size, box_h / lh_per_pt))
    if size >= spec.min_size:
        return Fitted((text,), size, size * lh_per_pt)
    # 2. wrapped on up to `lines` lines, at the largest size whose lines all fit
    size = spec.size
    while size >= spec.min_size - 1e-9:
        n = min(spec.lines, int(box_h // (size * lh_per_pt + 1e-9)))
        if n >= 2:
            lines = _wrap(text, bold, size, box_w, hard=False)
            if lines is not None and len(lines) <= n:
                return Fitted(tuple(lines), size, size * lh_per_pt)
        size = round(size - 0.5, 2)
    # 3. at the minimum size, as many lines as the box holds, the last one abbreviated
    size = spec.min_size
    n = max(1, min(spec.lines, int(box_h // (size * lh_per_pt + 1e-9))))
    lines = _wrap(text, bold, size, box_w, hard=True) or [text]
    if len(lines) <= n and all(width_mm(line, bold, size) <= box_w for line in lines):
        return Fitted(tuple(lines), size, size * lh_per_pt)
    kept = lines[:n - 1]
    rest = " ".join(lines[n - 1:]) if n - 1 < len(lines) else ""
    kept.append(_abbreviate(rest, bold, size, box_w))
    return Fitted(tuple(kept), size, size * lh_per_pt, abbreviated=True)


def _floor(size: float) -> float:
    return int(size * 4) / 4  # quarter points: stable across runs and backends


def _wrap(text: str, bold: bool, size: float, box_w: float, hard: bool) -> list[str] | None:
    """Greedy lines at spaces and after hyphens. A piece wider than the box is cut by
    characters when `hard`, else the wrap fails (None), so a larger size is not chosen
    at the price of cutting a word."""
    pieces: list[tuple[str, bool]] = []  # (piece, space before it)
    for word in text.split(" "):
        for i, part in enumerate(_BREAK.findall(word)):
            pieces.append((part, i == 0))
    lines: list[str] = []
    line = ""
    for piece, spaced in pieces:
        candidate = (line + (" " if spaced else "") + piece) if line else piece
        if width_mm(candidate, bold, size) <= box_w:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = piece
        while width_mm(line, bold, size) > box_w:
            if not hard:
                return None
            cut = _longest_prefix(line, bold, size, box_w)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _longest_prefix(text: str, bold: bool, size: float, box_w: float) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_mm(text[:mid], bold, size) <= box_w:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _abbreviate(text: str, bold: bool, size: float, box_w: float) -> str:
    """The longest start of `text` that fits with an ellipsis after it."""
    if width_mm(text, bold, size) <= box_w:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_mm(text[:mid].rstrip(" -") + ELLIPSIS, bold, size) <= box_w:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" -") + ELLIPSIS
