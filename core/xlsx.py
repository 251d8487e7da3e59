"""Writing tables to .xlsx: Vietnamese headers, widths, frozen header, dd/mm/yyyy dates, and text that Excel
would run as a formula (beginning with = + - @) kept as plain text."""
import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.vntext import printable

FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _cell_value(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, str):
        return printable(value)  # a control character an older load kept would make openpyxl refuse the sheet
    return int(value) if isinstance(value, float) and value.is_integer() else value


def to_xlsx(frame: pd.DataFrame, title: str) -> bytes:
    return workbook_bytes({title: frame})


def workbook_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame."""
    book = Workbook()
    book.remove(book.active)
    for title, frame in frames.items():
        write_sheet(book.create_sheet(title[:31]), frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_sheet(ws, frame: pd.DataFrame) -> None:
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in frame.itertuples(index=False):
        ws.append([_cell_value(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            format_cell(cell)
    for index, column in enumerate(frame.columns, 1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500)])
        ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    ws.freeze_panes = "A2"


def format_cell(cell) -> None:
    """Vietnamese number and date formats; text starting like a formula ("=HYPERLINK(…)") stays text."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        cell.quotePrefix = True
    elif isinstance(cell.value, (dt.date, dt.datetime)):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(cell.value, float):
        cell.number_format = "#,##0.0"
    elif isinstance(cell.value, int):
        cell.number_format = "#,##0"


def _csv_value(value):
    value = _cell_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%d/%m/%Y}"
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    safe = pd.DataFrame({c: pd.Series([_csv_value(v) for v in frame[c]], dtype=object) for c in frame.columns})
    return safe.to_csv(index=False).encode("utf-8-sig")  # the BOM makes Excel read Vietnamese correctly
