"""The commune map: today's 96 communes for every year; before 2025 through the crosswalk, a split commune shown
under each successor and marked, while province totals still count it once."""
from core import geo, queries
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
