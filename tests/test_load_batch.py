"""`apply_batch` (the demo's build) leaves the database and the outcomes exactly as `apply` on each file in turn,
for a list that mixes what a batch can take with what it must hand to `apply`: a file with errors, a repeated
file, a file replacing an earlier one, a refused one (a locked year), and a commendation naming a model that only a
later file of the list brings."""
import datetime as dt
import shutil

import pytest

from core.db import snapshot, writer
from etl import cycle, load
from etl.load import apply, apply_batch
from etl.pipeline import parse_file
from etl.registry import UnitResolver
from tests.conftest import commendation_row, model_row

HOA, HIEP = "Xã Tịnh Hòa", "Xã Tịnh Hiệp"


def _files(workbooks) -> list:
    award = {**commendation_row(unit=HOA, year=2024, model="Mô hình X"), "decision_no": "1/QĐ-UBND"}
    too_early = {**commendation_row(unit=HOA, year=2024, model="Mô hình V"), "recipient": "Chi hội B",
                 "decision_no": "2/QĐ-UBND"}
    paths = [
        workbooks.official("a_2022.xlsx", models=[model_row(unit=HOA, year=2022, name="Mô hình X")]),
        workbooks.official("b_2024.xlsx", models=[model_row(unit=HOA, year=2024, name="Mô hình Y")],
                           commendations=[award, too_early]),
        workbooks.official("c_2023.xlsx", models=[model_row(unit=HOA, year=2023, name="Mô hình V")]),
        workbooks.official("d_loi.xlsx", models=[model_row(unit=HIEP, year=2024, field="Không có lĩnh vực này")]),
        workbooks.official("e_2023.xlsx", models=[model_row(unit=HIEP, year=2023, name="Mô hình E")]),
        workbooks.official("f_2022_bo_sung.xlsx", models=[model_row(unit=HOA, year=2022, name="mô hình x"),
                                                          model_row(unit=HOA, year=2022, name="Mô hình Z")]),
        workbooks.official("g_2021.xlsx", models=[model_row(unit=HIEP, year=2021, name="Mô hình khóa")]),
        workbooks.official("h_2024.xlsx", models=[model_row(unit=HIEP, year=2024, name="Mô hình H")],
                           commendations=[commendation_row(unit=HIEP, year=2024, recipient="Chi đoàn",
                                                           model="Mô hình H")]),
    ]
    repeated = workbooks.folder / "a_2022_gui_lai.xlsx"
    shutil.copy(paths[0], repeated)
    return paths[:5] + [repeated] + paths[5:]


def _comparable(con) -> dict:
    """Every table (and the uploads' search keys), with the moments of writing (uploaded_at, an event's time, a lock's) left out."""
    tables = {**snapshot(con), "upload_search": sorted(con.execute("SELECT * FROM upload_search").fetchall())}
    return {table: [tuple("<thời điểm>" if isinstance(v, dt.datetime) else v for v in row) for row in rows]
            for table, rows in tables.items()}


def _without_file_hashes(tables: dict) -> dict:
    """openpyxl stamps a workbook with the moment it is written: two builds write other bytes (the hash and the
    archive's name) for the same report."""
    uploads = [(*row[:2], "<sha256>", *row[3:8], "<tệp lưu>", *row[9:]) for row in tables["uploads"]]
    return {**tables, "uploads": sorted(uploads, key=repr)}


def _outcome(result) -> tuple:
    return (result.file_name, result.outcome, result.upload_id, result.n_models, result.n_commendations,
            result.new_unit_years, result.replaced_unit_years, [p.message for p in result.problems])


def _load(db, files, tmp_path, batched: bool) -> tuple[list, dict]:
    with writer(db) as con:
        cycle.lock(con, cycle.command_line("admin"), 2021)
        resolver = UnitResolver.from_db(con)
        parsed = [(parse_file(p.read_bytes(), p.name, resolver), p.read_bytes()) for p in files]
        archive = tmp_path / "archive"
        if batched:
            results = apply_batch(con, parsed, archive_dir=archive, uploaded_by="lan")
        else:
            results = [apply(con, p, data, archive_dir=archive, uploaded_by="lan") for p, data in parsed]
        return [_outcome(r) for r in results], _comparable(con)


def test_a_batch_gives_what_apply_gives_file_by_file(db_path, workbooks, tmp_path, monkeypatch):
    files = _files(workbooks)
    one_by_one = tmp_path / "one_by_one.duckdb"
    shutil.copy(db_path, one_by_one)
    expected_results, expected_tables = _load(one_by_one, files, tmp_path / "a", batched=False)

    alone = []
    monkeypatch.setattr(load, "apply", lambda con, parsed, data, **kw: alone.append(parsed.file_name) or apply(
        con, parsed, data, **kw))
    results, tables = _load(db_path, files, tmp_path / "b", batched=True)

    assert alone == ["d_loi.xlsx", "a_2022_gui_lai.xlsx", "f_2022_bo_sung.xlsx", "g_2021.xlsx"]
    assert results == expected_results
    assert tables == expected_tables
    outcomes = {r[0]: r[1] for r in results}
    assert outcomes["d_loi.xlsx"] == outcomes["g_2021.xlsx"] == load.REJECTED
    assert outcomes["a_2022_gui_lai.xlsx"] == load.UNCHANGED
    # b's second commendation names V, which only c (loaded after b) brings: not linked, and said so
    assert any("Mô hình V" in message for message in dict(zip(outcomes, [r[7] for r in results]))["b_2024.xlsx"])


@pytest.mark.slow
def test_the_demo_built_in_batches_is_the_demo_loaded_file_by_file(demo_con, tmp_path):
    """The small demo (conftest, built by build_demo in batches) against the same plan loaded by `apply` one file
    at a time."""
    from etl.bootstrap import init_db
    from etl.demo import _backdate, _prepared, add_correction, plan_files

    with writer(tmp_path / "reference.duckdb") as con:
        init_db(con)
        plan = add_correction(plan_files(con.execute("SELECT * FROM units").df(), size="small"))
        sent = []
        with _prepared(plan, UnitResolver.from_db(con), []) as files:
            for item, (data, parsed) in zip(plan, files):
                result = apply(con, parsed, data, archive_dir=tmp_path / "archive", uploaded_by="demo")
                sent += [(result.upload_id, item["sent"])] if item["sent"] else []
        _backdate(con, sent)
        expected = _without_file_hashes(_comparable(con))
    built = _without_file_hashes(_comparable(demo_con))
    assert len(built["uploads"]) == len(plan) and built == expected
