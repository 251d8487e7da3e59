"""Fixtures: workbooks written by the tests themselves, and a fresh database per test."""
import shutil
from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from openpyxl.styles import Font

from core import auth
from core.db import writer
from etl.bootstrap import init_db
from etl.registry import UnitResolver
from etl.template import write_submission

PRODUCTION_HASHER = auth._HASHER  # before any test swaps it: test_auth.py checks its settings
PRODUCTION_ONE_TIME_HASHER = auth._ONE_TIME_HASHER


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """argon2id at its lowest cost in this process (a sign-in then takes milliseconds, not a fifth of a second):
    the tests check what is hashed and when; the app's own cost is checked on PRODUCTION_HASHER."""
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(auth, "_HASHER", quick)
    monkeypatch.setattr(auth, "_ONE_TIME_HASHER", quick)
    dummy = quick.hash("dummy")
    monkeypatch.setattr(auth, "_dummy_hash", lambda: dummy)


def pytest_collection_modifyitems(items):
    """The longest tests first (slow, then browser), then those on the demo: the two processes then finish close
    together instead of one ending on a kill loop alone, and the demo is built early, once."""
    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, item.get_closest_marker("browser") is None,
                                 "demo_db" not in item.fixturenames and "demo_con" not in item.fixturenames))


@pytest.fixture(autouse=True)
def private_files_in_temp(tmp_path, monkeypatch):
    """Accounts, sign-in state and the audit record of a test (and of the programs it starts) stay in its temp
    folder, never in the checkout's data/."""
    from core import config

    accounts = tmp_path / "private" / "accounts.json"
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    monkeypatch.setenv("DVK_ACCOUNTS", str(accounts))
    monkeypatch.delenv("DVK_AUDIT", raising=False)


@pytest.fixture(scope="session")
def registry_db_file(tmp_path_factory) -> Path:
    """A database holding only the demo registry, built once and copied for each test."""
    path = tmp_path_factory.mktemp("registry") / "registry.duckdb"
    with writer(path) as con:
        init_db(con)
    return path


@pytest.fixture
def db_path(registry_db_file, tmp_path) -> Path:
    path = tmp_path / "db" / "dvk.duckdb"
    path.parent.mkdir()
    shutil.copy(registry_db_file, path)
    return path


@pytest.fixture
def con(db_path):
    with writer(db_path) as connection:
        yield connection


@pytest.fixture
def resolver(con) -> UnitResolver:
    return UnitResolver.from_db(con)


class WorkbookFactory:
    """Writes the kinds of workbooks units really send, into a test's temp dir."""

    def __init__(self, folder: Path):
        self.folder = folder

    def official(self, name: str = "bao_cao.xlsx", *, info=None, models=(), commendations=()) -> Path:
        path = self.folder / name
        write_submission(path, info=info or {}, models=list(models), commendations=list(commendations))
        return path

    def sheets(self, name: str, sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None,
               fonts: dict[str, str] | None = None) -> Path:
        """Free-form workbook: rows per sheet, merged ranges per sheet, and one font name for every cell."""
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            ws = book.create_sheet(title)
            for row in rows:
                ws.append(row)
            for cell_range in (merges or {}).get(title, []):
                ws.merge_cells(cell_range)
            if fonts and title in fonts:
                for row in ws.iter_rows():
                    for cell in row:
                        cell.font = Font(name=fonts[title])
        path = self.folder / name
        book.save(path)
        return path

    def xls(self, name: str, sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None,
            fonts: dict[str, str] | None = None) -> Path:
        """The same as `sheets`, in the .xls (BIFF8) format of older Excel versions."""
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        for title, rows in sheets.items():
            ws = book.add_sheet(title)
            style = xlwt.easyxf(f"font: name {fonts[title]}") if fonts and title in fonts else xlwt.Style.default_style
            ranges = [_bounds(r) for r in (merges or {}).get(title, [])]
            for (r0, c0), (r1, c1) in ranges:
                ws.write_merge(r0, r1, c0, c1, rows[r0][c0] if c0 < len(rows[r0]) else None, style)
            starts = {first for first, _last in ranges}
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None and (r, c) not in starts:
                        ws.write(r, c, value, style)
        path = self.folder / name
        book.save(str(path))
        return path

    def ods(self, name: str, sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None) -> Path:
        """The same as `sheets`, as LibreOffice writes it: a spanning cell, then covered cells."""
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import CoveredTableCell, Table, TableCell, TableRow
        from odf.text import P

        doc = OpenDocumentSpreadsheet()
        for title, rows in sheets.items():
            table = Table(name=title)
            spans = dict(map(_bounds, (merges or {}).get(title, [])))
            covered = {(r, c) for (r0, c0), (r1, c1) in spans.items() for r in range(r0, r1 + 1)
                       for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
            width = max((len(row) for row in rows), default=0)
            for r, row in enumerate(rows):
                element = TableRow()
                for c in range(width):
                    value = row[c] if c < len(row) else None
                    if (r, c) in covered:
                        element.addElement(CoveredTableCell())
                        continue
                    span = {}
                    if (r, c) in spans:
                        (last_row, last_col) = spans[(r, c)]
                        span = {"numberrowsspanned": last_row - r + 1, "numbercolumnsspanned": last_col - c + 1}
                    element.addElement(_ods_cell(value, span, TableCell, P))
                table.addElement(element)
            doc.spreadsheet.addElement(table)
        path = self.folder / name
        doc.save(str(path))
        return path

    def raw(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path


def _bounds(cell_range: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """"B2:C4" → ((1, 1), (3, 2)), 0-based."""
    (c0, r0), (c1, r1) = (openpyxl.utils.cell.coordinate_from_string(ref) for ref in cell_range.split(":"))
    col = openpyxl.utils.cell.column_index_from_string
    return (r0 - 1, col(c0) - 1), (r1 - 1, col(c1) - 1)


def _ods_cell(value, span: dict, table_cell, paragraph):
    if value is None:
        return table_cell(**span)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = table_cell(valuetype="float", value=value, **span)
    else:
        cell = table_cell(valuetype="string", **span)
    cell.addElement(paragraph(text=str(value)))
    return cell


@pytest.fixture
def workbooks(tmp_path) -> WorkbookFactory:
    folder = tmp_path / "files"
    folder.mkdir()
    return WorkbookFactory(folder)


def model_row(**overrides) -> dict:
    row = {"unit": "Xã Tịnh Hòa", "year": 2024, "name": "Tuyến đường hoa kiểu mẫu", "field": "Văn hóa - Xã hội",
           "form": "Xây dựng mới", "status": "Được công nhận"}
    return {**row, **overrides}


def commendation_row(**overrides) -> dict:
    row = {"unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Hội Phụ nữ xã Tịnh Hòa", "recipient_type": "Tập thể",
           "award": "Giấy khen của Chủ tịch UBND cấp xã", "decision_no": "25/QĐ-UBND",
           "model": "Tuyến đường hoa kiểu mẫu"}
    return {**row, **overrides}


def run_load(db_path, *paths) -> int:
    """`python -m etl load` in this process; its exit code."""
    from etl.cli import main

    return main(["load", "--db", str(db_path), *map(str, paths)])


def load_related_model_history(db_path, workbooks) -> None:
    """Model X in 2023; a 2024 commendation for X; then 2023 re-sent (X again, and Z): three uploads."""
    award = {"unit": "Xã Tịnh Hòa", "year": 2024, "recipient": "Chi hội A", "recipient_type": "Tập thể",
             "award": "Biểu dương", "model": "Mô hình X"}
    x = model_row(year=2023, name="Mô hình X", field="Kinh tế")
    assert run_load(db_path, workbooks.official("2023.xlsx", models=[x])) == 0
    assert run_load(db_path, workbooks.official("2024.xlsx", models=[model_row(name="Y")], commendations=[award])) == 0
    assert run_load(db_path, workbooks.official("2023_bo_sung.xlsx", models=[
        {**x, "name": "mô hình x"}, model_row(year=2023, name="Z")])) == 0


def db_state(db_path: Path) -> dict:
    """Every row of every table, read through a fresh read-only connection."""
    from core.db import connect, snapshot

    con = connect(db_path, read_only=True)
    try:
        return snapshot(con)
    finally:
        con.close()


def table_rows(con, sql: str, params=()) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def con_after(db_path):
    """Opens the database after a CLI call (which held the one writer) to read what it wrote."""
    opened = []

    def open_db():
        from core.db import connect
        opened.append(connect(db_path, read_only=True))
        return opened[-1]

    yield open_db
    for c in opened:
        c.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, worker_id) -> Path:
    """The small demo (three khu vực, a third of the provincial bodies), built through the CLI once per run: the
    first process that needs it builds it under a file lock and the other reads the same file (pytest-xdist's own
    recipe). Tests open it read-only; a test that writes copies it. The full demo goes through the same code with
    more units (tests/test_demo.py checks its plan)."""
    from filelock import FileLock

    from etl.cli import main

    own = tmp_path_factory.getbasetemp()
    shared = own if worker_id == "master" else own.parent  # the run's folder, above every process's own
    path = shared / "demo" / "dvk.duckdb"
    with FileLock(shared / "demo.lock"):
        if not path.exists():
            building = shared / "demo_building"
            shutil.rmtree(building, ignore_errors=True)
            assert main(["demo", "--db", str(building / "dvk.duckdb"), "--size", "small"]) == 0
            building.rename(path.parent)  # whole or not at all: the archive folder moves with it
    return path


@pytest.fixture
def demo_con(demo_db):
    from core.db import connect

    connection = connect(demo_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def staff_app(db_path, tmp_path, monkeypatch):
    """The app in AppTest on a registry-only database, with one staff account (tests/app_support.py signs in)."""
    from app_support import PASSWORD, STAFF_NAME, STAFF_USER
    from streamlit.testing.v1 import AppTest

    from core import auth, config

    accounts = tmp_path / "accounts.json"
    auth.add_account(accounts, STAFF_USER, PASSWORD, "staff", STAFF_NAME)
    monkeypatch.setattr(config, "DB_PATH", db_path)
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    return AppTest.from_file("../app.py", default_timeout=60)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one per test process (tests/browser_support.py)."""
    from browser_support import chromium_browser

    with chromium_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def demo_server(demo_db, browser, tmp_path_factory):
    """The app on a copy of the small demo with one staff account, for tests that only read: a test that writes
    starts its own (browser_support.app_on_copy)."""
    from browser_support import app_on_copy

    with app_on_copy(demo_db, tmp_path_factory.mktemp("browser"), browser) as (url, _):
        yield url
