"""Each ETL stage alone: pure functions over cells and grids, table-tested."""
import datetime as dt

import pytest

from core.vntext import unicode_to_tcvn3, unicode_to_vni
from core.vocab import canonical
from etl.headers import COMMENDATIONS, MODELS, header_key, locate_table
from etl.layout import is_skippable
from etl.normalise import normalise_cell
from etl.values import parse_date, parse_year


@pytest.mark.parametrize("raw, expected", [
    (2024, 2024), ("2024", 2024), ("Năm 2024", 2024), ("năm  2024", 2024), (dt.datetime(2023, 5, 1), 2023)])
def test_parse_year(raw, expected):
    assert parse_year(raw) == expected


@pytest.mark.parametrize("raw", ["2014", 2031, "hai nghìn", "24", True])
def test_parse_year_rejects(raw):
    with pytest.raises(ValueError):
        parse_year(raw)


@pytest.mark.parametrize("raw, expected", [
    (dt.datetime(2024, 12, 5), (dt.date(2024, 12, 5), False)),
    ("05/12/2024", (dt.date(2024, 12, 5), False)),
    ("5-12-2024", (dt.date(2024, 12, 5), False)),
    ("05.12.2024", (dt.date(2024, 12, 5), False)),
    ("2024-12-05", (dt.date(2024, 12, 5), False)),
    (45631, (dt.date(2024, 12, 5), False)),          # an Excel serial number in a cell not formatted as a date
    (2024, (dt.date(2024, 1, 1), True)),
    ("Năm 2024", (dt.date(2024, 1, 1), True)),
    ("15-3-2024", (dt.date(2024, 3, 15), False)),
    ("01.06.2024", (dt.date(2024, 6, 1), False)),
    ("ngày 15 tháng 3 năm 2024", (dt.date(2024, 3, 15), False)),
    ("Tháng 3/2024", (dt.date(2024, 3, 1), False)),            # a month: its first day
    ("tháng 3 năm 2024", (dt.date(2024, 3, 1), False)),
    ("12/2024", (dt.date(2024, 12, 1), False)),
    ("Quý II/2024", (dt.date(2024, 4, 1), False)),             # a quarter: its first day
    ("quý 4 năm 2023", (dt.date(2023, 10, 1), False)),
    ("QUÝ III/2024", (dt.date(2024, 7, 1), False)),
    ("ngày 15/3/2024", (dt.date(2024, 3, 15), False)),
    ("Ngày 05.12.2024", (dt.date(2024, 12, 5), False)),
    ("15/3/24", (dt.date(2024, 3, 15), False)),
    ("15/03/2024.", (dt.date(2024, 3, 15), False)),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2024", "13/2024", "Quý V/2024", "tháng 0 năm 2024", "hôm qua"])
def test_parse_date_rejects(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize("key, raw, expected", [
    ("field", "VH-XH", "Văn hóa - Xã hội"), ("field", "van hoa - xa hoi", "Văn hóa - Xã hội"),
    ("field", "Lĩnh vực kinh tế", "Kinh tế"), ("field", "XD HTCT", "Xây dựng hệ thống chính trị"),
    ("field", "Xây dựng Đảng, chính quyền, MTTQ và các đoàn thể", "Xây dựng hệ thống chính trị"),
    ("field", "Văn hoá - Xã hội", "Văn hóa - Xã hội"), ("form", "Nhân rộng mô hình", "Nhân rộng"),
    ("award", "Bằng khen UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"), ("field", "Thể thao", None),
])
def test_canonical_values(key, raw, expected):
    assert canonical(key, raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Tên mô hình,\nđiển hình (*)", "ten mo hinh dien hinh"), ("  LĨNH   VỰC  ", "linh vuc"),
    ("Năm (3)", "nam"), ("Đơn vị*", "don vi"),
])
def test_header_key(raw, expected):
    assert header_key(raw) == expected


def test_headers_with_extra_words_after_a_known_header():
    table = locate_table([["Tên mô hình/điển hình “Dân vận khéo”", "Lĩnh vực hoạt động chủ yếu", "Năm"]], "S")
    assert table.columns == {"name": 0, "field": 1, "year": 2}


def test_locate_table_below_a_title_block_and_tell_kinds_apart():
    grid = [["BÁO CÁO"], [None], ["STT", "Đơn vị", "Năm", "Tên mô hình", "Lĩnh vực"]]
    table = locate_table(grid, "S")
    assert (table.kind, table.header_row, table.columns) == (MODELS, 2, {"unit": 1, "year": 2, "name": 3, "field": 4})
    awards = locate_table([["Đơn vị", "Tập thể, cá nhân được khen", "Hình thức khen thưởng"]], "K")
    assert awards.kind == COMMENDATIONS
    assert locate_table([["Họ và tên", "Ghi chú"], ["A", "B"]], "X") is None


@pytest.mark.parametrize("row, skip", [
    ([None, None], True), (["Tổng cộng", None, 5], True), (["(1)", "(2)", "(3)", "(4)"], True),
    ([1, "Xã Tịnh Hòa", 2024, "Đường hoa"], False),
    (["Camera an ninh", None], False),
])
def test_skippable_rows(row, skip):
    assert is_skippable(row) is skip


@pytest.mark.parametrize("raw, font, expected", [
    (unicode_to_tcvn3("Tịnh Hòa"), ".VnTime", "Tịnh Hòa"),
    (unicode_to_tcvn3("Quảng Ngãi"), None, "Quảng Ngãi"),       # no font known (.xls): recognised by its characters
    (unicode_to_vni("Quảng Ngãi"), "VNI-Times", "Quảng Ngãi"),
    ("Tịnh Hòa", ".VnTime", "Tịnh Hòa"),                           # Unicode pasted into an old template stays
    ("  Xã\u00a0Tịnh   Hòa\n", None, "Xã Tịnh Hòa"),
    (2024.0, None, 2024), (float("nan"), None, None), ("   ", None, None),
])
def test_normalise_cell(raw, font, expected):
    assert normalise_cell(raw, font) == expected
