"""The official submission workbook (DATA_CONTRACT §1): an empty template for units, or one filled with data.

Both come from one builder, so the demo files and the test fixtures look exactly like what units receive.
Columns, enumerations and defaults come from `core.vocab`; this module only decides how they look in Excel.
"""
import os
from datetime import date, datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core import config, formats, vocab

Target = str | os.PathLike | IO[bytes]  # a path, or a binary file-like object such as BytesIO

SHEET_LISTS = "Danh mục"  # hidden sheet holding the dropdown lists
TEMPLATE_ROWS = 1000  # dropdowns and checks cover rows 2..TEMPLATE_ROWS (more when the data is longer)
DATE_FORMAT = "DD/MM/YYYY"
REORG_DAY = formats.date(config.REORG_DAY)  # as the guide and the dropdown notes say it

REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")  # orange: the guide refers to it by colour
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="808080")
HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WIDTHS = {  # characters; names and free text wide, codes and enumerations narrow
    "unit": 30, "name": 45, "recipient": 34, "award": 38, "result": 40, "reason": 40, "model": 34,
    "theme": 24, "place": 24, "note": 24, "field": 26, "status": 18, "start": 16, "decision_no": 18,
    "decision_date": 15, "form": 15, "year": 8,
}
DEFAULT_WIDTH = 13
INFO_WIDTHS = (22, 45)

# Free-text hints for the guide, where the column has no list of values.
COLUMN_HINTS = {
    "unit": "tên hoặc mã đơn vị",
    "year": f"số năm, từ {config.FIRST_YEAR} đến năm sau năm hiện tại",
    "start": "ngày dd/mm/yyyy hoặc chỉ ghi năm",
    "decision_no": "ví dụ 1034/QĐ-UBND",
    "decision_date": "ngày dd/mm/yyyy",
    "model": "tên một mô hình của cùng đơn vị ở sheet “Mô hình”",
}
VALUE_NOTES = {
    vocab.DISTRICT_LEVEL: f"chỉ trước {REORG_DAY}",
    vocab.DISTRICT_AWARD: f"chỉ trước {REORG_DAY}",
    vocab.PRAISE: "không phải khen thưởng, thống kê riêng",
}
ALL_HEADERS = {key: spec[0] for key, spec in {**vocab.COMMENDATION_COLUMNS, **vocab.MODEL_COLUMNS}.items()}
UNIT_YEAR_KEYS = ("unit", "year")  # required, unless the "Thông tin" sheet gives them


def _column_line(key: str, header: str, required: bool) -> str:
    """One guide line: header, required or not, allowed values, default when empty."""
    if key in UNIT_YEAR_KEYS:
        need = f"bắt buộc (được để trống nếu đã ghi ở sheet “{vocab.SHEET_INFO}”)"
    else:
        need = "bắt buộc" if required else "không bắt buộc"
    parts = [f"• {header}: {need}"]
    if key in vocab.ENUMS:
        values = [f"{v} ({VALUE_NOTES[v]})" if v in VALUE_NOTES else v for v in vocab.ENUMS[key]]
        parts.append("chọn một trong: " + " · ".join(values))
    elif key in COLUMN_HINTS:
        parts.append(COLUMN_HINTS[key])
    if key in vocab.DEFAULTS:
        parts.append(f"để trống thì hiểu là “{vocab.DEFAULTS[key]}”")
    return "; ".join(parts) + "."


def _column_lines(columns: dict) -> list[str]:
    return [_column_line(key, header, required) for key, (header, required, _) in columns.items()]


COUNTING_RULE = (
    f"Một mô hình được tính vào chỉ tiêu {config.TARGET_MIN}–{config.TARGET_MAX} mô hình mỗi năm (của năm thực hiện) "
    f"khi Kết quả đánh giá không phải {formats.either(config.EXCLUDED_STATUSES, '“{}”')} và Hình thức là "
    f"{formats.either(config.COUNTED_FORMS, '“{}”')}."
)

# The "Hướng dẫn" sheet: (section title, lines). Shown in this order, titles in bold.
GUIDE = [
    ("HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”", [
        "Biểu mẫu dùng để báo cáo các mô hình, điển hình “Dân vận khéo” và kết quả khen thưởng của đơn vị "
        "trong một năm.",
        "Mỗi đơn vị nên gửi một tệp cho mỗi năm. Tệp tổng hợp của một huyện (khu vực) gồm nhiều đơn vị vẫn được "
        "chấp nhận: khi đó ghi rõ đơn vị ở từng dòng.",
        "Không đổi tên các sheet và các tiêu đề cột; mỗi dòng chỉ ghi một mô hình hoặc một trường hợp khen thưởng.",
        "Cột có tiêu đề tô màu cam là cột bắt buộc; các cột tô màu xanh có thể để trống.",
        "Các cột có danh sách thả xuống: nên chọn giá trị trong danh sách thay vì tự gõ.",
        "Ngày tháng ghi theo dạng dd/mm/yyyy (ví dụ 15/03/2024).",
    ]),
    (f"Sheet “{vocab.SHEET_INFO}”", [
        "Thông tin chung của báo cáo, ghi ở cột B cạnh từng nhãn: "
        + ", ".join(labels[0] for labels in vocab.INFO_LABELS.values()) + ".",
        "Đơn vị và năm ghi ở đây được dùng cho các dòng để trống cột đơn vị, cột năm ở hai sheet còn lại.",
    ]),
    (f"Sheet “{vocab.SHEET_MODELS}”: mỗi dòng là một mô hình hoặc một điển hình", _column_lines(vocab.MODEL_COLUMNS)),
    (f"Sheet “{vocab.SHEET_COMMENDATIONS}”: mỗi dòng là một tập thể hoặc cá nhân được khen thưởng",
     _column_lines(vocab.COMMENDATION_COLUMNS)),
    ("Cách tính chỉ tiêu", [COUNTING_RULE]),
    ("Lưu ý", [
        f"Cấp công nhận “{vocab.DISTRICT_LEVEL}” và hình thức “{vocab.DISTRICT_AWARD}” chỉ áp dụng trước ngày "
        f"{REORG_DAY} (từ ngày này không còn cấp huyện).",
        f"“{vocab.PRAISE}” là hình thức biểu dương, khen ngợi, không phải hình thức khen thưởng theo Luật Thi đua, "
        "khen thưởng; được thống kê riêng.",
    ]),
]


def write_template(target: Target, *, unit: str = "", year: int | None = None) -> None:
    """The empty official workbook, with the unit and year prefilled on "Thông tin" when given."""
    _build_workbook({"unit": unit, "year": year}, [], []).save(target)


def write_submission(target: Target, *, info: dict, models: list[dict], commendations: list[dict]) -> None:
    """The official workbook filled with data.

    `info` is keyed like vocab.INFO_LABELS, rows like vocab.MODEL_COLUMNS / COMMENDATION_COLUMNS; a missing key
    leaves its cell empty, an unknown key raises ValueError; dates become Excel dates shown as dd/mm/yyyy.
    """
    _build_workbook(info, models, commendations).save(target)


def _build_workbook(info: dict, models: list[dict], commendations: list[dict]) -> Workbook:
    _check_keys(vocab.SHEET_INFO, vocab.INFO_LABELS, [info])
    wb = Workbook()
    wb.remove(wb.active)
    _add_guide_sheet(wb)
    info_sheet = _add_info_sheet(wb, info)
    _add_data_sheet(wb, vocab.SHEET_MODELS, vocab.MODEL_COLUMNS, models)
    _add_data_sheet(wb, vocab.SHEET_COMMENDATIONS, vocab.COMMENDATION_COLUMNS, commendations)
    _add_list_sheet(wb)
    wb.active = info_sheet
    for ws in wb.worksheets:  # more than one selected tab would group the sheets in Excel
        ws.sheet_view.tabSelected = ws is info_sheet
    return wb


def _check_keys(sheet: str, columns: dict, rows: list[dict]) -> None:
    """A misspelt key would silently leave a column empty: refuse it instead."""
    unknown = sorted({key for row in rows for key in row} - set(columns))
    if unknown:
        raise ValueError(f"unknown keys for sheet {sheet!r}: {unknown}; expected some of {list(columns)}")


def _add_guide_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(vocab.SHEET_GUIDE)
    ws.column_dimensions["A"].width = 120
    row = 1
    for title, lines in GUIDE:
        ws.cell(row, 1, title).font = Font(bold=True, size=12 if row == 1 else 11)
        for line in lines:
            row += 1
            ws.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        row += 2  # a blank line between sections


def _add_info_sheet(wb: Workbook, info: dict) -> Worksheet:
    ws = wb.create_sheet(vocab.SHEET_INFO)
    for row, (key, labels) in enumerate(vocab.INFO_LABELS.items(), start=1):
        ws.cell(row, 1, labels[0]).font = Font(bold=True)
        value_cell = ws.cell(row, 2)
        _put(value_cell, info.get(key))
        if key == "year":
            _year_validation(ws, value_cell.coordinate)
        elif key == "date":
            value_cell.number_format = DATE_FORMAT
        elif key == "phone":
            value_cell.number_format = "@"  # keep the leading 0 of phone numbers
    for col, width in enumerate(INFO_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return ws


def _add_data_sheet(wb: Workbook, title: str, columns: dict, rows: list[dict]) -> None:
    _check_keys(title, columns, rows)
    ws = wb.create_sheet(title)
    _write_header(ws, columns)
    for row_index, row in enumerate(rows, start=2):
        for col, key in enumerate(columns, start=1):
            _put(ws.cell(row_index, col), row.get(key))
    last_row = max(TEMPLATE_ROWS, len(rows) + 1)
    _add_validations(ws, columns, last_row)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"


def _write_header(ws: Worksheet, columns: dict) -> None:
    for col, (key, (header, required, _)) in enumerate(columns.items(), start=1):
        cell = ws.cell(1, col, header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if required else OPTIONAL_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if required:
            cell.comment = Comment("Bắt buộc" + (f" (trừ khi đã ghi ở sheet “{vocab.SHEET_INFO}”)"
                                                 if key in UNIT_YEAR_KEYS else ""), "Mẫu báo cáo")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = WIDTHS.get(key, DEFAULT_WIDTH)
        if key == "decision_date":  # column style: dates typed later show as dd/mm/yyyy too
            ws.column_dimensions[letter].number_format = DATE_FORMAT
    ws.row_dimensions[1].height = 32


def _put(cell, value) -> None:
    """Write a value; dates become real Excel dates shown as dd/mm/yyyy."""
    if value is None or (isinstance(value, str) and not value):
        return
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # data, never a formula


def _list_ranges() -> dict[str, str]:
    """Each enumerated column key → the absolute range of its values on the hidden list sheet."""
    sheet = quote_sheetname(SHEET_LISTS)
    return {
        key: f"{sheet}!${get_column_letter(col)}$2:${get_column_letter(col)}${len(values) + 1}"
        for col, (key, values) in enumerate(vocab.ENUMS.items(), start=1)
    }


def _add_list_sheet(wb: Workbook) -> None:
    """Dropdowns reference this sheet because an inline list over 255 characters breaks Excel (the awards)."""
    ws = wb.create_sheet(SHEET_LISTS)
    for col, (key, values) in enumerate(vocab.ENUMS.items(), start=1):
        # not the bare header: a reader that finds sheets by their headers must not take this one for data
        ws.cell(1, col, f"Danh sách: {ALL_HEADERS[key]}").font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            ws.cell(row, col, value)
        ws.column_dimensions[get_column_letter(col)].width = max(map(len, values)) + 2
    ws.sheet_state = "hidden"  # hidden, not "veryHidden": staff may unhide it to read the lists


def _add_validations(ws: Worksheet, columns: dict, last_row: int) -> None:
    ranges = _list_ranges()
    for col, (key, (header, _, _)) in enumerate(columns.items(), start=1):
        letter = get_column_letter(col)
        cells = f"{letter}2:{letter}{last_row}"
        if key in ranges:
            _list_validation(ws, cells, ranges[key], header)
        elif key == "year":
            _year_validation(ws, cells)


def _list_validation(ws: Worksheet, cells: str, list_range: str, header: str) -> None:
    # "warning", not "stop": a pasted synonym ("VH-XH", "Nhân rộng mô hình") is recognised by the ETL,
    # so the unit is warned and may keep it, instead of being blocked.
    dv = DataValidation(
        type="list", formula1=list_range, allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorStyle="warning", errorTitle="Giá trị ngoài danh sách",
        error=f"Giá trị này không có trong danh sách của cột “{header}”. Nên chọn từ danh sách thả xuống.",
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def _year_validation(ws: Worksheet, cells: str) -> None:
    # "stop": a year has no synonyms, so anything outside the range is a typing mistake.
    last_year = date.today().year + 1
    dv = DataValidation(
        type="whole", operator="between", formula1=str(config.FIRST_YEAR), formula2=str(last_year),
        allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle="Năm không hợp lệ",
        error=f"Năm phải là số nguyên từ {config.FIRST_YEAR} đến {last_year}.",
    )
    dv.add(cells)
    ws.add_data_validation(dv)


MAINTAINED = "Duy trì"  # vocab.FORMS: a model of an earlier year the unit keeps up
MAINTAINED_KEYS = ("name", "kind", "subject", "field", "theme", "status", "level", "place")


def write_prefilled(target: Target, *, unit: str, code: str, year: int, last_year: list[dict]) -> None:
    """The workbook a unit downloads from its page: its name, code and year on "Thông tin" (the rows then need no
    unit or year), and last year's models (rows of the `models` table) listed as "Duy trì": the unit keeps the rows of
    the models it still runs, deletes the others and adds its new ones."""
    rows = [{**{k: _value(model.get(k)) for k in MAINTAINED_KEYS}, "form": MAINTAINED, "start": _start(model)}
            for model in last_year]
    write_submission(target, info={"unit": unit, "code": code, "year": year}, models=rows, commendations=[])


def _value(value):
    """A database cell as the workbook takes it: NULL (NaN, NaT once in a frame) is an empty cell."""
    return None if value is None or value != value else value


def _start(model: dict):
    """"Thời gian bắt đầu" as the unit wrote it: a day (a day, not a time of day), or only a year."""
    day, year = _value(model.get("start_date")), _value(model.get("start_year"))
    if day is not None:
        return day.date() if isinstance(day, datetime) else day
    return None if year is None else int(year)
