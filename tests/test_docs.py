"""Drift: the README, CI and the data contract say what the code does."""
import re
from pathlib import Path

from core.db import connect
from etl.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_ci_runs_exactly_the_readme_test_command():
    run_command, test_command = readme_commands()[:2]
    assert "streamlit run app.py" in run_command and "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_readme_lists_every_cli_command():
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    assert commands == {"init", "template", "load", "demo", "export", "user", "unit-accounts", "report"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in commands:
        assert f"python -m etl {command}" in readme


def test_contract_documents_every_table_and_column(db_path):
    contract = (ROOT / "docs" / "DATA_CONTRACT.md").read_text(encoding="utf-8")
    con = connect(db_path, read_only=True)
    try:
        columns = con.execute("""SELECT table_name, column_name FROM information_schema.columns
                                 WHERE table_schema = 'main'""").fetchall()
    finally:
        con.close()
    for table, column in columns:
        assert f"`{table}`" in contract, table
        row = next(line for line in contract.splitlines() if line.startswith((f"| `{table}`", f"| view `{table}`")))
        assert column in row, (table, column)
