"""What a person sees: the app served by Streamlit, opened in Debian's headless Chromium.

Screenshots land in test-output/ for a human to look at; the assertions read the text on the page.
"""

import re

import pytest
from app_support import PASSWORD
from browser_support import CHART, GEOSHAPE, OUTPUT, VEGA_CHART, app_on_copy, assert_no_error, settled, shoot
from conftest import model_row
from playwright.sync_api import expect

from core import formats, geo, texts
from core.db import connect
from core.palette import ATTAINMENT_COLORS

pytestmark = pytest.mark.browser


EVIL = "http://127.0.0.1:9/evil"
EVIL_SHOWN = EVIL.replace("://", ":\u2060//")  # an invisible word joiner keeps a bare address from becoming a link
PAGES = {"": "Phong trào thi đua", "units": "Bảng theo dõi đơn vị", "profile": "Xã Tịnh Hòa",
         "fields": "Mô hình theo lĩnh vực", "commendations": "Khen thưởng"}
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
# Each commune drawn: its name (the first words of what a screen reader is told of it) and its fill.
COMMUNES_DRAWN = f"""c => [...c.querySelectorAll("{GEOSHAPE}")]
    .map(p => [p.getAttribute('aria-label').split('; ')[0], p.getAttribute('fill').toUpperCase()])"""


def open_page(browser, url: str, size: str):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PAGES)
def test_each_page_shows_its_content(demo_server, browser, demo_con, path, size):
    unit = demo_con.execute("SELECT unit_id FROM units WHERE name = 'Xã Tịnh Hòa'").fetchall()[0][0]
    page = open_page(browser, f"{demo_server}/{path}?year=2024&unit={unit}", size)
    page.get_by_text(PAGES[path]).first.wait_for(timeout=60_000)
    if path in ("", "fields", "commendations"):
        page.locator(CHART).first.wait_for(timeout=60_000)
    shoot(page, f"{path or 'overview'}_{size}")
    assert_no_error(page)
    page.close()


def test_overview_numbers_and_changing_the_year(demo_server, browser, demo_con):
    page = open_page(browser, f"{demo_server}/?year=2024", "desktop")
    page.get_by_text("Số liệu năm 2024").wait_for(timeout=60_000)
    settled(page)
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024").fetchall()[0][0]
    first_card = page.locator('[data-testid="stMetric"]').first
    expect(first_card).to_contain_text(texts.KPI_EXPECTED, timeout=60_000)  # the caption is drawn before the cards
    expect(first_card).to_contain_text(formats.number(expected))
    # one year by default; a range is a deliberate choice: 2024 → 2021–2024 → 2022–2024 → 2024 → 2023
    steps = ((lambda: page.get_by_text(texts.YEAR_MODE_RANGE, exact=True).click(), "2021-2024"),
             (lambda: page.get_by_role("slider").nth(0).press("ArrowRight"), "2022-2024"),
             (lambda: page.get_by_text(texts.YEAR_MODE_ONE, exact=True).click(), "2024"),
             (lambda: choose(page, texts.FILTER_YEAR_ONE, "2023"), "2023"))
    for act, years in steps:
        act()
        page.mouse.click(900, 700)  # let go of the slider: the app reruns with the new value
        page.wait_for_url(re.compile(f"year={years}($|&)"), timeout=60_000)
        settled(page)
    page.get_by_text("Số liệu năm 2023").wait_for(timeout=60_000)
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2023").fetchall()[0][0]
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text(formats.number(expected))
    assert "year=2023" in page.url
    shoot(page, "overview_year_changed")
    page.close()


def choose(page, label: str, option: str) -> None:
    """Picks an option of the select box with this label."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


@pytest.fixture
def own_server(demo_db, browser, tmp_path):
    """An app of its own for the test that writes, so no other test depends on running before or after it."""
    with app_on_copy(demo_db, tmp_path, browser) as served:
        yield served


def test_staff_signs_in_uploads_and_sees_the_result(own_server, browser, workbooks):
    server, db_file = own_server
    page = open_page(browser, f"{server}/signin", "desktop")
    page.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=60_000)  # the whole run is drawn
    page.get_by_label("Tên đăng nhập").fill("chuyenvien", timeout=60_000)
    page.get_by_label("Mật khẩu").fill(PASSWORD, timeout=60_000)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bạn đã đăng nhập với tên Nguyễn Thị Lan").wait_for(timeout=60_000)
    page.locator("[data-testid=stSidebarNav] a", has_text="Tải lên báo cáo").click()
    page.get_by_text("Tải lên báo cáo của các đơn vị").wait_for(timeout=60_000)
    good = workbooks.official("bo_sung_2026.xlsx", models=[model_row(unit="Sở Tư pháp", year=2026, name="Pháp luật gần dân")])
    bad = workbooks.raw("hong.xlsx", b"PK\x03\x04 khong phai bang tinh")
    page.locator('input[type="file"]').set_input_files([str(good), str(bad)])
    page.get_by_text("1 tệp hợp lệ, 1 tệp có lỗi, 0 tệp đã nạp trước đó.").wait_for(timeout=60_000)
    shoot(page, "upload_preview")
    page.get_by_role("button", name="Nạp các tệp đã chọn").click()
    page.get_by_text("Đã nạp 1 tệp. Bảng theo dõi đã cập nhật.").wait_for(timeout=60_000)
    shoot(page, "upload_done")
    page.locator("[data-testid=stSidebarNav] a", has_text="Lịch sử tải lên").click()
    page.get_by_text("Chi tiết một lần tải lên").wait_for(timeout=60_000)
    shoot(page, "history")
    con = connect(db_file, read_only=True)  # the app's own connections are short-lived readers
    try:
        assert con.execute("SELECT uploaded_by, status FROM uploads WHERE file_name = 'bo_sung_2026.xlsx'"
                           ).fetchall() == [("chuyenvien", "applied")]
    finally:
        con.close()
    page.close()


def the_map(page):
    chart = page.locator(VEGA_CHART).filter(has_text="Bản đồ 96 xã")
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    settled(page)
    return chart


@pytest.mark.parametrize("size", SIZES)
def test_commune_map(demo_server, browser, demo_con, size):
    page = open_page(browser, f"{demo_server}/?year=2026", size)
    page.get_by_text("Bản đồ 96 xã, phường, đặc khu hiện nay").wait_for(timeout=60_000)
    chart = the_map(page)
    expected = demo_con.execute("""SELECT n.name, COALESCE(a.attainment, 'Chưa nộp') FROM area_year a
        JOIN units n USING (unit_id) WHERE a.year = 2026 AND a.unit_group = 'Cấp xã' AND n.valid_to IS NULL""").fetchall()
    drawn = chart.evaluate(COMMUNES_DRAWN)
    assert len(drawn) == len(dict(drawn)) == 96  # one shape a commune, each named
    assert dict(drawn) == {name: ATTAINMENT_COLORS[state].upper() for name, state in expected}
    legend = chart.locator(".role-legend-label text").all_text_contents()
    assert legend == [s for s in texts.ATTAINMENT_LEVELS if s in {state for _, state in expected}]
    assert chart.get_by_text("Năm 2026", exact=True).count() == 1  # the year under the title
    biggest = max(geo.communes()["features"], key=lambda f: f["properties"]["area_km2"])["properties"]["name"]
    chart.locator(f"{GEOSHAPE}[aria-label^='{biggest};']").hover()
    tip = page.locator("#vg-tooltip-element")
    expect(tip).to_contain_text(biggest)
    expect(tip).to_contain_text(texts.MAP_LABELS["per_unit"])
    assert re.search(r"Mô hình/đơn vị\s*\d+(,\d+)?\s", tip.inner_text() + " "), tip.inner_text()  # 1,25, never 1.25
    OUTPUT.mkdir(exist_ok=True)
    chart.screenshot(path=str(OUTPUT / f"map_{size}.png"))
    page.close()


def test_switching_to_todays_boundaries(demo_server, browser, demo_con):
    page = open_page(browser, f"{demo_server}/?year=2024", "desktop")
    page.get_by_text("Số liệu năm 2024").wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("Quy đổi theo địa giới hiện nay", exact=True).click()
    page.get_by_text("Đang quy đổi theo địa giới hiện nay").wait_for(timeout=60_000)
    page.wait_for_url("**boundary=today*", timeout=60_000)
    settled(page)
    areas = demo_con.execute("SELECT COUNT(*) FROM area_year WHERE year = 2024").fetchall()[0][0]
    # the cards are redrawn after the caption: on a busy machine that took more than expect's 5 s
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text(formats.number(areas), timeout=60_000)
    shoot(page, "boundary_today_overview")
    page.close()


@pytest.mark.parametrize("size", SIZES)
def test_scorecard_and_map_in_todays_boundaries(demo_server, browser, size):
    page = open_page(browser, f"{demo_server}/units?year=2021-2026&boundary=today&district=Huyện Trà Bồng", size)
    page.get_by_text("Đang quy đổi theo địa giới hiện nay").wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    shoot(page, f"boundary_today_units_{size}")
    assert_no_error(page)
    page.close()
    page = open_page(browser, f"{demo_server}/?year=2024&boundary=today", size)
    chart = the_map(page)
    assert len(chart.evaluate(COMMUNES_DRAWN)) == 96
    assert_no_error(page)
    OUTPUT.mkdir(exist_ok=True)
    chart.screenshot(path=str(OUTPUT / f"boundary_today_map_2024_{size}.png"))
    page.close()


def test_a_map_click_and_a_scorecard_row_open_the_profile_in_the_same_mode(demo_server, browser, demo_con):
    page = open_page(browser, f"{demo_server}/?year=2024&boundary=today", "desktop")
    chart = the_map(page)
    name = "Xã Ba Tơ"
    chart.locator(f"{GEOSHAPE}[aria-label^='{name};']").click()
    page.wait_for_url("**/profile?unit=*", timeout=60_000)
    assert "boundary=today" in page.url and "year=2024" in page.url
    unit_id = int(page.url.split("unit=")[1].split("&")[0])
    assert demo_con.execute("SELECT name FROM units WHERE unit_id = ?", [unit_id]).fetchall()[0][0] == name
    page.get_by_role("heading", name=name, level=1).wait_for(timeout=60_000)  # h2: the tooltip still shown
    page.close()

    page = open_page(browser, f"{demo_server}/units?year=2021-2026&boundary=today&district=Huyện Trà Bồng", "desktop")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    settled(page)
    grid.locator("canvas").first.wait_for(timeout=60_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 + 17)  # the second row's checkbox (rows are 35 px)
    page.wait_for_url("**/profile?unit=*", timeout=60_000)
    page.get_by_role("heading", name="Xã Cà Đam").wait_for(timeout=60_000)  # rows sort by name
    shoot(page, "boundary_today_profile_from_scorecard")
    page.close()


def test_url_parameters_are_shown_as_text_never_as_links_or_images(demo_server, browser):
    url = demo_server
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.url.startswith(EVIL) else None)
    page.goto(f"{url}/profile?district=[bấm vào đây]({EVIL})&unit=![x]({EVIL}.png)")
    page.get_by_text(f"[bấm vào đây]({EVIL_SHOWN})").wait_for(timeout=60_000)  # shown as typed
    page.get_by_text(f"![x]({EVIL_SHOWN}.png)").wait_for(timeout=60_000)
    assert page.locator(f'a[href^="{EVIL}"]').count() == 0
    assert page.locator(f'img[src^="{EVIL}"]').count() == 0
    assert fetched == []
    assert_no_error(page)
