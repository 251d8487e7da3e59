"""The official submission workbook: sheets, headers, dropdowns, guide, and a round trip of filled data."""
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from core import config, vocab
from etl.template import SHEET_LISTS, TEMPLATE_ROWS, write_submission, write_template

DATA_SHEETS = [(vocab.SHEET_MODELS, vocab.MODEL_COLUMNS), (vocab.SHEET_COMMENDATIONS, vocab.COMMENDATION_COLUMNS)]
ENUM_COLUMNS = [(sheet, key) for sheet, columns in DATA_SHEETS for key in columns if key in vocab.ENUMS]

MODELS = [
    {"unit": "Sở Y tế", "year": 2024, "name": "Bệnh viện thân thiện", "kind": "Mô hình", "subject": "Tập thể",
     "field": "Văn hóa - Xã hội", "form": "Nhân rộng", "status": "Được công nhận", "level": "Tỉnh",
     "start": date(2024, 3, 1), "place": "TP Quảng Ngãi"},
    {"name": "Ông Nguyễn Văn A giúp dân làm đường", "field": "Kinh tế"},  # unit, year and the rest left empty
]
COMMENDATIONS = [
    {"unit": "Sở Y tế", "year": 2024, "recipient": "Khoa Nhi", "recipient_type": "Tập thể",
     "award": "Bằng khen của Chủ tịch UBND tỉnh", "decision_no": "1034/QĐ-UBND",
     "decision_date": date(2024, 5, 20), "model": "Bệnh viện thân thiện"},
]
INFO = {"unit": "Sở Y tế", "code": "SYT", "year": 2024, "author": "Trần Thị B", "phone": "0255 3822 123",
        "date": date(2025, 1, 10)}


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "mau_bao_cao.xlsx"
    write_template(path, unit="Sở Y tế", year=2024)
    return openpyxl.load_workbook(path)


@pytest.fixture
def submission_path(tmp_path):
    path = tmp_path / "bao_cao_2024.xlsx"
    write_submission(path, info=INFO, models=MODELS, commendations=COMMENDATIONS)
    return path


def column_letter(ws, header: str) -> str:
    headers = [cell.value for cell in ws[1]]
    return get_column_letter(headers.index(header) + 1)


def validations_on(ws, cells: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if cells in str(dv.sqref).split()]


def values_of(wb, formula: str) -> list:
    """The values a list validation offers, read from the range its formula names."""
    sheet, cells = formula.lstrip("=").rsplit("!", 1)
    assert "$" in cells, "the list range must be absolute"
    ws = wb[sheet.strip("'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]


def test_sheets_come_in_the_official_order_with_the_lists_hidden(template):
    assert template.sheetnames == [vocab.SHEET_GUIDE, vocab.SHEET_INFO, vocab.SHEET_MODELS,
                                   vocab.SHEET_COMMENDATIONS, SHEET_LISTS]
    assert template[SHEET_LISTS].sheet_state == "hidden"
    assert all(template[name].sheet_state == "visible" for name in template.sheetnames[:-1])
    assert template.active.title in (vocab.SHEET_INFO, vocab.SHEET_MODELS)


@pytest.mark.parametrize("sheet, columns", DATA_SHEETS)
def test_header_row_is_the_official_headers_frozen(template, sheet, columns):
    ws = template[sheet]
    assert [cell.value for cell in ws[1]] == [header for header, _, _ in columns.values()]
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 1


@pytest.mark.parametrize("sheet, columns", DATA_SHEETS)
def test_required_headers_are_marked_apart_from_optional_ones(template, sheet, columns):
    ws = template[sheet]
    fills = {required: set() for required in (True, False)}
    for cell, (_, required, _) in zip(ws[1], columns.values()):
        assert cell.font.bold and cell.alignment.wrap_text
        assert (cell.comment is not None) == required
        fills[required].add(cell.fill.fgColor.rgb)
    assert len(fills[True]) == 1 and fills[True].isdisjoint(fills[False])


def test_info_sheet_has_the_labels_and_the_prefilled_unit_and_year(template):
    ws = template[vocab.SHEET_INFO]
    assert [ws.cell(row, 1).value for row in range(1, ws.max_row + 1)] == [
        "Đơn vị báo cáo", "Mã đơn vị", "Năm báo cáo", "Người lập", "Điện thoại", "Ngày lập"]
    assert [labels[0] for labels in vocab.INFO_LABELS.values()] == [c.value for c in ws["A"]]
    assert ws["B1"].value == "Sở Y tế" and ws["B3"].value == 2024 and ws["B2"].value is None


def test_empty_template_leaves_the_info_values_empty(tmp_path):
    write_template(tmp_path / "mau.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "mau.xlsx")[vocab.SHEET_INFO]
    assert [c.value for c in ws["B"]] == [None] * len(vocab.INFO_LABELS)


def test_hidden_list_sheet_holds_exactly_the_vocab_lists(template):
    ws = template[SHEET_LISTS]
    columns = [[v for v in col[1:] if v is not None] for col in ws.iter_cols(values_only=True)]
    assert columns == list(vocab.ENUMS.values())
    assert vocab.FIELDS in columns and vocab.AWARDS in columns


@pytest.mark.parametrize("sheet, key", ENUM_COLUMNS)
def test_every_enumerated_column_has_a_dropdown_on_its_list(template, sheet, key):
    ws = template[sheet]
    header = dict(DATA_SHEETS)[sheet][key][0]
    letter = column_letter(ws, header)
    [dv] = validations_on(ws, f"{letter}2:{letter}{TEMPLATE_ROWS}")
    assert dv.type == "list" and dv.allow_blank
    assert not dv.formula1.startswith('"'), "an inline list over 255 characters breaks Excel"
    assert values_of(template, dv.formula1) == vocab.ENUMS[key]
    assert dv.showErrorMessage and dv.errorStyle in ("warning", "stop")
    assert header in dv.error and dv.errorTitle


def test_every_enumerated_key_gets_a_dropdown():
    assert {key for _, key in ENUM_COLUMNS} == set(vocab.ENUMS)
    assert {key for sheet, key in ENUM_COLUMNS if sheet == vocab.SHEET_MODELS} == {
        "kind", "subject", "field", "form", "status", "level"}


@pytest.mark.parametrize("sheet", [vocab.SHEET_MODELS, vocab.SHEET_COMMENDATIONS])
def test_year_column_accepts_whole_years_in_range(template, sheet):
    ws = template[sheet]
    letter = column_letter(ws, "Năm")
    [dv] = validations_on(ws, f"{letter}2:{letter}{TEMPLATE_ROWS}")
    assert (dv.type, dv.operator) == ("whole", "between")
    assert (dv.formula1, dv.formula2) == (str(config.FIRST_YEAR), str(date.today().year + 1))
    assert config.FIRST_YEAR == 2015


def test_info_year_cell_is_checked_too(template):
    [dv] = validations_on(template[vocab.SHEET_INFO], "B3")
    assert (dv.type, dv.formula1, dv.formula2) == ("whole", "2015", str(date.today().year + 1))


def test_decision_date_column_shows_dd_mm_yyyy(template):
    ws = template[vocab.SHEET_COMMENDATIONS]
    letter = column_letter(ws, "Ngày quyết định")
    assert ws.column_dimensions[letter].number_format == "DD/MM/YYYY"


def test_names_are_wider_than_codes(template):
    ws = template[vocab.SHEET_MODELS]
    width = {cell.value: ws.column_dimensions[cell.column_letter].width for cell in ws[1]}
    assert width["Tên mô hình, điển hình"] >= 40 > width["Năm"]


def test_guide_explains_every_column_and_the_rules(template):
    text = "\n".join(c.value for c in template[vocab.SHEET_GUIDE]["A"] if c.value)
    lines = text.splitlines()
    for _, columns in DATA_SHEETS:
        for key, (header, required, _) in columns.items():
            [line, *_] = [ln for ln in lines if ln.startswith(f"• {header}:")]
            assert ("không bắt buộc" not in line) == required, line
            if key in vocab.DEFAULTS:
                assert f"để trống thì hiểu là “{vocab.DEFAULTS[key]}”" in line
            for value in vocab.ENUMS.get(key, []):
                assert value in line
    for phrase in ["Thông tin", "Chưa đạt", "Xây dựng mới", "Nhân rộng", "01/07/2025", "dd/mm/yyyy",
                   "Biểu dương", "Giấy khen của Chủ tịch UBND cấp huyện", "Huyện", "nhiều đơn vị", "màu cam"]:
        assert phrase in text, phrase


def test_submission_round_trips_through_calamine(submission_path):
    frames = pd.read_excel(submission_path, sheet_name=None, engine="calamine")
    models, awards = frames[vocab.SHEET_MODELS], frames[vocab.SHEET_COMMENDATIONS]
    assert list(models.columns) == [header for header, _, _ in vocab.MODEL_COLUMNS.values()]
    assert models["Tên mô hình, điển hình"].tolist() == [row["name"] for row in MODELS]
    assert models["Lĩnh vực"].tolist() == ["Văn hóa - Xã hội", "Kinh tế"]
    assert models.loc[0, "Năm"] == 2024 and pd.isna(models.loc[1, "Năm"])
    assert pd.isna(models.loc[1, "Đơn vị thực hiện"]) and pd.isna(models.loc[1, "Hình thức"])
    assert models.loc[0, "Thời gian bắt đầu"] == pd.Timestamp(2024, 3, 1)
    assert len(awards) == 1
    assert awards.loc[0, "Ngày quyết định"] == pd.Timestamp(2024, 5, 20)
    assert awards.loc[0, "Hình thức khen thưởng"] == "Bằng khen của Chủ tịch UBND tỉnh"
    info = pd.read_excel(submission_path, sheet_name=vocab.SHEET_INFO, header=None, engine="calamine")
    assert dict(zip(info[0], info[1])) == {
        "Đơn vị báo cáo": "Sở Y tế", "Mã đơn vị": "SYT", "Năm báo cáo": 2024, "Người lập": "Trần Thị B",
        "Điện thoại": "0255 3822 123", "Ngày lập": pd.Timestamp(2025, 1, 10)}


def test_submission_dates_are_excel_dates_shown_dd_mm_yyyy(submission_path):
    wb = openpyxl.load_workbook(submission_path)
    ws = wb[vocab.SHEET_COMMENDATIONS]
    cell = ws[f"{column_letter(ws, 'Ngày quyết định')}2"]
    assert cell.is_date and cell.value.date() == date(2024, 5, 20)
    assert cell.number_format == "DD/MM/YYYY"
    assert wb[vocab.SHEET_INFO]["B6"].number_format == "DD/MM/YYYY"


def test_long_submission_keeps_dropdowns_on_every_row(tmp_path):
    rows = [{"name": f"Mô hình {i}", "field": "Kinh tế"} for i in range(TEMPLATE_ROWS + 5)]
    write_submission(tmp_path / "dai.xlsx", info={}, models=rows, commendations=[])
    ws = openpyxl.load_workbook(tmp_path / "dai.xlsx")[vocab.SHEET_MODELS]
    letter = column_letter(ws, "Lĩnh vực")
    assert validations_on(ws, f"{letter}2:{letter}{TEMPLATE_ROWS + 6}")


def test_unknown_column_key_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown keys for sheet 'Mô hình': \\['feild'\\]"):
        write_submission(tmp_path / "x.xlsx", info={}, models=[{"feild": "Kinh tế"}], commendations=[])


def test_workbooks_can_be_written_to_a_binary_buffer():
    for write in (lambda buf: write_template(buf, year=2025),
                  lambda buf: write_submission(buf, info=INFO, models=MODELS, commendations=COMMENDATIONS)):
        buffer = io.BytesIO()
        write(buffer)
        buffer.seek(0)
        assert openpyxl.load_workbook(buffer).sheetnames[2] == vocab.SHEET_MODELS
