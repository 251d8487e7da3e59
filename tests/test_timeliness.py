"""Timeliness (DATA_CONTRACT §6): a unit-year is on time when its first report (applied or superseded since, never
one rolled back) was uploaded on or before the due day, late after it, not submitted without one. The due day is
the year's reporting period's, else the configured day. Inputs are built here, upload times set by the test."""
import datetime as dt

import pytest
from app_support import PASSWORD, STAFF_NAME, STAFF_USER, open_page, sign_in
from conftest import model_row, run_load
from streamlit.testing.v1 import AppTest

from core import auth, config, cycle_queries, formats, queries, scope, texts
from core.db import connect, writer
from etl import cycle
from etl.registry import UnitResolver
from etl.rollback import rollback

YEAR = 2024
NO_FILTER = {"district": None, "unit_group": None, "old_province": None}
ON_TIME_UNITS = {"Xã Tịnh Hòa": -5, "Sở Tư pháp": 0}  # days after the default due day, 15/12/2024
LATE_UNITS = {"Sở Y tế": 5, "Xã Tịnh Giang": 3}


def upload(db_path, workbooks, unit: str, when: dt.datetime, name: str = "") -> int:
    """The unit's 2024 report, loaded as if uploaded at `when`; its upload id."""
    path = workbooks.official(f"{name or unit}.xlsx", models=[model_row(unit=unit, name=f"Mô hình {name or unit}")])
    assert run_load(db_path, path) == 0
    with writer(db_path) as con:
        upload_id = con.execute("SELECT MAX(upload_id) FROM uploads").fetchall()[0][0]
        con.execute("UPDATE uploads SET uploaded_at = ? WHERE upload_id = ?", [when, upload_id])
    return upload_id


def roll_back(db_path, upload_id: int) -> None:
    with writer(db_path) as con:
        rollback(con, upload_id, UnitResolver.from_db(con), "chuyenvien")


@pytest.fixture
def reported(db_path, workbooks):
    """Xã Tịnh Hòa on 10/12; Sở Tư pháp late on the due day, then again on 30/12 (the first counts); Sở Y tế on 20/12;
    Xã Sơn Hạ on 01/12, rolled back (not submitted); Xã Tịnh Giang on 02/12, rolled back, again on 18/12."""
    upload(db_path, workbooks, "Xã Tịnh Hòa", dt.datetime(2024, 12, 10, 9))
    upload(db_path, workbooks, "Sở Tư pháp", dt.datetime(2024, 12, 15, 23, 30))
    upload(db_path, workbooks, "Sở Tư pháp", dt.datetime(2024, 12, 30, 8), name="Sở Tư pháp bổ sung")
    upload(db_path, workbooks, "Sở Y tế", dt.datetime(2024, 12, 20, 10))
    roll_back(db_path, upload(db_path, workbooks, "Xã Sơn Hạ", dt.datetime(2024, 12, 1, 8)))
    roll_back(db_path, upload(db_path, workbooks, "Xã Tịnh Giang", dt.datetime(2024, 12, 2, 8)))
    upload(db_path, workbooks, "Xã Tịnh Giang", dt.datetime(2024, 12, 18, 14), name="Xã Tịnh Giang lần 2")
    return db_path


def run(db_path, sql: str, deadline=(15, 12), year: int = YEAR, **filters):
    con = connect(db_path)
    try:
        return queries.run(con, sql, year=year, due_day=deadline[0], due_month=deadline[1], **{**NO_FILTER, **filters})
    finally:
        con.close()


def sql(db_path, text: str, params=()) -> list[tuple]:
    con = connect(db_path)
    try:
        return con.execute(text, list(params)).fetchall()
    finally:
        con.close()


def by_unit(frame) -> dict:
    return {r.unit: (r.timeliness, None if r.timeliness == "not_submitted" else int(r.days_late))
            for r in frame.itertuples() if r.timeliness != "not_submitted" or r.unit == "Xã Sơn Hạ"}


def test_on_time_late_and_not_submitted_against_the_default_due_day(reported):
    rows = run(reported, cycle_queries.TIMELINESS)
    assert set(rows["due"].dt.date) == {dt.date(2024, 12, 15)}
    assert by_unit(rows) == {**{u: ("on_time", d) for u, d in ON_TIME_UNITS.items()},
                             **{u: ("late", d) for u, d in LATE_UNITS.items()}, "Xã Sơn Hạ": ("not_submitted", None)}
    expected = sql(reported, "SELECT COUNT(*) FROM unit_year WHERE year = ?", [YEAR])[0][0]
    assert len(rows) == expected
    total = run(reported, cycle_queries.ON_TIME_TOTAL).iloc[0]
    assert (total["expected"], total["on_time"], total["late"], total["not_submitted"]) == (expected, 2, 2, expected - 4)
    assert total["on_time_rate"] == round(100 * 2 / expected, 1)


def test_the_due_day_of_the_reporting_period_comes_first(reported):
    with writer(reported) as con:
        cycle.set_period(con, cycle.command_line("quantri"), YEAR, None, dt.date(2024, 12, 18), None)
    rows = run(reported, cycle_queries.TIMELINESS)
    assert set(rows["due"].dt.date) == {dt.date(2024, 12, 18)}
    assert by_unit(rows) == {"Xã Tịnh Hòa": ("on_time", -8), "Sở Tư pháp": ("on_time", -3),
                             "Xã Tịnh Giang": ("on_time", 0), "Sở Y tế": ("late", 2), "Xã Sơn Hạ": ("not_submitted", None)}
    assert run(reported, cycle_queries.LATE_UNITS)[["unit", "days_late"]].values.tolist() == [["Sở Y tế", 2]]


def test_by_khu_vuc_and_khoi_against_sql(reported):
    expected = dict(sql(reported, """SELECT COALESCE(u.district, 'Cấp tỉnh'), COUNT(*) FROM unit_year y
                                     JOIN units u USING (unit_id) WHERE y.year = ? GROUP BY 1""", [YEAR]))
    districts = run(reported, cycle_queries.ON_TIME_BY_DISTRICT).set_index("district")
    assert districts["expected"].to_dict() == expected
    homes = dict(sql(reported, "SELECT name, COALESCE(district, 'Cấp tỉnh') FROM units u WHERE unit_id IN "
                               "(SELECT unit_id FROM upload_coverage)"))
    for unit, state in {**dict.fromkeys(ON_TIME_UNITS, "on_time"), **dict.fromkeys(LATE_UNITS, "late")}.items():
        assert districts.loc[homes[unit], state] >= 1
    assert districts.loc["Cấp tỉnh", ["on_time", "late"]].tolist() == [1, 1]
    assert districts.loc["Thành phố Quảng Ngãi", ["on_time", "late"]].tolist() == [1, 0]
    assert districts["on_time_rate"].tolist() == sorted(districts["on_time_rate"])  # the weakest first
    groups = run(reported, cycle_queries.ON_TIME_BY_GROUP).set_index("unit_group")
    assert groups.loc["Sở, ban, ngành", ["on_time", "late"]].tolist() == [1, 1]
    assert groups.loc["Cấp xã", ["on_time", "late"]].tolist() == [1, 1]
    assert groups["expected"].sum() == sum(expected.values())
    only = run(reported, cycle_queries.ON_TIME_TOTAL, district="Thành phố Quảng Ngãi").iloc[0]
    assert (only["expected"], only["on_time"]) == (expected["Thành phố Quảng Ngãi"], 1)


def test_late_units_latest_first_with_their_days(reported):
    late = run(reported, cycle_queries.LATE_UNITS)
    assert late[["unit", "days_late"]].values.tolist() == [[u, d] for u, d in LATE_UNITS.items()]
    assert late["first_upload"].tolist() == [dt.datetime(2024, 12, 20, 10), dt.datetime(2024, 12, 18, 14)]


@pytest.mark.parametrize("year, due", [(2023, dt.date(2023, 2, 28)), (2024, dt.date(2024, 2, 29))])
def test_a_29_february_deadline_falls_back_in_a_common_year(db_path, year, due):
    assert run(db_path, cycle_queries.ON_TIME_TOTAL, deadline=(29, 2), year=year).iloc[0]["due"].date() == due


@pytest.mark.slow
def test_the_tracking_page_and_the_overview_show_timeliness(reported, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", reported)
    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, STAFF_USER, PASSWORD, scope.STAFF, STAFF_NAME)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    expected = sql(reported, "SELECT COUNT(*) FROM unit_year WHERE year = ?", [YEAR])[0][0]
    words = {"due": "15/12/2024", "rate": formats.percent(2, expected), "on_time": "2",
             "expected": formats.number(expected), "late": "2", "not_submitted": formats.number(expected - 4)}
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), "pages/dashboard/overview.py", year=str(YEAR))
    assert texts.ON_TIME_LINE.format(year=YEAR, **words) in [c.value for c in at.caption]

    at = sign_in(AppTest.from_file("../app.py", default_timeout=60))
    at.switch_page("pages/staff/tracking.py").run()
    at.sidebar.selectbox(key="f_year").set_value(YEAR).run()
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert texts.ON_TIME_TITLE.format(year=YEAR, due="15/12/2024") in subheaders
    assert texts.LATE_TITLE.format(n=2) in subheaders
    assert texts.ON_TIME_SUMMARY.format(**words) in [c.value for c in at.caption]
    late = next(d.value for d in at.dataframe if "Số ngày muộn" in d.value)
    assert late[["Đơn vị", "Số ngày muộn"]].values.tolist() == [[u, d] for u, d in LATE_UNITS.items()]
    missing = next(d.value for d in at.dataframe if "Nội dung nhắc" in d.value)
    assert "Xã Sơn Hạ" in set(missing["Đơn vị"]) and not set(LATE_UNITS) & set(missing["Đơn vị"])
    by_group = next(d.value for d in at.dataframe if "Khối" in d.value and "Đúng hạn" in d.value)
    assert by_group.set_index("Khối").loc["Sở, ban, ngành", ["Đúng hạn", "Nộp muộn"]].tolist() == [1, 1]
