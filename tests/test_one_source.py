"""One source for each fact: the reorganisation day, the attainment words, the counting rule as shown, the decimal
comma. The code states each once; these tests fail when a copy comes back or when the shown text stops following
the config."""
import ast
import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from core import config, db, formats, texts
from core.config import ROOT
from dashboard.kpis import counting_rule_words
from etl.registry import UNIT_COLUMNS

CODE = [p for layer in ("core", "etl", "dashboard", "pages") for p in sorted((ROOT / layer).rglob("*.py"))]
CODE.append(ROOT / "app.py")


def constants(path) -> list[tuple[int, object]]:
    """(line, value) of every literal in a module, docstrings left out (prose may name the year)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docstrings]


def found(test, allowed=()) -> list[str]:
    return [f"{p.relative_to(ROOT)}:{line}: {value!r}" for p in CODE if str(p.relative_to(ROOT)) not in allowed
            for line, value in constants(p) if test(value)]


def test_the_reorganisation_is_dated_once():
    reorg_day, reorg_year = config.REORG_DAY, config.REORG_DAY.year
    assert (reorg_day - dt.timedelta(days=1), reorg_year) == (config.LAST_OLD_DAY, config.FIRST_NEW_YEAR)
    dated = re.compile(rf"^{reorg_year}-\d\d-\d\d$")  # a whole value; file names such as crosswalk_2025-07-01.csv stay
    assert found(lambda v: v == reorg_year and type(v) is int or isinstance(v, str) and bool(dated.match(v)),
                 allowed={"core/config.py"}) == []


def test_the_attainment_words_are_written_once():
    # "Chưa đạt" is also a model's status (vocab, the default excluded status, the demo's statuses)
    statuses = {"core/texts.py", "core/vocab.py", "core/config.py", "etl/demo.py"}
    words = set(texts.ATTAINMENT_LEVELS)
    in_sql = re.compile("|".join(f"'{w}'" for w in words))
    assert found(lambda v: isinstance(v, str) and (v in words or bool(in_sql.search(v))), allowed=statuses) == []
    schema = db.SCHEMA.read_text(encoding="utf-8")
    assert not in_sql.search(schema)
    assert all(f"'{w}'" in db.SCHEMA_SQL for w in words)


def test_a_decimal_comma_is_written_in_one_place():
    pattern = re.compile(r"""\.replace\(\s*(['"])[.,]\1\s*,\s*(['"])[.,]\2\s*\)""")
    copies = [f"{p.relative_to(ROOT)}:{n}" for p in CODE if p != ROOT / "core" / "formats.py"
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert copies == []


def test_the_units_table_holds_the_registry_columns(con):
    assert [d[0] for d in con.execute("SELECT * FROM units LIMIT 0").description] == ["unit_id", *UNIT_COLUMNS]


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: formats.decimal(16.66), "16,7"), (lambda: formats.decimal(-1.5, sign=True), "-1,5"),
    (lambda: formats.decimal(2.0, sign=True), "+2,0"), (lambda: formats.decimal(0.33, None), "0,33"),
    (lambda: formats.percent(1, 3), "33,3%"), (lambda: formats.number(1234567), "1.234.567"),
    (lambda: formats.either(["A", "B"], "“{}”"), "“A” hoặc “B”"),
])
def test_vietnamese_numbers(call, expected):
    assert call() == expected


@pytest.fixture
def other_rule(monkeypatch):
    """A province that counts only replicated models and also leaves out the registered ones."""
    monkeypatch.setattr(config, "COUNTED_FORMS", ["Nhân rộng"])
    monkeypatch.setattr(config, "EXCLUDED_STATUSES", ["Chưa đạt", "Đăng ký"])


def test_the_rule_words_follow_the_config(other_rule):
    words = counting_rule_words()
    assert words["forms"] == "*Nhân rộng*"
    assert words["excluded"] == ", kết quả khác *Chưa đạt* hoặc *Đăng ký*"
    assert "*Xây dựng mới* hoặc *Duy trì*" in words["not_counted"]


def test_the_default_rule_reads_as_before():
    assert texts.KPI_MET_HELP.format(**counting_rule_words()) == (
        "Đơn vị có từ 1 mô hình trở lên (hình thức *Xây dựng mới* hoặc *Nhân rộng*, kết quả khác *Chưa đạt*) "
        "trên số đơn vị phải báo cáo.")


@pytest.mark.slow
def test_cach_tinh_and_the_kpi_help_show_the_configured_rule(db_path, monkeypatch, other_rule):
    monkeypatch.setattr(config, "DB_PATH", db_path)
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    rules = next(e for e in at.expander if e.label == texts.RULES_TITLE)
    shown = " ".join(m.value for m in rules.markdown)
    assert "hình thức *Nhân rộng*, kết quả khác *Chưa đạt* hoặc *Đăng ký* (mô hình *Xây dựng mới* hoặc" in shown
    help_text = next(m.help for m in at.metric if m.label == texts.KPI_MET)
    assert "(hình thức *Nhân rộng*, kết quả khác *Chưa đạt* hoặc *Đăng ký*)" in help_text


def test_the_sql_fold_of_model_names_keys_them_as_vntext_fold_does():
    """Co-reporting groups model names in SQL; the key must be the one the loader uses for duplicates."""
    import duckdb

    from core.queries import FOLDED_NAME
    from core.vntext import clean, fold

    names = ["Đường hoa kiểu mẫu", "ĐƯỜNG HOA KIỂU MẪU", "Tổ an ninh tự quản", "Chi bộ 4 tốt", "Ðắk Hà",
             "Nhóm phụ nữ \"Tiết kiệm\"", "Thắp sáng đường quê", "Hòa giải ở cơ sở", "THỦY LỢI NỘI ĐỒNG", "Ỷ Lan"]
    with duckdb.connect() as con:
        for name in names:
            sql_key = con.execute(f"SELECT {FOLDED_NAME.format(column='$name')}", {"name": clean(name)}).fetchone()[0]
            assert sql_key == fold(name), name


def test_every_table_writes_an_empty_cell_as_a_dash():
    """Streamlit writes a cell without a value as "None" (drawn on the table's canvas, where the browser tests
    cannot read it): every st.dataframe says "–" instead."""
    calls = [(path, node) for path in CODE for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "dataframe"]
    assert len(calls) > 20
    assert [f"{path.relative_to(ROOT)}:{node.lineno}" for path, node in calls
            if not any(k.arg == "placeholder" and getattr(k.value, "value", None) == "–" for k in node.keywords)] == []
