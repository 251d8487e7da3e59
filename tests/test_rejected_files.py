"""Bad files are rejected with every reason, in Vietnamese, and leave the database exactly as it was."""
import io
import re
import zipfile

import openpyxl
import pytest
from conftest import db_state, model_row, table_rows

from etl.cli import main

GOOD = [model_row(unit="Sở Y tế", year=2024, name="Bệnh viện thân thiện")]

@pytest.fixture
def loaded_db(db_path, workbooks):
    """A database with one file already loaded, so 'unchanged' means more than 'still empty'."""
    assert main(["load", "--db", str(db_path), str(workbooks.official("truoc.xlsx", models=GOOD))]) == 0
    return db_path

def reject(db_path, path, capsys) -> str:
    before = db_state(db_path)
    assert main(["load", "--db", str(db_path), str(path)]) == 1
    assert db_state(db_path) == before
    out = capsys.readouterr().out
    assert "[BỊ TỪ CHỐI]" in out
    return out

def test_not_excel(loaded_db, workbooks, capsys):
    out = reject(loaded_db, workbooks.raw("thu.xlsx", "Kính gửi Ban Dân vận".encode()), capsys)
    assert "Tệp không phải là bảng tính Excel" in out and "nội dung không phải bảng tính" in out

def test_truncated_workbook(loaded_db, workbooks, capsys):
    whole = workbooks.official("day_du.xlsx", models=GOOD).read_bytes()
    out = reject(loaded_db, workbooks.raw("cat_ngang.xlsx", whole[: len(whole) // 2]), capsys)
    assert "tệp nén bị hỏng hoặc không đầy đủ" in out

def test_wrong_extension(loaded_db, workbooks, capsys):
    path = workbooks.raw("bao_cao.pdf", b"%PDF-1.4")
    before = db_state(loaded_db)
    assert main(["load", "--db", str(loaded_db), str(path)]) == 2  # nothing loadable named: bad usage
    assert db_state(loaded_db) == before
    assert "Không tìm thấy tệp .xlsx, .xls hoặc .ods nào" in capsys.readouterr().err

def test_empty_workbook(loaded_db, workbooks, capsys):
    out = reject(loaded_db, workbooks.sheets("trong.xlsx", {"Sheet1": []}), capsys)
    assert "Tệp không có dữ liệu" in out

def test_template_without_rows_or_info(loaded_db, workbooks, capsys):
    out = reject(loaded_db, workbooks.official("mau_trong.xlsx"), capsys)
    assert "Tệp không có dòng dữ liệu nào" in out

def test_every_problem_is_listed_with_sheet_row_and_column(loaded_db, workbooks, capsys):
    rows = [model_row(unit="Xã Tịnh Hoa", year=2024),             # row 2: accents missing → unknown, suggested
            model_row(year=2031),                                 # row 3: year out of range
            model_row(field="Thể thao"),                          # row 4: unknown field
            model_row(unit="Sở Kế hoạch và Đầu tư", year=2026),   # row 5: merged away in 2025
            model_row(name=""),                                   # row 6: required name missing
            model_row(unit="UBND xã Hòa Bình Mới", year=2024),    # row 7: no such unit; close names suggested
            model_row(unit="Xã Đông Sơn", year=2023),             # row 8: exists only from 01/07/2025
            model_row(level="Huyện", unit="Xã Đông Sơn", year=2026),  # row 9: no district level: a warning only
            model_row(unit="Phường Nguyễn Nghiêm", year=2024)]    # row 10: two communes share the name
    out = reject(loaded_db, workbooks.official("nhieu_loi.xlsx", models=rows), capsys)
    expected = [
        '[Mô hình, dòng 2, cột Đơn vị thực hiện] Không tìm thấy đơn vị "Xã Tịnh Hoa" trong danh mục đơn vị. Có phải là: Xã Tịnh Hòa',
        '[Mô hình, dòng 3, cột Năm] Năm "2031" không hợp lệ: năm phải từ 2015 đến 2027.',
        '[Mô hình, dòng 4, cột Lĩnh vực] Giá trị "Thể thao" không hợp lệ cho cột "Lĩnh vực". Giá trị cho phép: Kinh tế · '
        'Văn hóa - Xã hội · Quốc phòng - An ninh · Xây dựng hệ thống chính trị.',
        '[Mô hình, dòng 5, cột Đơn vị thực hiện] Đơn vị "Sở Kế hoạch và Đầu tư" không còn tồn tại trong năm 2026 '
        '(hoạt động đến 28/02/2025). Đơn vị kế thừa: Sở Tài chính; hãy báo cáo dưới tên đơn vị kế thừa.',
        '[Mô hình, dòng 6, cột Tên mô hình, điển hình] Ô "Tên mô hình, điển hình" đang trống; cột này là bắt buộc.',
        '[Mô hình, dòng 7, cột Đơn vị thực hiện] Không tìm thấy đơn vị "UBND xã Hòa Bình Mới" trong danh mục đơn vị. Có phải là: Xã Hòa Bình;',
        '[Mô hình, dòng 8, cột Đơn vị thực hiện] Đơn vị "Xã Đông Sơn" chưa được thành lập trong năm 2023 (hoạt động từ 01/07/2025).',
        '[Mô hình, dòng 9, cột Cấp công nhận] (cảnh báo) Cấp công nhận "Huyện" chỉ áp dụng trước 01/07/2025',
        '[Mô hình, dòng 10, cột Đơn vị thực hiện] Tên đơn vị "Phường Nguyễn Nghiêm" trùng với nhiều đơn vị: '
        'Phường Nguyễn Nghiêm (mã 21025, Thành phố Quảng Ngãi); Phường Nguyễn Nghiêm (mã 21439, Thị xã Đức Phổ).',
    ]
    for line in expected:
        assert line in out
    assert "8 lỗi; không có dữ liệu nào của tệp được ghi." in out

def test_missing_required_column(loaded_db, workbooks, capsys):
    rows = [["Đơn vị", "Năm", "Tên mô hình"], ["Sở Y tế", 2024, "Bệnh viện thân thiện"]]
    out = reject(loaded_db, workbooks.sheets("thieu_cot.xlsx", {"Mô hình": rows}), capsys)
    assert '[Mô hình, dòng 1, cột Lĩnh vực] Thiếu cột bắt buộc "Lĩnh vực".' in out

def test_district_award_after_reorganisation(loaded_db, workbooks, capsys):
    rows = [["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Ngày quyết định"],
            ["Xã Đông Sơn", 2025, "Chi đoàn thôn 1", "Tập thể", "Giấy khen UBND huyện", "15/09/2025"]]
    out = reject(loaded_db, workbooks.sheets("khen.xlsx", {"Khen thưởng": rows}), capsys)
    assert "chỉ có trước 01/07/2025 (ngày quyết định 15/09/2025)" in out

def test_bad_file_in_a_batch_does_not_stop_the_good_ones(db_path, workbooks, capsys):
    good = workbooks.official("tot.xlsx", models=GOOD)
    bad = workbooks.raw("hong.xlsx", b"PK\x03\x04broken")
    assert main(["load", "--db", str(db_path), str(bad), str(good)]) == 1
    out = capsys.readouterr().out
    assert "[BỊ TỪ CHỐI] hong.xlsx" in out and "[ĐÃ NẠP] tot.xlsx" in out
    assert db_state(db_path)["models"][0][3] == "Bệnh viện thân thiện"


def test_a_models_sheet_without_recognisable_headers_is_an_error(loaded_db, workbooks, capsys):
    rows = [["Nội dung", "Ghi chú"], ["Đường hoa", "x"]]
    out = reject(loaded_db, workbooks.sheets("la.xlsx", {"Mô hình 2024": rows}), capsys)
    assert "[Mô hình 2024, dòng -, cột -] Không nhận ra hàng tiêu đề của trang này" in out


def test_an_implausible_date_is_a_warning_and_the_row_loads(loaded_db, workbooks, capsys, con_after):
    rows = [["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Ngày quyết định"],
            ["Sở Y tế", 2024, "Khoa Nhi", "Tập thể", "Biểu dương", "12/03/2099"]]
    assert main(["load", "--db", str(loaded_db), str(workbooks.sheets("ngay.xlsx", {"Khen thưởng": rows}))]) == 0
    assert ("(cảnh báo) Ngày 12/03/2099 nằm ngoài khoảng hợp lý (năm 1975 đến 2027); hãy kiểm tra lại. Dòng vẫn được "
            'nạp: cột này để trống; giá trị gốc được giữ ở cột "Thành tích".') in capsys.readouterr().out
    assert table_rows(con_after(), "SELECT recipient, decision_date, reason FROM commendations") == [
        ("Khoa Nhi", None, "Ngày quyết định: 12/03/2099")]


def test_excel_error_cells_are_reported_not_read_as_empty(loaded_db, workbooks, capsys):
    path = workbooks.sheets("loi_cong_thuc.xlsx", {
        "Thông tin": [["Đơn vị báo cáo", "Sở Y tế"], ["Năm báo cáo", 2024]],
        "Mô hình": [["Năm", "Tên mô hình", "Lĩnh vực"], ["=1/0", "Bệnh viện thân thiện", "Kinh tế"]]})
    assert openpyxl.load_workbook(path).sheetnames == ["Thông tin", "Mô hình"]
    # what Excel itself writes for a formula that failed: the cell typed "e" with its cached error value
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet2.xml"):
                content = re.sub(rb'<c r="A2"([^>]*)><f>[^<]*</f><v\s*/?>(</v>)?</c>',
                                 rb'<c r="A2"\1 t="e"><f>1/0</f><v>#DIV/0!</v></c>', content)
            out.writestr(item, content)
    out = reject(loaded_db, workbooks.raw("loi_cong_thuc.xlsx", target.getvalue()), capsys)
    assert '[Mô hình, dòng 2, cột Năm] Ô chứa lỗi công thức Excel "#DIV/0!".' in out
