"""Crash safety: what a kill, a full disk or a failing statement leaves behind must never be trusted or half done."""
import builtins
import errno
import hashlib
import io
from pathlib import Path

import duckdb
import pytest

from conftest import model_row, table_rows
from core import config
from core.db import connect, ensure_schema, writer
from etl.cli import main
from etl.load import load_bytes
from etl.registry import UnitResolver


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


def official_bytes(workbooks, name="bao_cao.xlsx") -> tuple[Path, bytes]:
    path = workbooks.official(name, models=[model_row(name="A")])
    return path, path.read_bytes()


def test_a_damaged_archive_left_by_a_crash_is_rewritten(db_path, workbooks):
    """Defect 10: a 0-byte archive (disk full, kill) was kept because its path existed."""
    path, data = official_bytes(workbooks)
    archived = config.archive_dir(db_path) / f"{hashlib.sha256(data).hexdigest()}.xlsx"
    archived.parent.mkdir()
    archived.write_bytes(b"")
    assert main(["load", "--db", str(db_path), str(path)]) == 0
    assert archived.read_bytes() == data


class FullDisk:
    """A file that takes half of what is written, then fails as a full disk does."""

    def __init__(self, file):
        self.file = file

    def write(self, data) -> int:
        self.file.write(bytes(data)[:len(data) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()

    def __getattr__(self, name: str):
        return getattr(self.file, name)


def test_a_disk_filling_mid_write_leaves_no_archive_and_nothing_loaded(db_path, workbooks, monkeypatch):
    """Defect 10: written in place, the archive stayed truncated under its final name and the next load trusted it."""
    path, data = official_bytes(workbooks)
    archive = config.archive_dir(db_path)
    real_open = builtins.open

    def full_disk_open(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        return FullDisk(opened) if "w" in mode and Path(file).parent == archive else opened

    monkeypatch.setattr(builtins, "open", full_disk_open)
    monkeypatch.setattr(io, "open", full_disk_open)
    with writer(db_path) as con:
        with pytest.raises(OSError, match="No space left"):
            load_bytes(con, data, path.name, UnitResolver.from_db(con), archive_dir=archive)
        assert table_rows(con, "SELECT COUNT(*) FROM uploads") == [(0,)]
    monkeypatch.undo()
    assert [p.name for p in archive.iterdir()] == []  # neither the final name nor the temporary one
    assert main(["load", "--db", str(db_path), str(path)]) == 0
    assert (archive / f"{hashlib.sha256(data).hexdigest()}.xlsx").read_bytes() == data
