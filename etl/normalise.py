"""Stage 2, normalise: raw cells → tidy Python values, before anything is interpreted.

Text is decoded from TCVN3/VNI when its cell's font (or, without fonts, its characters) says so, then put in NFC
with single spaces and plain dashes. Whole numbers stored as floats become ints; dates stay dates.
"""
import datetime as dt
import math

import pandas as pd

from core.vntext import clean, decode_legacy
from etl.read import RawSheet


def normalise_cell(value: object, font: str | None = None) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        text = clean(decode_legacy(value, font))
        return text or None
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
    """The sheet as rows of normalised cells (row 0 = sheet row 1)."""
    grid = [[normalise_cell(v, sheet.fonts.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(sheet.grid)]
    for (r, c), error in sheet.errors.items():  # an error cell must be reported, not read as empty
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = error
    return grid
