"""Images and colours from files people hand in (a badge layout's logo, a certificate's
signature, a category's colour): checked when the file is read, so that a decompression
bomb or a colour the badges cannot draw is refused in one line, not mid-batch."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import IO, Any, TypeGuard

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# An image's pixels, read from its header before anything is decoded: a 100 kB PNG may
# declare 30 000 × 30 000 (3.6 GB once decoded). 4000 × 4000 is far more than a logo on
# a badge, or a signature on a certificate, shows at any printer's resolution.
MAX_IMAGE_PIXELS = 16_000_000


def is_colour(value: Any) -> TypeGuard[str]:
    """`#RRGGBB`: what badges can fill a band with and draw text in (plan.contrast and the
    PDF read its three pairs of hex digits)."""
    return isinstance(value, str) and _COLOUR.fullmatch(value) is not None


def image_problem(source: Path | IO[bytes], formats: tuple[str, ...] = ("PNG", "JPEG")) -> str | None:
    """Why this image cannot be drawn ("not_image", "too_many_pixels"), or None: one of
    `formats`, at most MAX_IMAGE_PIXELS, and decoded whole (a truncated file fails here,
    not in the middle of a batch of badges)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow's own bomb warning: the size is checked below, before decoding.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.format not in formats:
                    return "not_image"
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return "too_many_pixels"
                image.load()
    except Image.DecompressionBombError:  # beyond twice Pillow's own limit: refused at open
        return "too_many_pixels"
    except Exception:  # Pillow raises many kinds (UnidentifiedImageError, OSError, SyntaxError…)
        return "not_image"
    return None
