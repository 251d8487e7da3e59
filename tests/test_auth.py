"""Accounts: hashes only, argon2, and a limit on wrong passwords per account."""
import json

import pytest

from core.auth import LOCK_SECONDS, MAX_FAILURES, Account, Throttle, add_account, read_accounts, verify


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "accounts.json"
    add_account(path, "chuyenvien", "mat-khau-dai", "staff", "Nguyễn Thị Chuyên Viên")
    return path


def test_the_file_holds_a_salted_argon2_hash_never_the_password(accounts, tmp_path):
    text = accounts.read_text(encoding="utf-8")
    assert "mat-khau-dai" not in text
    entry = json.loads(text)["chuyenvien"]
    assert entry["hash"].startswith("$argon2id$")
    add_account(tmp_path / "other.json", "chuyenvien", "mat-khau-dai", "staff")
    assert read_accounts(tmp_path / "other.json")["chuyenvien"]["hash"] != entry["hash"]  # salted


def test_verify_good_and_bad_passwords(accounts):
    throttle = Throttle(clock=Clock())
    known = read_accounts(accounts)
    assert verify(known, throttle, "chuyenvien", "mat-khau-dai") == Account("chuyenvien", "staff",
                                                                            "Nguyễn Thị Chuyên Viên")
    assert verify(known, throttle, "chuyenvien", "sai") is None
    assert verify(known, throttle, "khong-co", "mat-khau-dai") is None


def test_wrong_passwords_lock_the_account_for_a_growing_while(accounts):
    clock = Clock()
    throttle = Throttle(clock=clock)
    known = read_accounts(accounts)
    for _ in range(MAX_FAILURES):
        assert verify(known, throttle, "chuyenvien", "sai") is None
    assert verify(known, throttle, "chuyenvien", "mat-khau-dai") == LOCK_SECONDS  # even the right one waits
    assert verify(known, throttle, "nguoi-khac", "sai") is None  # other accounts are not locked
    clock.now += LOCK_SECONDS
    assert verify(known, throttle, "chuyenvien", "sai") is None
    assert verify(known, throttle, "chuyenvien", "mat-khau-dai") == 2 * LOCK_SECONDS
    clock.now += 2 * LOCK_SECONDS
    assert isinstance(verify(known, throttle, "chuyenvien", "mat-khau-dai"), Account)
    assert throttle.failures == {"nguoi-khac": 1}


@pytest.mark.parametrize("password, role", [("ngan", "staff"), ("mat-khau-dai", "khach")])
def test_weak_password_or_unknown_role_is_refused(tmp_path, password, role):
    with pytest.raises(ValueError):
        add_account(tmp_path / "a.json", "x", password, role)
