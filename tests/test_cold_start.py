"""The README's first command as a new user meets it: no database file, the app builds the demo while two people
open it, then every page in a second browser, a filter change and a reload in the first. Nothing shows an error.
(This is the test that would have caught the CacheReplayClosureError of the first start.) The app builds the small
demo here (DVK_DEMO_SIZE=small, about 15 s): the same build, thread and progress as the full one, with fewer files."""
import pytest
from browser_support import assert_no_error, running_app, shoot

from core import texts

pytestmark = pytest.mark.browser

BUILD_MINUTES = 5
PAGES = {"": "Phong trào thi đua", "units": texts.UNITS_TITLE, "profile": texts.PROFILE_PICK,
         "fields": texts.FIELDS_TITLE, "commendations": texts.COMMENDATIONS_TITLE, "signin": texts.SIGNIN_TITLE}


@pytest.fixture
def cold_app(tmp_path):
    with running_app(tmp_path, DVK_DB=str(tmp_path / "data" / "dvk.duckdb"), DVK_DEMO_SIZE="small",
                     DVK_ACCOUNTS=str(tmp_path / "accounts.json")) as (url, log):
        yield url, log


def test_first_start_with_two_visitors(cold_app, browser):
    url, log = cold_app
    first = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    first.goto(url)
    first.get_by_text(texts.BUILDING_DEMO).wait_for(timeout=60_000)
    second = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone, meanwhile
    second.goto(url)
    second.get_by_text(texts.BUILDING_DEMO).wait_for(timeout=60_000)
    shoot(second, "cold_start_building_390")

    first.get_by_text("Phong trào thi đua").wait_for(timeout=BUILD_MINUTES * 60_000)
    second.get_by_text("Phong trào thi đua").wait_for(timeout=120_000)
    assert_no_error(first)
    assert_no_error(second)

    for path, title in PAGES.items():  # every page, in the second browser
        second.goto(f"{url}/{path}")
        second.get_by_text(title).first.wait_for(timeout=60_000)
        second.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=60_000)  # the whole run is drawn
        assert_no_error(second)
    shoot(second, "cold_start_signin_390")

    sidebar = first.locator('[data-testid="stSidebar"]')  # the first changes a filter, then reloads
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text=texts.FILTER_DISTRICT).click()
    first.get_by_role("option").nth(1).click()
    first.wait_for_url("**district=*", timeout=60_000)
    first.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=60_000)
    assert_no_error(first)
    first.reload()
    first.get_by_text("Phong trào thi đua").wait_for(timeout=60_000)
    assert_no_error(first)
    shoot(first, "cold_start_after_filter_1440")
    assert "CacheReplayClosureError" not in log.read_text(errors="replace")
