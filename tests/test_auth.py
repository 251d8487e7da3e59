"""Accounts and sign-in rules: hashes only (argon2), the accounts file written whole and private, wrong passwords
limited per account and per client in a file that outlives the process, and the audit record."""
import json
import multiprocessing
import os
import stat

import pytest

from core import audit, auth
from core.auth import (
    CLIENT_MAX_FAILURES,
    LOCK_SECONDS,
    MAX_FAILURES,
    MAX_LOCK_SECONDS,
    Account,
    Throttle,
    add_account,
    read_accounts,
    verify,
)
from etl.cli import main

PASSWORD = "mat-khau-dai"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "accounts.json"
    add_account(path, "chuyenvien", PASSWORD, "staff", "Nguyễn Thị Chuyên Viên")
    return path


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def throttle(accounts, clock):
    return Throttle(auth.state_path(accounts), clock=clock)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_file_holds_a_salted_argon2_hash_never_the_password(accounts, tmp_path):
    text = accounts.read_text(encoding="utf-8")
    assert PASSWORD not in text
    entry = json.loads(text)["chuyenvien"]
    assert entry["hash"].startswith("$argon2id$")
    add_account(tmp_path / "other.json", "chuyenvien", PASSWORD, "staff")
    assert read_accounts(tmp_path / "other.json")["chuyenvien"]["hash"] != entry["hash"]  # salted


def test_the_accounts_file_is_created_private_and_replaced_whole(tmp_path, monkeypatch):
    path = tmp_path / "data" / "accounts.json"
    created_modes = []
    real_open = os.open

    def spy_open(file, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT and "accounts" in str(file):
            created_modes.append(mode)
        return real_open(file, flags, mode, *args, **kwargs)
    monkeypatch.setattr(os, "open", spy_open)
    assert add_account(path, "lan", PASSWORD, "staff") is True
    assert add_account(path, "lan", "mat-khau-moi-1", "admin") is False  # replaced, not created
    assert created_modes and set(created_modes) == {0o600}  # private from creation, never chmod-ed afterwards
    assert mode(path) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    assert read_accounts(path)["lan"]["role"] == "admin"


def test_a_failed_write_leaves_the_old_accounts_file_whole(accounts, monkeypatch):
    before = accounts.read_text(encoding="utf-8")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        add_account(accounts, "moi", PASSWORD, "staff")
    assert accounts.read_text(encoding="utf-8") == before
    assert [p.name for p in accounts.parent.iterdir() if p.name.startswith(".")] == []


def test_verify_good_and_bad_passwords(accounts, throttle):
    known = read_accounts(accounts)
    assert verify(known, throttle, "chuyenvien", PASSWORD).account == Account("chuyenvien", "staff",
                                                                             "Nguyễn Thị Chuyên Viên")
    assert verify(known, throttle, "chuyenvien", "sai").account is None
    assert verify(known, throttle, "khong-co", PASSWORD).account is None


def test_unknown_and_disabled_names_cost_the_same_argon2_check(accounts, throttle, monkeypatch):
    checked = []

    class Spy:
        def verify(self, stored, password):
            checked.append(stored)
            return real.verify(stored, password)
    real = auth._HASHER
    monkeypatch.setattr(auth, "_HASHER", Spy())
    known = read_accounts(accounts)
    known["nghi-viec"] = {**known["chuyenvien"], "disabled": True}
    for name in ("chuyenvien", "khong-co", "nghi-viec"):
        assert verify(known, throttle, name, PASSWORD if name == "nghi-viec" else "sai").account is None
    assert len(checked) == 3 and all(h.startswith("$argon2id$") for h in checked)


def test_wrong_passwords_lock_the_account_for_a_growing_while_capped(accounts, throttle, clock):
    known = read_accounts(accounts)
    for _ in range(MAX_FAILURES - 1):
        assert verify(known, throttle, "chuyenvien", "sai").locked == 0
    assert verify(known, throttle, "chuyenvien", "sai").locked == LOCK_SECONDS  # the fifth starts the lock
    assert verify(known, throttle, "chuyenvien", PASSWORD).wait == LOCK_SECONDS  # even the right one waits
    assert verify(known, throttle, "nguoi-khac", "sai").wait == 0  # other accounts are not locked
    clock.now += LOCK_SECONDS
    assert verify(known, throttle, "chuyenvien", "sai").locked == 2 * LOCK_SECONDS
    for _ in range(20):  # a stranger trying now and then: the lock stops growing
        clock.now += MAX_LOCK_SECONDS
        assert verify(known, throttle, "chuyenvien", "sai").locked <= MAX_LOCK_SECONDS
    assert verify(known, throttle, "chuyenvien", PASSWORD).wait == MAX_LOCK_SECONDS
    clock.now += MAX_LOCK_SECONDS
    assert verify(known, throttle, "chuyenvien", PASSWORD).account is not None
    assert throttle.failures() == {}  # the right password clears the account; an hour-old failure is forgotten


def test_the_lock_outlives_a_restart_and_is_shared_by_processes(accounts, clock):
    known = read_accounts(accounts)
    for _ in range(MAX_FAILURES):
        verify(known, Throttle(auth.state_path(accounts), clock=clock), "chuyenvien", "sai")  # a new process each time
    assert verify(known, Throttle(auth.state_path(accounts), clock=clock), "chuyenvien", PASSWORD).wait == LOCK_SECONDS
    assert mode(auth.state_path(accounts)) == 0o600


def _fail_many(state: str, n: int) -> None:
    throttle = Throttle(auth.state_path(state))
    for i in range(n):
        throttle.begin((f"account:a{i}",))  # an attempt is counted before its password is checked


def test_attempts_counted_in_parallel_processes_are_all_kept(accounts):
    processes = [multiprocessing.get_context("fork").Process(target=_fail_many, args=(str(accounts), 30))
                 for _ in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)
    assert Throttle(auth.state_path(accounts)).failures() == {f"account:a{i}": 3 for i in range(30)}  # none lost


def test_one_client_trying_many_names_is_stopped_too(accounts, throttle):
    known = read_accounts(accounts)
    for i in range(CLIENT_MAX_FAILURES):
        assert verify(known, throttle, f"ten-{i}", "sai", client="203.0.113.9").wait == 0
    assert verify(known, throttle, "chuyenvien", PASSWORD, client="203.0.113.9").wait == LOCK_SECONDS
    assert verify(known, throttle, "chuyenvien", PASSWORD, client="198.51.100.7").account is not None


def test_a_right_password_does_not_count_against_the_client(accounts, throttle):
    known = read_accounts(accounts)
    for _ in range(CLIENT_MAX_FAILURES + 5):  # an office behind one address signing in all day
        assert verify(known, throttle, "chuyenvien", PASSWORD, client="203.0.113.9").account is not None
    assert throttle.failures() == {}


@pytest.mark.parametrize("password, role", [("ngan", "staff"), (PASSWORD, "khach")])
def test_weak_password_or_unknown_role_is_refused(tmp_path, password, role):
    with pytest.raises(ValueError):
        add_account(tmp_path / "a.json", "x", password, role)


def audit_lines(accounts) -> list[dict]:
    return [json.loads(line) for line in audit.audit_path(accounts).read_text(encoding="utf-8").splitlines()]


def test_audit_record_appends_one_private_json_line_per_event(accounts):
    audit.record(accounts, audit.SIGNIN, "chuyenvien", "203.0.113.9")
    audit.record(accounts, audit.SIGNIN_FAILED, "ten\nla", None, "x" * 10_000)
    first, second = audit_lines(accounts)
    assert set(first) == {"time", "event", "username", "client", "detail"}
    assert (first["event"], first["username"], first["client"]) == ("signin", "chuyenvien", "203.0.113.9")
    assert second["username"] == "ten\nla" and len(second["detail"]) == audit.FIELD_MAX
    assert mode(audit.audit_path(accounts)) == 0o600


def test_audit_path_can_be_set(accounts, tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_AUDIT", str(tmp_path / "logs" / "dvk-audit.jsonl"))
    audit.record(accounts, audit.SIGNOUT, "chuyenvien")
    assert (tmp_path / "logs" / "dvk-audit.jsonl").exists() and not (tmp_path / "audit.jsonl").exists()


def test_the_user_command_records_the_account_never_the_password(tmp_path, monkeypatch):
    path = tmp_path / "accounts.json"
    for password in (PASSWORD, "mat-khau-moi-1"):
        monkeypatch.setattr("sys.stdin", _Stdin(password + "\n"))
        assert main(["user", "lan", "--accounts", str(path)]) == 0
    lines = audit_lines(path)
    assert [(e["event"], e["username"]) for e in lines] == [("account_saved", "lan")] * 2
    assert lines[0]["detail"].startswith("created") and lines[1]["detail"].startswith("password changed")
    assert PASSWORD not in audit.audit_path(path).read_text(encoding="utf-8")


def test_restoring_a_backup_is_recorded(db_path, tmp_path, monkeypatch, capsys):
    from core import config
    monkeypatch.setattr(config, "ACCOUNTS_PATH", tmp_path / "accounts.json")
    assert main(["export", "--db", str(db_path), str(tmp_path / "backup.xlsx")]) == 0
    assert main(["load", "--db", str(db_path), str(tmp_path / "backup.xlsx")]) == 0
    [entry] = audit_lines(tmp_path / "accounts.json")
    assert entry["event"] == "backup_restored" and "backup.xlsx" in entry["detail"]


class _Stdin:
    """Standard input that is not a terminal: the user command then reads the password from it."""
    def __init__(self, text):
        self.text = text

    def isatty(self):
        return False

    def readline(self):
        return self.text


def test_the_app_hashes_with_argon2id_at_a_real_cost():
    from argon2 import Type
    from conftest import PRODUCTION_HASHER

    assert PRODUCTION_HASHER.type == Type.ID
    assert PRODUCTION_HASHER.memory_cost >= 64 * 1024 and PRODUCTION_HASHER.time_cost >= 3  # KiB: RFC 9106's second choice
