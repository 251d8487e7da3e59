"""Stage 1, read: a file's bytes → its sheets as grids of raw cell values, plus legacy font names.

Nothing is interpreted here. python-calamine reads .xlsx, .xls and .ods fast; openpyxl is opened only when an
.xlsx declares a TCVN3/VNI font, to learn which cells use it.
"""
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
import pandas as pd

from core import config, texts
from core.vntext import legacy_encoding

ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_UNZIPPED = 300 * 1024 * 1024  # a workbook that inflates beyond this is a zip bomb, not a report


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class RawSheet:
    name: str
    grid: pd.DataFrame  # header=None: row 0 is the sheet's first row, column 0 is column A
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → legacy font name


def read_workbook(data: bytes, file_name: str) -> list[RawSheet]:
    check_container(data, file_name)
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine="calamine")
    except Exception as exc:  # calamine raises many kinds for broken files; all mean the same to the user
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail=str(exc)[:200])) from exc
    fonts = legacy_fonts(data) if data.startswith(ZIP_MAGIC) else {}
    return [RawSheet(name, grid, fonts.get(name, {})) for name, grid in sheets.items()]


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
