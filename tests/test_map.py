"""The commune map: today's 96 communes for every year; before 2025 through the crosswalk, a split commune shown
under each successor and marked, while province totals still count it once."""
import json

import pytest

from core import geo, queries, texts
from core.config import DATA_DIR
from core.palette import ATTAINMENT_COLORS
from dashboard import charts

PARAMS = dict(district=None, unit_group=None, field=None, old_province=None)


def test_every_commune_of_today_has_a_shape_and_a_row(demo_con):
    codes = {f["properties"]["code"] for f in geo.communes()["features"]}
    for year in (2023, 2026):
        frame = queries.run(demo_con, queries.MAP_COMMUNES, year=year, **PARAMS)
        assert set(frame["code"]) == codes and len(codes) == 96


def test_after_the_reorganisation_a_commune_is_its_own_row(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2026, **PARAMS).set_index("code")
    expected = dict(demo_con.execute("""SELECT code, attainment FROM unit_year WHERE year = 2026
                                        AND unit_group = 'Cấp xã'""").fetchall())
    assert frame["attainment"].to_dict() == expected
    assert (frame["units"] == 1).all() and not frame["shared"].any()


def test_before_the_reorganisation_history_rolls_into_today_and_a_split_is_marked(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2024, **PARAMS).set_index("commune")
    assert frame.loc[["Xã Cà Đam", "Xã Tây Trà Bồng"], "shared"].all()  # Xã Trà Bùi was split between them
    assert frame["shared"].sum() == 2
    old = demo_con.execute("""SELECT COUNT(*) FROM unit_year WHERE year = 2024 AND unit_group = 'Cấp xã'""").fetchall()[0][0]
    assert frame["units"].sum() == old + 1 + 1  # Trà Bùi counted under both successors, Lý Sơn district once
    tra_bui = demo_con.execute("""SELECT COALESCE(SUM(m.n), 0) FROM units u LEFT JOIN (SELECT unit_id, COUNT(*) n
        FROM counted_models WHERE year = 2024 GROUP BY 1) m USING (unit_id) WHERE u.name = 'Xã Trà Bùi'""").fetchall()[0][0]
    ly_son = demo_con.execute("""SELECT COUNT(*) FROM counted_models m JOIN units u USING (unit_id)
        WHERE m.year = 2024 AND u.name = 'Huyện Lý Sơn'""").fetchall()[0][0]
    communes = demo_con.execute("""SELECT COUNT(*) FROM counted_models m JOIN units u USING (unit_id)
        WHERE m.year = 2024 AND u.unit_group = 'Cấp xã'""").fetchall()[0][0]
    assert frame["models"].sum() == communes + tra_bui + ly_son  # the map never feeds a province total


def test_the_figure_draws_every_commune_and_carries_unit_ids(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2026, **PARAMS)
    figure = charts.commune_map(frame, geo.communes(), by_attainment=True, title="x")
    dots = figure.data[-1]
    assert len(dots.x) == 96 and sorted(dots.customdata) == sorted(frame["unit_id"])
    assert [t.name for t in figure.data if t.showlegend] == ["Chưa nộp", "Chưa đạt", "Đạt", "Vượt"]


def outlines(trace) -> list[tuple]:
    """The runs of points between the gaps of a fill trace: one ring of a commune each."""
    runs, run = [], []
    for x, y in zip(list(trace.x) + [None], list(trace.y) + [None]):
        if x is not None:
            run.append((x, y))
        elif run:
            runs.append(tuple(run))
            run = []
    return runs


def rings_by_code() -> dict:
    """Each commune's outer rings, read from the GeoJSON file itself."""
    features = json.loads((DATA_DIR / "geo" / "quang_ngai_communes_2025.geojson").read_text(encoding="utf-8"))
    rings = {}
    for f in features["features"]:
        geometry = f["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings[f["properties"]["code"]] = [tuple(map(tuple, polygon[0])) for polygon in polygons]
    return rings


def fill_of_each_commune(figure, frame) -> dict:
    """code → the fill trace that draws all its rings (each ring drawn exactly once, nothing else drawn)."""
    drawn = {}
    for trace in figure.data[:-1]:
        for ring in outlines(trace):
            assert ring not in drawn
            drawn[ring] = trace
    rings = rings_by_code()
    assert sum(len(rings[code]) for code in frame["code"]) == len(drawn)
    owner = {}
    for code in frame["code"]:
        [trace] = {id(drawn[ring]): drawn[ring] for ring in rings[code]}.values()
        owner[code] = trace
    return owner


@pytest.mark.parametrize("year", [2024, 2026])
def test_the_map_is_a_trace_per_colour_and_each_commune_has_its_attainment_colour(demo_con, year):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=year, **PARAMS)
    figure = charts.commune_map(frame, geo.communes(), by_attainment=True, title="x")
    assert len(figure.data) <= len(texts.ATTAINMENT_LEVELS) + 1  # the fills, then the dots
    expected = demo_con.execute("""SELECT code, COALESCE(attainment, 'Chưa nộp') FROM area_year
                                   WHERE year = ? AND unit_group = 'Cấp xã'""", [year]).fetchall()
    assert len(set(dict(expected)) & set(frame["code"])) == 96
    owner = fill_of_each_commune(figure, frame)
    for code, state in expected:
        if code in owner:
            assert owner[code].name == state and owner[code].fillcolor == ATTAINMENT_COLORS[state], code
    assert [t.name for t in figure.data if t.showlegend] == [s for s in texts.ATTAINMENT_LEVELS
                                                             if s in {state for _, state in expected}]


@pytest.mark.parametrize("year", [2024, 2026])
def test_by_models_more_models_per_unit_is_never_a_lighter_blue(demo_con, year):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=year, **PARAMS)
    figure = charts.commune_map(frame, geo.communes(), by_attainment=False, title="x")
    assert len(figure.data) <= 3 / 0.5 + 1 + 1  # steps of half a model per unit up to 3, none, then the dots
    assert not any(t.showlegend for t in figure.data)
    owner = fill_of_each_commune(figure, frame)
    shade = {id(t): i for i, t in enumerate(figure.data)}  # the fills come from light to dark
    rows = sorted(frame.itertuples(), key=lambda r: r.per_unit)
    for lower, higher in zip(rows, rows[1:]):
        assert shade[id(owner[lower.code])] <= shade[id(owner[higher.code])]
    assert rows[0].models == 0
    for row in rows:  # the lightest blue is for no model: a commune with one is never drawn as one without
        assert (shade[id(owner[row.code])] == 0) == (row.models == 0), row.commune
    assert len({t.fillcolor for t in figure.data[:-1]}) == len(figure.data) - 1


def test_the_dots_carry_each_communes_unit_and_vietnamese_hover(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2024, **PARAMS)
    dots = charts.commune_map(frame, geo.communes(), by_attainment=True, title="x").data[-1]
    names = dict(demo_con.execute("SELECT unit_id, name FROM units").fetchall())
    for unit_id, text in zip(dots.customdata, dots.text):
        assert text.startswith(f"<b>{names[unit_id]}</b>") and "Mô hình/đơn vị" in text
    for by_attainment in (True, False):  # the fills stay silent: the dot nearest the finger speaks for its commune
        fills = charts.commune_map(frame, geo.communes(), by_attainment, title="x").data[:-1]
        assert all(t.hoverinfo == "skip" for t in fills)
