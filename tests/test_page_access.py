"""Every page that needs an account, opened directly by every role (AppTest, the page switched to by its file as a
typed URL would): the roles core/scope.py allows get the page, the others only the refusal; a session whose state
is forged (a made-up token, a role written into session_state) gets nothing more than an anonymous visitor."""
import time

import pytest
from streamlit.testing.v1 import AppTest

from core import auth, config, scope, texts
from core.scope import ADMIN, REVIEWER, STAFF, UNIT, Scope
from dashboard.signin import TOKEN_KEY

pytestmark = pytest.mark.slow

PASSWORD = "mat-khau-dai"
PAGES = {  # the page file and the action it needs
    "pages/unit/my_report.py": scope.SUBMIT_OWN,
    "pages/review/queue.py": scope.REVIEW,
    "pages/staff/upload.py": scope.BATCH,
    "pages/staff/history.py": scope.BATCH,
    "pages/staff/tracking.py": scope.TRACK,
    "pages/admin/cycle.py": scope.LOCK,
    "pages/admin/accounts.py": scope.ACCOUNTS,
    "pages/admin/audit.py": scope.AUDIT,
}
ACCOUNTS = {ADMIN: Scope(), REVIEWER: Scope(districts=("Huyện Bình Sơn",)), STAFF: Scope(),
            UNIT: Scope(units=("21187",))}


@pytest.fixture
def app_as(db_path, tmp_path, monkeypatch):
    """The app in AppTest with one account per role; `app_as(role)` is a session signed in as that role."""
    accounts = tmp_path / "accounts.json"
    for role, where in ACCOUNTS.items():
        auth.add_account(accounts, f"tk-{role}", PASSWORD, role, f"Tài khoản {role}", scope=where)
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)

    def make(role: str | None, state: dict | None = None) -> AppTest:
        at = AppTest.from_file("../app.py", default_timeout=60)
        if role is not None:
            at.session_state[TOKEN_KEY] = auth.issue_token(accounts, f"tk-{role}", time.time())[0]
        for key, value in (state or {}).items():
            at.session_state[key] = value
        return at
    return make


def warnings_of(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("role", list(ACCOUNTS))
@pytest.mark.parametrize("page", list(PAGES))
def test_each_role_opens_only_the_pages_it_may(app_as, role, page):
    at = app_as(role).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    if scope.allowed(role, PAGES[page]):
        assert texts.NOT_ALLOWED not in warnings_of(at)
    else:
        assert warnings_of(at) == [texts.NOT_ALLOWED]
        assert not at.main.button and not at.main.get("file_uploader") and not at.main.get("dataframe")


@pytest.mark.parametrize("forged", [
    {TOKEN_KEY: "gia-mao"},
    {"role": ADMIN, "user": "tk-admin", "account": "tk-admin"},
])
def test_a_forged_session_state_is_an_anonymous_visitor(app_as, forged):
    at = app_as(None, forged).run()
    at.switch_page("pages/admin/accounts.py").run()
    assert not at.exception
    assert at.query_params.get("next") == "accounts"  # sent to the sign-in page, which keeps the way back
    assert at.get("text_input")  # the sign-in form, nothing of the accounts page
    assert texts.PAGE_ACCOUNTS not in [t.value for t in at.title]
