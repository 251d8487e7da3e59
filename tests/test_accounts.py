"""Managing accounts (core/auth.py): create, lock, reset, change role and scope, change one's own password, the
bulk unit accounts. Each refusal is checked, every change leaves one audit line and never a password, and a reset
or a password change ends the account's sessions."""
import json
import time

import pytest

from core import audit, auth, texts
from core.auth import Account, AccountError, Throttle
from core.scope import PROVINCE, Scope

PASSWORD = "mat-khau-dai"
NOW = 1_800_000_000.0
ADMIN = Account("quantri", "admin", "Quản trị viên")
STAFF = Account("chuyenvien", "staff", "Nguyễn Thị Lan")


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "accounts.json"
    auth.add_account(path, "quantri", PASSWORD, "admin", "Quản trị viên")
    auth.add_account(path, "chuyenvien", PASSWORD, "staff", "Nguyễn Thị Lan", Scope(districts=("Huyện Ba Tơ",)))
    return path


@pytest.fixture
def throttle(accounts):
    return Throttle(auth.state_path(accounts))


def audit_lines(accounts) -> list[dict]:
    path = audit.audit_path(accounts)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def events(accounts) -> list[tuple[str, str, str]]:
    return [(e["event"], e["username"], e["detail"]) for e in audit_lines(accounts)]


def signs_in(accounts, username, password) -> bool:
    return auth.verify(auth.read_accounts(accounts), Throttle(auth.state_path(accounts)), username,
                       password).account is not None


def test_one_time_passwords_are_random_and_readable():
    made = {auth.one_time_password() for _ in range(200)}
    assert len(made) == 200
    for password in made:
        groups = password.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert not set("".join(groups)) & set("0Oo1lI")
        assert set("".join(groups)) <= set(auth._ONE_TIME_ALPHABET)


def test_the_list_of_accounts_carries_no_hash(accounts):
    auth.set_disabled(accounts, "chuyenvien", True, ADMIN)
    listed = auth.list_accounts(accounts)
    assert listed == [auth.Listed(Account("chuyenvien", "staff", "Nguyễn Thị Lan", Scope(districts=("Huyện Ba Tơ",))),
                                  True),
                      auth.Listed(Account("quantri", "admin", "Quản trị viên"), False)]
    assert "argon2" not in repr(listed)


def test_create_gives_a_one_time_password_that_must_be_changed(accounts):
    password = auth.create_account(accounts, "lan.nguyen", "reviewer", " Nguyễn Thị Lan ",
                                   Scope(districts=("Huyện Sơn Tịnh",), groups=("Cấp xã",)), ADMIN, "203.0.113.9")
    entry = auth.read_accounts(accounts)["lan.nguyen"]
    assert entry["must_change"] is True and entry["display_name"] == "Nguyễn Thị Lan"
    assert entry["scope"] == {"districts": ["Huyện Sơn Tịnh"], "groups": ["Cấp xã"]}
    assert signs_in(accounts, "lan.nguyen", password)
    assert auth.verify(auth.read_accounts(accounts), Throttle(auth.state_path(accounts)), "lan.nguyen",
                       password).account.must_change
    [line] = audit_lines(accounts)
    assert (line["event"], line["username"], line["client"]) == ("account_created", "lan.nguyen", "203.0.113.9")
    assert line["detail"] == "by quantri: role reviewer, scope Huyện Sơn Tịnh, Cấp xã"
    assert password not in audit.audit_path(accounts).read_text(encoding="utf-8")


@pytest.mark.parametrize("username, role, scope, actor, message", [
    ("chuyenvien", "staff", PROVINCE, ADMIN, texts.ACCOUNT_EXISTS.format(user="chuyenvien")),
    ("Lan Nguyen", "staff", PROVINCE, ADMIN, texts.ACCOUNT_BAD_USERNAME),
    ("x", "staff", PROVINCE, ADMIN, texts.ACCOUNT_BAD_USERNAME),
    ("-lan", "staff", PROVINCE, ADMIN, texts.ACCOUNT_BAD_USERNAME),
    ("lan", "khach", PROVINCE, ADMIN, texts.ACCOUNT_UNKNOWN_ROLE.format(role="khach")),
    ("xa", "unit", PROVINCE, ADMIN, texts.ACCOUNT_UNIT_SCOPE),
    ("xa", "unit", Scope(units=("21040", "21043")), ADMIN, texts.ACCOUNT_UNIT_SCOPE),
    ("xa", "unit", Scope(districts=("Huyện Ba Tơ",), units=("21040",)), ADMIN, texts.ACCOUNT_UNIT_SCOPE),
    ("sep", "admin", Scope(groups=("Cấp xã",)), ADMIN, texts.ACCOUNT_ADMIN_SCOPE),
    ("lan", "staff", PROVINCE, STAFF, texts.NOT_ALLOWED),
    ("lan", "staff", PROVINCE, Account("quantri", "admin", "Quản trị viên", must_change=True), texts.NOT_ALLOWED),
])
def test_create_refuses(accounts, username, role, scope, actor, message):
    before = accounts.read_text(encoding="utf-8")
    with pytest.raises(AccountError) as refused:
        auth.create_account(accounts, username, role, "", scope, actor)
    assert str(refused.value) == message
    assert accounts.read_text(encoding="utf-8") == before
    assert audit_lines(accounts) == []


def test_a_locked_account_cannot_sign_in_and_loses_its_sessions_for_good(accounts):
    token, _ = auth.issue_token(accounts, "chuyenvien", time.time() - 60)  # the lock is stamped with the real clock
    auth.set_disabled(accounts, "chuyenvien", True, ADMIN)
    assert not signs_in(accounts, "chuyenvien", PASSWORD)
    assert auth.account_from_token(accounts, token, time.time()) is None
    auth.set_disabled(accounts, "chuyenvien", False, ADMIN)
    assert signs_in(accounts, "chuyenvien", PASSWORD)
    assert auth.account_from_token(accounts, token, time.time()) is None  # unlocking does not revive an old cookie
    assert "disabled" not in auth.read_accounts(accounts)["chuyenvien"]
    assert events(accounts) == [("account_disabled", "chuyenvien", "by quantri"),
                                ("account_enabled", "chuyenvien", "by quantri")]


@pytest.mark.parametrize("username, disabled, actor, message", [
    ("quantri", True, ADMIN, texts.ACCOUNT_SELF_DISABLE),
    ("khong-co", True, ADMIN, texts.ACCOUNT_UNKNOWN.format(user="khong-co")),
    ("quantri", True, STAFF, texts.NOT_ALLOWED),
    ("chuyenvien", False, STAFF, texts.NOT_ALLOWED),
])
def test_locking_refuses(accounts, username, disabled, actor, message):
    with pytest.raises(AccountError) as refused:
        auth.set_disabled(accounts, username, disabled, actor)
    assert str(refused.value) == message
    assert not any(entry.get("disabled") for entry in auth.read_accounts(accounts).values())
    assert audit_lines(accounts) == []


def test_a_reset_ends_every_session_and_asks_for_a_change(accounts):
    tokens = [auth.issue_token(accounts, "chuyenvien", NOW + i)[0] for i in range(2)]  # two browsers
    password = auth.reset_password(accounts, "chuyenvien", ADMIN, "203.0.113.9")
    assert all(auth.account_from_token(accounts, t, NOW + 5) is None for t in tokens)
    assert not signs_in(accounts, "chuyenvien", PASSWORD)
    assert signs_in(accounts, "chuyenvien", password)
    entry = auth.read_accounts(accounts)["chuyenvien"]
    assert entry["must_change"] is True and entry["role"] == "staff"  # nothing else changed
    assert entry["scope"] == {"districts": ["Huyện Ba Tơ"]}
    assert events(accounts) == [("password_reset", "chuyenvien", "by quantri")]
    assert password not in audit.audit_path(accounts).read_text(encoding="utf-8")


@pytest.mark.parametrize("username, actor, message", [
    ("khong-co", ADMIN, texts.ACCOUNT_UNKNOWN.format(user="khong-co")),
    ("quantri", STAFF, texts.NOT_ALLOWED),
])
def test_reset_refuses(accounts, username, actor, message):
    before = accounts.read_text(encoding="utf-8")
    with pytest.raises(AccountError) as refused:
        auth.reset_password(accounts, username, actor)
    assert str(refused.value) == message
    assert accounts.read_text(encoding="utf-8") == before


def test_role_scope_and_name_changes_apply_at_once_and_are_audited(accounts):
    token, _ = auth.issue_token(accounts, "chuyenvien", NOW)
    changed = auth.change_account(accounts, "chuyenvien", ADMIN, "reviewer", Scope(groups=("Cấp xã",)),
                                  "Nguyễn Thị Lan (duyệt)")
    assert changed == ["role_changed", "name_changed", "scope_changed"]
    assert auth.account_from_token(accounts, token, NOW + 1) == Account(  # the open session has the new reach
        "chuyenvien", "reviewer", "Nguyễn Thị Lan (duyệt)", Scope(groups=("Cấp xã",)))
    assert events(accounts) == [
        ("role_changed", "chuyenvien", "by quantri: staff → reviewer"),
        ("name_changed", "chuyenvien", "by quantri: Nguyễn Thị Lan → Nguyễn Thị Lan (duyệt)"),
        ("scope_changed", "chuyenvien", "by quantri: Huyện Ba Tơ → Cấp xã")]
    assert auth.change_account(accounts, "chuyenvien", ADMIN, "reviewer", Scope(groups=("Cấp xã",)), "") == []
    assert len(audit_lines(accounts)) == 3  # nothing changed, nothing recorded


@pytest.mark.parametrize("username, role, scope, actor, message", [
    ("quantri", "staff", PROVINCE, ADMIN, texts.ACCOUNT_SELF_DEMOTE),
    ("chuyenvien", "unit", PROVINCE, ADMIN, texts.ACCOUNT_UNIT_SCOPE),
    ("chuyenvien", "admin", Scope(districts=("Huyện Ba Tơ",)), ADMIN, texts.ACCOUNT_ADMIN_SCOPE),
    ("khong-co", "staff", PROVINCE, ADMIN, texts.ACCOUNT_UNKNOWN.format(user="khong-co")),
    ("chuyenvien", "admin", PROVINCE, STAFF, texts.NOT_ALLOWED),  # no raising oneself
])
def test_changes_refused(accounts, username, role, scope, actor, message):
    before = accounts.read_text(encoding="utf-8")
    with pytest.raises(AccountError) as refused:
        auth.change_account(accounts, username, actor, role, scope, "")
    assert str(refused.value) == message
    assert accounts.read_text(encoding="utf-8") == before
    assert audit_lines(accounts) == []


def test_changing_ones_own_password_ends_the_other_sessions(accounts, throttle):
    one_time = auth.reset_password(accounts, "chuyenvien", ADMIN)
    other, _ = auth.issue_token(accounts, "chuyenvien", NOW)
    auth.change_password(accounts, throttle, "chuyenvien", one_time, "mat-khau-moi-cua-lan", "mat-khau-moi-cua-lan")
    entry = auth.read_accounts(accounts)["chuyenvien"]
    assert entry["must_change"] is False
    assert auth.account_from_token(accounts, other, NOW + 1) is None
    assert signs_in(accounts, "chuyenvien", "mat-khau-moi-cua-lan") and not signs_in(accounts, "chuyenvien", one_time)
    assert events(accounts)[-1] == ("password_changed", "chuyenvien", "by the account itself")
    text = audit.audit_path(accounts).read_text(encoding="utf-8")
    assert "mat-khau-moi-cua-lan" not in text and one_time not in text


@pytest.mark.parametrize("old, new, again, message", [
    (PASSWORD, "mat-khau-moi-1", "mat-khau-moi-2", texts.ACCOUNT_PASSWORD_MISMATCH),
    (PASSWORD, "ngan", "ngan", texts.ACCOUNT_PASSWORD_SHORT.format(n=8)),
    (PASSWORD, PASSWORD, PASSWORD, texts.ACCOUNT_PASSWORD_SAME),
    ("sai-mat-khau", "mat-khau-moi-1", "mat-khau-moi-1", texts.ACCOUNT_OLD_PASSWORD_WRONG),
])
def test_a_password_change_refuses(accounts, throttle, old, new, again, message):
    before = accounts.read_text(encoding="utf-8")
    with pytest.raises(AccountError) as refused:
        auth.change_password(accounts, throttle, "chuyenvien", old, new, again)
    assert str(refused.value) == message
    assert accounts.read_text(encoding="utf-8") == before
    assert audit_lines(accounts) == []


def test_guessing_the_old_password_meets_the_sign_in_lock(accounts, throttle):
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AccountError):
            auth.change_password(accounts, throttle, "chuyenvien", "doan-mo", "mat-khau-moi-1", "mat-khau-moi-1")
    with pytest.raises(AccountError) as refused:  # even the right one waits now
        auth.change_password(accounts, throttle, "chuyenvien", PASSWORD, "mat-khau-moi-1", "mat-khau-moi-1")
    assert str(refused.value) == texts.SIGNIN_LOCKED.format(minutes=5)
    assert signs_in(accounts, "chuyenvien", PASSWORD) is False  # still locked, the password unchanged underneath
    assert auth._HASHER.verify(auth.read_accounts(accounts)["chuyenvien"]["hash"], PASSWORD)


@pytest.mark.parametrize("code, username", [("T51-01", "t51-01"), ("21040", "21040"), (" Xã/Tịnh Hòa ", "x-t-nh-h-a"),
                                            ("---", "donvi")])
def test_unit_usernames_come_from_the_code(code, username):
    assert auth.unit_username(code) == username


def test_bulk_unit_accounts_skip_units_that_have_one_and_names_taken(accounts):
    auth.create_account(accounts, "21040", "staff", "Trùng tên", PROVINCE, ADMIN)  # a person named like a code
    auth.create_account(accounts, "binhson", "unit", "Xã Bình Sơn", Scope(units=("21043",)), ADMIN)
    made = auth.create_unit_accounts(accounts, [("21040", "Xã Bình Sơn"), ("21043", "Xã Bình Thuận"),
                                                ("T51-01", "Văn phòng UBND tỉnh")], ADMIN, "cli")
    assert [(a.code, a.username) for a in made] == [("21040", "21040-2"), ("T51-01", "t51-01")]
    known = auth.read_accounts(accounts)
    for account in made:
        entry = known[account.username]
        assert (entry["role"], entry["scope"], entry["must_change"]) == ("unit", {"units": [account.code]}, True)
        assert entry["display_name"] == account.name
        assert signs_in(accounts, account.username, account.password)
    assert events(accounts)[-2:] == [("account_created", "21040-2", "by quantri: role unit, bulk, scope 21040"),
                                     ("account_created", "t51-01", "by quantri: role unit, bulk, scope T51-01")]
    assert auth.create_unit_accounts(accounts, [("21040", "Xã Bình Sơn")], ADMIN) == []  # a second run: nothing
    with pytest.raises(AccountError):
        auth.create_unit_accounts(accounts, [("T51-02", "Thanh tra tỉnh")], STAFF)


def test_the_one_time_hasher_meets_owasps_minimum():
    from argon2 import Type
    from conftest import PRODUCTION_ONE_TIME_HASHER as hasher

    assert hasher.type == Type.ID
    assert hasher.memory_cost >= 19 * 1024 and hasher.time_cost >= 2 and hasher.parallelism >= 1  # OWASP 2023
