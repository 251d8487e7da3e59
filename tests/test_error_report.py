"""The error report: the unit's own workbook, bad cells highlighted, a "Lỗi" column, a summary sheet first."""
import io

import openpyxl
from conftest import model_row

from etl.error_report import BAD_FILL, WARN_FILL, error_workbook
from etl.pipeline import parse_file


def test_bad_cells_are_highlighted_in_the_original_workbook(workbooks, resolver):
    path = workbooks.official(models=[model_row(), model_row(field="Thể thao"), model_row(unit="Xã Không Có")])
    data = path.read_bytes()
    parsed = parse_file(data, path.name, resolver)
    book = openpyxl.load_workbook(io.BytesIO(error_workbook(data, path.name, parsed.problems)))
    assert book.sheetnames[0] == "Danh sách lỗi"
    ws = book["Mô hình"]
    headers = [c.value for c in ws[1]]
    field, unit, errors = headers.index("Lĩnh vực") + 1, headers.index("Đơn vị thực hiện") + 1, headers.index("Lỗi") + 1
    assert ws.cell(row=3, column=field).fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert ws.cell(row=4, column=unit).fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert ws.cell(row=2, column=field).fill.fgColor.rgb != BAD_FILL.fgColor.rgb
    assert 'Giá trị "Thể thao" không hợp lệ' in ws.cell(row=3, column=errors).value
    assert ws.cell(row=2, column=errors).value is None
    summary = list(book["Danh sách lỗi"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[2]) for r in summary] == [("Mô hình", 3, "Lĩnh vực"), ("Mô hình", 4, "Đơn vị thực hiện")]


def test_an_xls_is_rebuilt_from_its_values(workbooks, resolver):
    path = workbooks.xls("cu.xls", {"Mô hình": [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"],
                                                 ["Xã Tịnh Hòa", 2024, "A", "Thể thao"]]})
    data = path.read_bytes()
    parsed = parse_file(data, path.name, resolver)
    ws = openpyxl.load_workbook(io.BytesIO(error_workbook(data, path.name, parsed.problems)))["Mô hình"]
    assert ws.cell(row=2, column=4).fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert ws.cell(row=2, column=5).value.startswith('Giá trị "Thể thao"')


def test_an_unreadable_file_gets_the_summary_alone(resolver):
    data = b"not a workbook"
    parsed = parse_file(data, "x.xlsx", resolver)
    book = openpyxl.load_workbook(io.BytesIO(error_workbook(data, "x.xlsx", parsed.problems)))
    assert book.sheetnames == ["Danh sách lỗi"]


def test_warnings_are_yellow_and_errors_red(workbooks, resolver):
    """A row with an unknown field is an error (red); an unreadable start date only a warning (yellow)."""
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", "Thời gian bắt đầu"],
            ["Xã Tịnh Hòa", 2024, "A", "Kinh tế", "đầu năm"],
            ["Xã Tịnh Hòa", 2024, "B", "Thể thao", "đầu năm"]]
    path = workbooks.sheets("muc.xlsx", {"Mô hình": rows})
    data = path.read_bytes()
    parsed = parse_file(data, path.name, resolver)
    book = openpyxl.load_workbook(io.BytesIO(error_workbook(data, path.name, parsed.problems)))
    ws = book["Mô hình"]
    assert ws.cell(row=2, column=5).fill.fgColor.rgb == WARN_FILL.fgColor.rgb
    assert ws.cell(row=3, column=4).fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert ws.cell(row=3, column=5).fill.fgColor.rgb == WARN_FILL.fgColor.rgb
    assert ws.cell(row=2, column=6).value.startswith("(cảnh báo) Ngày \"đầu năm\" không đọc được")
    summary = book["Danh sách lỗi"]
    assert [c.value for c in summary[2]] == ["Trang", "Dòng", "Cột", "Mức", "Nội dung"]
    levels = [(r[1].value, r[2].value, r[3].value, r[3].fill.fgColor.rgb) for r in summary.iter_rows(min_row=3)]
    assert levels == [(2, "Thời gian bắt đầu", "Cảnh báo", WARN_FILL.fgColor.rgb),
                      (3, "Lĩnh vực", "Lỗi", BAD_FILL.fgColor.rgb),
                      (3, "Thời gian bắt đầu", "Cảnh báo", WARN_FILL.fgColor.rgb)]
