"""Stage 2, normalise: raw cells → tidy Python values, before anything is interpreted.

Text is decoded from TCVN3/VNI/VIETWARE-X when its cell's font (or, without fonts, its characters) says so
(`core.vntext`), then put in NFC with single spaces and plain dashes. Whole numbers stored as floats become
ints; dates stay dates.
"""
import datetime as dt
import math

import pandas as pd

from core.vntext import PASTED_ENCODINGS, clean, decode_as, decode_by_font, decode_legacy, decode_legacy_checked
from etl.read import RawSheet


def normalise_cell(value: object, font: str | None = None) -> object:
    if isinstance(value, str):
        return _text(decode_legacy(value, font))
    return _tidy(value)


def _text(value: str) -> str | None:
    text = clean(value)
    if text.startswith("'") and not text.endswith("'"):  # Excel's "text" prefix, exported into the value: '2024
        text = text[1:].strip()
    return text or None


def _tidy(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (dt.time, dt.timedelta)):
        return None  # a bare time of day or a duration carries nothing a report needs
    return value


def normalise_grid(sheet: RawSheet) -> list[list[object]]:
    return normalise_sheet(sheet)[0]


def normalise_sheet(sheet: RawSheet) -> tuple[list[list[object]], list[tuple[int, int]]]:
    """(the sheet as rows of normalised cells, row 0 = sheet row 1; the cells left as typed because they read
    equally well as legacy text and as Unicode, (row, col) 0-based)."""
    texts, as_typed = _decoded_texts(sheet)
    grid = [[_text(texts[(r, c)]) if (r, c) in texts else _tidy(v) for c, v in enumerate(row)]
            for r, row in enumerate(sheet.grid)]
    for (r, c), error in sheet.errors.items():  # an error cell must be reported, not read as empty
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = error
    return grid, as_typed


def _decoded_texts(sheet: RawSheet) -> tuple[dict[tuple[int, int], str], list[tuple[int, int]]]:
    """(every text cell decoded; the cells kept as typed because nothing decides). A cell that reads equally well
    typed or decoded ("Tân An" in .VnTime, TCVN3 for "Tõn An") follows the rest of the sheet: decoded when other
    cells in its font were legacy text beyond doubt (or, without a font, when the sheet's other pasted legacy text
    was all in one encoding), else kept as typed."""
    texts, unsure, legacy_fonts, pasted = {}, [], set(), set()
    for r, row in enumerate(sheet.grid):
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            font = sheet.fonts.get((r, c))
            texts[(r, c)], ambiguous = decode_legacy_checked(value, font)
            if ambiguous:
                unsure.append((r, c))
            elif texts[(r, c)] != value and font:
                legacy_fonts.add(font)
            elif texts[(r, c)] != value:  # legacy text without its font: which encoding it was pasted in
                pasted |= {e for e in PASTED_ENCODINGS if decode_as(value, e) == texts[(r, c)]}
    as_typed = []
    for r, c in unsure:
        font = sheet.fonts.get((r, c))
        if font in legacy_fonts:
            texts[(r, c)] = decode_by_font(sheet.grid[r][c], font)
        elif font is None and len(pasted) == 1:
            texts[(r, c)] = decode_as(sheet.grid[r][c], next(iter(pasted)))
        else:
            as_typed.append((r, c))
    return texts, as_typed
