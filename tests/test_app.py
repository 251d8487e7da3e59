"""Every page runs on the demo database without an exception, and shows the numbers the database holds."""
import pytest
from streamlit.testing.v1 import AppTest

from core import config, formats, texts


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    return AppTest.from_file("../app.py", default_timeout=60)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_shows_the_database_numbers(app, demo_con):
    at = app.run()
    assert not at.exception
    year = at.sidebar.selectbox(key="year").value
    assert year == 2026  # newest year first
    expected, submitted, models, met = demo_con.execute("""
        SELECT COUNT(*), COUNT(*) FILTER (submitted), SUM(n_models), COUNT(*) FILTER (attainment IN ('Đạt', 'Vượt'))
        FROM unit_year WHERE year = ?""", [year]).fetchall()[0]
    assert metric(at, "Đơn vị phải báo cáo") == formats.number(expected)
    assert metric(at, "Đơn vị đã báo cáo") == formats.number(submitted)
    assert metric(at, "Mô hình được tính") == formats.number(models)
    assert metric(at, "Tỷ lệ đơn vị đạt chỉ tiêu") == formats.percent(met, expected)
    assert len(at.get("plotly_chart")) == 2


def test_filters_from_the_url_restore_the_view(app, demo_con):
    app.query_params["year"] = "2023"
    app.query_params["district"] = "Huyện Sơn Tịnh"
    at = app.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="year").value == 2023
    expected = demo_con.execute("""SELECT COUNT(*) FROM unit_year WHERE year = 2023
                                   AND district = 'Huyện Sơn Tịnh'""").fetchall()[0][0]
    assert metric(at, "Đơn vị phải báo cáo") == formats.number(expected)


def test_invalid_url_values_fall_back_without_an_exception(app):
    app.query_params["year"] = "1999"
    app.query_params["district"] = "'; DROP TABLE units; --"
    at = app.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="district").value == "Tất cả khu vực"


def test_empty_database_shows_an_empty_state(db_path, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    year = at.sidebar.selectbox(key="year").value
    assert [i.value for i in at.info] == [texts.NO_REPORTS_YET.format(year=year)]
    assert metric(at, "Đơn vị đã báo cáo") == "0"
