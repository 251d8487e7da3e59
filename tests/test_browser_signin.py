"""A sign-in as a person lives it, in Debian's headless Chromium: it survives a reload and a new tab (same browser,
same cookies), and a bookmarked staff page opened signed out leads to the sign-in page and back to it.

The app runs on a database holding only the registry."""
import re

import pytest
from app_support import PASSWORD
from browser_support import app_on_copy
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIGNIN_TITLE = "Đăng nhập dành cho cán bộ"
UPLOAD_TITLE = "Tải lên báo cáo của các đơn vị"
WAIT = 60_000


@pytest.fixture
def server(registry_db_file, browser, tmp_path):
    """The app on the unit registry alone, with one staff account: the upload page needs nothing more."""
    with app_on_copy(registry_db_file, tmp_path, browser) as (url, _):
        yield url


def shows(page, text: str) -> None:
    page.get_by_text(text, exact=True).first.wait_for(timeout=WAIT)


def test_sign_in_survives_reload_and_new_tab_and_a_bookmark_comes_back(server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/upload")  # a bookmark, signed out
    shows(page, SIGNIN_TITLE)
    shows(page, 'Hãy đăng nhập để mở trang "Tải lên báo cáo".')
    assert "next=upload" in page.url
    expect(page.get_by_text("Page not found")).to_have_count(0)

    page.get_by_label("Tên đăng nhập").fill("chuyenvien", timeout=WAIT)
    page.get_by_label("Mật khẩu").fill(PASSWORD, timeout=WAIT)
    page.get_by_role("button", name="Đăng nhập").click()
    shows(page, UPLOAD_TITLE)  # back on the page asked for
    expect(page).to_have_url(re.compile(r"/upload(\?year=\d+)?$"), timeout=WAIT)  # "next" is gone
    page.wait_for_function("document.cookie.includes('dvk_session=')", timeout=WAIT)

    page.reload()
    shows(page, UPLOAD_TITLE)
    expect(page.get_by_text(SIGNIN_TITLE)).to_have_count(0)

    tab = context.new_page()  # same browser, same cookies
    tab.goto(f"{server}/upload")
    shows(tab, UPLOAD_TITLE)
    tab.locator("[data-testid=stSidebarNav] a", has_text="Lịch sử tải lên").click()
    tab.get_by_role("heading", name="Lịch sử tải lên").wait_for(timeout=WAIT)
    context.close()

    stranger = browser.new_context()  # another browser: no cookie, no sign-in
    other = stranger.new_page()
    other.goto(f"{server}/upload")
    shows(other, SIGNIN_TITLE)
    stranger.close()
