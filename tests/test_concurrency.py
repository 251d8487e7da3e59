"""Several people and programs on one database: the command line while the app reads, two sessions committing at
once, the app while the command line holds the file. Every file loads exactly once or is refused in Vietnamese."""
import os
import subprocess
import sys
import threading
import time

import pytest
from app_support import sign_in
from conftest import model_row

from core import config, texts
from core import db as core_db
from core.db import connect
from dashboard import db_access
from etl.batch import commit, preview
from etl.registry import UnitResolver

# Whole workflows through the app (AppTest) or other processes: a second or more each (pytest.ini).
pytestmark = pytest.mark.slow

HOLD = """import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("held", flush=True)
sys.stdin.readline()  # until the test lets go
"""


def hold(db_path, mode: str) -> subprocess.Popen:
    """Another process (the app reading, or a load writing) holding the database file until `release`."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path), mode],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    process.stdout.close()
    return process


def release(holder: subprocess.Popen) -> None:
    if holder.stdin and not holder.stdin.closed:
        holder.stdin.close()
    holder.wait(30)


def release_once_waiting(monkeypatch, holder: subprocess.Popen) -> list:
    """The app's connections let the holder go when they find the file held: the test then knows they waited
    (the list gets an entry) instead of hoping a timer was long enough."""
    waited, real = [], core_db.connect

    def connect(*args, on_wait=None, **kwargs):
        def waiting():
            waited.append(True)
            release(holder)
            if on_wait:
                on_wait()
        return real(*args, on_wait=waiting, **kwargs)

    monkeypatch.setattr(core_db, "connect", connect)
    monkeypatch.setattr(db_access, "connect", connect)
    return waited


def cli(*args, wait: int = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "DVK_LOCK_WAIT": str(wait)}
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], capture_output=True, text=True,
                          cwd=config.ROOT, env=env, timeout=180)


def uploads(db_path) -> list[tuple]:
    con = connect(db_path, read_only=True)
    try:
        return con.execute("SELECT file_name, status FROM uploads ORDER BY file_name").fetchall()
    finally:
        con.close()


def waiting_line(db_path, wait: int = 60) -> str:
    return texts.CLI_DB_WAITING.format(db=db_path, seconds=wait)


def test_a_load_waits_while_the_app_reads(db_path, workbooks):
    reader = hold(db_path, "read")
    load = subprocess.Popen([sys.executable, "-m", "etl", "load", "--db", str(db_path),
                             str(workbooks.official(models=[model_row()]))], cwd=config.ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "DVK_LOCK_WAIT": "60"})
    try:
        assert load.stderr.readline().strip() == waiting_line(db_path)  # it says so, and waits …
    finally:
        release(reader)
    out, _ = load.communicate(timeout=120)  # … then loads
    assert load.returncode == 0, out
    assert uploads(db_path) == [("bao_cao.xlsx", "applied")]


def test_a_load_gives_up_after_a_bounded_wait_with_a_message(db_path, workbooks):
    other_writer = hold(db_path, "write")
    started = time.monotonic()
    done = cli("load", "--db", db_path, workbooks.official(models=[model_row()]), wait=1)
    release(other_writer)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [waiting_line(db_path, 1), done.stderr.splitlines()[-1]]
    assert done.stderr.splitlines()[-1].startswith(f"Không mở được cơ sở dữ liệu {db_path}: sau 1 giây chờ")
    assert time.monotonic() - started < 30
    assert uploads(db_path) == []


def test_export_and_dry_run_only_read(db_path, workbooks, tmp_path):
    reader = hold(db_path, "read")  # the app is reading all the time: neither needs it to stop
    try:
        export = cli("export", "--db", db_path, tmp_path / "sao_luu.xlsx", wait=0)
        check = cli("load", "--dry-run", "--db", db_path, workbooks.official(models=[model_row()]), wait=0)
    finally:
        release(reader)
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "sao_luu.xlsx").stat().st_size > 0
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"[{texts.RESULT_DRY_RUN}] bao_cao.xlsx" in check.stdout
    assert uploads(db_path) == []


def test_export_of_a_wrong_path_creates_no_database(tmp_path):
    missing = tmp_path / "sai" / "dvk.duckdb"
    done = cli("export", "--db", missing, tmp_path / "sao_luu.xlsx")
    assert done.returncode == 2
    assert done.stderr.strip() == texts.CLI_DB_MISSING.format(db=missing)
    assert not missing.exists() and not missing.parent.exists()


def test_a_dry_run_before_any_database_checks_against_the_registry(tmp_path, workbooks):
    missing = tmp_path / "chua_co.duckdb"
    done = cli("load", "--dry-run", "--db", missing, workbooks.official(models=[model_row()]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"[{texts.RESULT_DRY_RUN}] bao_cao.xlsx" in done.stdout
    assert not missing.exists()


def test_an_upload_waits_while_the_command_line_holds_the_file(db_path, workbooks, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    item = _preview(db_path, workbooks.official(models=[model_row()]))
    other_writer = hold(db_path, "write")
    waited = release_once_waiting(monkeypatch, other_writer)
    try:
        results = db_access.write(lambda con: commit(con, [item], UnitResolver.from_db(con),
                                                     config.archive_dir(db_path), "chuyenvien"))
    finally:
        release(other_writer)
    assert waited and [r.outcome for r in results] == ["loaded"]


def _preview(db_path, path):
    con = connect(db_path, read_only=True)
    try:
        return preview(con, path.read_bytes(), path.name, UnitResolver.from_db(con), config.archive_dir(db_path))
    finally:
        con.close()


def test_two_sessions_commit_at_once(db_path, workbooks, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    files = [workbooks.official("tinh_hoa.xlsx", models=[model_row()]),
             workbooks.official("so_y_te.xlsx", models=[model_row(unit="Sở Y tế", name="Khám bệnh lưu động")]),
             workbooks.official("tinh_hoa.xlsx", models=[model_row()])]  # the same file from a second session
    previews = [_preview(db_path, p) for p in files]
    outcomes = []

    def session(item):
        outcomes.extend(db_access.write(lambda con: commit(con, [item], UnitResolver.from_db(con),
                                                      config.archive_dir(db_path), "chuyenvien")))

    sessions = [threading.Thread(target=session, args=(item,)) for item in previews]
    for s in sessions:
        s.start()
    for s in sessions:
        s.join(60)
    assert sorted(r.outcome for r in outcomes) == ["loaded", "loaded", "unchanged"]
    assert uploads(db_path) == [("so_y_te.xlsx", "applied"), ("tinh_hoa.xlsx", "applied")]


def test_a_command_line_load_while_the_app_serves_readers(db_path, workbooks, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    folder = workbooks.folder
    for i, unit in enumerate(["Xã Tịnh Hòa", "Sở Y tế", "Sở Tư pháp"]):
        workbooks.official(f"f{i}.xlsx", models=[model_row(unit=unit, name=f"Mô hình {i}")])
    stop, answers, failures = threading.Event(), [], []

    def visitor():
        while not stop.is_set():
            try:
                answers.append(db_access.read(lambda con: con.execute("SELECT COUNT(*) FROM models").fetchall()[0][0]))
                time.sleep(0.05)  # a page run now and then, as real visitors do
            except BaseException as exc:  # st.stop() included: a reader must never give up here
                failures.append(exc)

    visitors = [threading.Thread(target=visitor) for _ in range(2)]
    for v in visitors:
        v.start()
    done = cli("load", "--db", db_path, folder)
    stop.set()
    for v in visitors:
        v.join(30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not failures and answers
    assert [name for name, _ in uploads(db_path)] == ["f0.xlsx", "f1.xlsx", "f2.xlsx"]


@pytest.mark.parametrize("message, expected", [
    ("IO Error: Cannot open file \"/mnt/ro/dvk.duckdb\": Read-only file system", texts.CLI_DB_READ_ONLY),
    ("IO Error: Could not set lock on file \"/x.duckdb\": Conflicting lock is held", texts.CLI_DB_LOCKED),
])
def test_a_read_only_disk_has_its_own_message(db_path, workbooks, monkeypatch, capsys, message, expected):
    import duckdb

    from etl import cli as cli_module

    def refuse(*args, **kwargs):
        raise duckdb.IOException(message)

    monkeypatch.setattr(cli_module, "writer", refuse)
    assert cli_module.main(["load", "--db", str(db_path), str(workbooks.official(models=[model_row()]))]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected.split("{db}")[0])


def test_the_upload_preview_waits_while_the_command_line_holds_the_file(staff_app, workbooks, db_path,
                                                                        monkeypatch):
    at = sign_in(staff_app)
    at.switch_page("pages/staff/upload.py").run()
    path = workbooks.official("tot.xlsx", models=[model_row()])
    other_writer = hold(db_path, "write")  # `python -m etl load` is running
    waited = release_once_waiting(monkeypatch, other_writer)
    try:
        at.get("file_uploader")[0].upload(path.name, path.read_bytes())
        at.run()
    finally:
        release(other_writer)
    assert waited and not at.exception and not at.error
    assert "1 tệp hợp lệ, 0 tệp có lỗi, 0 tệp đã nạp trước đó." in [m.value for m in at.markdown]
