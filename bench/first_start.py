"""First start (issue 12): seconds from `streamlit run app.py` on an empty data folder to the first figures of
Tổng quan in Chromium, and until a second visitor, arriving during the build, sees the progress bar.

Measured with the demo built in worker processes and, side by side in the same run, all in the server's process
(DVK_DEMO_WORKERS=0), so a busy moment of the machine shows in both.
"""
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the browser tests' launcher

from browser_support import chromium_browser, running_app

FIRST_FIGURE = '[data-testid="stMetricValue"]'
PROGRESS = '[data-testid="stProgress"]'
BUILD_LIMIT_MS = 900_000


def first_start(size: str, workers: int | None) -> tuple[float, float]:
    """(seconds to the first figures, seconds until a second visitor sees the progress bar, or the figures when
    the build was over before it came)."""
    env = {"DVK_DEMO_SIZE": size} | ({} if workers is None else {"DVK_DEMO_WORKERS": str(workers)})
    with tempfile.TemporaryDirectory() as tmp, chromium_browser() as browser:
        started = time.perf_counter()
        with running_app(Path(tmp), DVK_DB=f"{tmp}/data/dvk.duckdb", **env) as (url, _log):
            first, second = browser.new_page(), browser.new_page(viewport={"width": 390, "height": 844})
            first.goto(url)
            second.goto(url)
            second.locator(f"{PROGRESS}, {FIRST_FIGURE}").first.wait_for(timeout=BUILD_LIMIT_MS)
            seen = time.perf_counter() - started
            first.locator(FIRST_FIGURE).first.wait_for(timeout=BUILD_LIMIT_MS)
            return time.perf_counter() - started, seen


def rows(size: str) -> list[tuple[str, str, str]]:
    pooled, seen = first_start(size, None)
    alone, _ = first_start(size, 0)
    return [(f"first start, {size} demo: first figures", f"{pooled:.1f} s",
             f"{pooled / alone:.2f}× the build in one process ({alone:.1f} s)"),
            ("  a second visitor sees the progress bar", f"{seen:.1f} s", "")]
