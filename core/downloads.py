"""Downloads of what a page shows: a formatted .xlsx and a CSV of the same table.

Text that Excel would run as a formula (beginning with = + - @) is written as plain text, never a formula.
"""
import datetime as dt
import io

import pandas as pd
import streamlit as st
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core import texts

FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _cell_value(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    value = value.item() if hasattr(value, "item") else value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def to_xlsx(frame: pd.DataFrame, title: str) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title[:31]
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in frame.itertuples(index=False):
        ws.append([_cell_value(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            _format(cell)
    for index, column in enumerate(frame.columns, 1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500)])
        ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format(cell) -> None:
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


def download_buttons(frame: pd.DataFrame, stem: str, key: str) -> None:
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(texts.DOWNLOAD_XLSX, to_xlsx(frame, stem), file_name=f"{stem}.xlsx", key=f"{key}_xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         icon=":material/table_view:")
    right.download_button(texts.DOWNLOAD_CSV, to_csv(frame), file_name=f"{stem}.csv", mime="text/csv",
                          key=f"{key}_csv", icon=":material/download:")
