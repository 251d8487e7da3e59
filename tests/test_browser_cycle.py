"""The reporting cycle as people live it, in Debian's headless Chromium, three people in three browsers at once: a
commune submits a file with an error, fixes it and submits; the reviewer of its khu vực returns it with a reason;
the commune reads the reason and submits again; the reviewer approves; the admin locks the khu vực; the commune's
next upload (its page offers none; the staff upload page) is refused in Vietnamese; the admin unlocks with a reason; the audit page lists every step in order,
with names. At each step a leader's Tổng quan shows the approved figures, checked against SQL on the approved
schema, and the "all figures" view against the main one.

The app runs with approval on, on a database holding only the registry."""
import csv
import io

import pytest
from app_support import PASSWORD
from browser_support import OUTPUT, app_on_copy, assert_no_error, settled, shoot
from conftest import model_row
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from core import auth, texts
from core.db import connect, use_approved
from core.scope import Scope

pytestmark = pytest.mark.browser
WAIT = 120_000  # a write waits for every reader of the other browsers: a full run on 2 busy cores took over 60 s
CITY = "Thành phố Quảng Ngãi"
REASON = "Mô hình thứ hai thiếu quyết định công nhận; đề nghị bổ sung."
UNLOCK_REASON = "Xã bổ sung quyết định khen thưởng theo Công văn 15/BTGDV."


@pytest.fixture
def server(registry_db_file, browser, tmp_path):
    with app_on_copy(registry_db_file, tmp_path, browser, DVK_APPROVAL="1") as (url, db_file):
        accounts = tmp_path / "accounts.json"
        auth.add_account(accounts, "tinhhoa", PASSWORD, "unit", "UBND xã Tịnh Hòa", scope=Scope(units=("21187",)))
        auth.add_account(accounts, "duyet", PASSWORD, "reviewer", "Trần Văn Duyệt", scope=Scope(districts=(CITY,)))
        auth.add_account(accounts, "quantri", PASSWORD, "admin", "Lê Thị Quản Trị")
        yield url, db_file


def signed_in(browser, url: str, username: str):
    """A browser of its own on `url`, signed in on the way (the page asked for comes back after the sign-in)."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True).new_page()
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(username, timeout=WAIT)
    page.get_by_label("Mật khẩu").fill(PASSWORD, timeout=WAIT)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def shows(page, text: str) -> None:
    try:
        page.get_by_text(text).first.wait_for(timeout=WAIT)
    except PlaywrightError:  # keep what the page showed instead, for whoever reads the failure
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "cycle_failed.png"), full_page=True)
        raise


def choose_file(page, path) -> None:
    page.locator('input[type="file"]').set_input_files(str(path))


def reported_in_sql(db_file, approved: bool) -> int:
    """Units of the khu vực that reported for 2024, in the approved or in all figures (the server is running:
    DuckDB lets another process read the file only while nobody writes; the app writes only on a click)."""
    con = connect(db_file, read_only=True, wait_seconds=30)
    try:
        if approved:
            use_approved(con)
        return con.execute("""SELECT COUNT(*) FILTER (submitted) FROM scored WHERE boundary = 'reported'
                              AND year = 2024 AND district = ?""", [CITY]).fetchall()[0][0]
    finally:
        con.close()


def card(page, label: str) -> str:
    """The value of a KPI card, as drawn."""
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    metric.wait_for(timeout=WAIT)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def check_figures(leader, url: str, db_file) -> None:
    """Tổng quan for the khu vực and 2024, in both figures, against SQL."""
    for figures, approved in (("", True), ("&figures=all", False)):
        leader.goto(f"{url}/?year=2024&district={CITY}{figures}")
        shows(leader, texts.KPI_SUBMITTED)
        settled(leader)
        assert card(leader, texts.KPI_SUBMITTED) == str(reported_in_sql(db_file, approved)), figures


def submit(unit, path) -> None:
    choose_file(unit, path)
    shows(unit, f"{path.name}: hợp lệ")
    unit.get_by_role("button", name=texts.MY_SUBMIT, exact=True).click()
    shows(unit, texts.MY_SUBMITTED)
    shows(unit, "Trạng thái báo cáo năm 2024: Chờ duyệt")


def open_details(reviewer) -> None:
    reviewer.get_by_text("Xã Tịnh Hòa (Thành phố Quảng Ngãi) · năm 2024").first.wait_for(timeout=WAIT)
    reviewer.get_by_text(texts.REVIEW_DETAILS, exact=True).first.click()  # drawn once the expander opens
    shows(reviewer, texts.REVIEW_TABS[0])


def test_the_whole_cycle_of_a_report(server, browser, workbooks):
    url, db_file = server
    leader = browser.new_page(viewport={"width": 390, "height": 844})  # a leader on a phone, no account
    unit = signed_in(browser, f"{url}/my_report", "tinhhoa")
    shows(unit, "Xã Tịnh Hòa (mã 21187)")
    shows(unit, "Trạng thái báo cáo năm 2024: Chưa nộp")

    broken = workbooks.official("tinh_hoa_loi.xlsx", models=[model_row(name="A", field="Thể thao")])
    choose_file(unit, broken)
    shows(unit, "tinh_hoa_loi.xlsx: 1 lỗi, không thể nạp")
    assert unit.get_by_role("button", name=texts.MY_SUBMIT, exact=True).is_disabled()
    shoot(unit, "cycle_1_error")
    first = workbooks.official("tinh_hoa_2024.xlsx", models=[model_row(name="A"), model_row(name="B")])
    submit(unit, first)
    assert_no_error(unit)
    check_figures(leader, url, db_file)  # waiting: not in the approved figures, in all of them

    reviewer = signed_in(browser, f"{url}/queue", "duyet")
    open_details(reviewer)
    shoot(reviewer, "cycle_2_review")
    reviewer.get_by_role("button", name=texts.REVIEW_RETURN, exact=True).first.click()
    shows(reviewer, texts.CYCLE_REASON_REQUIRED)  # no reason, no return
    reviewer.get_by_label(texts.REVIEW_REASON).first.fill(REASON)
    reviewer.get_by_role("button", name=texts.REVIEW_RETURN, exact=True).first.click()
    shows(reviewer, texts.REVIEW_RETURNED.format(year=2024, unit="Xã Tịnh Hòa"))

    unit.reload()
    shows(unit, "Trạng thái báo cáo năm 2024: Trả lại")
    shows(unit, REASON)
    shoot(unit, "cycle_3_returned")
    submit(unit, workbooks.official("tinh_hoa_2024_sua.xlsx", models=[model_row(name="A"), model_row(name="B"),
                                                                       model_row(name="C")]))
    check_figures(leader, url, db_file)

    reviewer.reload()
    open_details(reviewer)
    shows(reviewer, texts.REVIEW_TABS[1])
    reviewer.get_by_role("button", name=texts.REVIEW_APPROVE, exact=True).first.click()
    shows(reviewer, texts.REVIEW_APPROVED.format(n=1))
    shows(reviewer, texts.REVIEW_EMPTY)
    check_figures(leader, url, db_file)  # approved: in both
    assert reported_in_sql(db_file, approved=True) == 1

    admin = signed_in(browser, f"{url}/cycle?year=2024", "quantri")
    shows(admin, texts.CYCLE_LOCK_TITLE)
    # The khu vực picker: its list is long and opens partly below the window, where a click may not reach the
    # option; type the name and take it with Enter, as a keyboard user does.
    picker = admin.get_by_label(texts.CYCLE_WHERE)
    picker.click()
    picker.press_sequentially(CITY)
    admin.get_by_role("option", name=CITY, exact=True).wait_for(timeout=WAIT)
    picker.press("Enter")
    expect(picker).to_have_value(CITY)
    admin.get_by_role("button", name=texts.CYCLE_LOCK_BUTTON, exact=True).click()
    shows(admin, texts.CYCLE_LOCK_DONE.format(year=2024, where=CITY))

    unit.reload()
    shows(unit, "Trạng thái báo cáo năm 2024: Đã chốt")
    shows(unit, texts.MY_LOCKED.format(year=2024))
    assert unit.locator('input[type="file"]').count() == 0  # a locked year takes no file here…
    shoot(unit, "cycle_4_locked")
    staff = signed_in(browser, f"{url}/upload", "quantri")  # …nor from the staff upload page
    choose_file(staff, workbooks.official("tinh_hoa_2024_lan_3.xlsx", models=[model_row(name="D")]))
    shows(staff, "tinh_hoa_2024_lan_3.xlsx: 1 lỗi, không thể nạp")
    refusal = texts.CYCLE_LOCKED.format(year=2024, unit="Xã Tịnh Hòa")
    staff.locator('[role="gridcell"]', has_text=refusal[:40]).first.wait_for(state="attached", timeout=WAIT)
    shoot(staff, "cycle_4_locked_upload")

    admin.get_by_label(texts.CYCLE_UNLOCK_REASON).fill(UNLOCK_REASON)
    admin.get_by_role("button", name=texts.CYCLE_UNLOCK_BUTTON, exact=True).click()
    shows(admin, texts.CYCLE_UNLOCK_DONE.format(year=2024, where=CITY))

    admin.goto(f"{url}/audit")
    shows(admin, texts.AUDIT_CAPTION[:40])
    shoot(admin, "cycle_5_audit")
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Tải CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    steps = [(row[1], row[2]) for row in rows[1:] if row[2] in texts.ACTION_NAMES.values()][::-1]  # oldest first
    unit_name, reviewer_name, admin_name = "UBND xã Tịnh Hòa (tinhhoa)", "Trần Văn Duyệt (duyet)", "Lê Thị Quản Trị (quantri)"
    assert steps == [
        (unit_name, "Nộp báo cáo"), (reviewer_name, "Trả lại"), (unit_name, "Nộp báo cáo"), (reviewer_name, "Duyệt"),
        (admin_name, "Chốt số liệu"), (admin_name, "Mở chốt")]
    assert any(REASON in ",".join(row) for row in rows) and any(UNLOCK_REASON in ",".join(row) for row in rows)
    for page in (unit, reviewer, admin, leader):
        assert_no_error(page)
