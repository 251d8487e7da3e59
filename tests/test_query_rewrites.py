"""Queries rewritten for a million models (issue 12) give the figures of their former, plainer SQL, written here:
charts by khu vực counted DISTINCT over one row per record and area, and the upload history's subqueries per upload."""
import shutil

import pandas as pd
import pytest

from core import cycle_queries, queries, report_queries
from core.db import connect
from core.queries import DISTRICT, FIELD, MET, RANGE, SCORED, UNITS, VI

BY_AREA = ("JOIN unit_area a ON a.unit_id = {alias}.unit_id AND a.boundary = $boundary"
           " JOIN units u ON u.unit_id = a.area_id")
FORMER_FIELD_BY_DISTRICT = f"""SELECT {DISTRICT} AS district, m.field, COUNT(DISTINCT m.model_id) AS models
FROM models m {BY_AREA.format(alias="m")} WHERE m.year {RANGE} AND {UNITS} AND {FIELD} GROUP BY ALL"""
FORMER_AWARD_BY_DISTRICT = f"""SELECT {DISTRICT} AS district, c.recipient_type, COUNT(DISTINCT c.commendation_id) AS n
FROM commendations c {BY_AREA.format(alias="c")} LEFT JOIN models m ON m.model_id = c.model_id
WHERE c.year {RANGE} AND {UNITS} AND {FIELD} GROUP BY ALL"""


def former_report_by(key: str, name: str) -> str:
    return f"""
WITH s AS (SELECT {key} AS {name}, COUNT(*) AS expected, COUNT(*) FILTER (submitted) AS submitted,
                  COUNT(*) FILTER ({MET}) AS met FROM {SCORED} AND year = $year AND {UNITS} GROUP BY ALL),
c AS (SELECT {key} AS {name}, COUNT(DISTINCT m.model_id) AS models FROM counted_models m {BY_AREA.format(alias="m")}
      WHERE m.year = $year AND {UNITS} AND {FIELD} GROUP BY ALL)
SELECT s.{name}, s.expected, s.submitted, s.met, COALESCE(c.models, 0) AS models FROM s LEFT JOIN c USING ({name})"""


FORMER_UPLOADS = f"""
SELECT p.upload_id, p.uploaded_at, p.uploaded_by, p.file_name,
       (SELECT STRING_AGG(DISTINCT u.name, '; ' ORDER BY u.name {VI}) FROM upload_coverage c
        JOIN units u USING (unit_id) WHERE c.upload_id = p.upload_id) AS unit_names,
       p.rows_models AS models, p.rows_commendations AS commendations, p.status AS upload_status,
       (SELECT COUNT(DISTINCT (c.unit_id, c.year)) FROM upload_coverage c WHERE c.upload_id = p.upload_id)
           AS unit_years,
       p.report_author, p.rolled_back_by, p.rolled_back_at, p.sha256, p.archive_path
FROM uploads p ORDER BY p.upload_id DESC
"""
STATES = [  # year_from, year_to, district, field, boundary
    (2024, 2024, None, None, "reported"), (2025, 2025, None, None, "today"), (2021, 2026, None, None, "today"),
    (2021, 2026, None, "Kinh tế", "reported"), (2025, 2025, "Huyện Trà Bồng", None, "today"),
    (2023, 2026, "Thành phố Quảng Ngãi", "Văn hóa - Xã hội", "today"),
]


def params(year_from, year_to, district, field, boundary) -> dict:
    return {"year_from": year_from, "year_to": year_to, "year": year_to, "district": district, "unit_group": None,
            "field": field, "old_province": None, "boundary": boundary}


def same(con, new: str, former: str, state, keys: list[str]) -> pd.DataFrame:
    got = queries.run(con, new, **params(*state)).sort_values(keys, ignore_index=True)
    want = queries.run(con, former, **params(*state)).sort_values(keys, ignore_index=True)
    pd.testing.assert_frame_equal(got, want)
    return got


@pytest.mark.parametrize("state", STATES)
def test_charts_by_district_count_what_they_counted(demo_con, state):
    models = same(demo_con, queries.FIELD_BY_DISTRICT, FORMER_FIELD_BY_DISTRICT, state, ["district", "field"])
    awards = same(demo_con, queries.AWARD_BY_DISTRICT, FORMER_AWARD_BY_DISTRICT, state,
                  ["district", "recipient_type"])
    if state == STATES[2]:  # every year in mode 'today': split communes are in there, and something is counted
        assert models["models"].sum() > 0 and awards["n"].sum() > 0


@pytest.mark.parametrize("state", STATES)
def test_the_report_tables_count_what_they_counted(demo_con, state):
    same(demo_con, report_queries.BY_DISTRICT, former_report_by(DISTRICT, "district"), state, ["district"])
    same(demo_con, report_queries.BY_GROUP, former_report_by("u.unit_group", "unit_group"), state, ["unit_group"])


def test_a_split_commune_counts_once_in_its_district(demo_con):
    """The case the DISTINCT was for: a unit whose records are shown under two areas of one khu vực."""
    split = demo_con.execute("""SELECT t.unit_id, COALESCE(u.district, 'Cấp tỉnh') AS district FROM unit_today t
        JOIN units u ON u.unit_id = t.today_id JOIN models m ON m.unit_id = t.unit_id
        GROUP BY ALL HAVING COUNT(DISTINCT t.today_id) > 1 LIMIT 1""").fetchall()
    assert split, "the demo has a split commune with models"
    unit_id, district = split[0]
    models = demo_con.execute("SELECT COUNT(*) FROM models WHERE unit_id = ?", [unit_id]).fetchone()[0]
    frame = queries.run(demo_con, queries.FIELD_BY_DISTRICT, **params(2021, 2026, district, None, "today"))
    everything = demo_con.execute("""SELECT COUNT(*) FROM models WHERE unit_id IN (SELECT a.unit_id FROM unit_area a
        JOIN units u ON u.unit_id = a.area_id WHERE a.boundary = 'today' AND COALESCE(u.district, 'Cấp tỉnh') = ?)""",
                                  [district]).fetchone()[0]
    assert frame["models"].sum() == everything >= models


def test_the_upload_history_lists_what_it_listed(demo_db, tmp_path):
    """On the demo and a rejected upload (no coverage at all)."""
    db = tmp_path / "dvk.duckdb"
    shutil.copyfile(demo_db, db)
    con = connect(db, read_only=False)
    try:
        con.execute("""INSERT INTO uploads (upload_id, file_name, sha256, uploaded_at, rows_models, rows_commendations,
                       status) SELECT MAX(upload_id) + 1, 'hong.xlsx', 'x', TIMESTAMP '2026-11-01 08:00', 0, 0,
                       'rejected' FROM uploads""")
        everyone = {"needle": None, "logins": [], "names": []}
        got, want = queries.run(con, queries.UPLOAD_LIST, **everyone), queries.run(con, FORMER_UPLOADS)
        pd.testing.assert_frame_equal(got, want)
        assert got["unit_years"].iloc[0] == 0 and pd.isna(got["unit_names"].iloc[0])
        assert (got["unit_years"] > 0).sum() == len(got) - 1
    finally:
        con.close()


def test_a_units_years_are_what_they_were(demo_con):
    """MY_YEARS reads the first upload of the unit's own years only; the figures are the former query's."""
    former = cycle_queries.MY_YEARS.replace("    JOIN mine m ON m.unit_id = c.unit_id AND m.year = c.year\n", "")
    assert former != cycle_queries.MY_YEARS
    codes = [c for (c,) in demo_con.execute("""SELECT u.code FROM upload_coverage c JOIN units u USING (unit_id)
                                               GROUP BY u.code ORDER BY COUNT(*) DESC LIMIT 5""").fetchall()]
    for code in [*codes, "T51-37"]:
        got = queries.run(demo_con, cycle_queries.MY_YEARS, code=code, due_day=15, due_month=12)
        pd.testing.assert_frame_equal(got, queries.run(demo_con, former, code=code, due_day=15, due_month=12))
        assert code == "T51-37" or got["first_upload"].notna().any()
