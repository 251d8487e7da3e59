"""The demo database and the unit_year view, checked against counts computed independently in Python.

The tests load the small demo (conftest.demo_db); the full demo's plan is checked here without loading it: the
loading code is the same."""
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from core import config
from core.vntext import fold
from core.vocab import canonical
from etl.demo import SMALL_DISTRICTS, _prepared, _workers, add_correction, plan_files


def test_demo_has_every_year_and_the_reorganisation(demo_con):
    years = dict(demo_con.execute("SELECT year, COUNT(*) FROM models GROUP BY year").fetchall())
    assert sorted(years) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert min(years.values()) >= 10
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
    expected = dict(demo_con.execute(
        "SELECT year, COUNT(*) FROM unit_year WHERE NOT submitted GROUP BY year").fetchall())
    units = demo_con.execute("SELECT unit_id, valid_from, valid_to FROM units").df()
    submitted = set(map(tuple, demo_con.execute(
        "SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied'").fetchall()))
    for year in (2024, 2025, 2026):
        end = pd.Timestamp(year, 12, 31)
        active = units[(units["valid_from"] <= end) & (units["valid_to"].isna() | (units["valid_to"] >= end))]
        missing = [u for u in active["unit_id"] if (u, year) not in submitted]
        assert expected[year] == len(missing)


PLAN_DIGEST = """
import sys
sys.path[:0] = ["tests", "."]
import duckdb
from core.db import ensure_schema
from etl.bootstrap import init_db
from test_demo import plan_digest
con = duckdb.connect()
ensure_schema(con)
init_db(con)
print(plan_digest(con.execute("SELECT * FROM units").df(), sys.argv[1]))
"""


def plan_digest(units, size: str) -> str:
    plan = add_correction(plan_files(units, size=size))
    return hashlib.sha256(json.dumps(plan, default=str, ensure_ascii=False).encode()).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("size", ["small", "full"])
def test_demo_plan_is_the_same_in_another_process(demo_con, size):
    """Seeded: another interpreter, with other hash seeds, plans byte for byte the same files."""
    units = demo_con.execute("SELECT * FROM units").df()
    there = subprocess.run([sys.executable, "-c", PLAN_DIGEST, size], capture_output=True, text=True, check=True,
                           cwd=config.ROOT, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert there.stdout.strip() == plan_digest(units, size)


def test_the_full_demo_has_every_unit_and_the_small_one_a_part(demo_con):
    units = demo_con.execute("SELECT * FROM units").df()
    full, small = add_correction(plan_files(units)), add_correction(plan_files(units, size="small"))
    old_communes = units[(units["unit_group"] == "Cấp xã") & units["valid_to"].notna()]
    districts = set(old_communes["district"])

    def compiling(plan):  # the districts whose compilation of their communes' reports is in the plan
        return {f["info"]["unit"] for f in plan if "_tonghop_" in f["name"]}

    assert compiling(full) == districts and compiling(small) == districts & set(SMALL_DISTRICTS)
    assert len(full) > 3 * len(small) and len(small) > 50
    assert sum(f["name"].endswith("_bo_sung.xlsx") for f in full) == sum(f["name"].endswith("_bo_sung.xlsx")
                                                                           for f in small) == 1


def test_the_loaded_demo_holds_every_planned_model_once(demo_con):
    units = demo_con.execute("SELECT * FROM units").df()
    # the demo draws model names at random, so a unit sometimes lists one model twice: loaded once (contract §1)
    models = sum(len({(m["unit"], m["year"], fold(m["name"]), canonical("field", m["field"]), m["form"])
                      for m in f["models"]}) for f in add_correction(plan_files(units, size="small")))
    loaded = demo_con.execute("SELECT SUM(rows_models) FROM uploads").fetchall()[0][0]
    assert models == loaded


def test_worker_processes_give_the_files_that_one_process_gives(con, resolver):
    """The app's first start writes and parses the demo's workbooks in `python -m etl.demo` processes: the same
    files, in the plan's order, as written and parsed in the test's own process."""
    plan = add_correction(plan_files(con.execute("SELECT * FROM units").df(), size="small"))[-7:]
    with _workers(2) as processes, _prepared(plan, resolver, processes) as files:
        by_workers = [parsed for _data, parsed in files]
    with _prepared(plan, resolver, []) as files:
        here = [parsed for _data, parsed in files]
    assert [p.file_name for p in by_workers] == [item["name"] for item in plan]
    for theirs, ours in zip(by_workers, here):
        assert not theirs.errors and theirs.coverage == ours.coverage
        pd.testing.assert_frame_equal(theirs.models, ours.models)
        pd.testing.assert_frame_equal(theirs.commendations, ours.commendations)


def test_a_worker_that_fails_stops_the_build_with_an_error(con, resolver):
    plan = add_correction(plan_files(con.execute("SELECT * FROM units").df(), size="small"))[:2]
    broken = [plan[0], {**plan[1], "info": {**plan[1]["info"], "no such label": 1}}]  # write_submission refuses it
    with pytest.raises(RuntimeError, match="demo worker stopped"), _workers(1) as processes, \
            _prepared(broken, resolver, processes) as files:
        list(files)
