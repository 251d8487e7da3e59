"""The two boundary modes: "as reported" and "today's boundaries". Totals are recomputed here in pandas from the
raw tables (models, units, unit_successors), never through the views under test: the province total agrees in
both modes, per-commune figures differ, and the split commune (Xã Trà Bùi) is shown twice but counted once."""
from collections import Counter

import pandas as pd
import pytest
from conftest import model_row

from core import config, queries
from core.db import connect
from etl.cli import main

ALL = dict(district=None, unit_group=None, field=None, old_province=None)
SPLIT = "Xã Trà Bùi"  # split between Xã Cà Đam and Xã Tây Trà Bồng on 01/07/2025


def run(con, sql, year, boundary, **filters):
    params = {**ALL, **filters, "year": year, "year_from": year, "year_to": year, "boundary": boundary,
              "cmp_from": year - 1, "cmp_to": year - 1, "cmp_cutoff": None}
    return queries.run(con, sql, **params)


def total(con, year, boundary, **filters) -> int:
    """The KPI "models counted" of a year (the query also returns the year before, for the change)."""
    frame = run(con, queries.KPI_MODELS, year, boundary, **filters).set_index("period")
    return int(frame["models"].get("now", 0))


class Raw:
    """The demo's raw rows and today's unit(s) of every unit, found by walking the successor links in Python."""

    def __init__(self, con):
        self.units = con.execute("SELECT unit_id, name, district FROM units").df().set_index("unit_id")
        links = con.execute("SELECT unit_id, successor_id FROM unit_successors").df()
        self.next = links.groupby("unit_id")["successor_id"].apply(list).to_dict()
        self.models = con.execute("SELECT model_id, unit_id, year, form, status FROM models").df()
        self.commendations = con.execute("SELECT commendation_id, unit_id, year FROM commendations").df()

    def today(self, unit_id: int) -> set[int]:
        heirs = self.next.get(unit_id)
        return {unit_id} if not heirs else set().union(*(self.today(h) for h in heirs))

    def counted(self, year: int) -> pd.DataFrame:
        m = self.models
        return m[(m["year"] == year) & m["form"].isin(config.COUNTED_FORMS)
                 & ~m["status"].isin(config.EXCLUDED_STATUSES)]

    def per_unit(self, year: int) -> Counter:
        return Counter(self.counted(year)["unit_id"])

    def per_today_unit(self, year: int) -> Counter:
        pooled = Counter()
        for unit_id, n in self.per_unit(year).items():
            for heir in self.today(unit_id):
                pooled[heir] += n
        return pooled

    def id_of(self, name: str) -> int:
        return int(self.units.index[self.units["name"] == name][0])


@pytest.fixture(scope="module")
def raw(demo_db):
    con = connect(demo_db)
    try:
        return Raw(con)
    finally:
        con.close()


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025, 2026])
def test_the_province_total_is_the_same_in_both_modes(demo_con, raw, year):
    expected = len(raw.counted(year))
    for boundary in ("reported", "today"):
        assert total(demo_con, year, boundary) == expected, boundary


def test_per_unit_figures_follow_the_mode(demo_con, raw):
    reported = run(demo_con, queries.SCORECARD, 2024, "reported").dropna(subset=["n_models"])
    today = run(demo_con, queries.SCORECARD, 2024, "today").dropna(subset=["n_models"])
    own, pooled = raw.per_unit(2024), raw.per_today_unit(2024)
    assert {r.unit_id: r.n_models for r in reported.itertuples() if r.n_models} == dict(own)
    assert {r.unit_id: r.n_models for r in today.itertuples() if r.n_models} == dict(pooled)
    # the same commune reads differently: an old commune as reported, today's commune pooling five of them
    tinh_hoa, dong_son = raw.id_of("Xã Tịnh Hòa"), raw.id_of("Xã Đông Sơn")
    assert tinh_hoa in set(reported["unit_id"]) and tinh_hoa not in set(today["unit_id"])
    assert dong_son in set(today["unit_id"]) and dong_son not in set(reported["unit_id"])
    assert today.set_index("unit_id").loc[dong_son, "members"] == 5


def test_a_split_commune_is_shown_under_both_successors_and_counted_once(demo_con, raw):
    year, split = 2024, raw.id_of(SPLIT)
    n_split = raw.per_unit(year)[split]
    assert n_split > 0  # the demo has models of Trà Bùi in 2024, so double counting would show
    today = run(demo_con, queries.SCORECARD, year, "today").set_index("unit")
    heirs = today.loc[["Xã Cà Đam", "Xã Tây Trà Bồng"]]
    assert heirs["shared"].all() and today["shared"].sum() == 2
    heir_ids = raw.today(split)
    assert set(heirs["unit_id"]) == heir_ids
    for heir in heir_ids:  # each successor shows Trà Bùi's models
        assert raw.per_today_unit(year)[heir] >= n_split
    assert today["n_models"].sum() == len(raw.counted(year)) + n_split  # rows repeat it …
    assert total(demo_con, year, "today") == len(raw.counted(year))  # … totals never do
    by_district = run(demo_con, queries.FIELD_BY_DISTRICT, year, "today")
    assert by_district["models"].sum() == (raw.models["year"] == year).sum()


def test_a_split_communes_commendations_are_listed_once(demo_con, raw):
    year = 2024
    assert (raw.commendations.query("year == @year")["unit_id"] == raw.id_of(SPLIT)).any()
    listing = run(demo_con, queries.COMMENDATION_LIST, year, "today")
    assert len(listing) == (raw.commendations["year"] == year).sum()
    assert set(listing.loc[listing["unit"] == SPLIT, "area"]) == {"Xã Cà Đam; Xã Tây Trà Bồng"}
    by_district = run(demo_con, queries.AWARD_BY_DISTRICT, year, "today")
    assert by_district["n"].sum() == len(listing)


def test_the_district_filter_keeps_the_same_area_across_years(demo_con, raw):
    district = "Huyện Bình Sơn"
    rows = {y: set(run(demo_con, queries.SCORECARD, y, "today", district=district, unit_group="Cấp xã")["unit_id"])
            for y in range(2021, 2027)}
    assert len({frozenset(s) for s in rows.values()}) == 1  # today's communes of the khu vực, every year
    pairs = []
    for year in (2021, 2022, 2023, 2024):  # reported: the old district's units; today: what lies in today's there
        reported, today = (total(demo_con, year, b, district=district) for b in ("reported", "today"))
        counted = raw.counted(year)
        own = counted["unit_id"].map(raw.units["district"]) == district
        moved = counted["unit_id"].map(lambda u: any(raw.units.loc[h, "district"] == district for h in raw.today(u)))
        assert (reported, today) == (own.sum(), moved.sum())
        pairs.append((reported, today))
    assert any(r != t for r, t in pairs)  # e.g. Xã Tịnh Hòa (Thành phố Quảng Ngãi) now lies in Xã Đông Sơn


def load(db_path, workbooks, name, rows):
    assert main(["load", "--db", str(db_path), str(workbooks.official(name, models=rows))]) == 0


def area(db_path, name, year, boundary="today"):
    con = connect(db_path)
    try:
        return con.execute("""SELECT n_models, target_min, target_max, attainment, submitted, members FROM scored
                              WHERE boundary = ? AND name = ? AND year = ?""", [boundary, name, year]).fetchall()
    finally:
        con.close()


def test_a_merged_commune_owes_one_target_in_2025_not_the_sum(db_path, workbooks):
    load(db_path, workbooks, "tinh_hoa.xlsx", [model_row(year=2025, name="A"), model_row(year=2025, name="B")])
    load(db_path, workbooks, "binh_chau.xlsx", [model_row(unit="Xã Bình Châu", year=2025, name="C")])
    assert area(db_path, "Xã Tịnh Hòa", 2025, "reported") == [(2, 1, 2, "Đạt", True, 1)]
    assert area(db_path, "Xã Bình Châu", 2025, "reported") == [(1, 1, 2, "Đạt", True, 1)]
    # Xã Đông Sơn exists on 31/12/2025: one commune, one target of 1–2, whoever reported; 3 models exceed it
    assert area(db_path, "Xã Đông Sơn", 2025) == [(3, 1, 2, "Vượt", True, 2)]


def test_before_the_merger_the_area_owes_each_former_units_target(db_path, workbooks):
    former = ["Xã Tịnh Hòa", "Xã Bình Châu", "Xã Bình Thanh", "Xã Bình Hiệp"]
    load(db_path, workbooks, "bon_xa.xlsx", [model_row(unit=u, year=2024, name=f"M {u}") for u in former])
    # four of its five former communes reported: the area is not complete, whatever the sum
    assert area(db_path, "Xã Đông Sơn", 2024) == [(4, 5, 10, "Chưa đạt", False, 5)]
    load(db_path, workbooks, "binh_tan_phu.xlsx", [model_row(unit="Xã Bình Tân Phú", year=2024, name="E")])
    assert area(db_path, "Xã Đông Sơn", 2024) == [(5, 5, 10, "Đạt", True, 5)]


def test_a_merged_department_owes_a_target_per_body_active_at_year_end(db_path, workbooks):
    # Sở Tài chính today pools itself, Sở Kế hoạch và Đầu tư (to 28/02/2025) and two Kon Tum bodies (to 30/06/2025)
    load(db_path, workbooks, "so_2024.xlsx", [model_row(unit=u, year=2024, name=f"M {u}")
                                              for u in ("Sở Tài chính", "Sở Kế hoạch và Đầu tư")])
    assert area(db_path, "Sở Tài chính", 2024) == [(2, 4, 8, "Chưa đạt", False, 4)]  # four bodies owed in 2024
    load(db_path, workbooks, "so_2025.xlsx", [model_row(unit=u, year=2025, name=f"N {u}")
                                              for u in ("Sở Tài chính", "Sở Kế hoạch và Đầu tư")])
    # 2025: only Sở Tài chính is active on 31/12; the merged body's report adds a model, not a target
    assert area(db_path, "Sở Tài chính", 2025) == [(2, 1, 2, "Đạt", True, 2)]


def test_a_body_that_existed_all_year_owes_its_report_even_when_a_merged_body_reported(db_path, workbooks):
    load(db_path, workbooks, "khdt_2025.xlsx", [model_row(unit="Sở Kế hoạch và Đầu tư", year=2025, name="K")])
    assert area(db_path, "Sở Tài chính", 2025, "reported") == [(None, 1, 2, "Chưa nộp", False, 1)]
    assert area(db_path, "Sở Tài chính", 2025) == [(1, 1, 2, "Chưa đạt", False, 2)]
    # whereas a commune that began on 01/07/2025 is not owed twice when its former communes reported
    load(db_path, workbooks, "tinh_hoa_2025.xlsx", [model_row(year=2025, name="T")])
    assert area(db_path, "Xã Đông Sơn", 2025, "reported") == []
