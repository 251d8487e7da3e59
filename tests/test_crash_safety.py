"""Crash safety: what a kill, a full disk or a failing statement leaves behind must never be trusted or half done.

The slow part SIGKILLs `python -m etl load FOLDER` and rollbacks at random points (seeded) and checks, after each
kill, that the database opens and holds whole files only, and that a re-run ends exactly where an uninterrupted run
does.
"""
import builtins
import errno
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import WorkbookFactory, model_row, table_rows

from core import config
from core.db import connect, ensure_schema, snapshot, writer
from etl import load
from etl.cli import main
from etl.load import load_bytes, read_archive
from etl.pipeline import parse_file
from etl.registry import UnitResolver
from etl.rollback import rollback


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


def test_temporaries_left_by_a_killed_load_are_swept_by_the_next_process(db_path, workbooks, monkeypatch):
    """A kill between writing an archive's temporary and renaming it leaves ".name.pid.tmp" behind; the next process
    that archives into the folder removes it (once a process: listing the folder for every file grew with it)."""
    path, data = official_bytes(workbooks)
    archive = config.archive_dir(db_path)
    archive.mkdir(parents=True)
    (archive / f".{'0' * 64}.xlsx.999999.tmp").write_bytes(b"half a workbook")
    monkeypatch.setattr(load, "_swept", set())  # as in a process that has not written there yet
    assert main(["load", "--db", str(db_path), str(path)]) == 0
    assert [p.name for p in archive.iterdir()] == [f"{hashlib.sha256(data).hexdigest()}.xlsx"]


# --- SIGKILL at random points: `python -m etl load FOLDER` and rollbacks ------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# Trials in which a process really died mid-way, each at a random moment; a deeper run sets more, e.g.
# DVK_TEST_LOAD_KILLS=100 DVK_TEST_ROLLBACK_KILLS=40 python -m pytest tests/test_crash_safety.py
LOAD_KILLS = int(os.environ.get("DVK_TEST_LOAD_KILLS", "16"))
ROLLBACK_KILLS = int(os.environ.get("DVK_TEST_ROLLBACK_KILLS", "8"))
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}  # lines as they are printed
ROW_COLUMNS = {"models": "name, field, form, status, source_row",  # what identifies a loaded row
               "commendations": "recipient, award, decision_no, source_row"}
ROLLBACK_DRIVER = """
import sys
from core.db import writer
from etl.registry import UnitResolver
from etl.rollback import rollback

with writer(sys.argv[1]) as con:
    resolver = UnitResolver.from_db(con)
    print("ready", flush=True)
    rollback(con, int(sys.argv[2]), resolver, "kill-test")
"""


def kill_folder(folder: Path) -> None:
    """Eight reports, in load order: unit-years replaced by later files, a commendation whose model is replaced,
    a commendations-only file, a duplicated row, a report with an empty commendations part, a rejected file."""
    wb = WorkbookFactory(folder)
    x = model_row(year=2023, name="Mô hình X", field="Kinh tế")
    award = {"unit": "Xã Tịnh Hòa", "recipient": "Chi hội A", "recipient_type": "Tập thể", "award": "Biểu dương"}
    wb.official("01_tinh_hoa_2023.xlsx", models=[x, model_row(year=2023, name="B")],
                commendations=[{**award, "year": 2023, "model": "Mô hình X"}])
    wb.official("02_tinh_hoa_2024.xlsx", models=[model_row(name="C")],
                commendations=[{**award, "year": 2024, "model": "Mô hình X"}])
    wb.official("03_tong_hop_2024.xlsx", models=[model_row(unit="Xã Tịnh Kỳ", name="K1"),
                                                 model_row(unit="Xã Tịnh Kỳ", name="K2"),
                                                 model_row(unit="Xã Bình Châu", name="BC")])
    wb.official("04_tinh_hoa_2023_bo_sung.xlsx", models=[{**x, "name": "mô hình x"}, model_row(year=2023, name="D")])
    wb.official("05_so_y_te.xlsx", models=[model_row(unit="Sở Y tế", name="Y"), model_row(unit="Sở Y tế", name="Y")])
    wb.sheets("06_khen_thuong.xlsx", {"Khen thưởng": [
        ["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng", "Mô hình liên quan"],
        ["Xã Tịnh Kỳ", 2024, "Tổ tự quản", "Tập thể", "Biểu dương", "K1"],
        ["Sở Tư pháp", 2024, "Phòng Phổ biến pháp luật", "Tập thể", "Giấy khen sở, ngành", None]]})
    wb.official("07_tinh_ky_2024_sua.xlsx", models=[model_row(unit="Xã Tịnh Kỳ", name="K3")])
    wb.official("08_loi.xlsx", models=[model_row(unit="Xã Không Có", name="E")])


def comparable(db: Path) -> dict:
    """core.db.snapshot without the times of loading, rolling back and the cycle's events. Ids must be equal: they are MAX + 1 inside
    each file's transaction, so a file that did not commit before the kill gets the same ids on the re-run."""
    con = connect(db, read_only=True)
    try:
        state = snapshot(con)
        columns = {table: [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
                   for table in ("uploads", "cycle_events")}
    finally:
        con.close()
    for table, names in (("uploads", ("uploaded_at", "rolled_back_at")), ("cycle_events", ("happened_at",))):
        times = [columns[table].index(name) for name in names]
        state[table] = [tuple(None if i in times else v for i, v in enumerate(row)) for row in state[table]]
    return state


@pytest.fixture(scope="module")
def kill_setup(registry_db_file, tmp_path_factory):
    """The folder, what each file must load (parsed here), and the reference: one uninterrupted load."""
    base = tmp_path_factory.mktemp("kill")
    (base / "files").mkdir()
    kill_folder(base / "files")
    con = connect(registry_db_file)
    try:
        resolver = UnitResolver.from_db(con)
    finally:
        con.close()
    expected = {}
    for path in sorted((base / "files").iterdir()):
        parsed = parse_file(path.read_bytes(), path.name, resolver)
        expected[parsed.sha256] = parsed
    reference = base / "reference" / "dvk.duckdb"
    reference.parent.mkdir()
    shutil.copy(registry_db_file, reference)
    return {"files": base / "files", "expected": expected, "reference": reference,
            "window": timed_load(reference, base / "files")}


def timed_load(db: Path, folder: Path) -> tuple[float, float]:
    """Loads the folder uninterrupted; returns when loading began (roughly: interpreter start and imports take
    most of a run) and ended, in seconds from the start, so that kills land mostly while files are loaded."""
    started = time.monotonic()
    with subprocess.Popen(load_command(db, folder), cwd=ROOT, stdout=subprocess.PIPE, env=ENV) as proc:
        lines = [time.monotonic() - started for _ in proc.stdout]  # a line per file and per problem, then the total
    assert proc.returncode == 1  # 08_loi.xlsx is rejected
    per_file = (lines[-1] - lines[0]) / (len(lines) - 1)
    return max(lines[0] - per_file, 0.0), lines[-1] + per_file


def load_command(db: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "etl", "load", "--db", str(db), str(folder)]


def kill_after(command: list[str], seconds: float, wait_for: str | None = None) -> float | None:
    """Runs the command and SIGKILLs it `seconds` after it starts (or after it prints `wait_for`). Returns None
    when it was killed, or the seconds it took when it ended first: the caller then aims earlier, since the
    machine (shared, and running other tests beside this one) has become faster than when the window was timed."""
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV) as proc:
        started = time.monotonic()
        try:
            if wait_for:
                next((line for line in proc.stdout if line.decode().strip() == wait_for), None)
                started = time.monotonic()
            proc.wait(timeout=seconds)
            return time.monotonic() - started
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return None


def assert_consistent(db: Path, expected: dict) -> int:
    """What any kill must leave: the database opens; each unit-year part has at most one applied upload and every
    applied upload has exactly its file's rows there (no row of any other upload, none missing); statuses agree
    with coverage; every upload's archive is intact and no final-named archive is damaged. Returns the uploads."""
    con = connect(db, read_only=True)
    try:
        uploads = con.execute("SELECT upload_id, sha256, status, archive_path, rows_models FROM uploads").fetchall()
        coverage = con.execute("""SELECT upload_id, unit_id, year, part FROM upload_coverage
                                  WHERE status = 'applied'""").fetchall()
        found = {part: Counter(con.execute(f"SELECT upload_id, unit_id, year, {columns} FROM {part}").fetchall())
                 for part, columns in ROW_COLUMNS.items()}  # constant names
        rule = {r[0] for r in con.execute("SELECT dimension FROM counting_rule").fetchall()}
    finally:
        con.close()
    assert rule == {"form", "excluded_status", "target_min", "target_max"}
    assert len({(u, y, p) for _, u, y, p in coverage}) == len(coverage)
    assert {u for u, _, status, _, _ in uploads if status == "applied"} == {c[0] for c in coverage}
    sha = {u: s for u, s, *_ in uploads}
    assert all(n == len(expected[s].models) for _, s, _, _, n in uploads)
    for part, _columns in ROW_COLUMNS.items():
        assert found[part] == Counter(row for c in coverage if c[3] == part for row in file_rows(expected, sha, c))
    assert_archives_intact(db, uploads)
    return len(uploads)


def file_rows(expected: dict, sha: dict, coverage: tuple) -> list[tuple]:
    """The rows the file of an applied coverage gives its unit-year part, as the database would hold them."""
    upload_id, unit_id, year, part = coverage
    frame = getattr(expected[sha[upload_id]], part)
    frame = frame[(frame["unit_id"] == unit_id) & (frame["year"] == year)]
    names = [c.strip() for c in ROW_COLUMNS[part].split(",")]
    return [(upload_id, unit_id, year, *row) for row in frame[names].itertuples(index=False)]


def assert_archives_intact(db: Path, uploads: list[tuple]) -> None:
    folder = config.archive_dir(db)
    for _, sha256, _, stored, _ in uploads:
        assert read_archive(stored, sha256, folder) is not None  # raises DamagedArchive when damaged
    for path in folder.glob("*"):  # a temporary ".name.pid.tmp" may be partial; a final name never
        assert path.name.startswith(".") or hashlib.sha256(path.read_bytes()).hexdigest() == path.stem


@pytest.mark.slow
def test_killed_loads_leave_a_consistent_database_and_a_rerun_ends_as_an_uninterrupted_load(kill_setup, tmp_path,
                                                                                               registry_db_file):
    rng, reference = random.Random(20261125), comparable(kill_setup["reference"])
    start, end = kill_setup["window"]
    db, files = tmp_path / "work" / "dvk.duckdb", kill_setup["files"]
    kills, runs, landed, started = 0, 0, Counter(), time.monotonic()
    while kills < LOAD_KILLS:
        shutil.rmtree(db.parent, ignore_errors=True)  # a chain: a fresh database, a few kills, then a re-run
        db.parent.mkdir()
        shutil.copy(registry_db_file, db)
        for attempt in range(rng.randint(1, 4)):
            runs += 1
            took = kill_after(load_command(db, files), rng.uniform(start, end))
            if took is not None:  # it loaded everything before the kill: nothing is left to interrupt in this chain
                if attempt == 0:  # a whole load, faster than when the window was timed: aim within it from now on
                    end = min(end, took)
                    start = min(start, end / 2)
                break
            kills += 1
            landed[assert_consistent(db, kill_setup["expected"])] += 1
        assert main(["load", "--db", str(db), str(files)]) == 1
        assert_consistent(db, kill_setup["expected"])
        assert comparable(db) == reference
        assert runs < 4 * LOAD_KILLS, "the processes end before the kill: the window is wrong"
    print(f"\nload: {kills} kills in {runs} runs, {time.monotonic() - started:.0f} s; "
          f"uploads at the kill: {dict(sorted(landed.items()))}")


def timed_rollback(driver: Path, db: Path, upload_id: int) -> float:
    """Rolls back one upload uninterrupted; returns the seconds from "ready" (opened, registry read) to the end:
    the rollback, then the close, where DuckDB checkpoints."""
    with subprocess.Popen([sys.executable, str(driver), str(db), str(upload_id)], cwd=ROOT, stdout=subprocess.PIPE,
                          env=ENV) as proc:
        assert proc.stdout.readline().decode().strip() == "ready"
        ready = time.monotonic()
        proc.stdout.read()
    assert proc.returncode == 0
    return time.monotonic() - ready


@pytest.mark.slow
def test_killed_rollbacks_leave_a_consistent_database_and_a_rerun_ends_as_an_uninterrupted_rollback(kill_setup,
                                                                                                    tmp_path):
    """Upload 4 gives back upload 1's 2023 (a commendation of 2024 re-linked); upload 7 gives Tịnh Kỳ 2024 back to
    upload 3 (models, an empty commendations part) and upload 6 (commendations)."""
    loaded, expected_rows = kill_setup["reference"], kill_setup["expected"]
    driver, work = tmp_path / "rollback_driver.py", loaded.with_name("work.duckdb")
    driver.write_text(ROLLBACK_DRIVER, encoding="utf-8")
    expected, window = {}, {}
    for upload_id in (4, 7):  # the uninterrupted rollbacks, beside the same archive
        shutil.copy(loaded, work)
        window[upload_id] = timed_rollback(driver, work, upload_id)
        expected[upload_id] = comparable(work)
    rng, kills, runs, committed, started = random.Random(20261126), 0, 0, 0, time.monotonic()
    while kills < ROLLBACK_KILLS:
        upload_id = rng.choice((4, 7))
        shutil.copy(loaded, work)
        runs += 1
        command = [sys.executable, str(driver), str(work), str(upload_id)]
        took = kill_after(command, rng.uniform(0, 0.9 * window[upload_id]), "ready")
        if took is not None:
            window[upload_id] = min(window[upload_id], took)
            continue
        kills += 1
        assert_consistent(work, expected_rows)
        con = connect(work, read_only=False)
        try:
            status = con.execute("SELECT status FROM uploads WHERE upload_id = ?", [upload_id]).fetchall()[0][0]
            if status == "applied":  # killed before the commit: nothing happened, so roll back again
                rollback(con, upload_id, UnitResolver.from_db(con), "kill-test")
            committed += status == "rolled_back"
        finally:
            con.close()
        assert comparable(work) == expected[upload_id]
        assert runs < 3 * ROLLBACK_KILLS, "the rollbacks end before the kill: the window is wrong"
    print(f"\nrollback: {kills} kills in {runs} runs ({committed} after the commit), "
          f"{time.monotonic() - started:.0f} s")
