"""The unit registry: built from the real admin data, and how report text finds a unit in a year."""
import pytest
from conftest import table_rows

from core import config
from etl.cli import main
from etl.registry import read_registry
from etl.registry_build import build_registry


def test_registry_counts_match_the_admin_data():
    registry = build_registry()
    groups = registry.groupby("unit_group").size().to_dict()
    assert groups["Cấp huyện"] == 23
    assert groups["Cấp xã"] == 272 + 96
    assert len(registry[registry["valid_from"] == "2025-07-01"]) == 96 + 0  # new communes only
    assert not registry.duplicated(["code", "valid_from"]).any()


def test_new_commune_khu_vuc_and_split_successors(con):
    rows = table_rows(con, "SELECT name, district FROM units WHERE name IN ('Xã Đông Sơn', 'Đặc khu Lý Sơn') ORDER BY 1")
    assert rows == [("Xã Đông Sơn", "Huyện Bình Sơn"), ("Đặc khu Lý Sơn", "Huyện Lý Sơn")]
    split = table_rows(con, """SELECT n.name, s.share, s.effective_date FROM unit_successors s
                               JOIN units o ON o.unit_id = s.unit_id JOIN units n ON n.unit_id = s.successor_id
                               WHERE o.name = 'Xã Trà Bùi' ORDER BY 1""")
    assert [(r[0], r[1], str(r[2])) for r in split] == [
        ("Xã Cà Đam", "partial", "2025-07-01"), ("Xã Tây Trà Bồng", "partial", "2025-07-01")]


def test_every_successor_code_of_the_registry_file_is_stored(con):
    """Each predecessor's successor codes, read from the registry file here, against the stored pairs."""
    registry = read_registry(config.REGISTRY_PATH)
    expected = set()
    for row in registry[registry["successors"] != ""].itertuples():
        codes = [c.strip() for c in row.successors.split(";") if c.strip()]
        for code in codes:
            expected.add((row.code, code, "partial" if len(codes) > 1 else "full", str(row.valid_to)))
    stored = table_rows(con, """SELECT o.code, n.code, s.share, s.effective_date - 1 FROM unit_successors s
                                JOIN units o ON o.unit_id = s.unit_id JOIN units n ON n.unit_id = s.successor_id""")
    assert {(a, b, share, str(day)) for a, b, share, day in stored} == expected and len(stored) == len(expected)
    assert len(expected) > 300


@pytest.mark.parametrize("text, year, expected", [
    ("Xã Tịnh Hòa", 2024, "Xã Tịnh Hòa"),
    ("UBND xã Tịnh Hoà", 2024, "Xã Tịnh Hòa"),            # new tone placement, prefix
    ("Ủy ban nhân dân xã Tịnh Hòa", 2024, "Xã Tịnh Hòa"),
    ("tịnh hòa", 2024, "Xã Tịnh Hòa"),                     # no "xã", any case
    ("Ba Tô", 2024, "Xã Ba Tô"),                           # diacritics kept: Ba Tô is not Ba Tơ
    ("Huyện Ba Tơ", 2024, "Huyện Ba Tơ"),
    ("Xã Đặng Thùy Trâm", 2026, "Xã Đặng Thuỳ Trâm"),
    ("TP. Quảng Ngãi", 2023, "Thành phố Quảng Ngãi"),
    ("TX Đức Phổ", 2023, "Thị xã Đức Phổ"),
    ("MTTQ tỉnh", 2024, "Ủy ban MTTQ Việt Nam tỉnh"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", 2024, "Ủy ban MTTQ Việt Nam tỉnh"),
    ("HLHPN tỉnh", 2024, "Hội Liên hiệp Phụ nữ tỉnh"),
    ("HND tỉnh", 2024, "Hội Nông dân tỉnh"),
    ("HCCB tỉnh", 2024, "Hội Cựu chiến binh tỉnh"),
    ("ĐTN tỉnh", 2024, "Tỉnh Đoàn"),
    ("LĐLĐ tỉnh", 2024, "Liên đoàn Lao động tỉnh"),
    ("Sở Y tế tỉnh Quảng Ngãi", 2024, "Sở Y tế"),
    ("Sở Y tế tỉnh Kon Tum", 2024, "Sở Y tế tỉnh Kon Tum"),
    ("Sở Văn hóa Thể thao và Du lịch", 2024, "Sở Văn hóa, Thể thao và Du lịch"),
    ("21025", 2024, "Phường Nguyễn Nghiêm"),                # a code reused in 2025:
    ("21025", 2026, "Phường Cẩm Thành"),                    # the unit of that year
    ("21025", 2025, "Phường Cẩm Thành"),                    # in 2025, the one active at year end
    ("Phường Nguyễn Nghiêm, Thị xã Đức Phổ", 2024, "Phường Nguyễn Nghiêm"),
    ("Huyện ủy Ba Tơ", 2024, "Huyện Ba Tơ"),
    ("Đảng ủy xã Tịnh Hòa", 2024, "Xã Tịnh Hòa"),
])
def test_resolve(resolver, text, year, expected):
    found = resolver.resolve(text, year)
    assert found.error is None and found.unit.name == expected


@pytest.mark.parametrize("text, year, message", [
    ("Tinh Hoa", 2024, 'Không tìm thấy đơn vị "Tinh Hoa" trong danh mục đơn vị. Có phải là: Xã Tịnh Hòa'),
    ("Xã Tịnh Hòa", 2026, 'Đơn vị "Xã Tịnh Hòa" không còn tồn tại trong năm 2026 (hoạt động đến 30/06/2025). '
                          'Đơn vị kế thừa: Xã Đông Sơn; hãy báo cáo dưới tên đơn vị kế thừa.'),
    ("Ban Dân vận Tỉnh ủy", 2026, 'Đơn vị kế thừa: Ban Tuyên giáo và Dân vận Tỉnh ủy'),
    ("Xã Trà Bùi", 2026, "Đơn vị kế thừa: Xã Cà Đam, Xã Tây Trà Bồng"),
    ("Phường Nguyễn Nghiêm", 2024, 'trùng với nhiều đơn vị'),
    ("Huyện Ba Tô", 2024, 'Không tìm thấy đơn vị "Huyện Ba Tô"'),   # says huyện: never falls back to Xã Ba Tô
    ("Huyện ủy Ba Tơ", 2026, "không còn tồn tại trong năm 2026"),
])
def test_resolve_errors(resolver, text, year, message):
    found = resolver.resolve(text, year)
    assert found.unit is None and message in found.error


def test_init_twice_changes_nothing(tmp_path, capsys):
    db = tmp_path / "a.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["init", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"Cơ sở dữ liệu {db}: danh mục 462 đơn vị (462 mới).",
                   f"Cơ sở dữ liệu {db}: danh mục 462 đơn vị (0 mới)."]


@pytest.mark.parametrize("text, code, year, expected", [
    ("Sở Tư pháp", "T51-04", 2024, ("T51-04", "Sở Tư pháp")),
    ("Sở Y tế tỉnh Quảng Ngãi", "T51-17", 2024, ("T51-17", "Sở Y tế")),
    (None, "T51-17", 2024, ("T51-17", "Sở Y tế")),                             # the code alone
    ("Phường Nguyễn Nghiêm", "21439", 2024, ("21439", "Phường Nguyễn Nghiêm")),  # a shared name settled by the code
    ("Phường Nguyễn Nghiêm", "21025", 2025, ("21025", "Phường Nguyễn Nghiêm")),  # a reused code: the name picks
    ("Phường Cẩm Thành", "21025", 2025, ("21025", "Phường Cẩm Thành")),          # which unit of that code
])
def test_lookup_with_name_and_code(resolver, text, code, year, expected):
    found = resolver.lookup(text, code, year)
    assert found.error is None and (found.unit.code, found.unit.name) == expected
    if text == "Phường Nguyễn Nghiêm" and year == 2025:
        assert found.unit.valid_to is not None  # the old ward, not Phường Cẩm Thành that took its code


@pytest.mark.parametrize("text, code, year, code_unit", [
    ("Sở Tư pháp", "T51-17", 2024, "Sở Y tế"),
    ("Sở Tư pháp", "T62-04", 2024, "Sở Tư pháp tỉnh Kon Tum"),
    ("Phường Nguyễn Nghiêm", "21025", 2026, "Phường Cẩm Thành"),
    ("Sở Tư phap", "T51-17", 2024, "Sở Y tế"),  # a name the registry does not know does not let the code decide alone
])
def test_a_name_and_a_code_that_disagree_are_an_error_naming_both(resolver, text, code, year, code_unit):
    """Defect 12: the code used to win silently, filing the report under another body (and replacing its report)."""
    found = resolver.lookup(text, code, year)
    assert found.unit is None
    assert found.error == (f'Tên đơn vị và mã đơn vị không khớp: tên ghi "{text}", còn mã "{code}" là của '
                           f'"{code_unit}". Hãy sửa tên hoặc mã cho đúng.')


def test_a_report_whose_code_names_another_body_is_rejected(db_path, workbooks, capsys):
    path = workbooks.official(info={"unit": "Sở Tư pháp", "code": "T51-17", "year": 2024},
                              models=[{"name": "Trợ giúp pháp lý lưu động", "field": "Xây dựng hệ thống chính trị"}])
    assert main(["load", "--db", str(db_path), str(path)]) == 1
    out = capsys.readouterr().out
    assert "[Thông tin, dòng 1, cột Đơn vị báo cáo] Tên đơn vị và mã đơn vị không khớp: tên ghi \"Sở Tư pháp\"" in out
    assert 'còn mã "T51-17" là của "Sở Y tế"' in out
