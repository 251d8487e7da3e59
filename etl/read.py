"""Stage 1, read: a file's bytes → its visible sheets as grids of raw cell values, plus legacy font names.

Nothing is interpreted here. python-calamine reads .xlsx, .xls and .ods fast; openpyxl is opened only when an
.xlsx declares a TCVN3/VNI font, to learn which cells use it. Hidden sheets (the template's lists, old copies)
are not read.
"""
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
import python_calamine

from core import config, texts
from core.vntext import legacy_encoding

ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_UNZIPPED = 300 * 1024 * 1024  # a workbook that inflates beyond this is a zip bomb, not a report
MAX_CELLS = 5_000_000  # rows × columns of one sheet; calamine allocates the whole rectangle
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\bt="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)
_SHEET, _REL = re.compile(rb"<sheet\s[^>]*>"), re.compile(rb"<Relationship\s[^>]*>")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class RawSheet:
    name: str
    grid: list[list[object]]  # row 0 is the sheet's first row, column 0 is column A
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → legacy font name
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#REF!"… (calamine gives "")


def read_workbook(data: bytes, file_name: str) -> list[RawSheet]:
    check_container(data, file_name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == python_calamine.SheetVisibleEnum.Visible
                   and m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        grids = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in visible}
    except Exception as exc:  # calamine raises many kinds for broken files; all mean the same to the user
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail=str(exc)[:200])) from exc
    fonts = legacy_fonts(data) if data.startswith(ZIP_MAGIC) else {}
    errors = error_cells(data) if data.startswith(ZIP_MAGIC) else {}
    return [RawSheet(name, grid, fonts.get(name, {}), errors.get(name, {})) for name, grid in grids.items()]


def check_container(data: bytes, file_name: str) -> None:
    ext = PurePath(file_name).suffix.lower()
    if ext not in EXTENSIONS:
        raise FileProblem(texts.ERR_EXTENSION.format(ext=ext or file_name))
    if len(data) > config.MAX_UPLOAD_MB * 1024 * 1024:
        raise FileProblem(texts.ERR_TOO_BIG.format(size_mb=len(data) / 2**20, limit_mb=config.MAX_UPLOAD_MB))
    if data.startswith(OLE_MAGIC):
        return
    if not data.startswith(ZIP_MAGIC):
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail="nội dung không phải bảng tính"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail="tệp nén bị hỏng hoặc không đầy đủ")) from exc
    if inflated > MAX_UNZIPPED:
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail="dung lượng giải nén bất thường"))
    if _largest_sheet(data) > MAX_CELLS:
        raise FileProblem(texts.ERR_SHEET_TOO_LARGE.format(limit=f"{MAX_CELLS:,}".replace(",", ".")))


def _largest_sheet(data: bytes) -> int:
    """Rows × columns of the biggest .xlsx sheet, from its cell references, without building the sheet."""
    largest = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                largest = max(largest, _sheet_extent(archive.read(name)))
    return largest


def error_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Cells holding an Excel error (#REF!, #N/A…) per .xlsx sheet: calamine reads them as empty."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            targets = {_attr(tag, b"Id"): _attr(tag, b"Target")
                       for tag in _REL.findall(archive.read("xl/_rels/workbook.xml.rels"))}
            found = {}
            for tag in _SHEET.findall(archive.read("xl/workbook.xml")):
                name, rel = _attr(tag, b"name"), _attr(tag, b"r:id")
                path = "xl/" + targets.get(rel, b"").decode().lstrip("/").removeprefix("xl/")
                xml = archive.read(path) if path in archive.namelist() else b""
                found[html.unescape(name.decode())] = {(int(r) - 1, _column(c) - 1): v.decode()
                                                       for c, r, v in _ERROR_CELL.findall(xml)}
            return found
    except (KeyError, zipfile.BadZipFile):  # an .ods, or a workbook laid out differently: no error cells known
        return {}


def _attr(tag: bytes, name: bytes) -> bytes:
    """An attribute of an XML start tag, whatever the attribute order."""
    match = re.search(rb"\s" + re.escape(name) + rb'="([^"]*)"', tag)
    return match[1] if match else b""


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _sheet_extent(xml: bytes) -> int:
    rows = cols = 0
    for letters, number in _CELL_REF.findall(xml):
        rows, cols = max(rows, int(number)), max(cols, _column(letters))
    return rows * cols


def legacy_fonts(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Cells whose font is a TCVN3 or VNI font, per sheet; empty when the workbook declares none."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # an .ods, or an .xlsx openpyxl cannot parse: calamine already read its values
        return {}
    try:
        if not any(legacy_encoding(f.name) for f in book._fonts):  # noqa: SLF001 - cheap pre-check
            return {}
        return {ws.title: _sheet_fonts(ws) for ws in book.worksheets}
    finally:
        book.close()


def _sheet_fonts(ws) -> dict[tuple[int, int], str]:
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and hasattr(cell, "font") and legacy_encoding(cell.font.name):
                found[(cell.row - 1, cell.column - 1)] = cell.font.name
    return found
