"""No English on screen (issue 14 §4): every page, on a phone and a wide screen, signed in for the staff pages,
read as a person sees it: text that is displayed (not hidden, not of zero size), tooltips, placeholders and the cells
of the tables (drawn on a canvas; read from the copy Streamlit keeps for screen readers). The pages of the reporting
cycle are read with approval on, each by the role it is for, in the middle of a cycle. Streamlit's own words that
cannot be translated are hidden or replaced (dashboard/style.py, .streamlit/config.toml). Screenshots land in
test-output/vi_*.png."""
import datetime as dt
import re
import shutil

import pytest
from app_support import PASSWORD, STAFF_NAME, STAFF_USER
from browser_support import app_on_copy, running_app, settled, shoot
from conftest import model_row

from core import auth, config, scope, texts
from core.auth import add_account
from core.db import writer
from core.scope import Scope
from etl import cycle
from etl.demo import YEARS, play_cycle
from etl.load import LOADED, load_bytes
from etl.registry import UnitResolver
from etl.template import write_submission

pytestmark = pytest.mark.browser

ENGLISH = re.compile(r"\b(Upload|Browse|Drag|drop|empty|No results|Page not found|Made with Streamlit|Traceback|"
                     r"Error|Running|Stop|Search|Download|Fullscreen|Limit|per file|Skip to|Print|Record|Settings|"
                     r"About|Rerun|Clear cache|Deploy|Show/hide|Close|Press|Enter to|apply|submit|Select|matches|"
                     # a value written as Python or the record writes it, never said to a person
                     r"None|NaN|NaT|staff|reviewer|account_\w+|password_\w+|\w+_changed|signin\w*|by the account)\b")
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || !node.nodeValue.trim() || element.closest('script, style, [data-testid="stIconMaterial"]')) continue;
    const css = getComputedStyle(element), box = element.getBoundingClientRect();
    if (css.visibility === "hidden" || parseFloat(css.fontSize) === 0 || box.width === 0 || box.height === 0) continue;
    out.push(node.nodeValue.trim());
  }
  document.querySelectorAll("[title], [placeholder]").forEach((e) => out.push(e.title || "", e.placeholder || ""));
  document.querySelectorAll('[data-testid="stDataFrame"] table :is(th, td)').forEach((c) => out.push(c.textContent));
  document.querySelectorAll('input[role="combobox"]').forEach((e) => out.push(e.value));  // a select box's choice
  return out.join("\\n");
}"""
PAGES = {"": "Phong trào thi đua", "units": "Bảng theo dõi đơn vị", "profile": "Xã Tịnh Hòa",
         "fields": "Mô hình theo lĩnh vực", "commendations": "Khen thưởng", "signin": "Đăng nhập dành cho cán bộ"}
STAFF_PAGES = {"upload": "Tải lên báo cáo của các đơn vị", "history": "Lịch sử tải lên",
               "tracking": "Tiến độ nộp báo cáo", "password": "Mật khẩu mới (ít nhất 8 ký tự)"}
SIZES = {"phone": (390, 844), "wide": (1440, 900)}


STYLED = """() => { const e = document.querySelector('[data-testid="stSkipToContent"]');
                    return e && getComputedStyle(e).fontSize === "0px"; }"""


# Elements whose code is still loading are drawn as grey placeholders: the page is read once there are none.
DRAWN = "() => !document.querySelector('[data-testid^=\"stSkeleton\"], [data-testid=\"stStatusWidget\"]')"
# A table's copy for screen readers (the cells it shows) is added half a second or so after the table is drawn (not
# at all for one in a hidden tab).
TABLES_READABLE = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .every((frame) => frame.getBoundingClientRect().height === 0 || frame.querySelector('table'))"""


def drawn(page) -> None:
    settled(page)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_function(STYLED, timeout=10_000)  # the stylesheet of dashboard/style.py is in
    page.wait_for_function(TABLES_READABLE, timeout=10_000)


def english_on(page) -> list[str]:
    drawn(page)
    return sorted({m.group(0) for m in ENGLISH.finditer(page.evaluate(VISIBLE_TEXT))})


def sign_in(page, url: str, user: str = STAFF_USER, name: str = STAFF_NAME) -> None:
    page.goto(f"{url}/signin")
    fill_signin(page, user)
    page.get_by_text(f"Bạn đã đăng nhập với tên {name}").wait_for(timeout=60_000)
    # the cookie is written by the page's script a moment after the message (README, Known limits): wait for it
    page.wait_for_function("document.cookie.includes('dvk_session=')", timeout=60_000)


def fill_signin(page, user: str = STAFF_USER) -> None:
    page.get_by_label("Tên đăng nhập").fill(user, timeout=90_000)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("size", SIZES)
def test_no_english_on_any_page(demo_server, browser, demo_con, size):
    unit = demo_con.execute("SELECT unit_id FROM units WHERE name = 'Xã Tịnh Hòa'").fetchall()[0][0]
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    sign_in(page, demo_server)
    found = {}
    for path, heading in {**PAGES, **STAFF_PAGES}.items():
        page.goto(f"{demo_server}/{path}?year=2024&unit={unit}")
        page.get_by_text(heading).first.wait_for(timeout=60_000)  # staff pages too: the sign-in outlives a reload
        drawn(page)
        if path == "units":  # a table's toolbar appears on hover
            page.locator('[data-testid="stDataFrame"]').first.hover(timeout=5_000)
        shoot(page, f"vi_{path or 'overview'}_{size}")
        if english := english_on(page):
            found[path or "overview"] = english
    assert found == {}
    page.close()


def test_a_select_box_without_a_match_says_so_in_vietnamese(demo_server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{demo_server}/profile")
    page.get_by_text("Chọn đơn vị").first.wait_for(timeout=60_000)
    settled(page)
    page.locator('[data-testid="stSelectbox"]').last.click()
    page.keyboard.type("khong co don vi nao")
    page.get_by_role("option").first.wait_for(timeout=10_000)
    assert english_on(page) == []
    page.keyboard.press("Escape")
    page.locator('[data-testid="stSelectbox"]').last.click()
    page.keyboard.type("tinh hoa")
    page.get_by_role("option", name=re.compile("^Xã Tịnh Hòa")).first.wait_for(timeout=10_000)
    page.close()


def test_a_deep_link_right_after_a_restart_shows_no_page_not_found(demo_db, browser, tmp_path):
    """Streamlit runs the first session after a start through its legacy pages/ discovery, which finds no /units
    and sends "Page not found" before app.py's own navigation shows the right page; the dialog is closed at once."""
    shutil.copy(demo_db, tmp_path / "dvk.duckdb")
    add_account(tmp_path / "accounts.json", STAFF_USER, PASSWORD, "staff", STAFF_NAME)
    with running_app(tmp_path, DVK_DB=str(tmp_path / "dvk.duckdb"), DVK_ACCOUNTS=str(tmp_path / "accounts.json")) \
            as (url, _):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{url}/units?year=2024")
        page.get_by_text("Bảng theo dõi đơn vị").wait_for(timeout=90_000)
        settled(page)
        page.wait_for_timeout(1_000)
        assert page.locator('[role="dialog"]').count() == 0
        assert english_on(page) == []
        page.get_by_placeholder("Gõ tên").fill("tinh hoa", timeout=5_000)  # the page is usable, not inert
        assert english_on(page) == []  # "Press Enter to apply" under the box is said in Vietnamese
        shoot(page, "vi_first_deep_link")
        page.close()


def test_the_uploader_with_files_chosen_speaks_vietnamese(demo_server, browser, workbooks):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, demo_server)
    page.goto(f"{demo_server}/upload")
    page.get_by_text("Tải lên báo cáo của các đơn vị").wait_for(timeout=60_000)
    drawn(page)
    bad = [workbooks.raw(f"hong_{i}.xlsx", b"PK\x03\x04 khong phai bang tinh") for i in range(4)]
    page.locator('input[type="file"]').set_input_files([str(p) for p in bad])
    page.get_by_text("0 tệp hợp lệ, 4 tệp có lỗi, 0 tệp đã nạp trước đó.").wait_for(timeout=60_000)
    shoot(page, "vi_upload_files_phone")
    assert english_on(page) == []
    page.close()


# --- the pages of the reporting cycle, approval on, each read by the role it is for ---

LAST_YEAR = max(YEARS)  # the demo's reporting year, whatever the machine's date
ADMIN_USER, ADMIN_NAME, REVIEWER_USER, REVIEWER_NAME = "quantri", "Trần Văn Quản", "duyet", "Lê Thị Duyệt"
REASON = "Thiếu số quyết định công nhận mô hình."
CYCLE_PAGES = {  # who reads which page, and a text each shows once drawn
    ADMIN_USER: {"cycle": texts.CYCLE_LOCK_TITLE, "accounts": texts.UNIT_ACCOUNTS_HEADING,
                 "audit": "sự kiện, mới nhất trước"},
    REVIEWER_USER: {"queue": texts.REVIEW_DETAILS},
    "donvi": {"my_report": texts.MY_YEARS_TITLE},
}


def in_the_middle_of_a_cycle(db_file, folder) -> tuple[str, tuple]:
    """The demo's years before the last approved and locked, then two communes of one khu vực send their report
    of the last year: one waits, one is returned with a reason. Returns the khu vực and the returned (code, name)."""
    with pytest.MonkeyPatch.context() as patch, writer(db_file) as con:
        patch.setattr(config, "APPROVAL", True)
        play_cycle(con, dt.date(LAST_YEAR, 11, 26))
        district, = con.execute("""SELECT district FROM unit_year WHERE year = ? AND NOT submitted AND district IS NOT NULL
                                   GROUP BY district HAVING COUNT(*) >= 2 ORDER BY district LIMIT 1""",
                                [LAST_YEAR]).fetchone()
        communes = con.execute("""SELECT unit_id, code, name FROM unit_year WHERE year = ? AND district = ?
                                  AND NOT submitted ORDER BY code LIMIT 2""", [LAST_YEAR, district]).fetchall()
        for _, code, name in communes:
            path = folder / f"{code}.xlsx"
            write_submission(path, info={}, models=[model_row(unit=name, year=LAST_YEAR, name=f"Mô hình của {name}")],
                             commendations=[])
            assert load_bytes(con, path.read_bytes(), path.name, UnitResolver.from_db(con),
                              archive_dir=config.archive_dir(db_file), actor=cycle.command_line("kiemthu")
                              ).outcome == LOADED
        returned = communes[1]
        cycle.return_report(con, cycle.command_line("kiemthu"), returned[0], LAST_YEAR, REASON)
    return district, returned[1:]


@pytest.fixture(scope="module")
def cycle_server(demo_db, browser, tmp_path_factory):
    """One server for the cycle pages: approval on, an admin, a reviewer of the khu vực and the returned commune;
    an account made from the admin's page too, so that the audit lists an account event."""
    folder = tmp_path_factory.mktemp("cycle")
    prepared = folder / "prepared.duckdb"  # beside the server's copy: the originals go to the archive it reads
    shutil.copy(demo_db, prepared)
    district, (code, name) = in_the_middle_of_a_cycle(prepared, folder)
    with app_on_copy(prepared, folder, browser, DVK_APPROVAL="1") as (url, db):
        accounts = db.parent / "accounts.json"
        add_account(accounts, ADMIN_USER, PASSWORD, scope.ADMIN, ADMIN_NAME)
        add_account(accounts, REVIEWER_USER, PASSWORD, scope.REVIEWER, REVIEWER_NAME,
                    scope=Scope(districts=(district,)))
        add_account(accounts, "donvi", PASSWORD, scope.UNIT, name, scope=Scope(units=(code,)))
        auth.create_account(accounts, "khach", scope.STAFF, "Khách", Scope(),
                            auth.Account(ADMIN_USER, scope.ADMIN, ADMIN_NAME))
        yield url, name


@pytest.mark.parametrize("size", SIZES)
def test_no_english_on_the_pages_of_the_reporting_cycle(cycle_server, browser, size):
    url, unit = cycle_server
    names = {ADMIN_USER: ADMIN_NAME, REVIEWER_USER: REVIEWER_NAME, "donvi": unit}
    width, height = SIZES[size]
    found = {}
    for user, pages in CYCLE_PAGES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        sign_in(page, url, user, names[user])
        for path, shown in pages.items():
            page.goto(f"{url}/{path}")
            page.get_by_text(shown).first.wait_for(timeout=60_000)
            if path == "queue":  # the details of the waiting report: its tabs, tables and the return form
                page.get_by_text(texts.REVIEW_DETAILS, exact=True).first.click()
                page.get_by_text(texts.REVIEW_APPROVE, exact=True).first.wait_for(timeout=60_000)
            if path == "my_report":
                page.get_by_text("Thiếu số quyết định công nhận mô hình. Hãy sửa").wait_for(timeout=60_000)
            shoot(page, f"vi_cycle_{path}_{size}")
            if english := english_on(page):
                found[path] = english
        context.close()
    assert found == {}


def test_a_multiselect_offers_to_choose_all_in_vietnamese(cycle_server, browser):
    """Nhật ký's "Loại việc": Streamlit's first option is "Select all", and "Select 2 matches" once a text is typed."""
    url, _ = cycle_server
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, url, ADMIN_USER, ADMIN_NAME)
    page.goto(f"{url}/audit")
    page.get_by_text("sự kiện, mới nhất trước").wait_for(timeout=60_000)
    drawn(page)
    page.get_by_role("combobox", name=texts.AUDIT_KINDS).click()
    page.get_by_role("option", name=texts.UI_SELECT_ALL).wait_for(timeout=10_000)
    assert english_on(page) == []
    page.keyboard.type("báo cáo")  # Nộp báo cáo, Đặt kỳ báo cáo
    page.get_by_role("option", name=texts.UI_SELECT_MATCHES).wait_for(timeout=10_000)
    shoot(page, "vi_multiselect_phone")
    assert english_on(page) == []
    page.close()
