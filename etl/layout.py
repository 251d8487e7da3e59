"""Stage 3b, rows: which rows under a located table's header are records, and what their merged cells hold.

Real reports are not flat lists (DATA_CONTRACT §4):
- a unit's name, STT and year are merged down over all of its model rows: a merged range gives its value to
  every cell it covers;
- section rows group the rows ("I | KHỐI ĐẢNG, MẶT TRẬN, ĐOÀN THỂ", "A | CẤP TỈNH", "I. Khối xã" in one cell,
  "1 | Xã Sơn Hạ" above "1.1", "1.2"): never a record and never an error; their title is kept for the rows under
  them, so a group row that names a unit gives it to the rows whose unit cell is empty, and a title that is a
  value of a column the table lacks ("II. CÁ NHÂN" without "Đối tượng") gives that value;
- a row that fills none of the table's required columns itself (a blank or pre-numbered row, a footnote in the
  STT column), or only the unit and the year (a template row filled in beforehand), is not a record;
- a column split into ticked sub-columns ("Lĩnh vực" over "Kinh tế | VH-XH | …") gives the marked value;
- the table ends at the closing block: "Ghi chú:", "Quảng Ngãi, ngày 15 tháng 12 năm 2024", "NGƯỜI LẬP BIỂU",
  "(Ký, ghi rõ họ tên, đóng dấu)"; the names under it are not read.
Totals ("Tổng cộng", "Cộng") and column numbering ("(1) (2) (3)") are skipped as well.
"""
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from core import vocab
from core.vntext import fold
from etl.headers import SCHEMAS, Table, is_label
from etl.read import Merge
from etl.registry import looks_like_unit_name

_SECTION = re.compile(r"^(?P<mark>[IVXLC]+|[A-Z]|\d+)[.)/]\s+(?P<title>\S.*)$")
_NUMBERING = re.compile(r"^\(?\d+\)?$|^\(?[a-z]\)?$", re.IGNORECASE)
_SECTION_MARK = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]?$")  # I, II, A, B: an STT that only sections use
_SECTION_WORDS = ("khoi ", "cap ", "phan ", "nhom ", "cac don vi", "don vi cap", "cac xa", "cac phuong", "linh vuc ")
_CLOSING_START = re.compile(  # folded text that opens the block under a table: notes, signatures, footnotes
    r"^(?:nguoi (?:lap|tong hop|bao cao)|thu truong|lanh dao|xac nhan|noi nhan|ghi chu|luu y|chu thich|nguon\b"
    r"|[tk] ?/ ?[mt]\b|tm\.|kt\.|q\.|\(?ky\b|\(?da ky|\(\*+\)|\*|\(\d{1,2}\)\s+\S|[-+]\s+\S"
    r"|(?:pho |q\. ?)?(?:chu tich|giam doc|bi thu|truong ban|truong phong|chanh van phong|chi huy truong|chinh uy"
    r"|hieu truong|vien truong|truong cong an|thuong truc|tong bien tap)\b)")
# "Quảng Ngãi, ngày 15 tháng 12 năm 2024", "ngày … tháng … năm 2024", "Mộ Đức, ngày 15/12/2024"
_PLACE_DATE = re.compile(r"\bngay\b.{0,15}\bthang\b.{0,15}\bnam\b|(?:^|,\s*)ngay\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]")
_LOOKAHEAD = 5  # rows searched below a group row for the STT and the unit cell of its first record
_HIERARCHICAL = re.compile(r"^\d+(?:\.\d+)*$")  # 1, 1.1, 2.3.1: a number that says which group a row is in
_UNMARKED = {"", "0", "-"}
_TOTALS = ("tong cong", "tong so", "cong:", "tong:", "cong ")


@dataclass
class Row:
    index: int  # 0-based row of the grid (Excel row index + 1)
    cells: dict[str, object]  # column key → value, a merged range's value in every cell it covers
    group: str | None  # the title of the section row above it: the unit of a group row, for an empty unit cell
    from_sections: set[str] = field(default_factory=set)  # keys whose value a section title gave ("II. CÁ NHÂN")


def table_rows(table: Table, grid: list[list[object]], merges: list[Merge]) -> Iterator[Row]:
    """The record rows of a table, top to bottom, up to the closing block."""
    shape, sections = _Shape(table, grid, merges), _Sections(table)
    for index in range(table.header_row + 1, len(grid)):
        own = grid[index]
        if is_closing(own):
            return
        if is_skippable(own):
            continue
        heading = _one_cell_heading(own)
        if heading or (shape.fills(own, shape.required) and (heading := _section_title(table, grid, index, shape))):
            sections.enter(*heading)
        elif shape.fills(own, shape.content):  # else a template row with its unit and year filled in beforehand
            sections.follow(_number(own, table.number_col))
            yield Row(index, shape.cells(index, own) | sections.values, sections.group, set(sections.values))


class _Shape:
    """Where a table's values are: its columns, ticked sub-columns, and what merged ranges cover."""

    def __init__(self, table: Table, grid: list[list[object]], merges: list[Merge]):
        self.table = table
        ticked = {c for sub in table.ticks.values() for c in sub}
        self.covered, self.spans = _merged(grid, merges, table.header_row + 1,
                                           set(table.columns.values()) | {table.number_col} | ticked)
        required = {key for key, (_h, needed, _s) in SCHEMAS[table.kind].items() if needed}
        self.required = [c for key in required for c in self._columns_of(key)]
        self.content = [c for key in required - {"unit", "year"} for c in self._columns_of(key)]

    def _columns_of(self, key: str) -> list[int]:
        return [self.table.columns[key]] if key in self.table.columns else list(self.table.ticks.get(key, {}))

    @staticmethod
    def fills(row: list[object], columns: list[int]) -> bool:
        return any(_cell(row, c) is not None for c in columns)

    def cells(self, index: int, own: list[object]) -> dict[str, object]:
        cells = {key: self.covered.get((index, c), _cell(own, c)) for key, c in self.table.columns.items()}
        return cells | {key: _ticked(own, sub) for key, sub in self.table.ticks.items()}


class _Sections:
    """The section and group rows above the current row: the last title, and the values titles gave to columns
    the table does not have ("I. TẬP THỂ" / "II. CÁ NHÂN" over a list without "Đối tượng")."""

    def __init__(self, table: Table):
        self.group, self.mark, self.values = None, "", {}
        self.absent = [k for k in vocab.ENUMS.keys() & SCHEMAS[table.kind].keys()
                       if k not in table.columns and k not in table.ticks]

    def enter(self, mark: str, title: str) -> None:
        self.group, self.mark = title, mark
        self.values |= {k: v for k in self.absent if (v := vocab.canonical(k, title))}

    def follow(self, number: str) -> None:
        if _HIERARCHICAL.match(self.mark) and _HIERARCHICAL.match(number) and not number.startswith(self.mark + "."):
            self.group = None  # "3" after the rows "2.1", "2.2" of group "2": the group has ended


def _one_cell_heading(row: list[object]) -> tuple[str, str] | None:
    """(mark, title) of a row holding "I. Khối xã" alone."""
    filled = [v for v in row if v is not None]
    if len(filled) == 1 and isinstance(filled[0], str) and is_label(filled[0]) and (match := _SECTION.match(filled[0])):
        return match["mark"], match["title"]
    return None


def _ticked(row: list[object], sub: dict[int, str]) -> str | None:
    """The value whose sub-column is marked ("x", "X", "✓", 1); several marked are joined, and so refused."""
    marked = [value for c, value in sub.items() if str(_cell(row, c) or "").strip() not in _UNMARKED]
    return ", ".join(marked) or None


def _cell(row: list[object], col: int | None) -> object:
    return row[col] if col is not None and col < len(row) else None


def _merged(grid: list[list[object]], merges: list[Merge], first: int, columns: set) -> tuple[dict, dict]:
    """(cells a merged range covers in the table's columns → its value; a range's first cell → its last column).

    Ranges are clipped to the grid, and all of them together may visit each cell of the table's columns once: a
    file declaring overlapping ranges (Excel never writes them) costs no more than its sheet."""
    covered, spans = {}, {}
    columns = sorted(c for c in columns if c is not None)
    budget = len(grid) * (len(columns) + 1)
    for (r0, c0), (r1, c1) in merges:
        value = _cell(grid[r0], c0) if r0 < len(grid) else None
        rows = range(max(r0, first), min(r1, len(grid) - 1) + 1)
        inside = [c for c in columns if c0 <= c <= c1]
        cost = len(rows) * max(1, len(inside))
        if value is None or not rows or cost > budget:
            continue
        budget -= cost
        if c1 > c0:
            spans[(r0, c0)] = c1
        covered.update({(r, c): value for r in rows for c in inside if (r, c) != (r0, c0)})
    return covered, spans


def is_skippable(row: list[object]) -> bool:
    filled = [v for v in row if v is not None]
    if not filled:
        return True
    first = filled[0]  # a total row begins with its label; "Tổng số tiền…" inside a row is data
    label = fold(first) if isinstance(first, str) and is_label(first) else ""
    if label.startswith(_TOTALS) or label in ("tong", "cong"):
        return True
    return all(isinstance(v, int) or (isinstance(v, str) and _NUMBERING.match(v)) for v in filled) and len(filled) > 2


def is_closing(row: list[object]) -> bool:
    """The first row of the block under a table: every cell it fills is a signature, place-date or note label."""
    filled = [v for v in row if v is not None]
    if not filled or not all(is_label(v) for v in filled):
        return False
    return all(_CLOSING_START.match(text) or _PLACE_DATE.search(text) for text in map(fold, map(str, filled)))


def _section_title(table: Table, grid: list[list[object]], index: int, shape: _Shape) -> tuple[str, str] | None:
    """(mark, title) of a section or group row, or None for a row that must be read as a record.

    One text besides the STT is not enough (a model row missing its field looks the same, and must be an error):
    the STT must be a section's (I, II, A), or the rows below numbered under this one (1 → 1.1, 1 → a, -), or the
    title merged across most of the table, or written in capitals, or opening with a section word (Khối…, Cấp…),
    or naming a unit in the unit column above rows whose unit cell is empty."""
    row = grid[index]
    others = [(c, v) for c, v in enumerate(row) if v is not None and c != table.number_col]
    if len({str(v) for _c, v in others}) != 1 or not is_label(others[0][1]):
        return None
    col, title = others[0][0], str(others[0][1])
    mark = _number(row, table.number_col)
    table_width = max(table.columns.values()) - min(table.columns.values()) + 1
    if (_SECTION_MARK.match(mark)
            or _is_sublevel(mark, _next_number(grid, index, table.number_col))
            or shape.spans.get((index, col), col) - col + 1 > table_width // 2
            or (title.isupper() and not mark.isdigit())
            or fold(title).startswith(_SECTION_WORDS)
            or _heads_its_units_rows(table, grid, index, col, title)):
        return mark, title
    return None


def _is_sublevel(mark: str, below: str) -> bool:
    """The STT below is one level down: "1" → "1.1", or a number above lettered or dashed rows ("2" → "a", "-")."""
    return bool(mark) and bool(below) and (below.startswith(mark + ".") or (mark.isdigit() and not below[0].isdigit()))


def _heads_its_units_rows(table: Table, grid: list[list[object]], index: int, col: int, title: str) -> bool:
    """ "1 | Xã Nghĩa Lâm" in the unit column, the rows under it with their unit cell empty: a group row."""
    unit_col = table.columns.get("unit")
    if col != unit_col or not looks_like_unit_name(title):
        return False
    below = next((r for r in grid[index + 1:index + 1 + _LOOKAHEAD] if any(v is not None for v in r)), [])
    return bool(below) and _cell(below, unit_col) is None


def _number(row: list[object], col: int | None) -> str:
    value = _cell(row, col)
    return "" if value is None else str(value).strip().rstrip(".")


def _next_number(grid: list[list[object]], index: int, col: int | None) -> str:
    """The STT of the next row that has one, a few rows down at most."""
    for row in grid[index + 1:index + 1 + _LOOKAHEAD]:
        if number := _number(row, col):
            return number
    return ""
