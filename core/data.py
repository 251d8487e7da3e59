"""The app's access to the database: builds the demo on first start, then cached read-only queries.

Results are cached per data version (the database file's size and modification time), so a load by the CLI or
the upload page shows at once without a restart.
"""
import time
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core import config, queries, texts
from core.db import connect, schema_is_current, writer

WRITER_RETRIES = 20  # × 0.5 s: long enough for one file to load


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
    partial.rename(path)  # only a complete database ever takes the real name


def _upgrade(path: Path) -> None:
    """Creates missing tables and replaces the views when the database was written by an earlier version. A file
    held by another process or mounted read-only is left as it is: the next writer (a load) upgrades it."""
    try:
        if not schema_is_current(path):
            with writer(path):  # the writer applies the schema
                pass
    except (duckdb.Error, OSError):  # busy or read-only
        pass


def data_version() -> tuple[int, int]:
    stat = config.DB_PATH.stat()
    return stat.st_size, stat.st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(sql: str, version: tuple, path: str, params: tuple) -> pd.DataFrame:
    con = connect(path, read_only=True)
    try:
        return queries.run(con, sql, **dict(params))
    finally:
        con.close()


def _waiting(step, busy: str, retries: int = WRITER_RETRIES):
    """Runs `step()`, retrying every 0.5 s while another process holds the file; then says `busy` on the page."""
    for attempt in range(retries):
        try:
            return step()
        except duckdb.IOException:
            if attempt == retries - 1:
                st.error(busy)
                st.stop()
            time.sleep(0.5)
    raise AssertionError("unreachable")


def query(sql: str, **params) -> pd.DataFrame:
    """A cached query; waits a little while a writer (the CLI, an upload) holds the database file."""
    return _waiting(lambda: _cached(sql, data_version(), str(config.DB_PATH), tuple(sorted(params.items()))),
                    texts.DB_BUSY)


@st.cache_resource(show_spinner=False)
def ensure_database_once(_progress=None) -> bool:
    """One demo build per server process, even when several people open the app at once."""
    ensure_database(progress=_progress)  # leading underscore: Streamlit does not hash the callback
    return True


def write(action, retries: int = WRITER_RETRIES):
    """Runs `action(con)` with the one writer connection, waiting while readers hold the file; then clears
    every cached query so the dashboard shows the change at once."""
    def step():
        with writer(config.DB_PATH) as con:
            outcome = action(con)
        st.cache_data.clear()
        return outcome

    return _waiting(step, texts.UPLOAD_BUSY, retries)


def read(action):
    """Runs `action(con)` with a short-lived read-only connection (for work that is not a cached query)."""
    con = connect(config.DB_PATH, read_only=True)
    try:
        return action(con)
    finally:
        con.close()
