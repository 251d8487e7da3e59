"""The KPI cards of Tổng quan: the "cùng kỳ" queries on a database seeded with known upload times, and the cards and
caption built from given figures (pure functions, no Streamlit run)."""
import datetime as dt

import pandas as pd
import pytest
from conftest import commendation_row, model_row, run_load

from core import formats, queries, texts
from core.db import connect, writer
from core.url_filters import Filters, Window, window_params
from dashboard.kpis import kpi_caption, overview_kpis

ALL = dict(district=None, unit_group=None, field=None, old_province=None)
CUTOFF = dt.date(2024, 11, 25)


def upload(db_path, workbooks, name, when, models=(), commendations=()):
    """Loads a report and dates its upload."""
    assert run_load(db_path, workbooks.official(name, models=models, commendations=commendations)) == 0
    with writer(db_path) as con:
        con.execute("UPDATE uploads SET uploaded_at = ? WHERE upload_id = (SELECT MAX(upload_id) FROM uploads)",
                    [when])


@pytest.fixture
def seeded(db_path, workbooks):
    """2024: Xã Tịnh Hòa reported on 01/11 and again (3 models) on 05/12; Sở Y tế on 25/11 at 23:59; Xã Sơn Hạ on
    01/12, after the cutoff, with a commendation."""
    upload(db_path, workbooks, "tinh_hoa.xlsx", dt.datetime(2024, 11, 1, 9),
           [model_row(name="A"), model_row(name="B")])
    upload(db_path, workbooks, "son_ha.xlsx", dt.datetime(2024, 12, 1, 9), [model_row(unit="Xã Sơn Hạ", name="S")],
           [commendation_row(unit="Xã Sơn Hạ", recipient="Ông S", recipient_type="Cá nhân", model="S")])
    upload(db_path, workbooks, "tinh_hoa_bo_sung.xlsx", dt.datetime(2024, 12, 5, 9),
           [model_row(name="A"), model_row(name="B"), model_row(name="C")])
    upload(db_path, workbooks, "so_y_te.xlsx", dt.datetime(2024, 11, 25, 23, 59),
           [model_row(unit="Sở Y tế", name="Y")], [commendation_row(unit="Sở Y tế", recipient="Khoa Nhi", model="Y")])
    return db_path


def periods(db_path, sql, cutoff, boundary="reported") -> dict:
    params = {**ALL, "boundary": boundary, "year_from": 2024, "year_to": 2024,
              **window_params(Window(2024, 2024, cutoff))}
    con = connect(db_path, read_only=True)
    try:
        return queries.run(con, sql, **params).set_index("period").to_dict("index")
    finally:
        con.close()


def test_the_same_day_counts_the_reports_uploaded_by_then(seeded):
    units = periods(seeded, queries.KPIS, CUTOFF)
    # a report superseded after the cutoff still counts (with today's figures); one uploaded after it does not;
    # an upload at 23:59 on the day counts
    assert units["now"]["submitted"] == 3 and units["before"]["submitted"] == 2
    assert units["now"]["expected"] == units["before"]["expected"]
    models = periods(seeded, queries.KPI_MODELS, CUTOFF)
    assert models["now"]["models"] == 5 and models["before"]["models"] == 4  # Tịnh Hòa's 3 and Sở Y tế's 1
    awards = periods(seeded, queries.KPI_AWARDS, CUTOFF)
    assert awards["now"]["awards"] == 2 and awards["before"]["awards"] == 1
    assert periods(seeded, queries.KPI_MODELS, CUTOFF, "today")["before"]["models"] == 4  # the same records


def test_without_a_cutoff_the_comparison_counts_every_report(seeded):
    units = periods(seeded, queries.KPIS, None)
    assert units["before"] == units["now"]
    assert "before" not in periods(seeded, queries.KPI_MODELS, dt.date(2024, 10, 1))  # nothing yet: no row, 0
    assert periods(seeded, queries.KPI_MODELS, dt.date(2024, 12, 31))["before"]["models"] == 5


def test_no_comparison_window_gives_no_before_row(seeded):
    con = connect(seeded, read_only=True)
    try:
        frame = queries.run(con, queries.KPIS, **ALL, boundary="reported", year_from=2021, year_to=2024,
                            **window_params(None))
    finally:
        con.close()
    assert frame["period"].tolist() == ["now"]


def frames(now: tuple, before: tuple | None):
    """KPI frames from (expected, submitted, met, models, awards, praise) per period."""
    rows = [("now", *now)] + ([("before", *before)] if before else [])
    table = pd.DataFrame(rows, columns=["period", "expected", "submitted", "met", "models", "awards", "praise"])
    return table[["period", "expected", "submitted", "met"]], table[["period", "models"]], \
        table[["period", "awards", "praise"]]


def test_2025_against_2024_changes_rates_not_unit_counts():
    cards = overview_kpis(*frames((124, 62, 31, 80, 7, 3), (363, 181, 91, 300, 36, 3)), Filters(2025, 2025),
                          Window(2024, 2024))
    by_label = {c.label: c for c in cards}
    units = by_label[texts.KPI_EXPECTED]
    assert units.delta == "-239" and units.delta_color == "off"  # grey: not a decline
    assert texts.KPI_REORG_NOTE.format(day="01/07/2025") in units.help
    assert by_label[texts.KPI_SUBMITTED].delta == "+0,1 điểm %"  # 50,0% against 49,9%
    assert by_label[texts.KPI_MET].delta == formats.decimal(100 * 31 / 124 - 100 * 91 / 363, sign=True) + " điểm %"
    assert by_label[texts.KPI_MODELS].delta_color == "off" and by_label[texts.KPI_COMMENDATIONS].delta_color == "off"
    same_side = overview_kpis(*frames((363, 181, 91, 300, 36, 3), (360, 170, 90, 290, 30, 2)), Filters(2024, 2024),
                              Window(2023, 2023))
    assert [c.delta_color for c in same_side] == ["off", "normal", "normal", "normal", "normal"]


def test_a_range_without_the_range_before_has_no_change():
    cards = overview_kpis(*frames((1452, 259, 230, 371, 150, 15), None), Filters(2021, 2024), None)
    assert [c.label for c in cards] == [texts.KPI_EXPECTED_RANGE, texts.KPI_SUBMITTED_RANGE, texts.KPI_MODELS,
                                        texts.KPI_MET, texts.KPI_COMMENDATIONS]
    assert all(c.delta is None for c in cards)
    assert cards[3].value == "15,8%" and texts.KPI_MET_RANGE_HELP.format(years="2021–2024") in cards[3].help
    assert "15 lượt biểu dương" in cards[4].help
    assert cards[1].help == texts.KPI_SUBMITTED_HELP_ALONE.format(now="17,8%")  # 259 of 1.452


def test_a_chosen_field_is_said_on_the_met_card():
    cards = overview_kpis(*frames((10, 5, 4, 3, 1, 0), None), Filters(2024, 2024, field="Kinh tế"), None)
    assert cards[3].label == texts.KPI_MET_ALL_FIELDS
    assert "Kinh tế" in cards[3].help


@pytest.mark.parametrize("filters, window, today, fewer, words", [
    (Filters(2025, 2025), Window(2024, 2024), dt.date(2026, 11, 25), True,
     ["Số liệu năm 2025.", "Mũi tên là thay đổi so với năm 2024.", "Số đơn vị giảm do sắp xếp đơn vị hành chính"]),
    (Filters(2026, 2026), Window(2025, 2025, dt.date(2025, 11, 25)), dt.date(2026, 11, 25), False,
     ["Số liệu năm 2026 tính đến 25/11/2026 (chưa đến hạn báo cáo 15/12/2026).",
      "So với cùng kỳ năm 2025 (tính đến 25/11/2025"]),
    (Filters(2021, 2024), None, dt.date(2026, 11, 25), False,
     ["Số liệu cộng dồn các năm 2021–2024", "Không có đủ số liệu các năm 2017–2020 trước đó để so sánh."]),
    (Filters(2024, 2026), Window(2021, 2023, dt.date(2023, 11, 25)), dt.date(2026, 11, 25), False,
     ["Năm 2026 chưa đến hạn báo cáo (15/12/2026): số liệu tính đến 25/11/2026.",
      "So với các năm 2021–2023 (năm 2023 tính đến 25/11/2023"]),
    (Filters(2021, 2021), None, dt.date(2026, 11, 25), False, ["Không có số liệu năm 2020 để so sánh."]),
    (Filters(2024, 2024, field="Kinh tế"), Window(2023, 2023), dt.date(2026, 11, 25), False,
     [texts.KPI_FIELD_NOTE.format(field="Kinh tế")]),
])
def test_the_caption_says_what_is_compared(filters, window, today, fewer, words):
    caption = kpi_caption(filters, window, today, (15, 12), fewer)
    for word in words:
        assert word in caption
    assert ("sắp xếp đơn vị hành chính" in caption) is fewer


def test_no_change_has_no_arrow_and_each_change_says_what_it_is_against():
    cards = overview_kpis(*frames((100, 50, 40, 30, 5, 0), (100, 50, 40, 30, 7, 0)), Filters(2024, 2024),
                          Window(2023, 2023))
    assert [c.delta for c in cards] == ["0", "0,0 điểm %", "0", "0,0 điểm %", "-2"]
    assert [c.delta_arrow for c in cards] == ["off", "off", "off", "off", "auto"]
    assert {c.delta_description for c in cards} == {None}  # a whole year before: the caption says so
    same_day = overview_kpis(*frames((100, 50, 40, 30, 5, 0), (100, 45, 40, 30, 7, 0)), Filters(2026, 2026),
                             Window(2025, 2025, dt.date(2025, 11, 25)))
    assert same_day[1].delta == "+5,0 điểm %"
    assert same_day[1].delta_description == texts.KPI_DELTA_VS_SAME_DAY.format(year=2025)
    merged = overview_kpis(*frames((124, 62, 31, 80, 7, 3), (363, 181, 91, 300, 36, 3)), Filters(2025, 2025),
                           Window(2024, 2024))
    assert (merged[0].delta_arrow, merged[0].delta_description) == ("off", texts.KPI_DELTA_REORG)
