"""Report layouts as districts, departments and communes really send them (issue 11, DATA_CONTRACT §4): merged
unit cells, section and group rows, the signature block under the table; in .xlsx, .xls and .ods."""
import datetime as dt
from collections import Counter

import pytest
from conftest import run_load, table_rows

from core import vocab
from core.vntext import unicode_to_tcvn3
from etl.pipeline import parse_file

FORMATS = ["xlsx", "xls", "ods"]
TITLE_BLOCK = [
    ["UBND HUYỆN SƠN HÀ", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["BAN CHỈ ĐẠO DÂN VẬN", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH \"DÂN VẬN KHÉO\" NĂM 2024"],
    [],
]
TITLE_MERGES = ["A1:C1", "E1:H1", "A2:C2", "E2:H2", "A4:H4"]
SIGNATURE = [
    [],
    ["Ghi chú: (*) mô hình duy trì không tính vào chỉ tiêu năm."],
    [None, "NGƯỜI LẬP BIỂU", None, None, None, "Sơn Hà, ngày 15 tháng 12 năm 2024"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, "TM. BAN CHỈ ĐẠO"],
    [None, None, None, None, None, "TRƯỞNG BAN"],
    [], [],
    [None, "Nguyễn Văn An", None, None, None, "Trần Thị Bình"],
]


def write(workbooks, fmt: str, name: str, rows: list[list], merges: list[str]):
    sheets, ranges = {"Tổng hợp": rows}, {"Tổng hợp": merges}
    if fmt == "xlsx":
        return workbooks.sheets(f"{name}.xlsx", sheets, merges=ranges)
    return getattr(workbooks, fmt)(f"{name}.{fmt}", sheets, merges=ranges)


def counts(con, year: int = 2024) -> dict[str, tuple[int, int]]:
    """Unit → (models in the database, models that count) for the year."""
    rows = table_rows(con, """SELECT u.name, count(*), count(c.model_id) FROM models m JOIN units u USING (unit_id)
                              LEFT JOIN counted_models c USING (model_id) WHERE m.year = ? GROUP BY u.name""", [year])
    return {name: (n, counted) for name, n, counted in rows}


def merged_unit_report() -> tuple[list[list], list[str]]:
    """A district's table: each commune's STT, name and year merged down over its models, sections I and II
    merged across, pre-numbered empty rows, a total row, then notes and signatures."""
    header_row = len(TITLE_BLOCK) + 1
    rows = TITLE_BLOCK + [
        ["STT", "Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Lĩnh vực", "Hình thức", "Kết quả đánh giá",
         "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["I", "KHỐI XÃ VÙNG THẤP"],
        [1, "Xã Sơn Hạ", 2024, "Nuôi bò sinh sản", "Kinh tế", "Xây dựng mới", "Được công nhận"],
        [None, None, None, "Thắp sáng đường quê", "VH-XH", "Nhân rộng", None],
        [None, None, None, "Tổ an ninh tự quản", "QP-AN", "Duy trì", None, "(*)"],
        [2, "Xã Sơn Thành", 2024, "Chi bộ bốn tốt", "XD HTCT", None, None],
        [None, None, None, "Phụ nữ tiết kiệm", "Kinh tế", None, None],
        ["II", "KHỐI XÃ VÙNG CAO"],
        [3, "Xã Sơn Nham", 2024, "Đường hoa kiểu mẫu", "VH-XH", None, None],
        [4], [5],
        ["Tổng cộng", None, None, "6 mô hình"],
    ] + SIGNATURE
    first = header_row + 2  # Excel row of section I
    merges = TITLE_MERGES + [f"B{first}:H{first}", f"A{first + 1}:A{first + 3}", f"B{first + 1}:B{first + 3}",
                             f"C{first + 1}:C{first + 3}", f"A{first + 4}:A{first + 5}", f"B{first + 4}:B{first + 5}",
                             f"C{first + 4}:C{first + 5}", f"B{first + 6}:H{first + 6}",
                             f"A{first + 11 + 1}:H{first + 11 + 1}"]  # the note under the table
    return rows, merges


@pytest.mark.parametrize("fmt", FORMATS)
def test_units_merged_down_over_their_models_and_sections_and_signatures(fmt, workbooks, db_path, con_after):
    rows, merges = merged_unit_report()
    assert run_load(db_path, write(workbooks, fmt, "son_ha", rows, merges)) == 0
    assert counts(con_after()) == {"Xã Sơn Hạ": (3, 2), "Xã Sơn Thành": (2, 2), "Xã Sơn Nham": (1, 1)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_under_the_table_warns_or_fails(fmt, workbooks, resolver):
    rows, merges = merged_unit_report()
    path = write(workbooks, fmt, "son_ha", rows, merges)
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [p.message for p in parsed.problems] == []
    assert len(parsed.models) == 6


def group_rows_report() -> tuple[list[list], list[str]]:
    """Sections A/B with a title merged across; group rows naming a unit, its models numbered 1.1, 1.2 under it
    with the unit cell empty; and a flat row naming its unit itself."""
    rows = [
        ["STT", "Đơn vị", "Tên mô hình", "Năm", "Lĩnh vực"],
        ["A", "CẤP TỈNH"],
        [1, "Hội Liên hiệp Phụ nữ tỉnh"],
        ["1.1", None, "Nhóm phụ nữ tiết kiệm", 2024, "Kinh tế"],
        ["1.2", None, "Phụ nữ giữ gìn an ninh", 2024, "QP-AN"],
        ["B", "CẤP XÃ"],
        [2, "Xã Sơn Hạ"],
        ["2.1", None, "Đường hoa kiểu mẫu", 2024, "VH-XH"],
        [3, "Xã Tịnh Hòa", "Camera an ninh", 2024, "QP-AN"],
    ]
    return rows, ["B2:E2", "B6:E6"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_group_row_gives_its_unit_to_the_rows_under_it(fmt, workbooks, db_path, con_after):
    rows, merges = group_rows_report()
    assert run_load(db_path, write(workbooks, fmt, "nhom", rows, merges)) == 0
    assert counts(con_after()) == {"Hội Liên hiệp Phụ nữ tỉnh": (2, 2), "Xã Sơn Hạ": (1, 1), "Xã Tịnh Hòa": (1, 1)}


def test_group_rows_in_the_name_column_of_a_district_compilation(workbooks, db_path, con_after):
    """No unit column: the district names itself on the "Thông tin" sheet, each commune heads its models."""
    info = [["Đơn vị báo cáo", "Huyện Sơn Hà"], ["Năm báo cáo", 2024]]
    models = [["STT", "Tên mô hình", "Lĩnh vực"],
              [1, "Xã Sơn Hạ"], ["1.1", "Đường hoa kiểu mẫu", "VH-XH"], ["1.2", "Nuôi bò sinh sản", "Kinh tế"],
              [2, "Xã Sơn Thành"], ["2.1", "Chi bộ bốn tốt", "XD HTCT"],
              [3, "Tổ hòa giải của huyện", "QP-AN"]]
    path = workbooks.sheets("son_ha.xlsx", {"Thông tin": info, "Mô hình": models})
    assert run_load(db_path, path) == 0
    assert counts(con_after()) == {"Xã Sơn Hạ": (2, 2), "Xã Sơn Thành": (1, 1), "Huyện Sơn Hà": (1, 1)}


def test_a_model_row_missing_its_field_is_still_an_error(workbooks, resolver):
    """One text besides the STT does not make a section row: a model without its field must not vanish."""
    info = [["Đơn vị báo cáo", "Xã Sơn Hạ"], ["Năm báo cáo", 2024]]
    models = [["STT", "Tên mô hình", "Lĩnh vực"], [1, "Đường hoa kiểu mẫu", "VH-XH"], [2, "Nuôi bò sinh sản"],
              [3, "Chi bộ bốn tốt", "XD HTCT"]]
    path = workbooks.sheets("thieu.xlsx", {"Thông tin": info, "Mô hình": models})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column, p.warning) for p in parsed.problems] == [(3, "Lĩnh vực", False)]


def test_a_misspelt_unit_in_a_group_row_is_reported_on_its_rows(workbooks, resolver):
    rows = [["STT", "Đơn vị", "Tên mô hình", "Năm", "Lĩnh vực"], [1, "Xã Sơn Hả"],
            ["1.1", None, "Đường hoa kiểu mẫu", 2024, "VH-XH"]]
    path = workbooks.sheets("sai_ten.xlsx", {"Tổng hợp": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column) for p in parsed.problems] == [(3, "Đơn vị")]
    assert "Sơn Hả" in parsed.problems[0].message and "Xã Sơn Hạ" in parsed.problems[0].message


def test_commendations_with_sections_and_a_signature_block(workbooks, db_path, con_after):
    rows = [
        ["STT", "Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Số QĐ"],
        ["I", "TẬP THỂ"],
        [1, "Xã Sơn Hạ", 2024, "Hội Nông dân xã Sơn Hạ", "Tập thể", "Giấy khen UBND huyện", "12/QĐ-UBND"],
        ["II", "CÁ NHÂN"],
        [2, "Xã Sơn Hạ", 2024, "Đinh Văn Ba", "Cá nhân", "Giấy khen UBND huyện", "12/QĐ-UBND"],
        [3],
        [None, None, None, None, "Sơn Hạ, ngày 20 tháng 12 năm 2024"],
        [None, None, None, None, "CHỦ TỊCH"],
        [None, None, None, None, "Phạm Văn Cường"],
    ]
    path = workbooks.sheets("khen.xlsx", {"Khen thưởng": rows}, merges={"Khen thưởng": ["B2:G2", "B4:G4"]})
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT recipient FROM commendations ORDER BY source_row") == [
        ("Hội Nông dân xã Sơn Hạ",), ("Đinh Văn Ba",)]


def test_optional_values_that_cannot_be_read_warn_and_the_row_loads(workbooks, db_path, con_after, capsys):
    """Only required columns reject: an unknown form, level or start date is a warning naming sheet, row and column;
    the row loads with the column's default (or empty) and the raw text is kept in "Ghi chú"."""
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", "Hình thức", "Cấp công nhận", "Thời gian bắt đầu", "Ghi chú"],
            ["Xã Sơn Hạ", 2024, "Đường hoa kiểu mẫu", "VH-XH", "Mới làm", "Thôn", "đầu năm", "Tổ dân phố 2"],
            ["Xã Sơn Hạ", 2024, "Nuôi bò sinh sản", "Kinh tế", None, None, "Quý II/2024", None],
            ["Xã Sơn Hạ", 2024, "Chi bộ bốn tốt", "XD HTCT", None, None, "tháng 3 năm 2024", None]]
    assert run_load(db_path, workbooks.sheets("tuy_chon.xlsx", {"Mô hình": rows})) == 0
    out = capsys.readouterr().out
    for column, value in (("Hình thức", "Mới làm"), ("Cấp công nhận", "Thôn")):
        assert f'[Mô hình, dòng 2, cột {column}] (cảnh báo) Giá trị "{value}" không hợp lệ cho cột "{column}".' in out
    assert '[Mô hình, dòng 2, cột Thời gian bắt đầu] (cảnh báo) Ngày "đầu năm" không đọc được' in out
    assert 'Dòng vẫn được nạp: cột này tạm ghi "Xây dựng mới" (giá trị mặc định khi để trống)' in out
    assert table_rows(con_after(), "SELECT form, level, start_date, note FROM models ORDER BY source_row") == [
        ("Xây dựng mới", None, None, "Tổ dân phố 2; Hình thức: Mới làm; Cấp công nhận: Thôn; Thời gian bắt đầu: đầu năm"),
        ("Xây dựng mới", None, dt.date(2024, 4, 1), None),
        ("Xây dựng mới", None, dt.date(2024, 3, 1), None)]


def test_an_excel_error_in_an_optional_column_warns_in_a_required_one_rejects(workbooks, resolver):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", "Địa bàn"],
            ["Xã Sơn Hạ", 2024, "Đường hoa kiểu mẫu", "VH-XH", "#N/A"],
            ["Xã Sơn Hạ", 2024, "Nuôi bò sinh sản", "#REF!", "Thôn 1"]]
    path = workbooks.sheets("loi.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column, p.warning) for p in parsed.problems] == [(2, "Địa bàn", True), (3, "Lĩnh vực", False)]


def test_a_unit_that_ended_in_the_year_beside_a_close_spelling_loads_with_a_warning(workbooks, db_path, resolver):
    """"Xã Đắk Hà" (Tu Mơ Rông) ended on 30/06/2025; "Xã Đăk Hà" was active on 31/12/2025: either may be meant."""
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Xã Đắk Hà", 2025, "Đường hoa", "VH-XH"],
            ["Xã Đắk Hà", 2025, "Nuôi bò", "Kinh tế"], ["Xã Đăk Hà", 2025, "Chi bộ bốn tốt", "XD HTCT"]]
    path = workbooks.sheets("dak_ha.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column, p.warning) for p in parsed.problems] == [(2, "Đơn vị", True)]
    message = parsed.problems[0].message
    assert "Xã Đắk Hà (mã 23425, Huyện Tu Mơ Rông)" in message and "30/06/2025" in message
    assert "Xã Đăk Hà (mã 23500, Huyện Đắk Hà)" in message and "ghi mã đơn vị (23500)" in message
    assert sorted(parsed.models["unit_id"].map(lambda i: resolver.units[i].code)) == ["23425", "23425", "23500"]
    rows_2024 = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Xã Đắk Hà", 2024, "Đường hoa", "VH-XH"]]
    path = workbooks.sheets("dak_ha_2024.xlsx", {"Mô hình": rows_2024})
    assert parse_file(path.read_bytes(), path.name, resolver).problems == []  # both were not there on 31/12/2024


def test_the_code_settles_a_close_spelling(workbooks, resolver):
    """"Xã Đắk Hà" written with the code of Xã Đăk Hà: the report means the unit of the code, no warning."""
    info = [["Đơn vị báo cáo", "Xã Đắk Hà"], ["Mã đơn vị", "23500"], ["Năm báo cáo", 2025]]
    path = workbooks.sheets("dak_ha_ma.xlsx", {"Thông tin": info, "Mô hình": [["Tên mô hình", "Lĩnh vực"],
                                                                               ["Đường hoa", "VH-XH"]]})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.problems == []
    assert [resolver.units[i].code for i in parsed.models["unit_id"]] == ["23500"]


H = ["STT", "Đơn vị", "Tên mô hình", "Năm", "Lĩnh vực"]
INFO_SON_HA = [["Đơn vị báo cáo", "Huyện Sơn Hà"], ["Năm báo cáo", 2024]]
# Layouts a new-user probe found refused or misfiled (issue 11): (sheets, merges, models expected per unit).
PROBED = {
    "roman section names the unit": (
        {"S": [H, ["I", "Sở Y tế"], [1, None, "Khám bệnh miễn phí", 2024, "VH-XH"]]}, {"S": ["B2:E2"]},
        {"Sở Y tế": 1}),
    "roman section names a commune of the district on Thông tin": (
        {"Thông tin": INFO_SON_HA, "S": [["STT", "Đơn vị", "Tên mô hình", "Lĩnh vực"], ["I", "Xã Sơn Hạ"],
                                         [1, None, "Nuôi bò", "Kinh tế"], ["II", "Xã Sơn Thành"],
                                         [1, None, "Đường hoa", "VH-XH"]]},
        {"S": ["B2:D2", "B4:D4"]}, {"Xã Sơn Hạ": 1, "Xã Sơn Thành": 1}),
    "group row, models bulleted with a dash": (
        {"S": [H, [1, "Xã Bình Thuận"], ["-", None, "Nuôi tôm", 2024, "Kinh tế"], ["-", None, "Đèn đường", 2024,
                                                                                   "VH-XH"]]},
        {"S": ["B2:E2"]}, {"Xã Bình Thuận": 2}),
    "group rows not merged, models without STT": (
        {"S": [H, [1, "Xã Nghĩa Lâm"], [None, None, "Vườn mẫu", 2024, "Kinh tế"], [2, "Xã Nghĩa Thắng"],
               [None, None, "Tổ liên gia", 2024, "QP-AN"]]}, {}, {"Xã Nghĩa Lâm": 1, "Xã Nghĩa Thắng": 1}),
    "template rows with unit and year filled beforehand": (
        {"S": [H, [1, "Xã Bình Châu", "Ngư dân bám biển", 2024, "QP-AN"], [2, "Xã Bình Châu", None, 2024, None],
               [3, "Xã Bình Châu", None, 2024, None]]}, {}, {"Xã Bình Châu": 1}),
    "numbered footnote in the unit column": (
        {"S": [H, [1, "Xã Hành Thuận", "Cánh đồng lớn", 2024, "Kinh tế"], [None, "(1) Số liệu đến 30/11/2024."]]},
        {}, {"Xã Hành Thuận": 1}),
    "dashed footnote in the unit column": (
        {"S": [H, [1, "Xã Ba Vinh", "Nhà sàn", 2024, "VH-XH"], [None, "- Số liệu tính đến ngày 30/11/2024."]]},
        {}, {"Xã Ba Vinh": 1}),
    "place and date in digits beside NGƯỜI LẬP BIỂU": (
        {"S": [H, [1, "Xã Đức Tân", "Vườn mẫu", 2024, "Kinh tế"],
               [None, "NGƯỜI LẬP BIỂU", None, None, "Mộ Đức, ngày 15/12/2024"]]}, {}, {"Xã Đức Tân": 1}),
    "signer K/T TRƯỞNG BAN": (
        {"S": [H, [1, "Xã Sơn Hạ", "Nuôi bò", 2024, "Kinh tế"], [None, "NGƯỜI TỔNG HỢP", None, "K/T TRƯỞNG BAN"],
               [], [None, "Lê Văn Tư", None, "Phạm Thị Năm"]]}, {}, {"Xã Sơn Hạ": 1}),
    "a total row saying Tổng alone": (
        {"S": [H, [1, "Xã Đắk La", "Cà phê", 2024, "Kinh tế"], ["Tổng", None, "1 mô hình"]]}, {}, {"Xã Đắk La": 1}),
    "a subtotal Cộng and its count": (
        {"S": [H, [1, "Xã Đức Tân", "Vườn mẫu", 2024, "Kinh tế"], [None, "Cộng", 1]]}, {}, {"Xã Đức Tân": 1}),
    "CHỈ HUY TRƯỞNG and the signer's name in a required column": (
        {"S": [H, [1, "Bộ Chỉ huy Quân sự tỉnh", "Quân dân chung sức", 2024, "Kinh tế"],
               [None, None, "CHỈ HUY TRƯỞNG"], [None, None, "Đại tá Nguyễn Văn Hải"]]}, {},
        {"Bộ Chỉ huy Quân sự tỉnh": 1}),
    "Nơi nhận beside CHÁNH VĂN PHÒNG, then the distribution list": (
        {"S": [H, [1, "Sở Y tế", "Khám bệnh", 2024, "VH-XH"], ["Nơi nhận:", None, None, "CHÁNH VĂN PHÒNG"],
               [None, "- Ban Dân vận Tỉnh ủy;"], [None, "- Lưu: VT."]]}, {}, {"Sở Y tế": 1}),
    "a numbered section in capitals, lettered rows under it": (
        {"S": [["STT", "Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], [2, "LỰC LƯỢNG VŨ TRANG"],
               ["a", "Công an tỉnh", 2024, "Công an xã bám dân", "QP-AN"],
               ["b", "Bộ Chỉ huy Quân sự tỉnh", 2024, "Dân quân giúp dân", "QP-AN"]]}, {},
        {"Công an tỉnh": 1, "Bộ Chỉ huy Quân sự tỉnh": 1}),
    "Thông tin label merged over A:B, its value in C": (
        {"Thông tin": [["Đơn vị báo cáo", None, "Xã Bình Hải"], ["Năm báo cáo", None, 2024]],
         "Mô hình": [["STT", "Tên mô hình", "Lĩnh vực"], [1, "Hội quán làng chài", "VH-XH"]]},
        {"Thông tin": ["A1:B1", "A2:B2"]}, {"Xã Bình Hải": 1}),
    "values with spaced dashes and footnote marks": (
        {"S": [H + ["Hình thức"], [1, "Xã Sơn Hạ", "Nuôi bò", 2024, "VH - XH", "Duy trì (*)"],
               [2, "Xã Sơn Hạ", "Đường hoa", 2024, "Kinh tế (1)", "Nhân rộng *"]]}, {}, {"Xã Sơn Hạ": 2}),
}


@pytest.mark.parametrize("layout", PROBED)
def test_layouts_a_new_user_probe_found_refused(layout, workbooks, resolver):
    sheets, merges, expected = PROBED[layout]
    path = workbooks.sheets("probe.xlsx", sheets, merges=merges)
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [p.message for p in parsed.problems if not p.warning] == []
    assert dict(Counter(resolver.units[i].name for i in parsed.models["unit_id"])) == expected


def test_free_text_result_and_award_columns_in_a_models_table(workbooks, resolver):
    """"Kết quả đạt được" is the model's result, not its evaluation; "Hình thức khen thưởng" is not its form."""
    rows = [["STT", "Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", "Kết quả đạt được", "Hình thức khen thưởng"],
            [1, "Xã Trà Bình", 2024, "Trồng quế", "Kinh tế", "35 hộ thoát nghèo", "Giấy khen UBND huyện"]]
    path = workbooks.sheets("ket_qua.xlsx", {"S": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    record = parsed.models.iloc[0]
    assert (record["result"], record["status"], record["form"]) == ("35 hộ thoát nghèo", "Được công nhận",
                                                                    "Xây dựng mới")
    assert [(p.row, p.column, p.warning) for p in parsed.problems] == [(1, "Hình thức khen thưởng", True)]
    assert parsed.problems[0].message.startswith('Cột "Hình thức khen thưởng" không có trong biểu mẫu')


def test_a_decision_number_and_date_in_one_column_are_kept(workbooks, resolver):
    info = [["Đơn vị báo cáo", "Xã Tịnh Hòa"], ["Năm báo cáo", 2024]]
    rows = [["STT", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Số, ngày quyết định"],
            [1, "Hội Phụ nữ thôn Đông", "Tập thể", "Giấy khen UBND xã", "25/QĐ-UBND ngày 15/11/2024"]]
    path = workbooks.sheets("so_ngay.xlsx", {"Thông tin": info, "K": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.problems == []
    assert parsed.commendations["decision_no"].tolist() == ["25/QĐ-UBND ngày 15/11/2024"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_split_into_ticked_values(fmt, workbooks, db_path, con_after):
    """"Lĩnh vực" and "Hình thức" merged over one sub-column per value, an "x" under the one that applies."""
    rows = [["STT", "Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", None, None, None, "Hình thức", None, None],
            [None, None, None, None, "Kinh tế", "VH-XH", "QP-AN", "XD HTCT", "Xây dựng mới", "Nhân rộng", "Duy trì"],
            [1, "Xã Sơn Hạ", 2024, "Nuôi bò", "x", None, None, None, None, "x", None],
            [2, "Xã Sơn Hạ", 2024, "Camera an ninh", None, None, "X", None, "x", None, None],
            [3, "Xã Sơn Hạ", 2024, "Chi bộ bốn tốt", None, None, None, 1, None, None, "x"]]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:H1", "I1:K1"]
    assert run_load(db_path, write(workbooks, fmt, "danh_dau", rows, merges)) == 0
    assert table_rows(con_after(), "SELECT name, field, form FROM models ORDER BY source_row") == [
        ("Nuôi bò", "Kinh tế", "Nhân rộng"), ("Camera an ninh", "Quốc phòng - An ninh", "Xây dựng mới"),
        ("Chi bộ bốn tốt", "Xây dựng hệ thống chính trị", "Duy trì")]


def test_two_ticks_in_a_required_column_are_refused(workbooks, resolver):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", None],
            [None, None, None, "Kinh tế", "VH-XH"],
            ["Xã Sơn Hạ", 2024, "Nuôi bò", "x", "x"]]
    path = workbooks.sheets("hai_dau.xlsx", {"S": rows}, merges={"S": ["A1:A2", "B1:B2", "C1:C2", "D1:E1"]})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column, p.warning) for p in parsed.problems] == [(3, "Lĩnh vực", False)]
    assert '"Kinh tế, Văn hóa - Xã hội" không hợp lệ' in parsed.problems[0].message


def test_section_titles_give_the_value_of_a_column_the_table_lacks(workbooks, db_path, con_after):
    """A commendation list by "I. TẬP THỂ" / "II. CÁ NHÂN" without a "Đối tượng" column; a model list by field."""
    awards = [["STT", "Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Hình thức khen thưởng"],
              ["I. TẬP THỂ"], [1, "Xã Sơn Dung", 2024, "Chi hội Nông dân thôn 1", "Giấy khen UBND huyện"],
              ["II", "CÁ NHÂN"], [1, "Xã Sơn Dung", 2024, "Đinh Thị Hoa", "Giấy khen UBND huyện"]]
    models = [["STT", "Đơn vị", "Năm", "Tên mô hình"], ["A", "LĨNH VỰC KINH TẾ"],
              [1, "Xã Sơn Dung", 2024, "Nuôi cá lồng"], ["B", "Lĩnh vực văn hóa - xã hội"],
              [1, "Xã Sơn Dung", 2024, "Nhà văn hóa thôn"]]
    path = workbooks.sheets("son_dung.xlsx", {"Khen thưởng": awards, "Mô hình": models})
    assert run_load(db_path, path) == 0
    con = con_after()
    assert table_rows(con, "SELECT recipient, recipient_type FROM commendations ORDER BY source_row") == [
        ("Chi hội Nông dân thôn 1", "Tập thể"), ("Đinh Thị Hoa", "Cá nhân")]
    assert table_rows(con, "SELECT name, field FROM models ORDER BY source_row") == [
        ("Nuôi cá lồng", "Kinh tế"), ("Nhà văn hóa thôn", "Văn hóa - Xã hội")]


def test_a_missing_column_no_section_gives_is_still_refused_once(workbooks, resolver):
    rows = [["STT", "Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Hình thức khen thưởng"],
            ["I", "KHỐI XÃ"], [1, "Xã Sơn Dung", 2024, "Chi hội Nông dân thôn 1", "Giấy khen UBND huyện"]]
    path = workbooks.sheets("thieu.xlsx", {"Khen thưởng": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.row, p.column, p.message) for p in parsed.errors] == [(1, "Đối tượng", 'Thiếu cột bắt buộc "Đối tượng".')]


def test_a_problem_on_the_info_sheet_names_its_row(workbooks, resolver):
    info = [["BÁO CÁO DÂN VẬN KHÉO"], ["Năm báo cáo", 2025], ["Đơn vị báo cáo", None, "Xã Đắk Hà"]]
    path = workbooks.sheets("thong_tin.xlsx", {"Thông tin": info, "Mô hình": [["Tên mô hình", "Lĩnh vực"],
                                                                               ["Đường hoa", "VH-XH"]]})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.sheet, p.row, p.column, p.col, p.warning) for p in parsed.problems] == [
        ("Thông tin", 3, "Đơn vị báo cáo", 2, True)]


def test_an_ambiguous_legacy_cell_follows_the_rest_of_its_sheet(workbooks, db_path, con_after):
    """"KINH TÕ" in .VnTime reads as TCVN3 "KINH TẾ" or as typed; the sheet's other cells in that font are TCVN3
    beyond doubt, so it is decoded too."""
    rows = [[unicode_to_tcvn3(h) for h in ("Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực")],
            [unicode_to_tcvn3("Xã Tịnh Hòa"), 2024, unicode_to_tcvn3("Nuôi bò sinh sản"), unicode_to_tcvn3("KINH TẾ")]]
    assert rows[1][3] == "KINH TÕ"
    path = workbooks.sheets("tcvn3.xlsx", {"Mô hình": rows}, fonts={"Mô hình": ".VnTime"})
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [("Nuôi bò sinh sản", "Kinh tế")]


def test_unicode_typed_in_a_legacy_font_stays_as_typed_with_a_warning(workbooks, resolver):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Sở Y tế", 2024, "Tân An", "Kinh tế"]]
    path = workbooks.sheets("unicode.xlsx", {"Mô hình": rows}, fonts={"Mô hình": ".VnTime"})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.models["name"].tolist() == ["Tân An"]
    assert [(p.row, p.column, p.col, p.warning) for p in parsed.problems] == [(2, "C", 2, True)]
    assert parsed.problems[0].message.startswith("Ô này đọc được cả như chữ gõ bằng bảng mã cũ")


def test_a_table_without_rows_is_refused_even_beside_a_warning(workbooks, resolver):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực", "Kinh phí (triệu đồng)"], [1], [2]]
    path = workbooks.sheets("rong.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(p.message, p.warning) for p in parsed.problems][-1] == (
        "Tệp không có dòng dữ liệu nào và không ghi đơn vị, năm báo cáo ở trang \"Thông tin\".", False)


def test_unit_and_year_written_above_the_table_as_labels(workbooks, resolver):
    rows = [["BIỂU THỐNG KÊ MÔ HÌNH \"DÂN VẬN KHÉO\""], ["Đơn vị báo cáo: UBND xã Bình Minh"], ["Năm báo cáo: 2024"],
            [], ["STT", "Tên mô hình", "Lĩnh vực"], [1, "Chợ quê văn minh", "Kinh tế"]]
    path = workbooks.sheets("nhan.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.problems == []
    assert [(resolver.units[u].name, y) for u, y in zip(parsed.models["unit_id"], parsed.models["year"])] == [
        ("Xã Bình Minh", 2024)]


def test_unit_and_year_taken_from_the_title_block_with_a_warning(workbooks, resolver):
    """A commune's own report: "UBND HUYỆN BÌNH SƠN" over "UBND XÃ BÌNH MINH", the year in the title."""
    rows = [["UBND HUYỆN BÌNH SƠN", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["UBND XÃ BÌNH MINH", None, "Độc lập - Tự do - Hạnh phúc"], [],
            ["BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH \"DÂN VẬN KHÉO\" NĂM 2024"], [],
            ["STT", "Tên mô hình", "Lĩnh vực"], [1, "Chợ quê văn minh", "Kinh tế"],
            [2, "Nhà văn hóa thôn sạch đẹp", "VH-XH"]]
    path = workbooks.sheets("tieu_de.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [(resolver.units[u].name, y) for u, y in zip(parsed.models["unit_id"], parsed.models["year"])] == [
        ("Xã Bình Minh", 2024), ("Xã Bình Minh", 2024)]
    assert [(p.row, p.column, p.col, p.warning) for p in parsed.problems] == [(4, "A", 0, True), (2, "A", 0, True)]
    assert 'năm báo cáo được lấy từ tiêu đề "BÁO CÁO KẾT QUẢ' in parsed.problems[0].message
    assert 'đơn vị được lấy từ tiêu đề "UBND XÃ BÌNH MINH"' in parsed.problems[1].message


def test_tcvn3_pasted_without_its_font_decodes_its_short_cells_too(workbooks, db_path, con_after):
    """No legacy font anywhere: the sheet's long cells are TCVN3 beyond doubt, so "KINH TÕ" is TCVN3 as well."""
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"],
            [unicode_to_tcvn3("Xã Tịnh Hòa"), 2024, unicode_to_tcvn3("Tổ phụ nữ tiết kiệm tạo vốn"),
             unicode_to_tcvn3("KINH TẾ")]]
    assert run_load(db_path, workbooks.sheets("dan_khong_font.xlsx", {"Mô hình": rows})) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [("Tổ phụ nữ tiết kiệm tạo vốn", "Kinh tế")]


def test_a_lone_legacy_value_is_read_by_the_vocabulary(workbooks, resolver):
    """Nothing else in the sheet is legacy text, so "KINH TÕ" stays as typed; read in TCVN3 it names a field."""
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Sở Y tế", 2024, "Khám bệnh lưu động", "KINH TÕ"]]
    path = workbooks.sheets("mot_o.xlsx", {"Mô hình": rows})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.models["field"].tolist() == ["Kinh tế"]
    assert parsed.problems == []


PROBED_AGAIN = {  # a second new-user probe (legacy text and layouts): (sheets, merges, models expected per unit)
    "Thông tin with row numbers in A, labels in B": (
        {"Thông tin": [[1, "Đơn vị báo cáo", "Xã Đức Chánh"], [2, "Năm báo cáo", 2024]],
         "Mô hình": [["STT", "Tên mô hình", "Lĩnh vực"], [1, "Hội quán nông dân", "Kinh tế"]]}, {},
        {"Xã Đức Chánh": 1}),
    "a year typed with a literal apostrophe": (
        {"S": [H, [1, "Xã Phổ Cường", "Chợ không túi ni lông", "'2024", "Kinh tế"]]}, {}, {"Xã Phổ Cường": 1}),
}


@pytest.mark.parametrize("layout", PROBED_AGAIN)
def test_layouts_a_second_probe_found_refused(layout, workbooks, resolver):
    sheets, merges, expected = PROBED_AGAIN[layout]
    path = workbooks.sheets("probe.xlsx", sheets, merges=merges)
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert [p.message for p in parsed.errors] == []
    assert dict(Counter(resolver.units[i].name for i in parsed.models["unit_id"])) == expected


@pytest.mark.parametrize("written, award", [
    ("Giấy khen của Chủ tịch UBND xã", "Giấy khen của Chủ tịch UBND cấp xã"),
    ("Giấy khen của Chủ tịch UBND thị trấn", "Giấy khen của Chủ tịch UBND cấp xã"),
    ("Giấy khen của Chủ tịch UBND huyện", "Giấy khen của Chủ tịch UBND cấp huyện"),
    ("Giấy khen của Chủ tịch UBND thành phố Quảng Ngãi", "Giấy khen của Chủ tịch UBND cấp huyện"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"),
    ("Bằng khen của Chủ tịch UBND tỉnh Quảng Ngãi", "Bằng khen của Chủ tịch UBND tỉnh"),
    ("Giấy khen Giám đốc Sở", "Giấy khen của cấp sở, ngành"),
    ("Giấy khen của Ban Dân vận Tỉnh ủy Quảng Ngãi", "Giấy khen của Ban Dân vận Tỉnh ủy"),
])
def test_award_wordings_offices_write(written, award):
    assert vocab.canonical("award", written) == award


def test_columns_repeated_in_blocks_side_by_side_are_refused_not_half_read(workbooks, resolver):
    """"Năm 2023 | Năm 2024", each over its own name and field: one row cannot hold two models; reading the first
    block alone would drop the second without a word."""
    rows = [["STT", "Đơn vị", "Năm 2023", None, "Năm 2024", None],
            [None, None, "Tên mô hình", "Lĩnh vực", "Tên mô hình", "Lĩnh vực"],
            [1, "Xã Nghĩa Lâm", "Vườn mẫu", "Kinh tế", "Chợ văn minh", "Kinh tế"]]
    path = workbooks.sheets("khoi_nam.xlsx", {"S": rows}, merges={"S": ["A1:A2", "B1:B2", "C1:D1", "E1:F1"]})
    parsed = parse_file(path.read_bytes(), path.name, resolver)
    assert parsed.models.empty
    assert [(p.row, p.column) for p in parsed.errors][:2] == [(2, "Tên mô hình"), (2, "Lĩnh vực")]
    assert parsed.errors[0].message.startswith('Cột bắt buộc "Tên mô hình" xuất hiện lần nữa')
