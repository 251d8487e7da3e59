"""Parsers for single cell values (years, dates, text). Each returns a value or raises ValueError."""
import datetime as dt
import re

from core import config
from core.vntext import fold

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
_YEAR_TEXT = re.compile(r"^(?:năm\s*)?(\d{4})$", re.IGNORECASE)
_DMY = re.compile(r"^(?:ng[aà]y\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})$", re.IGNORECASE)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
# On folded text ("Quý II/2024" → "quy ii/2024"): a day in words, a month, a quarter; each gives its first day.
_DMY_WORDS = re.compile(r"^ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")
_MONTH = re.compile(r"^(?:thang|t)?\s*(\d{1,2})\s*(?:[/.\-]|nam)\s*(\d{4})$")
_QUARTER = re.compile(r"^(?:quy|q)\s*(i{1,3}|iv|[1-4])\s*(?:[/.\-]|nam)\s*(\d{4})$")
_QUARTER_MONTH = {"i": 1, "ii": 4, "iii": 7, "iv": 10, "1": 1, "2": 4, "3": 7, "4": 10}


def last_year() -> int:
    return dt.date.today().year + 1


def parse_year(value: object) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        year = value.year
    elif isinstance(value, int) and not isinstance(value, bool):
        year = value
    else:
        match = _YEAR_TEXT.match(str(value).strip())
        if not match:
            raise ValueError(value)
        year = int(match[1])
    if not config.FIRST_YEAR <= year <= last_year():
        raise ValueError(value)
    return year


def parse_date(value: object) -> tuple[dt.date, bool]:
    """(date, year_only). Accepts Excel dates, Excel serial numbers, dd/mm/yyyy text (also with - or ., "ngày" before
    it, a two-digit year, a full stop after it), yyyy-mm-dd,
    "ngày 15 tháng 3 năm 2024", a month ("Tháng 3/2024", "tháng 3 năm 2024", "03/2024": its first day), a quarter
    ("Quý II/2024": its first day) and a year alone."""
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    if isinstance(value, int) and not isinstance(value, bool):
        if config.FIRST_YEAR - 50 <= value <= last_year():
            return dt.date(value, 1, 1), True
        if 1 <= value <= 2958465:
            return EXCEL_EPOCH + dt.timedelta(days=value), False
        raise ValueError(value)
    text = str(value).strip().rstrip(".")  # "15/03/2024." ends a sentence
    if match := _DMY.match(text):  # also "ngày 15/3/2024" and a two-digit year, "15/3/24"
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return dt.date(year, int(match[2]), int(match[1])), False
    if match := _YMD.match(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3])), False
    if match := _YEAR_TEXT.match(text):
        return dt.date(int(match[1]), 1, 1), True
    return _date_in_words(fold(text)), False


def _date_in_words(text: str) -> dt.date:
    if match := _DMY_WORDS.match(text):
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    if match := _MONTH.match(text):
        return dt.date(int(match[2]), int(match[1]), 1)
    if match := _QUARTER.match(text):
        return dt.date(int(match[2]), _QUARTER_MONTH[match[1]], 1)
    raise ValueError(text)


def as_text(value: object) -> str | None:
    """Free text of a cell; numbers keep their digits (a decision number typed as 1034 stays '1034')."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    return str(value)


def is_excel_error(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS
