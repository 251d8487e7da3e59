"""The app served by Streamlit for the browser tests: started on a free port, its log kept and printed when it fails
to start, and a check that a page shows no error."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from core import texts

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(folder: Path, **env):
    """`streamlit run app.py` with the given DVK_* settings; yields (url, log path)."""
    port, log = free_port(), folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
             str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, log)
            yield url, log
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def chromium_browser():
    """Debian's Chromium, started with the flags this closed network needs."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the app did not answer within {timeout} s:\n{log.read_text(errors='replace')}")


def assert_no_error(page) -> None:
    """No exception box, no Vietnamese error-page message, no traceback text on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    text = page.locator("body").inner_text()
    assert texts.UNEXPECTED_ERROR not in text and "Traceback" not in text and "Error:" not in text, text[:2000]


VEGA_CHART = '[data-testid="stVegaLiteChart"]'
CHART = VEGA_CHART  # every chart of the app is Vega-Lite (dashboard/vega_charts.py)
# Every chart is drawn: Streamlit renders Vega-Lite as SVG.
CHARTS_DRAWN = f"() => [...document.querySelectorAll('{VEGA_CHART}')].every(c => c.querySelector('svg'))"
GEOSHAPE = "path[aria-roledescription='geoshape']"  # a commune of the map
BAR = "path[aria-roledescription='bar']"  # a bar (a part of a stacked one)


def settled(page, timeout: float = 60_000) -> None:
    """Streamlit's run has ended and every chart on the page is drawn. Call it after something the run shows
    has appeared. The run's state is on the app's root element: the status widget alone is mounted only after a
    run's first 500 ms, so its absence also holds while a run starts."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached",
                                                                                          timeout=timeout)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)


def shoot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    settled(page)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


@contextmanager
def app_on_copy(db_file: Path, folder: Path, browser, **env):
    """The app on a copy of `db_file` with one staff account, warmed up: the first page a fresh server serves can
    be blank. Yields (url, the copy's path)."""
    with served_copy(db_file, folder, **env) as (url, copy):
        warm = browser.new_page()
        warm.goto(url)
        warm.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=90_000)
        warm.close()
        yield url, copy


@contextmanager
def served_copy(db_file: Path, folder: Path, **env):
    """The app on a copy of `db_file` with one staff account (tests/app_support.py), not yet visited (the benchmark
    drives it with Playwright's async API). Yields (url, the copy's path)."""
    from app_support import PASSWORD, STAFF_NAME, STAFF_USER

    from core.auth import add_account

    shutil.copy(db_file, folder / "dvk.duckdb")
    add_account(folder / "accounts.json", STAFF_USER, PASSWORD, "staff", STAFF_NAME)
    with running_app(folder, DVK_DB=str(folder / "dvk.duckdb"), DVK_ACCOUNTS=str(folder / "accounts.json"),
                     **env) as (url, _):
        yield url, folder / "dvk.duckdb"
