"""The layers' imports point one way: pages (and app.py) → dashboard → etl → core. Any import inside a function
counts too, and core never imports Streamlit, so the ETL and the CLI run without it."""
import ast
from pathlib import Path

import pytest

from core.config import ROOT

LAYERS = ["core", "etl", "dashboard", "pages"]  # each may import only the layers before it
FORBIDDEN_EXTRA = {"core": {"streamlit"}, "etl": {"streamlit"}}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def layer_files(layer: str) -> list[Path]:
    files = sorted((ROOT / layer).rglob("*.py"))
    return files + [ROOT / "app.py"] if layer == "pages" else files


def upward_imports(layer: str) -> list[str]:
    above = set(LAYERS[LAYERS.index(layer) + 1:]) | FORBIDDEN_EXTRA.get(layer, set())
    return [f"{path.relative_to(ROOT)} imports {package}"
            for path in layer_files(layer) for package in sorted(imported_packages(path) & above)]


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_a_layer_above_it(layer):
    assert layer_files(layer), f"the layer {layer} has no modules: the test would check nothing"
    assert upward_imports(layer) == []


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from dashboard.db_access import query\n    import streamlit as st\n")
    assert imported_packages(module) == {"dashboard", "streamlit"}


def test_no_script_writes_by_streamlit_magic():
    """.streamlit/config.toml turns Streamlit's magic off: a bare expression on a line of its own (a name, a value,
    an f-string after the docstring) would then show nothing. Calls are never written by magic, nor docstrings."""
    import tomllib

    assert tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["runner"]["magicEnabled"] is False
    bare = []
    for path in layer_files("pages"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(body[0]) for body in [tree.body, *(n.body for n in ast.walk(tree) if isinstance(
            n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))] if body}
        bare += [f"{path.name}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Expr)
                 and not isinstance(node.value, (ast.Call, ast.Await)) and id(node) not in docstrings]
    assert bare == []
