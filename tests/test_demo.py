"""The demo database and the unit_year view, checked against counts computed independently in Python."""
from collections import Counter

import pandas as pd

from core import config
from core.vntext import fold
from core.vocab import canonical
from etl.demo import add_correction, plan_files


def test_demo_has_every_year_and_the_reorganisation(demo_con):
    years = dict(demo_con.execute("SELECT year, COUNT(*) FROM models GROUP BY year").fetchall())
    assert sorted(years) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert min(years.values()) > 50
    groups_2025 = {r[0] for r in demo_con.execute("""SELECT DISTINCT u.unit_group FROM models m
                                                    JOIN units u USING (unit_id) WHERE m.year = 2025""").fetchall()}
    assert "Cấp huyện" not in groups_2025 and "Cấp xã" in groups_2025
    statuses = dict(demo_con.execute("SELECT status, COUNT(*) FROM uploads GROUP BY status").fetchall())
    assert statuses["superseded"] == 1


def test_unit_year_counts_models_by_the_counting_rule(demo_con):
    models = demo_con.execute("SELECT unit_id, year, form, status FROM models").df()
    counted = models[models["form"].isin(config.COUNTED_FORMS) & ~models["status"].isin(config.EXCLUDED_STATUSES)]
    expected = Counter(zip(counted["unit_id"], counted["year"]))
    view = demo_con.execute("SELECT unit_id, year, n_models, submitted, attainment FROM unit_year").df()
    submitted = view[view["submitted"]]
    assert {(u, y): n for u, y, n in zip(submitted["unit_id"], submitted["year"], submitted["n_models"]) if n} == \
        dict(expected)
    assert view[~view["submitted"]]["n_models"].isna().all()  # "Chưa nộp" is never shown as 0


def test_attainment_follows_submission_and_target(demo_con):
    view = demo_con.execute("SELECT submitted, n_models, attainment FROM unit_year").df()
    def rule(row):
        if not row.submitted:
            return "Chưa nộp"
        return "Chưa đạt" if row.n_models < 1 else "Đạt" if row.n_models <= 2 else "Vượt"
    assert [rule(r) for r in view.itertuples()] == view["attainment"].tolist()
    assert set(view["attainment"]) == {"Chưa nộp", "Chưa đạt", "Đạt", "Vượt"}
    # submitted with zero counted models is "Chưa đạt", not "Chưa nộp"
    assert ((view["attainment"] == "Chưa đạt") & (view["n_models"] == 0)).any()


def test_unit_year_expects_units_active_at_year_end(demo_con):
    expected = dict(demo_con.execute("SELECT year, COUNT(*) FROM unit_year WHERE NOT submitted GROUP BY year").fetchall())
    units = demo_con.execute("SELECT unit_id, valid_from, valid_to FROM units").df()
    submitted = set(map(tuple, demo_con.execute(
        "SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied'").fetchall()))
    for year in (2024, 2025, 2026):
        end = pd.Timestamp(year, 12, 31)
        active = units[(units["valid_from"] <= end) & (units["valid_to"].isna() | (units["valid_to"] >= end))]
        missing = [u for u in active["unit_id"] if (u, year) not in submitted]
        assert expected[year] == len(missing)


def test_demo_plan_is_deterministic(demo_con):
    units = demo_con.execute("SELECT * FROM units").df()
    assert add_correction(plan_files(units)) == add_correction(plan_files(units))
    # the demo draws model names at random, so a unit sometimes lists one model twice: loaded once (contract §1)
    models = sum(len({(m["unit"], m["year"], fold(m["name"]), canonical("field", m["field"]), m["form"])
                      for m in f["models"]}) for f in add_correction(plan_files(units)))
    loaded = demo_con.execute("SELECT SUM(rows_models) FROM uploads").fetchall()[0][0]
    assert models == loaded
