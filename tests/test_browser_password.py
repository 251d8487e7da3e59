"""A first sign-in with a one-time password, as a person lives it in Debian's headless Chromium: whatever page is
opened shows only Đổi mật khẩu; once changed, the page asked for opens, and a reload keeps the sign-in (the
browser holds the new session cookie, the old one died with the old password)."""
import re

import pytest
from app_support import STAFF_USER
from browser_support import app_on_copy, assert_no_error, shoot
from playwright.sync_api import expect

from core import auth, texts
from core.auth import Account

pytestmark = pytest.mark.browser

WAIT = 60_000
NEW_PASSWORD = "mat-khau-cua-lan"


@pytest.fixture
def server(registry_db_file, browser, tmp_path):
    """The app on the unit registry alone; its staff account was just given a one-time password."""
    with app_on_copy(registry_db_file, tmp_path, browser) as (url, _):
        one_time = auth.reset_password(tmp_path / "accounts.json", STAFF_USER, Account("quantri", "admin", "Quản trị"))
        yield url, one_time


def shows(page, text: str) -> None:
    page.get_by_text(text, exact=True).first.wait_for(timeout=WAIT)


def session_cookie(page) -> str:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "dvk_session"), "")


def test_a_one_time_password_must_be_changed_then_the_app_opens_and_a_reload_keeps_it(server, browser):
    url, one_time = server
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/upload")
    shows(page, texts.SIGNIN_TITLE)
    page.get_by_label(texts.SIGNIN_USER).fill(STAFF_USER, timeout=WAIT)
    page.get_by_label(texts.SIGNIN_PASSWORD).fill(one_time, timeout=WAIT)
    page.get_by_role("button", name=texts.SIGNIN_BUTTON).click()
    page.get_by_role("heading", name=texts.PASSWORD_TITLE).wait_for(timeout=WAIT)
    expect(page).to_have_url(re.compile(r"/password\?.*next=upload"), timeout=WAIT)
    page.wait_for_function("document.cookie.includes('dvk_session=')", timeout=WAIT)
    first_cookie = session_cookie(page)

    other = context.new_page()  # another page opened directly, with the cookie: still only Đổi mật khẩu
    other.goto(f"{url}/history")
    other.get_by_role("heading", name=texts.PASSWORD_TITLE).wait_for(timeout=WAIT)
    expect(other.get_by_role("heading", name=texts.HISTORY_TITLE)).to_have_count(0)
    expect(other.locator("[data-testid=stSidebarNav] a", has_text=texts.PAGE_UPLOAD)).to_have_count(0)
    other.close()

    page.get_by_label(texts.PASSWORD_OLD_ONE_TIME).fill(one_time)
    page.get_by_label(texts.PASSWORD_NEW.format(n=8)).fill("ngan")
    page.get_by_label(texts.PASSWORD_AGAIN).fill("ngan")
    page.get_by_role("button", name=texts.PASSWORD_BUTTON).click()
    shows(page, texts.ACCOUNT_PASSWORD_SHORT.format(n=8))
    shoot(page, "password_first_signin")

    page.get_by_label(texts.PASSWORD_OLD_ONE_TIME).fill(one_time)
    page.get_by_label(texts.PASSWORD_NEW.format(n=8)).fill(NEW_PASSWORD)
    page.get_by_label(texts.PASSWORD_AGAIN).fill(NEW_PASSWORD)
    page.get_by_role("button", name=texts.PASSWORD_BUTTON).click()
    page.get_by_role("heading", name=texts.UPLOAD_TITLE).wait_for(timeout=WAIT)  # on to the page asked for
    expect(page).to_have_url(re.compile(r"/upload(\?year=\d+)?$"), timeout=WAIT)
    page.wait_for_function(f"!document.cookie.includes('dvk_session={first_cookie}')", timeout=WAIT)
    assert_no_error(page)

    page.reload()
    page.get_by_role("heading", name=texts.UPLOAD_TITLE).wait_for(timeout=WAIT)
    expect(page.get_by_role("heading", name=texts.PASSWORD_TITLE)).to_have_count(0)
    expect(page.get_by_text(texts.SIGNIN_TITLE)).to_have_count(0)
    page.locator("[data-testid=stSidebarNav] a", has_text=texts.PAGE_PASSWORD).wait_for(timeout=WAIT)
    context.close()
