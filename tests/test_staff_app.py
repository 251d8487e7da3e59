"""The staff workflow in AppTest: sign in, upload a mixed batch, commit the good files, roll back."""
import pytest
from app_support import STAFF_NAME, fill_signin, sign_in
from conftest import model_row, run_load
from streamlit.testing.v1 import AppTest

from core import config, formats, texts
from core.vntext import fold

# Whole workflows through the app (AppTest) or other processes: a second or more each (pytest.ini).
pytestmark = pytest.mark.slow


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page, name, title", [
    ("pages/staff/upload.py", "upload", texts.UPLOAD_TITLE),
    ("pages/staff/history.py", "history", texts.HISTORY_TITLE),
    ("pages/staff/tracking.py", "tracking", texts.TRACKING_TITLE.format(year=2024)),
])
def test_a_bookmarked_staff_page_leads_to_sign_in_and_back(staff_app, page, name, title):
    staff_app.query_params["year"] = "2024"
    at = staff_app.run()
    at.switch_page(page).run()  # a bookmark, or a tab left open: a signed-out visitor on a staff page
    assert not at.exception
    assert at.title[0].value == texts.SIGNIN_TITLE
    assert [i.value for i in at.info] == [texts.SIGNIN_FOR_PAGE.format(page=getattr(texts, f"PAGE_{name.upper()}"))]
    assert at.query_params["next"] == name and at.query_params["year"] == "2024"
    assert not at.get("file_uploader") and not at.get("download_button")
    fill_signin(at)
    assert not at.exception
    assert at.title[0].value == title
    assert "next" not in at.query_params and at.query_params["year"] == "2024"


def test_write_pages_guard_themselves(staff_app):
    for page in ("pages/staff/upload.py", "pages/staff/history.py", "pages/staff/tracking.py"):
        direct = AppTest.from_file(f"../{page}", default_timeout=60).run()  # not through app.py at all
        assert not direct.exception
        assert [w.value for w in direct.warning] == [texts.STAFF_ONLY]
        assert not direct.get("file_uploader") and not direct.button


def test_when_viewing_needs_an_account_a_bookmarked_page_comes_back_after_sign_in(staff_app, monkeypatch):
    monkeypatch.setattr(config, "REQUIRE_LOGIN", True)
    at = staff_app.run()
    assert at.title[0].value == texts.SIGNIN_TITLE
    at.switch_page("pages/dashboard/units.py").run()
    assert at.title[0].value == texts.SIGNIN_TITLE and at.query_params["next"] == "units"
    fill_signin(at)
    assert not at.exception
    assert at.title[0].value == texts.UNITS_TITLE


@pytest.mark.parametrize("target", ["https://example.com/", "//example.com", "../app", "signin", "", "upload/../x"])
def test_next_only_ever_names_a_page_of_the_app(staff_app, target):
    staff_app.query_params["next"] = target
    at = staff_app.run()
    at.switch_page("pages/staff/signin.py").run()
    assert not at.info
    fill_signin(at)
    assert not at.exception
    assert at.title[0].value == texts.SIGNIN_TITLE  # stays: no such page
    assert [s.value for s in at.success] == [texts.SIGNIN_ALREADY.format(name="Nguyễn Thị Lan")]


def test_wrong_password_is_refused(staff_app):
    at = sign_in(staff_app, "sai-mat-khau")
    assert [e.value for e in at.error] == [texts.SIGNIN_FAILED]


def test_mixed_batch_commits_the_good_files_and_reports_the_bad(staff_app, workbooks):
    staff_app.query_params["year"] = "2024"
    at = sign_in(staff_app)
    at.switch_page("pages/dashboard/overview.py").run()
    assert metric(at, texts.KPI_SUBMITTED) == "0"
    good = workbooks.official("tot.xlsx", models=[model_row(name="A"), model_row(name="B")])
    other = workbooks.official("so_y_te.xlsx", models=[model_row(unit="Sở Y tế", name="C")])
    bad = workbooks.official("loi.xlsx", models=[model_row(unit="Xã Không Có")])
    at.switch_page("pages/staff/upload.py").run()
    uploader = at.get("file_uploader")[0]
    for path in (good, other, bad):
        uploader.upload(path.name, path.read_bytes())
    at.run()
    assert not at.exception
    assert "2 tệp hợp lệ, 1 tệp có lỗi, 0 tệp đã nạp trước đó." in [m.value for m in at.markdown]
    errors = [df.value for df in at.dataframe if "Lý do" in df.value.columns]
    assert errors and 'Không tìm thấy đơn vị "Xã Không Có"' in errors[0]["Lý do"].iloc[0]
    at.button(key="commit").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [texts.UPLOAD_DONE.format(n=2)]
    at.switch_page("pages/dashboard/overview.py").run()
    assert metric(at, texts.KPI_SUBMITTED) == "2"
    assert metric(at, texts.KPI_MODELS) == "3"
    at.switch_page("pages/staff/history.py").run()
    assert len(at.dataframe[0].value) == 2
    assert set(at.dataframe[0].value["Người tải lên"]) == {STAFF_NAME}  # the display name, not the login


def test_rollback_from_the_history_page(staff_app, workbooks):
    at = sign_in(staff_app)
    at.switch_page("pages/staff/upload.py").run()
    path = workbooks.official("tot.xlsx", models=[model_row(name="A")])
    at.get("file_uploader")[0].upload(path.name, path.read_bytes())
    at.run()
    at.button(key="commit").click().run()
    at.switch_page("pages/staff/history.py").run()
    at.checkbox(key="confirm_1").check().run()
    at.button(key="rollback_1").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f'Đã hoàn tác "{formats.plain("tot.xlsx")}"')  # markdown source
    assert at.dataframe[0].value["Trạng thái"].tolist() == ["Đã hoàn tác"]


def test_tracking_lists_units_without_a_report_with_a_reminder(staff_app, demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    at = sign_in(staff_app)
    at.switch_page("pages/staff/tracking.py").run()
    assert not at.exception
    missing = next(d.value for d in at.dataframe if "Nội dung nhắc" in d.value)
    assert missing["Nội dung nhắc"].iloc[0].startswith(f"Kính gửi {missing['Đơn vị'].iloc[0]}:")


def test_tracking_notes_a_model_reported_by_two_units(staff_app, workbooks, db_path):
    """Co-reporting: both units keep the model toward their own target; staff see it as a data-quality note."""
    for unit, name in (("Xã Tịnh Hòa", "Đường hoa kiểu mẫu"), ("Xã Sơn Hạ", "ĐƯỜNG HOA KIỂU MẪU")):
        rows = [model_row(unit=unit, name=name), model_row(unit=unit, name=f"Riêng của {unit}")]
        assert run_load(db_path, workbooks.official(f"{fold(unit)}.xlsx", models=rows)) == 0
    at = sign_in(staff_app)
    at.switch_page("pages/staff/tracking.py").run()
    at.sidebar.selectbox(key="f_year").set_value(2024).run()
    assert not at.exception
    assert at.subheader[-1].value == texts.TRACKING_CO_REPORTED.format(n=1)
    shown = at.dataframe[-1].value
    assert shown.to_dict("records") == [
        {"Mô hình": "ĐƯỜNG HOA KIỂU MẪU", "Số đơn vị": 2, "Các đơn vị báo cáo": "Xã Sơn Hạ; Xã Tịnh Hòa"}]


def test_a_file_that_loads_with_warnings_says_so_on_its_line(staff_app, workbooks):
    warned = workbooks.official("canh_bao.xlsx", models=[model_row(name="A", level="Thôn")])
    clean = workbooks.official("sach.xlsx", models=[model_row(unit="Sở Y tế", name="C")])
    at = sign_in(staff_app)
    at.switch_page("pages/staff/upload.py").run()
    for path in (warned, clean):
        at.get("file_uploader")[0].upload(path.name, path.read_bytes())
    at.run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels == [f"{formats.plain('canh_bao.xlsx')}: hợp lệ, 1 mô hình, 0 khen thưởng · 1 cảnh báo cần xem",
                      f"{formats.plain('sach.xlsx')}: hợp lệ, 1 mô hình, 0 khen thưởng"]  # markdown source
    assert [e.proto.icon for e in at.expander] == [":material/warning:", ":material/check_circle:"]
    warnings = next(df.value for df in at.dataframe if "Lý do" in df.value.columns)
    assert warnings["Cột"].tolist() == ["Cấp công nhận"]
