"""Phone first, as a leader sees it: Debian's Chromium emulating a 390 px touch phone (and a 1440 px desktop for the
same features), on the small demo. Screenshots land in test-output/ (phone_*.png)."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import BAR, CHART, GEOSHAPE, OUTPUT, VEGA_CHART, assert_no_error, settled, shoot

from core import texts

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
PAGES = {"overview": "", "units": "units", "profile": "profile", "fields": "fields", "commendations": "commendations"}


def open_app(browser, url: str, device: dict):
    context = browser.new_context(**device)
    page = context.new_page()
    page.goto(url)
    page.get_by_text("Dữ liệu cập nhật lúc").wait_for(timeout=60_000, state="attached")
    if "/units" not in url:  # a chart (Vega-Lite)
        page.locator(CHART).first.wait_for(timeout=60_000)
    settled(page)
    return context, page


def sidebar_open(page) -> bool:
    return page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "false"


def centre(locator) -> tuple[float, float]:
    locator.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_kpi_cards_two_a_row_on_a_phone_one_row_on_a_desktop(demo_server, browser):
    for device, per_row in ((PHONE, 2), (DESKTOP, 5)):
        context, page = open_app(browser, f"{demo_server}/?year=2024", device)
        boxes = [card.bounding_box() for card in page.locator('[data-testid="stMetric"]').all()]
        assert len(boxes) == 5
        tops = sorted({round(b["y"]) for b in boxes})
        assert [sum(round(b["y"]) == top for b in boxes) for top in tops][0] == per_row
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= device["viewport"]["width"] for b in boxes)
        assert_no_error(page)
        context.close()


CUT_SHORT = """() => [...document.querySelectorAll('[data-testid="stMetric"] .stMarkdownEllipsis')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def test_no_words_on_a_kpi_card_are_cut_short_on_a_phone(demo_server, browser):
    """2025 is the year of the reorganisation: the count of units due changes "do sắp xếp ĐVHC", which ended in
    "…" beside its change on a phone before the line could wrap."""
    context, page = open_app(browser, f"{demo_server}/?year=2025", PHONE)
    assert texts.KPI_DELTA_REORG in page.locator('[data-testid="stMetricDeltaDescription"]').first.inner_text()
    assert page.evaluate(CUT_SHORT) == []
    shoot(page, "phone_kpi_cards_2025")
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_page_has_chips_a_copy_link_and_no_toolbar_over_a_heading(demo_server, browser, demo_con, name):
    unit = demo_con.execute("SELECT unit_id FROM units WHERE name = 'Xã Tịnh Hòa'").fetchall()[0][0]
    context, page = open_app(browser, f"{demo_server}/{PAGES[name]}?year=2024&unit={unit}", PHONE)
    chips = page.locator(".st-key-filter_chips")
    assert "Năm 2024" in chips.inner_text()
    page.get_by_role("button", name=texts.COPY_LINK).wait_for(timeout=30_000)  # visible
    page.get_by_role("button", name=texts.OPEN_FILTERS).wait_for(timeout=30_000)
    assert not sidebar_open(page)
    for element in (VEGA_CHART, '[data-testid="stDataFrame"]'):
        if page.locator(element).count():
            page.touchscreen.tap(*centre(page.locator(element).first))  # a tap is a phone's hover
            page.wait_for_timeout(300)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0  # no plotly.js to load on a phone
    assert not any(t.is_visible() for t in page.locator('[data-testid="stElementToolbar"]').all())
    shoot(page, f"phone_{name}")
    assert_no_error(page)
    context.close()


def test_on_a_phone_the_filters_open_from_the_bar_and_close_after_a_choice(demo_server, browser):
    context, page = open_app(browser, f"{demo_server}/?year=2024", PHONE)
    page.get_by_role("button", name=texts.OPEN_FILTERS).click()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'")
    page.wait_for_timeout(500)  # the sidebar slides in (300 ms)
    district = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text=texts.FILTER_DISTRICT)
    for _ in range(3):  # a click while the sidebar still moves may miss the box
        district.click()
        if page.get_by_role("option", name="Huyện Sơn Tịnh").count():
            break
        page.wait_for_timeout(1000)
    page.get_by_role("option", name="Huyện Sơn Tịnh").click()
    page.wait_for_url(re.compile("district=Huy"), timeout=60_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'",
                           timeout=30_000)
    settled(page)
    assert "Khu vực (huyện cũ): Huyện Sơn Tịnh" in page.locator(".st-key-filter_chips").inner_text()
    context.close()


def test_copy_link_puts_the_page_with_its_filters_on_the_clipboard(demo_server, browser):
    context, page = open_app(browser, f"{demo_server}/fields?year=2023-2024&district=Huyện Trà Bồng", PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_server)
    page.get_by_role("button", name=texts.COPY_LINK).click()
    page.get_by_role("button", name=texts.COPY_LINK_DONE).wait_for(timeout=10_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and copied.startswith(f"{demo_server}/fields?")
    assert parse_qs(urlsplit(copied).query) == {"year": ["2023-2024"], "district": ["Huyện Trà Bồng"]}
    context.close()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_tap_on_a_khu_vuc_bar_opens_its_units(demo_server, browser, device):
    context, page = open_app(browser, f"{demo_server}/?year=2024", PHONE if device == "phone" else DESKTOP)
    chart = page.locator(VEGA_CHART).filter(has_text="Kết quả thực hiện chỉ tiêu theo khu vực")
    bar = chart.locator(f"{BAR}[aria-label^='Huyện Trà Bồng · ']").first  # a part of its stacked bar, as a screen reader hears it
    x, y = centre(bar)
    page.touchscreen.tap(x, y) if device == "phone" else page.mouse.click(x, y)
    page.wait_for_url("**/units?*", timeout=60_000)
    assert parse_qs(urlsplit(page.url).query) == {"year": ["2024"], "district": ["Huyện Trà Bồng"]}
    page.get_by_role("heading", name=texts.UNITS_TITLE).wait_for(timeout=60_000)
    settled(page)
    assert "Huyện Trà Bồng" in page.locator(".st-key-filter_chips").inner_text()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"phone_drill_{device}.png"))
    assert_no_error(page)
    context.close()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_tap_on_a_commune_opens_its_profile(demo_server, browser, demo_con, device):
    context, page = open_app(browser, f"{demo_server}/fields?year=2024", PHONE if device == "phone" else DESKTOP)
    chart = page.locator(VEGA_CHART).filter(has_text="Bản đồ 96 xã")
    name = "Xã Ba Tơ"  # a large commune: its middle is inside it at 390 px too
    x, y = centre(chart.locator(f"{GEOSHAPE}[aria-label^='{name};']"))
    page.touchscreen.tap(x, y) if device == "phone" else page.mouse.click(x, y)
    page.wait_for_url("**/profile?*", timeout=60_000)
    unit_id = demo_con.execute("SELECT unit_id FROM units WHERE name = ?", [name]).fetchall()[0][0]
    assert parse_qs(urlsplit(page.url).query) == {"year": ["2024"], "unit": [str(unit_id)]}
    page.get_by_role("heading", name=name, level=1).wait_for(timeout=60_000)  # h2: the tooltip still shown
    assert_no_error(page)
    context.close()
