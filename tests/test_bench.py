"""The benchmark still runs (bench/run.py; its numbers are read by people, not asserted)."""
import subprocess
import sys

import pytest

from core.config import ROOT


@pytest.mark.slow
def test_the_benchmark_prints_its_table():
    run = subprocess.run([sys.executable, "bench/run.py", "--size", "small", "--repeat", "1", "--files", "8"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("measure") and any(line.startswith("ETL of the folder") and "× the floor" in line
                                                  for line in lines), run.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_rows_run_on_one_page_and_two_viewers(demo_db):
    run = subprocess.run([sys.executable, "bench/run.py", "--size", "small", "--repeat", "1", "--files", "2",
                          "--db", str(demo_db), "--page-runs", "1", "--page-limit", "1", "--viewers", "2"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = {line[:36].strip(): line[36:] for line in run.stdout.splitlines()[1:]}
    assert "× sign-in, server" in rows["render, Tổng quan"] and "render, Đơn vị" not in rows, run.stdout
    assert ", 0 errors," in rows["2 viewers at once, p95 render"], run.stdout
    assert float(rows["app memory after every page"].split()[0]) > 50, run.stdout  # Python, pandas and duckdb
