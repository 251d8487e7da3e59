"""Hostile files: each is loaded correctly or refused with a Vietnamese reason, within 1 GB of memory and 30 s.

The files are written by the tests, zip and XML by hand where no honest writer would produce them. A file that could
make python-calamine allocate a huge grid is loaded by the command line in a child process under an address-space
limit, so an abort (exit 134) fails the test instead of killing pytest; the child's peak memory (ru_maxrss) and
time are printed (`pytest -s`) and bounded. The upload page is driven the same way, error workbooks included.
"""
import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from app_support import sign_in
from conftest import db_state, model_row

from core import texts
from etl import read
from etl.error_report import error_workbook
from etl.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE = 1536 * 2**20  # the child's limit: a grid calamine cannot get aborts it, never the machine
# The child's peak memory and its CPU seconds (its own work, which a machine busy with other tests does not inflate
# as it does the wall clock); a child still running after HANG_SECONDS of wall clock is killed.
PEAK_MB, SECONDS, HANG_SECONDS = 1024, 30, 300
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
GOOD = [model_row(unit="Sở Y tế", year=2024, name="Bệnh viện thân thiện")]
DDE = "=cmd|' /C calc'!A0"
ZIP_LOCAL = b"PK\x03\x04"
TOO_LARGE = texts.ERR_SHEET_TOO_LARGE.format(limit="2.000.000")


# --- files written by hand ---

def rezip(data: bytes, changes: dict) -> bytes:
    """A copy of a zip with parts replaced or added (bytes or str) or removed (None)."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name not in changes:
                out.writestr(name, source.read(name))
        for name, content in changes.items():
            if content is not None:
                out.writestr(name, content)
    return target.getvalue()


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def official(workbooks, models=GOOD, **kwargs) -> bytes:
    return workbooks.official("goc.xlsx", models=models, **kwargs).read_bytes()


def with_models_sheet(data: bytes, edit) -> bytes:
    """The official workbook with its "Mô hình" sheet (the third) rewritten by `edit`."""
    name = "xl/worksheets/sheet3.xml"
    return rezip(data, {name: edit(part(data, name))})


def minimal_xlsx(sheet_data: str, parts: dict | None = None, prefix: str = "") -> bytes:
    """The smallest workbook calamine reads: one sheet, "Mô hình", whose <sheetData> content is given."""
    ns = f"xmlns{':' + prefix[:-1] if prefix else ''}=\"{MAIN}\""
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/>'
                       f'</Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{rels}"><sheets>'
                           f'<sheet name="Mô hình" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      f'relationships"><Relationship Id="rId1" Type="{rels}/worksheet" '
                                      f'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f"<{prefix}worksheet {ns}><{prefix}sheetData>{sheet_data}"
                                    f"</{prefix}sheetData></{prefix}worksheet>",
    }
    return rezip(_empty_zip(), {**files, **(parts or {})})


def _empty_zip() -> bytes:
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    return buffer.getvalue()


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written byte by byte: (name, data as stored, method, crc, declared size); the sizes may lie."""
    out, central = io.BytesIO(), []
    for name, payload, method, crc, size in entries:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<4s5H3I2H", ZIP_LOCAL, 20, 0, method, 0, 0, crc, len(payload), size,
                              len(encoded), 0) + encoded + payload)
        central.append(struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(payload), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), out.tell() - start, start, 0))
    return out.getvalue()


def deflated(chunks) -> tuple[bytes, int, int]:
    """(raw deflate data, crc, size) of the concatenated chunks, compressed as they come."""
    compressor, raw, crc, size = zlib.compressobj(9, zlib.DEFLATED, -15), [], 0, 0
    for chunk in chunks:
        raw.append(compressor.compress(chunk))
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    return b"".join(raw) + compressor.flush(), crc, size


def as_raw_zip(data: bytes, lies: dict | None = None) -> bytes:
    """A zip's parts written again by hand, some replaced by (raw, crc, real size, declared size)."""
    source, entries = zipfile.ZipFile(io.BytesIO(data)), []
    for name in source.namelist():
        raw, crc, size = deflated([source.read(name)])
        entries.append((name, raw, 8, crc, size))
    for name, (raw, crc, _size, declared) in (lies or {}).items():
        entries = [e for e in entries if e[0] != name] + [(name, raw, 8, crc, declared)]
    return raw_zip(entries)


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_bytes(tables: dict[str, str]) -> bytes:
    """An .ods whose tables (name → rows as XML) are given."""
    body = "".join(f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in tables.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS}>'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
               f"</office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                     'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
                     'manifest:media-type="text/xml"/></manifest:manifest>')
        out.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_row(values: list, repeat: int = 1) -> str:
    cells = "".join(f'<table:table-cell office:value-type="float" office:value="{v}"/>' if isinstance(v, (int, float))
                    else f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                    for v in values)
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


MODEL_HEADERS = ["Đơn vị thực hiện", "Năm", "Tên mô hình, điển hình", "Lĩnh vực", "Ghi chú"]


def xls_bytes(workbooks, rows: list[list], name: str = "cu.xls") -> bytearray:
    return bytearray(workbooks.xls(name, {"Mô hình": rows}).read_bytes())


def patch_record(data: bytearray, header: bytes, values: bytes, skip: int = 0) -> bytes:
    """Overwrites the data of the first BIFF record with this header (type, length) in an .xls written by xlwt."""
    at = data.index(header) + 4 + skip
    data[at:at + len(values)] = values
    return bytes(data)


def rename_stream(data: bytes, old: str, new: str) -> bytes:
    """An OLE file with one directory entry renamed (its 64-byte name and its length)."""
    data, encoded = bytearray(data), (new + "\0").encode("utf-16-le")
    at = data.index((old + "\0").encode("utf-16-le"))
    data[at:at + 64], data[at + 64:at + 66] = encoded.ljust(64, b"\0"), struct.pack("<H", len(encoded))
    return bytes(data)


BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol0 "lollollollollollollollollollol">'
                  + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_dtd(xml: str, dtd: str, entity: str, before: str) -> str:
    """The XML with a DTD before its root and an entity reference placed before `before`."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    return dtd + body.replace(before, f"&{entity};{before}", 1)


# --- the command line in a child process, under limits ---

@dataclass
class Run:
    code: int
    out: str
    peak_mb: int
    seconds: float  # CPU, user and system


def run_child(args: list[str]) -> Run:
    """Runs python with `args` in the project, its address space limited; its own peak memory from wait4."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             preexec_fn=limit)
    timer = threading.Timer(HANG_SECONDS, child.kill)
    timer.start()
    with child.stdout:
        out = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    return Run(child.returncode, out, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime)


def run_cli(db_path: Path, *paths: Path) -> Run:
    run = run_child(["-m", "etl", "load", "--db", str(db_path), *map(str, paths)])
    print(f"\n{', '.join(p.name for p in paths)}: exit {run.code}, peak {run.peak_mb} MB, {run.seconds:.1f} s CPU")
    return run


def assert_within_limits(run: Run, seconds: float = SECONDS) -> None:
    assert run.code in (0, 1), run.out[-2000:]  # never 134 (abort) nor 137 (killed)
    assert run.peak_mb < PEAK_MB and run.seconds < seconds, (run.peak_mb, run.seconds)


# --- the catalogue: name → (builder(workbooks) → (file name, bytes), expected) ---
# expected: a Vietnamese reason the file is refused with, or LOADED (optionally with what the database then holds)

LOADED = None


def far_cell_attribute_order(workbooks):
    return "o_xa.xlsx", with_models_sheet(official(workbooks), lambda xml: xml.replace(
        "</sheetData>", '<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row></sheetData>'))


def far_cell_namespace_prefix(workbooks):
    cells = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
    return "tien_to.xlsx", minimal_xlsx(cells, prefix="x:")


def cells_without_r_in_a_far_row(workbooks):
    return "khong_r.xlsx", minimal_xlsx('<row r="1048575"/><row>' + "<c><v>1</v></c>" * 30 + "</row>")


def huge_declared_dimension(workbooks):
    return "kich_thuoc.xlsx", with_models_sheet(official(workbooks), lambda xml: xml.replace(
        '<dimension ref="A1:N2" />', '<dimension ref="A1:XFD1048576" />'))


def legacy_font_and_huge_dimension(workbooks):
    from core.vntext import unicode_to_tcvn3
    rows = [[unicode_to_tcvn3(v) if isinstance(v, str) else v for v in row] for row in [
        MODEL_HEADERS[:4], ["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế"]]]
    data = workbooks.sheets("tcvn3.xlsx", {"Mô hình": rows}, fonts={"Mô hình": ".VnTime"}).read_bytes()
    sheet = part(data, "xl/worksheets/sheet1.xml").replace('<dimension ref="A1:D2"', '<dimension ref="A1:XFD1048576"')
    return "tcvn3.xlsx", rezip(data, {"xl/worksheets/sheet1.xml": sheet})


def shared_strings_count_lies(workbooks):
    strings = f'<sst xmlns="{MAIN}" count="1" uniqueCount="4000000000"><si><t>Sở Y tế</t></si></sst>'
    return "sst.xlsx", minimal_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                                    parts={"xl/sharedStrings.xml": strings})


def shared_string_in_many_cells(workbooks):
    strings = f'<sst xmlns="{MAIN}" count="300" uniqueCount="1"><si><t>{"x" * 5_000_000}</t></si></sst>'
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 301))
    return "chuoi_chung.xlsx", minimal_xlsx(cells, parts={"xl/sharedStrings.xml": strings})


def five_mb_cell(workbooks):  # written by hand: openpyxl cuts a text at Excel's 32,767 characters
    return "o_5mb.xlsx", with_models_sheet(official(workbooks, models=[{**GOOD[0], "note": "GHI_CHU"}]),
                                           lambda xml: xml.replace("GHI_CHU", "Ghi chú dài " * 450_000))


def overlapping_merges(workbooks):
    """20,000 merged ranges over the same 2,000 rows of the table: filled one by one they would be 640 million
    cells; the reader lets all ranges together visit each cell of the table once (`etl.layout._merged`)."""
    rows = [{**GOOD[0], "name": f"Mô hình {i}"} for i in range(2_000)]
    merges = "".join('<mergeCell ref="B2:P2001"/>' for _ in range(20_000))
    return "gop_chong.xlsx", with_models_sheet(official(workbooks, models=rows), lambda xml: xml.replace(
        "</sheetData>", f'</sheetData><mergeCells count="20000">{merges}</mergeCells>'))


def zip_bomb_honest_sizes(workbooks):
    raw, crc, size = deflated(bytes(1 << 20) for _ in range(150))  # 150 MB of zeros in 150 KB
    return "bom.xlsx", as_raw_zip(official(workbooks), {"xl/media/image1.png": (raw, crc, size, size)})


def zip_bomb_lying_sizes(workbooks):
    row = (f'<worksheet xmlns="{MAIN}"><sheetData><row>'.encode(), b"<c><v>1</v></c>" * 65_536,
           b"</row></sheetData></worksheet>")
    raw, crc, size = deflated([row[0], *[row[1]] * 190, row[2]])  # 12 million cells said to be 2 KB
    return "bom_noi_doi.xlsx", as_raw_zip(official(workbooks), {"xl/worksheets/sheet3.xml": (raw, crc, size, 2000)})


def sizes_lie_a_little(workbooks):
    data = official(workbooks)
    raw, crc, size = deflated([part(data, "xl/worksheets/sheet3.xml").encode()])
    return "sai_kich_thuoc.xlsx", as_raw_zip(data, {"xl/worksheets/sheet3.xml": (raw, crc, size, size // 2)})


def too_many_parts(workbooks):
    return "nhieu_phan.xlsx", rezip(official(workbooks), {f"customXml/item{i}.xml": "<a/>" for i in range(2_500)})


def binary_workbook(workbooks):
    return "nhi_phan.xlsx", rezip(_empty_zip(), {"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01",
                                                 "xl/_rels/workbook.bin.rels": "<Relationships/>"})


def bzip2_parts(workbooks):
    source, target = zipfile.ZipFile(io.BytesIO(official(workbooks))), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_BZIP2) as out:
        for name in source.namelist():
            out.writestr(name, source.read(name))
    return "bzip2.xlsx", target.getvalue()


def ods_rows_repeated(workbooks):
    return "lap_dong.ods", ods_bytes({"Mô hình": ods_row([1] * 95, repeat=1_048_576)})


def ods_columns_repeated(workbooks):
    cell = '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>'
    return "lap_cot.ods", ods_bytes({"Mô hình": f"<table:table-row>{cell}</table:table-row>" * 2_000})


def ods_text_repeated(workbooks):
    cell = (f'<table:table-cell office:value-type="string" table:number-columns-repeated="1000">'
            f'<text:p>{"x" * 100_000}</text:p></table:table-cell>')
    return "lap_chu.ods", ods_bytes({"Mô hình": f"<table:table-row>{cell}</table:table-row>"})


def ods_with_libreoffice_padding(workbooks):
    rows = (ods_row(MODEL_HEADERS[:4]) + ods_row(["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế"])
            + '<table:table-row table:number-rows-repeated="1048574">'
              '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    return "libreoffice.ods", ods_bytes({"Mô hình": rows})


def xls_huge_dimensions(workbooks):
    data = xls_bytes(workbooks, [MODEL_HEADERS[:4], ["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế"]])
    return "kich_thuoc.xls", patch_record(data, b"\x00\x02\x0e\x00", struct.pack("<IIHH", 0, 4_000_000, 0, 16_000))


def xls_far_cell(workbooks):
    data = xls_bytes(workbooks, [MODEL_HEADERS[:4], ["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế"]])
    return "o_xa.xls", patch_record(data, b"\xfd\x00\x0a\x00", struct.pack("<HH", 65_535, 65_535))


def xls_shared_string_in_many_cells(workbooks):
    return "chuoi_chung.xls", bytes(xls_bytes(workbooks, [["x" * 30_000]] * 60_000))


def xls_dde_text(workbooks):
    return "dde.xls", bytes(xls_bytes(workbooks, [MODEL_HEADERS, ["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế",
                                                                  DDE]]))


def billion_laughs_in_a_sheet(workbooks):
    data = official(workbooks)
    sheet = with_dtd(part(data, "xl/worksheets/sheet3.xml"), BILLION_LAUGHS, "lol9", "Bệnh viện")
    return "cuoi.xlsx", rezip(data, {"xl/worksheets/sheet3.xml": sheet})


def xxe_in_shared_strings(workbooks):
    strings = XXE + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'
    return "xxe.xlsx", minimal_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                                    parts={"xl/sharedStrings.xml": strings})


def dde_formula_in_xlsx(workbooks):
    formula = r'<c r="\1"\2><f>cmd|\' /C calc\'!A0</f></c>'  # a live DDE formula, no cached value
    data = official(workbooks, models=[{**GOOD[0], "note": "GHI_CHU"}])
    return "dde.xlsx", with_models_sheet(data, lambda xml: re.sub(
        r'<c r="([A-Z]+2)"([^>]*?) t="inlineStr"><is><t>GHI_CHU</t></is></c>', formula, xml))


def dde_text_in_xlsx(workbooks):
    return "dde_chu.xlsx", with_models_sheet(official(workbooks, models=[{**GOOD[0], "note": "GHI_CHU"}]),
                                             lambda xml: xml.replace("GHI_CHU", DDE))


def html_and_markdown_everywhere(workbooks):
    rows = [MODEL_HEADERS[:4], ["Sở Y tế", 2024, "<img src=x onerror=alert(1)> **đậm** [a](javascript:alert(1))",
                                "Kinh tế"]]
    data = workbooks.sheets("html.xlsx", {"Mô hình <b>2024 _x_ &amp;": rows}).read_bytes()
    return "<b>bao cao<b> [x](javascript:alert(1)) &amp;.xlsx", data


def control_characters_in_text(workbooks):
    return "ky_tu_dieu_khien.xlsx", with_models_sheet(official(workbooks), lambda xml: xml.replace(
        "Bệnh viện thân thiện", "Bệnh viện\x07thân thiện"))


def svg_image_with_a_dtd(workbooks):
    svg = '<!DOCTYPE svg [<!ENTITY ns "http://www.w3.org/2000/svg">]><svg xmlns="&ns;"/>'
    return "logo.xlsx", rezip(official(workbooks), {"xl/media/logo.svg": svg})


CASES = {
    far_cell_attribute_order: TOO_LARGE,
    far_cell_namespace_prefix: TOO_LARGE,
    cells_without_r_in_a_far_row: TOO_LARGE,
    huge_declared_dimension: LOADED,
    legacy_font_and_huge_dimension: ("SELECT name FROM models", [("Bệnh viện thân thiện",)]),
    shared_strings_count_lies: texts.ERR_BOOK_TOO_LARGE.format(limit="4.000.000"),
    shared_string_in_many_cells: texts.ERR_TOO_MUCH_TEXT.format(limit="30.000.000"),
    five_mb_cell: ("SELECT length(note) > 5000000 FROM models", [(True,)]),
    overlapping_merges: 'Giá trị "2024" không hợp lệ cho cột "Lĩnh vực"',  # the year's cell, merged over the table
    zip_bomb_honest_sizes: texts.DETAIL_UNZIPPED.format(limit_mb=100),
    zip_bomb_lying_sizes: texts.ERR_TOO_COMPLEX.format(limit="2.000.000"),
    sizes_lie_a_little: texts.DETAIL_SIZE_LIE.format(part="xl/worksheets/sheet3.xml"),
    too_many_parts: texts.DETAIL_ENTRIES.format(n=2_519, limit=2_000),
    binary_workbook: texts.DETAIL_XLSB,
    bzip2_parts: texts.DETAIL_COMPRESSION.format(part="xl/styles.xml"),  # styles are read first
    ods_rows_repeated: TOO_LARGE,
    ods_columns_repeated: TOO_LARGE,
    ods_text_repeated: texts.ERR_TOO_MUCH_TEXT.format(limit="30.000.000"),
    ods_with_libreoffice_padding: ("SELECT name FROM models", [("Bệnh viện thân thiện",)]),
    xls_huge_dimensions: TOO_LARGE,
    xls_far_cell: TOO_LARGE,
    xls_shared_string_in_many_cells: texts.ERR_TOO_MUCH_TEXT.format(limit="30.000.000"),
    xls_dde_text: ("SELECT note FROM models", [(DDE,)]),
    billion_laughs_in_a_sheet: texts.ERR_XML_ENTITY.format(part="xl/worksheets/sheet3.xml"),
    xxe_in_shared_strings: texts.ERR_XML_ENTITY.format(part="xl/sharedStrings.xml"),
    dde_formula_in_xlsx: ("SELECT note FROM models", [(None,)]),
    dde_text_in_xlsx: ("SELECT note FROM models", [(DDE,)]),
    html_and_markdown_everywhere: ("SELECT name FROM models",
                                   [("<img src=x onerror=alert(1)> **đậm** [a](javascript:alert(1))",)]),
    control_characters_in_text: LOADED,
    svg_image_with_a_dtd: LOADED,
}


@pytest.mark.slow
@pytest.mark.parametrize("build", CASES, ids=[f.__name__ for f in CASES])
def test_command_line_loads_or_refuses_within_limits(build, db_path, workbooks):
    name, data = build(workbooks)
    path = workbooks.raw(name, data)
    before = db_state(db_path)
    run = run_cli(db_path, path)
    assert_within_limits(run)
    expected = CASES[build]
    if isinstance(expected, str):
        assert run.code == 1 and f"[BỊ TỪ CHỐI] {name}" in run.out and expected in run.out, run.out[-2000:]
        assert db_state(db_path) == before
        return
    assert run.code == 0 and f"[ĐÃ NẠP] {name}" in run.out, run.out[-2000:]
    if expected:
        from core.db import connect
        con = connect(db_path, read_only=True)
        try:
            assert con.execute(expected[0]).fetchall() == expected[1]
        finally:
            con.close()



@pytest.mark.slow
def test_a_folder_with_hostile_files_loads_the_others(db_path, workbooks):
    for build in CASES:
        workbooks.raw(*build(workbooks))
    workbooks.official("tot.xlsx", models=[model_row(unit="Sở Y tế", name="Tốt")])
    run = run_cli(db_path, workbooks.folder)
    assert_within_limits(run)
    assert run.code == 1 and "[ĐÃ NẠP] tot.xlsx" in run.out and run.out.count("[BỊ TỪ CHỐI]") == sum(
        isinstance(e, str) for e in CASES.values())

# --- refused in process (nothing here can make calamine allocate): the reason is exact ---

def _sst_workbook(workbooks) -> bytes:
    strings = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>Sở Y tế</t></si></sst>'
    return minimal_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', parts={"xl/sharedStrings.xml": strings})


def _ods_report(workbooks) -> bytes:
    return ods_bytes({"Mô hình": ods_row(MODEL_HEADERS[:4]) + ods_row(["Sở Y tế", 2024, "Bệnh viện", "Kinh tế"])})


ENTITY_PARTS = {  # part → (a file holding it, the text an entity reference is put before)
    "[Content_Types].xml": (official, "application/xml"),
    "_rels/.rels": (official, "xl/workbook.xml"),
    "xl/workbook.xml": (official, "Mô hình"),
    "xl/_rels/workbook.xml.rels": (official, "sheet3.xml"),
    "xl/styles.xml": (official, "Calibri"),
    "xl/sharedStrings.xml": (_sst_workbook, "Sở Y tế"),
    "xl/worksheets/sheet3.xml": (official, "Bệnh viện"),
    "content.xml": (_ods_report, "Bệnh viện"),
    "META-INF/manifest.xml": (_ods_report, "content.xml"),
}


@pytest.mark.parametrize("dtd,entity", [(BILLION_LAUGHS, "lol9"), (XXE, "xxe")], ids=["billion_laughs", "xxe"])
@pytest.mark.parametrize("name", ENTITY_PARTS)
def test_entities_are_refused_in_every_xml_part(name, dtd, entity, workbooks):
    build, before = ENTITY_PARTS[name]
    data = build(workbooks)
    file_name = "thuc_the.ods" if name in ("content.xml", "META-INF/manifest.xml") else "thuc_the.xlsx"
    hostile = rezip(data, {name: with_dtd(part(data, name), dtd, entity, before)})
    with pytest.raises(read.FileProblem) as refused:
        read.read_workbook(hostile, file_name)
    assert str(refused.value) == texts.ERR_XML_ENTITY.format(part=name)


def _xls(workbooks) -> bytes:
    return bytes(xls_bytes(workbooks, [MODEL_HEADERS[:4], ["Sở Y tế", 2024, "Bệnh viện thân thiện", "Kinh tế"]]))


NOT_SPREADSHEET = texts.ERR_NOT_EXCEL.format(detail=texts.DETAIL_NOT_SPREADSHEET)
DISGUISED = {  # a file sent as .xlsx or .xls that is something else
    "docx": (lambda w: rezip(_empty_zip(), {"[Content_Types].xml": "<Types/>", "word/document.xml":
                                            "<w:document xmlns:w='urn:w'><w:body/></w:document>"}), NOT_SPREADSHEET),
    "zip": (lambda w: rezip(_empty_zip(), {"bao_cao.txt": "Kính gửi Ban Dân vận"}), NOT_SPREADSHEET),
    "pdf": (lambda w: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", NOT_SPREADSHEET),
    "txt": (lambda w: "Kính gửi Ban Dân vận".encode(), NOT_SPREADSHEET),
    "encrypted_xlsx": (lambda w: rename_stream(_xls(w), "Workbook", "EncryptedPackage"), texts.ERR_PASSWORD),
    "word_97": (lambda w: rename_stream(_xls(w), "Workbook", "WordDocument"),
                texts.ERR_NOT_EXCEL.format(detail=texts.DETAIL_OLE)),
    "xls_with_password": (lambda w: patch_record(bytearray(_xls(w)), b"\x42\x00\x02\x00", b"\x2f\x00\x02\x00\x01\x00",
                                                 skip=-4), texts.ERR_PASSWORD),
}


@pytest.mark.parametrize("kind", DISGUISED)
def test_renamed_and_encrypted_files_are_refused_with_the_reason(kind, workbooks):
    build, message = DISGUISED[kind]
    with pytest.raises(read.FileProblem) as refused:
        read.read_workbook(build(workbooks), "bao_cao.xlsx")
    assert str(refused.value) == message


def test_a_rust_panic_in_calamine_is_a_file_problem(workbooks, monkeypatch):
    class PanicException(BaseException):  # what pyo3 raises for a Rust panic: not an Exception
        pass

    def panic(_):
        raise PanicException("chunk size must be non-zero")

    monkeypatch.setattr(read.python_calamine.CalamineWorkbook, "from_filelike", panic)
    with pytest.raises(read.FileProblem, match="chunk size must be non-zero"):
        read.read_workbook(official(workbooks), "bao_cao.xlsx")


def test_a_part_declaring_an_encoding_expat_cannot_read_is_refused_not_raised(workbooks):
    data = official(workbooks)
    sheet = '<?xml version="1.0" encoding="rTF-8"?>' + part(data, "xl/worksheets/sheet3.xml")
    with pytest.raises(read.FileProblem, match="xl/worksheets/sheet3.xml"):
        read.read_workbook(rezip(data, {"xl/worksheets/sheet3.xml": sheet}), "ma_hoa.xlsx")


# --- the error workbook: never a re-open of a refused file, and text stays text ---

@pytest.fixture
def openpyxl_opens(monkeypatch) -> list:
    """The bytes of every workbook openpyxl is asked to open."""
    opened, load = [], openpyxl.load_workbook

    def spy(source, *args, **kwargs):
        opened.append(source.getvalue() if isinstance(source, io.BytesIO) else source)
        return load(source, *args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    return opened


def report_of(data: bytes, file_name: str, resolver) -> openpyxl.Workbook:
    parsed = parse_file(data, file_name, resolver)
    return openpyxl.load_workbook(io.BytesIO(error_workbook(data, file_name, parsed.problems)))


@pytest.mark.slow
def test_a_refused_file_gets_the_summary_alone_without_being_opened_again(workbooks, resolver, openpyxl_opens):
    name, data = zip_bomb_honest_sizes(workbooks)
    started = time.process_time()  # CPU: a busy machine does not make the work longer
    book = report_of(data, name, resolver)
    assert book.sheetnames == [texts.ERROR_SHEET] and data not in openpyxl_opens
    assert [r[4] for r in book[texts.ERROR_SHEET].iter_rows(min_row=3, values_only=True)] == [
        texts.ERR_NOT_EXCEL.format(detail=texts.DETAIL_UNZIPPED.format(limit_mb=100))]
    assert time.process_time() - started < 10


def test_an_xlsx_openpyxl_would_expand_is_rebuilt_from_its_values(workbooks, resolver, openpyxl_opens):
    data = with_models_sheet(official(workbooks, models=[model_row(unit="Xã Không Có")]), lambda xml: xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="P1:Z30000"/></mergeCells>'))
    book = report_of(data, "gop_o.xlsx", resolver)  # openpyxl would build 330,000 merged cells
    assert data not in openpyxl_opens
    assert book["Mô hình"].cell(row=2, column=1).fill.fgColor.rgb.endswith("FFC7CE")


def test_text_read_from_an_xls_stays_text_in_the_report(workbooks, resolver):
    link = '=HYPERLINK("http://x","y")'
    rows = [MODEL_HEADERS, ["Xã Không Có", 2024, link, "Kinh tế", DDE], ["Sở Y tế", 2024, "B", "Kinh tế"]]
    book = report_of(bytes(xls_bytes(workbooks, rows)), "cu.xls", resolver)
    ws = book["Mô hình"]
    assert [(c.value, c.data_type) for c in (ws["C2"], ws["E2"])] == [(link, "s"), (DDE, "s")]
    assert ws["A2"].fill.fgColor.rgb.endswith("FFC7CE")


def test_the_edited_xlsx_keeps_the_units_formulas_and_adds_none(workbooks, resolver, openpyxl_opens):
    rows = [MODEL_HEADERS, ["Xã Không Có", 2024, "=1+1", "Kinh tế", "x"], ["Sở Y tế", 2024, "B", "Kinh tế"]]
    data = workbooks.sheets("cong_thuc.xlsx", {"=HYPERLINK(1)": rows}).read_bytes()
    sheet = re.sub(r'<c r="C2".*?</c>', '<c r="C2" t="inlineStr"><is><t>=1+1</t></is></c>',
                   part(data, "xl/worksheets/sheet1.xml"))  # text that looks like a formula
    data = rezip(data, {"xl/worksheets/sheet1.xml": re.sub(r'<c r="E2".*?</c>', f'<c r="E2"><f>{DDE[1:]}</f></c>',
                                                           sheet)})
    book = report_of(data, "cong_thuc.xlsx", resolver)
    ws, summary = book["=HYPERLINK(1)"], book[texts.ERROR_SHEET]
    assert data in openpyxl_opens and (ws["C2"].value, ws["C2"].data_type) == ("=1+1", "s")
    assert (ws["E2"].value, ws["E2"].data_type) == (DDE, "f")  # the unit's own formula, as written
    assert (summary["A3"].value, summary["A3"].data_type) == ("=HYPERLINK(1)", "s")


def test_a_rebuilt_report_accepts_any_sheet_name(workbooks, resolver):
    rows = ods_row(MODEL_HEADERS[:4]) + ods_row(["Xã Không Có", 2024, "A\x01" + "x" * 40_000, "Kinh tế"])
    book = report_of(ods_bytes({"Mô hình [2024]/?*:": rows}), "ten_la.ods", resolver)
    assert book.sheetnames == [texts.ERROR_SHEET, "Mô hình _2024_____"]
    ws = book["Mô hình _2024_____"]
    assert ws["A2"].fill.fgColor.rgb.endswith("FFC7CE") and ws["C2"].value == "A" + "x" * 32_766  # Excel's limit


# --- the upload page: previews kept only for the files in the uploader, one error workbook per file ---


def capture_downloads(monkeypatch) -> dict:
    """File name → bytes of every download the page offers (AppTest keeps them in a storage it throws away)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    found, keep = {}, MemoryMediaFileStorage.load_and_get_id

    def spy(self, data, mimetype, kind, filename=None):
        found[filename] = data
        return keep(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return found


@pytest.fixture
def downloads(monkeypatch) -> dict:
    return capture_downloads(monkeypatch)


def upload(at, paths: list[Path]):
    at.switch_page("pages/staff/upload.py").run()
    uploader = at.get("file_uploader")[0]
    for path in paths:
        uploader.upload(path.name, path.read_bytes())
    return at.run()


@pytest.mark.slow
def test_previews_are_kept_only_for_the_files_in_the_uploader(staff_app, workbooks):
    good = workbooks.official("tot.xlsx", models=GOOD)
    bad = workbooks.official("loi.xlsx", models=[model_row(unit="Xã Không Có")])
    at = upload(sign_in(staff_app), [good, bad])
    assert [k[0] for k in at.session_state["previews"]] == ["tot.xlsx", "loi.xlsx"]
    assert [k[0] for k in at.session_state["error_reports"]] == ["loi.xlsx"]
    at.get("file_uploader")[0].set_value((good.name, good.read_bytes(), "application/octet-stream")).run()
    assert not at.exception and [k[0] for k in at.session_state["previews"]] == ["tot.xlsx"]
    assert not at.session_state["error_reports"]
    at.get("file_uploader")[0].set_value([]).run()  # the uploader emptied: nothing kept
    assert not at.exception and not at.session_state["previews"]


@pytest.mark.slow
def test_the_error_workbook_is_built_once_per_file(staff_app, workbooks, monkeypatch, downloads):
    built, build = [], error_workbook
    monkeypatch.setattr("dashboard.staff_actions.error_workbook", lambda data, name, *rest: built.append(name) or build(
        data, name, *rest))
    at = upload(sign_in(staff_app), [workbooks.official("loi.xlsx", models=[model_row(unit="Xã Không Có")])])
    at.run()
    at.run()
    assert not at.exception and built == ["loi.xlsx"]
    assert openpyxl.load_workbook(io.BytesIO(downloads["LOI_loi.xlsx"])).sheetnames[0] == texts.ERROR_SHEET


@pytest.mark.slow
def test_a_file_is_read_once_for_its_preview_and_its_error_workbook(staff_app, workbooks, monkeypatch):
    inspected, inspect = [], read.inspect
    for module in ("etl.read", "etl.pipeline", "etl.error_report"):
        monkeypatch.setattr(f"{module}.inspect", lambda data, name: inspected.append(name) or inspect(data, name),
                            raising=False)
    name, data = zip_bomb_honest_sizes(workbooks)
    at = upload(sign_in(staff_app), [workbooks.raw(name, data), workbooks.official("loi.xlsx", models=[
        model_row(unit="Xã Không Có")])])
    assert not at.exception and sorted(inspected) == ["bom.xlsx", "loi.xlsx"]


UPLOAD_BATCH = [far_cell_attribute_order, cells_without_r_in_a_far_row, shared_strings_count_lies,
                zip_bomb_honest_sizes, zip_bomb_lying_sizes, ods_rows_repeated, xls_huge_dimensions, xls_far_cell,
                billion_laughs_in_a_sheet, legacy_font_and_huge_dimension, html_and_markdown_everywhere]
CHILD = """
import os, sys
sys.path[:0] = ["tests", "."]
os.environ["DVK_DB"], os.environ["DVK_ACCOUNTS"] = sys.argv[1], sys.argv[2]
import test_hostile_files
test_hostile_files.upload_in_child(sys.argv[3:])
"""


def upload_in_child(paths: list[str]) -> None:
    """Runs in a child process: the upload page given these files. Prints what a person sees, as JSON."""
    from streamlit.testing.v1 import AppTest
    with pytest.MonkeyPatch.context() as patch:
        found = capture_downloads(patch)
        at = upload(sign_in(AppTest.from_file("../app.py", default_timeout=60)), [Path(p) for p in paths])
    reports = {}
    for name, data in found.items():
        if name and name.startswith("LOI_"):
            reports[name] = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    print(json.dumps({"exceptions": [str(e.value)[:300] for e in at.exception], "reports": reports,
                      "markdown": [m.value for m in at.markdown]}, ensure_ascii=False))


@pytest.mark.slow
def test_the_upload_page_checks_a_hostile_batch_within_limits(db_path, workbooks, tmp_path):
    from app_support import PASSWORD

    from core import auth
    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, "chuyenvien", PASSWORD, "staff", "Nguyễn Thị Lan")
    paths = [workbooks.raw(*build(workbooks)) for build in UPLOAD_BATCH]
    paths.append(workbooks.official("tot.xlsx", models=[model_row(unit="Sở Y tế", name="Tốt")]))
    run = run_child(["-c", CHILD, str(db_path), str(accounts), *map(str, paths)])
    print(f"\nupload page, {len(paths)} files: peak {run.peak_mb} MB, {run.seconds:.1f} s")
    assert_within_limits(run, seconds=2 * SECONDS)  # twelve files, the app's start and a sign-in
    seen = json.loads(run.out.strip().splitlines()[-1])
    assert seen["exceptions"] == []
    assert "3 tệp hợp lệ, 9 tệp có lỗi, 0 tệp đã nạp trước đó." in seen["markdown"]
    refused = [p for p, b in zip(paths, UPLOAD_BATCH) if isinstance(CASES[b], str)]
    assert {f"LOI_{p.stem}.xlsx" for p in refused} == set(seen["reports"])
    assert all(sheets[0] == texts.ERROR_SHEET for sheets in seen["reports"].values())
