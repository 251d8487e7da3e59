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
