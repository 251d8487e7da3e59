"""The Vega-Lite stacked bars (Khen thưởng): what they draw adds up to the database, in the order and colours the
plotly charts used, with the app's own number format."""
from core import queries
from core.url_filters import REPORTED
from dashboard import charts, vega_charts


def by_district(con, low: int, high: int):
    return queries.run(con, queries.AWARD_BY_DISTRICT, year_from=low, year_to=high, year=high, district=None,
                       unit_group=None, field=None, old_province=None, boundary=REPORTED)


def test_lying_bars_keep_the_querys_vietnamese_order_the_colour_order_and_every_commendation(demo_con):
    frame = by_district(demo_con, 2021, 2026)
    spec = vega_charts.stacked_bars(frame, x="district", y="n", color="recipient_type", colors=charts.TYPE_COLORS,
                                    horizontal=True, title="t").to_dict()
    assert spec["encoding"]["y"]["sort"] == list(dict.fromkeys(frame["district"]))
    assert spec["encoding"]["color"]["scale"] == {"domain": list(charts.TYPE_COLORS),
                                                  "range": list(charts.TYPE_COLORS.values())}
    rows = spec["datasets"][spec["data"]["name"]]
    total = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year BETWEEN 2021 AND 2026").fetchall()[0][0]
    assert sum(row["n"] for row in rows) == total
    stack = {row["recipient_type"]: row["stack"] for row in rows}  # the first colour at the base, as in the legend
    assert [stack[name] for name in charts.TYPE_COLORS if name in stack] == sorted(stack.values())
    assert spec["config"]["locale"]["number"]["thousands"] == "." and spec["config"]["locale"]["number"]["decimal"] == ","


def test_years_are_categories_in_order(demo_con):
    frame = queries.run(demo_con, queries.AWARD_BY_YEAR, year_from=2021, year_to=2024, year=2024, district=None,
                        unit_group=None, field=None, old_province=None, boundary=REPORTED)
    spec = vega_charts.stacked_bars(frame, x="year", y="n", color="award", title="t").to_dict()
    years = [y for (y,) in demo_con.execute("SELECT DISTINCT year FROM commendations WHERE year BETWEEN 2021 AND 2024"
                                           " ORDER BY year").fetchall()]
    assert spec["encoding"]["x"]["type"] == "nominal" and spec["encoding"]["x"]["sort"] == [str(y) for y in years]
