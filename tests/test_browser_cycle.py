"""The reporting cycle as people live it, in Debian's headless Chromium: a commune submits its report from its own
page, a reviewer of its khu vực opens the report in the queue and approves it, and the commune's page says so.

The app runs with approval on, on a database holding only the registry."""
import pytest
from app_support import PASSWORD
from browser_support import app_on_copy, assert_no_error, shoot
from conftest import model_row

from core import auth, texts
from core.db import connect
from core.scope import Scope

pytestmark = pytest.mark.browser
WAIT = 60_000


@pytest.fixture
def server(registry_db_file, browser, tmp_path):
    with app_on_copy(registry_db_file, tmp_path, browser, DVK_APPROVAL="1") as (url, db_file):
        accounts = tmp_path / "accounts.json"
        auth.add_account(accounts, "tinhhoa", PASSWORD, "unit", "UBND xã Tịnh Hòa", scope=Scope(units=("21187",)))
        auth.add_account(accounts, "duyet", PASSWORD, "reviewer", "Trần Văn Duyệt",
                         scope=Scope(districts=("Thành phố Quảng Ngãi",)))
        yield url, db_file


def signed_in(browser, url: str, username: str):
    """A browser of its own on `url`, signed in on the way (the page asked for comes back after the sign-in)."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(username, timeout=WAIT)
    page.get_by_label("Mật khẩu").fill(PASSWORD, timeout=WAIT)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def test_a_commune_submits_and_a_reviewer_approves(server, browser, workbooks):
    url, db_file = server
    unit = signed_in(browser, f"{url}/my_report", "tinhhoa")
    unit.get_by_text("Xã Tịnh Hòa (mã 21187)").wait_for(timeout=WAIT)
    unit.get_by_text("Trạng thái báo cáo năm 2024: Chưa nộp").wait_for(timeout=WAIT)
    report = workbooks.official("tinh_hoa_2024.xlsx", models=[model_row(name="Tuyến đường hoa kiểu mẫu")])
    unit.locator('input[type="file"]').set_input_files(str(report))
    unit.get_by_text("tinh_hoa_2024.xlsx: hợp lệ, 1 mô hình, 0 khen thưởng").wait_for(timeout=WAIT)
    shoot(unit, "cycle_unit_preview")
    unit.get_by_role("button", name=texts.MY_SUBMIT, exact=True).click()
    unit.get_by_text(texts.MY_SUBMITTED).wait_for(timeout=WAIT)
    unit.get_by_text("Trạng thái báo cáo năm 2024: Chờ duyệt").wait_for(timeout=WAIT)
    assert_no_error(unit)

    reviewer = signed_in(browser, f"{url}/queue", "duyet")
    reviewer.get_by_text("Xã Tịnh Hòa (Thành phố Quảng Ngãi) · năm 2024 · 1 mô hình, 0 khen thưởng").wait_for(
        timeout=WAIT)
    reviewer.get_by_text(texts.REVIEW_DETAILS, exact=True).click()  # the details are drawn once the expander is open
    reviewer.get_by_text("Mô hình, điển hình (1)").wait_for(timeout=WAIT)
    shoot(reviewer, "cycle_review_details")
    reviewer.get_by_role("button", name=texts.REVIEW_APPROVE, exact=True).click()
    reviewer.get_by_text(texts.REVIEW_APPROVED.format(n=1)).wait_for(timeout=WAIT)
    reviewer.get_by_text(texts.REVIEW_EMPTY).wait_for(timeout=WAIT)
    assert_no_error(reviewer)

    unit.reload()
    unit.get_by_text("Trạng thái báo cáo năm 2024: Đã duyệt").wait_for(timeout=WAIT)
    con = connect(db_file, read_only=True)
    try:
        assert con.execute("SELECT action, actor, state FROM cycle_events ORDER BY event_id").fetchall() == [
            ("submit", "tinhhoa", "submitted"), ("approve", "duyet", "approved")]
    finally:
        con.close()
