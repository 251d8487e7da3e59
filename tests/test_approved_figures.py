"""The dashboard's switch once approval is on: "Chỉ số liệu đã duyệt" (the default) or "Tất cả số liệu đã nộp".
Figures are checked against SQL written here, both ways; the KPI cards say how many reports wait; the choice travels
in the URL; the report pack follows it; the tracking page counts every submitted report whatever it says. With
approval off there is no switch and nothing changes."""
import re

import pytest
from app_support import PASSWORD, STAFF_NAME, STAFF_USER, open_page, sign_in
from conftest import model_row, run_load
from streamlit.testing.v1 import AppTest

from core import auth, config, formats, scope, texts
from core.db import connect, writer
from etl import cycle

pytestmark = pytest.mark.slow

YEAR = 2024
OVERVIEW, REPORT, TRACKING = "pages/dashboard/overview.py", "pages/dashboard/report.py", "pages/staff/tracking.py"
# Xã Tịnh Hòa: two counted models and one that does not count (Duy trì); Sở Y tế: one counted model.
REPORTS = {"Xã Tịnh Hòa": [model_row(name="A"), model_row(name="B"), model_row(name="D", form="Duy trì")],
           "Sở Y tế": [model_row(unit="Sở Y tế", name="C")]}


def load_reports(db_path, workbooks) -> None:
    for number, models in enumerate(REPORTS.values()):
        assert run_load(db_path, workbooks.official(f"{number}.xlsx", models=models)) == 0


def approve(db_path, unit: str) -> None:
    with writer(db_path) as con:
        unit_id = con.execute("SELECT DISTINCT unit_id FROM upload_coverage JOIN units USING (unit_id) WHERE name = ?",
                              [unit]).fetchall()[0][0]
        cycle.approve(con, cycle.command_line("duyet"), [(unit_id, YEAR)])


def expected(db_path, approved_only: bool) -> dict:
    """Units reported and models counted in 2024, from the tables: the approved unit-years only, or every report."""
    con = connect(db_path)
    try:
        units, models, counted = con.execute("""
            SELECT COUNT(DISTINCT m.unit_id), COUNT(*),
                   COUNT(*) FILTER (m.form IN ('Xây dựng mới', 'Nhân rộng') AND m.status <> 'Chưa đạt')
            FROM models m JOIN unit_year_state s USING (unit_id, year)
            WHERE m.year = ? AND (NOT ? OR s.state = 'approved')""", [YEAR, approved_only]).fetchall()[0]
    finally:
        con.close()
    return {"units": units, "models": models, "counted": counted}


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def cards(at) -> dict:
    return {"units": int(metric(at, texts.KPI_SUBMITTED)), "counted": int(metric(at, texts.KPI_MODELS))}


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


@pytest.fixture
def app(db_path, workbooks, tmp_path, monkeypatch):
    """Approval on; both reports submitted, Xã Tịnh Hòa's approved, Sở Y tế's waiting."""
    monkeypatch.setattr(config, "APPROVAL", True)
    monkeypatch.setattr(config, "DB_PATH", db_path)
    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, STAFF_USER, PASSWORD, scope.STAFF, STAFF_NAME)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    load_reports(db_path, workbooks)
    approve(db_path, "Xã Tịnh Hòa")
    return AppTest.from_file("../app.py", default_timeout=60)


def test_the_approved_figures_by_default_and_every_report_on_demand(app, db_path):
    approved, everything = expected(db_path, True), expected(db_path, False)
    assert (approved["units"], everything["units"]) == (1, 2)  # the test's own data: the two differ
    at = open_page(app, OVERVIEW, year=str(YEAR))
    switch = at.sidebar.radio(key="f_figures")
    assert switch.value == "approved" and switch.options == list(texts.FIGURES_LABELS.values())
    assert cards(at) == {"units": approved["units"], "counted": approved["counted"]}
    assert texts.KPI_PENDING_LEFT_OUT.format(n=1) in captions(at)
    assert "figures" not in at.query_params  # the default stays out of the URL

    switch.set_value("all").run()
    assert not at.exception
    assert cards(at) == {"units": everything["units"], "counted": everything["counted"]}
    assert texts.KPI_PENDING_COUNTED.format(n=1) in captions(at)
    assert at.query_params["figures"] == "all"


def test_once_approved_both_choices_give_the_same_figures(app, db_path):
    approve(db_path, "Sở Y tế")
    assert expected(db_path, True) == expected(db_path, False)
    shown = {}
    for choice in ("approved", "all"):
        at = open_page(AppTest.from_file("../app.py", default_timeout=60), OVERVIEW, year=str(YEAR), figures=choice)
        assert at.sidebar.radio(key="f_figures").value == choice
        shown[choice] = cards(at)
        assert not [c for c in captions(at) if "chờ duyệt" in c]
    everything = expected(db_path, False)
    assert shown["approved"] == shown["all"] == {"units": everything["units"], "counted": everything["counted"]}


def test_a_link_with_every_report_opens_on_them_and_a_wrong_value_says_so(app, db_path):
    at = open_page(app, OVERVIEW, year=str(YEAR), figures="all")
    assert at.sidebar.radio(key="f_figures").value == "all"
    assert int(metric(at, texts.KPI_SUBMITTED)) == expected(db_path, False)["units"]
    wrong = open_page(AppTest.from_file("../app.py", default_timeout=60), OVERVIEW, year=str(YEAR), figures="nhap")
    assert wrong.sidebar.radio(key="f_figures").value == "approved"
    assert [w.value for w in wrong.sidebar.warning] == [
        texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_FIGURES, value=formats.plain("nhap"))]


def report_models(at) -> list[int]:
    """The report's sentence "Trong năm, các đơn vị báo cáo N mô hình…; trong đó M mô hình được tính…": [N, M]."""
    line = next(m.value for m in at.markdown if m.value.startswith("Trong năm, các đơn vị báo cáo"))
    return [int(n) for n in re.findall(r"\d+", line)[:2]]


def test_the_report_pack_follows_the_switch(app, db_path):
    at = open_page(app, REPORT, year=str(YEAR))
    approved = expected(db_path, True)
    assert report_models(at) == [approved["models"], approved["counted"]]
    at.sidebar.radio(key="f_figures").set_value("all").run()
    everything = expected(db_path, False)
    assert report_models(at) == [everything["models"], everything["counted"]]


def test_tracking_counts_a_report_waiting_for_approval_as_submitted(app, db_path):
    at = sign_in(app)
    at.switch_page(TRACKING).run()
    at.sidebar.selectbox(key="f_year").set_value(YEAR).run()
    assert not at.exception
    assert at.sidebar.radio(key="f_figures").value == "approved"
    assert int(metric(at, texts.KPI_SUBMITTED)) == 2
    assert texts.TRACKING_ALL_SUBMITTED in captions(at)
    missing = next(d.value for d in at.dataframe if "Nội dung nhắc" in d.value)
    assert not {"Xã Tịnh Hòa", "Sở Y tế"} & set(missing["Đơn vị"])


def test_with_approval_off_there_is_no_switch_and_every_report_counts(db_path, workbooks, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    load_reports(db_path, workbooks)  # approved at once
    at = open_page(AppTest.from_file("../app.py", default_timeout=60), OVERVIEW, year=str(YEAR), figures="all")
    assert not [r for r in at.sidebar.radio if r.key == "f_figures"]
    assert not at.sidebar.warning  # a link made while approval was on still opens, in silence
    everything = expected(db_path, False)
    assert cards(at) == {"units": everything["units"], "counted": everything["counted"]} == {"units": 2, "counted": 3}
    assert not [c for c in captions(at) if "chờ duyệt" in c]
    assert "figures" not in at.query_params
