"""Read a sign-in sheet PDF as a person does: row by row, cell by cell, and what is grey.

From the PDF's characters and their places on the page (pypdfium2): a row is what lies
around its number in the N° column, a cell what lies in a column of the sheet."""

from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium

from checkin.core.exports.sign_in_sheets import COLUMNS, TALL_ROW_H

MM = 72 / 25.4  # PDF points per millimetre


def sheet_rows(path) -> list[dict[str, str]]:
    """Every numbered row of every page: {column key: the cell's text}, a cell's lines
    joined with " / ", top to bottom; and under "KEY grey" what of it is drawn in grey."""
    rows = []
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    for page in pypdfium2.PdfDocument(str(path)):
        height, text = page.get_height(), page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if char in "\r\n":
                continue
            left, bottom, _right, top = text.get_charbox(i, loose=True)
            pdfium.FPDFText_GetFillColor(text, i, red, green, blue, alpha)
            grey = red.value == green.value == blue.value and 40 < red.value < 200
            chars.append((left / MM, (height - (bottom + top) / 2) / MM, char, grey))
        header_y = next(y for x, y, c, _g in chars if c == "N" and x < COLUMNS[1][1])
        numbers: dict[float, str] = {}
        for x, y, c, _g in chars:
            if c.isdigit() and x < COLUMNS[1][1] and y > header_y:
                numbers[round(y, 1)] = numbers.get(round(y, 1), "") + c
        cells: dict[float, dict[str, list]] = {y: {} for y in numbers}
        for x, y, c, grey in chars:
            near = min(numbers, key=lambda at: abs(at - y), default=None)
            if near is None or abs(near - y) > TALL_ROW_H / 2 or y <= header_y:
                continue
            key = next(k for k, left, _width in reversed(COLUMNS) if x >= left - 0.5)
            cells[near].setdefault(key, []).append((y, x, c, grey))
        for y in sorted(numbers):
            row = {}
            for key, placed in cells[y].items():
                lines: list[list] = []
                for char in sorted(placed):
                    if lines and char[0] - lines[-1][0][0] < 1.2:
                        lines[-1].append(char)
                    else:
                        lines.append([char])
                for name, keep in ((key, lambda g: True), (f"{key} grey", bool)):
                    said = [("".join(c for _y, _x, c, g in sorted(line, key=lambda p: p[1])
                                     if keep(g))).strip() for line in lines]
                    if any(said):
                        row[name] = " / ".join(line for line in said if line)
            rows.append(row)
    return rows
