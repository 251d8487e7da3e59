"""read → normalise → locate → validate, for one file. Pure: nothing here writes anywhere.

The upload page and the command line both call `parse_file`, then `etl.load.apply`.
"""
import hashlib
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils.cell import get_column_letter

from core import config, texts, vocab
from core.vntext import fold
from etl.headers import (
    COMMENDATIONS,
    MODELS,
    SCHEMAS,
    Table,
    is_label,
    locate_table,
    missing_required,
    repeated_required,
    unread_columns,
)
from etl.layout import table_rows
from etl.normalise import normalise_sheet
from etl.read import Contents, FileProblem, inspect, read_checked
from etl.registry import UnitResolver, looks_like_unit_name
from etl.validate import Context, Problem, validate_rows
from etl.values import last_year, parse_year

MODEL_FIELDS = ["unit_id", "year", "name", "kind", "subject", "field", "theme", "form", "status", "level",
                "start_date", "start_year", "place", "result", "note", "source_row"]
COMMENDATION_FIELDS = ["unit_id", "year", "recipient", "recipient_type", "award", "decision_no", "decision_date",
                       "model_name", "reason", "source_row"]


@dataclass
class ParsedFile:
    file_name: str
    sha256: str
    models: pd.DataFrame
    commendations: pd.DataFrame
    coverage: set[tuple[int, int]] = field(default_factory=set)  # (unit_id, year) the file reports on
    parts: set[str] = field(default_factory=set)  # the tables the file holds: models, commendations
    info: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    contents: Contents | None = None  # what the reader's pass over the bytes found; None when it refused the file

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def parse_file(data: bytes, file_name: str, resolver: UnitResolver) -> ParsedFile:
    parsed = ParsedFile(file_name, hashlib.sha256(data).hexdigest(), _frame([], MODEL_FIELDS),
                        _frame([], COMMENDATION_FIELDS))
    try:
        parsed.contents = inspect(data, file_name)
        sheets = read_checked(data, parsed.contents)
    except FileProblem as exc:
        parsed.contents = None
        parsed.problems.append(Problem(None, None, None, str(exc)))
        return parsed
    normal = {s.name: normalise_sheet(s) for s in sheets}
    grids = {name: grid for name, (grid, _as_typed) in normal.items()}
    parsed.problems += [p for name, (_grid, as_typed) in normal.items() for p in _as_typed_warnings(name, as_typed)]
    named = [name for name in grids if fold(name) == fold(vocab.SHEET_INFO)]
    info_sheet = named[0] if named else next((n for n, grid in grids.items() if is_info_sheet(grid)), None)
    info_cells = _info_cells(grids[info_sheet]) if info_sheet else {}
    parsed.info = {key: value for key, (value, _row, _col) in info_cells.items()}
    ctx_info = _info_context(parsed, info_sheet, info_cells, resolver)
    tables = [t for name, grid in grids.items() if name != info_sheet and (t := locate_table(grid, name))]
    parsed.problems += _unread_sheets(grids, {info_sheet} | {t.sheet for t in tables})
    records = {MODELS: [], COMMENDATIONS: []}
    merges = {s.name: s.merges for s in sheets}
    for table in tables:
        context = _title_context(parsed, table, grids[table.sheet], ctx_info, resolver)
        records[table.kind] += _read_table(parsed, Context(table, resolver, *context), grids[table.sheet],
                                           merges[table.sheet])
    parsed.models = _frame(_drop_repeats(records[MODELS], parsed.problems), MODEL_FIELDS)
    parsed.commendations = _frame(_drop_repeats(records[COMMENDATIONS], parsed.problems), COMMENDATION_FIELDS)
    _check_not_empty(parsed, tables, ctx_info)
    parsed.coverage = _coverage(parsed, resolver, ctx_info, tables)
    return parsed


def _read_table(parsed: ParsedFile, ctx: Context, grid: list[list[object]], merges: list) -> list[tuple[Table, dict]]:
    """The records of one table, its problems added to the file's; none when a required column is missing."""
    table = ctx.table
    repeated = [Problem(table.sheet, table.header_row + 1, header, texts.ERR_REPEATED_COLUMN.format(header=header),
                        col=col) for col, header in repeated_required(grid, table)]
    said = {p.col for p in repeated}  # a repeated column is an error, not also an unknown one
    parsed.problems += [Problem(table.sheet, table.header_row + 1, header, texts.WARN_COLUMN_NOT_READ.format(
        header=header), warning=True, col=col) for col, header in unread_columns(grid, table) if col not in said]
    parsed.problems += repeated
    rows = list(table_rows(table, grid, merges))
    if not _columns_present(ctx, {key for row in rows for key in row.from_sections}, parsed.problems) or repeated:
        return []
    parsed.parts.add(table.kind)
    return [(table, record) for record in validate_rows(ctx, rows, parsed.problems)]


# What makes two rows of one file the same record (besides unit and year), compared after `fold`; the column a
# duplicate's warning points at.
_SAME = {MODELS: (("name", "field", "form"), "name", texts.WARN_DUPLICATE_MODEL),
         COMMENDATIONS: (("recipient", "award", "decision_no"), "recipient", texts.WARN_DUPLICATE_COMMENDATION)}


def _drop_repeats(found: list[tuple[Table, dict]], problems: list[Problem]) -> list[dict]:
    """A record pasted twice in one file counts once (three copies of a model must not make a unit "Vượt"): the
    first row is kept, each later copy dropped with a warning naming both rows."""
    first: dict[tuple, tuple[str, int]] = {}
    kept = []
    for table, record in found:
        fields, column, message = _SAME[table.kind]
        same = (record["unit_id"], record["year"], *(fold(record[k]) for k in fields))
        if same not in first:
            first[same] = (table.sheet, record["source_row"])
            kept.append(record)
            continue
        sheet, row = first[same]
        problems.append(Problem(table.sheet, record["source_row"], table.header_of(column), message.format(
            row=record["source_row"], first=row, first_sheet=sheet), warning=True, col=table.columns.get(column)))
    return kept


MAX_AS_TYPED_WARNINGS = 10  # per sheet; then one line says how many more


def _as_typed_warnings(sheet: str, cells: list[tuple[int, int]]) -> list[Problem]:
    """Cells that read as well in a legacy encoding as typed were kept as typed: staff should look at them."""
    shown = [Problem(sheet, r + 1, get_column_letter(c + 1), texts.WARN_AS_TYPED, warning=True, col=c)
             for r, c in cells[:MAX_AS_TYPED_WARNINGS]]
    more = len(cells) - len(shown)
    return shown + ([Problem(sheet, None, None, texts.WARN_AS_TYPED_MORE.format(n=more), warning=True)] if more else [])


def _unread_sheets(grids: dict, used: set) -> list[Problem]:
    """Every row loads or is reported: a non-empty sheet without a recognisable table is said so."""
    problems = []
    for name, grid in grids.items():
        if name in used or fold(name) == fold(vocab.SHEET_GUIDE) or not any(v is not None for r in grid for v in r):
            continue
        looks_like_data = any(w in fold(name) for w in (fold(vocab.SHEET_MODELS), fold(vocab.SHEET_COMMENDATIONS)))
        message = texts.ERR_SHEET_NOT_READ if looks_like_data else texts.WARN_SHEET_IGNORED
        problems.append(Problem(name, None, None, message, warning=not looks_like_data))
    return problems


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """Object columns in which every missing value is None: pandas turns None into NaN in a column that also
    holds text, and NaN is truthy and would read as the name "nan". Built from plain lists (pandas' `where` over
    the frame cost a file's parse several milliseconds)."""
    rows = [[_none_if_missing(record.get(column)) for column in columns] for record in records]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _none_if_missing(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value) is True) else value


def is_info_sheet(grid: list[list[object]]) -> bool:
    """A header block under another name: at least two of its labels, none of a table's headers."""
    return len(_info_cells(grid[:20])) >= 2 and locate_table(grid, "") is None


def _info_key(label: object) -> str | None:
    text = fold(str(label)).split(":")[0].strip(" *")
    return next((k for k, names in vocab.INFO_LABELS.items() if text in {fold(n) for n in names}), None)


def read_info(grid: list[list[object]]) -> dict:
    return {key: value for key, (value, _row, _col) in _info_cells(grid).items()}


_INFO_LABEL_COLUMNS = 3  # a label sits in column A, or after a row number or two (STT | label | value)


def _info_cells(grid: list[list[object]]) -> dict[str, tuple[object, int, int]]:
    """key → (value, Excel row, column): the label in one of the first columns, the value in the next filled cell
    of its row (the label may be merged over two cells), or after a colon in the label's cell."""
    info = {}
    for r, row in enumerate(grid, 1):
        found = next(((c, k) for c, v in enumerate(row[:_INFO_LABEL_COLUMNS])
                      if isinstance(v, str) and (k := _info_key(v))), None)
        if found is None or found[1] in info:
            continue
        at, key = found
        beside = next(((c, v) for c, v in enumerate(row[at + 1:], at + 1) if v is not None and v != row[at]), None)
        info[key] = (beside[1], r, beside[0]) if beside else (row[at].partition(":")[2].strip() or None, r, at)
    return info


def _info_context(parsed: ParsedFile, sheet: str | None, cells: dict, resolver: UnitResolver) -> tuple:
    """(unit text, unit code, year) from the "Thông tin" sheet's `_info_cells`; a wrong year or unit there is a
    problem, on its row."""

    def problem(key: str, message: str, warning: bool = False) -> Problem:
        _value, row, col = cells[key]
        return Problem(sheet, row, vocab.INFO_LABELS[key][0], message, warning, col)

    unit, code, year = (str(v) if (v := parsed.info.get(k)) is not None else None for k in ("unit", "code", "year"))
    if year is not None:
        try:
            year = parse_year(parsed.info["year"])
        except ValueError:
            parsed.problems.append(problem("year", texts.ERR_YEAR.format(value=year, first=config.FIRST_YEAR,
                                                                         last=last_year())))
            year = None
    if (unit or code) and year is not None:
        found = resolver.lookup(unit, code, year)
        if found.error or found.warning:
            parsed.problems.append(problem("unit" if "unit" in cells else "code", found.error or found.warning,
                                           warning=not found.error))
    return unit, code, year


_TITLE_YEAR = re.compile(r"\bnam\s+(\d{4})\b")  # "BÁO CÁO … NĂM 2024", folded


def _title_context(parsed: ParsedFile, table: Table, grid: list[list[object]], ctx_info: tuple,
                   resolver: UnitResolver) -> tuple:
    """(unit text, code, year) for a table without a unit or a year column in a file without them on a "Thông
    tin" sheet: from the rows above its header, as labels ("Đơn vị báo cáo: UBND xã Bình Minh", "Năm báo cáo:
    2024") or else, with a warning, from the title block ("UBND XÃ BÌNH MINH" above "BÁO CÁO … NĂM 2024")."""
    unit, code, year = ctx_info
    need_unit = not (unit or code) and "unit" not in table.columns
    need_year = year is None and "year" not in table.columns
    if not (need_unit or need_year):
        return ctx_info
    above = grid[:table.header_row]
    labelled = read_info(above)
    if need_year:
        year = _year_or_none(labelled.get("year"))
        if year is None and (found := _in_title(above, _year_in_title)):
            year = found[0]
            parsed.problems.append(_from_title(table, found, texts.FROM_TITLE_YEAR))
    if need_unit and year is not None:
        unit, code = (str(v) if (v := labelled.get(k)) is not None else None for k in ("unit", "code"))
        if not (unit or code) and (found := _in_title(above, lambda text: _unit_in_title(text, year, resolver))):
            unit = found[0]
            parsed.problems.append(_from_title(table, found, texts.FROM_TITLE_UNIT))
    return unit, code, year


def _year_or_none(value: object) -> int | None:
    try:
        return parse_year(value) if value is not None else None
    except ValueError:
        return None


def _year_in_title(text: str) -> int | None:
    return _year_or_none(int(match[1])) if (match := _TITLE_YEAR.search(fold(text))) else None


def _unit_in_title(text: str, year: int, resolver: UnitResolver) -> str | None:
    return text if looks_like_unit_name(text) and resolver.lookup(text, None, year).unit else None


def _in_title(rows: list[list[object]], read) -> tuple | None:
    """(what `read` found, Excel row, column, the cell's text) in the lowest title cell it reads something from:
    of "UBND HUYỆN BÌNH SƠN" above "UBND XÃ BÌNH MINH", the commune reports."""
    for r in range(len(rows) - 1, -1, -1):
        for c, value in enumerate(rows[r]):
            if isinstance(value, str) and is_label(value) and (found := read(value)) is not None:
                return found, r + 1, c, value
    return None


def _from_title(table: Table, found: tuple, what: str) -> Problem:
    _value, row, col, text = found
    return Problem(table.sheet, row, get_column_letter(col + 1), texts.WARN_FROM_TITLE.format(what=what, text=text),
                   warning=True, col=col)


def _columns_present(ctx: Context, from_sections: set[str], problems: list[Problem]) -> bool:
    """A required column may be absent when the "Thông tin" sheet (unit, year) or section titles give its value."""
    excused = {k for k, v in (("unit", ctx.info_unit_text or ctx.info_code), ("year", ctx.info_year)) if v}
    excused |= from_sections
    missing = [k for k in missing_required(ctx.table) if k not in excused]
    for key in missing:
        header = SCHEMAS[ctx.table.kind][key][0]
        problems.append(Problem(ctx.table.sheet, ctx.table.header_row + 1, header,
                                texts.ERR_MISSING_COLUMN.format(header=header)))
    return not missing


def _check_not_empty(parsed: ParsedFile, tables: list[Table], ctx_info: tuple) -> None:
    if parsed.errors:
        return
    if not tables:
        parsed.problems.append(Problem(None, None, None, texts.ERR_EMPTY_FILE))
    elif parsed.models.empty and parsed.commendations.empty and not ((ctx_info[0] or ctx_info[1]) and ctx_info[2]):
        parsed.problems.append(Problem(None, None, None, texts.ERR_NO_ROWS))


def _coverage(parsed: ParsedFile, resolver: UnitResolver, ctx_info: tuple, tables: list[Table]) -> set:
    """The unit-years the file reports on. A file without rows reports "no model this year" for its own unit."""
    pairs = {(int(u), int(y)) for frame in (parsed.models, parsed.commendations)
             for u, y in zip(frame["unit_id"], frame["year"])}
    unit, code, year = ctx_info
    if not pairs and tables and (unit or code) and year is not None:
        found = resolver.lookup(unit, code, year)
        if found.unit:
            pairs.add((found.unit.unit_id, year))
    return pairs
