"""Stage 4, validate: the rows of a located table → clean records, and every problem found (never just the first).

A problem names the sheet, the Excel row and the column, in Vietnamese. Rows that are blank, a total
("Tổng cộng"), column numbering ("(1) (2) (3)") or a section title ("I. Khối xã") are skipped.
"""
import datetime as dt
from dataclasses import dataclass, field

from core import config, texts, vocab
from etl.headers import COMMENDATIONS, MODELS, SCHEMAS, Table
from etl.layout import Row
from etl.registry import Unit, UnitResolver, looks_like_unit_name
from etl.values import as_text, is_excel_error, last_year, parse_date, parse_year

EARLIEST_DATE = 1975  # no model or decision of the movement is older
KEPT_IN = {MODELS: "note", COMMENDATIONS: "reason"}  # where the raw text of an unreadable optional value goes
GROUP = "group"  # beside the column keys in a row's cells: the title of the section row above it


@dataclass
class Problem:
    sheet: str | None
    row: int | None  # Excel row number, 1-based
    column: str | None
    message: str
    warning: bool = False
    col: int | None = None  # 0-based column index in the sheet, to highlight the cell in the error report


@dataclass
class Context:
    """What a row needs beyond itself: where it is, the file's header block, and the registry."""
    table: Table
    resolver: UnitResolver
    info_unit_text: str | None
    info_code: str | None
    info_year: int | None
    warned: set[str] = field(default_factory=set)  # warnings about units already given on an earlier row


def _problem(ctx: Context, row: int, key: str | None, message: str, warning: bool = False) -> Problem:
    column = ctx.table.header_of(key) if key else None
    return Problem(ctx.table.sheet, row, column, message, warning, ctx.table.columns.get(key) if key else None)


def _kept(ctx: Context, cells: dict, key: str, row: int, message: str, problems: list, kept: list) -> None:
    """An optional value that cannot be read: a warning, its raw text kept in the record's note, the row loads
    with the column's default (or empty)."""
    problems.append(_problem(ctx, row, key, message + _kept_note(ctx, vocab.DEFAULTS.get(key)), warning=True))
    kept.append(f"{ctx.table.header_of(key)}: {cells[key]}")


def _kept_note(ctx: Context, default: str | None) -> str:
    used = texts.USED_DEFAULT.format(value=default) if default else texts.USED_EMPTY
    return texts.WARN_OPTIONAL_KEPT.format(used=used, kept_in=ctx.table.header_of(KEPT_IN[ctx.table.kind]))


def check_enum(ctx: Context, cells: dict, key: str, row: int, problems: list, kept: list | None = None) -> str | None:
    """The canonical value of an enumerated cell; an unknown one is an error in a required column (kept None),
    a warning in an optional one."""
    raw = cells.get(key)
    if raw is None:
        return vocab.DEFAULTS.get(key)
    value = vocab.canonical(key, str(raw))
    if value is None:
        allowed = " · ".join(vocab.ENUMS[key])
        message = texts.ERR_ENUM.format(value=raw, header=ctx.table.header_of(key), allowed=allowed)
        if kept is None:
            problems.append(_problem(ctx, row, key, message))
        else:
            _kept(ctx, cells, key, row, message, problems, kept)
            return vocab.DEFAULTS.get(key)
    return value


def check_required_enum(ctx: Context, cells: dict, key: str, row: int, problems: list) -> str | None:
    if cells.get(key) is None:
        problems.append(_problem(ctx, row, key, texts.ERR_REQUIRED.format(header=ctx.table.header_of(key))))
        return None
    return check_enum(ctx, cells, key, row, problems)


def check_year(ctx: Context, cells: dict, row: int, problems: list) -> int | None:
    if cells.get("year") is None:
        if ctx.info_year is None:
            problems.append(_problem(ctx, row, "year", texts.ERR_REQUIRED.format(header=ctx.table.header_of("year"))))
        return ctx.info_year
    try:
        return parse_year(cells["year"])
    except ValueError:
        problems.append(_problem(ctx, row, "year", texts.ERR_YEAR.format(
            value=cells["year"], first=config.FIRST_YEAR, last=last_year())))
        return None


def check_unit(ctx: Context, cells: dict, year: int | None, row: int, problems: list) -> Unit | None:
    """The row's unit in its year; an empty cell means the unit of the group row above it, when that row names one,
    else the unit of the "Thông tin" sheet."""
    text = cells.get("unit")
    if text is None and year is not None and _group_names_unit(ctx, cells.get(GROUP), year):
        text = cells[GROUP]
    from_info = text is None or str(text) == ctx.info_unit_text
    if from_info and not (ctx.info_unit_text or ctx.info_code):
        problems.append(_problem(ctx, row, "unit", texts.ERR_REQUIRED.format(header=ctx.table.header_of("unit"))))
        return None
    if year is None:
        return None
    found = (ctx.resolver.lookup(ctx.info_unit_text, ctx.info_code, year) if from_info
             else ctx.resolver.lookup(str(text), None, year))
    if found.error:
        problems.append(_problem(ctx, row, "unit", found.error))
    elif found.warning and not from_info and found.warning not in ctx.warned:  # once per table; the "Thông tin"
        # sheet's unit is warned about there
        ctx.warned.add(found.warning)
        problems.append(_problem(ctx, row, "unit", found.warning, warning=True))
    return found.unit


def _group_names_unit(ctx: Context, group: str | None, year: int) -> bool:
    """A group row's title is a unit ("1 | Xã Sơn Hạ") when it resolves to one, or is written as one (then a
    misspelling is reported on its rows); a section title ("KHỐI ĐẢNG") is not."""
    return bool(group) and (ctx.resolver.lookup(group, None, year).unit is not None or looks_like_unit_name(group))


def check_required_text(ctx: Context, cells: dict, key: str, row: int, problems: list) -> str | None:
    value = as_text(cells.get(key))
    if value is None:
        problems.append(_problem(ctx, row, key, texts.ERR_REQUIRED.format(header=ctx.table.header_of(key))))
    return value


def check_date(ctx: Context, cells: dict, key: str, row: int, problems: list,
               kept: list) -> tuple[dt.date | None, bool]:
    """(date, year only) of an optional date cell; one that cannot be read or is implausible is a warning."""
    if cells.get(key) is None:
        return None, False
    try:
        day, year_only = parse_date(cells[key])
    except (ValueError, OverflowError):
        _kept(ctx, cells, key, row, texts.ERR_DATE.format(value=cells[key]), problems, kept)
        return None, False
    if not EARLIEST_DATE <= day.year <= last_year():  # 01/01/1900 is an empty Excel date, 2099 a typo
        _kept(ctx, cells, key, row, texts.ERR_DATE_RANGE.format(
            value=f"{day:%d/%m/%Y}", first=EARLIEST_DATE, last=last_year()), problems, kept)
        return None, False
    return day, year_only


def _with_kept(text: str | None, kept: list[str]) -> str | None:
    return "; ".join([text] * bool(text) + kept) or None


def _no_error_since(problems: list, before: int) -> bool:
    return not any(not p.warning for p in problems[before:])


def validate_model(ctx: Context, cells: dict, row: int, problems: list) -> dict | None:
    before = len(problems)
    year = check_year(ctx, cells, row, problems)
    unit = check_unit(ctx, cells, year, row, problems)
    record = {"unit_id": unit.unit_id if unit else None, "year": year, "source_row": row,
              "name": check_required_text(ctx, cells, "name", row, problems)}
    record["field"] = check_required_enum(ctx, cells, "field", row, problems)
    kept = []
    for key in ("kind", "subject", "form", "status", "level"):
        record[key] = check_enum(ctx, cells, key, row, problems, kept)
    if record["level"] == vocab.DISTRICT_LEVEL and unit and (year > config.FIRST_NEW_YEAR
                                                              or unit.valid_from >= config.REORG_DAY):
        _kept(ctx, cells, "level", row, texts.ERR_DISTRICT_LEVEL, problems, kept)
        record["level"] = None
    start, year_only = check_date(ctx, cells, "start", row, problems, kept)
    record.update(start_date=None if year_only else start, start_year=start.year if start else None,
                  theme=as_text(cells.get("theme")), place=as_text(cells.get("place")),
                  result=as_text(cells.get("result")), note=_with_kept(as_text(cells.get("note")), kept))
    return record if _no_error_since(problems, before) else None


def validate_commendation(ctx: Context, cells: dict, row: int, problems: list) -> dict | None:
    before = len(problems)
    year = check_year(ctx, cells, row, problems)
    unit = check_unit(ctx, cells, year, row, problems)
    record = {"unit_id": unit.unit_id if unit else None, "year": year, "source_row": row,
              "recipient": check_required_text(ctx, cells, "recipient", row, problems)}
    for key in ("recipient_type", "award"):
        record[key] = check_required_enum(ctx, cells, key, row, problems)
    kept = []
    decision_date, _ = check_date(ctx, cells, "decision_date", row, problems, kept)
    if record.get("award") == vocab.DISTRICT_AWARD:
        _check_district_award(ctx, decision_date, year, row, problems)
    record.update(decision_no=as_text(cells.get("decision_no")), decision_date=decision_date,
                  model_name=as_text(cells.get("model")), reason=_with_kept(as_text(cells.get("reason")), kept))
    return record if _no_error_since(problems, before) else None


def _check_district_award(ctx: Context, decision_date, year, row: int, problems: list) -> None:
    if decision_date and decision_date >= config.REORG_DAY:
        problems.append(_problem(ctx, row, "award", texts.ERR_DISTRICT_AWARD.format(date=f"{decision_date:%d/%m/%Y}")))
    elif decision_date is None and year and year > config.FIRST_NEW_YEAR:
        problems.append(_problem(ctx, row, "award", texts.ERR_DISTRICT_AWARD_YEAR.format(year=year)))


def validate_rows(ctx: Context, rows: list[Row], problems: list) -> list[dict]:
    """Every record row of the table (`etl.layout.table_rows`); records are returned only for rows without
    problems."""
    check = validate_commendation if ctx.table.kind == COMMENDATIONS else validate_model
    records = []
    for row in rows:
        broken = [k for k, v in row.cells.items() if is_excel_error(v)]
        errors = [k for k in broken if _required(ctx.table, k)]
        for key in broken:  # an Excel error sinks the row in a required column only
            message = texts.ERR_FORMULA_ERROR.format(value=row.cells[key])
            optional = key not in errors
            problems.append(_problem(ctx, row.index + 1, key, message + _kept_note(ctx, None) * optional, optional))
        cells = {k: (None if k in broken else v) for k, v in row.cells.items()} | {GROUP: row.group}
        checked = len(problems)
        record = check(ctx, cells, row.index + 1, problems)
        said = {ctx.table.columns[k] for k in broken}  # an error cell is not also "empty"
        problems[checked:] = [p for p in problems[checked:] if p.col not in said]
        if record and not errors:
            records.append(record)
    return records


def _required(table: Table, key: str) -> bool:
    return SCHEMAS[table.kind][key][1]
