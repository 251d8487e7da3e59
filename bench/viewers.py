"""What one server holds (issue 12): many viewers at once, each a client that speaks Streamlit's own protocol as the
browser does and costs this machine almost nothing, so the server alone is measured. The browser rows
(bench/pages.py) drive Chromium on the same 2 cores, where the browsers, not the server, are the limit; a real
viewer's browser runs on the viewer's own phone or PC.

A viewer is a new session, as a browser with a warm cache opens it (its JS bundle cached, its HTML not): `GET /`,
the frontend's first requests (`/_stcore/health`, `/_stcore/host-config`), the websocket at `/_stcore/stream`
(subprotocols "streamlit" and a placeholder token, as frontend/connection/src/WebsocketConnection.tsx sends them),
a `rerun_script` BackMsg for Tổng quan (page name "" and an empty query string, as App.tsx sends for a fresh
load), then, in the same session, one for the scorecard by its page script hash (as a click in the sidebar sends;
without widget states, so the filters take their defaults, and without the hashes of the browser's cache of large
messages: on this path no message over its 10 KB floor repeats). No pings of our own: a browser sends none.
Each crowd is measured first on the sign-in page (the floor: Streamlit's own cost of a session, its sidebar and a
form, no data; a fresh load, then the same page from the sidebar), then on the app, side by side, so the server's
CPU a viewer on the app can be held against what no page can go below.
A page's time runs from its first request to the ForwardMsg `script_finished` of its run (for Tổng quan, from
`GET /`). An exception element, the app's own error message, a run that does not finish successfully, a missing
title or KPI card, a websocket not open within the browser's own 15 s, or a page not done within 90 s is an error.
The server runs as `streamlit run` starts it from the checkout (.streamlit/config.toml, and STREAMLIT_* variables
passed on): its file watcher, for one, costs CPU on every run (the rows name its setting). Each function returns
rows (measure, value, ratio) for bench/run.py.
"""
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench import pages
from core import config, texts

OVERVIEW, UNITS = pages.VIEWERS_PAGES  # Tổng quan and the scorecard, as the browser rows
FLOOR = pages.SIGNIN[1]  # the sign-in page: Streamlit, the sidebar and a form, the floor of the browser rows too
APP_ROUTE = (OVERVIEW, UNITS)
FLOOR_ROUTE = (FLOOR, FLOOR)  # a fresh load, then the same page from the sidebar: two runs, as a viewer of the app
PAGE_TITLES = {OVERVIEW: texts.PAGE_OVERVIEW, UNITS: texts.PAGE_UNITS, FLOOR: texts.PAGE_SIGNIN}
TITLES = {OVERVIEW: texts.OVERVIEW_HEADER.format(province=config.PROVINCE_NAME), UNITS: texts.UNITS_TITLE,
          FLOOR: texts.SIGNIN_TITLE}
CARDS = (texts.KPI_EXPECTED, texts.KPI_SUBMITTED, texts.KPI_MODELS, texts.KPI_MET, texts.KPI_COMMENDATIONS)
TIMEOUT_S = pages.TIMEOUT_MS / 1000
OPEN_TIMEOUT_S = 15  # the browser's own wait for the websocket (WEBSOCKET_TIMEOUT_MS); then it starts over
TARGET_P95 = pages.TARGET_P95
FLOOR_NAME = "sign-in viewers (floor)"  # the same crowd just before the app's, on the sign-in page twice
ALONE_RUNS = 3  # a single viewer, one after another: what a page's run costs without company
# What a browser in Vietnam puts in every rerun_script (App.tsx, contextInfo).
CONTEXT = {"timezone": "Asia/Ho_Chi_Minh", "timezone_offset": -420, "locale": "vi-VN", "color_scheme": "light"}


class RunFailed(Exception):
    """A page's run that a viewer would not see as the page: an error shown, a bad ending, a missing part."""


@dataclass
class Drawn:
    """What a run sent that shows it is the real page: its headings, its KPI cards (label → value), its errors,
    and the app's pages (url path → script hash) from the navigation message."""
    headings: list[str] = field(default_factory=list)
    cards: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)

    def add(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "heading":
            self.headings.append(element.heading.body)
        elif kind == "metric":
            self.cards[element.metric.label] = element.metric.body
        elif kind == "exception":
            self.errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "alert" and texts.UNEXPECTED_ERROR in element.alert.body:
            self.errors.append("the app's error message")


@dataclass
class Run:
    page: str
    seconds: float
    drawn: Drawn


def rerun(base: str, page_name: str = "", page_script_hash: str = "") -> bytes:
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_name = page_name
    back.rerun_script.page_script_hash = page_script_hash
    back.rerun_script.context_info.url = f"{base}/{page_name}"
    for name, value in CONTEXT.items():
        setattr(back.rerun_script.context_info, name, value)
    return back.SerializeToString()


async def read_run(ws) -> Drawn:
    """The ForwardMsgs of one run, up to its successful end. A run ended early for a rerun (the app's own st.rerun
    or st.switch_page) is followed by the next, which the browser waits for too."""
    drawn = Drawn()
    async for data in ws:
        msg = ForwardMsg.FromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            drawn.add(msg.delta.new_element)
        elif kind == "navigation":
            drawn.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            return drawn
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            raise RunFailed(f"run ended with status {msg.script_finished}")
    raise RunFailed("the server closed the websocket")


def check(page: str, drawn: Drawn) -> None:
    """The run drew the page itself: its title, no error, and on Tổng quan every KPI card with a figure."""
    if drawn.errors:
        raise RunFailed("; ".join(drawn.errors))
    if TITLES[page] not in drawn.headings:
        raise RunFailed(f"/{page}: no title {TITLES[page]!r} among {drawn.headings}")
    if page == OVERVIEW and not all(any(c.isdigit() for c in drawn.cards.get(label, "")) for label in CARDS):
        raise RunFailed(f"/{page}: KPI cards missing: {drawn.cards}")


async def timed_run(ws, page: str, request: bytes, started: float) -> Run:
    await ws.send(request)
    drawn = await read_run(ws)
    seconds = time.perf_counter() - started
    check(page, drawn)
    return Run(page, seconds, drawn)


async def http_get(base: str, path: str) -> None:
    """One plain HTTP/1.1 request on an asyncio connection (no thread pool to queue behind at 80 viewers)."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
                 "Connection: close\r\n\r\n".encode())
    answer = await reader.read()  # to the end: the server closes the connection
    writer.close()
    await writer.wait_closed()
    status = answer.split(b" ", 2)[1] if answer.count(b" ") >= 2 else b"?"
    if status != b"200":
        raise RunFailed(f"GET {path}: status {status.decode(errors='replace')}")


async def open_page(base: str, page: str = OVERVIEW) -> None:
    """The page's HTML (a warm browser cache holds the JS bundle, not the HTML), then the frontend's first pings."""
    await http_get(base, f"/{page}")
    await asyncio.gather(http_get(base, "/_stcore/health"), http_get(base, "/_stcore/host-config"))


async def viewer(base: str, route: tuple[str, str] = APP_ROUTE) -> tuple[list[Run], list[str]]:
    """One viewer: Tổng quan on a fresh load, then the scorecard in the same session (or the route's two pages: on
    FLOOR_ROUTE, the sign-in page twice). Returns the page runs that passed and the errors (one per page that
    failed; a viewer whose first page failed has no link to the second)."""
    runs, errors = [], []
    first, second = route
    try:
        async with asyncio.timeout(TIMEOUT_S):
            started = time.perf_counter()
            await open_page(base, first)
            async with connect(f"ws{base[4:]}/_stcore/stream", subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
                               origin=base, max_size=None, proxy=None, open_timeout=OPEN_TIMEOUT_S,
                               ping_interval=None) as ws:  # a browser sends no pings of its own: the server does
                runs.append(await timed_run(ws, first, rerun(base, page_name=first), started))
                hash_ = runs[0].drawn.pages[second]
                runs.append(await timed_run(ws, second, rerun(base, page_script_hash=hash_), time.perf_counter()))
    except Exception as exc:  # a timeout or a failed run counts as an error; the other viewers go on
        failed = route[len(runs):]
        errors += [f"/{page}: {type(exc).__name__} {exc}"[:300] for page in failed]
    return runs, errors


async def crowd(bases: list[str], count: int, route: tuple[str, str] = APP_ROUTE) -> dict:
    """`count` viewers at once, shared in turn among the servers (a viewer stays with one, as behind a proxy with
    sticky sessions): their runs, errors, the servers' CPU seconds and share of a core, and these clients' own
    share (this process: the proof that they leave the cores to the servers)."""
    server, clients, started = pages.server_cpu_seconds(), time.process_time(), time.perf_counter()
    results = await asyncio.gather(*(viewer(bases[i % len(bases)], route) for i in range(count)))
    wall, server = time.perf_counter() - started, pages.server_cpu_seconds() - server
    return {"runs": [run for runs, _ in results for run in runs],
            "errors": [error for _, errors in results for error in errors],
            "server_cpu": server, "server": server / wall, "clients": (time.process_time() - clients) / wall}


def crowd_row(count: int, measured: dict, where: str, name: str = "protocol viewers at once") -> tuple[str, str, str]:
    """p95 and p50 of every page's run, p95 of each page, errors, the server's share of a core and its CPU seconds a
    viewer (what the machine's other load does not change), and these clients' own share."""
    seconds = [run.seconds for run in measured["runs"]]
    p95 = pages.percentile(seconds, 0.95) if seconds else float("inf")
    each = {title: [run.seconds for run in measured["runs"] if run.page == page] for page, title in PAGE_TITLES.items()}
    by_page = ", ".join(f"{title} {pages.percentile(runs, 0.95):.2f}" for title, runs in each.items() if runs)
    p50 = statistics.median(seconds) if seconds else float("inf")
    return (f"{count} {name}{where}, p95 run", f"{p95:.2f} s",
            f"p50 {p50:.2f} s; p95 {by_page} s; {len(measured['errors'])} errors; server {measured['server']:.0%} of"
            f" a core, {measured['server_cpu'] / count:.2f} s CPU a viewer; clients {measured['clients']:.0%}")


async def alone(base: str) -> tuple[list[Run], list[Run]]:
    """A single viewer: the first after the server's start (its caches cold), then ALONE_RUNS more in a row, the
    caches warm as for the browser rows and the crowds."""
    runs = []
    for _ in range(ALONE_RUNS + 1):
        each, errors = await viewer(base)
        if errors:
            raise RunFailed(f"a single viewer failed: {errors}")
        runs.append(each)
    return runs[0], [run for each in runs[1:] for run in each]


def alone_rows(cold: list[Run], warm: list[Run], page_rows: list) -> list[tuple[str, str, str]]:
    """The single viewer's runs, cold and warm, its Tổng quan's cards as received (so a reader, or the smoke test,
    can hold them against the database), and what a browser adds on top of the run: its own drawing."""
    run = {page: statistics.median(r.seconds for r in warm if r.page == page) for page in (OVERVIEW, UNITS)}
    cards = warm[0].drawn.cards
    rows = [(f"1 protocol viewer, caches cold, {texts.PAGE_OVERVIEW}", f"{cold[0].seconds:.2f} s",
             f"{texts.PAGE_UNITS} {cold[1].seconds:.2f} s; the first viewer after the server started"),
            (f"1 protocol viewer alone, run of {texts.PAGE_OVERVIEW}", f"{run[OVERVIEW]:.2f} s",
             f"{texts.PAGE_UNITS} {run[UNITS]:.2f} s (from the sidebar, same session); caches warm"),
            (f"{texts.PAGE_OVERVIEW}'s cards as received", f"{len(cards)} cards",
             " · ".join(f"{label} {cards[label]}" for label in CARDS if label in cards))]
    render = next((float(value.split()[0]) for name, value, _ in page_rows
                   if name == f"render, {texts.PAGE_OVERVIEW}"), None)
    drawing = (f"{render - run[OVERVIEW]:.2f} s", "the page rows' render − this run: on the viewer's own device"
               ) if render is not None else ("–", "not measured here (--pages): it runs on the viewer's own device")
    return rows + [(f"browser's own drawing of {texts.PAGE_OVERVIEW}", *drawing)]


async def measure(db: Path, counts: list[int], page_rows: list, servers: int) -> list[tuple[str, str, str]]:
    rows, tried, held, load = [], [], 0, os.getloadavg()[0]
    where = f", {servers} servers" if servers > 1 else ""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        bases = [stack.enter_context(pages.served_copy(db, Path(tempfile.mkdtemp(dir=tmp))))[0] for _ in range(servers)]
        rows += alone_rows(*await alone(bases[0]), page_rows)
        for base in bases[1:]:  # the others' caches warm too
            await viewer(base)
        for base in bases:
            await viewer(base, FLOOR_ROUTE)
        for count in counts:
            if count > pages.ISSUE_VIEWERS and tried and held < tried[-1]:
                break  # past the issue's own number, stop growing once a smaller number missed the target
            rows.append(crowd_row(count, await crowd(bases, count, FLOOR_ROUTE), where, FLOOR_NAME))
            measured = await crowd(bases, count)
            rows.append(crowd_row(count, measured, where))
            tried.append(count)
            for error in sorted(set(measured["errors"]))[:3]:  # the server's log has the rest
                print(f"{count} viewers: {error}", file=sys.stderr)
            seconds = [run.seconds for run in measured["runs"]]
            if not measured["errors"] and seconds and pages.percentile(seconds, 0.95) <= TARGET_P95:
                held = max(held, count)
        rows.append(("app memory after the protocol viewers", f"{pages.server_rss_mb():.0f} MB", where.strip(", ")))
    rows.append(("machine's load average (1 min) at the start", f"{load:.1f}",  # other work on the same cores
                 f"at the end {os.getloadavg()[0]:.1f}, on {os.cpu_count()} cores"))
    rows.append((f"protocol viewers held at p95 ≤ {TARGET_P95:g} s{where}", f"{held}",
                 f"the most at once with no error, of {', '.join(map(str, tried))} tried; each browser draws on"
                 " its own device"))
    return rows


def file_watcher() -> str:
    """server.fileWatcherType as the served app gets it: its environment, else the checkout's config, else auto."""
    if from_env := os.environ.get("STREAMLIT_SERVER_FILE_WATCHER_TYPE"):
        return from_env
    config_file = pages.ROOT / ".streamlit" / "config.toml"
    settings = tomllib.loads(config_file.read_text()) if config_file.exists() else {}
    return settings.get("server", {}).get("fileWatcherType", "auto")


def add_arguments(parser) -> None:
    parser.add_argument("--protocol-viewers", default="", metavar="N,N,…",
                        help="numbers of viewers at once through Streamlit's protocol, e.g. 5,10,20,40,80 (on --db or "
                             "the demo of --size); past 20, stops growing once p95 passed 3 s")
    parser.add_argument("--protocol-servers", type=int, default=1, metavar="K",
                        help="serve the app K times (a process each, on a copy of the database each) and share the "
                             "protocol viewers among them, as replicas on this one machine")


def rows(args, page_rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The protocol rows for bench/run.py's arguments: on --db, or on the demo of --size built for them."""
    counts = [int(n) for n in args.protocol_viewers.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or pages.build_demo(args.size, Path(tmp))
        return [("database of the protocol rows", "--db" if args.db else f"{args.size} demo",
                 f"{args.db or ''}; server.fileWatcherType {file_watcher()}".lstrip("; ")),
                *asyncio.run(measure(db, counts, page_rows, args.protocol_servers))]
