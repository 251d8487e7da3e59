"""The global filters: parsed from the URL by one pure, table-tested function, and bound as SQL parameters.

A URL carries `year=2024` (one year) or `year=2021-2024` (a range: totals over its years),
`district=…`, `group=…`, `field=…`, `province=…` (tỉnh cũ) and
`boundary=today` (Quy đổi theo địa giới hiện nay; absent = as reported) and, with approval on, `figures=all` (Tất cả
số liệu đã nộp; absent = only the approved figures). Unknown values are dropped with a notice; they never reach SQL
except as bound parameters.

Without a year in the URL the dashboard opens on the latest year whose reports are due (`default_year`), never
on the unfinished current year. `comparison` decides what the KPI cards compare against: the year before, the
preceding range of the same length, or, for a year not yet due, the same day of the year before ("cùng kỳ").
"""
import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from core import formats, texts

URL_KEYS = ("year", "district", "group", "field", "province", "boundary", "figures")
REPORTED, TODAY = "reported", "today"  # the boundary modes; REPORTED is the default and stays out of the URL
BOUNDARIES = (REPORTED, TODAY)
# Which figures the dashboard reads once approval is on (DATA_CONTRACT §6): the approved ones (the default, out of
# the URL) or every submitted report. With approval off there is no choice: `Filters.figures` is None.
APPROVED_ONLY, ALL_SUBMITTED = "approved", "all"
FIGURES = (APPROVED_ONLY, ALL_SUBMITTED)


@dataclass(frozen=True)
class Options:
    years: list[int]  # ascending
    districts: list[str]
    groups: list[str]
    fields: list[str]
    provinces: list[str] = dataclass_field(default_factory=list)  # "Tỉnh cũ": Quảng Ngãi, Kon Tum


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    district: str | None = None
    unit_group: str | None = None
    field: str | None = None
    old_province: str | None = None
    boundary: str = REPORTED
    notices: tuple[str, ...] = dataclass_field(default=(), compare=False)
    figures: str | None = None  # APPROVED_ONLY or ALL_SUBMITTED with approval on; None without it

    @property
    def year(self) -> int:
        """The year a one-year view (attainment by khu vực, lagging units, map, tracking) is shown for: the chosen
        year, or the last year of a range (such a view then says so in its title)."""
        return self.year_to

    @property
    def is_range(self) -> bool:
        return self.year_from != self.year_to

    def params(self, figures: str | None = None) -> dict:
        """The SQL parameters, and `figures`, which db_access.query takes to pick the schema it reads: the sidebar's
        choice, unless the caller says otherwise (the staff pages count every submitted report)."""
        return {"year_from": self.year_from, "year_to": self.year_to, "year": self.year_to,
                "district": self.district, "unit_group": self.unit_group,
                "field": self.field, "old_province": self.old_province,
                "boundary": self.boundary, "figures": figures or self.figures}

    def to_url(self) -> dict[str, str]:
        years = str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"
        url = {"year": years, "district": self.district, "group": self.unit_group, "field": self.field,
               "province": self.old_province, "boundary": None if self.boundary == REPORTED else self.boundary,
               "figures": self.figures if self.figures == ALL_SUBMITTED else None}
        return {k: v for k, v in url.items() if v}


def parse_years(raw: str | None, years: list[int]) -> tuple[int, int] | None:
    """'2024' or '2021-2024' within the known years; None when absent or not valid."""
    if not raw or not years:
        return None
    parts = raw.replace("–", "-").split("-")
    if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
        return None
    low, high = int(parts[0]), int(parts[-1])
    if low > high or low not in years or high not in years:
        return None
    return low, high


def parse_filters(url: dict[str, str], options: Options, default_year: int, approval: bool = False) -> Filters:
    """`approval`: config.APPROVAL, which decides whether the URL's `figures` means anything."""
    notices = []
    years = parse_years(url.get("year"), options.years)
    if url.get("year") and years is None:
        notices.append(texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_YEAR, value=formats.plain(url["year"])))
    chosen = {}
    for key, allowed, label in (("district", options.districts, texts.FILTER_DISTRICT),
                                ("group", options.groups, texts.FILTER_GROUP),
                                ("field", options.fields, texts.FILTER_FIELD),
                                ("province", options.provinces, texts.FILTER_PROVINCE)):
        value = url.get(key)
        chosen[key] = value if value in allowed else None
        if value and value not in allowed:
            notices.append(texts.NOTICE_BAD_FILTER.format(name=label, value=formats.plain(value)))
    boundary = url.get("boundary") or REPORTED
    if boundary not in BOUNDARIES:
        notices.append(texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_BOUNDARY, value=formats.plain(boundary)))
        boundary = REPORTED
    figures = _figures(url.get("figures"), approval, notices)
    year_from, year_to = years or (default_year, default_year)
    return Filters(year_from, year_to, chosen["district"], chosen["group"], chosen["field"], chosen["province"],
                   boundary, tuple(notices), figures)


def _figures(raw: str | None, approval: bool, notices: list[str]) -> str | None:
    """The approved figures by default once approval is on; without approval the word is dropped in silence (a link
    made while approval was on still opens, on the only figures there are)."""
    if not approval:
        return None
    if raw and raw not in FIGURES:
        notices.append(texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_FIGURES, value=formats.plain(raw)))
    return raw if raw in FIGURES else APPROVED_ONLY


@dataclass(frozen=True)
class Window:
    """Years whose figures are added up; with `cutoff`, the last year counts only what was uploaded by that day."""
    year_from: int
    year_to: int
    cutoff: dt.date | None = None

    @property
    def label(self) -> str:
        return formats.years(self.year_from, self.year_to)


def on_day(year: int, month: int, day: int) -> dt.date:
    """The day and month in `year`; 29/02 falls back to 28/02 in a common year."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)


def due_date(year: int, deadline: tuple[int, int]) -> dt.date:
    """The day year `year`'s reports are due; deadline is (day, month), e.g. (15, 12)."""
    day, month = deadline
    return on_day(year, month, day)


def is_due(year: int, today: dt.date, deadline: tuple[int, int]) -> bool:
    return today >= due_date(year, deadline)


def default_year(years: list[int], today: dt.date, deadline: tuple[int, int]) -> int | None:
    """The latest of `years` whose reports are due today (not the unfinished current year); the first year when
    none is due yet; None without years."""
    due = [y for y in years if is_due(y, today, deadline)]
    return max(due) if due else (min(years) if years else None)


def counted_until(year_to: int, today: dt.date, deadline: tuple[int, int]) -> dt.date | None:
    """The day the figures of a window ending in `year_to` reach when that year is still open: today; else None."""
    return today if year_to == today.year and not is_due(year_to, today, deadline) else None


def comparison(year_from: int, year_to: int, years: list[int], today: dt.date,
               deadline: tuple[int, int]) -> Window | None:
    """What the KPI cards compare with: the preceding window of the same length when the data has all its years
    (else None). When the chosen window ends in the current year, not yet due, the preceding window's last year
    counts only the uploads up to the same day and month ("cùng kỳ")."""
    length = year_to - year_from + 1
    start, end = year_from - length, year_to - length
    if not years or start < min(years) or year_to > today.year:
        return None
    until = counted_until(year_to, today, deadline)
    return Window(start, end, on_day(end, until.month, until.day) if until else None)


def window_params(window: Window | None) -> dict:
    """The comparison as SQL parameters: NULL years select nothing; a NULL cutoff counts every upload."""
    if window is None:
        return {"cmp_from": None, "cmp_to": None, "cmp_cutoff": None}
    return {"cmp_from": window.year_from, "cmp_to": window.year_to, "cmp_cutoff": window.cutoff}
