"""What a reviewer reads (etl/review.py): a report against the unit's previous submission and last year, its file
read again for its warnings; the queue's query by scope; the template prefilled for a unit (etl/template.py)."""
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import model_row

from core import config, queries, texts, vocab
from core.cycle_queries import MY_YEARS, REVIEW_QUEUE, UNIT_YEAR_MODELS
from core.scope import REVIEWER, Scope, scope_params
from dashboard.unit_report import years_table
from etl import cycle
from etl.load import DamagedArchive, load_bytes
from etl.pipeline import parse_file
from etl.review import (
    ADDED,
    CHANGED,
    REMOVED,
    archived,
    compare_commendations,
    compare_models,
    of_unit_year,
)
from etl.template import write_prefilled, write_submission

MODEL = {"unit_id": 1, "year": 2024, "name": "Mô hình A", "kind": "Mô hình", "subject": "Tập thể",
         "field": "Kinh tế", "theme": None, "form": "Xây dựng mới", "status": "Được công nhận", "level": None,
         "start_date": None, "start_year": None, "place": None, "result": None, "note": None}
AWARD = {"unit_id": 1, "year": 2024, "recipient": "Chi hội A", "recipient_type": "Tập thể",
         "award": "Giấy khen của Chủ tịch UBND cấp xã", "decision_no": "1/QĐ-UBND", "decision_date": None,
         "model_name": None, "reason": None}


def models(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**MODEL, **row} for row in rows], columns=list(MODEL))


def awards(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**AWARD, **row} for row in rows], columns=list(AWARD))


def changes(diff) -> list[tuple]:
    return list(diff.changes.itertuples(index=False, name=None))


def test_models_are_compared_by_name_field_by_field():
    before = models({"name": "Mô hình A"}, {"name": "Mô hình B"})
    now = models({"name": "Mô hình A", "form": "Duy trì", "status": "Tiêu biểu"}, {"name": "Mô hình C"})
    diff = compare_models(now, before)
    assert changes(diff) == [
        (CHANGED, "Mô hình A", "Hình thức: Xây dựng mới → Duy trì; Kết quả đánh giá: Được công nhận → Tiêu biểu"),
        (ADDED, "Mô hình C", ""), (REMOVED, "Mô hình B", "")]
    assert (diff.before, diff.now, diff.count(ADDED), diff.count(REMOVED), diff.count(CHANGED)) == (2, 2, 1, 1, 1)


def test_the_same_report_has_no_changes():
    diff = compare_models(models({"name": "A"}, {"name": "B"}), models({"name": "A"}, {"name": "B"}))
    assert changes(diff) == [] and (diff.before, diff.now) == (2, 2)


def test_names_match_without_case_or_tone_placement_but_keep_their_accents():
    before = models({"name": "Mô hình hoà giải"}, {"name": "Đường hoa Ba Tô"})
    now = models({"name": "MÔ HÌNH HÒA GIẢI"}, {"name": "Đường hoa Ba Tơ"})
    assert changes(compare_models(now, before)) == [(ADDED, "Đường hoa Ba Tơ", ""), (REMOVED, "Đường hoa Ba Tô", "")]


def test_a_name_given_twice_pairs_in_order():
    now = models({"name": "A"}, {"name": "A", "field": "Văn hóa - Xã hội"})
    assert changes(compare_models(now, models({"name": "A"}))) == [(ADDED, "A", "")]
    assert changes(compare_models(models({"name": "A"}), now)) == [(REMOVED, "A", "")]


def test_start_day_or_year_and_empty_cells_as_a_person_reads_them():
    # as the database gives them: a year as 2020.0 beside NaN, a missing day as NaT, a missing text as NaN
    before = models({"name": "A", "start_year": 2020.0, "start_date": pd.NaT, "place": float("nan")})
    now = models({"name": "A", "start_date": dt.date(2021, 3, 1), "level": "Tỉnh", "place": None})
    assert changes(compare_models(now, before)) == [
        (CHANGED, "A", "Cấp công nhận: – → Tỉnh; Thời gian bắt đầu: 2020 → 01/03/2021")]


def test_commendations_pair_by_recipient_and_award():
    before = awards({})
    now = awards({"decision_no": "2/QĐ-UBND"}, {"award": "Bằng khen của Chủ tịch UBND tỉnh"})
    assert changes(compare_commendations(now, before)) == [
        (CHANGED, "Chi hội A (Giấy khen của Chủ tịch UBND cấp xã)", "Số quyết định: 1/QĐ-UBND → 2/QĐ-UBND"),
        (ADDED, "Chi hội A (Bằng khen của Chủ tịch UBND tỉnh)", "")]


def test_nothing_against_nothing():
    diff = compare_commendations(awards().iloc[0:0], awards().iloc[0:0])
    assert changes(diff) == [] and (diff.before, diff.now) == (0, 0)
    assert list(diff.changes.columns) == ["change", "name", "details"]


def test_rows_of_one_unit_year():
    frame = models({"name": "A"}, {"name": "B", "year": 2023}, {"name": "C", "unit_id": 2})
    assert of_unit_year(frame, 1, 2024)["name"].tolist() == ["A"]


def xlsx(**content) -> bytes:
    out = io.BytesIO()
    write_submission(out, info=content.get("info", {}), models=content.get("models", []),
                     commendations=content.get("commendations", []))
    return out.getvalue()


def unit_id_of(con, code: str) -> int:
    return con.execute("SELECT unit_id FROM units WHERE code = ? ORDER BY valid_from DESC LIMIT 1", [code]).fetchall()[0][0]


def test_a_report_in_the_database_against_the_original_it_replaced(con, resolver, tmp_path):
    """Rows from the database (DuckDB's types) against rows parsed again from the archive (the parser's)."""
    first = xlsx(models=[model_row(name="A", start="2020"), model_row(name="A", start="2020"), model_row(name="B")])
    second = xlsx(models=[model_row(name="A", start="2020", form="Duy trì"), model_row(name="C")])
    for name, data in (("lan_1.xlsx", first), ("lan_2.xlsx", second)):
        assert load_bytes(con, data, name, resolver, archive_dir=tmp_path / "archive").outcome == "loaded"
    unit = unit_id_of(con, "21187")
    stored, sha256 = con.execute("SELECT archive_path, sha256 FROM uploads WHERE upload_id = 1").fetchall()[0]
    previous = archived(stored, sha256, "lan_1.xlsx", tmp_path / "archive", resolver)
    assert previous.parts == {"models", "commendations"} and previous.errors == 0
    # the first file gave A twice: one warning, on its third row, and A counted once
    assert [(p.row, p.warning) for p in previous.warnings] == [(3, True)]
    assert previous.warnings[0].message == texts.WARN_DUPLICATE_MODEL.format(row=3, first=2,
                                                                             first_sheet=vocab.SHEET_MODELS)
    now = queries.run(con, UNIT_YEAR_MODELS, unit_id=unit, year=2024)
    diff = compare_models(now, previous.of(unit, 2024).models)
    assert changes(diff) == [(CHANGED, "A", "Hình thức: Xây dựng mới → Duy trì"), (ADDED, "C", ""),
                             (REMOVED, "B", "")]
    assert previous.of(unit, 2023).models.empty


def test_an_archive_that_is_missing_or_damaged(con, resolver, tmp_path):
    assert archived(None, "0" * 64, "x.xlsx", tmp_path, resolver) is None
    assert archived("archive/nothing.xlsx", "0" * 64, "x.xlsx", tmp_path, resolver) is None
    data = xlsx(models=[model_row()])
    load_bytes(con, data, "a.xlsx", resolver, archive_dir=tmp_path / "archive")
    stored, sha256 = con.execute("SELECT archive_path, sha256 FROM uploads").fetchall()[0]
    (tmp_path / stored).write_bytes(data[:-10])
    with pytest.raises(DamagedArchive):
        archived(stored, sha256, "a.xlsx", tmp_path / "archive", resolver)


def queue(con, state: str, reviewer: Scope) -> list[tuple]:
    frame = queries.run(con, REVIEW_QUEUE, state=state, year=None, district=None,
                        **scope_params(REVIEWER, reviewer))
    return list(frame[["unit", "year", "file_name", "previous_file", "models", "last_year_reported"]]
                .itertuples(index=False, name=None))


def test_the_queue_holds_the_waiting_reports_of_the_scope(con, resolver, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "APPROVAL", True)
    archive = tmp_path / "archive"
    for name, rows in (("2023.xlsx", [model_row(year=2023, name="X")]),
                       ("2024.xlsx", [model_row(name="A"), model_row(name="B")]),
                       ("2024_lai.xlsx", [model_row(name="A")]),
                       ("so_y_te.xlsx", [model_row(unit="Sở Y tế", name="Y")])):
        assert load_bytes(con, xlsx(models=rows), name, resolver, archive_dir=archive).outcome == "loaded"
    cycle.approve(con, cycle.command_line("admin"), [(unit_id_of(con, "21187"), 2023)])
    city = Scope(districts=("Thành phố Quảng Ngãi",))
    assert queue(con, cycle.SUBMITTED, city) == [("Xã Tịnh Hòa", 2024, "2024_lai.xlsx", "2024.xlsx", 1, True)]
    assert queue(con, cycle.APPROVED, city) == [("Xã Tịnh Hòa", 2023, "2023.xlsx", None, 1, False)]
    assert [r[0] for r in queue(con, cycle.SUBMITTED, Scope())] == ["Sở Y tế", "Xã Tịnh Hòa"]  # Cấp tỉnh < Thành phố
    assert queue(con, cycle.SUBMITTED, Scope(districts=("Huyện Bình Sơn",))) == []
    assert queue(con, cycle.SUBMITTED, Scope(units=("T51-17",)))[0][:2] == ("Sở Y tế", 2024)
    con.execute("INSERT INTO locks VALUES (2023, '', 'admin', now())")
    assert queue(con, cycle.APPROVED, city) == []  # a locked year cannot be reopened


def test_a_units_years_say_their_state_due_day_and_first_report(con, resolver, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "APPROVAL", True)
    admin = cycle.command_line("admin")
    cycle.set_period(con, admin, 2023, dt.date(2023, 1, 1), dt.date(2099, 1, 31), None)
    load_bytes(con, xlsx(models=[model_row(year=2023)]), "a.xlsx", resolver, archive_dir=tmp_path / "archive")
    cycle.return_report(con, admin, unit_id_of(con, "21187"), 2023, "Thiếu lĩnh vực")
    con.execute("INSERT INTO locks VALUES (2022, '', 'admin', now())")
    frame = queries.run(con, MY_YEARS, code="21187", due_day=15, due_month=12)
    frame = frame.astype(object).where(frame.notna(), None)
    uploaded = con.execute("SELECT uploaded_at FROM uploads").fetchall()[0][0]
    assert [(r.year, r.unit, r.state, r.reason, r.due.date(), r.first_upload) for r in frame.itertuples()][:3] == [
        (2024, "Xã Tịnh Hòa", "none", None, dt.date(2024, 12, 15), None),
        (2023, "Xã Tịnh Hòa", "returned", "Thiếu lĩnh vực", dt.date(2099, 1, 31), uploaded),
        (2022, "Xã Tịnh Hòa", "locked", None, dt.date(2022, 12, 15), None)]
    assert frame["year"].min() == config.PLAN_FIRST_YEAR  # the years the unit owes, from the plan's first
    shown = years_table(queries.run(con, MY_YEARS, code="21187", due_day=15, due_month=12))
    reasons = shown[texts.MY_YEAR_COLUMNS["reason"]][:3]
    assert [r if pd.notna(r) else None for r in reasons] == [None, "Thiếu lĩnh vực", None]  # missing: drawn as –


def test_the_prefilled_template_holds_the_unit_year_and_last_years_models(con, resolver, tmp_path):
    last = [model_row(year=2023, name="Mô hình A", start="15/03/2021", level="Tỉnh", place="Thôn 1"),
            model_row(year=2023, name="Mô hình B", start="2022", form="Nhân rộng")]
    load_bytes(con, xlsx(models=last), "2023.xlsx", resolver, archive_dir=tmp_path / "archive")
    unit = unit_id_of(con, "21187")
    rows = queries.run(con, UNIT_YEAR_MODELS, unit_id=unit, year=2023).to_dict("records")
    out = io.BytesIO()
    write_prefilled(out, unit="Xã Tịnh Hòa", code="21187", year=2024, last_year=rows)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    info = book[vocab.SHEET_INFO]
    assert [(info.cell(r, 1).value, info.cell(r, 2).value) for r in (1, 2, 3)] == [
        ("Đơn vị báo cáo", "Xã Tịnh Hòa"), ("Mã đơn vị", "21187"), ("Năm báo cáo", 2024)]
    parsed = parse_file(out.getvalue(), "mau.xlsx", resolver)
    assert parsed.errors == [] and parsed.coverage == {(unit, 2024)}
    assert [(m["name"], m["form"], m["level"], m["place"], m["start_date"], m["start_year"])
            for m in parsed.models.to_dict("records")] == [
        ("Mô hình A", "Duy trì", "Tỉnh", "Thôn 1", dt.date(2021, 3, 15), 2021),
        ("Mô hình B", "Duy trì", None, None, None, 2022)]
