"""Legacy fonts read from an .xls (BIFF8 FONT → XF → cell), so its TCVN3/VNI/VietWare text decodes as an .xlsx's does.

The files are written here with xlwt, the legacy text as the Latin-1 characters a TCVN3 keyboard typed.
"""
import datetime as dt
import io
import struct

import pytest
import xlwt
from conftest import run_load, table_rows

from core import texts
from core.vntext import unicode_to_tcvn3, unicode_to_vietware_x, unicode_to_vni
from etl import inspect_xls
from etl.inspect_limits import Totals
from etl.normalise import normalise_grid
from etl.read import FileProblem, inspect, read_workbook


def xls(sheets: dict[str, list[list[tuple[object, str | None]]]]) -> bytes:
    """An .xls whose cells are (value, font name or None for the default font)."""
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, xlwt.XFStyle] = {}
    for title, rows in sheets.items():
        ws = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, (value, font) in enumerate(row):
                if font is None:
                    ws.write(r, c, value)
                else:
                    ws.write(r, c, value, styles.setdefault(font, xlwt.easyxf(f"font: name {font}")))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_text(data: bytes) -> dict[str, list[list[object]]]:
    return {sheet.name: normalise_grid(sheet) for sheet in read_workbook(data, "x.xls")}


def test_each_legacy_font_decodes_its_cells():
    data = xls({"Mô hình": [
        [(unicode_to_tcvn3("Giấy khen"), ".VnTime"), (unicode_to_tcvn3("Thời gian"), ".VnTime")],
        [(unicode_to_tcvn3("lễ hội"), ".VnTimeH"), (unicode_to_vni("Mô hình dân vận khéo"), "VNI-Times")],
        [(unicode_to_vietware_x("Quảng Ngãi"), "VNtimes new roman"), ("Bằng khen", None)],
    ]})
    assert read_text(data) == {"Mô hình": [["Giấy khen", "Thời gian"], ["LỄ HỘI", "Mô hình dân vận khéo"],
                                           ["Quảng Ngãi", "Bằng khen"]]}


def test_fonts_are_found_per_sheet_and_cell_as_for_an_xlsx():
    data = xls({
        "Mô hình": [[("a", ".VnTime"), ("b", "Arial"), (2024, ".VnTime")], [("c", None), ("d", "VNI-Times")]],
        "Khen thưởng": [[("e", "Times New Roman")], [("f", ".VnTimeH")]],
        "Trống": [[("g", None)]],
    })
    assert inspect(data, "x.xls").fonts == {  # only text cells; the number's font does not matter
        "Mô hình": {(0, 0): ".VnTime", (1, 1): "VNI-Times"},
        "Khen thưởng": {(1, 0): ".VnTimeH"},
    }


def test_the_font_index_four_is_never_written():
    """xlwt writes six default fonts (indexes 0-3, 5, 6): the seventh FONT record is font 7, not 6."""
    names = [".VnTime", "Arial", ".VnArialH", "Calibri", "VNI-Helve", "Tahoma", "VNarial"]
    data = xls({"S": [[(f"x{i}", name) for i, name in enumerate(names)]]})
    assert inspect(data, "x.xls").fonts == {"S": {(0, 0): ".VnTime", (0, 2): ".VnArialH", (0, 4): "VNI-Helve",
                                                  (0, 6): "VNarial"}}


def test_a_font_object_and_a_shared_string():
    font = xlwt.Font()
    font.name = ".VnTime"
    style = xlwt.XFStyle()
    style.font = font
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("S")
    for r in range(3):  # one shared string, three cells
        ws.write(r, 0, unicode_to_tcvn3("Bằng khen của Chủ tịch UBND tỉnh"), style)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_text(buffer.getvalue()) == {"S": [["Bằng khen của Chủ tịch UBND tỉnh"]] * 3}


def test_unicode_typed_in_a_legacy_font_stays():
    data = xls({"S": [[("Tân An", ".VnTime"), ("Quảng Ngãi", ".VnTime"), ("Cô Tô", "VNI-Times")]]})
    assert read_text(data) == {"S": [["Tân An", "Quảng Ngãi", "Cô Tô"]]}


def test_without_a_legacy_font_the_characters_decide():
    data = xls({"S": [[(unicode_to_tcvn3("Thời gian"), None), (unicode_to_vni("Việt Nam"), "Arial")]]})
    assert read_text(data) == {"S": [["Thời gian", "Việt Nam"]]}


def test_limits_still_refuse_a_legacy_font_sheet():
    """A sheet in a legacy font declaring 4 million × 16,000 cells is refused before calamine, as before."""
    data = bytearray(xls({"S": [[(unicode_to_tcvn3("Giấy khen"), ".VnTime")]]}))
    at = data.index(b"\x00\x02\x0e\x00") + 4  # DIMENSIONS
    data[at:at + 12] = struct.pack("<IIHH", 0, 4_000_000, 0, 16_000)
    with pytest.raises(FileProblem) as refused:
        inspect(bytes(data), "x.xls")
    assert str(refused.value) == texts.ERR_SHEET_TOO_LARGE.format(limit="2.000.000")


@pytest.mark.parametrize("record", [
    b"\x31\x00\x10\x00" + bytes(14) + b"\x09\x00",  # FONT: a name of 9 characters with none there
    b"\x31\x00\x0e\x00" + bytes(14),  # FONT cut before its name
    b"\x31\x00\x12\x00" + bytes(14) + b"\x01\x01\x00\xd8",  # FONT: a lone UTF-16 surrogate
    b"\xe0\x00\x01\x00\x07",  # XF cut inside its font index
    b"\xe0\x00\x14\x00\xff\xff" + bytes(18),  # XF of a font that does not exist
], ids=["name-missing", "no-name", "lone-surrogate", "xf-cut", "xf-no-such-font"])
def test_broken_font_records_are_read_without_fonts(record):
    stream = _globals(record) + _sheet([b"\xfd\x00\x0a\x00" + struct.pack("<HHHI", 0, 0, 0, 0)])
    biff = inspect_xls._Biff(stream)
    assert biff.check(Totals()).fonts == {}


def test_a_font_of_the_globals_reaches_the_cells_of_the_sheet():
    font = b"\x31\x00\x17\x00" + bytes(14) + b"\x07\x00.VnTime"
    xf = b"\xe0\x00\x14\x00" + struct.pack("<H", 0) + bytes(18)
    label = b"\xfd\x00\x0a\x00" + struct.pack("<HHHI", 2, 3, 0, 0)
    assert inspect_xls._Biff(_globals(font + xf) + _sheet([label])).check(Totals()).fonts == {
        "S": {(2, 3): ".VnTime"}}


def _globals(records: bytes) -> bytes:
    """A BIFF8 workbook globals substream with these records and one sheet, "S", just after it."""
    bof, eof = b"\x09\x08\x10\x00" + struct.pack("<HH", 0x0600, 0x0005) + bytes(12), b"\x0a\x00\x00\x00"
    sheet_at = len(bof) + len(records) + 13 + len(eof)  # after this BOUNDSHEET (13 bytes) and the EOF
    boundsheet = b"\x85\x00\x09\x00" + struct.pack("<I", sheet_at) + b"\x00\x00" + b"\x01\x00S"  # name: 1 byte
    return bof + records + boundsheet + eof


def _sheet(records: list[bytes]) -> bytes:
    return b"\x09\x08\x10\x00" + struct.pack("<HH", 0x0600, 0x0010) + bytes(12) + b"".join(records) \
        + b"\x0a\x00\x00\x00"


def test_a_tcvn3_xls_loads_its_awards_and_headers(workbooks, db_path, con_after):
    """The issue's case end to end: "GiÊy khen" and "Thêi gian" in a .VnTime .xls are an award and a header; a
    VietWare name is read only by its font."""
    def tcvn3(rows):
        return [[(unicode_to_tcvn3(v), ".VnTime") if isinstance(v, str) else (v, None) for v in row] for row in rows]

    models = [["Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Lĩnh vực", "Thời gian thực hiện"],
              ["Xã Tịnh Hòa", 2024, "Lễ hội cầu ngư", "Văn hóa - Xã hội", "15/03/2024"]]
    awards = [["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng"],
              ["Xã Tịnh Hòa", 2024, "Hội Phụ nữ xã Tịnh Hòa", "Tập thể", "Giấy khen của Chủ tịch UBND cấp xã"]]
    models = tcvn3(models)
    models[1][2] = (unicode_to_vietware_x("Lễ hội cầu ngư"), "VNtimes new roman")
    path = workbooks.raw("tcvn3.xls", xls({"Mô hình": models, "Khen thưởng": tcvn3(awards)}))
    assert run_load(db_path, path) == 0
    con = con_after()
    assert table_rows(con, "SELECT name, field, start_date FROM models") == [
        ("Lễ hội cầu ngư", "Văn hóa - Xã hội", dt.date(2024, 3, 15))]
    assert table_rows(con, "SELECT recipient, award FROM commendations") == [
        ("Hội Phụ nữ xã Tịnh Hòa", "Giấy khen của Chủ tịch UBND cấp xã")]
