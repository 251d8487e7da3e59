"""Crash safety: what a kill, a full disk or a failing statement leaves behind must never be trusted or half done."""
import duckdb
import pytest

from conftest import table_rows
from core import config
from core.db import connect, ensure_schema


class Failing:
    """A connection whose statements containing `marker` fail, as if the process died or the disk filled there."""

    def __init__(self, con, marker: str):
        self.con, self.marker, self.seen = con, marker, []

    def _run(self, method: str, sql: str, *args):
        self.seen.append(sql)
        if self.marker and self.marker in sql:
            raise duckdb.IOException(f"simulated failure at {self.marker}")
        return getattr(self.con, method)(sql, *args)

    def execute(self, sql: str, *args):
        return self._run("execute", sql, *args)

    def executemany(self, sql: str, *args):
        return self._run("executemany", sql, *args)


def counting_rule(con) -> list[tuple]:
    return table_rows(con, "SELECT dimension, value FROM counting_rule ORDER BY ALL")


def test_counting_rule_is_rewritten_in_one_transaction(db_path, monkeypatch):
    """Defect 11: emptied and refilled outside a transaction, a failure between the two left no model counted."""
    con = connect(db_path, read_only=False)
    try:
        before = counting_rule(con)
        monkeypatch.setattr(config, "TARGET_MAX", 3)
        with pytest.raises(duckdb.IOException):
            ensure_schema(Failing(con, "INSERT INTO counting_rule"))
        assert counting_rule(con) == before
        ensure_schema(con)
        assert ("target_max", "3") in counting_rule(con)
    finally:
        con.close()


def test_an_unchanged_counting_rule_is_not_rewritten(db_path):
    con = connect(db_path, read_only=False)
    try:
        spy = Failing(con, "")
        ensure_schema(spy)
        assert not [sql for sql in spy.seen if "DELETE FROM counting_rule" in sql]
    finally:
        con.close()
