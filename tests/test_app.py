"""Every page runs on the demo database without an exception, and shows the numbers the database holds."""
import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core import config, formats, texts

# Whole workflows through the app (AppTest) or other processes: a second or more each (pytest.ini).
pytestmark = pytest.mark.slow

PAGES = ["pages/dashboard/overview.py", "pages/dashboard/units.py", "pages/dashboard/profile.py", "pages/dashboard/fields.py", "pages/dashboard/commendations.py", "pages/dashboard/report.py"]


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    return AppTest.from_file("../app.py", default_timeout=60)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def values(encoded) -> list:
    """Plotly writes numeric arrays either as lists or as base64 typed arrays."""
    if isinstance(encoded, dict):
        return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"]).tolist()
    return list(encoded)


def chart_total(at, index: int, axis: str = "y") -> int:
    spec = json.loads(at.get("plotly_chart")[index].proto.spec)
    return sum(sum(v for v in values(trace[axis]) if v is not None) for trace in spec["data"])


def open_page(app, page: str, **params) -> AppTest:
    for key, value in params.items():
        app.query_params[key] = value
    at = app.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    open_page(app, page, unit="1")


def test_overview_kpis_equal_independent_sql(app, demo_con):
    at = open_page(app, PAGES[0])
    year = max(y for (y,) in demo_con.execute("SELECT DISTINCT year FROM unit_year").fetchall())
    view = demo_con.execute("SELECT submitted, attainment FROM unit_year WHERE year = ?", [year]).df()
    met = int(view["attainment"].isin(["Đạt", "Vượt"]).sum())
    assert metric(at, texts.KPI_EXPECTED) == formats.number(len(view))
    assert metric(at, texts.KPI_SUBMITTED) == formats.number(int(view["submitted"].sum()))
    assert metric(at, texts.KPI_MET) == formats.percent(met, len(view))
    models = demo_con.execute("""SELECT COUNT(*) FROM models WHERE year = ? AND form IN ('Xây dựng mới', 'Nhân rộng')
                                 AND status <> 'Chưa đạt'""", [year]).fetchall()[0][0]
    assert metric(at, texts.KPI_MODELS) == formats.number(models)
    awards = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year = ? AND award <> 'Biểu dương'",
                              [year]).fetchall()[0][0]
    assert metric(at, texts.KPI_COMMENDATIONS) == formats.number(awards)
    before = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = ? AND submitted", [year - 1]).fetchall()[0][0]
    delta = next(m for m in at.metric if m.label == texts.KPI_SUBMITTED).proto.delta
    assert delta.replace(".", "").lstrip("+") == str(int(view["submitted"].sum()) - before)


def test_url_filters_restore_the_view(app, demo_con):
    at = open_page(app, PAGES[0], year="2023", district="Huyện Sơn Tịnh", field="Kinh tế")
    assert at.sidebar.select_slider(key="f_years").value == (2023, 2023)
    assert at.sidebar.selectbox(key="f_district").value == "Huyện Sơn Tịnh"
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2023 AND district = 'Huyện Sơn Tịnh'"
                                ).fetchall()[0][0]
    assert metric(at, texts.KPI_EXPECTED) == formats.number(expected)
    models = demo_con.execute("""SELECT COUNT(*) FROM counted_models m JOIN units u USING (unit_id)
                                 WHERE m.year = 2023 AND u.district = 'Huyện Sơn Tịnh' AND m.field = 'Kinh tế'"""
                              ).fetchall()[0][0]
    assert metric(at, texts.KPI_MODELS) == formats.number(models)


def test_invalid_url_values_are_ignored_with_a_notice(app):
    at = open_page(app, PAGES[0], year="1999", district="'; DROP TABLE units; --")
    assert at.sidebar.selectbox(key="f_district").value == texts.ALL_DISTRICTS
    notices = [w.value for w in at.sidebar.warning]
    assert texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_YEAR, value="1999") in notices
    assert len(notices) == 2


def test_scorecard_rows_and_accent_insensitive_search(app, demo_con):
    at = open_page(app, PAGES[1], year="2024")
    units = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024").fetchall()[0][0]
    assert len(at.dataframe[0].value) == units
    at.text_input(key="unit_search").input("tinh hoa").run()
    assert at.dataframe[0].value.iloc[:, 0].tolist() == ["Xã Tịnh Hòa"]
    at.text_input(key="unit_search").input("dak to").run()
    assert "Huyện Đắk Tô" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_scorecard_in_todays_boundaries_marks_the_split_communes_successors(app, demo_con):
    at = open_page(app, PAGES[1], year="2021-2024", boundary="today")
    expected = demo_con.execute("SELECT COUNT(DISTINCT unit_id) FROM area_year WHERE year BETWEEN 2021 AND 2024"
                                ).fetchall()[0][0]
    table = at.dataframe[0].value.set_index(texts.COLUMN_LABELS["unit"])
    assert len(table) == expected
    former = table[texts.COLUMN_LABELS["former"]]
    assert sorted(former[former.str.contains(texts.FORMER_SHARED)].index) == ["Xã Cà Đam", "Xã Tây Trà Bồng"]
    assert former["Xã Đông Sơn"] == texts.FORMER_UNITS.format(n=5)


def test_overview_in_todays_boundaries_counts_todays_units_and_the_same_models(app, demo_con):
    at = open_page(app, PAGES[0], year="2024", boundary="today")
    areas, submitted = demo_con.execute("SELECT COUNT(*), COUNT(*) FILTER (submitted) FROM area_year WHERE year = 2024"
                                        ).fetchall()[0]
    assert metric(at, texts.KPI_EXPECTED) == formats.number(areas)
    assert metric(at, texts.KPI_SUBMITTED) == formats.number(submitted)
    models = demo_con.execute("SELECT COUNT(*) FROM counted_models WHERE year = 2024").fetchall()[0][0]
    assert metric(at, texts.KPI_MODELS) == formats.number(models)
    note = texts.BOUNDARY_NOTE_TODAY.format(min=config.TARGET_MIN, max=config.TARGET_MAX)
    assert any(note in c.value for c in at.caption)


def test_profile_shows_the_unit_and_its_successor(app, demo_con):
    unit_id = demo_con.execute("SELECT unit_id FROM units WHERE name = 'Xã Tịnh Hòa'").fetchall()[0][0]
    at = open_page(app, PAGES[2], unit=str(unit_id))
    assert [t.value for t in at.title] == ["Xã Tịnh Hòa"]
    assert any("Sáp nhập vào **Xã Đông Sơn**" in m.value and "01/07/2025" in m.value for m in at.markdown)
    years = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE unit_id = ?", [unit_id]).fetchall()[0][0]
    assert len(at.dataframe[0].value) == years


def test_fields_chart_counts_every_model(app, demo_con):
    at = open_page(app, PAGES[3], year="2022-2024")
    models = demo_con.execute("SELECT COUNT(*) FROM models WHERE year BETWEEN 2022 AND 2024").fetchall()[0][0]
    assert chart_total(at, 0) == models
    assert chart_total(at, 2, axis="x") == models


def test_commendation_list_matches_the_table(app, demo_con):
    at = open_page(app, PAGES[4], year="2021-2026")
    total = demo_con.execute("SELECT COUNT(*) FROM commendations").fetchall()[0][0]
    assert len(at.dataframe[0].value) == total
    assert chart_total(at, 0) == total


@pytest.mark.parametrize("page", PAGES)
def test_pages_on_a_database_without_reports(db_path, monkeypatch, page):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]


def test_old_province_filter(app, demo_con):
    at = open_page(app, PAGES[0], year="2024", province="Kon Tum")
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024 AND old_province = 'Kon Tum'"
                                ).fetchall()[0][0]
    assert metric(at, texts.KPI_EXPECTED) == formats.number(expected)


def test_a_database_of_an_earlier_version_gets_the_current_views(db_path):
    from core.db import connect, schema_is_current, set_meta, writer
    from dashboard.db_access import ensure_database

    with writer(db_path) as con:  # as a database written before the boundary modes existed
        con.execute("DROP VIEW scored")
        set_meta(con, "schema_version", "truoc-do")
    assert not schema_is_current(db_path)
    ensure_database(db_path)
    assert schema_is_current(db_path)
    con = connect(db_path)
    try:
        assert con.execute("SELECT COUNT(*) FROM scored WHERE boundary = 'today'").fetchall()[0][0] > 0
    finally:
        con.close()


def test_a_busy_database_is_left_for_the_next_writer(db_path):
    from core.db import schema_is_current, set_meta, writer
    from dashboard.db_access import ensure_database

    with writer(db_path) as con:
        set_meta(con, "schema_version", "truoc-do")
        ensure_database(db_path)  # the file is held by this writer: no crash, nothing changed
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("truoc-do",)]
    assert not schema_is_current(db_path)
