"""Rollback restores exactly the state before the rolled-back upload."""
import shutil
from pathlib import Path

import pytest
from conftest import db_state, load_related_model_history, model_row, table_rows

from core import config
from core.db import SCHEMA, connect, writer
from etl.cli import main
from etl.registry import UnitResolver
from etl.rollback import rollback


def rows(db_path, sql: str) -> list[tuple]:
    con = connect(db_path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def load(db_path, path) -> None:
    assert main(["load", "--db", str(db_path), str(path)]) == 0


def do_rollback(db_path, upload_id: int) -> list[int]:
    with writer(db_path) as con:
        return rollback(con, upload_id, UnitResolver.from_db(con), "chuyenvien")


def comparable(state: dict) -> dict:
    """Table contents without ids, statuses and audit fields, which a rollback legitimately changes."""
    return {"models": sorted(r[1:-1] for r in state["models"]),
            "commendations": sorted((r[1:8] + r[9:-1]) for r in state["commendations"])}


def test_two_uploads_in_a_row_then_rollback_returns_to_the_first(db_path, workbooks, con_after):
    award = {"unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Chi hội A", "recipient_type": "Tập thể",
             "award": "Biểu dương", "model": "A"}
    load(db_path, workbooks.official("lan_1.xlsx", models=[model_row(name="A"), model_row(name="B")],
                                     commendations=[award]))
    first = db_state(db_path)
    load(db_path, workbooks.official("lan_2.xlsx", models=[model_row(name="C")]))
    assert rows(db_path, "SELECT status FROM uploads ORDER BY upload_id") == [("superseded",), ("applied",)]
    assert do_rollback(db_path, 2) == [1]
    after = db_state(db_path)
    assert comparable(after) == comparable(first)
    con = con_after()
    assert table_rows(con, "SELECT upload_id, status, rolled_back_by FROM uploads ORDER BY 1") == [
        (1, "applied", None), (2, "rolled_back", "chuyenvien")]
    assert table_rows(con, """SELECT c.recipient, m.name FROM commendations c JOIN models m USING (model_id)""") == [
        ("Chi hội A", "A")]


def test_rollback_of_a_first_upload_leaves_the_unit_year_unreported(db_path, workbooks, con_after):
    load(db_path, workbooks.official(models=[model_row(name="A")]))
    assert do_rollback(db_path, 1) == []
    con = con_after()
    assert table_rows(con, "SELECT COUNT(*) FROM models") == [(0,)]
    assert table_rows(con, """SELECT attainment FROM unit_year WHERE name = 'Xã Tịnh Hòa' AND year = 2024""") == [
        ("Chưa nộp",)]


def test_rolling_back_twice_is_refused(db_path, workbooks):
    load(db_path, workbooks.official(models=[model_row(name="A")]))
    do_rollback(db_path, 1)
    before = db_state(db_path)
    with pytest.raises(ValueError, match="không còn áp dụng"):
        do_rollback(db_path, 1)
    assert db_state(db_path) == before


def test_rollback_restores_a_report_without_commendations(db_path, workbooks, con_after):
    """The template's default: an empty "Khen thưởng" table (defect 5: KeyError 'unit_id')."""
    load(db_path, workbooks.official("lan_1.xlsx", models=[model_row(name="A")]))
    load(db_path, workbooks.official("lan_2.xlsx", models=[model_row(name="B")]))
    assert do_rollback(db_path, 2) == [1]
    con = con_after()
    assert table_rows(con, "SELECT name, upload_id FROM models") == [("A", 1)]
    assert table_rows(con, "SELECT part, status FROM upload_coverage WHERE upload_id = 1 ORDER BY part") == [
        ("commendations", "applied"), ("models", "applied")]


def test_a_rolled_back_file_loads_again_as_a_new_upload(db_path, workbooks, con_after, capsys):
    """Defect 6: the SHA-256 of a rolled-back upload no longer makes the file "unchanged"."""
    path = workbooks.official(models=[model_row(name="A")])
    load(db_path, path)
    do_rollback(db_path, 1)
    capsys.readouterr()
    load(db_path, path)
    assert "[ĐÃ NẠP] bao_cao.xlsx: 1 mô hình" in capsys.readouterr().out
    load(db_path, path)  # now applied again: the same bytes change nothing
    assert "lần tải lên số 2); không thay đổi gì." in capsys.readouterr().out
    con = con_after()
    assert table_rows(con, "SELECT upload_id, status, rolled_back_by FROM uploads ORDER BY 1") == [
        (1, "rolled_back", "chuyenvien"), (2, "applied", None)]
    assert table_rows(con, "SELECT COUNT(DISTINCT sha256) FROM uploads") == [(1,)]
    assert table_rows(con, "SELECT name, upload_id FROM models") == [("A", 2)]
    assert table_rows(con, "SELECT attainment FROM unit_year WHERE name = 'Xã Tịnh Hòa' AND year = 2024") == [
        ("Đạt",)]


def test_a_superseded_file_loaded_again_changes_nothing(db_path, workbooks, capsys):
    """Loading a folder twice must not churn: a file replaced by a newer one stays replaced."""
    first = workbooks.official("lan_1.xlsx", models=[model_row(name="A")])
    load(db_path, first)
    load(db_path, workbooks.official("lan_2.xlsx", models=[model_row(name="B")]))
    before = db_state(db_path)
    load(db_path, first)
    assert db_state(db_path) == before
    assert "[KHÔNG ĐỔI] lan_1.xlsx" in capsys.readouterr().out


def test_a_database_with_unique_sha256_is_migrated(db_path):
    """Databases of the earlier schema refuse a second upload of the same bytes: the writer rebuilds the table."""
    con = connect(db_path, read_only=False)
    con.execute("DROP TABLE uploads")
    con.execute(SCHEMA.read_text(encoding="utf-8").replace(
        "sha256 VARCHAR NOT NULL,", "sha256 VARCHAR NOT NULL UNIQUE,"))
    con.execute("""INSERT INTO uploads (upload_id, file_name, sha256, uploaded_at, rows_models, rows_commendations,
                   status) VALUES (1, 'a.xlsx', 'abc', TIMESTAMP '2024-01-02 03:04:05', 1, 0, 'rolled_back')""")
    con.close()
    with writer(db_path) as con:
        con.execute("""INSERT INTO uploads (upload_id, file_name, sha256, uploaded_at, rows_models,
                       rows_commendations, status) SELECT 2, file_name, sha256, uploaded_at, 1, 0, 'applied'
                       FROM uploads""")
        assert table_rows(con, "SELECT upload_id, sha256, status FROM uploads ORDER BY 1") == [
            (1, "abc", "rolled_back"), (2, "abc", "applied")]


def test_a_commendation_is_relinked_to_the_model_a_rollback_restores(db_path, workbooks, con_after):
    """Defect 7: the rolled-back upload's models went and the commendation linked to one of them stayed unlinked."""
    load_related_model_history(db_path, workbooks)
    assert do_rollback(db_path, 3) == [1]
    assert table_rows(con_after(), """SELECT c.recipient, m.name, m.upload_id FROM commendations c
                                     JOIN models m USING (model_id)""") == [("Chi hội A", "Mô hình X", 1)]


def two_reports(db_path, workbooks) -> str:
    """lan_1 (model A) then lan_2 (model B) for the same unit-year; returns lan_1's archive name."""
    load(db_path, workbooks.official("lan_1.xlsx", models=[model_row(name="A")]))
    load(db_path, workbooks.official("lan_2.xlsx", models=[model_row(name="B")]))
    return Path(rows(db_path, "SELECT archive_path FROM uploads WHERE upload_id = 1")[0][0]).name


def test_a_damaged_archive_is_named_as_such_not_blamed_on_the_registry(db_path, workbooks):
    """Defect 10: a truncated original read back made rollback say the file no longer fits the registry."""
    archived = config.archive_dir(db_path) / two_reports(db_path, workbooks)
    archived.write_bytes(archived.read_bytes()[:100])
    before = db_state(db_path)
    with pytest.raises(ValueError) as failure:
        do_rollback(db_path, 2)
    assert str(failure.value) == ('Tệp gốc đã lưu của "lan_1.xlsx" bị hỏng (mã SHA-256 không khớp với lúc tải lên) '
                                  'nên không khôi phục được báo cáo trước đó. Hãy khôi phục thư mục archive từ bản '
                                  'sao lưu.')
    assert db_state(db_path) == before


def test_a_database_folder_moved_elsewhere_still_rolls_back(db_path, workbooks, tmp_path):
    """Archive paths are stored relative to the database's folder (defect 10)."""
    two_reports(db_path, workbooks)
    moved = tmp_path / "da_chuyen"
    shutil.move(db_path.parent, moved)
    assert do_rollback(moved / db_path.name, 2) == [1]
    assert rows(moved / db_path.name, "SELECT name FROM models") == [("A",)]


@pytest.mark.parametrize("target", ["sao_luu.xlsx", "sao_luu_parquet"])
def test_a_backup_carries_the_originals_so_a_restored_database_rolls_back(db_path, workbooks, tmp_path, target):
    """Defect 10: backups held the tables only; restored on another machine, no rollback could rebuild a report."""
    name = two_reports(db_path, workbooks)
    backup = tmp_path / target
    assert main(["export", "--db", str(db_path), str(backup)]) == 0
    shutil.rmtree(config.archive_dir(db_path))  # the first machine is gone
    elsewhere = tmp_path / "may_moi" / "dvk.duckdb"
    elsewhere.parent.mkdir()
    shutil.copy(db_path, elsewhere)
    assert main(["load", "--db", str(elsewhere), str(backup)]) == 0
    assert (config.archive_dir(elsewhere) / name).exists()
    assert do_rollback(elsewhere, 2) == [1]
    assert rows(elsewhere, "SELECT name FROM models") == [("A",)]


def test_the_original_file_is_checked_before_it_is_offered(db_path, workbooks, monkeypatch):
    """Lịch sử tải lên offers the original: resolved in the database's archive folder, and only when intact."""
    from dashboard.staff_actions import original_file

    monkeypatch.setattr(config, "DB_PATH", db_path)
    name = two_reports(db_path, workbooks)
    stored = rows(db_path, "SELECT archive_path FROM uploads WHERE upload_id = 1")[0][0]
    archived = config.archive_dir(db_path) / name
    assert original_file(stored) == archived.read_bytes() == (workbooks.folder / "lan_1.xlsx").read_bytes()
    archived.write_bytes(b"")
    assert original_file(stored) is None
