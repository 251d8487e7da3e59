"""The commune map: today's 96 communes for every year; before 2025 through the crosswalk, a split commune shown
under each successor and marked, while province totals still count it once."""
import json

import pytest
from map_support import map_features

from core import geo, queries, texts
from core.config import DATA_DIR
from core.palette import ATTAINMENT_COLORS, BLUES
from dashboard import vega_charts

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


def drawn(frame, by_attainment: bool) -> dict:
    return vega_charts.commune_map(frame, geo.communes(), by_attainment, "x")


def geometries_by_code() -> dict:
    """Each commune's shape, read from the GeoJSON file itself."""
    features = json.loads((DATA_DIR / "geo" / "quang_ngai_communes_2025.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["geometry"] for f in features["features"]}


def communes_drawn(spec: dict, con) -> dict:
    """unit code → the feature that draws it: each of the 96 shapes of the file drawn exactly once, with its unit."""
    codes = dict(con.execute("SELECT unit_id, code FROM units").fetchall())
    features = map_features(spec)
    drawn = {codes[f["unit_id"]]: f for f in features}
    shapes = geometries_by_code()
    assert len(features) == len(drawn) == len(shapes) == 96
    for code, feature in drawn.items():
        assert feature["type"] == "Feature" and feature["geometry"] == shapes[code], code
    return drawn


def colour_of(spec: dict, fill: str) -> str:
    scale = spec["encoding"]["color"]["scale"]
    return scale["range"][scale["domain"].index(fill)]


def test_the_map_is_one_mark_whose_click_selects_a_unit_and_fetches_nothing(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2026, **PARAMS)
    spec = drawn(frame, by_attainment=True)
    assert spec["mark"]["type"] == "geoshape" and spec["projection"] == {"type": "mercator"}
    assert "url" not in json.dumps({k: v for k, v in spec.items() if k != "data"}) and "url" not in spec["data"]
    assert spec["params"] == [{"name": vega_charts.MAP_PICK, "select": {"type": "point", "fields": ["unit_id"]}}]
    assert sorted(f["unit_id"] for f in map_features(spec)) == sorted(frame["unit_id"])


@pytest.mark.parametrize("year", [2024, 2026])
def test_each_commune_has_its_attainment_colour_and_the_legend_the_levels_order(demo_con, year):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=year, **PARAMS)
    spec = drawn(frame, by_attainment=True)
    expected = dict(demo_con.execute("""SELECT code, COALESCE(attainment, 'Chưa nộp') FROM area_year
                                        WHERE year = ? AND unit_group = 'Cấp xã'""", [year]).fetchall())
    features = communes_drawn(spec, demo_con)
    assert {code: expected[code] for code in features} == {code: f["fill"] for code, f in features.items()}
    for code, feature in features.items():
        assert colour_of(spec, feature["fill"]) == ATTAINMENT_COLORS[expected[code]], code
    assert spec["encoding"]["color"]["scale"]["domain"] == [s for s in texts.ATTAINMENT_LEVELS
                                                            if s in set(expected.values())]
    assert spec["encoding"]["color"]["legend"]["orient"] == "top"


@pytest.mark.parametrize("year", [2024, 2026])
def test_by_models_more_models_per_unit_is_never_a_lighter_blue(demo_con, year):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=year, **PARAMS)
    spec = drawn(frame, by_attainment=False)
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"] == BLUES and scale["domain"] == ["0", "0,5", "1", "1,5", "2", "2,5", "3"]
    assert spec["encoding"]["color"]["legend"]["title"] == texts.MAP_LABELS["per_unit"]
    per_unit = dict(demo_con.execute("""SELECT a.code, COALESCE(m.n, 0) / a.members FROM area_year a
        LEFT JOIN (SELECT t.today_id AS unit_id, COUNT(*) n FROM counted_models c JOIN unit_today t USING (unit_id)
                   WHERE c.year = ? GROUP BY 1) m USING (unit_id)
        WHERE a.year = ? AND a.unit_group = 'Cấp xã'""", [year, year]).fetchall())
    shade = {code: scale["domain"].index(f["fill"]) for code, f in communes_drawn(spec, demo_con).items()}
    ranked = sorted(shade, key=per_unit.get)
    for lower, higher in zip(ranked, ranked[1:]):
        assert shade[lower] <= shade[higher], (lower, higher)
    for code in shade:  # the lightest blue is for no model: a commune with one is never drawn as one without
        assert (shade[code] == 0) == (per_unit[code] == 0), code
        assert shade[code] == min(6, -(-round(per_unit[code], 2) // 0.5)), code  # half a model a step, 3 the darkest
    assert min(shade.values()) == 0


def test_each_commune_speaks_vietnamese_with_decimal_commas(demo_con):
    frame = queries.run(demo_con, queries.MAP_COMMUNES, year=2024, **PARAMS)
    spec = drawn(frame, by_attainment=True)
    assert spec["encoding"]["tooltip"] == {"field": "tip", "type": "nominal"}
    rows = demo_con.execute("""SELECT n.unit_id, n.name, a.members, a.reported, a.shared, a.attainment
                               FROM area_year a JOIN units n USING (unit_id)
                               WHERE a.year = 2024 AND a.unit_group = 'Cấp xã'""").fetchall()
    tips = {f["unit_id"]: f["tip"] for f in map_features(spec)}
    models = {row.unit_id: (row.models, row.per_unit) for row in frame.itertuples()}
    assert len(rows) == len(tips) == 96
    for unit_id, name, members, reported, shared, attainment in rows:
        tip = tips[unit_id]
        assert tip["title"] == name and tip["Số đơn vị"] == str(members) and tip["Đã nộp"] == str(reported)
        assert tip["Mô hình được tính"] == str(models[unit_id][0])
        assert tip["Mô hình/đơn vị"] == str(models[unit_id][1]).replace(".", ",")
        assert tip.get("Kết quả") == attainment and (tip.get("Lưu ý") == texts.MAP_SHARED) == shared
    assert any("," in tip["Mô hình/đơn vị"] for tip in tips.values())
