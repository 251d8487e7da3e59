"""Stage 1, read: a file's bytes → its visible sheets as grids of raw cell values, plus legacy font names.

Nothing is interpreted here. python-calamine reads .xlsx, .xls and .ods fast, but it trusts the file (see
`etl.inspect_limits`), so `inspect` first has the file's bytes walked in one bounded pass (`etl.inspect_zip` for
.xlsx/.ods, `etl.inspect_xls` for .xls), and only a file that passes is given to calamine. The same pass finds the
cells holding an Excel error (calamine reads them as empty) and the cells written in a TCVN3/VNI font.
Hidden sheets (the template's lists, old copies) are not read.
"""
import io
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from core import config, texts
from etl.inspect_limits import MAX_EDIT_CELLS, Contents, FileProblem, not_excel
from etl.inspect_xls import OLE_MAGIC, inspect_ole
from etl.inspect_zip import ZIP_MAGIC, Book, sheet_names

__all__ = ["EXTENSIONS", "MAX_EDIT_CELLS", "OLE_MAGIC", "ZIP_MAGIC", "Contents", "FileProblem", "Merge", "RawSheet",
           "inspect", "read_checked", "read_workbook", "sheet_names"]

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col)), 0-based


@dataclass
class RawSheet:
    name: str
    grid: list[list[object]]  # row 0 is the sheet's first row, column 0 is column A
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → legacy font name
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#REF!"… (calamine gives "")
    merges: list[Merge] = field(default_factory=list)  # merged ranges: only their first cell holds the value


def read_workbook(data: bytes, file_name: str) -> list[RawSheet]:
    return read_checked(data, inspect(data, file_name))


def read_checked(data: bytes, contents: Contents) -> list[RawSheet]:
    """The visible sheets of a file that `inspect` has let through."""
    return [RawSheet(name, grid, contents.fonts.get(name, {}), contents.errors.get(name, {}),
                     merges or contents.merges.get(name, []))
            for name, (grid, merges) in _grids(data).items()]


def _grids(data: bytes) -> dict[str, tuple[list[list[object]], list[Merge]]]:
    """Each visible sheet's cells and merged ranges (calamine knows those of .xlsx and .xls, not of .ods)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == python_calamine.SheetVisibleEnum.Visible
                   and m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        sheets = {name: book.get_sheet_by_name(name) for name in visible}
        return {name: (sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or [])
                for name, sheet in sheets.items()}
    except python_calamine.PasswordError as exc:
        raise FileProblem(texts.ERR_PASSWORD) from exc
    except Exception as exc:  # calamine raises many kinds for broken files; all mean the same to the user
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail=str(exc)[:200])) from exc
    except BaseException as exc:  # a Rust panic reaches Python as pyo3's PanicException, not an Exception
        if type(exc).__name__ != "PanicException":
            raise
        raise FileProblem(texts.ERR_NOT_EXCEL.format(detail=str(exc)[:200])) from exc


def inspect(data: bytes, file_name: str) -> Contents:
    """Refuses, with the reason, a file whose parsing would cost more than a report can; else what it holds."""
    ext = PurePath(file_name).suffix.lower()
    if ext not in EXTENSIONS:
        raise FileProblem(texts.ERR_EXTENSION.format(ext=ext or file_name))
    if len(data) > config.MAX_UPLOAD_MB * 1024 * 1024:
        raise FileProblem(texts.ERR_TOO_BIG.format(size_mb=len(data) / 2**20, limit_mb=config.MAX_UPLOAD_MB))
    if data.startswith(OLE_MAGIC):
        return inspect_ole(data)
    if data.startswith(ZIP_MAGIC):
        return Book(data).inspect()
    raise FileProblem(not_excel(texts.DETAIL_NOT_SPREADSHEET))
