"""`checkin bench`: badges — one badge rendered, 1 000 badges to a PDF, one walk-in badge
from the store to a printable page; each beside the least the same output could cost."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

BATCH = 1000
RENDER_SAMPLES = 100
WALK_INS = 20


def bench_badges(store: Path, tmp: Path) -> list[dict[str, Any]]:
    from checkin.core.badges import find_layout
    from checkin.core.badges.people import select_badges
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{store}")
    with engine.connect() as conn:
        event_id = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
    people = select_badges(engine, event_id).badges
    if not people:
        engine.dispose()
        return []
    # As many distinct codes as badges, so no QR comes from the cache.
    batch = [replace(people[i % len(people)], code=f"{people[i % len(people)].code}-{i}")
             for i in range(BATCH)]
    layout = find_layout("a6")
    results = [_render(batch[:RENDER_SAMPLES], layout), _pdf(batch, layout, tmp),
               _walk_in(engine, people[-WALK_INS:], tmp)]
    engine.dispose()
    return results


def _p50(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _blank_and_qr(code: str, layout, dpi: int = 300):
    """The baseline: a white image of the badge's size with the QR pasted, nothing else."""
    from PIL import Image

    from checkin.core.badges.plan import qr_matrix

    scale = dpi / 25.4
    img = Image.new("RGB", (round(layout.width * scale), round(layout.height * scale)), "white")
    matrix = qr_matrix.__wrapped__(code)
    n = len(matrix)
    qr = Image.frombytes("L", (n, n), bytes(0 if d else 255 for row in matrix for d in row))
    img.paste(qr.resize((n * 12, n * 12), Image.Resampling.NEAREST), (10, 10))
    return img


def _render(badges: list, layout) -> dict[str, Any]:
    from checkin.core.badges.plan import qr_matrix
    from checkin.core.badges.raster import render_badge

    render_badge(badges[0], layout)  # fonts loaded once, as in a running desk
    mine, base = [], []
    for b in badges:
        started = time.perf_counter()
        render_badge(b, layout, 300)
        mine.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _blank_and_qr(b.code + "/", layout)
        base.append((time.perf_counter() - started) * 1000)
    qr_matrix.cache_clear()
    m, bl = _p50(mine), _p50(base)
    return {"name": "badge_render", "what": "one A6 badge rendered at 300 dpi (Pillow image)",
            "p50_ms": round(m, 2), "baseline_p50_ms": round(bl, 2),
            "baseline": "Pillow: a blank image of the same size + the QR of the same code",
            "ratio": round(m / bl, 1) if bl else None,
            "line": f"badge render, A6 at 300 dpi: p50 {m:.1f} ms (blank image + QR: "
                    f"p50 {bl:.1f} ms, ×{m / bl:.1f})"}


def _pdf(batch: list, layout, tmp: Path) -> dict[str, Any]:
    from checkin.core.badges.pdf import write_pdf
    from checkin.core.badges.plan import qr_matrix

    qr_matrix.cache_clear()
    started = time.perf_counter()
    pages = write_pdf(batch, layout, tmp / "badges.pdf")
    seconds = time.perf_counter() - started
    size = (tmp / "badges.pdf").stat().st_size
    started = time.perf_counter()
    for b in batch:
        qr_matrix.__wrapped__(b.code)
    baseline = time.perf_counter() - started
    return {"name": "badges_pdf", "what": f"{BATCH} badges to a PDF, A6 4 per A4 (goal ≤ 10 s)",
            "seconds": round(seconds, 3), "pages": pages, "pdf_bytes": size,
            "baseline_seconds": round(baseline, 3),
            "baseline": "qrcode making the same 1 000 QR matrices, nothing drawn",
            "ratio": round(seconds / baseline, 1) if baseline else None,
            "line": f"{BATCH} badges to a PDF (A6, {pages} pages, {size / 1e6:.1f} MB): "
                    f"{seconds:.2f} s (the QR codes alone: {baseline:.2f} s, "
                    f"×{seconds / baseline:.1f})"}


def _walk_in(engine, people: list, tmp: Path) -> dict[str, Any]:
    """From the attendee id to what the desk sends to the printer: the badge read from
    the store, drawn at 300 dpi, and a one-page PDF of it (goal ≤ 300 ms)."""
    from checkin.core.badges import find_layout
    from checkin.core.badges.pdf import write_pdf
    from checkin.core.badges.people import badge_for
    from checkin.core.badges.raster import render_badge

    layout = find_layout("brother-ql-62x100")
    mine, base = [], []
    for i, p in enumerate(people):
        started = time.perf_counter()
        data = badge_for(engine, p.attendee_id)
        render_badge(data, layout, 300)
        write_pdf([data], layout, tmp / f"walk-in-{i}.pdf")
        mine.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _blank_and_qr(p.code + "/walk-in", layout)
        base.append((time.perf_counter() - started) * 1000)
    m, bl = _p50(mine), _p50(base)
    return {"name": "badge_walk_in", "what": "one walk-in badge, store to image + one-page PDF "
                                             "(Brother QL 62×100, 300 dpi; goal ≤ 300 ms)",
            "p50_ms": round(m, 1), "max_ms": round(max(mine), 1), "baseline_p50_ms": round(bl, 1),
            "baseline": "Pillow: a blank image of the same size + the QR of the same code",
            "ratio": round(m / bl, 1) if bl else None,
            "line": f"walk-in badge, store to image + PDF: p50 {m:.0f} ms, max {max(mine):.0f} ms "
                    f"(blank image + QR: p50 {bl:.0f} ms, ×{m / bl:.1f})"}
