"""What a person sees: the app served by Streamlit, opened in Debian's headless Chromium.

Screenshots land in test-output/ for a human to look at; the assertions read the text on the page.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    port = free_port()
    env = {**os.environ, "DVK_DB": str(demo_db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name, width, height", [("desktop", 1366, 900), ("phone", 390, 844)])
def test_overview_renders_with_numbers(server, browser, demo_con, name, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/?year=2024", wait_until="networkidle")  # the first load after start can be blank
    page.goto(f"{server}/?year=2024")
    page.get_by_text("Đơn vị phải báo cáo").first.wait_for(timeout=60_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024").fetchall()[0][0]
    metric = page.locator('[data-testid="stMetric"]').first.inner_text()
    assert str(expected) in metric.replace(".", "")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"overview_{name}.png"), full_page=True)
    page.close()
