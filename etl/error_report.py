"""The error report a unit gets back: its own workbook with the bad cells highlighted and a "Lỗi" column.

An .xlsx keeps its formatting (openpyxl edits a copy); an .xls or .ods is rebuilt from its values.
"""
import io
from collections import defaultdict

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from core import texts
from etl.read import read_workbook
from etl.validate import Problem

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_COLUMN = "Lỗi"


def error_workbook(data: bytes, file_name: str, problems: list[Problem]) -> bytes:
    book = _open_as_xlsx(data, file_name)
    by_row = defaultdict(list)
    for p in problems:
        if p.sheet in book.sheetnames and p.row:
            by_row[(p.sheet, p.row)].append(p)
    for (sheet, row), found in by_row.items():
        _mark_row(book[sheet], row, found)
    _add_summary(book, problems)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _open_as_xlsx(data: bytes, file_name: str):
    try:
        return openpyxl.load_workbook(io.BytesIO(data))
    except Exception:  # .xls/.ods, or a file openpyxl cannot edit: rebuild it from its values
        book = openpyxl.Workbook()
        book.remove(book.active)
        try:
            sheets = read_workbook(data, file_name)
        except Exception:  # unreadable: the summary sheet alone says why
            return book
        for sheet in sheets:
            ws = book.create_sheet(sheet.name[:31])
            for values in sheet.grid:
                ws.append([v if v != "" else None for v in values])
        return book


def _mark_row(ws, row: int, problems: list[Problem]) -> None:
    error_col = _error_column(ws)
    for p in problems:
        if p.col is not None:
            cell = ws.cell(row=row, column=p.col + 1)
            cell.fill = BAD_FILL
            cell.comment = Comment(p.message, "Dân vận khéo")
    ws.cell(row=row, column=error_col, value="\n".join(p.message for p in problems)).font = Font(color="9C0006")


def _error_column(ws) -> int:
    """The "Lỗi" column right after the last used column, created once per sheet."""
    for cell in ws[1]:
        if cell.value == ERROR_COLUMN:
            return cell.column
    column = ws.max_column + 1
    ws.cell(row=1, column=column, value=ERROR_COLUMN).font = Font(bold=True, color="9C0006")
    return column


def _add_summary(book, problems: list[Problem]) -> None:
    ws = book.create_sheet(texts.ERROR_SHEET, 0)
    ws.append([texts.ERROR_SHEET_TITLE])
    ws.append(["Trang", "Dòng", "Cột", "Lỗi"])
    for p in problems:
        ws.append([p.sheet or "", p.row or "", p.column or "", p.message])
    ws.column_dimensions["D"].width = 100
    book.active = 0
