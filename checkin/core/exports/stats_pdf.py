"""The funders' summary of the day, as a PDF: on the first page the key figures, the arrival
curve, categories, tracks, départements and the share of QPV residents; on the second the
QPV residents per session (checkin.core.exports.stats and stats_qpv compute them)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from checkin.core.exports.files import atomic_output
from checkin.core.exports import stats_qpv
from checkin.core.exports.pdf import FONT, TEXT, fit_text, new_document, shown, wrapped
from checkin.core.exports.queries import EventInfo
from checkin.core.exports.stats import Stats

# The per-session QPV table: session, based on, yes, no, unknown, % of known, % of all.
QPV_WIDTHS = (56.0, 42.0, 12.0, 12.0, 14.0, 27.0, 27.0)
QPV_SHORT = {"fr": ("% QPV (connues)", "% QPV (ensemble)"), "en": ("QPV % (known)", "QPV % (all)")}


def write_stats_pdf(stats: Stats, ev: EventInfo, path: Path, made_at: datetime) -> None:
    """One page: key figures, the arrival curve as bars, categories, tracks, départements."""
    t = TEXT[stats.lang]
    pdf = new_document(stats.lang)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.set_xy(10, 10)
    pdf.cell(190, 8, t["stats"])
    pdf.set_font(FONT, "", 10)
    pdf.set_xy(10, 19)
    pdf.multi_cell(190, 5, f"{ev.name}\n{ev.venue} · {ev.local(ev.starts_at):%d/%m/%Y}")
    pdf.set_font(FONT, "", 7)
    pdf.text(10, 36, t["made"].format(made_at.astimezone(ev.tz).strftime("%d/%m/%Y %H:%M")))
    boxed = ("registered", "came", "rate", "walk_ins", "absent", "session_entries")
    figures = [(label, stats.figures[k]) for k, (label, _v) in
               zip(stats.figures, stats.tables["summary"]) if k in boxed]
    box_w = 190 / len(figures)
    for i, (label, value) in enumerate(figures):
        x = 10 + i * box_w
        pdf.set_draw_color(180, 180, 180)
        pdf.rect(x + 1, 40, box_w - 2, 18)
        pdf.set_font(FONT, "B", 14)
        pdf.set_xy(x + 1, 42)
        pdf.cell(box_w - 2, 7, shown(value, stats.lang), align="C")
        pdf.set_font(FONT, "", 6.5)
        pdf.set_xy(x + 1, 50)
        pdf.cell(box_w - 2, 5, fit_text(pdf, label, box_w - 4), align="C")
    lang = stats.lang
    _bars(pdf, t["curve"], stats.tables["arrivals"], 10, 66, 190, 70, lang)
    _small_table(pdf, t["by_category"], stats.header("category"), stats.tables["category"][:12],
                 10, 150, (42, 14, 12, 26), lang)
    _small_table(pdf, t["by_track"], stats.header("track")[:1] + stats.header("track")[2:],
                 [[r[0], r[2], r[3]] for r in stats.tables["track"]][:12], 106, 150, (50, 20, 24),
                 lang)
    depts = sorted(stats.tables["departement"], key=lambda r: -r[1])[:10]
    _small_table(pdf, t["by_dept"], stats.header("departement"), depts, 10, 222, (45, 15, 15), lang)
    if stats.qpv is not None:
        _qpv_box(pdf, stats.qpv, ev, lang, 104, 217, 96)
        _qpv_page(pdf, stats, ev, lang)
    with atomic_output(path) as tmp:
        pdf.output(str(tmp))


def _bars(pdf: Any, title: str, rows: list[list[Any]], x: float, y: float, w: float,
          h: float, lang: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.text(x, y, title)
    top, bottom = y + 6, y + h - 6
    pdf.set_draw_color(120, 120, 120)
    pdf.line(x + 8, bottom, x + w, bottom)
    if not rows:
        return
    peak = max(r[1] for r in rows) or 1
    slot_w = min((w - 10) / len(rows), 8.0)
    pdf.set_font(FONT, "", 6)
    pdf.text(x, top + 2, shown(peak, lang))
    pdf.set_fill_color(31, 111, 178)
    for i, (label, n, _cumulative) in enumerate(rows):
        bar_h = (bottom - top) * n / peak
        bx = x + 9 + i * slot_w
        if bar_h > 0:
            pdf.rect(bx + slot_w * 0.1, bottom - bar_h, slot_w * 0.8, bar_h, style="F")
        if label.endswith(":00") or len(rows) <= 16:
            pdf.text(bx, bottom + 3.5, label[-5:])


def _small_table(pdf: Any, title: str, header: list[str], rows: list[list[Any]], x: float,
                 y: float, widths: tuple[float, ...], lang: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.text(x, y, title)
    y += 5
    pdf.set_font(FONT, "B", 7)
    cx = x
    for name, width in zip(header, widths):
        pdf.text(cx, y, fit_text(pdf, str(name), width - 1))
        cx += width
    pdf.line(x, y + 1, x + sum(widths), y + 1)
    pdf.set_font(FONT, "", 7)
    for row in rows:
        y += 4.5
        cx = x
        for value, width in zip(row, widths):
            pdf.text(cx, y, fit_text(pdf, shown(value, lang), width - 1))
            cx += width


def _qpv_box(pdf: Any, figures: stats_qpv.QpvFigures, ev: EventInfo, lang: str, x: float,
             y: float, w: float) -> None:
    """The two sentences a funder quotes (registered, came), framed, with their source."""
    words = stats_qpv.WORDS[lang]
    pdf.set_font(FONT, "B", 9)
    pdf.set_xy(x + 2, y + 2)
    pdf.cell(w - 4, 5, fit_text(pdf, words["long_title"], w - 4))
    pdf.set_xy(x + 2, y + 8)
    pdf.set_font(FONT, "", 7.5)
    for key in ("registered", "came"):
        pdf.set_x(x + 2)
        pdf.multi_cell(w - 4, 3.6, stats_qpv.sentence(words[key], getattr(figures, key), lang),
                       align="L")
        pdf.set_y(pdf.get_y() + 1.2)
    pdf.set_font(FONT, "", 6)
    pdf.set_x(x + 2)
    pdf.multi_cell(w - 4, 3, stats_qpv.source_line(figures, ev, lang), align="L")
    pdf.set_x(x + 2)
    pdf.multi_cell(w - 4, 3, words["see_page"].format(pdf.page_no() + 1))
    pdf.set_draw_color(180, 180, 180)
    pdf.rect(x, y, w, pdf.get_y() + 1.5 - y)


def _qpv_page(pdf: Any, stats: Stats, ev: EventInfo, lang: str) -> None:
    """Registered, came and every session: yes / no / unknown and both shares."""
    figures = stats.qpv
    assert figures is not None
    words = stats_qpv.WORDS[lang]
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.set_xy(10, 10)
    pdf.cell(190, 8, words["per_session"])
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(10, 19)
    pdf.multi_cell(190, 4.5, f"{ev.name} · {ev.local(ev.starts_at):%d/%m/%Y}")
    pdf.set_font(FONT, "", 7.5)
    pdf.set_x(10)
    pdf.multi_cell(190, 3.8, words["per_session_note"], align="L")
    pdf.set_x(10)
    pdf.multi_cell(190, 3.8, stats_qpv.source_line(figures, ev, lang), align="L")
    header = stats_qpv.header(lang)
    names = [header[0], header[1], header[2], header[3], header[4], *QPV_SHORT[lang]]
    rows = [(words["registered"], words["everyone"], figures.registered),
            (words["came"], words["everyone"], figures.came)]
    rows += [(stats.qpv_titles.get(s.key, s.key), words[s.basis], s.count) for s in figures.sessions]
    y = _qpv_header(pdf, names, pdf.get_y() + 6)
    for label, basis, count in rows:
        pdf.set_font(FONT, "", 7)
        font = (FONT, "", 7)
        label_lines = wrapped(pdf, label, QPV_WIDTHS[0] - 1.5, font)[:2]
        basis_lines = wrapped(pdf, basis, QPV_WIDTHS[1] - 1.5, font)[:2]
        height = 3.4 * max(len(label_lines), len(basis_lines)) + 1.4
        if y + height > 280:
            pdf.add_page()
            y = _qpv_header(pdf, names, 16)
            pdf.set_font(FONT, "", 7)
        cells = [*count.as_list(), count.share_known(), count.share_all()]
        for i, line in enumerate(label_lines):
            pdf.text(10, y + 3.4 * (i + 1), line)
        for i, line in enumerate(basis_lines):
            pdf.text(10 + QPV_WIDTHS[0], y + 3.4 * (i + 1), line)
        cx = 10 + QPV_WIDTHS[0] + QPV_WIDTHS[1]
        for value, width in zip(cells, QPV_WIDTHS[2:]):
            pdf.text(cx, y + 3.4, "—" if value is None else shown(value, lang))
            cx += width
        y += height
        pdf.set_draw_color(220, 220, 220)
        pdf.line(10, y, 10 + sum(QPV_WIDTHS), y)


def _qpv_header(pdf: Any, names: list[str], y: float) -> float:
    pdf.set_font(FONT, "B", 7)
    cx = 10.0
    for name, width in zip(names, QPV_WIDTHS):
        pdf.text(cx, y, fit_text(pdf, name, width - 1))
        cx += width
    pdf.set_draw_color(120, 120, 120)
    pdf.line(10, y + 1.2, 10 + sum(QPV_WIDTHS), y + 1.2)
    return y + 1.2

