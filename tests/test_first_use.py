"""First use never breaks: the first start's build, several sessions at once, errors said in Vietnamese, text from
URLs and file names shown literally, limits in one place. (The real cold start in a browser: test_cold_start.py.)"""
import shutil
import threading
import time
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from core import config, formats, texts
from core.db import scalar
from dashboard import db_access

# Whole workflows through the app (AppTest) or other processes: a second or more each (pytest.ini).
pytestmark = pytest.mark.slow

ROOT = config.ROOT


@pytest.fixture
def fresh_build(tmp_path, monkeypatch, registry_db_file):
    """The app's first start with no database file; the 'demo build' copies a registry-only database (the real
    build takes minutes: the browser test does that one)."""
    monkeypatch.setattr(config, "DB_PATH", tmp_path / "data" / "dvk.duckdb")
    monkeypatch.setattr(db_access._Build, "ready", set())
    builds = []

    def build(path, progress=None):
        builds.append(path)
        for share in (0.25, 0.5, 1.0):
            progress(share)
            time.sleep(0.3)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(registry_db_file, path)

    monkeypatch.setattr(db_access, "ensure_database", build)
    return builds


def test_the_first_start_builds_once_and_later_runs_work(fresh_build):
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    at.run()  # the next run of the same session (a filter change): once a CacheReplayClosureError
    assert not at.exception, [e.message for e in at.exception]
    second = AppTest.from_file("../app.py", default_timeout=60).run()  # another visitor
    assert not second.exception, [e.message for e in second.exception]
    assert len(fresh_build) == 1


def test_visitors_arriving_during_the_build_follow_its_progress(fresh_build):
    seen = {0: [], 1: []}
    visitors = [threading.Thread(target=db_access.ensure_database_once, args=(seen[i].append,)) for i in seen]
    visitors[0].start()
    until(lambda: seen[0])  # the first visitor's build is under way
    visitors[1].start()
    for visitor in visitors:
        visitor.join(10)
    assert len(fresh_build) == 1 and config.DB_PATH.exists()
    assert seen[0] and seen[1] and max(seen[1]) > 0  # the second visitor saw the first one's build advance
    db_access.ensure_database_once()  # and afterwards nobody waits
    assert len(fresh_build) == 1


def test_a_page_error_is_said_in_vietnamese_without_a_traceback(db_path, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)

    def broken(sql, **params):
        raise RuntimeError("/srv/bi-mat/duong-dan: chi tiết kỹ thuật")

    at = AppTest.from_file("../app.py", default_timeout=60).run()
    monkeypatch.setattr(db_access, "query", broken)  # pages import it on every run; the sidebar already has its own
    monkeypatch.setattr(db_access, "query_shaped", lambda shape, sql, **params: broken(sql, **params))  # Đơn vị's
    at.switch_page("pages/dashboard/units.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == [texts.UNEXPECTED_ERROR]
    shown = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "bi-mat" not in shown and "RuntimeError" not in shown


def test_uncaught_errors_show_no_details_and_upload_limits_have_one_source():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["server"]["maxUploadSize"] >= config.MAX_UPLOAD_MB  # a ceiling above the setting, not a rival
    page = (ROOT / "pages" / "staff" / "upload.py").read_text(encoding="utf-8")
    assert "max_upload_size=config.MAX_UPLOAD_MB" in page


@pytest.mark.parametrize("raw, shown", [
    ("[bấm vào đây](http://127.0.0.1:9/x)", "\\[bấm vào đây\\]\\(http\\:\u2060//127\\.0\\.0\\.1\\:9/x\\)"),
    ("![ảnh](https://127.0.0.1:9/a.png)", "\\!\\[ảnh\\]\\(https\\:\u2060//127\\.0\\.0\\.1\\:9/a\\.png\\)"),
    ("xem www.dvk.vn", "xem www\u2060\\.dvk\\.vn"),  # bare addresses would be linked by GitHub-flavoured markdown
    (":red[Huyện] $x$ <b>đậm</b>", r"\:red\[Huyện\] \$x\$ \<b\>đậm\</b\>"),
    ("**Sở** _Tư_ `pháp` # 1. - + | ~", r"\*\*Sở\*\* \_Tư\_ \`pháp\` \# 1\. \- \+ \| \~"),
    ("dòng một\ndòng\thai", "dòng một dòng hai"),
    ("Xã Tịnh Hòa", "Xã Tịnh Hòa"),
])
def test_text_from_users_is_shown_literally(raw, shown):
    assert formats.plain(raw) == shown


def test_long_user_text_is_shortened():
    assert formats.plain("a" * 500, limit=20) == "a" * 19 + "…"


def test_url_parameters_are_not_markdown(db_path, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.query_params["district"] = "[bấm](http://127.0.0.1:9/x)"
    app.query_params["unit"] = "![x](http://127.0.0.1:9/a.png)"
    at = app.run()
    at.switch_page("pages/dashboard/profile.py").run()
    notices = [w.value for w in at.sidebar.warning] + [w.value for w in at.warning]
    assert any(formats.plain("[bấm](http://127.0.0.1:9/x)") in n for n in notices)
    assert any(formats.plain("![x](http://127.0.0.1:9/a.png)") in n for n in notices)
    assert not any("](" in n for n in notices)


class TestReadWriteLock:
    def test_readers_share_and_a_writer_waits_for_them(self):
        lock, order = db_access.ReadWriteLock(), []
        with lock.reading(), lock.reading():  # two readers at once
            writer = threading.Thread(target=lambda: _hold(lock.writing(), order, "write"))
            writer.start()
            until(lambda: waiting_threads(lock) == 1)
            order.append("readers done")
        writer.join(5)
        assert order == ["readers done", "write"]

    def test_a_waiting_writer_goes_before_new_readers(self):
        lock, order = db_access.ReadWriteLock(), []
        with lock.reading():
            threading.Thread(target=lambda: _hold(lock.writing(), order, "write")).start()
            until(lambda: waiting_threads(lock) == 1)
            reader = threading.Thread(target=lambda: _hold(lock.reading(), order, "read"))
            reader.start()
            until(lambda: waiting_threads(lock) == 2)  # the new reader waits behind the waiting writer
        reader.join(5)
        assert order == ["write", "read"]

    def test_waiting_is_bounded(self):
        lock = db_access.ReadWriteLock()
        with lock.writing(), pytest.raises(db_access.BusyError), lock.reading(timeout=0.2):
            pass


def until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.01)


def waiting_threads(lock) -> int:
    """Threads blocked on the lock's condition (threading.Condition keeps them in `_waiters`)."""
    return len(lock._changed._waiters)


def _hold(context, order: list, name: str) -> None:
    with context:
        order.append(name)
        time.sleep(0.1)


def test_a_query_during_a_commit_waits_for_it_instead_of_failing(db_path, monkeypatch):
    """Two sessions of one server: one commits while the other reads (DuckDB refuses a read-only and a
    read-write connection to one file in one process)."""
    monkeypatch.setattr(config, "DB_PATH", db_path)
    committing, results = threading.Event(), []

    def slow_commit(con):
        con.execute("INSERT INTO meta VALUES ('thu', '1')")
        committing.set()
        time.sleep(1.0)

    writer = threading.Thread(target=db_access.write, args=(slow_commit,))
    writer.start()
    committing.wait(10)
    results.append(db_access.read(lambda con: scalar(con, "SELECT value FROM meta WHERE key = 'thu'")))
    writer.join(10)
    assert results == ["1"]  # the reader waited for the commit and saw it
