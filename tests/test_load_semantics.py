"""One transaction per file, keyed by SHA-256: idempotent re-loads, per unit-year supersession, dry runs."""

from conftest import db_state, load_related_model_history, model_row, run_load, table_rows

from core import config
from etl.batch import preview


def test_same_file_twice_changes_nothing(db_path, workbooks, capsys):
    path = workbooks.official(models=[model_row()])
    assert run_load(db_path, path) == 0
    before = db_state(db_path)
    assert run_load(db_path, path) == 0
    assert db_state(db_path) == before
    assert "[KHÔNG ĐỔI] bao_cao.xlsx: tệp này đã được nạp trước đó (SHA-256 trùng, lần tải lên số 1)" in capsys.readouterr().out


def test_new_file_for_a_unit_year_supersedes_only_that_unit_year(db_path, workbooks, con_after):
    compilation = workbooks.official("tong_hop.xlsx", models=[
        model_row(unit="Xã Tịnh Hòa", name="A"), model_row(unit="Xã Tịnh Kỳ", name="B")])
    correction = workbooks.official("tinh_hoa_bo_sung.xlsx", models=[
        model_row(unit="Xã Tịnh Hòa", name="A2"), model_row(unit="Xã Tịnh Hòa", name="A3")])
    assert run_load(db_path, compilation) == 0
    assert run_load(db_path, correction) == 0
    con = con_after()
    assert table_rows(con, "SELECT name, upload_id FROM models ORDER BY name") == [("A2", 2), ("A3", 2), ("B", 1)]
    assert table_rows(con, """SELECT upload_id, u.name, c.status FROM upload_coverage c JOIN units u USING (unit_id)
                             WHERE part = 'models' ORDER BY upload_id, u.name""") == [
        (1, "Xã Tịnh Hòa", "superseded"), (1, "Xã Tịnh Kỳ", "applied"), (2, "Xã Tịnh Hòa", "applied")]
    # the compilation still applies to Tịnh Kỳ, so the upload as a whole stays applied
    assert table_rows(con, "SELECT upload_id, status FROM uploads ORDER BY 1") == [(1, "applied"), (2, "applied")]


def test_whole_upload_superseded_and_original_archived(db_path, workbooks, con_after):
    first = workbooks.official("lan_1.xlsx", models=[model_row(name="A")])
    second = workbooks.official("lan_2.xlsx", models=[model_row(name="B")])
    assert run_load(db_path, first) == 0 and run_load(db_path, second) == 0
    con = con_after()
    assert table_rows(con, "SELECT file_name, status FROM uploads ORDER BY upload_id") == [
        ("lan_1.xlsx", "superseded"), ("lan_2.xlsx", "applied")]
    archived = table_rows(con, "SELECT sha256, archive_path FROM uploads ORDER BY upload_id")
    for (sha, archive), original in zip(archived, (first, second)):
        assert archive == f"archive/{sha}.xlsx"  # relative to the database's folder, which can move
        assert (config.archive_dir(db_path) / f"{sha}.xlsx").read_bytes() == original.read_bytes()


def test_commendations_of_a_superseded_unit_year_go_too(db_path, workbooks, con_after):
    award = {"recipient": "Chi hội A", "recipient_type": "Tập thể", "award": "Biểu dương"}
    first = workbooks.official("a.xlsx", models=[model_row(name="A")],
                               commendations=[{"unit": "Xã Tịnh Hòa", "year": 2024, **award, "model": "A"}])
    second = workbooks.official("b.xlsx", models=[model_row(name="B")])
    assert run_load(db_path, first) == 0 and run_load(db_path, second) == 0
    assert table_rows(con_after(), "SELECT COUNT(*) FROM commendations") == [(0,)]


def test_dry_run_reports_and_writes_nothing(db_path, workbooks, capsys):
    assert run_load(db_path, workbooks.official("a.xlsx", models=[model_row(name="A")])) == 0
    before = db_state(db_path)
    path = workbooks.official("b.xlsx", models=[model_row(name="B"), model_row(unit="Xã Tịnh Kỳ", name="C")])
    assert run_load(db_path, "--dry-run", path) == 0
    assert db_state(db_path) == before
    out = capsys.readouterr().out
    assert "[KIỂM TRA (không ghi)] b.xlsx: 2 mô hình, 0 khen thưởng; 2 đơn vị-năm (1 mới, 1 thay thế)" in out


def test_folder_is_walked_and_lock_files_skipped(db_path, workbooks, capsys):
    workbooks.official("a.xlsx", models=[model_row(name="A")])
    workbooks.raw("~$a.xlsx", b"lock")
    assert run_load(db_path, workbooks.folder) == 0
    assert "Tổng: 1 tệp đã nạp, 0 không đổi, 0 bị từ chối." in capsys.readouterr().out


def test_unmatched_related_model_is_a_warning_not_an_error(db_path, workbooks, capsys, con_after):
    path = workbooks.official(models=[model_row(name="A")], commendations=[{
        "unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Ông B", "recipient_type": "Cá nhân",
        "award": "Biểu dương", "model": "Mô hình không có"}])
    assert run_load(db_path, path) == 0
    assert '(cảnh báo) Không tìm thấy mô hình "Mô hình không có"' in capsys.readouterr().out
    assert table_rows(con_after(), "SELECT model_id, model_name FROM commendations") == [(None, "Mô hình không có")]


def test_a_file_of_commendations_alone_keeps_the_models(db_path, workbooks, con_after):
    assert run_load(db_path, workbooks.official("mo_hinh.xlsx", models=[model_row(name="A")])) == 0
    awards = [["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng"],
              ["Xã Tịnh Hòa", 2024, "Chi hội phụ nữ thôn 1", "Tập thể", "Biểu dương"],
              ["Sở Tư pháp", 2024, "Phòng Phổ biến pháp luật", "Tập thể", "Giấy khen sở, ngành"]]
    assert run_load(db_path, workbooks.sheets("chi_khen.xlsx", {"Khen thưởng": awards})) == 0
    con = con_after()
    assert table_rows(con, "SELECT name FROM models") == [("A",)]
    assert table_rows(con, "SELECT COUNT(*) FROM commendations") == [(2,)]
    assert table_rows(con, """SELECT name, submitted, attainment FROM unit_year WHERE year = 2024
                             AND name IN ('Xã Tịnh Hòa', 'Sở Tư pháp') ORDER BY name""") == [
        ("Sở Tư pháp", False, "Chưa nộp"), ("Xã Tịnh Hòa", True, "Đạt")]


def test_related_model_of_the_same_year_wins(db_path, workbooks, con_after):
    models = [model_row(name="Mô hình X", year=2022), model_row(name="Mô hình X", year=2024)]
    award = {"unit": "Xã Tịnh Hòa", "recipient": "Ông B", "recipient_type": "Cá nhân", "award": "Biểu dương",
             "model": "mô hình x"}
    path = workbooks.official(models=models, commendations=[{**award, "year": 2022}, {**award, "year": 2023}])
    assert run_load(db_path, path) == 0
    assert table_rows(con_after(), """SELECT c.year, m.year FROM commendations c JOIN models m USING (model_id)
                                     ORDER BY c.year""") == [(2022, 2022), (2023, 2022)]


def test_2025_counts_an_area_once_under_the_units_that_reported(db_path, workbooks, con_after):
    rows = [model_row(unit="Xã Tịnh Hòa", year=2025, name="A"), model_row(unit="Xã Bình Châu", year=2025, name="B")]
    assert run_load(db_path, workbooks.official(models=rows)) == 0  # two predecessors of Xã Đông Sơn report for 2025
    con = con_after()
    assert table_rows(con, """SELECT name, attainment FROM unit_year WHERE year = 2025
                             AND name IN ('Xã Tịnh Hòa', 'Xã Bình Châu', 'Xã Đông Sơn') ORDER BY name""") == [
        ("Xã Bình Châu", "Đạt"), ("Xã Tịnh Hòa", "Đạt")]  # Xã Đông Sơn is not also "Chưa nộp"
    assert table_rows(con, "SELECT attainment FROM unit_year WHERE year = 2026 AND name = 'Xã Đông Sơn'") == [
        ("Chưa nộp",)]


def test_a_merged_body_reporting_before_its_merger_year_keeps_its_successor_expected(db_path, workbooks, con_after):
    rows = [model_row(unit="Sở Kế hoạch và Đầu tư", year=2024, name="A")]  # merged into Sở Tài chính on 01/03/2025
    assert run_load(db_path, workbooks.official(models=rows)) == 0
    assert table_rows(con_after(), """SELECT attainment FROM unit_year WHERE year = 2024 AND name = 'Sở Tài chính'
                                     """) == [("Chưa nộp",)]


def test_the_same_model_pasted_twice_counts_once(db_path, workbooks, capsys, con_after):
    """Defect 16: three copies of one model made the unit "Vượt"."""
    rows = [model_row(name="Tuyến đường hoa kiểu mẫu"), model_row(name="TUYẾN ĐƯỜNG HOA  KIỂU MẪU"),
            model_row(name="Tuyến đường hoa kiểu mẫu "), model_row(name="Tuyến đường hoa kiểu mẫu", form="Nhân rộng")]
    assert run_load(db_path, workbooks.official(models=rows)) == 0
    out = capsys.readouterr().out
    assert "[ĐÃ NẠP] bao_cao.xlsx: 2 mô hình, 0 khen thưởng" in out
    for row in (3, 4):
        assert (f'[Mô hình, dòng {row}, cột Tên mô hình, điển hình] (cảnh báo) Dòng {row} trùng với dòng 2 của trang '
                f'"Mô hình" (cùng đơn vị, năm, tên mô hình, lĩnh vực và hình thức): mô hình chỉ được tính một lần, '
                f'dòng {row} bị bỏ qua.') in out
    con = con_after()
    assert table_rows(con, "SELECT source_row, form FROM models ORDER BY source_row") == [
        (2, "Xây dựng mới"), (5, "Nhân rộng")]
    assert table_rows(con, "SELECT rows_models FROM uploads") == [(2,)]
    assert table_rows(con, "SELECT n_models, attainment FROM unit_year WHERE name = 'Xã Tịnh Hòa' AND year = 2024"
                      ) == [(2, "Đạt")]


def test_the_same_commendation_pasted_twice_counts_once(db_path, workbooks, capsys, con_after):
    award = {"unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Chi hội A", "recipient_type": "Tập thể",
             "award": "Biểu dương", "decision_no": "12/QĐ-UBND"}
    rows = [award, {**award, "recipient": "chi hoi a"}, {**award, "decision_no": "13/QĐ-UBND"}]
    assert run_load(db_path, workbooks.official(models=[model_row(name="A")], commendations=rows)) == 0
    assert ('[Khen thưởng, dòng 3, cột Tập thể, cá nhân được khen] (cảnh báo) Dòng 3 trùng với dòng 2 của trang '
            '"Khen thưởng" (cùng đơn vị, năm, người được khen, hình thức khen thưởng và số quyết định): khen thưởng '
            'chỉ được tính một lần, dòng 3 bị bỏ qua.') in capsys.readouterr().out
    assert table_rows(con_after(), "SELECT source_row, decision_no FROM commendations ORDER BY 1") == [
        (2, "12/QĐ-UBND"), (4, "13/QĐ-UBND")]


def test_the_upload_preview_lists_the_duplicate_and_counts_the_kept_rows(con, resolver, workbooks, tmp_path):
    path = workbooks.official(models=[model_row(name="A"), model_row(name="B"), model_row(name="a")])
    item = preview(con, path.read_bytes(), path.name, resolver, tmp_path / "archive")
    assert item.loadable and item.result.n_models == 2
    assert [(p.sheet, p.row, p.warning) for p in item.result.problems] == [("Mô hình", 4, True)]
    assert "trùng với dòng 2" in item.result.problems[0].message
    assert item.unit_years["models"].tolist() == [2]


def test_a_commendation_is_relinked_when_its_models_year_is_replaced(db_path, workbooks, con_after):
    """Defect 7: the supersede cleared the link and never re-made it (the Khen thưởng page filtered by lĩnh vực
    then dropped the commendation)."""
    load_related_model_history(db_path, workbooks)
    assert table_rows(con_after(), """SELECT c.recipient, m.name, m.upload_id, m.field FROM commendations c
                                     JOIN models m USING (model_id)""") == [("Chi hội A", "mô hình x", 3, "Kinh tế")]


def test_a_commendation_whose_model_is_gone_stays_unlinked(db_path, workbooks, con_after):
    load_related_model_history(db_path, workbooks)
    assert run_load(db_path, workbooks.official("2023_lan_3.xlsx", models=[model_row(year=2023, name="Z")])) == 0
    assert table_rows(con_after(), "SELECT model_id, model_name FROM commendations") == [(None, "Mô hình X")]


def test_a_commendation_without_a_related_model_is_not_warned_about(db_path, workbooks, capsys, con_after):
    """Found by the kill suite: beside a row naming its model, an empty cell became NaN, warned about as "nan"."""
    awards = [["Đơn vị", "Năm", "Tập thể, cá nhân được khen", "Đối tượng", "Hình thức khen thưởng",
               "Mô hình liên quan"],
              ["Xã Tịnh Hòa", 2024, "Chi hội A", "Tập thể", "Biểu dương", "A"],
              ["Xã Tịnh Hòa", 2024, "Chi hội B", "Tập thể", "Biểu dương", None]]
    assert run_load(db_path, workbooks.official(models=[model_row(name="A")])) == 0
    assert run_load(db_path, workbooks.sheets("khen.xlsx", {"Khen thưởng": awards})) == 0
    assert "cảnh báo" not in capsys.readouterr().out
    assert table_rows(con_after(), "SELECT recipient, model_name FROM commendations ORDER BY 1") == [
        ("Chi hội A", "A"), ("Chi hội B", None)]
