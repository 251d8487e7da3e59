"""The benchmark still runs (bench/run.py; its numbers are read by people, not asserted)."""
import datetime as dt
import subprocess
import sys

import pytest

from core import config, formats, texts
from core.config import ROOT


@pytest.mark.slow
def test_the_benchmark_prints_its_table():
    run = subprocess.run([sys.executable, "bench/run.py", "--size", "small", "--repeat", "1", "--files", "8"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("measure"), run.stdout
    for row in ("ETL of the folder", "  the parse alone", "  DuckDB alone", "ETL, 100 files a transaction"):
        assert any(line.startswith(row) and "× the floor" in line for line in lines), (row, run.stdout)


def test_the_scaled_database_holds_the_models_asked_and_its_views_read(demo_db, tmp_path):
    """bench/scale.py multiplies the demo: exactly the models asked, commendations in the demo's proportion, every
    model on a unit-year whose report stands, and the dashboard's views still answer on it."""
    from bench.scale import make_scaled
    from core.db import connect

    demo = connect(demo_db, read_only=True)
    demo_models, demo_awards = demo.execute("SELECT (SELECT COUNT(*) FROM models),"
                                            " (SELECT COUNT(*) FROM commendations)").fetchone()
    demo_years = demo.execute("SELECT year, COUNT(*) FROM models GROUP BY year").fetchall()
    demo.close()
    asked = 3_000
    counts = make_scaled(demo_db, tmp_path / "scaled.duckdb", asked)
    con = connect(tmp_path / "scaled.duckdb", read_only=True)
    try:
        assert con.execute("SELECT COUNT(*) FROM models").fetchone()[0] == asked == counts["models"]
        assert con.execute("SELECT COUNT(*) FROM commendations").fetchone()[0] == round(asked * demo_awards
                                                                                        / demo_models)
        assert con.execute("SELECT COUNT(DISTINCT model_id) FROM models").fetchone()[0] == asked
        orphans = con.execute("""SELECT COUNT(*) FROM models m WHERE NOT EXISTS (SELECT 1 FROM upload_coverage c
            WHERE c.unit_id = m.unit_id AND c.year = m.year AND c.part = 'models' AND c.status = 'applied'
            AND c.upload_id = m.upload_id)""").fetchone()[0]
        assert orphans == 0
        assert con.execute("SELECT COUNT(*) FROM commendations c WHERE model_id IS NOT NULL AND NOT EXISTS"
                           " (SELECT 1 FROM models m WHERE m.model_id = c.model_id AND m.unit_id = c.unit_id"
                           " AND m.year = c.year)").fetchone()[0] == 0
        # the copies keep each year's share of the demo (the last copy is cut short, so within one copy's worth)
        copies = asked / demo_models
        for year, n in demo_years:
            got = con.execute("SELECT COUNT(*) FROM models WHERE year = ?", [year]).fetchone()[0]
            assert abs(got - n * copies) <= n, (year, got, n * copies)
        # spread over more units than the demo's reporting ones, and read through the views as reported
        assert con.execute("SELECT SUM(n_models) FROM unit_year").fetchone()[0] == con.execute(
            "SELECT COUNT(*) FROM counted_models").fetchone()[0]
        # the copies' events were written by SQL here: the approved unit-years are worked out anew
        assert con.execute("SELECT * FROM approved_unit_years ORDER BY ALL").fetchall() == con.execute(
            "SELECT unit_id, year FROM unit_year_state WHERE state = 'approved' AND (unit_id, year) IN"
            " (SELECT (unit_id, year) FROM upload_coverage WHERE status = 'applied') ORDER BY ALL").fetchall()
    finally:
        con.close()


@pytest.mark.slow  # about 80 queries twice at each scale: seconds
def test_the_query_rows_time_every_query_at_both_scales(demo_db, tmp_path, capsys):
    """The --queries rows of bench/run.py on a tiny case: the demo against itself multiplied to a few thousand."""
    from bench import run

    assert run.main(["--repeat", "0", "--queries", "--demo", str(demo_db), "--models", "2000",
                     "--query-runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("measure")
    assert any(line.startswith("scaled database: 2.000 models") for line in lines), lines
    timed = [line for line in lines if line.startswith("query ")]
    assert {"query download COMMENDATION_LIST", "query KPIS, approved", "query UPLOAD_PAGE",
            "query download UPLOAD_LIST"} <= {line[:44].strip() for line in timed}
    assert "query COMMENDATION_LIST" not in {line[:44].strip() for line in timed}  # not a page's query
    assert all(" ms" in line and "demo " in line for line in timed), timed


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_rows_run_on_one_page_and_two_viewers(demo_db):
    run = subprocess.run([sys.executable, "bench/run.py", "--size", "small", "--repeat", "1", "--files", "2",
                          "--db", str(demo_db), "--page-runs", "1", "--page-limit", "1", "--viewers", "2",
                          "--scaled-pages", str(demo_db)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = {line[:36].strip(): line[36:] for line in run.stdout.splitlines()[1:]}
    assert "× sign-in, server" in rows["render, Tổng quan"] and "render, Đơn vị" not in rows, run.stdout
    assert ", 0 errors," in rows["2 viewers at once, p95 render"], run.stdout
    assert float(rows["app memory after every page"].split()[0]) > 50, run.stdout  # Python, pandas and duckdb
    scaled = [line for line in run.stdout.splitlines() if line.startswith("render at ")]
    assert len(scaled) == 1 and "Tổng quan" in scaled[0] and "× the demo's" in scaled[0], run.stdout


def table_rows(stdout: str) -> dict[str, tuple[str, str]]:
    """bench/run.py's table: measure → (value, ratio); the measure fills 48 characters, the value 14."""
    return {line[:48].strip(): (line[48:63].strip(), line[64:].strip()) for line in stdout.splitlines()[1:]}


@pytest.mark.slow
def test_the_protocol_viewers_get_the_overview_the_database_holds(demo_db, demo_con):
    """bench/viewers.py on the small demo, two viewers at once through Streamlit's own protocol: no errors, and the
    KPI cards of Tổng quan as the clients received them hold the database's figures for the year it opens on."""
    run = subprocess.run([sys.executable, "bench/run.py", "--repeat", "0", "--db", str(demo_db),
                          "--protocol-viewers", "2"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = table_rows(run.stdout)
    assert "; 0 errors;" in rows["2 protocol viewers at once, p95 run"][1], run.stdout
    floor = rows["2 sign-in viewers (floor), p95 run"][1]  # the same crowd on the sign-in page, just before
    assert "; 0 errors;" in floor and "p95 Đăng nhập " in floor and "Tổng quan" not in floor, run.stdout
    assert all(" s CPU a viewer" in rows[row][1] for row in ("2 sign-in viewers (floor), p95 run",
                                                              "2 protocol viewers at once, p95 run")), run.stdout
    assert rows["protocol viewers held at p95 ≤ 3 s"][0] in ("0", "2"), run.stdout  # the time is the machine's
    assert "render, Tổng quan" not in rows, run.stdout  # --db beside --protocol-viewers: no browser rows
    year = max(y for (y,) in demo_con.execute("SELECT DISTINCT year FROM unit_year").fetchall()
               if dt.date(y, *reversed(config.REPORT_DEADLINE)) <= dt.date.today())  # the latest year due
    expected, submitted = demo_con.execute("SELECT COUNT(*), COUNT(*) FILTER (submitted) FROM unit_year WHERE year = ?",
                                           [year]).fetchone()
    models = demo_con.execute("""SELECT COUNT(*) FROM models WHERE year = ? AND form IN ('Xây dựng mới', 'Nhân rộng')
                                 AND status <> 'Chưa đạt'""", [year]).fetchone()[0]
    awards = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year = ? AND award <> 'Biểu dương'",
                              [year]).fetchone()[0]
    value, cards = rows["Tổng quan's cards as received"]
    assert value == "5 cards" and expected > submitted > 0 and models > 0 and awards > 0
    received = cards.split(" · ")
    for label, figure in ((texts.KPI_EXPECTED, expected), (texts.KPI_SUBMITTED, submitted),
                          (texts.KPI_MODELS, models), (texts.KPI_COMMENDATIONS, awards)):
        assert f"{label} {formats.number(figure)}" in received, (label, figure, cards)


def test_a_protocol_viewer_fails_without_the_page_title_its_cards_or_on_an_error():
    """A client that receives an error page, another page or an empty run does not count as a viewer served."""
    from bench.viewers import CARDS, FLOOR, OVERVIEW, TITLES, UNITS, Drawn, RunFailed, check

    whole = Drawn(headings=[TITLES[OVERVIEW]], cards=dict.fromkeys(CARDS, "12"))
    check(OVERVIEW, whole)
    check(UNITS, Drawn(headings=[TITLES[UNITS]]))
    check(FLOOR, Drawn(headings=[texts.SIGNIN_TITLE]))  # the floor's page: its title, no cards
    for page, drawn in ((OVERVIEW, Drawn()), (OVERVIEW, Drawn(headings=[TITLES[UNITS]], cards=whole.cards)),
                        (OVERVIEW, Drawn(headings=whole.headings, cards={**whole.cards, texts.KPI_MODELS: ""})),
                        (OVERVIEW, Drawn(headings=whole.headings, cards=whole.cards, errors=["exception KeyError"])),
                        (UNITS, Drawn(headings=[TITLES[OVERVIEW]])), (FLOOR, Drawn(headings=[TITLES[OVERVIEW]])),
                        (FLOOR, Drawn(headings=[texts.SIGNIN_TITLE], errors=["the app's error message"]))):
        with pytest.raises(RunFailed):
            check(page, drawn)
