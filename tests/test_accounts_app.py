"""The Tài khoản and Đổi mật khẩu pages in AppTest: an admin creates, locks, resets, changes scope and makes the unit
accounts; anyone else is refused, a forged session included; an account on a one-time password sees nothing but
Đổi mật khẩu until it has changed it."""
import io
import time

import openpyxl
import pytest
from app_support import PASSWORD, STAFF_NAME, STAFF_USER
from streamlit.testing.v1 import AppTest

from core import auth, config, texts
from core.auth import Throttle
from core.db import connect
from core.scope import Scope
from dashboard.accounts_admin import UNIT_FILE

pytestmark = pytest.mark.slow

ADMIN_USER, ADMIN_NAME = "quantri", "Trần Văn Quản"
ACCOUNTS_PAGE, PASSWORD_PAGE = "pages/admin/accounts.py", "pages/staff/password.py"


@pytest.fixture
def app(db_path, tmp_path, monkeypatch):
    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, ADMIN_USER, PASSWORD, "admin", ADMIN_NAME)
    auth.add_account(accounts, STAFF_USER, PASSWORD, "staff", STAFF_NAME, Scope(districts=("Huyện Ba Tơ",)))
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    return AppTest.from_file("../app.py", default_timeout=60)


def signed_in(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    at.run()
    at.switch_page("pages/staff/signin.py").run()
    at.text_input(key="signin_user").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def admin_page(app: AppTest) -> AppTest:
    at = signed_in(app, ADMIN_USER)
    at.switch_page(ACCOUNTS_PAGE).run()
    assert at.title[0].value == texts.ACCOUNTS_TITLE
    return at


def entry(username: str) -> dict:
    return auth.read_accounts(config.ACCOUNTS_PATH)[username]


def verifies(username: str, password: str) -> bool:
    return auth.verify(auth.read_accounts(config.ACCOUNTS_PATH), Throttle(auth.state_path(config.ACCOUNTS_PATH)),
                       username, password).account is not None


def choose(at: AppTest, username: str) -> AppTest:
    at.selectbox(key="chosen_account").select(username).run()
    return at


def test_the_list_shows_every_account_in_vietnamese_order_without_hashes(app):
    auth.add_account(config.ACCOUNTS_PATH, "dak", PASSWORD, "unit", "Xã Đăk Tô", Scope(units=("23311",)))
    auth.add_account(config.ACCOUNTS_PATH, "dinh", PASSWORD, "staff", "Đinh Văn Hùng")
    at = admin_page(app)
    table = at.dataframe[0].value
    assert list(table.columns) == texts.ACCOUNT_COLUMNS
    assert table["Tên hiển thị"].tolist() == ["Đinh Văn Hùng", "Nguyễn Thị Lan", "Trần Văn Quản", "Xã Đăk Tô"]
    lan = table[table["Tên đăng nhập"] == STAFF_USER].iloc[0].tolist()
    assert lan == [STAFF_USER, STAFF_NAME, "cán bộ", "Huyện Ba Tơ", "Đang dùng", "Không"]
    assert not table.apply(lambda column: column.astype(str).str.contains("argon2")).any().any()
    at.text_input(key="accounts_search").input("dak to").run()
    assert at.dataframe[0].value["Tên đăng nhập"].tolist() == ["dak"]


def test_create_an_account_with_its_scope_and_see_the_password_once(app):
    at = admin_page(app)
    at.text_input(key="new_username").input("Lan.Tran")
    at.text_input(key="new_name").input("Trần Thị Lan")
    assert at.selectbox(key="new_role").options == ["quản trị", "người duyệt", "cán bộ", "đơn vị"]  # no English codes
    at.selectbox(key="new_role").select("reviewer").run()
    at.multiselect(key="new_districts").select("Huyện Sơn Tịnh").select("Huyện Ba Tơ")
    at.multiselect(key="new_units").select("T51-01")
    at.button(key="create_account").click().run()
    assert not at.exception and not at.error
    [shown] = [c.value for c in at.code]
    assert [w.value for w in at.warning] == [texts.ONE_TIME_SHOWN.format(user="lan.tran")]
    created = entry("lan.tran")
    assert (created["role"], created["display_name"], created["must_change"]) == ("reviewer", "Trần Thị Lan", True)
    assert created["scope"] == {"districts": ["Huyện Sơn Tịnh", "Huyện Ba Tơ"], "units": ["T51-01"]}
    assert verifies("lan.tran", shown)
    assert at.text_input(key="new_username").value == ""
    at.run()
    assert not at.code  # shown once
    assert "lan.tran" in at.dataframe[0].value["Tên đăng nhập"].tolist()


def test_a_unit_account_needs_its_unit_and_a_taken_name_is_refused(app):
    at = admin_page(app)
    at.text_input(key="new_username").input("xa")
    at.selectbox(key="new_role").select("unit").run()
    assert not at.multiselect  # one unit, by a select box
    at.button(key="create_account").click().run()
    assert [e.value for e in at.error] == [texts.ACCOUNT_UNIT_SCOPE]
    at.text_input(key="new_username").input(STAFF_USER)
    at.selectbox(key="new_unit").select("21040")
    at.button(key="create_account").click().run()
    assert [e.value for e in at.error] == [texts.ACCOUNT_EXISTS.format(user=STAFF_USER)]
    assert not at.code and set(auth.read_accounts(config.ACCOUNTS_PATH)) == {ADMIN_USER, STAFF_USER}


def test_lock_and_unlock_an_account_but_never_ones_own(app):
    at = choose(admin_page(app), STAFF_USER)
    assert at.button(key="toggle_account").label == texts.ACCOUNT_DISABLE
    at.button(key="toggle_account").click().run()
    assert [s.value for s in at.success] == [texts.ACCOUNT_DISABLED.format(user=STAFF_USER)]
    assert entry(STAFF_USER)["disabled"] is True and not verifies(STAFF_USER, PASSWORD)
    assert at.button(key="toggle_account").label == texts.ACCOUNT_ENABLE
    at.button(key="toggle_account").click().run()
    assert "disabled" not in entry(STAFF_USER) and verifies(STAFF_USER, PASSWORD)
    choose(at, ADMIN_USER).button(key="toggle_account").click().run()
    assert [e.value for e in at.error] == [texts.ACCOUNT_SELF_DISABLE]
    assert "disabled" not in entry(ADMIN_USER)


def test_a_reset_shows_a_new_one_time_password_and_ends_the_accounts_sessions(app):
    token, _ = auth.issue_token(config.ACCOUNTS_PATH, STAFF_USER, time.time())  # Lan signed in elsewhere
    at = choose(admin_page(app), STAFF_USER)
    at.button(key="reset_password").click().run()
    [shown] = [c.value for c in at.code]
    assert [w.value for w in at.warning] == [texts.ONE_TIME_SHOWN.format(user=STAFF_USER)]
    assert auth.account_from_token(config.ACCOUNTS_PATH, token, time.time()) is None
    assert verifies(STAFF_USER, shown) and not verifies(STAFF_USER, PASSWORD)
    assert entry(STAFF_USER)["must_change"] is True
    at.run()
    assert not at.code


def test_change_role_and_scope_but_not_ones_own_admin_role(app):
    at = choose(admin_page(app), STAFF_USER)
    prefix = f"edit_{STAFF_USER}"
    assert at.multiselect(key=f"{prefix}_districts").value == ["Huyện Ba Tơ"]  # what the account has
    at.selectbox(key=f"{prefix}_role").select("reviewer").run()
    at.multiselect(key=f"{prefix}_districts").unselect("Huyện Ba Tơ").select("Huyện Sơn Tịnh")
    at.multiselect(key=f"{prefix}_groups").select("Cấp xã")
    at.button(key="save_account").click().run()
    assert [s.value for s in at.success] == [texts.ACCOUNT_SAVED.format(user=STAFF_USER)]
    assert (entry(STAFF_USER)["role"], entry(STAFF_USER)["scope"]) == (
        "reviewer", {"districts": ["Huyện Sơn Tịnh"], "groups": ["Cấp xã"]})
    choose(at, ADMIN_USER).selectbox(key=f"edit_{ADMIN_USER}_role").select("staff").run()
    at.button(key="save_account").click().run()
    assert [e.value for e in at.error] == [texts.ACCOUNT_SELF_DEMOTE]
    assert entry(ADMIN_USER)["role"] == "admin"


def test_the_bulk_button_gives_the_file_of_one_time_passwords(app, db_path):
    at = admin_page(app)
    at.button(key="make_unit_accounts").click().run()
    assert not at.exception
    con = connect(db_path, read_only=True)
    codes = {c for (c,) in con.execute("SELECT code FROM units WHERE valid_to IS NULL").fetchall()}
    con.close()
    n, data, _ = at.session_state[UNIT_FILE]
    assert n == len(codes)
    assert [w.value for w in at.warning] == [texts.UNIT_ACCOUNTS_READY.format(n=n)]
    assert [b.proto.label for b in at.get("download_button")] == [texts.UNIT_ACCOUNTS_DOWNLOAD]
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=3, values_only=True))
    assert {r[2] for r in rows} == codes and len(rows) == len(codes)
    assert verifies(rows[0][5], rows[0][6]) and entry(rows[0][5])["must_change"] is True
    assert all(r[6] not in str(at.main) for r in rows)  # the passwords never on the page
    assert at.button(key="make_unit_accounts").disabled  # every unit has one now
    at.button(key="forget_unit_accounts").click().run()
    assert UNIT_FILE not in at.session_state and not at.get("download_button")


ACTION_KEYS = {"create_account", "make_unit_accounts", "toggle_account", "reset_password", "save_account"}


@pytest.mark.parametrize("forged, titles, warning", [
    # a staff account's real token: signed in, but not an admin
    (lambda: auth.issue_token(config.ACCOUNTS_PATH, STAFF_USER, time.time())[0], [], texts.NOT_ALLOWED),
    # an admin's token with its signature altered: nobody, so the sign-in page
    (lambda: auth.issue_token(config.ACCOUNTS_PATH, ADMIN_USER, time.time())[0][:-3] + "xyz",
     [texts.SIGNIN_TITLE], texts.STAFF_ONLY),
])
def test_the_accounts_page_refuses_anyone_but_an_admin_even_by_direct_switch(app, forged, titles, warning):
    app.session_state["session_token"] = forged()
    at = app.run()
    at.switch_page(ACCOUNTS_PAGE).run()
    assert not at.exception
    assert [t.value for t in at.title] == titles  # refused before the page's title; or sent to sign in
    assert [w.value for w in at.warning] == ([] if titles else [warning])
    assert not at.dataframe and not {b.key for b in at.button} & ACTION_KEYS
    direct = AppTest.from_file(f"../{ACCOUNTS_PAGE}", default_timeout=60)  # not through app.py at all
    direct.session_state["session_token"] = forged()
    direct.run()
    assert [w.value for w in direct.warning] == [warning] and not direct.dataframe and not direct.button


def test_a_one_time_password_allows_nothing_but_changing_it(app):
    one_time = auth.reset_password(config.ACCOUNTS_PATH, STAFF_USER, auth.Account(ADMIN_USER, "admin", ADMIN_NAME))
    at = signed_in(app, STAFF_USER, one_time)
    assert at.title[0].value == texts.PASSWORD_TITLE
    at.switch_page("pages/staff/upload.py").run()  # whatever page is asked for
    assert at.title[0].value == texts.PASSWORD_TITLE and at.query_params["next"] == "upload"
    assert not at.get("file_uploader")
    assert [i.value for i in at.info] == [texts.PASSWORD_MUST_CHANGE.format(name=STAFF_NAME)]
    for old, new, again, message in ((one_time, "ngan", "ngan", texts.ACCOUNT_PASSWORD_SHORT.format(n=8)),
                                     (one_time, one_time, one_time, texts.ACCOUNT_PASSWORD_SAME),
                                     ("sai-mat-khau", "mat-khau-moi-1", "mat-khau-moi-1",
                                      texts.ACCOUNT_OLD_PASSWORD_WRONG)):
        fill_password(at, old, new, again)
        assert [e.value for e in at.error] == [message]
        assert at.title[0].value == texts.PASSWORD_TITLE
    fill_password(at, one_time, "mat-khau-cua-lan", "mat-khau-cua-lan")
    assert not at.exception
    assert at.title[0].value == texts.UPLOAD_TITLE  # on to the page asked for
    assert entry(STAFF_USER)["must_change"] is False and verifies(STAFF_USER, "mat-khau-cua-lan")


def fill_password(at: AppTest, old: str, new: str, again: str) -> None:
    for key, value in zip(("password_old", "password_new", "password_again"), (old, new, again)):
        at.text_input(key=key).input(value)
    next(b for b in at.button if b.form_id == "change_password").click().run()  # the form's submit button


def test_a_page_run_directly_refuses_an_account_on_a_one_time_password(app):
    auth.reset_password(config.ACCOUNTS_PATH, STAFF_USER, auth.Account(ADMIN_USER, "admin", ADMIN_NAME))
    direct = AppTest.from_file("../pages/staff/upload.py", default_timeout=60)
    direct.session_state["session_token"] = auth.issue_token(config.ACCOUNTS_PATH, STAFF_USER, time.time())[0]
    direct.run()
    assert [w.value for w in direct.warning] == [texts.PASSWORD_CHANGE_FIRST]
    assert not direct.get("file_uploader")


def test_any_account_changes_its_password_from_the_sidebar_page_and_stays_signed_in(app):
    elsewhere, _ = auth.issue_token(config.ACCOUNTS_PATH, STAFF_USER, time.time())
    at = signed_in(app, STAFF_USER)
    at.switch_page(PASSWORD_PAGE).run()
    assert [c.value for c in at.caption if c.value == texts.PASSWORD_HELP]
    fill_password(at, PASSWORD, "mat-khau-moi-1", "mat-khau-moi-1")
    assert [s.value for s in at.success] == [texts.PASSWORD_DONE]
    assert auth.account_from_token(config.ACCOUNTS_PATH, elsewhere, time.time()) is None  # other sessions end
    at.switch_page("pages/staff/upload.py").run()  # this one goes on
    assert at.title[0].value == texts.UPLOAD_TITLE
