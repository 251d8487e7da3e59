"""Every page runs on the demo database without an exception, and shows the numbers the database holds."""
import datetime as dt
import json

import pyarrow as pa
import pytest
from app_support import open_page
from map_support import map_features
from streamlit.proto.Metric_pb2 import Metric
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


def vega_total(at, index: int, field: str) -> int:
    """What a Vega-Lite chart adds up: Streamlit sends its rows apart from the spec, as an Arrow stream."""
    [rows] = at.get("vega_lite_chart")[index].proto.datasets
    return int(pa.ipc.open_stream(rows.data.data).read_all().column(field).to_pandas().sum())


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_draws_no_plotly_chart(app, page):
    at = open_page(app, page, unit="1")
    assert not at.get("plotly_chart")  # no plotly.js (4.7 MB) for the browser to load: Vega-Lite only


def test_overview_charts_add_up_to_the_database(app, demo_con):
    at = open_page(app, PAGES[0], year="2022-2024")
    per_year, by_district, commune_map = at.get("vega_lite_chart")
    models = demo_con.execute("SELECT COUNT(*) FROM counted_models WHERE year BETWEEN 2022 AND 2024").fetchall()[0][0]
    assert vega_total(at, 0, "models") == models
    units = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024").fetchall()[0][0]
    assert vega_total(at, 1, "units") == units
    assert json.loads(by_district.proto.spec)["title"]["subtitle"] == "Năm 2024, năm cuối của khoảng 2022–2024"
    features = map_features(json.loads(commune_map.proto.spec))
    communes = demo_con.execute("SELECT unit_id FROM area_year WHERE year = 2024 AND unit_group = 'Cấp xã'").fetchall()
    assert sorted(f["unit_id"] for f in features) == sorted(u for (u,) in communes) and len(features) == 96
    assert list(by_district.proto.selection_mode) == ["district_pick"]
    assert list(commune_map.proto.selection_mode) == ["commune"]


def card(at, label: str):
    return next(m for m in at.metric if m.label == label)


def points(now: float, before: float) -> str:
    """A change of rates as the cards write it: +1,5 điểm %, -0,3 điểm %, 0,0 điểm % (no sign)."""
    change = round(now - before, 1) or 0.0
    return formats.decimal(change, sign=bool(change)) + " điểm %"


def unit_years(con, low: int, high: int, cutoff: dt.date | None = None) -> tuple[int, int, int]:
    """(expected, submitted, met) unit-years of the demo, boundaries as reported, straight from the tables; with a
    cutoff, the last year counts a unit-year as reported only when a report of it was uploaded by that day."""
    rows = con.execute("""
        SELECT y.year, y.submitted, y.attainment IN ('Đạt', 'Vượt') AS met, EXISTS (
            SELECT 1 FROM upload_coverage c JOIN uploads p USING (upload_id) WHERE c.unit_id = y.unit_id
            AND c.year = y.year AND c.part = 'models' AND c.status IN ('applied', 'superseded')
            AND CAST(p.uploaded_at AS DATE) <= ?) AS by_cutoff
        FROM unit_year y WHERE y.year BETWEEN ? AND ?""", [cutoff or dt.date(9999, 12, 31), low, high]).df()
    on_time = rows["by_cutoff"] | (rows["year"] != high)
    return len(rows), int((rows["submitted"] & on_time).sum()), int((rows["met"] & on_time).sum())


def counted(con, low: int, high: int) -> int:
    return con.execute("""SELECT COUNT(*) FROM models WHERE year BETWEEN ? AND ? AND form IN ('Xây dựng mới', 'Nhân rộng')
                          AND status <> 'Chưa đạt'""", [low, high]).fetchall()[0][0]


def awards(con, low: int, high: int) -> int:
    return con.execute("SELECT COUNT(*) FROM commendations WHERE year BETWEEN ? AND ? AND award <> 'Biểu dương'",
                       [low, high]).fetchall()[0][0]


def test_overview_opens_on_the_latest_year_whose_reports_are_due(app, demo_con):
    at = open_page(app, PAGES[0])
    today = dt.date.today()
    year = max(y for (y,) in demo_con.execute("SELECT DISTINCT year FROM unit_year").fetchall()
               if dt.date(y, 12, 15) <= today)  # DVK_REPORT_DEADLINE = 15/12: never the unfinished year
    assert at.sidebar.radio(key="f_year_mode").value == texts.YEAR_MODE_ONE
    assert at.sidebar.selectbox(key="f_year").value == year
    assert not at.sidebar.get("select_slider")  # one year: no slider with two stacked thumbs
    expected, submitted, met = unit_years(demo_con, year, year)
    assert metric(at, texts.KPI_EXPECTED) == formats.number(expected)
    assert metric(at, texts.KPI_SUBMITTED) == formats.number(submitted)
    assert metric(at, texts.KPI_MET) == formats.percent(met, expected)
    assert metric(at, texts.KPI_MODELS) == formats.number(counted(demo_con, year, year))
    assert metric(at, texts.KPI_COMMENDATIONS) == formats.number(awards(demo_con, year, year))
    expected_before, submitted_before, met_before = unit_years(demo_con, year - 1, year - 1)
    assert card(at, texts.KPI_SUBMITTED).delta == points(100 * submitted / expected,
                                                        100 * submitted_before / expected_before)
    assert card(at, texts.KPI_MET).delta == points(100 * met / expected, 100 * met_before / expected_before)
    assert any(texts.KPI_VS_YEAR.format(years=year - 1) in c.value for c in at.caption)


def test_2025_against_2024_shows_rates_and_explains_the_fewer_units(app, demo_con):
    at = open_page(app, PAGES[0], year="2025")
    expected, submitted, _ = unit_years(demo_con, 2025, 2025)
    expected_before, submitted_before, _ = unit_years(demo_con, 2024, 2024)
    assert expected < expected_before  # the reorganisation of 01/07/2025
    units = card(at, texts.KPI_EXPECTED)
    assert units.proto.color == Metric.MetricColor.GRAY  # a count of units, not a decline: no red arrow
    assert units.proto.delta_description == texts.KPI_DELTA_REORG
    note = texts.KPI_REORG_NOTE.format(day="01/07/2025")
    assert note in units.help and any(note in c.value for c in at.caption)
    assert card(at, texts.KPI_SUBMITTED).delta == points(100 * submitted / expected,
                                                        100 * submitted_before / expected_before)
    assert card(at, texts.KPI_MODELS).proto.color == Metric.MetricColor.GRAY
    assert card(at, texts.KPI_COMMENDATIONS).proto.color == Metric.MetricColor.GRAY
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), PAGES[0], year="2024")  # no reorganisation
    assert not any(note in c.value for c in at.caption)


@pytest.mark.parametrize("low, high", [(2021, 2024), (2023, 2024), (2022, 2025)])
def test_a_range_adds_up_its_years_and_compares_with_the_range_before(app, demo_con, low, high):
    at = open_page(app, PAGES[0], year=f"{low}-{high}")
    assert at.sidebar.radio(key="f_year_mode").value == texts.YEAR_MODE_RANGE
    assert at.sidebar.select_slider(key="f_years").value == (low, high)
    expected, submitted, met = unit_years(demo_con, low, high)
    assert metric(at, texts.KPI_EXPECTED_RANGE) == formats.number(expected)
    assert metric(at, texts.KPI_SUBMITTED_RANGE) == formats.number(submitted)
    assert metric(at, texts.KPI_MET) == formats.percent(met, expected)
    assert metric(at, texts.KPI_MODELS) == formats.number(counted(demo_con, low, high))
    assert metric(at, texts.KPI_COMMENDATIONS) == formats.number(awards(demo_con, low, high))
    length = high - low + 1
    if low - length < 2021:  # the demo starts in 2021: nothing to compare with
        assert all(m.proto.delta == "" for m in at.metric)
        assert any(texts.KPI_VS_NONE_RANGE.format(years=f"{low - length}–{high - length}") in c.value
                   for c in at.caption)
    else:
        before = counted(demo_con, low - length, high - length)
        now = counted(demo_con, low, high)
        assert card(at, texts.KPI_MODELS).delta == ("+" if now > before else "") + formats.number(now - before)
        assert any(texts.KPI_VS_RANGE.format(years=f"{low - length}–{high - length}") in c.value for c in at.caption)
    last = texts.LAST_YEAR_OF_RANGE.format(years=f"{low}–{high}")
    assert at.subheader[0].value == texts.LAGGING_TITLE.format(year=f"{high}{last}")


def test_the_current_year_compares_with_the_same_day_of_the_year_before(app, demo_con, monkeypatch):
    year = dt.date.today().year  # the demo's unfinished year; its past reports carry their upload dates
    monkeypatch.setenv("DVK_TODAY", f"25/11/{year}")
    at = open_page(app, PAGES[0], year=str(year))
    cutoff = dt.date(year - 1, 11, 25)
    assert any(texts.KPI_VS_SAME_DAY.format(year=year - 1, day=formats.date(cutoff)) in c.value for c in at.caption)
    assert at.sidebar.selectbox(key="f_year").format_func(year) == texts.YEAR_NOT_DUE.format(year=year)
    assert card(at, texts.KPI_SUBMITTED).proto.delta_description == texts.KPI_DELTA_VS_SAME_DAY.format(year=year - 1)
    expected, submitted, met = unit_years(demo_con, year, year)
    expected_before, submitted_before, met_before = unit_years(demo_con, year - 1, year - 1, cutoff)
    assert 0 < submitted_before < unit_years(demo_con, year - 1, year - 1)[1]  # some reports came later
    assert card(at, texts.KPI_SUBMITTED).delta == points(100 * submitted / expected,
                                                        100 * submitted_before / expected_before)
    assert card(at, texts.KPI_MET).delta == points(100 * met / expected, 100 * met_before / expected_before)
    models_before = demo_con.execute("""
        SELECT COUNT(*) FROM counted_models m WHERE m.year = ? AND EXISTS (
            SELECT 1 FROM upload_coverage c JOIN uploads p USING (upload_id) WHERE c.unit_id = m.unit_id
            AND c.year = m.year AND c.part = 'models' AND c.status IN ('applied', 'superseded')
            AND CAST(p.uploaded_at AS DATE) <= ?)""", [year - 1, cutoff]).fetchall()[0][0]
    now = counted(demo_con, year, year)
    assert card(at, texts.KPI_MODELS).delta == ("+" if now > models_before else "") + formats.number(now - models_before)


def test_the_field_filter_says_it_leaves_the_attainment_rate_alone(app, demo_con):
    everything = open_page(app, PAGES[0], year="2024")
    rate = metric(everything, texts.KPI_MET)
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), PAGES[0], year="2024", field="Kinh tế")
    met = card(at, texts.KPI_MET_ALL_FIELDS)
    assert met.value == rate  # the 1–2 target counts the models of every field
    assert texts.KPI_MET_FIELD_NOTE.format(field="Kinh tế", min=1, max=2) in met.help
    assert any(texts.KPI_FIELD_NOTE.format(field="Kinh tế") in c.value for c in at.caption)
    assert not any(m.label == texts.KPI_MET for m in at.metric)


@pytest.mark.parametrize("year", ["2024", "2021-2026"])
def test_the_commendation_list_and_the_card_say_the_same(app, demo_con, year):
    """The card counts awards without "Biểu dương"; the list says how many of its rows are awards and praise."""
    low, high = (int(y) for y in year.split("-")) if "-" in year else (int(year), int(year))
    card_value = metric(open_page(app, PAGES[0], year=year), texts.KPI_COMMENDATIONS)
    at = open_page(app, PAGES[4], year=year)
    praise = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year BETWEEN ? AND ? AND award = 'Biểu dương'",
                              [low, high]).fetchall()[0][0]
    assert card_value == formats.number(awards(demo_con, low, high))
    listing = at.dataframe[0].value
    assert len(listing) == awards(demo_con, low, high) + praise
    assert at.subheader[-1].value == texts.COMMENDATIONS_LIST_SPLIT.format(awards=card_value,
                                                                          praise=formats.number(praise))


def test_url_filters_restore_the_view(app, demo_con):
    at = open_page(app, PAGES[0], year="2023", district="Huyện Sơn Tịnh", field="Kinh tế")
    assert at.sidebar.radio(key="f_year_mode").value == texts.YEAR_MODE_ONE
    assert at.sidebar.selectbox(key="f_year").value == 2023
    assert at.sidebar.selectbox(key="f_district").value == "Huyện Sơn Tịnh"
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2023 AND district = 'Huyện Sơn Tịnh'"
                                ).fetchall()[0][0]
    assert metric(at, texts.KPI_EXPECTED) == formats.number(expected)
    models = demo_con.execute("""SELECT COUNT(*) FROM counted_models m JOIN units u USING (unit_id)
                                 WHERE m.year = 2023 AND u.district = 'Huyện Sơn Tịnh' AND m.field = 'Kinh tế'"""
                              ).fetchall()[0][0]
    assert metric(at, texts.KPI_MODELS) == formats.number(models)


def test_a_range_is_a_deliberate_choice_and_travels_in_the_url(app):
    at = open_page(app, PAGES[0], year="2024")
    at.sidebar.radio(key="f_year_mode").set_value(texts.YEAR_MODE_RANGE).run()
    assert not at.exception
    assert at.sidebar.select_slider(key="f_years").value == (2021, 2024)
    assert at.query_params["year"] == "2021-2024"
    at.sidebar.select_slider(key="f_years").set_value((2022, 2024)).run()
    assert at.query_params["year"] == "2022-2024"
    assert any(m.label == texts.KPI_EXPECTED_RANGE for m in at.metric)
    at.sidebar.radio(key="f_year_mode").set_value(texts.YEAR_MODE_ONE).run()
    assert at.sidebar.selectbox(key="f_year").value == 2024 and at.query_params["year"] == "2024"


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
    assert vega_total(at, 0, "models") == vega_total(at, 1, "models") == vega_total(at, 2, "models") == models


def test_commendation_list_matches_the_table(app, demo_con):
    at = open_page(app, PAGES[4], year="2021-2026")
    total = demo_con.execute("SELECT COUNT(*) FROM commendations").fetchall()[0][0]
    assert len(at.dataframe[0].value) == total
    assert vega_total(at, 0, "n") == vega_total(at, 1, "n") == vega_total(at, 2, "n") == total


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
