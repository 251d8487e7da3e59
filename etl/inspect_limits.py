"""The limits a workbook must stay within before calamine parses it, and what checking them produces.

python-calamine reads .xlsx, .xls and .ods fast, but it trusts the file: it allocates from the cell references,
repeat counts and declared sizes it finds, and when an allocation fails Rust aborts the whole process (the web
server with it) instead of raising. The inspections of a zip (`etl.inspect_zip`) and of an OLE file
(`etl.inspect_xls`) count what the file would make calamine build against these limits, raising `FileProblem` at
the first one crossed, and report what they learnt as `Contents`. Shared by both, imported by `etl.read`.
"""
from dataclasses import dataclass, field

from core import formats, texts

MAX_UNZIPPED = 100 * 1024 * 1024  # inflated bytes of all parts, counted while inflating: declared sizes can lie
MAX_ENTRIES = 2_000  # parts of one archive; Excel writes tens
MAX_ELEMENTS = 2_000_000  # XML elements of all parts (a report has tens of thousands): bounds the parsing time
MAX_CELLS = 2_000_000  # rows × columns calamine allocates for one sheet (from A1 to the farthest value)
MAX_BOOK_CELLS = 4_000_000  # the same over every sheet of the file (calamine reads hidden .xls/.ods sheets too)
MAX_TEXT = 30_000_000  # characters of cell text calamine builds; a shared or repeated text counts at every cell
MAX_EDIT_CELLS = 300_000  # cells, rows and merged/linked cells openpyxl would build to edit a copy of an .xlsx


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Contents:
    """What `inspect` learnt about a file that is safe to parse."""
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # sheet name → error cells
    fonts: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # sheet name → legacy-font cells
    # sheet name → merged ranges ((first row, first col), (last row, last col)), for .ods (calamine gives the others')
    merges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)
    editable: bool = False  # an .xlsx small enough for openpyxl to open whole (the error report edits a copy)


class Unsafe(Exception):
    """A DTD with entities, or an external entity: never expanded, the file is refused."""


def not_excel(detail: str) -> str:
    return texts.ERR_NOT_EXCEL.format(detail=detail)


class Totals:
    """What the whole file would make calamine build, checked against the limits as it grows."""

    def __init__(self):
        self.inflated = self.elements = self.cells = self.text = 0

    def add_inflated(self, size: int) -> None:
        self.inflated += size
        if self.inflated > MAX_UNZIPPED:
            raise FileProblem(not_excel(texts.DETAIL_UNZIPPED.format(limit_mb=MAX_UNZIPPED // 2**20)))

    def add_sheet(self, cells: int) -> None:
        if cells > MAX_CELLS:
            raise FileProblem(texts.ERR_SHEET_TOO_LARGE.format(limit=formats.number(MAX_CELLS)))
        self.cells += cells
        if self.cells > MAX_BOOK_CELLS:
            raise FileProblem(texts.ERR_BOOK_TOO_LARGE.format(limit=formats.number(MAX_BOOK_CELLS)))

    def add_text(self, characters: int) -> None:
        self.text += characters
        if self.text > MAX_TEXT:
            raise FileProblem(texts.ERR_TOO_MUCH_TEXT.format(limit=formats.number(MAX_TEXT)))
