"""The error report a unit gets back: its own workbook with the bad cells highlighted and a "Lỗi" column.

Errors (the row was not loaded) are red; warnings (the row loads, something should be checked) are yellow, in the
cells, in the "Lỗi" column and on the summary sheet, whose "Mức" column says which.

The file passes the reader's limits first (`etl.read.inspect`): one it refuses is never opened again, its report
is the summary sheet alone. An .xlsx small enough for openpyxl keeps its formatting (openpyxl edits a copy; the
unit's own formulas stay as written); an .xls, an .ods or a large .xlsx is rebuilt from its values, and text read
from it stays text (a cell "=HYPERLINK(…)" is not written back as a live formula).
"""
import io
import re
from collections import defaultdict

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from core import texts
from core.xlsx import format_cell  # the one guard that keeps "=…" text from becoming a formula
from etl.read import MAX_EDIT_CELLS, FileProblem, inspect, read_checked
from etl.validate import Problem

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "Bad" and "Neutral" cell styles
WARN_FILL = PatternFill("solid", fgColor="FFEB9C")
BAD_FONT, WARN_FONT = Font(color="9C0006"), Font(color="9C5700")
ERROR_COLUMN = "Lỗi"
MAX_TEXT = 32_767  # characters Excel accepts in a cell; a longer text makes it "repair" the report
MAX_COLUMN = 16_384
_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")  # characters Excel refuses in a sheet name


_INSPECT = object()  # what the reader found is not known yet: the report finds out itself


def error_workbook(data: bytes, file_name: str, problems: list[Problem], contents=_INSPECT) -> bytes:
    """`contents` is the reader's `inspect` of these bytes (None: it refused them), so they are read once."""
    book, sheets = _open_as_xlsx(data, file_name, contents)
    by_row = defaultdict(list)
    for p in problems:
        if p.sheet in sheets and p.row:
            by_row[(p.sheet, p.row)].append(p)
    for (sheet, row), found in by_row.items():
        _mark_row(sheets[sheet], row, found)
    _add_summary(book, problems)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _open_as_xlsx(data: bytes, file_name: str, contents) -> tuple:
    """(workbook, sheet name as read → its worksheet)."""
    if contents is _INSPECT:
        try:
            contents = inspect(data, file_name)
        except FileProblem:
            contents = None
    if contents is None:  # refused by the reader: never opened again, the summary sheet says why
        return _new_book(), {}
    if contents.editable:
        try:
            book = openpyxl.load_workbook(io.BytesIO(data))
            return book, {ws.title: ws for ws in book.worksheets}
        except Exception:  # an .xlsx openpyxl cannot edit: rebuilt from its values below
            pass
    return _rebuilt(data, contents)


def _new_book():
    book = openpyxl.Workbook()
    book.remove(book.active)
    return book


def _rebuilt(data: bytes, contents) -> tuple:
    book = _new_book()
    try:
        sheets = read_checked(data, contents)
    except FileProblem:  # unreadable: the summary sheet alone says why
        return book, {}
    if sum(v not in (None, "") for s in sheets for row in s.grid for v in row) > MAX_EDIT_CELLS:
        return book, {}  # too big to copy cell by cell: the summary sheet still lists every error
    found = {}
    for sheet in sheets:
        ws = found[sheet.name] = book.create_sheet(_BAD_TITLE.sub("_", sheet.name)[:31] or "_")
        for r, values in enumerate(sheet.grid, 1):
            for c, value in enumerate(values, 1):
                if value not in (None, ""):
                    _put(ws.cell(row=r, column=c), value)
    return book, found


def _put(cell, value) -> None:
    """Writes a value as it was read: text stays text, without characters Excel refuses, and fits a cell."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]
    cell.value = value
    if isinstance(value, str):
        format_cell(cell)


def _mark_row(ws, row: int, problems: list[Problem]) -> None:
    error_col = _error_column(ws)
    for p in sorted(problems, key=lambda p: not p.warning):  # an error's red wins over a warning's yellow
        if p.col is not None and p.col < MAX_COLUMN:
            cell = ws.cell(row=row, column=p.col + 1)
            if isinstance(cell, MergedCell):  # inside a merged range: its first cell carries the look
                continue
            cell.fill = WARN_FILL if p.warning else BAD_FILL
            cell.comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", _said(p)), "Dân vận khéo")
    cell = ws.cell(row=row, column=error_col)
    if not isinstance(cell, MergedCell):
        _put(cell, "\n".join(_said(p) for p in problems))
        cell.font = WARN_FONT if all(p.warning for p in problems) else BAD_FONT


def _said(problem: Problem) -> str:
    return (texts.WARNING_PREFIX if problem.warning else "") + problem.message


def _error_column(ws) -> int:
    """The "Lỗi" column right after the last used column, created once per sheet."""
    for cell in ws[1]:
        if cell.value == ERROR_COLUMN:
            return cell.column
    column = min(ws.max_column + 1, MAX_COLUMN)
    ws.cell(row=1, column=column, value=ERROR_COLUMN).font = Font(bold=True, color="9C0006")
    return column


def _add_summary(book, problems: list[Problem]) -> None:
    ws = book.create_sheet(texts.ERROR_SHEET, 0)
    ws.append([texts.ERROR_SHEET_TITLE])
    ws.append(texts.ERROR_SHEET_HEADERS)
    for r, p in enumerate(problems, 3):
        level = texts.LEVEL_WARNING if p.warning else texts.LEVEL_ERROR
        for c, value in enumerate([p.sheet or "", p.row or "", p.column or "", level, p.message], 1):
            _put(ws.cell(row=r, column=c), value)  # sheet and column names come from the unit's file
        ws.cell(row=r, column=4).fill = WARN_FILL if p.warning else BAD_FILL
    ws.column_dimensions["E"].width = 100
    book.active = 0
