"""The report's appendix tables as one workbook: a sheet per appendix, a title and a line stating the filters and
the data date above the column titles, real numbers (rates as percentages), the attainment colours, and totals
that are SUM formulas only where the rows really add up to the total. They do not when a figure counts distinct
records (in "today" mode a split commune's models sit under both successors): there the total is the value SQL
computed, so Excel can never show a sum that double counts."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core import texts
from core.palette import ATTAINMENT_COLORS, LIGHT_ATTAINMENTS
from core.report_pack import INT, PERCENT, Report, Table
from core.vntext import printable
from core.xlsx import HEADER_FILL, format_cell

FIRST_DATA_ROW = 5  # 1 title, 2 filters and date, 4 column titles
THIN = Side(style="thin", color="999999")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in report.appendices:
        _sheet(book.create_sheet(texts.REPORT_APPENDIX_SHEET.format(n=table.number)), table, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(ws, table: Table, report: Report) -> None:
    ws.append([printable(table.title)])
    ws.append([printable(report.scope)])
    ws.append([])
    ws.append(table.columns)
    last_column = get_column_letter(len(table.columns))
    for row, font in ((1, Font(bold=True, size=13)), (2, Font(italic=True))):
        ws.merge_cells(f"A{row}:{last_column}{row}")
        ws.cell(row, 1).font = font
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 45
    for cell in ws[4]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, GRID
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for values in table.rows:
        ws.append([_value(v, kind) for v, kind in zip(values, table.kinds)])
    if table.total:
        _total_row(ws, table)
    _format(ws, table)


def _value(value, kind: str):
    if kind == PERCENT and value is not None:
        return value / 100  # a real number shown as 83,3%
    return printable(value) if isinstance(value, str) else value


def _total_row(ws, table: Table) -> None:
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + len(table.rows) - 1
    row = last + 1
    for index, (value, kind) in enumerate(zip(table.total, table.kinds), 1):
        letter = get_column_letter(index)
        if kind == INT and index > 1 and sum(r[index - 1] or 0 for r in table.rows) == value:
            value = f"=SUM({letter}{first}:{letter}{last})"
        elif kind == PERCENT and _rate_formula(table, row):
            value = _rate_formula(table, row)
        cell = ws.cell(row, index, value if isinstance(value, str) else _value(value, kind))
        cell.font, cell.border = Font(bold=True), GRID
        cell.number_format = "0.0%" if kind == PERCENT else "#,##0"


def _rate_formula(table: Table, row: int) -> str | None:
    """The total's rate from the total's own cells (met / expected), so it follows the figures above it; None when
    the table has no such columns (then SQL's rate is written)."""
    if not {texts.COLUMN_LABELS["expected"], texts.REPORT_COL_MET} <= set(table.columns):
        return None
    expected = get_column_letter(table.columns.index(texts.COLUMN_LABELS["expected"]) + 1)
    met = get_column_letter(table.columns.index(texts.REPORT_COL_MET) + 1)
    return f'=IF({expected}{row}=0,"",{met}{row}/{expected}{row})'


def _format(ws, table: Table) -> None:
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + len(table.rows) - 1):
        for cell, kind in zip(row, table.kinds):
            format_cell(cell)  # values from reports: text that looks like a formula stays text
            cell.border = GRID
            if kind == PERCENT:
                cell.number_format = "0.0%"
        if table.attainment_column is not None:
            _colour(row[table.attainment_column])
    for index, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = max(6, width * 1.2)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _colour(cell) -> None:
    colour = ATTAINMENT_COLORS.get(cell.value)
    if colour:
        cell.fill = PatternFill("solid", fgColor=colour[1:])
        cell.font = Font(color="000000" if cell.value in LIGHT_ATTAINMENTS else "FFFFFF")
