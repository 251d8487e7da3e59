"""Files as units really send them load into the right rows (DATA_CONTRACT §4)."""
import datetime as dt
import unicodedata

import pandas as pd
from conftest import commendation_row, model_row, run_load, table_rows

from core.vntext import unicode_to_tcvn3, unicode_to_vietware_x, unicode_to_vni

HEADERS = ["STT", "Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Loại", "Lĩnh vực", "Hình thức",
           "Kết quả đánh giá", "Cấp công nhận"]


def models_of(con) -> list[tuple]:
    return table_rows(con, """SELECT u.code, m.year, m.name, m.kind, m.field, m.form, m.status, m.level
                             FROM models m JOIN units u USING (unit_id) ORDER BY m.source_row""")


def test_official_template_loads_every_column(workbooks, db_path, con_after):
    path = workbooks.official(
        info={"unit": "Xã Tịnh Hòa", "year": 2024, "author": "Nguyễn Văn A", "phone": "0905123456",
              "date": dt.date(2024, 12, 28)},
        models=[model_row(unit="", year="", kind="Điển hình", subject="Cá nhân", level="Huyện", theme="Nông thôn mới",
                          start=dt.date(2024, 3, 15), place="Thôn An Phú", result="Trồng 2 km hoa", note="x"),
                model_row(unit="", year="", name="Camera an ninh", field="QP-AN", form="Nhân rộng mô hình")],
        commendations=[commendation_row(unit="", year="", decision_date=dt.date(2024, 12, 20))])
    assert run_load(db_path, path) == 0
    con = con_after()
    assert models_of(con) == [
        ("21187", 2024, "Tuyến đường hoa kiểu mẫu", "Điển hình", "Văn hóa - Xã hội", "Xây dựng mới", "Được công nhận", "Huyện"),
        ("21187", 2024, "Camera an ninh", "Mô hình", "Quốc phòng - An ninh", "Nhân rộng", "Được công nhận", None)]
    assert table_rows(con, "SELECT subject, theme, start_date, place, result FROM models WHERE kind = 'Điển hình'") == [
        ("Cá nhân", "Nông thôn mới", dt.date(2024, 3, 15), "Thôn An Phú", "Trồng 2 km hoa")]
    commendation = table_rows(con, """SELECT c.recipient, c.award, c.decision_no, c.decision_date, m.name
                                      FROM commendations c JOIN models m USING (model_id)""")
    assert commendation == [("Hội Phụ nữ xã Tịnh Hòa", "Giấy khen của Chủ tịch UBND cấp xã", "25/QĐ-UBND",
                             dt.date(2024, 12, 20), "Tuyến đường hoa kiểu mẫu")]
    assert table_rows(con, "SELECT report_author, report_phone, report_date, status FROM uploads") == [
        ("Nguyễn Văn A", "0905123456", dt.date(2024, 12, 28), "applied")]


def test_district_compilation_with_title_block_and_merged_headers(workbooks, db_path, con_after):
    rows = [
        ["ỦY BAN NHÂN DÂN HUYỆN SƠN TỊNH"], [],
        ["BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH \"DÂN VẬN KHÉO\" NĂM 2023"], [],
        ["STT", "Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Thông tin mô hình", None, None, "Kết quả đánh giá"],
        [None, None, None, None, "Loại", "Lĩnh vực", "Hình thức", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["I. Khối xã", None, None, None, None, None, None, None],
        [1, "UBND TT Tịnh Hà", "Năm 2023", "Nuôi bò sinh sản", "Mô hình", "Lĩnh vực kinh tế", "Nhân rộng", "Công nhận"],
        [2, "Xã Tịnh Sơn", 2023, "Thắp sáng đường quê", None, "VH-XH", None, None],
        [None, None, None, None, None, None, None, None],
        [3, "Ủy ban nhân dân xã Tịnh Bắc", 2023, "Tổ an ninh tự quản", None, "QP-AN", "Duy trì", "Đạt"],
        ["Tổng cộng", None, None, "3 mô hình", None, None, None, None],
    ]
    merges = ["A1:H1", "A3:H3", "E5:G5", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "H5:H6"]
    path = workbooks.sheets("tong_hop_son_tinh.xlsx", {"Tổng hợp": rows}, merges={"Tổng hợp": merges})
    assert run_load(db_path, path) == 0
    con = con_after()
    assert [(r[1], r[2], r[4], r[5], r[6]) for r in models_of(con)] == [
        (2023, "Nuôi bò sinh sản", "Kinh tế", "Nhân rộng", "Được công nhận"),
        (2023, "Thắp sáng đường quê", "Văn hóa - Xã hội", "Xây dựng mới", "Được công nhận"),
        (2023, "Tổ an ninh tự quản", "Quốc phòng - An ninh", "Duy trì", "Được công nhận")]
    assert table_rows(con, """SELECT u.name FROM upload_coverage c JOIN units u USING (unit_id) ORDER BY u.name""") == [
        ("Thị trấn Tịnh Hà",), ("Xã Tịnh Bắc",), ("Xã Tịnh Sơn",)]


def test_headers_without_diacritics_in_any_case_nfd_and_line_breaks(workbooks, db_path, con_after):
    headers = ["DON VI THUC HIEN", "nam", unicodedata.normalize("NFD", "Tên mô hình,\nđiển hình"), "Linh  vuc",
               "Hinh thuc (*)", "KET QUA DANH GIA"]
    rows = [headers, ["Xã Tịnh Hòa", 2022, "Chi bộ bốn tốt", "XD HTCT", "Xay dung moi", "Tieu bieu"]]
    path = workbooks.sheets("khong_dau.xlsx", {"Sheet1": rows})
    assert run_load(db_path, path) == 0
    assert [(r[2], r[4], r[5], r[6]) for r in models_of(con_after())] == [
        ("Chi bộ bốn tốt", "Xây dựng hệ thống chính trị", "Xây dựng mới", "Tiêu biểu")]


def test_unit_and_year_given_only_in_info_sheet(workbooks, db_path, con_after):
    info = [["Đơn vị báo cáo", "Hội Liên hiệp Phụ nữ tỉnh"], ["Năm báo cáo", "Năm 2022"], ["Người lập", "Trần B"]]
    models = [["Tên mô hình", "Lĩnh vực"], ["Nhóm phụ nữ tiết kiệm", "Kinh tế"]]
    awards = [["Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Ngày quyết định"],
              ["Chi hội phụ nữ thôn 3", "Tập thể", "Bằng khen UBND tỉnh", "05/12/2022"]]
    path = workbooks.sheets("hlhpn.xlsx", {"Mô hình": models, "Thông tin": info, "KT": awards})
    assert run_load(db_path, path) == 0
    con = con_after()
    assert table_rows(con, "SELECT u.name, m.year, m.name FROM models m JOIN units u USING (unit_id)") == [
        ("Hội Liên hiệp Phụ nữ tỉnh", 2022, "Nhóm phụ nữ tiết kiệm")]
    assert table_rows(con, "SELECT award, decision_date, year FROM commendations") == [
        ("Bằng khen của Chủ tịch UBND tỉnh", dt.date(2022, 12, 5), 2022)]


def test_info_sheet_with_no_rows_reports_zero_models(workbooks, db_path, con_after):
    path = workbooks.official(info={"unit": "Sở Tư pháp", "year": 2023})
    assert run_load(db_path, path) == 0
    row = table_rows(con_after(), """SELECT submitted, n_models, attainment FROM unit_year
                                     WHERE name = 'Sở Tư pháp' AND year = 2023""")
    assert row == [(True, 0, "Chưa đạt")]


def test_tcvn3_workbook_is_decoded_by_its_font(workbooks, db_path, con_after):
    tcvn = [[unicode_to_tcvn3(v) if isinstance(v, str) else v for v in row] for row in [
        ["Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Lĩnh vực"],
        ["Xã Tịnh Hòa", 2021, "Dân vận khéo trong xây dựng nông thôn mới", "Kinh tế"]]]
    path = workbooks.sheets("tcvn3.xlsx", {"Mô hình": tcvn}, fonts={"Mô hình": ".VnTime"})
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [
        ("Dân vận khéo trong xây dựng nông thôn mới", "Kinh tế")]


def test_legacy_xls(workbooks, db_path, con_after):
    path = workbooks.xls("cu.xls", {"Mô hình": [HEADERS, [1, "Xã Tịnh Hòa", 2021, "Thắp sáng đường quê", "Mô hình",
                                                           "Văn hóa - Xã hội", "Xây dựng mới", "Được công nhận", "Cơ sở"]]})
    assert run_load(db_path, path) == 0
    assert [r[2] for r in models_of(con_after())] == ["Thắp sáng đường quê"]


def test_ods(workbooks, db_path, con_after):
    path = workbooks.folder / "bao_cao.ods"
    pd.DataFrame([["Sở Y tế", 2024, "Bệnh viện thân thiện", "VHXH"]],
                 columns=["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"]).to_excel(path, engine="odf", index=False)
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [("Bệnh viện thân thiện", "Văn hóa - Xã hội")]


def test_shared_commune_name_resolves_with_district_or_code(workbooks, db_path, con_after):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"],
            ["Phường Nguyễn Nghiêm (Thị xã Đức Phổ)", 2024, "A", "Kinh tế"],
            ["Phường Nguyễn Nghiêm - TP Quảng Ngãi", 2024, "B", "Kinh tế"],
            ["21439", 2023, "C", "Kinh tế"]]
    assert run_load(db_path, workbooks.sheets("nn.xlsx", {"MH": rows})) == 0
    assert [(r[0], r[2]) for r in models_of(con_after())] == [("21439", "A"), ("21025", "B"), ("21439", "C")]


def test_reorganised_units_resolve_by_year(workbooks, db_path, con_after):
    rows = [["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"],
            ["UBND huyện Bình Sơn", 2024, "A", "Kinh tế"],
            ["Xã Bình Sơn", 2025, "B", "Kinh tế"],
            ["Sở Nông nghiệp và Môi trường", 2025, "C", "Kinh tế"],
            ["MTTQ tỉnh", 2026, "D", "Kinh tế"],
            ["Hội LHPN tỉnh Kon Tum", 2024, "E", "Kinh tế"]]
    assert run_load(db_path, workbooks.sheets("reorg.xlsx", {"MH": rows})) == 0
    names = table_rows(con_after(), "SELECT u.name FROM models m JOIN units u USING (unit_id) ORDER BY m.name")
    assert names == [("Huyện Bình Sơn",), ("Xã Bình Sơn",), ("Sở Nông nghiệp và Môi trường",),
                     ("Ủy ban MTTQ Việt Nam tỉnh",), ("Hội Liên hiệp Phụ nữ tỉnh Kon Tum",)]


def test_tcvn3_in_xls_without_font_information(workbooks, db_path, con_after):
    rows = [[unicode_to_tcvn3(v) if isinstance(v, str) else v for v in row] for row in [
        ["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Xã Tịnh Hòa", 2022, "Chính quyền lắng nghe dân nói", "Xây dựng hệ thống chính trị"]]]
    assert run_load(db_path, workbooks.xls("tcvn3.xls", {"Mô hình": rows})) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [
        ("Chính quyền lắng nghe dân nói", "Xây dựng hệ thống chính trị")]


def test_vni_workbook_is_decoded_by_its_font(workbooks, db_path, con_after):
    rows = [[unicode_to_vni(v) if isinstance(v, str) else v for v in row] for row in [
        ["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Hội Nông dân tỉnh", 2023, "Tổ hợp tác trồng keo", "Kinh tế"]]]
    path = workbooks.sheets("vni.xlsx", {"Mô hình": rows}, fonts={"Mô hình": "VNI-Times"})
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [("Tổ hợp tác trồng keo", "Kinh tế")]


def test_vietware_workbook_is_decoded_by_its_font(workbooks, db_path, con_after):
    rows = [[unicode_to_vietware_x(v) if isinstance(v, str) else v for v in row] for row in [
        ["Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"], ["Hội Nông dân tỉnh", 2023, "Tổ hợp tác trồng keo", "Kinh tế"]]]
    path = workbooks.sheets("vietware.xlsx", {"Mô hình": rows}, fonts={"Mô hình": "VNtimes new roman"})
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), "SELECT name, field FROM models") == [("Tổ hợp tác trồng keo", "Kinh tế")]
