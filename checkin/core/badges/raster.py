"""A badge as a Pillow image at the printer's resolution: what the desk window prints
(one walk-in, one reprint) and what the README samples show."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from checkin.core.badges.fit import font_path
from checkin.core.badges.layout import PT_MM, Layout
from checkin.core.badges.plan import BadgeData, BadgePlan, plan_badge

MM_PER_INCH = 25.4


def render_badge(data: BadgeData, layout: Layout, dpi: int = 300) -> Image.Image:
    return draw_plan(plan_badge(data, layout), layout, dpi)


def draw_plan(plan: BadgePlan, layout: Layout, dpi: int) -> Image.Image:
    scale = dpi / MM_PER_INCH  # pixels per mm
    img = Image.new("RGB", (round(plan.width * scale), round(plan.height * scale)), "white")
    draw = ImageDraw.Draw(img)
    for rect in plan.rects:
        b = rect.box
        draw.rectangle((round(b.x * scale), round(b.y * scale),
                        round((b.x + b.w) * scale) - 1, round((b.y + b.h) * scale) - 1),
                       fill=rect.fill)
    for line in plan.lines:
        px = line.size * PT_MM * scale
        font = _font(line.bold, round(px, 2))
        limit = line.box.w * scale + 0.5
        # Hinting rounds each glyph's advance to whole pixels: at small sizes a line can
        # come out a little wider than the font's own widths say. Never wider than planned.
        while font.getlength(line.text) > limit and px > 1:
            px *= 0.98
            font = _font(line.bold, round(px, 2))
        draw.text((line.x * scale, line.baseline * scale), line.text, font=font,
                  fill=line.colour, anchor="ls")
    _draw_qr(img, plan, scale)
    if plan.logo is not None and layout.logo_file is not None:
        b = plan.logo.box
        logo = _logo(layout.logo_file, round(b.w * scale), round(b.h * scale))
        at = (round(b.x * scale + (b.w * scale - logo.width) / 2),
              round(b.y * scale + (b.h * scale - logo.height) / 2))
        img.paste(logo, at, logo)
    return img


def _draw_qr(img: Image.Image, plan: BadgePlan, scale: float) -> None:
    """Whole pixels per module, so every module is the same size (scanners need that);
    the symbol is centred in its square, a little smaller rather than blurred."""
    qr = plan.qr
    n = len(qr.matrix)
    module_px = max(1, int(qr.module * scale))
    data = bytes(0 if dark else 255 for row in qr.matrix for dark in row)
    symbol = Image.frombytes("L", (n, n), data).resize((n * module_px, n * module_px),
                                                       Image.Resampling.NEAREST)
    side = qr.box.w * scale
    at = (round(qr.box.x * scale + (side - symbol.width) / 2),
          round(qr.box.y * scale + (side - symbol.height) / 2))
    img.paste(symbol, at)


@lru_cache(maxsize=256)
def _font(bold: bool, px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), px, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=16)
def _logo(path: Path, w: int, h: int) -> Image.Image:
    with Image.open(path) as src:
        logo = src.convert("RGBA")
    logo.thumbnail((max(1, w), max(1, h)), Image.Resampling.LANCZOS)
    return logo
