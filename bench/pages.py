"""The browser side of the benchmark (issue 12): each page's render in Chromium against the sign-in page's, many viewers
at once, and the server's memory. Each function returns rows (measure, value, ratio) for bench/run.py.

A render is the time from asking for a page's address to the page's last change once Streamlit's run has ended, no
spinner is left and every chart is drawn (timed by the browser itself): a visitor's wait on a fresh load. Each
load is a new Streamlit session; the browser's cache and the server's caches are warm (every page is visited once,
unmeasured, first). The app is served on a copy of the database with the browser tests' own helpers
(tests/browser_support.py), driven by Playwright's async API so that many viewers can load at once from one Chromium."""
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # one way to serve the app and launch Chromium, shared with the tests

from app_support import PASSWORD, STAFF_USER  # noqa: E402
from browser_support import CHARTS_DRAWN, CHROMIUM, CHROMIUM_ARGS, served_copy  # noqa: E402

from core import config, texts  # noqa: E402
from core.db import connect, writer  # noqa: E402
from etl.demo import create_demo  # noqa: E402

HEADING = '[data-testid="stMain"] h1'  # every page's st.title: its run has started drawing the page itself
# Every document notes when its DOM last changed (ms since its navigation began): a page is drawn by React and
# Vega after Streamlit's run has ended, in pieces, so the last change is when it was fully drawn.
LAST_CHANGE = """window.__lastChange = 0;
new MutationObserver(() => { window.__lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});"""
QUIET_MS = 1000  # no change for this long after the run: drawn (not counted: the render ends at the last change)
# The run has ended (Streamlit's own state on its root element; its status widget is no sign: it is mounted only
# after a run has lasted 500 ms), no spinner, every chart drawn, and the page has stopped changing.
RENDERED = ("() => !!document.querySelector('[data-testid=\"stApp\"][data-test-script-state=\"notRunning\"]')"
            f" && !document.querySelector('[data-testid=\"stSpinner\"]') && ({CHARTS_DRAWN})()"
            f" && performance.now() - window.__lastChange > {QUIET_MS}")
SIDEBAR_DRAWN = f"text={texts.DATA_UPDATED.split('{')[0].strip()}"  # drawn by the sidebar before every page
VIEWPORT = {"width": 1366, "height": 900}
TIMEOUT_MS = 90_000
TARGET_P95 = 3.0  # seconds (issue 12: concurrent viewers)
SIGNIN = (texts.PAGE_SIGNIN, "signin")
VIEWERS_PAGES = ("", "units")  # Tổng quan and the scorecard, as issue 12 asks
ISSUE_VIEWERS = 20


def dashboard_pages(db: Path) -> list[tuple[str, str]]:
    """(title, address) of every dashboard page; the profile of the unit with the most models, so it shows all."""
    con = connect(db, read_only=True)
    try:
        unit = con.execute("SELECT unit_id FROM models GROUP BY unit_id ORDER BY COUNT(*) DESC, unit_id LIMIT 1"
                           ).fetchall()
    finally:
        con.close()
    profile = f"profile?unit={unit[0][0]}" if unit else "profile"
    return [(texts.PAGE_OVERVIEW, ""), (texts.PAGE_UNITS, "units"), (texts.PAGE_PROFILE, profile),
            (texts.PAGE_FIELDS, "fields"), (texts.PAGE_COMMENDATIONS, "commendations"), (texts.PAGE_REPORT, "report")]


async def render(page, url: str, drawing: str = HEADING) -> float:
    """Seconds from asking for `url` to the page's last change once fully drawn. `drawing` shows that the page's
    own run has begun."""
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.locator(drawing).first.wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_function(RENDERED, timeout=TIMEOUT_MS)
    return await page.evaluate("() => window.__lastChange") / 1000


async def new_visitor(browser):
    """A browser context of its own (no shared cookies, cache or session) that notes its pages' last changes."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(LAST_CHANGE)
    return context


async def failed(page) -> bool:
    """The page shows an exception or the app's own error message."""
    if await page.locator('[data-testid="stException"]').count():
        return True
    return texts.UNEXPECTED_ERROR in await page.locator("body").inner_text()


async def render_times(context, base: str, pages: list[tuple[str, str]], runs: int) -> dict[str, list[tuple]]:
    """Each page's renders and the server's CPU seconds during each (the Python side of the run, with Streamlit's
    own work): one unmeasured visit, then `runs` rounds through all pages (side by side, so a busy moment of the
    machine hits every page, the sign-in page too)."""
    times = {title: [] for title, _ in pages}
    for round_ in range(runs + 1):
        for title, path in pages:
            page = await context.new_page()
            cpu = server_cpu_seconds()
            seconds = await render(page, f"{base}/{path}")
            cpu = server_cpu_seconds() - cpu
            if await failed(page):
                raise RuntimeError(f"{title}: the page shows an error")
            if round_:
                times[title].append((seconds, cpu))
            await page.close()
    return times


def page_rows(times: dict[str, list[tuple]]) -> list[tuple[str, str, str]]:
    floor = statistics.median(seconds for seconds, _ in times[SIGNIN[0]])
    rows = []
    for title, each in times.items():
        median = statistics.median(seconds for seconds, _ in each)
        server = f"server {statistics.median(cpu for _, cpu in each):.2f} s CPU"
        rows.append((f"render, {title}", f"{median:.2f} s",
                     server if title == SIGNIN[0] else f"{median / floor:.2f}× sign-in, {server}"))
    return rows


async def visit_staff_pages(context, base: str) -> int:
    """Signs in with the staff account and opens every page its sidebar lists; returns how many."""
    page = await context.new_page()
    await render(page, f"{base}/{SIGNIN[1]}")
    await page.get_by_label("Tên đăng nhập").fill(STAFF_USER)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.get_by_text("Bạn đã đăng nhập với tên").wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_function(RENDERED, timeout=TIMEOUT_MS)
    links = await page.locator("[data-testid=stSidebarNav] a").evaluate_all("links => links.map(a => a.href)")
    for link in links:  # the cookie keeps the sign-in over a fresh load; a page may have no title (no unit chosen)
        await render(page, link, SIDEBAR_DRAWN)
    await page.close()
    return len(links)


def server_processes() -> list[int]:
    """The Streamlit server this process started and its children (from /proc: psutil is not a dependency)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found = [pid for pid in children.get(os.getpid(), [])
             if b"streamlit" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    todo = list(found)
    while todo:
        more = children.get(todo.pop(), [])
        found += more
        todo += more
    return found


def server_rss_mb() -> float:
    kilobytes = 0
    for pid in server_processes():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                kilobytes += int(line.split()[1])
    return kilobytes / 1024


def server_cpu_seconds() -> float:
    """User and system CPU time the server has used so far (fields 14 and 15 of /proc/PID/stat, in clock ticks)."""
    ticks = 0
    for pid in server_processes():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


async def warm_viewers(browser, base: str, count: int) -> list:
    """Visitors of their own (a browser context each: no shared cookies or session) whose browsers have been to
    the app before: the overview loaded once, unmeasured, a few at a time, as for the single-page renders."""
    gate = asyncio.Semaphore(3)

    async def one():
        async with gate:
            page = await (await new_visitor(browser)).new_page()
            await render(page, f"{base}/{VIEWERS_PAGES[0]}")
            return page

    return await asyncio.gather(*(one() for _ in range(count)))


async def view(page, base: str) -> tuple[list[float], int]:
    """The viewer opens the overview, then the scorecard. Returns the renders and the number of errors (a timeout
    or an error shown)."""
    times, errors = [], 0
    for path in VIEWERS_PAGES:
        try:
            times.append(await render(page, f"{base}/{path}"))
            errors += await failed(page)
        except Exception as exc:  # a timeout counts as an error; the other viewers go on
            errors += 1
            print(f"viewer, /{path}: {str(exc).splitlines()[0]}", file=sys.stderr)
    return times, errors


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 40 renders, p95 is the 38th fastest."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


async def viewers_rows(browser, base: str, counts: list[int]) -> list[tuple[str, str, str]]:
    rows, held = [], 0
    ready = await warm_viewers(browser, base, max(counts))
    for count in counts:
        if count > ISSUE_VIEWERS and held < max(c for c in counts if c < count):
            break  # a smaller number already missed the target: no more than the issue's own number, to bound the run
        cpu, started = server_cpu_seconds(), time.perf_counter()
        results = await asyncio.gather(*(view(page, base) for page in ready[:count]))  # all at once
        busy = (server_cpu_seconds() - cpu) / (time.perf_counter() - started)
        times = [t for each, _ in results for t in each]
        errors = sum(e for _, e in results)
        p95 = percentile(times, 0.95) if times else float("inf")
        rows.append((f"{count} viewers at once, p95 render", f"{p95:.2f} s",
                     f"p50 {statistics.median(times) if times else float('inf'):.2f} s, {errors} errors, "
                     f"server {busy:.0%} of a core"))
        if p95 <= TARGET_P95 and not errors:
            held = max(held, count)
    rows.append((f"viewers held at p95 ≤ {TARGET_P95:g} s", f"{held}", f"of {', '.join(map(str, counts))} tried"))
    return rows


async def measure(db: Path, runs: int, viewers: list[int], only: int | None = None) -> list[tuple[str, str, str]]:
    pages = [SIGNIN, *dashboard_pages(db)[:only]]
    with tempfile.TemporaryDirectory() as tmp, served_copy(db, Path(tmp)) as (base, _):
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = await new_visitor(browser)
                rows = page_rows(await render_times(context, base, pages, runs))
                staff = await visit_staff_pages(context, base)
                await context.close()
                rows.append(("app memory after every page", f"{server_rss_mb():.0f} MB", f"{staff} staff pages too"))
                rows += await viewers_rows(browser, base, viewers)
                rows.append(("app memory after the viewers", f"{server_rss_mb():.0f} MB", ""))
            finally:
                await browser.close()
    return rows


async def scaled_page_rows(db: Path, scaled: Path, runs: int, only: int | None = None) -> list[tuple[str, str, str]]:
    """Each dashboard page on `scaled` against the same page on `db`, two servers side by side: one unmeasured
    round, then `runs` rounds, each page loaded on one then the other (issue 12: within 1.2× at 1 M models)."""
    pages = dashboard_pages(db)[:only]
    times = {title: ([], []) for title, _ in pages}
    with (tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b,
          served_copy(db, Path(a)) as (demo, _), served_copy(scaled, Path(b)) as (big, _)):
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = await new_visitor(browser)
                for round_ in range(runs + 1):
                    for title, path in pages:
                        for side, base in enumerate((demo, big)):
                            page = await context.new_page()
                            seconds = await render(page, f"{base}/{path}")
                            if await failed(page):
                                raise RuntimeError(f"{title} ({base}): the page shows an error")
                            if round_:
                                times[title][side].append(seconds)
                            await page.close()
            finally:
                await browser.close()
    models = _models(scaled)
    rows = []
    for title, (small, large) in times.items():
        small, large = statistics.median(small), statistics.median(large)
        rows.append((f"render at {models:,} models, {title}".replace(",", "."), f"{large:.2f} s",
                     f"{large / small:.2f}× the demo's ({small:.2f} s)"))
    return rows


def _models(db: Path) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT COUNT(*) FROM models").fetchall()[0][0]
    finally:
        con.close()


def add_arguments(parser) -> None:
    parser.add_argument("--pages", action="store_true", help="add the browser rows: page renders, viewers, memory")
    parser.add_argument("--db", type=Path, help="measure the pages on this database (default: the demo of --size)")
    parser.add_argument("--page-runs", type=int, default=5, help="measured rounds through the pages")
    parser.add_argument("--viewers", default="5,10,20,30", help="numbers of viewers at once, e.g. 5,10,20")
    parser.add_argument("--page-limit", type=int, default=0, help="only the first N dashboard pages (the smoke test)")
    parser.add_argument("--scaled-pages", type=Path, metavar="PATH",
                        help="also each page on this (scaled) database against the demo's, side by side")


def rows(args) -> list[tuple[str, str, str]]:
    """The browser rows for bench/run.py's arguments: on --db, or on the demo of --size built for them."""
    viewers = [int(n) for n in args.viewers.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_demo(args.size, Path(tmp))
        rows = [("database of the page rows", "--db" if args.db else f"{args.size} demo", str(args.db or "")),
                *asyncio.run(measure(db, args.page_runs, viewers, args.page_limit or None))]
        if args.scaled_pages:
            rows += asyncio.run(scaled_page_rows(db, args.scaled_pages, args.page_runs, args.page_limit or None))
        return rows


def build_demo(size: str, folder: Path) -> Path:
    """The demo as the app builds it (dates of past uploads included)."""
    db = folder / "dvk.duckdb"
    with writer(db) as con:
        create_demo(con, config.archive_dir(db), size=size)
    return db
