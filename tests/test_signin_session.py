"""A sign-in that survives a reload or a new tab: a signed, expiring token the browser keeps in a cookie, checked on
every run against the accounts file. AppTest carries no cookie from one session to the next, so the token rules are
tested as functions, and the app is shown a cookie through the one function that reads it."""
import json
import os
import stat
import time

import pytest
from itsdangerous import URLSafeSerializer
from streamlit.testing.v1 import AppTest

from core import audit, auth, config, texts
from core.auth import Account, account_from_token, add_account, issue_token, sign_out
from dashboard import signin

# Whole workflows through the app (AppTest) or other processes: a second or more each (pytest.ini).
pytestmark = pytest.mark.slow

PASSWORD = "mat-khau-dai"
NOW = 1_800_000_000.0
LAN = Account("chuyenvien", "staff", "Nguyễn Thị Lan")


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "accounts.json"
    add_account(path, "chuyenvien", PASSWORD, "staff", "Nguyễn Thị Lan")
    return path


def test_a_token_names_its_account_until_it_expires(accounts):
    token, expires = issue_token(accounts, "chuyenvien", NOW)
    assert expires == NOW + config.SESSION_HOURS * 3600
    assert account_from_token(accounts, token, NOW) == LAN
    assert account_from_token(accounts, token, expires - 1) == LAN
    assert account_from_token(accounts, token, expires) is None
    payload = URLSafeSerializer(auth.secret_path(accounts).read_text().strip(), salt="dvk-session").loads(token)
    assert set(payload) == {"u", "fp", "iat", "exp"}  # name, password fingerprint, times: never the hash


def test_a_strangers_cookie_where_nobody_signed_in_is_refused_and_creates_nothing(accounts):
    assert account_from_token(accounts, "dvk.gia.mao", NOW) is None
    assert not auth.secret_path(accounts).exists()


def test_the_secret_is_made_once_private_beside_the_accounts(accounts):
    first, _ = issue_token(accounts, "chuyenvien", NOW)
    assert stat.S_IMODE(os.stat(auth.secret_path(accounts)).st_mode) == 0o600
    assert account_from_token(accounts, first, NOW + 1) == LAN  # the same secret is read back
    auth.secret_path(accounts).unlink()  # a new secret ends every session
    assert account_from_token(accounts, first, NOW + 1) is None


@pytest.mark.parametrize("tamper", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # the signature
    lambda t: "x" + t,
    lambda t: "",
    lambda t: "khong-phai-token",
])
def test_an_altered_or_forged_token_is_refused(accounts, tamper):
    token, _ = issue_token(accounts, "chuyenvien", NOW)
    assert account_from_token(accounts, tamper(token), NOW) is None


def test_a_token_signed_with_another_secret_or_naming_another_user_is_refused(accounts):
    token, _ = issue_token(accounts, "chuyenvien", NOW)
    payload = URLSafeSerializer(auth.secret_path(accounts).read_text().strip(), salt="dvk-session").loads(token)
    forged = URLSafeSerializer("doan-mo-secret", salt="dvk-session").dumps({**payload, "u": "admin"})
    assert account_from_token(accounts, forged, NOW) is None
    longer = URLSafeSerializer("doan-mo-secret", salt="dvk-session").dumps({**payload, "exp": NOW * 2})
    assert account_from_token(accounts, longer, NOW) is None


def test_a_changed_password_a_disabled_or_a_deleted_account_ends_the_session(accounts):
    token, _ = issue_token(accounts, "chuyenvien", NOW)
    add_account(accounts, "chuyenvien", "mat-khau-moi-1", "staff", "Nguyễn Thị Lan")
    assert account_from_token(accounts, token, NOW + 1) is None
    token, _ = issue_token(accounts, "chuyenvien", NOW + 2)
    data = json.loads(accounts.read_text(encoding="utf-8"))
    accounts.write_text(json.dumps({"chuyenvien": {**data["chuyenvien"], "disabled": True}}), encoding="utf-8")
    assert account_from_token(accounts, token, NOW + 3) is None
    accounts.write_text("{}", encoding="utf-8")
    assert account_from_token(accounts, token, NOW + 3) is None


def test_the_role_is_read_from_the_accounts_file_on_every_check(accounts):
    token, _ = issue_token(accounts, "chuyenvien", NOW)
    data = json.loads(accounts.read_text(encoding="utf-8"))
    accounts.write_text(json.dumps({"chuyenvien": {**data["chuyenvien"], "role": "admin"}}), encoding="utf-8")
    assert account_from_token(accounts, token, NOW + 1).role == "admin"


def test_signing_out_ends_the_sessions_issued_before_only(accounts):
    before, _ = issue_token(accounts, "chuyenvien", NOW)
    sign_out(accounts, "chuyenvien", NOW + 10)
    after, _ = issue_token(accounts, "chuyenvien", NOW + 20)
    assert account_from_token(accounts, before, NOW + 30) is None
    assert account_from_token(accounts, after, NOW + 30) == LAN


def test_the_cookie_is_strict_and_expires_with_the_token():
    assert signin.session_cookie("abc.def", NOW) == (
        "dvk_session=abc.def; Expires=Fri, 15 Jan 2027 08:00:00 GMT; Path=/; SameSite=Strict")
    assert "Expires=Thu, 01 Jan 1970 00:00:00 GMT" in signin.session_cookie("", 0)


# --- the app: AppTest -----------------------------------------------------------------------------------------------

@pytest.fixture
def app(db_path, accounts, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    return AppTest.from_file("../app.py", default_timeout=60)


def browser_cookie(monkeypatch, token: str | None) -> None:
    """What the browser sent with this session's WebSocket (AppTest cannot send cookies itself)."""
    monkeypatch.setattr(signin, "_browser_token", lambda: token)


def cookie_written(at: AppTest) -> str | None:
    writers = [e for e in at.get("bidi_component") if e.proto.component_name == "dvk.session_cookie"]
    return json.loads(writers[-1].proto.json)["cookie"] if writers else None


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.switch_page("pages/staff/signin.py").run()
    at.text_input(key="signin_user").input("chuyenvien")
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    return at


def test_signing_in_gives_the_browser_a_cookie_with_a_valid_token(app, accounts):
    at = sign_in(app.run())
    cookie = cookie_written(at)
    assert cookie.startswith("dvk_session=") and "SameSite=Strict" in cookie
    token = cookie.split(";")[0].removeprefix("dvk_session=")
    assert account_from_token(accounts, token, time.time()) == LAN


def test_a_new_session_with_the_cookie_is_signed_in(app, accounts, monkeypatch):
    token, _ = issue_token(accounts, "chuyenvien", time.time())
    browser_cookie(monkeypatch, token)
    at = app.run()
    at.switch_page("pages/staff/upload.py").run()
    assert not at.exception
    assert at.title[0].value == texts.UPLOAD_TITLE
    assert cookie_written(at) is None  # the browser has it already


def test_an_expired_cookie_leads_to_the_sign_in_page(app, accounts, monkeypatch):
    token, _ = issue_token(accounts, "chuyenvien", time.time() - config.SESSION_HOURS * 3600 - 1)
    browser_cookie(monkeypatch, token)
    at = app.run()
    at.switch_page("pages/staff/upload.py").run()
    assert at.title[0].value == texts.SIGNIN_TITLE


def test_signing_out_drops_the_cookie_and_ends_the_session_everywhere(app, accounts, monkeypatch):
    other_tab, _ = issue_token(accounts, "chuyenvien", time.time() - 1)
    at = sign_in(app.run())
    at.button(key="signout").click().run()
    assert "Expires=Thu, 01 Jan 1970 00:00:00 GMT" in cookie_written(at)
    assert account_from_token(accounts, other_tab, time.time()) is None
    browser_cookie(monkeypatch, other_tab)  # this session's own cookie no longer counts either
    at.switch_page("pages/staff/upload.py").run()
    assert at.title[0].value == texts.SIGNIN_TITLE
    events = [json.loads(line)["event"] for line in audit.audit_path(accounts).read_text().splitlines()]
    assert events == ["signin", "signout"]


def test_failures_and_the_lockout_are_recorded_without_the_password(app, accounts):
    at = app.run()
    for _ in range(auth.MAX_FAILURES + 1):
        at = sign_in(at, "sai-mat-khau")
    assert [e.value for e in at.error] == [texts.SIGNIN_LOCKED.format(minutes=5)]
    lines = [json.loads(line) for line in audit.audit_path(accounts).read_text().splitlines()]
    assert [e["event"] for e in lines] == ["signin_failed"] * 5 + ["lockout", "signin_failed"]
    assert lines[-1]["detail"].startswith("locked")
    assert "sai-mat-khau" not in audit.audit_path(accounts).read_text()
