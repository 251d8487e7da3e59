"""Database access: one writer, read-only connections everywhere else (DuckDB locks the file per process)."""
import hashlib
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core import config, texts
from core.vntext import fold

SCHEMA = Path(__file__).with_name("schema.sql")
VIEWS = Path(__file__).with_name("views.sql")
APPROVED = Path(__file__).with_name("approved.sql")
APPROVED_SCHEMA = "approved"  # core/approved.sql


def sql_text(value: str) -> str:
    """A constant of the code written into SQL as a string literal (user input is always a bound parameter)."""
    return "'" + value.replace("'", "''") + "'"


# The attainment words of core/texts.py fill the schema's '{placeholders}' (quoted there, so the file is SQL as it is).
_WORDS = {"not_submitted": texts.NOT_SUBMITTED, "below_target": texts.BELOW_TARGET, "on_target": texts.ON_TARGET,
          "above_target": texts.ABOVE_TARGET}
VIEWS_SQL = VIEWS.read_text(encoding="utf-8").format(**{k: sql_text(v)[1:-1] for k, v in _WORDS.items()})
SCHEMA_SQL = SCHEMA.read_text(encoding="utf-8") + VIEWS_SQL
APPROVED_SQL = APPROVED.read_text(encoding="utf-8")
# A database written by an earlier version has earlier views: the app compares this and brings the schema up to date.
SCHEMA_VERSION = hashlib.sha256((SCHEMA_SQL + APPROVED_SQL).encode("utf-8")).hexdigest()[:12]
PUBLIC_TABLES = ["units", "unit_successors", "uploads", "upload_coverage", "models", "commendations", "meta",
                 "cycle_events", "locks", "report_periods"]


def connect(path: Path | str | None = None, read_only: bool = True, wait_seconds: float = 0.0,
            on_wait=None) -> duckdb.DuckDBPyConnection:
    """Opens the file; while another process holds its lock, retries for up to `wait_seconds`, calling `on_wait()`
    once so the user knows why nothing happens."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path or config.DB_PATH), read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc) or time.monotonic() >= deadline:
                raise
        if on_wait:
            on_wait()
            on_wait = None
        time.sleep(0.2)


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB says "Could not set lock on file …" when another process holds the database."""
    return "could not set lock" in str(exc).lower()


def is_read_only_storage(exc: BaseException) -> bool:
    return any(s in str(exc).lower() for s in ("read-only file system", "permission denied"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Creates what is missing and writes the configured counting rule; safe to run on every open. One
    transaction: a process killed halfway must not leave the rule empty (no model would count) or a table renamed."""
    with transaction(con):
        legacy = _sha256_is_unique(con)
        if legacy:  # DuckDB cannot drop a constraint: the table is rebuilt under the current definition
            con.execute("ALTER TABLE uploads RENAME TO uploads_unique_sha256")
        _drop_approved_view(con)
        con.execute(SCHEMA_SQL)
        _create_approved_views(con)
        if legacy:
            con.execute("INSERT INTO uploads SELECT * FROM uploads_unique_sha256")
            con.execute("DROP TABLE uploads_unique_sha256")
        _write_counting_rule(con)
        fill_upload_search(con)
        if scalar(con, "SELECT value FROM meta WHERE key = 'schema_version'") != SCHEMA_VERSION:
            refresh_approved(con)  # a new database, or one an earlier version wrote: worked out anew, once
        set_meta(con, "plan_first_year", str(config.PLAN_FIRST_YEAR), only_if_missing=True)
        set_meta(con, "schema_version", SCHEMA_VERSION)


def fill_upload_search(con: duckdb.DuckDBPyConnection) -> None:
    """The search keys of the uploads that have none: written by a version before them, copied by bench/scale.py
    or restored from a backup (a load writes its own)."""
    missing = con.execute("""SELECT upload_id, file_name, report_author FROM uploads
                             WHERE upload_id NOT IN (SELECT upload_id FROM upload_search)""").df()
    if missing.empty:
        return
    keys = missing.assign(file_name=missing["file_name"].map(fold), report_author=missing["report_author"].map(fold))
    con.register("upload_search_in", keys)
    try:
        con.execute("INSERT INTO upload_search BY NAME SELECT * FROM upload_search_in")
    finally:
        con.unregister("upload_search_in")


def _create_approved_views(con: duckdb.DuckDBPyConnection) -> None:
    """The dashboard's views once more inside the schema `approved`, where they read the approved rows only."""
    con.execute(APPROVED_SQL)
    con.execute(f"SET schema = '{APPROVED_SCHEMA}'")
    try:
        con.execute(VIEWS_SQL)
    finally:
        con.execute("SET schema = 'main'")


# The rule of view unit_year_state for the unit-years with a report applied: approved when the latest event left it
# approved, or when no event concerns it (loaded before the cycle). $unit_ids and $years (two lists of the same
# length) choose the unit-years to work out; NULL: every one.
_CHOSEN = ("($unit_ids IS NULL OR (unit_id, year) IN (SELECT (u, y) FROM"
           " (SELECT UNNEST($unit_ids::INTEGER[]) AS u, UNNEST($years::INTEGER[]) AS y)))")
APPROVED_RULE = f"""
WITH applied AS (
    SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied' AND {_CHOSEN}
), latest AS (
    SELECT unit_id, year, arg_max(state, event_id) AS state
    FROM cycle_events WHERE unit_id IS NOT NULL AND state IS NOT NULL AND {_CHOSEN} GROUP BY unit_id, year
)
SELECT a.unit_id, a.year FROM applied a LEFT JOIN latest l USING (unit_id, year)
WHERE COALESCE(l.state, 'approved') = 'approved'"""


def pair_params(unit_years) -> dict[str, list[int]]:
    """(unit_id, year) pairs as the lists $unit_ids and $years: a parameter costs less than registering a frame."""
    pairs = [(int(u), int(y)) for u, y in unit_years]
    return {"unit_ids": [u for u, _ in pairs], "years": [y for _, y in pairs]}


def refresh_approved(con: duckdb.DuckDBPyConnection, unit_years=None) -> None:
    """Table approved_unit_years made true again for these (unit_id, year) pairs (None: all of them). Called in
    the transaction of every write that changes coverage or writes a unit-year's event, after both."""
    chosen = {"unit_ids": None, "years": None}
    if unit_years is not None:
        chosen = pair_params(sorted({(int(u), int(y)) for u, y in unit_years}))
        if not chosen["unit_ids"]:
            return
    con.execute(f"DELETE FROM approved_unit_years WHERE {_CHOSEN}", chosen)
    con.execute(f"INSERT INTO approved_unit_years {APPROVED_RULE}", chosen)


def _drop_approved_view(con: duckdb.DuckDBPyConnection) -> None:
    """approved_unit_years was a view before it was a table: a database of that time loses the view here."""
    if con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'approved_unit_years' AND NOT internal"
                   " AND schema_name = 'main'").fetchall():
        con.execute("DROP VIEW main.approved_unit_years")


def use_approved(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection now reads the approved figures: the same queries, the names resolved in `approved` first."""
    con.execute(f"SET search_path = '{APPROVED_SCHEMA},main'")
    return con


def _write_counting_rule(con: duckdb.DuckDBPyConnection) -> None:
    """The configured rule, rewritten only when it differs (a writer opening the file changes nothing)."""
    rule = [("form", v) for v in config.COUNTED_FORMS]
    rule += [("excluded_status", v) for v in config.EXCLUDED_STATUSES]
    rule += [("target_min", str(config.TARGET_MIN)), ("target_max", str(config.TARGET_MAX))]
    if sorted(con.execute("SELECT dimension, value FROM counting_rule").fetchall()) == sorted(rule):
        return
    con.execute("DELETE FROM counting_rule")
    con.executemany("INSERT INTO counting_rule VALUES (?, ?)", rule)


def _sha256_is_unique(con: duckdb.DuckDBPyConnection) -> bool:
    """Databases written before re-loads of rolled-back files were allowed keep uploads.sha256 UNIQUE."""
    return bool(con.execute("""SELECT 1 FROM duckdb_constraints() WHERE table_name = 'uploads'
                               AND constraint_type = 'UNIQUE' AND constraint_column_names = ['sha256']""").fetchall())


def schema_is_current(path: Path | str) -> bool:
    con = connect(path, read_only=True)
    try:
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except duckdb.CatalogException:  # no meta table at all
        return False
    finally:
        con.close()
    return found == [(SCHEMA_VERSION,)]


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str, only_if_missing: bool = False) -> None:
    conflict = "NOTHING" if only_if_missing else "UPDATE SET value = excluded.value"
    con.execute(f"INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO {conflict}", [key, value])


@contextmanager
def writer(path: Path | str | None = None, wait_seconds: float = 0.0, on_wait=None):
    """The one read-write connection, with the schema in place; closed on exit."""
    path = Path(path or config.DB_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)  # a new database in a new folder is not a "file in use"
    con = connect(path, read_only=False, wait_seconds=wait_seconds, on_wait=on_wait)
    try:
        ensure_schema(con)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: a file loads completely or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what 'the database is exactly as before' is checked against."""
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in PUBLIC_TABLES}


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The first value of a query's first row, or None. Fetches everything: DuckDB refuses new work on a
    connection whose last result was not read to the end."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
