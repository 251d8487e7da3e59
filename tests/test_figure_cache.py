"""Charts are built once per filter state (dashboard.vega_charts.once_per_input): a rerun of a page with the same
filters builds no chart, another filter state builds its own, and what is drawn still adds up to the database."""
import altair as alt
import pytest
from app_support import open_page
from streamlit.testing.v1 import AppTest
from test_app import vega_total

from core import config, queries
from core.palette import FIELD_COLORS
from core.url_filters import REPORTED
from dashboard import vega_charts

FIELDS = "pages/dashboard/fields.py"


@pytest.fixture
def built(monkeypatch) -> list:
    """Every Altair chart built from its data from now on (`alt.Chart(frame)`: the copies that each `.encode` or
    `.properties` makes take keywords only), with the chart builders' kept charts forgotten first."""
    for builder in (vega_charts.bars_with_values, vega_charts.stacked_bars, vega_charts.commune_map):
        builder.clear()
    seen, construct = [], alt.Chart.__init__

    def counting(self, *args, **kwargs):
        if args:
            seen.append(type(args[0]).__name__)
        construct(self, *args, **kwargs)

    monkeypatch.setattr(alt.Chart, "__init__", counting)
    return seen


def models_between(con, low: int, high: int) -> int:
    return con.execute("SELECT COUNT(*) FROM models WHERE year BETWEEN ? AND ?", [low, high]).fetchall()[0][0]


def test_the_same_input_gives_the_same_figure_and_new_data_a_new_one(demo_con, built):
    def by_year(low, high):  # a fresh frame each time, as a cached query hands out
        return queries.run(demo_con, queries.FIELD_BY_YEAR, year_from=low, year_to=high, year=high, district=None,
                           unit_group=None, field=None, old_province=None, boundary=REPORTED)

    drawn = dict(x="year", y="models", color="field", colors=FIELD_COLORS, title="t")
    first = vega_charts.stacked_bars(by_year(2022, 2024), **drawn)
    assert vega_charts.stacked_bars(by_year(2022, 2024), **drawn) is first and len(built) == 1
    other = vega_charts.stacked_bars(by_year(2021, 2024), **drawn)
    assert other is not first and len(built) == 2
    assert other.data["models"].sum() == models_between(demo_con, 2021, 2024)


@pytest.mark.parametrize("sql, within", [(queries.FIELD_BY_YEAR, "field"), (queries.FORM_BY_YEAR, "form")],
                         ids=["field", "form"])
def test_the_trend_rows_come_in_one_order_so_equal_input_is_an_equal_frame(demo_con, sql, within):
    """The chart cache keys on the frame: rows of one year in any order would be another input (and another
    chart) for the same figures. Sorted by year, then by what the bars stack."""
    frame = queries.run(demo_con, sql, year_from=2021, year_to=2024, year=2024, district=None, unit_group=None,
                        field=None, old_province=None, boundary=REPORTED)
    keys = list(zip(frame["year"], frame[within]))
    assert len(keys) > 4 and keys == sorted(keys)


@pytest.mark.slow
def test_a_rerun_builds_no_figure_and_another_filter_state_builds_its_own(demo_db, demo_con, monkeypatch, built):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), FIELDS, year="2022-2024")
    assert built and vega_total(at, 0, "models") == models_between(demo_con, 2022, 2024)
    built.clear()
    at.run()
    assert not at.exception and built == []
    assert vega_total(at, 0, "models") == models_between(demo_con, 2022, 2024)
    at.sidebar.select_slider(key="f_years").set_value((2021, 2024)).run()
    assert not at.exception and built
    assert vega_total(at, 0, "models") == vega_total(at, 2, "models") == models_between(demo_con, 2021, 2024)


def test_a_kept_chart_becomes_its_spec_once_with_the_rows_of_its_query(demo_con, monkeypatch):
    """vega_charts.draw: the spec Streamlit's own conversion makes of a kept chart is made on its first drawing
    only, and holds the query's rows as the Arrow dataset st.altair_chart would send."""
    import pyarrow as pa

    made, convert = [], vega_charts._convert_altair_to_vega_lite_spec
    monkeypatch.setattr(vega_charts, "_convert_altair_to_vega_lite_spec", lambda chart: made.append(chart) or
                        convert(chart))
    frame = queries.run(demo_con, queries.FIELD_BY_YEAR, year_from=2021, year_to=2024, year=2024, district=None,
                        unit_group=None, field=None, old_province=None, boundary=REPORTED)
    chart = vega_charts.stacked_bars(frame, x="year", y="models", color="field", colors=FIELD_COLORS, title="t")
    spec = vega_charts.vega_spec(chart)
    assert vega_charts.vega_spec(chart) is spec and made == [chart]
    (data,) = spec["datasets"].values()
    rows = pa.ipc.open_stream(data).read_all()
    assert sum(rows.column("models").to_pylist()) == models_between(demo_con, 2021, 2024)
    assert spec["data"] == {"name": next(iter(spec["datasets"]))} and spec["mark"]["type"] == "bar"


def test_the_scorecard_is_reshaped_once_per_query_result(demo_db, demo_con, monkeypatch):
    """Đơn vị reshapes its query's rows (db_access.query_shaped) once per filter state, for every session: a rerun
    and a second visitor reshape nothing, another year reshapes its own, and each shows the units of its year."""
    from dashboard import db_access, tables

    monkeypatch.setattr(config, "DB_PATH", demo_db)
    db_access._shaped.clear()
    shaped, scorecard = [], tables.scorecard
    monkeypatch.setattr(tables, "scorecard", lambda rows: shaped.append(len(rows)) or scorecard(rows))

    def units_of(year: int) -> int:
        return demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = ?", [year]).fetchall()[0][0]

    at = open_page(AppTest.from_file("../app.py", default_timeout=60), "pages/dashboard/units.py", year="2024")
    assert len(at.dataframe[0].value) == units_of(2024) and len(shaped) == 1
    at.run()
    other = open_page(AppTest.from_file("../app.py", default_timeout=60), "pages/dashboard/units.py", year="2024")
    assert len(other.dataframe[0].value) == units_of(2024) and len(shaped) == 1
    later = open_page(AppTest.from_file("../app.py", default_timeout=60), "pages/dashboard/units.py", year="2023")
    assert len(later.dataframe[0].value) == units_of(2023) and len(shaped) == 2
