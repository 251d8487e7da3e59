"""URL → filters: one pure function, table-tested (as datasette tests its filters); the default year and the
windows the KPI cards compare, table-tested on given days."""
import datetime as dt

import pytest

from core import config
from core.url_filters import (
    Filters,
    Options,
    Window,
    comparison,
    counted_until,
    default_year,
    due_date,
    is_due,
    on_day,
    parse_filters,
    parse_years,
    window_params,
)

OPTIONS = Options(years=[2021, 2022, 2023, 2024, 2025, 2026], districts=["Cấp tỉnh", "Huyện Sơn Tịnh"],
                  groups=["Cấp xã", "Sở, ban, ngành"], fields=["Kinh tế", "Văn hóa - Xã hội"],
                  provinces=["Quảng Ngãi", "Kon Tum"])


@pytest.mark.parametrize("raw, expected", [
    ("2024", (2024, 2024)), ("2021-2024", (2021, 2024)), ("2021–2024", (2021, 2024)), (None, None), ("", None),
    ("2024-2021", None), ("1999", None), ("2024-2030", None), ("abc", None), ("2021-2022-2023", None),
    ("2024; DROP TABLE units", None),
])
def test_parse_years(raw, expected):
    assert parse_years(raw, OPTIONS.years) == expected


@pytest.mark.parametrize("url, expected, notices", [
    ({}, Filters(2026, 2026), 0),
    ({"year": "2022-2024", "district": "Huyện Sơn Tịnh", "group": "Cấp xã", "field": "Kinh tế"},
     Filters(2022, 2024, "Huyện Sơn Tịnh", "Cấp xã", "Kinh tế"), 0),
    ({"year": "1999", "district": "Huyện Không Có"}, Filters(2026, 2026), 2),
    ({"district": "' OR 1=1 --", "field": "Thể thao"}, Filters(2026, 2026), 2),
    ({"province": "Kon Tum"}, Filters(2026, 2026, old_province="Kon Tum"), 0),
    ({"province": "Gia Lai"}, Filters(2026, 2026), 1),
    ({"boundary": "today"}, Filters(2026, 2026, boundary="today"), 0),
    ({"boundary": "reported"}, Filters(2026, 2026), 0),
    ({"boundary": "1677"}, Filters(2026, 2026), 1),
])
def test_parse_filters(url, expected, notices):
    parsed = parse_filters(url, OPTIONS, default_year=2026)
    assert parsed == expected
    assert len(parsed.notices) == notices


def test_filters_round_trip_through_the_url():
    filters = Filters(2022, 2024, "Huyện Sơn Tịnh", None, "Kinh tế")
    assert filters.to_url() == {"year": "2022-2024", "district": "Huyện Sơn Tịnh", "field": "Kinh tế"}
    assert parse_filters(filters.to_url(), OPTIONS, default_year=2026) == filters
    assert filters.params()["year"] == 2024 and filters.is_range
    assert not Filters(2024, 2024).is_range and Filters(2024, 2024).to_url() == {"year": "2024"}


def test_the_boundary_mode_travels_in_the_url_only_when_not_the_default():
    today = Filters(2021, 2024, boundary="today")
    assert today.to_url() == {"year": "2021-2024", "boundary": "today"}
    assert parse_filters(today.to_url(), OPTIONS, default_year=2026) == today
    assert "boundary" not in Filters(2021, 2024).to_url()
    assert today.params()["boundary"] == "today"


YEARS = [2021, 2022, 2023, 2024, 2025, 2026]
DEC_15 = (15, 12)


@pytest.mark.parametrize("today, deadline, expected", [
    (dt.date(2026, 11, 25), DEC_15, 2025),   # 2026 is not due before 15/12/2026: not the unfinished year
    (dt.date(2026, 12, 14), DEC_15, 2025),
    (dt.date(2026, 12, 15), DEC_15, 2026),   # due on the deadline itself
    (dt.date(2027, 1, 10), DEC_15, 2026),    # 2027 not in the data: the latest due year that is
    (dt.date(2026, 3, 1), (28, 2), 2026),    # another deadline (DVK_REPORT_DEADLINE="28/02")
    (dt.date(2026, 2, 27), (28, 2), 2025),
    (dt.date(2021, 6, 1), DEC_15, 2021),     # nothing due yet: the first year
])
def test_default_year_is_the_latest_year_whose_reports_are_due(today, deadline, expected):
    assert default_year(YEARS, today, deadline) == expected


def test_default_year_without_years_and_the_configured_deadline():
    assert default_year([], dt.date(2026, 11, 25), DEC_15) is None
    assert config.REPORT_DEADLINE == (15, 12)
    assert config._day_month(" 31/1 ") == (31, 1)
    with pytest.raises(ValueError):
        config._day_month("31/02")


@pytest.mark.parametrize("year, today, due, until", [
    (2026, dt.date(2026, 11, 25), False, dt.date(2026, 11, 25)),
    (2025, dt.date(2026, 11, 25), True, None),
    (2026, dt.date(2026, 12, 15), True, None),
    (2027, dt.date(2026, 11, 25), False, None),  # a future year is not "counted until today"
])
def test_a_year_is_due_on_its_deadline(year, today, due, until):
    assert is_due(year, today, DEC_15) is due
    assert counted_until(year, today, DEC_15) == until
    assert due_date(year, DEC_15) == dt.date(year, 12, 15)


@pytest.mark.parametrize("year_from, year_to, today, expected", [
    # one year, due: the whole year before
    (2025, 2025, dt.date(2026, 11, 25), Window(2024, 2024)),
    # the current year, not yet due: the year before up to the same day ("cùng kỳ")
    (2026, 2026, dt.date(2026, 11, 25), Window(2025, 2025, dt.date(2025, 11, 25))),
    # the current year once due: the whole year before
    (2026, 2026, dt.date(2026, 12, 20), Window(2025, 2025)),
    # the first year of the data: nothing before it
    (2021, 2021, dt.date(2026, 11, 25), None),
    # a range: the preceding range of the same length, when the data has all of it
    (2023, 2024, dt.date(2026, 11, 25), Window(2021, 2022)),
    (2024, 2026, dt.date(2026, 11, 25), Window(2021, 2023, dt.date(2023, 11, 25))),
    (2021, 2024, dt.date(2026, 11, 25), None),
    (2022, 2024, dt.date(2026, 11, 25), None),
    # 29/02 of a leap year compares with 28/02 of the year before
    (2024, 2024, dt.date(2024, 2, 29), Window(2023, 2023, dt.date(2023, 2, 28))),
    # a year after today's (reports loaded ahead): no comparison
    (2026, 2026, dt.date(2025, 11, 25), None),
])
def test_comparison_windows(year_from, year_to, today, expected):
    assert comparison(year_from, year_to, YEARS, today, DEC_15) == expected


def test_window_params_and_labels():
    assert window_params(None) == {"cmp_from": None, "cmp_to": None, "cmp_cutoff": None}
    assert window_params(Window(2025, 2025, dt.date(2025, 11, 25))) == {
        "cmp_from": 2025, "cmp_to": 2025, "cmp_cutoff": dt.date(2025, 11, 25)}
    assert Window(2021, 2022).label == "2021–2022" and Window(2025, 2025).label == "2025"
    assert on_day(2025, 2, 29) == dt.date(2025, 2, 28) and on_day(2024, 2, 29) == dt.date(2024, 2, 29)


def test_old_bookmarks_keep_working():
    """year=2024 is one year and year=2021-2024 a range, as before; year=2024-2024 is one year."""
    assert parse_filters({"year": "2024"}, OPTIONS, default_year=2025) == Filters(2024, 2024)
    assert parse_filters({"year": "2021-2024"}, OPTIONS, default_year=2025) == Filters(2021, 2024)
    assert not parse_filters({"year": "2024-2024"}, OPTIONS, default_year=2025).is_range
