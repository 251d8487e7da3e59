"""The command line of DATA_CONTRACT §5: exit codes, template, export and restore."""
import openpyxl
import pytest
from conftest import db_state, model_row

from core import texts
from etl.cli import main


@pytest.mark.parametrize("argv", [[], ["load"], ["lam-gi-do"], ["load", "--khong-co"]])
def test_bad_usage_exits_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2

def test_missing_path_exits_2(db_path, capsys):
    assert main(["load", "--db", str(db_path), "khong_co_tep_nay.xlsx"]) == 2
    assert "Không tìm thấy tệp hoặc thư mục: khong_co_tep_nay.xlsx" in capsys.readouterr().err

def test_template_command(tmp_path, capsys):
    out = tmp_path / "mau.xlsx"
    assert main(["template", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["Hướng dẫn", "Thông tin", "Mô hình", "Khen thưởng"]
    assert f"Đã ghi biểu mẫu: {out}" in capsys.readouterr().out

@pytest.mark.parametrize("target", ["sao_luu.xlsx", "sao_luu_parquet"])
def test_export_then_load_restores_every_table(db_path, workbooks, tmp_path, target):
    assert main(["load", "--db", str(db_path), str(workbooks.official(models=[model_row(), model_row(name="B")]))]) == 0
    saved = db_state(db_path)
    backup = tmp_path / target
    assert main(["export", "--db", str(db_path), str(backup)]) == 0
    assert main(["load", "--db", str(db_path), str(workbooks.official("khac.xlsx", models=[model_row(name="C")]))]) == 0
    assert db_state(db_path) != saved
    assert main(["load", "--db", str(db_path), str(backup)]) == 0
    assert db_state(db_path) == saved

def test_export_rejects_unknown_format(db_path, tmp_path, capsys):
    assert main(["export", "--db", str(db_path), str(tmp_path / "x.csv")]) == 2
    assert "Định dạng sao lưu không hỗ trợ" in capsys.readouterr().err


def test_backup_is_restored_only_when_named_and_never_in_a_dry_run(db_path, workbooks, tmp_path, capsys):
    assert main(["load", "--db", str(db_path), str(workbooks.official(models=[model_row(name="A")]))]) == 0
    backup = workbooks.folder / "sao_luu.xlsx"
    assert main(["export", "--db", str(db_path), str(backup)]) == 0
    assert main(["load", "--db", str(db_path), str(workbooks.official("b.xlsx", models=[model_row(name="B")]))]) == 0
    before = db_state(db_path)
    assert main(["load", "--db", str(db_path), "--dry-run", str(backup)]) == 0
    assert main(["load", "--db", str(db_path), str(workbooks.folder)]) == 1  # the backup inside is refused
    assert db_state(db_path) == before
    out = capsys.readouterr().out
    assert "bản sao lưu hợp lệ; khi nạp thật sẽ thay toàn bộ dữ liệu hiện có." in out
    assert "chỉ khôi phục khi ghi đích danh tệp này trong lệnh" in out


def test_backup_keeps_formula_like_text_as_text(db_path, workbooks, tmp_path):
    injected = "=cmd|' /C calc'!A0"
    assert main(["load", "--db", str(db_path), str(workbooks.official(models=[model_row(name=injected)]))]) == 0
    saved = db_state(db_path)
    backup = tmp_path / "sao_luu.xlsx"
    assert main(["export", "--db", str(db_path), str(backup)]) == 0
    cell = next(c for c in openpyxl.load_workbook(backup)["models"]["D"] if c.value == injected)
    assert cell.data_type == "s"
    assert main(["load", "--db", str(db_path), str(backup)]) == 0
    assert db_state(db_path) == saved


def test_init_creates_the_database_folder(tmp_path):
    target = tmp_path / "moi" / "thu_muc" / "dvk.duckdb"
    assert main(["init", "--db", str(target)]) == 0
    assert target.exists()


def test_export_names_an_original_it_could_not_carry(db_path, workbooks, tmp_path, capsys):
    assert main(["load", "--db", str(db_path), str(workbooks.official("hong_goc.xlsx", models=[model_row()]))]) == 0
    for archived in (db_path.parent / "archive").iterdir():
        archived.write_bytes(b"bi hong")  # the disk damaged the stored original
    assert main(["export", "--db", str(db_path), str(tmp_path / "sao_luu.xlsx")]) == 0
    err = capsys.readouterr().err
    assert texts.CLI_EXPORT_ORIGINAL_MISSING.format(file="hong_goc.xlsx") in err
