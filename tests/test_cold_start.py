"""The README's first command as a new user meets it: no database file, the app builds the demo while two people
open it, then every page in a second browser, a filter change and a reload in the first. Nothing shows an error.
(This is the test that would have caught the CacheReplayClosureError of the first start; it takes minutes.)"""
import pytest
from browser_support import assert_no_error, chromium_browser, running_app, shoot

from core import texts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BUILD_MINUTES = 15
PAGES = {"": "Phong trào thi đua", "units": texts.UNITS_TITLE, "profile": texts.PROFILE_PICK,
         "fields": texts.FIELDS_TITLE, "commendations": texts.COMMENDATIONS_TITLE, "signin": texts.SIGNIN_TITLE}
EVIL = "http://127.0.0.1:9/evil"
EVIL_SHOWN = EVIL.replace("://", ":\u2060//")  # an invisible word joiner keeps a bare address from becoming a link


@pytest.fixture(scope="module")
def cold_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cold")
    with running_app(folder, DVK_DB=str(folder / "data" / "dvk.duckdb"),
                     DVK_ACCOUNTS=str(folder / "accounts.json")) as (url, log):
        yield url, log


@pytest.fixture(scope="module")
def chromium():
    with chromium_browser() as launched:
        yield launched


def test_first_start_with_two_visitors(cold_app, chromium):
    url, log = cold_app
    first = chromium.new_context(viewport={"width": 1440, "height": 900}).new_page()
    first.goto(url)
    first.get_by_text(texts.BUILDING_DEMO).wait_for(timeout=60_000)
    second = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone, meanwhile
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
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    first.get_by_role("option").nth(1).click()
    first.wait_for_url("**district=*", timeout=60_000)
    first.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=60_000)
    assert_no_error(first)
    first.reload()
    first.get_by_text("Phong trào thi đua").wait_for(timeout=60_000)
    assert_no_error(first)
    shoot(first, "cold_start_after_filter_1440")
    assert "CacheReplayClosureError" not in log.read_text(errors="replace")


def test_url_parameters_are_shown_as_text_never_as_links_or_images(cold_app, chromium):
    url, _ = cold_app
    page = chromium.new_context(viewport={"width": 1440, "height": 900}).new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.url.startswith(EVIL) else None)
    page.goto(f"{url}/profile?district=[bấm vào đây]({EVIL})&unit=![x]({EVIL}.png)")
    page.get_by_text(f"[bấm vào đây]({EVIL_SHOWN})").wait_for(timeout=15 * 60_000)  # shown as typed
    page.get_by_text(f"![x]({EVIL_SHOWN}.png)").wait_for(timeout=60_000)
    assert page.locator(f'a[href^="{EVIL}"]').count() == 0
    assert page.locator(f'img[src^="{EVIL}"]').count() == 0
    assert fetched == []
    assert_no_error(page)
