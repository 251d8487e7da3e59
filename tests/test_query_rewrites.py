"""Queries rewritten for a million models (issue 12) give the figures of their former, plainer SQL, written here:
charts by khu vực counted DISTINCT over one row per record and area, and the upload history's subqueries per upload."""
import datetime as dt
import shutil

import pandas as pd
import pytest

from core import cycle_queries, queries, report_queries
from core.db import connect, refresh_approved, use_approved, writer
from core.queries import DISTRICT, FIELD, IN_AREA, MET, RANGE, SCORED, UNITS, VI

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


FORMER_UNIT_YEARS = """
SELECT year, submitted, n_models, target_min, target_max, attainment, members FROM scored
WHERE unit_id = $unit_id AND boundary = (CASE WHEN EXISTS (SELECT 1 FROM unit_area WHERE boundary = $boundary
                                                           AND area_id = $unit_id) THEN $boundary ELSE 'reported' END)
ORDER BY year"""


@pytest.mark.parametrize("boundary", ["reported", "today"])
def test_a_profiles_years_are_what_they_were(figures_con, boundary):
    """UNIT_YEARS chooses the mode without a CASE (so mode 'reported' works out one branch of `scored`): the same
    rows for a unit merged away, a unit that took others in, one split, and one untouched by the reorganisation."""
    units = figures_con.execute("""
        SELECT (SELECT MIN(unit_id) FROM unit_successors), (SELECT MIN(successor_id) FROM unit_successors),
               (SELECT MIN(unit_id) FROM unit_successors WHERE share = 'partial'),
               (SELECT MIN(unit_id) FROM units WHERE unit_id NOT IN (SELECT unit_id FROM unit_successors)
                AND unit_id NOT IN (SELECT successor_id FROM unit_successors))""").fetchone()
    assert None not in units
    for unit_id in units:
        got = queries.run(figures_con, queries.UNIT_YEARS, unit_id=unit_id, boundary=boundary)
        pd.testing.assert_frame_equal(got, queries.run(figures_con, FORMER_UNIT_YEARS, unit_id=unit_id,
                                                       boundary=boundary))
        assert len(got) > 0


# --- Khen thưởng at a million models: a commendation's field by a semi-join, the list ordered on numbers ---
FORMER_AWARD_FILTER = f"LEFT JOIN models m ON m.model_id = c.model_id WHERE c.year {{years}} AND c.{IN_AREA} AND {FIELD}"
FORMER_AWARDS = {
    "COMMENDATION_TOTALS": f"""SELECT COUNT(*) AS total, COUNT(*) FILTER (c.award = 'Biểu dương') AS praise
        FROM commendations c {FORMER_AWARD_FILTER.format(years=RANGE)}""",
    "AWARD_BY_YEAR": f"""SELECT c.award, c.year, COUNT(*) AS n FROM commendations c
        {FORMER_AWARD_FILTER.format(years=queries.TREND)} GROUP BY ALL ORDER BY c.year""",
    "AWARD_BY_LEVEL": f"""SELECT {queries.AWARD_LEVEL} AS level, c.recipient_type, COUNT(*) AS n FROM commendations c
        {FORMER_AWARD_FILTER.format(years=RANGE)} GROUP BY ALL ORDER BY n DESC""",
    "AWARD_BY_DISTRICT": FORMER_AWARD_BY_DISTRICT,
    "KPI_AWARDS": f"""WITH {queries.PERIODS}, {queries.LATE}
        SELECT p.period, COUNT(*) FILTER (c.award <> 'Biểu dương') AS awards,
               COUNT(*) FILTER (c.award = 'Biểu dương') AS praise
        FROM periods p JOIN commendations c ON c.year BETWEEN p.y0 AND p.y1 LEFT JOIN models m ON m.model_id = c.model_id
        WHERE c.{IN_AREA} AND {FIELD} AND NOT (p.period = 'before' AND EXISTS (SELECT 1 FROM late l
              WHERE l.part = 'commendations' AND l.unit_id = c.unit_id AND l.year = c.year)) GROUP BY p.period""",
}
FORMER_COMMENDATION_LIST = f"""
WITH area AS (
    SELECT a.unit_id, STRING_AGG(u.name, '; ' ORDER BY u.name {VI}) AS area,
           STRING_AGG(DISTINCT {DISTRICT}, '; ' ORDER BY {DISTRICT} {VI}) AS district
    FROM unit_area a JOIN units u ON u.unit_id = a.area_id WHERE a.boundary = $boundary AND {UNITS} GROUP BY a.unit_id
)
SELECT c.year, r.name AS unit, area.area, area.district, c.recipient, c.recipient_type, c.award,
       {queries.AWARD_LEVEL} AS level, c.decision_no, c.decision_date, COALESCE(m.name, c.model_name) AS model, c.reason
FROM commendations c JOIN area USING (unit_id) JOIN units r ON r.unit_id = c.unit_id
LEFT JOIN models m ON m.model_id = c.model_id
WHERE c.year {RANGE} AND {FIELD} ORDER BY c.year DESC, c.decision_date DESC NULLS LAST, unit {VI}, c.commendation_id
"""
FORMER_COMMENDED = f"""
SELECT c.recipient, c.recipient_type, r.name AS unit, c.award, c.decision_no, c.decision_date
FROM commendations c JOIN units r ON r.unit_id = c.unit_id LEFT JOIN models m ON m.model_id = c.model_id
WHERE c.year = $year AND c.{IN_AREA} AND {FIELD} AND c.award <> 'Biểu dương'
ORDER BY c.recipient_type {VI}, c.award {VI}, c.recipient {VI}
"""
FORMER_APPROVED_UNIT_YEARS = """SELECT s.unit_id, s.year FROM unit_year_state s WHERE s.state = 'approved'
  AND EXISTS (SELECT 1 FROM upload_coverage c WHERE c.unit_id = s.unit_id AND c.year = s.year AND c.status = 'applied')"""


@pytest.fixture(scope="module")
def mid_cycle_db(tmp_path_factory, demo_db):
    """The demo with a third of its reports waiting and a sixth returned: the approved figures differ from the
    others, commendations of a waiting report and their models are hidden from them."""
    db = tmp_path_factory.mktemp("mid_cycle") / "dvk.duckdb"
    shutil.copyfile(demo_db, db)
    con = connect(db, read_only=False)
    try:
        con.execute("""INSERT INTO cycle_events SELECT (SELECT MAX(event_id) FROM cycle_events) + row_number() OVER
            (ORDER BY unit_id, year), TIMESTAMP '2026-11-20 08:00', 'kiemthu', 'submit', unit_id, year, NULL, NULL,
            CASE (unit_id + year) % 6 WHEN 0 THEN 'returned' WHEN 1 THEN 'submitted' WHEN 2 THEN 'submitted'
                 ELSE 'approved' END, NULL
            FROM (SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied')""")
        refresh_approved(con)  # events written here, not by etl.cycle, which keeps the table itself
    finally:
        con.close()
    return db


@pytest.fixture(params=["every report", "approved"])
def figures_con(request, mid_cycle_db):
    con = connect(mid_cycle_db, read_only=True)
    if request.param == "approved":
        use_approved(con)
    yield con
    con.close()


def with_window(state) -> dict:
    year_from, year_to = state[0], state[1]
    return {"cmp_from": year_from - 1, "cmp_to": year_to - 1, "cmp_cutoff": dt.date(year_to - 1, 12, 20)}


def same_rows(con, new: str, former: str, state, **more) -> pd.DataFrame:
    got = queries.run(con, new, **params(*state), **more)
    pd.testing.assert_frame_equal(got, queries.run(con, former, **params(*state), **more))
    return got


@pytest.mark.parametrize("state", STATES)
def test_the_commendation_figures_are_what_they_were(figures_con, state):
    for name, former in FORMER_AWARDS.items():
        got = queries.run(figures_con, getattr(queries, name), **params(*state), **with_window(state))
        want = queries.run(figures_con, former, **params(*state), **with_window(state))
        keys = [c for c in got.columns if got[c].dtype != "int64"]
        pd.testing.assert_frame_equal(got.sort_values(keys, ignore_index=True),
                                      want.sort_values(keys, ignore_index=True), obj=name)
    listed = same_rows(figures_con, queries.COMMENDATION_LIST, FORMER_COMMENDATION_LIST, state)
    for offset in range(0, len(listed), 7):  # every page: the window is chosen before the rows are named
        same_rows(figures_con, queries.COMMENDATION_PAGE, f"{FORMER_COMMENDATION_LIST} {queries.PAGE}", state,
                  limit=7, offset=offset)
    commended = [queries.run(figures_con, sql, **params(*state)) for sql in (report_queries.COMMENDED, FORMER_COMMENDED)]
    # its order leaves ties (one recipient, one award, twice) in any order, the former's too
    pd.testing.assert_frame_equal(*(f.sort_values(list(f.columns), ignore_index=True) for f in commended))
    if state == STATES[2]:
        assert len(listed) > 9 and listed["model"].notna().any()


def test_the_approved_figures_hide_what_waits(mid_cycle_db):
    con = connect(mid_cycle_db, read_only=True)
    try:
        every = len(queries.run(con, queries.COMMENDATION_LIST, **params(*STATES[2])))
        approved = len(queries.run(use_approved(con), queries.COMMENDATION_LIST, **params(*STATES[2])))
    finally:
        con.close()
    assert 0 < approved < every


def test_the_approved_unit_years_are_what_they_were(mid_cycle_db):
    con = connect(mid_cycle_db, read_only=True)
    try:
        got = con.execute("SELECT * FROM approved_unit_years ORDER BY ALL").fetchall()
        assert got == con.execute(f"{FORMER_APPROVED_UNIT_YEARS} ORDER BY ALL").fetchall()
        applied = con.execute("SELECT COUNT(DISTINCT (unit_id, year)) FROM upload_coverage WHERE status = 'applied'"
                              ).fetchone()[0]
        assert 0 < len(got) < applied
    finally:
        con.close()


def test_the_years_are_those_of_unit_year(figures_con):
    got = queries.run(figures_con, queries.YEARS)
    pd.testing.assert_frame_equal(got, queries.run(figures_con, "SELECT DISTINCT year FROM unit_year ORDER BY year"))
    assert got["year"].tolist() == list(range(got["year"].min(), got["year"].max() + 1))


@pytest.mark.parametrize("case", ["a report before the plan", "a unit begun in a year its predecessor reported",
                                  "no unit at all in the last years"])
def test_the_years_are_those_of_unit_year_at_the_edges(demo_db, tmp_path, case):
    db = tmp_path / "dvk.duckdb"
    shutil.copyfile(demo_db, db)
    con = connect(db, read_only=False)
    try:
        if case == "a report before the plan":
            con.execute("""INSERT INTO upload_coverage SELECT upload_id, unit_id, 2015, 'models', 'applied'
                           FROM upload_coverage LIMIT 1""")
        elif case == "a unit begun in a year its predecessor reported":
            con.execute("UPDATE units SET valid_from = DATE '2030-06-01' WHERE unit_id IN (SELECT successor_id FROM"
                        " unit_successors)")
            con.execute("UPDATE units SET valid_to = DATE '2030-05-31' WHERE unit_id IN (SELECT unit_id FROM"
                        " unit_successors)")
            con.execute("""INSERT INTO upload_coverage SELECT upload_id, unit_id, 2030, 'models', 'applied'
                           FROM upload_coverage WHERE unit_id IN (SELECT unit_id FROM unit_successors) LIMIT 1""")
        else:
            con.execute("UPDATE units SET valid_to = DATE '2022-12-30'")
        got = queries.run(con, queries.YEARS)
        pd.testing.assert_frame_equal(got, queries.run(con, "SELECT DISTINCT year FROM unit_year ORDER BY year"))
    finally:
        con.close()


def test_the_demo_build_keeps_the_approved_unit_years(demo_con):
    got = demo_con.execute("SELECT * FROM approved_unit_years ORDER BY ALL").fetchall()
    assert got and got == demo_con.execute(f"{FORMER_APPROVED_UNIT_YEARS} ORDER BY ALL").fetchall()


def test_a_database_of_the_view_gets_the_table_filled(mid_cycle_db, tmp_path):
    """approved_unit_years was a view: a database written then becomes current on its next writer."""
    db = tmp_path / "dvk.duckdb"
    shutil.copyfile(mid_cycle_db, db)
    con = connect(db, read_only=False)
    try:
        con.execute("DROP TABLE approved_unit_years")
        con.execute(f"CREATE VIEW approved_unit_years AS {FORMER_APPROVED_UNIT_YEARS}")
        con.execute("UPDATE meta SET value = 'earlier' WHERE key = 'schema_version'")
    finally:
        con.close()
    with writer(db) as con:
        assert con.execute("SELECT table_type FROM information_schema.tables"
                           " WHERE table_name = 'approved_unit_years'").fetchall() == [("BASE TABLE",)]
        got = con.execute("SELECT * FROM approved_unit_years ORDER BY ALL").fetchall()
        assert got and got == con.execute(f"{FORMER_APPROVED_UNIT_YEARS} ORDER BY ALL").fetchall()


def test_the_last_year_of_the_reports_is_what_it_was(mid_cycle_db, tmp_path):
    """coverage_years gives the views and YEARS the last year of the reports: in the approved figures, from the
    approved unit-years alone. The same MAX as over the coverage rows, with an approved report of 2030 and a
    waiting one of 2031."""
    db = tmp_path / "dvk.duckdb"
    shutil.copyfile(mid_cycle_db, db)
    con = connect(db, read_only=False)
    try:
        con.execute("""INSERT INTO upload_coverage SELECT upload_id, unit_id, y, 'models', 'applied'
                       FROM (SELECT * FROM upload_coverage LIMIT 1), (VALUES (2030), (2031)) t(y)""")
        con.execute("""INSERT INTO cycle_events SELECT (SELECT MAX(event_id) FROM cycle_events) + 1, TIMESTAMP
                       '2031-01-02 08:00', 'kiemthu', 'submit', unit_id, 2031, NULL, NULL, 'submitted', NULL
                       FROM upload_coverage WHERE year = 2031""")
        refresh_approved(con)
        last = "SELECT (SELECT COALESCE(MAX(year), 0) FROM {})"
        for figures, want in ((con, 2031), (use_approved(con.cursor()), 2030)):
            assert figures.execute(last.format("coverage_years")).fetchall() == [(want,)]
            assert figures.execute(last.format("upload_coverage")).fetchall() == [(want,)]
            assert queries.run(figures, queries.YEARS)["year"].max() == want
            assert figures.execute("SELECT MAX(year) FROM unit_year").fetchall() == [(want,)]
    finally:
        con.close()
