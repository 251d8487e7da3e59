"""The admin's pages of the reporting cycle in AppTest. Kỳ báo cáo và chốt số liệu: the reporting period, the state
of a year by khu vực, locking (refused while reports wait; a locked unit-year refuses an upload) and unlocking with a
reason. Nhật ký: both records in one list, newest first, in Vietnamese; its filters; its download."""
import datetime as dt

import pytest
from app_support import signed_in_on
from conftest import model_row, run_load, table_rows
from streamlit.testing.v1 import AppTest

from core import audit, auth, config, formats, scope, texts
from core.auth import Account
from core.db import connect, writer
from core.scope import Scope
from etl import cycle
from etl.load import REJECTED, load_bytes
from etl.registry import UnitResolver

pytestmark = pytest.mark.slow

ADMIN, ADMIN_NAME, PASSWORD = "quantri", "Trần Văn Quản", "mat-khau-quan-tri"
CYCLE_PAGE = "pages/admin/cycle.py"
UNIT, YEAR = "Xã Tịnh Hòa", 2024


@pytest.fixture
def admin_app(db_path, tmp_path, monkeypatch):
    """The app on a registry-only database, approval on, one admin account."""
    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, ADMIN, PASSWORD, scope.ADMIN, ADMIN_NAME)
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    monkeypatch.setattr(config, "APPROVAL", True)
    return AppTest.from_file("../app.py", default_timeout=60)


def open_as_admin(at: AppTest, page: str = CYCLE_PAGE, year: int = YEAR) -> AppTest:
    at.query_params["year"] = str(year)
    return signed_in_on(at, ADMIN, page, PASSWORD)


def district_of(db_path, unit: str) -> str:
    con = connect(db_path)
    try:
        return table_rows(con, """SELECT DISTINCT u.district FROM units u JOIN upload_coverage c USING (unit_id)
                                  WHERE u.name = ?""", [unit])[0][0]
    finally:
        con.close()


def rows(db_path, sql: str, params=()) -> list[tuple]:
    con = connect(db_path)
    try:
        return table_rows(con, sql, params)
    finally:
        con.close()


def said(message: str) -> str:
    """A refusal as the page writes it (markdown source: its punctuation escaped)."""
    return formats.plain(message, limit=400)


def submit(db_path, workbooks, unit: str = UNIT, name: str = "a.xlsx") -> None:
    """A report loaded from the command line: with approval on it waits (state submitted)."""
    assert run_load(db_path, workbooks.official(name, models=[model_row(unit=unit, name=f"Mô hình của {unit}")])) == 0


def approve_all(db_path) -> None:
    with writer(db_path) as con:
        pairs = con.execute("SELECT unit_id, year FROM unit_year_state WHERE state = 'submitted'").fetchall()
        cycle.approve(con, cycle.command_line("test"), pairs)


def test_the_state_of_a_year_by_khu_vuc_matches_the_database(admin_app, db_path, workbooks):
    submit(db_path, workbooks)
    submit(db_path, workbooks, "Sở Y tế", "b.xlsx")
    with writer(db_path) as con:
        unit_id = con.execute("SELECT unit_id FROM units WHERE name = 'Sở Y tế'").fetchall()[0][0]
        cycle.approve(con, cycle.command_line("test"), [(unit_id, YEAR)])
    at = open_as_admin(admin_app)
    table = at.dataframe[0].value.set_index("Khu vực (huyện cũ)")
    expected = dict(rows(db_path, """SELECT COALESCE(u.district, 'Cấp tỉnh'), COUNT(*) FROM unit_year y
                                     JOIN units u USING (unit_id) WHERE y.year = ? GROUP BY 1""", [YEAR]))
    assert (table[["Chưa nộp", "Chờ duyệt", "Trả lại", "Đã duyệt"]].sum(axis=1).to_dict()) == expected
    home = district_of(db_path, UNIT)
    assert table.loc[home, ["Chờ duyệt", "Đã duyệt"]].tolist() == [1, 0]
    assert table.loc["Cấp tỉnh", ["Chờ duyệt", "Đã duyệt"]].tolist() == [0, 1]
    assert set(table["Chốt số liệu"]) == {"Chưa chốt"}


def test_a_lock_is_refused_while_a_report_waits(admin_app, db_path, workbooks):
    submit(db_path, workbooks)
    at = open_as_admin(admin_app)
    at.button(key="lock").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [said(texts.CYCLE_PENDING_BLOCKS_LOCK.format(n=1, where="cả năm"))]
    assert rows(db_path, "SELECT * FROM locks") == []


def test_a_locked_khu_vuc_refuses_an_upload_until_it_is_unlocked_with_a_reason(admin_app, db_path, workbooks):
    submit(db_path, workbooks)
    approve_all(db_path)
    home = district_of(db_path, UNIT)
    at = open_as_admin(admin_app)
    at.selectbox(key=f"where_{YEAR}").set_value(home).run()
    at.button(key="lock").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [texts.CYCLE_LOCK_DONE.format(year=YEAR, where=home)]
    assert rows(db_path, "SELECT year, district, locked_by FROM locks") == [(YEAR, home, ADMIN)]
    assert at.dataframe[0].value.set_index("Khu vực (huyện cũ)").loc[home, "Chốt số liệu"] == "Đã chốt"

    staff = Account("chuyenvien", scope.STAFF, "Nguyễn Thị Lan")
    again = workbooks.official("lai.xlsx", models=[model_row(name="Mô hình khác")])
    with writer(db_path) as con:
        result = load_bytes(con, again.read_bytes(), again.name, UnitResolver.from_db(con),
                            archive_dir=config.archive_dir(db_path), actor=staff)
    assert result.outcome == REJECTED
    assert [p.message for p in result.problems] == [texts.CYCLE_LOCKED.format(unit=UNIT, year=YEAR)]
    assert rows(db_path, "SELECT COUNT(*) FROM uploads") == [(1,)]

    at.button(key="unlock").click().run()  # no reason given
    assert [e.value for e in at.error] == [said(texts.CYCLE_REASON_REQUIRED)]
    assert rows(db_path, "SELECT COUNT(*) FROM locks") == [(1,)]
    at.text_area(key=f"unlock_reason_{YEAR}_{home}").input("Xã bổ sung mô hình theo văn bản số 12").run()
    at.button(key="unlock").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [texts.CYCLE_UNLOCK_DONE.format(year=YEAR, where=home)]
    assert rows(db_path, "SELECT COUNT(*) FROM locks") == [(0,)]
    assert rows(db_path, "SELECT actor, action, year, district, reason FROM cycle_events WHERE action IN "
                         "('lock', 'unlock') ORDER BY event_id") == [
        (ADMIN, "lock", YEAR, home, None), (ADMIN, "unlock", YEAR, home, "Xã bổ sung mô hình theo văn bản số 12")]


def test_the_reporting_period_is_saved_and_shown(admin_app, db_path):
    at = open_as_admin(admin_app)
    assert at.caption[0].value == texts.CYCLE_PERIOD_DEFAULT.format(year=YEAR, due="15/12/2024")
    at.date_input(key=f"opens_{YEAR}").set_value(dt.date(2024, 11, 1))
    at.date_input(key=f"due_{YEAR}").set_value(dt.date(2024, 12, 10))
    at.date_input(key=f"closes_{YEAR}").set_value(dt.date(2025, 1, 15))
    next(b for b in at.button if b.label == texts.CYCLE_SAVE_PERIOD).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [texts.CYCLE_PERIOD_SAVED.format(year=YEAR)]
    assert rows(db_path, "SELECT year, opens, due, closes, set_by FROM report_periods") == [
        (YEAR, dt.date(2024, 11, 1), dt.date(2024, 12, 10), dt.date(2025, 1, 15), ADMIN)]
    assert at.caption[0].value.startswith("Đã đặt: mở kỳ 01/11/2024 · hạn nộp 10/12/2024 · đóng kỳ 15/01/2025 "
                                          f"(người đặt: {ADMIN_NAME} ({ADMIN}), lúc ")


def test_a_period_out_of_order_is_refused(admin_app, db_path):
    at = open_as_admin(admin_app)
    at.date_input(key=f"opens_{YEAR}").set_value(dt.date(2024, 12, 20))
    next(b for b in at.button if b.label == texts.CYCLE_SAVE_PERIOD).click().run()
    assert [e.value for e in at.error] == [said(texts.CYCLE_PERIOD_ORDER)]
    assert rows(db_path, "SELECT COUNT(*) FROM report_periods") == [(0,)]


def test_the_cycle_page_is_for_the_admin_only(db_path, tmp_path, monkeypatch):
    from app_support import PASSWORD as STAFF_PASSWORD
    from app_support import STAFF_NAME, STAFF_USER, sign_in

    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, STAFF_USER, STAFF_PASSWORD, scope.STAFF, STAFF_NAME)
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    at = sign_in(AppTest.from_file("../app.py", default_timeout=60))
    for page in (CYCLE_PAGE, "pages/admin/audit.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert [w.value for w in at.warning] == [texts.NOT_ALLOWED]
        assert [b.key for b in at.button] == ["signout"] and not at.dataframe


AUDIT_PAGE = "pages/admin/audit.py"
SHOWN = ["Việc", "Người thực hiện", "Đơn vị", "Năm báo cáo", "Khu vực (huyện cũ)", "Trạng thái sau đó",
         "Lý do, chi tiết"]


def cells(frame, columns) -> list[list]:
    """The table's rows, a blank cell as None."""
    shown = frame[columns].astype(object)
    return shown.where(shown.notna(), None).values.tolist()


def at_times(*moments):
    """etl.cycle's clock, one given moment per event."""
    clock = iter(moments)
    return lambda: next(clock)


def cycle_history(db_path, workbooks, monkeypatch) -> str:
    """Submitted, returned with a reason, submitted again, approved, the khu vực locked: each at a given time in
    January 2025; between them, a failed sign-in and a new account in audit.jsonl. Returns the khu vực."""
    monkeypatch.setattr(cycle, "_now", at_times(*(dt.datetime(2025, 1, day, 8) for day in (2, 3, 4, 10, 20, 20))))  # a lock asks twice
    admin = Account(ADMIN, scope.ADMIN, ADMIN_NAME)
    assert run_load(db_path, "--by", "vanthu", workbooks.official("a.xlsx", models=[model_row(name="A")])) == 0
    with writer(db_path) as con:
        unit_id = con.execute("SELECT unit_id FROM upload_coverage").fetchall()[0][0]
        cycle.return_report(con, admin, unit_id, YEAR, "Thiếu số quyết định công nhận")
    assert run_load(db_path, "--by", "vanthu", workbooks.official("b.xlsx", models=[model_row(name="B")])) == 0
    home = district_of(db_path, UNIT)
    with writer(db_path) as con:
        cycle.approve(con, admin, [(unit_id, YEAR)])
        cycle.lock(con, admin, YEAR, home)
    audit.record(config.ACCOUNTS_PATH, audit.SIGNIN_FAILED, "khach", "10.0.0.7", "locked, 300 s left",
                 now=dt.datetime(2025, 1, 3, 12).astimezone())
    audit.record(config.ACCOUNTS_PATH, audit.ACCOUNT_SAVED, "chuyenvien", "cli", "created by root, role staff",
                 now=dt.datetime(2025, 1, 15, 9).astimezone())
    return home


def test_the_audit_page_lists_both_records_newest_first_in_vietnamese(admin_app, db_path, workbooks, monkeypatch):
    at = open_as_admin(admin_app)  # signs in: the newest event
    home = cycle_history(db_path, workbooks, monkeypatch)
    at.switch_page(AUDIT_PAGE).run()
    assert not at.exception
    table = at.dataframe[0].value
    admin = f"{ADMIN_NAME} ({ADMIN})"
    assert cells(table, SHOWN) == [
        ["Đăng nhập", admin, None, None, None, None, None],
        ["Chốt số liệu", admin, None, YEAR, home, None, None],
        ["Lưu tài khoản", "root", None, None, None, None, "tài khoản chuyenvien: tạo mới, vai trò cán bộ"],
        ["Duyệt", admin, UNIT, YEAR, home, "Đã duyệt", None],
        ["Nộp báo cáo", "vanthu", UNIT, YEAR, home, "Chờ duyệt", None],
        ["Đăng nhập không thành công", "khach", None, None, None, None, "đang tạm khóa, còn 300 giây"],
        ["Trả lại", admin, UNIT, YEAR, home, "Trả lại", "Thiếu số quyết định công nhận"],
        ["Nộp báo cáo", "vanthu", UNIT, YEAR, home, "Chờ duyệt", None],
    ]
    assert table["Thời gian"].iloc[1] == dt.datetime(2025, 1, 20, 8)
    assert cells(table, ["Tệp", "Truy cập từ"]) == [
        [None, None], [None, None], [None, texts.AUDIT_COMMAND_LINE], [None, None], ["b.xlsx", None],
        [None, "10.0.0.7"], [None, None], ["a.xlsx", None]]


def test_the_audit_page_says_each_account_change_in_vietnamese_by_whom_and_to_which_account(admin_app, db_path,
                                                                                         monkeypatch):
    """core/auth.py and the command line write their details in English for the record ("by quantri: staff →
    reviewer"); the page says them in Vietnamese, under the person who acted, naming the account changed."""
    import io

    from etl.cli import main

    at = open_as_admin(admin_app, AUDIT_PAGE)
    accounts, admin = config.ACCOUNTS_PATH, Account(ADMIN, scope.ADMIN, ADMIN_NAME)
    auth.create_account(accounts, "lan", scope.STAFF, "Nguyễn Thị Lan", Scope(districts=("Huyện Ba Tơ",)), admin)
    auth.set_disabled(accounts, "lan", True, admin)
    auth.set_disabled(accounts, "lan", False, admin)
    once = auth.reset_password(accounts, "lan", admin)
    auth.change_account(accounts, "lan", admin, scope.REVIEWER, Scope(districts=("Huyện Sơn Tịnh",)), "Nguyễn Thị Lan")
    auth.change_password(accounts, auth.Throttle(auth.state_path(accounts)), "lan", once, "mat-khau-cua-lan",
                         "mat-khau-cua-lan")
    auth.create_unit_accounts(accounts, [("21187", "Xã Tịnh Hòa")], admin)
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-cua-nam\n"))
    assert main(["user", "nam", "--accounts", str(accounts), "--db", str(db_path)]) == 0
    at.switch_page(AUDIT_PAGE).run()
    admin_name, lan = f"{ADMIN_NAME} ({ADMIN})", "tài khoản Nguyễn Thị Lan (lan)"
    assert cells(at.dataframe[0].value, ["Việc", "Người thực hiện", "Lý do, chi tiết", "Truy cập từ"]) == [
        ["Lưu tài khoản", audit.os_user(), "tài khoản nam: tạo mới, vai trò cán bộ, phạm vi toàn tỉnh",
         texts.AUDIT_COMMAND_LINE],
        ["Tạo tài khoản", admin_name, "tài khoản Xã Tịnh Hòa (21187): vai trò đơn vị, tạo hàng loạt, phạm vi 21187",
         None],
        ["Đổi mật khẩu", "Nguyễn Thị Lan (lan)", None, None],
        ["Đổi phạm vi", admin_name, f"{lan}: Huyện Ba Tơ → Huyện Sơn Tịnh", None],
        ["Đổi vai trò", admin_name, f"{lan}: cán bộ → người duyệt", None],
        ["Đặt lại mật khẩu", admin_name, lan, None],
        ["Mở khóa tài khoản", admin_name, lan, None],
        ["Khóa tài khoản", admin_name, lan, None],
        ["Tạo tài khoản", admin_name, f"{lan}: vai trò cán bộ, phạm vi Huyện Ba Tơ", None],
        ["Đăng nhập", admin_name, None, None]]
    people = at.selectbox(key="audit_person").options
    assert "21187" not in " ".join(people) and "Nguyễn Thị Lan (lan)" in people  # those who acted, not those acted on


def test_the_audit_filters_and_the_download_hold_what_is_shown(admin_app, db_path, workbooks, monkeypatch):
    import io

    import openpyxl

    from core.xlsx import to_csv, to_xlsx
    from dashboard import downloads

    at = open_as_admin(admin_app)
    cycle_history(db_path, workbooks, monkeypatch)
    offered = []
    monkeypatch.setattr(downloads, "download_buttons", lambda frame, stem, key: offered.append((frame, stem)))
    at.switch_page(AUDIT_PAGE).run()
    at.selectbox(key="audit_year").set_value(YEAR).run()
    assert at.dataframe[0].value["Việc"].tolist() == ["Chốt số liệu", "Duyệt", "Nộp báo cáo", "Trả lại",
                                                      "Nộp báo cáo"]  # the account events have no year
    at.text_input(key="audit_search").input("thieu so quyet dinh").run()  # no accents, no capitals
    assert at.dataframe[0].value["Việc"].tolist() == ["Trả lại"]
    at.text_input(key="audit_search").input("").run()
    at.multiselect(key="audit_kinds").select("Nộp báo cáo").run()
    at.selectbox(key="audit_person").set_value("vanthu").run()
    shown = at.dataframe[0].value
    assert shown["Tệp"].tolist() == ["b.xlsx", "a.xlsx"]
    read, stem = offered[-1]
    frame = read()  # the whole list is read only when a download is asked for
    assert stem == "nhat_ky" and frame["Thời gian"].tolist() == ["04/01/2025 08:00", "02/01/2025 08:00"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, stem))).active
    assert [c.value for c in sheet[1]] == list(texts.AUDIT_COLUMNS.values())
    assert [[c.value for c in row][:3] for row in sheet.iter_rows(min_row=2)] == [
        ["04/01/2025 08:00", "vanthu", "Nộp báo cáo"], ["02/01/2025 08:00", "vanthu", "Nộp báo cáo"]]
    assert to_csv(frame).decode("utf-8-sig").splitlines()[1].startswith("04/01/2025 08:00,vanthu,Nộp báo cáo,Xã Tịnh Hòa")
    at.text_input(key="audit_search").input("không có gì như thế này").run()
    assert [i.value for i in at.info] == [texts.AUDIT_NO_MATCH] and not at.dataframe


def test_the_audit_page_before_any_report_holds_the_sign_in_alone(admin_app):
    at = open_as_admin(admin_app, AUDIT_PAGE)
    assert cells(at.dataframe[0].value, ["Việc", "Người thực hiện", "Năm báo cáo"]) == [
        ["Đăng nhập", f"{ADMIN_NAME} ({ADMIN})", None]]
    assert texts.AUDIT_COUNT.format(n=1) in [c.value for c in at.main.caption]
