"""The unit's page (Báo cáo của đơn vị) and the review queue (Duyệt báo cáo) in AppTest: a unit downloads its
template, submits its report (a wrong or foreign file refused with nothing written), a reviewer of its khu vực
approves it or returns it with a reason the unit then reads; a reviewer of another khu vực sees nothing and is
refused by the server."""
import datetime as dt
import io

import openpyxl
import pytest
from app_support import PASSWORD, signed_in_on
from conftest import db_state, model_row, run_load
from streamlit.testing.v1 import AppTest
from test_hostile_files import capture_downloads

from core import auth, config, formats, texts, vocab
from core.db import connect, writer
from core.scope import Scope
from etl import cycle

pytestmark = pytest.mark.slow  # whole workflows through the app

UNIT, REVIEWER, OTHER = "tinhhoa", "duyet_tp", "duyet_binhson"
CITY = "Thành phố Quảng Ngãi"
MY_PAGE, QUEUE = "pages/unit/my_report.py", "pages/review/queue.py"


@pytest.fixture
def app(db_path, tmp_path, monkeypatch):
    """A factory of app sessions on a registry-only database with approval on; one account per role of the cycle."""
    accounts = tmp_path / "accounts.json"
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    monkeypatch.setattr(config, "APPROVAL", True)
    auth.add_account(accounts, UNIT, PASSWORD, "unit", "UBND xã Tịnh Hòa", scope=Scope(units=("21187",)))
    auth.add_account(accounts, REVIEWER, PASSWORD, "reviewer", "Trần Văn Duyệt", scope=Scope(districts=(CITY,)))
    auth.add_account(accounts, OTHER, PASSWORD, "reviewer", "Lê Thị Khác", scope=Scope(districts=("Huyện Bình Sơn",)))
    auth.add_account(accounts, "chuyenvien", PASSWORD, "staff", "Nguyễn Thị Lan")

    def open_as(username: str, page: str) -> AppTest:
        return signed_in_on(AppTest.from_file("../app.py", default_timeout=60), username, page)

    return open_as


def rows(db_path, sql: str, params=()) -> list[tuple]:
    con = connect(db_path, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def unit_id(db_path, code: str = "21187") -> int:
    return rows(db_path, "SELECT unit_id FROM units WHERE code = ? ORDER BY valid_from DESC", [code])[0][0]


def state(db_path, year: int = 2024, code: str = "21187") -> tuple:
    found = rows(db_path, "SELECT state, reason, actor FROM unit_year_state WHERE unit_id = ? AND year = ?",
                 [unit_id(db_path, code), year])
    return found[0] if found else ("none", None, None)


def uploaded_at(db_path, upload_id: int) -> str:
    return formats.timestamp(rows(db_path, "SELECT uploaded_at FROM uploads WHERE upload_id = ?", [upload_id])[0][0])


def upload(at: AppTest, path) -> AppTest:
    at.get("file_uploader")[0].upload(path.name, path.read_bytes())
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def problems(at: AppTest) -> list[str]:
    return [m for df in at.dataframe if "Lý do" in df.value.columns for m in df.value["Lý do"]]


# --- the unit's page ---


def test_the_unit_page_offers_its_template_with_last_years_models(app, db_path, workbooks, monkeypatch):
    downloads = capture_downloads(monkeypatch)
    assert run_load(db_path, workbooks.official("2023.xlsx", models=[
        model_row(year=2023, name="Tuyến đường hoa", field="Kinh tế"), model_row(year=2023, name="Tổ hòa giải")])) == 0
    at = app(UNIT, MY_PAGE)
    assert at.title[0].value == texts.PAGE_MY_REPORT
    assert at.subheader[0].value == "Xã Tịnh Hòa (mã 21187)"
    assert at.selectbox(key="my_year").value == 2024  # the commune ends in 2025: its latest year, not today's
    assert at.selectbox(key="my_year").options == ["2024", "2023", "2022", "2021"]
    assert texts.MY_STATE.format(year=2024, state="Chưa nộp") in [m.value for m in at.markdown]
    assert texts.MY_DUE.format(due="15/12/2024", timeliness="chưa nộp") in [m.value for m in at.markdown]
    assert texts.MY_APPROVAL_OFF not in [i.value for i in at.info]
    book = openpyxl.load_workbook(io.BytesIO(downloads["bao_cao_21187_2024.xlsx"]))
    info = book[vocab.SHEET_INFO]
    assert [info.cell(r, 2).value for r in (1, 2, 3)] == ["Xã Tịnh Hòa", "21187", 2024]
    sheet = book[vocab.SHEET_MODELS]
    header = [c.value for c in sheet[1]]
    listed = [(r[header.index("Tên mô hình, điển hình")], r[header.index("Hình thức")], r[header.index("Lĩnh vực")])
              for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
    assert listed == [("Tuyến đường hoa", "Duy trì", "Kinh tế"), ("Tổ hòa giải", "Duy trì", "Văn hóa - Xã hội")]
    table = at.dataframe[-1].value
    assert table[["Năm", "Trạng thái", "Thời hạn"]].values.tolist()[:2] == [
        [2024, "Chưa nộp", "chưa nộp"], [2023, "Chờ duyệt", texts.MY_LATE.format(day=dt.date.today().strftime("%d/%m/%Y"))]]
    at.selectbox(key="my_year").set_value(2023).run()
    assert texts.MY_STATE.format(year=2023, state="Chờ duyệt") in [m.value for m in at.markdown]


def test_a_file_with_errors_shows_them_all_and_writes_nothing(app, db_path, workbooks):
    at = app(UNIT, MY_PAGE)
    before = db_state(db_path)
    wrong = workbooks.official("loi.xlsx", models=[model_row(field="Thể thao"), model_row(name="B", year=1990)])
    upload(at, wrong)
    assert problems(at) == [
        texts.ERR_ENUM.format(value="Thể thao", header="Lĩnh vực", allowed=" · ".join(vocab.FIELDS)),
        texts.ERR_YEAR.format(value=1990, first=config.FIRST_YEAR, last=dt.date.today().year + 1)]
    assert at.button(key="my_submit").disabled
    assert at.get("download_button")[-1].label == texts.MY_ERROR_REPORT
    assert db_state(db_path) == before


def test_a_fixed_file_is_submitted_and_waits_for_approval(app, db_path, workbooks):
    at = app(UNIT, MY_PAGE)
    upload(at, workbooks.official("dung.xlsx", models=[model_row(name="A"), model_row(name="B")]))
    assert problems(at) == [] and not at.button(key="my_submit").disabled
    at.button(key="my_submit").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [texts.MY_SUBMITTED]
    assert state(db_path) == ("submitted", None, UNIT)
    assert rows(db_path, "SELECT uploaded_by, rows_models, status FROM uploads") == [(UNIT, 2, "applied")]
    assert texts.MY_STATE.format(year=2024, state="Chờ duyệt") in [m.value for m in at.markdown]
    assert not at.get("file_uploader")[0].value  # a new, empty uploader


def test_a_file_naming_another_unit_is_refused(app, db_path, workbooks):
    at = app(UNIT, MY_PAGE)
    before = db_state(db_path)
    upload(at, workbooks.official("so_y_te.xlsx", models=[model_row(unit="Sở Y tế")]))
    assert problems(at) == [texts.CYCLE_OUT_OF_SCOPE.format(unit="Sở Y tế", year=2024, scope="21187")]
    assert at.button(key="my_submit").disabled
    assert db_state(db_path) == before


def test_after_the_period_closed_the_unit_is_refused_with_the_date(app, db_path, workbooks, monkeypatch):
    with writer(db_path) as con:
        cycle.set_period(con, cycle.command_line("admin"), 2024, dt.date(2024, 10, 1), dt.date(2024, 11, 30),
                         dt.date(2024, 12, 31))
    monkeypatch.setenv("DVK_TODAY", "05/01/2025")
    at = app(UNIT, MY_PAGE)
    assert texts.MY_DUE.format(due="30/11/2024", timeliness="chưa nộp") in [m.value for m in at.markdown]
    upload(at, workbooks.official("muon.xlsx", models=[model_row()]))
    assert problems(at) == [texts.CYCLE_CLOSED.format(year=2024, closes="31/12/2024")]
    assert at.button(key="my_submit").disabled and state(db_path) == ("none", None, None)


def test_with_approval_off_a_submission_applies_at_once(app, db_path, workbooks, monkeypatch):
    monkeypatch.setattr(config, "APPROVAL", False)
    at = app(UNIT, MY_PAGE)
    assert texts.MY_APPROVAL_OFF in [i.value for i in at.info]
    upload(at, workbooks.official("dung.xlsx", models=[model_row()]))
    at.button(key="my_submit").click().run()
    assert [s.value for s in at.success] == [texts.MY_SUBMITTED_APPLIED]
    assert state(db_path) == ("approved", texts.CYCLE_AUTO_APPROVED, UNIT)
    assert years_and_reasons(at)[0] == [2024, None]  # an approval's note is no reason of a return


def test_each_page_is_for_its_own_role(app):
    for username, page in (("chuyenvien", MY_PAGE), (UNIT, QUEUE)):
        at = app(username, page)
        assert [w.value for w in at.warning] == [texts.NOT_ALLOWED]
        assert not at.get("file_uploader") and not at.checkbox


# --- the review queue ---


def submitted_by_the_unit(app, workbooks, *models) -> None:
    at = app(UNIT, MY_PAGE)
    upload(at, workbooks.official("bao_cao.xlsx", models=list(models) or [model_row(name="A"), model_row(name="B")]))
    at.button(key="my_submit").click().run()
    assert [s.value for s in at.success] == [texts.MY_SUBMITTED]


def opened(at: AppTest, db_path, year: int = 2024, code: str = "21187") -> AppTest:
    at.session_state[f"open_{unit_id(db_path, code)}_{year}"] = True  # the expander "Xem chi tiết" opened
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_a_reviewer_approves_a_waiting_report(app, db_path, workbooks):
    submitted_by_the_unit(app, workbooks)
    at = app(REVIEWER, QUEUE)
    assert [c.label for c in at.checkbox] == [texts.REVIEW_HEADLINE.format(
        unit="Xã Tịnh Hòa", district=CITY, year=2024, models=2, commendations=0)]
    assert not at.checkbox[0].disabled
    opened(at, db_path)
    key = f"{unit_id(db_path)}_2024"
    assert texts.REVIEW_SUBMITTED.format(file="bao\\_cao\\.xlsx", at=uploaded_at(db_path, 1),
                                         by="UBND xã Tịnh Hòa") in [c.value for c in at.caption]  # by name
    assert texts.REVIEW_NO_PREVIOUS.format(year=2024) in [i.value for i in at.info]
    assert texts.REVIEW_NO_LAST_YEAR.format(year=2023) in [i.value for i in at.info]
    assert [s.value for s in at.success] == [texts.REVIEW_NO_WARNINGS]
    at.button(key=f"approve_{key}").click().run()
    assert [s.value for s in at.success] == [texts.REVIEW_APPROVED.format(n=1)]
    assert texts.REVIEW_EMPTY in [i.value for i in at.info]
    assert state(db_path) == ("approved", None, REVIEWER)
    unit_page = app(UNIT, MY_PAGE)
    assert texts.MY_STATE.format(year=2024, state="Đã duyệt") in [m.value for m in unit_page.markdown]
    # no file can replace it now (the server would refuse one): no uploader, and what to do instead
    assert [i.value for i in unit_page.info] == [texts.MY_APPROVED_NO_UPLOAD.format(year=2024)]
    assert not unit_page.get("file_uploader")
    with writer(db_path) as con:
        cycle.lock(con, cycle.command_line("admin"), 2024, CITY)
    unit_page = app(UNIT, MY_PAGE)
    assert [i.value for i in unit_page.info] == [texts.MY_LOCKED.format(year=2024)]
    assert not unit_page.get("file_uploader")


def test_a_return_needs_a_reason_which_the_unit_then_reads(app, db_path, workbooks):
    submitted_by_the_unit(app, workbooks)
    at = opened(app(REVIEWER, QUEUE), db_path)
    key = f"{unit_id(db_path)}_2024"
    at.text_area(key=f"reason_{key}").input("   ")
    at.button(key=f"return_{key}").click().run()
    assert [e.value for e in at.error] == [texts.CYCLE_REASON_REQUIRED]
    assert state(db_path) == ("submitted", None, UNIT)
    at.text_area(key=f"reason_{key}").input("Mô hình B thiếu quyết định công nhận.")
    at.button(key=f"return_{key}").click().run()
    assert [s.value for s in at.success] == [texts.REVIEW_RETURNED.format(unit="Xã Tịnh Hòa", year=2024)]
    assert state(db_path) == ("returned", "Mô hình B thiếu quyết định công nhận.", REVIEWER)
    unit_page = app(UNIT, MY_PAGE)
    assert [w.value for w in unit_page.warning] == [  # one full stop after the reason, not two
        "Báo cáo bị trả lại. Lý do: Mô hình B thiếu quyết định công nhận. Hãy sửa theo yêu cầu rồi nộp lại."]
    assert texts.MY_STATE.format(year=2024, state="Trả lại") in [m.value for m in unit_page.markdown]
    assert years_and_reasons(unit_page)[0] == [2024, "Mô hình B thiếu quyết định công nhận."]

    upload(unit_page, workbooks.official("bo_sung.xlsx", models=[model_row(name="B", status="Được công nhận")]))
    unit_page.button(key="my_submit").click().run()
    assert state(db_path) == ("submitted", None, UNIT)
    assert not unit_page.warning and years_and_reasons(unit_page)[0] == [2024, None]  # the return is history
    assert unit_page.dataframe[-1].proto.placeholder == "–"  # a cell without a reason is not written "None"


def years_and_reasons(at: AppTest) -> list[list]:
    """(year, reason of a return) of the unit's table of years, a blank cell as None."""
    table = at.dataframe[-1].value[["Năm", "Lý do trả lại"]].astype(object)
    return table.where(table.notna(), None).values.tolist()


def test_a_reviewer_of_another_khu_vuc_neither_sees_nor_approves_it(app, db_path, workbooks):
    submitted_by_the_unit(app, workbooks)
    at = app(OTHER, QUEUE)
    assert texts.REVIEW_EMPTY in [i.value for i in at.info] and not at.checkbox
    assert at.tabs[0].label == texts.REVIEW_TAB_PENDING.format(n=0)
    other = auth.account_of(OTHER, auth.read_accounts(config.ACCOUNTS_PATH)[OTHER])
    pair = (unit_id(db_path), 2024)
    with writer(db_path) as con, pytest.raises(cycle.CycleError) as refused:
        cycle.approve(con, other, [pair])
    assert str(refused.value) == texts.CYCLE_OUT_OF_SCOPE.format(unit="Xã Tịnh Hòa", year=2024,
                                                                 scope="Huyện Bình Sơn")
    assert state(db_path) == ("submitted", None, UNIT)


def test_several_clean_reports_at_once_but_not_one_with_warnings(app, db_path, workbooks):
    assert run_load(db_path, workbooks.official("2023.xlsx", models=[model_row(year=2023)])) == 0
    assert run_load(db_path, workbooks.official("2024.xlsx", models=[model_row()])) == 0
    twice = model_row(unit="Phường Trần Phú", name="Khu phố sạch")
    assert run_load(db_path, workbooks.official("tran_phu.xlsx", models=[twice, twice])) == 0  # a duplicate: warned
    at = app(REVIEWER, QUEUE)
    labels = [c.label for c in at.checkbox]
    assert labels[0] == texts.REVIEW_HEADLINE.format(unit="Phường Trần Phú", district=CITY, year=2024, models=1,
                                                     commendations=0) + texts.REVIEW_HEADLINE_WARNED.format(n=1)
    assert [c.disabled for c in at.checkbox] == [True, False, False]
    assert at.checkbox[0].help == texts.REVIEW_NOT_CLEAN
    assert at.button(key="approve_selected").disabled
    for box in at.checkbox[1:]:
        box.check()
    at.run()
    assert at.button(key="approve_selected").label == texts.REVIEW_APPROVE_SELECTED.format(n=2)
    at.button(key="approve_selected").click().run()
    assert [s.value for s in at.success] == [texts.REVIEW_APPROVED.format(n=2)]
    assert [state(db_path, y)[0] for y in (2023, 2024)] == ["approved", "approved"]
    assert state(db_path, code="21013")[0] == "submitted"
    opened(at, db_path, code="21013")
    warned = [df.value for df in at.dataframe if "Lý do" in df.value.columns]
    assert warned[0]["Dòng"].tolist() == ["3"]


def test_the_review_shows_what_changed_since_the_last_submission_and_last_year(app, db_path, workbooks):
    award = {"unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Chi hội A", "recipient_type": "Tập thể",
             "award": "Biểu dương"}
    for name, models, awards in (
            ("2023.xlsx", [model_row(year=2023, name="A"), model_row(year=2023, name="B")], []),
            ("lan_1.xlsx", [model_row(name="A"), model_row(name="C")], [award]),
            ("lan_2.xlsx", [model_row(name="A", form="Duy trì"), model_row(name="D")], [award])):
        assert run_load(db_path, workbooks.official(name, models=models, commendations=awards)) == 0
    at = opened(app(REVIEWER, QUEUE), db_path)
    captions = [c.value for c in at.caption]
    assert texts.REVIEW_SUBMITTED.format(file="lan\\_2\\.xlsx", at=uploaded_at(db_path, 3), by="cli") in captions
    assert texts.REVIEW_PREVIOUS.format(file="lan\\_1\\.xlsx", at=uploaded_at(db_path, 2)) in captions
    assert texts.REVIEW_LAST_YEAR.format(year=2023) in captions
    assert [m.value for m in at.markdown] == [
        "**Mô hình, điển hình** (2)", "**Khen thưởng** (1)",
        texts.REVIEW_DIFF.format(what="Mô hình", before=2, now=2, added=1, removed=1, changed=1),
        texts.REVIEW_DIFF.format(what="Khen thưởng", before=1, now=1, added=0, removed=0, changed=0),
        texts.REVIEW_DIFF.format(what="Mô hình", before=2, now=2, added=1, removed=1, changed=1),
        texts.REVIEW_COUNTS.format(what="Khen thưởng", before=0, now=1)]
    changes = [df.value.values.tolist() for df in at.dataframe if "Thay đổi" in df.value.columns]
    assert changes == [
        [["Sửa", "A", "Hình thức: Xây dựng mới → Duy trì"], ["Thêm", "D", ""], ["Bỏ", "C", ""]],
        [["Sửa", "A", "Hình thức: Xây dựng mới → Duy trì"], ["Thêm", "D", ""], ["Bỏ", "B", ""]]]


def test_an_approved_report_is_reopened_with_a_reason(app, db_path, workbooks):
    assert run_load(db_path, workbooks.official("2024.xlsx", models=[model_row()])) == 0
    pair = (unit_id(db_path), 2024)
    with writer(db_path) as con:
        cycle.approve(con, cycle.command_line("admin"), [pair])
    at = app(REVIEWER, QUEUE)
    assert [t.label for t in at.tabs] == [texts.REVIEW_TAB_PENDING.format(n=0), texts.REVIEW_TAB_APPROVED.format(n=1)]
    assert at.selectbox(key="reopen_pick").value == 0
    at.button(key="reopen").click().run()
    assert [e.value for e in at.error] == [texts.CYCLE_REASON_REQUIRED]
    at.text_area(key="reopen_reason").input("Số liệu năm 2024 cần bổ sung khen thưởng.")
    at.button(key="reopen").click().run()
    assert [s.value for s in at.success] == [texts.REVIEW_RETURNED.format(unit="Xã Tịnh Hòa", year=2024)]
    assert state(db_path) == ("returned", "Số liệu năm 2024 cần bổ sung khen thưởng.", REVIEWER)
    assert texts.REVIEW_NONE_APPROVED in [i.value for i in at.info]
