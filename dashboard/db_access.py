"""The app's access to the database: builds the demo on first start, then cached read-only queries.

Results are cached per data version (the database file's size and modification time), so a load by the CLI or
the upload page shows at once without a restart. Inside the server process every connection goes through one
readers–writer lock: DuckDB refuses a read-only and a read-write connection to the same file in one process, so
a session that commits must not meet another session's query. Another process (the CLI) is waited for by retrying.
"""
import datetime as dt
import threading
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core import config, queries, report_pack, texts
from core.db import connect, is_lock_conflict, schema_is_current, use_approved, writer
from core.report_pack import Report
from core.url_filters import APPROVED_ONLY, Filters

OTHER_PROCESS_WAIT_SECONDS = 10  # while the command line holds the file: long enough for one file to load
LOCK_WAIT_SECONDS = 120  # a reader waits this long for a session's commit, a writer for readers to finish


class BusyError(Exception):
    """The database stayed in use by this process longer than LOCK_WAIT_SECONDS."""


class ReadWriteLock:
    """Many readers at once, or one writer; a waiting writer goes before new readers so a commit is not starved."""

    def __init__(self):
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self, timeout: float = LOCK_WAIT_SECONDS):
        with self._changed:
            if not self._changed.wait_for(lambda: not self._writing and not self._writers_waiting, timeout):
                raise BusyError
            self._readers += 1
        try:
            yield
        finally:
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextmanager
    def writing(self, timeout: float = LOCK_WAIT_SECONDS):
        with self._changed:
            self._writers_waiting += 1
            try:
                if not self._changed.wait_for(lambda: not self._writing and not self._readers, timeout):
                    raise BusyError
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


ACCESS = ReadWriteLock()  # one per server process: modules are imported once, page scripts rerun


def ensure_database(path: Path | None = None, progress=None) -> None:
    """The first run of the app builds the demo database, so the dashboard opens populated; a database written by
    an earlier version gets the current views (one writer, a moment)."""
    path = path or config.DB_PATH
    if path.exists():
        _upgrade(path)
        return
    from etl.demo import create_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    with writer(partial) as con:
        create_demo(con, config.archive_dir(path), progress=progress)
    with ACCESS.writing():
        partial.rename(path)  # only a complete database ever takes the real name


def _upgrade(path: Path) -> None:
    """Creates missing tables and replaces the views when the database was written by an earlier version. A file
    held by another process or mounted read-only is left as it is: the next writer (a load) upgrades it."""
    try:
        with ACCESS.reading():
            current = schema_is_current(path)
        if not current:
            with ACCESS.writing(), writer(path):  # the writer applies the schema
                pass
    except (duckdb.Error, OSError, BusyError):  # busy or read-only
        pass


def data_version() -> tuple[int, int]:
    stat = config.DB_PATH.stat()
    return stat.st_size, stat.st_mtime_ns


# The frame itself is kept and shared by every session (st.cache_resource): st.cache_data would unpickle a copy on
# every call, the largest part of a cached query's cost on a page run. query() hands out a shallow copy: pandas'
# copy-on-write keeps the kept frame as it is whatever a page does to its own.
@st.cache_resource(show_spinner=False, max_entries=256)
def _cached(sql: str, version: tuple, path: str, params: tuple, approved: bool) -> pd.DataFrame:
    return _reading(path, lambda con: queries.run(con, sql, **dict(params)), approved)


def _reading(path: Path | str, action, approved: bool = False):
    """`approved`: the connection reads the approved figures only (schema `approved`, DATA_CONTRACT §6)."""
    with ACCESS.reading():
        con = connect(path, read_only=True, wait_seconds=OTHER_PROCESS_WAIT_SECONDS)
        try:
            return action(use_approved(con) if approved else con)
        finally:
            con.close()


def approved_only(figures: str | None) -> bool:
    """The sidebar's "Chỉ số liệu đã duyệt", while approval is on (off, every report is approved at once)."""
    return figures == APPROVED_ONLY and config.APPROVAL


def _waiting(step, busy: str):
    """Runs `step()`, whose connection waits a bounded time for the file; if it stays busy, says `busy` on the page."""
    try:
        return step()
    except (BusyError, duckdb.IOException) as exc:
        if isinstance(exc, duckdb.IOException) and not is_lock_conflict(exc):
            raise
    st.error(busy)
    st.stop()


def query(sql: str, figures: str | None = None, **params) -> pd.DataFrame:
    """A cached query; waits a little while a writer (the CLI, an upload) holds the database file. `figures`
    (Filters.params() carries the sidebar's choice): APPROVED_ONLY reads the approved figures; else every report."""
    return _waiting(lambda: _cached(sql, data_version(), str(config.DB_PATH), tuple(sorted(params.items())),
                                    approved_only(figures)), texts.DB_BUSY).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def _shaped(_shape, name: str, sql: str, version: tuple, path: str, params: tuple, approved: bool):
    """`_shape` is known by its `name` in the cache's key (Streamlit hashes no function)."""
    return _shape(_cached(sql, version, path, params, approved))


def query_shaped(shape, sql: str, figures: str | None = None, **params):
    """`shape(query(sql, …))`, made once per query result and shared by every session: for a page whose reshaping
    of its rows costs more than the query (the scorecard's pivot, 15 % of a viewer's CPU). What `shape` returns is
    shared, so its callers only read it (pandas operations that make new frames)."""
    name, key = f"{shape.__module__}.{shape.__qualname__}", tuple(sorted(params.items()))
    return _waiting(lambda: _shaped(shape, name, sql, data_version(), str(config.DB_PATH), key,
                                    approved_only(figures)), texts.DB_BUSY)


def query_now(sql: str, figures: str | None = None, frames: dict[str, pd.DataFrame] | None = None,
              **params) -> pd.DataFrame:
    """A query run now and not cached, with nothing drawn on the page: the whole of a long list, read in the
    download button's own thread when the download is asked for. `frames`: as for query_with."""
    return _reading(config.DB_PATH, _with_frames(sql, frames or {}, params), approved_only(figures))


def query_with(sql: str, frames: dict[str, pd.DataFrame], **params) -> pd.DataFrame:
    """A query over the database and frames of the page's own, registered under their names on its connection
    (closed after it): run now, not cached, as hashing the frames for a cache costs about what the query does."""
    return _waiting(lambda: _reading(config.DB_PATH, _with_frames(sql, frames, params)), texts.DB_BUSY)


def _with_frames(sql: str, frames: dict[str, pd.DataFrame], params: dict):
    def action(con):
        for name, frame in frames.items():
            con.register(name, frame)
        return queries.run(con, sql, **params)
    return action


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_report(version: tuple, path: str, filters: Filters, year: int, today: dt.date, approved: bool) -> Report:
    return _reading(path, lambda con: report_pack.build(con, filters, year, today), approved)


def yearly_report(filters: Filters, year: int) -> Report:
    """The report pack's document model for the filters and year, cached like a query (its ~10 queries run once
    per data version); the .docx, PDF and workbook are drawn from it only when a download is asked for."""
    return _waiting(lambda: _cached_report(data_version(), str(config.DB_PATH), filters, year, dt.date.today(),
                                           approved_only(filters.figures)), texts.DB_BUSY)


class _Build:
    """The demo build (or the upgrade of an older database), once per server process, in a thread of its own: a
    visitor who closes the tab does not stop it, and everyone who opens the app meanwhile follows its progress.
    Not an st.cache_resource: a progress bar updated inside a cached function breaks every later run
    (CacheReplayClosureError)."""
    lock = threading.Lock()
    thread: threading.Thread | None = None
    share = 0.0
    failure: BaseException | None = None
    ready: set[str] = set()  # databases this process has built or brought up to date


def ensure_database_once(progress=None) -> None:
    """Returns once the database is ready; `progress(share)` is called every half second meanwhile."""
    path = config.DB_PATH
    if str(path) in _Build.ready and path.exists():
        return
    with _Build.lock:
        if _Build.thread is None or not _Build.thread.is_alive():
            _Build.thread = threading.Thread(target=_build, args=(path,), name="dvk-build", daemon=True)
            _Build.thread.start()
        thread = _Build.thread
    while thread.is_alive():
        thread.join(0.5)
        if progress:
            progress(_Build.share)
    if _Build.failure is not None:
        raise RuntimeError("database build failed") from _Build.failure


def _build(path: Path) -> None:
    _Build.share, _Build.failure = 0.0, None
    try:
        ensure_database(path, progress=lambda share: setattr(_Build, "share", share))
        _Build.ready.add(str(path))
    except BaseException as exc:  # kept for the visitors waiting on it; the next visitor tries again
        _Build.failure = exc


def write(action):
    """Runs `action(con)` with the one writer connection, waiting while readers hold the file; then clears
    every cached query so the dashboard shows the change at once."""
    def step():
        with ACCESS.writing(), writer(config.DB_PATH, wait_seconds=OTHER_PROCESS_WAIT_SECONDS) as con:
            outcome = action(con)
        st.cache_data.clear()
        _cached.clear()
        _shaped.clear()
        return outcome

    return _waiting(step, texts.UPLOAD_BUSY)


def read(action):
    """Runs `action(con)` with a short-lived read-only connection (for work that is not a cached query), waiting
    like a query while a writer holds the file."""
    return _waiting(lambda: _reading(config.DB_PATH, action), texts.DB_BUSY)
