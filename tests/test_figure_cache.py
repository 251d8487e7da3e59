"""Figures are built once per filter state (dashboard.charts.once_per_input): a rerun of a page with the same filters
builds no plotly figure, another filter state builds its own, and what is drawn still adds up to the database."""
import plotly.basedatatypes
import pytest
from app_support import open_page
from streamlit.testing.v1 import AppTest
from test_app import chart_total

from core import config, queries
from core.url_filters import REPORTED
from dashboard import charts

FIELDS = "pages/dashboard/fields.py"


@pytest.fixture
def built(monkeypatch) -> list:
    """Every plotly figure constructed from now on (plotly express builds through the same constructor), with the
    chart builders' kept figures forgotten first."""
    for builder in (charts.models_per_year, charts.stacked, charts.commune_map):
        builder.clear()
    seen, construct = [], plotly.basedatatypes.BaseFigure.__init__

    def counting(self, *args, **kwargs):
        seen.append(type(self).__name__)
        construct(self, *args, **kwargs)

    monkeypatch.setattr(plotly.basedatatypes.BaseFigure, "__init__", counting)
    return seen


def models_between(con, low: int, high: int) -> int:
    return con.execute("SELECT COUNT(*) FROM models WHERE year BETWEEN ? AND ?", [low, high]).fetchall()[0][0]


def test_the_same_input_gives_the_same_figure_and_new_data_a_new_one(demo_con, built):
    def by_year(low, high):  # a fresh frame each time, as a cached query hands out
        return queries.run(demo_con, queries.FIELD_BY_YEAR, year_from=low, year_to=high, year=high, district=None,
                           unit_group=None, field=None, old_province=None, boundary=REPORTED)

    drawn = dict(x="year", y="models", color="field", colors=charts.FIELD_COLORS, title="t")
    first = charts.stacked(by_year(2022, 2024), **drawn)
    assert charts.stacked(by_year(2022, 2024), **drawn) is first and len(built) == 1
    other = charts.stacked(by_year(2021, 2024), **drawn)
    assert other is not first and len(built) == 2
    assert sum(sum(trace.y) for trace in other.data) == models_between(demo_con, 2021, 2024)


@pytest.mark.slow
def test_a_rerun_builds_no_figure_and_another_filter_state_builds_its_own(demo_db, demo_con, monkeypatch, built):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), FIELDS, year="2022-2024")
    assert built and chart_total(at, 0) == models_between(demo_con, 2022, 2024)
    built.clear()
    at.run()
    assert not at.exception and built == []
    assert chart_total(at, 0) == models_between(demo_con, 2022, 2024)
    at.sidebar.select_slider(key="f_years").set_value((2021, 2024)).run()
    assert not at.exception and built
    assert chart_total(at, 0) == chart_total(at, 2, axis="x") == models_between(demo_con, 2021, 2024)
