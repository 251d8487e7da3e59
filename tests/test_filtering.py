"""URL → filters: one pure function, table-tested (as datasette tests its filters)."""
import pytest

from core.url_filters import Filters, Options, parse_filters, parse_years

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
    assert filters.params()["year"] == 2024 and filters.params()["previous_year"] == 2023


def test_the_boundary_mode_travels_in_the_url_only_when_not_the_default():
    today = Filters(2021, 2024, boundary="today")
    assert today.to_url() == {"year": "2021-2024", "boundary": "today"}
    assert parse_filters(today.to_url(), OPTIONS, default_year=2026) == today
    assert "boundary" not in Filters(2021, 2024).to_url()
    assert today.params()["boundary"] == "today"
