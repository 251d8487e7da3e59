"""The Vega-Lite bars (every page's): what they draw adds up to the database, in the fixed order and colours, with
Vietnamese labels and the app's own number format; the drill-down's bars select the khu vực clicked."""
import pandas as pd

from core import queries, texts
from core.palette import ATTAINMENT_COLORS, TYPE_COLORS
from core.url_filters import REPORTED
from dashboard import vega_charts


def by_district(con, low: int, high: int):
    return queries.run(con, queries.AWARD_BY_DISTRICT, year_from=low, year_to=high, year=high, district=None,
                       unit_group=None, field=None, old_province=None, boundary=REPORTED)


def test_lying_bars_keep_the_querys_vietnamese_order_the_colour_order_and_every_commendation(demo_con):
    frame = by_district(demo_con, 2021, 2026)
    spec = vega_charts.stacked_bars(frame, x="district", y="n", color="recipient_type", colors=TYPE_COLORS,
                                    horizontal=True, title="t").to_dict()
    assert spec["encoding"]["y"]["sort"] == list(dict.fromkeys(frame["district"]))
    assert spec["encoding"]["color"]["scale"] == {"domain": list(TYPE_COLORS),
                                                  "range": list(TYPE_COLORS.values())}
    rows = spec["datasets"][spec["data"]["name"]]
    total = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year BETWEEN 2021 AND 2026").fetchall()[0][0]
    assert sum(row["n"] for row in rows) == total
    stack = {row["recipient_type"]: row["stack"] for row in rows}  # the first colour at the base, as in the legend
    assert [stack[name] for name in TYPE_COLORS if name in stack] == sorted(stack.values())
    assert spec["config"]["locale"]["number"]["thousands"] == "." and spec["config"]["locale"]["number"]["decimal"] == ","


def test_years_are_categories_in_order(demo_con):
    frame = queries.run(demo_con, queries.AWARD_BY_YEAR, year_from=2021, year_to=2024, year=2024, district=None,
                        unit_group=None, field=None, old_province=None, boundary=REPORTED)
    spec = vega_charts.stacked_bars(frame, x="year", y="n", color="award", title="t").to_dict()
    years = [y for (y,) in demo_con.execute("SELECT DISTINCT year FROM commendations WHERE year BETWEEN 2021 AND 2024"
                                           " ORDER BY year").fetchall()]
    assert spec["encoding"]["x"]["type"] == "nominal" and spec["encoding"]["x"]["sort"] == [str(y) for y in years]


def filtered(con, query: str, low: int, high: int):
    return queries.run(con, query, year_from=low, year_to=high, year=high, district=None, unit_group=None, field=None,
                       old_province=None, boundary=REPORTED)


def test_models_per_year_writes_each_years_count_on_its_bar(demo_con):
    frame = filtered(demo_con, queries.MODELS_PER_YEAR, 2021, 2026)
    spec = vega_charts.bars_with_values(frame, x="year", y="models", title="t", colour="#0077BB").to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    counted = dict(demo_con.execute("SELECT year, COUNT(*) FROM counted_models WHERE year BETWEEN 2021 AND 2026"
                                    " GROUP BY year").fetchall())
    assert {int(row["year"]): row["models"] for row in rows} == counted
    bars, values = spec["layer"]
    assert bars["mark"] == {"type": "bar", "color": "#0077BB"} and values["mark"]["type"] == "text"
    assert values["encoding"]["text"] == {"field": "models", "format": ",d", "type": "quantitative"}
    assert bars["encoding"]["x"]["sort"] == [str(year) for year in sorted(counted)]  # years as categories, in order
    assert bars["encoding"]["y"]["title"] == texts.COLUMN_LABELS["models"]
    assert spec["config"]["locale"]["number"]["thousands"] == "."


def test_the_drill_down_bars_select_the_khu_vuc_clicked_and_say_the_year_under_the_title(demo_con):
    frame = filtered(demo_con, queries.ATTAINMENT_BY_DISTRICT, 2024, 2024)
    spec = vega_charts.stacked_bars(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS,
                                    horizontal=True, title=texts.CHART_ATTAINMENT, subtitle="Năm 2024",
                                    pick="district_pick").to_dict()
    assert spec["params"] == [{"name": "district_pick", "select": {"type": "point", "fields": ["district"]}}]
    assert spec["title"] == {"text": texts.CHART_ATTAINMENT, "subtitle": "Năm 2024", "anchor": "start"}
    assert spec["encoding"]["color"]["scale"]["domain"] == texts.ATTAINMENT_LEVELS
    rows = spec["datasets"][spec["data"]["name"]]
    units = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024").fetchall()[0][0]
    assert sum(row["units"] for row in rows) == units
    plain = vega_charts.stacked_bars(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS,
                                     horizontal=True, title="t").to_dict()
    assert "params" not in plain and plain["title"] == {"text": "t", "anchor": "start"}


def test_a_screen_reader_hears_each_bar_in_vietnamese():
    """Vega-Lite's own description of a mark lists its fields by their column names ("district: …; stack: 1")."""
    frame = pd.DataFrame({"year": [2024, 2024], "field": ["Kinh tế", "Văn hóa - Xã hội"], "models": [1234, 5]})
    spec = vega_charts.stacked_bars(frame, x="year", y="models", color="field", title="t").to_dict()
    assert spec["encoding"]["description"]["field"] == "said"
    said = [row["said"] for row in spec["datasets"][spec["data"]["name"]]]
    label = texts.COLUMN_LABELS["models"]
    assert said == [f"2024 · Kinh tế: {label} 1.234", f"2024 · Văn hóa - Xã hội: {label} 5"]
    years = vega_charts.bars_with_values(frame.head(1), x="year", y="models", title="t", colour="#000").to_dict()
    assert [row["said"] for row in years["datasets"][years["data"]["name"]]] == [f"2024: {label} 1.234"]
    for empty in (frame.head(0), frame.head(0).astype({"models": "float64"})):  # a filter with no row
        vega_charts.bars_with_values(empty, x="year", y="models", title="t", colour="#000").to_dict()
        vega_charts.stacked_bars(empty, x="year", y="models", color="field", title="t").to_dict()
