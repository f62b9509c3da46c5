"""The shape of ``analytics.queries``: the package re-exports every public name of its subject
modules (callers and ``ui.data.query`` look names up on the package), and every query file of
``analytics/sql/queries`` is read by some function, so a dead SQL file fails here."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from analytics import queries

PACKAGE = Path(queries.__file__).parent
SQL_DIR = PACKAGE.parent / "sql" / "queries"
MODULES = sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE)]))


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def _defined(module: str) -> set[str]:
    """The public names a module defines at its top level (not the names it imports)."""
    names: set[str] = set()
    for node in _tree(module).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


def _shared(module: str) -> set[str]:
    """What a module gives the package: its ``__all__`` if it has one (``_sql`` keeps its
    plumbing for the subject modules), else every public name it defines."""
    loaded = importlib.import_module(f"analytics.queries.{module}")
    return set(getattr(loaded, "__all__", _defined(module)))


def _queries_read() -> set[str]:
    """Names of the query files the package reads: ``sql("<name>")`` and ``run(store,
    "<name>", …)``, then the files those compose (``{{query:<name>}}``)."""
    read: set[str] = set()
    for module in MODULES:
        for node in ast.walk(_tree(module)):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = {"sql": 0, "run": 1}.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                read.add(arg.value)
    todo = list(read)
    while todo:
        path = SQL_DIR / f"{todo.pop()}.sql"
        if not path.exists():
            continue
        for name in re.findall(r"\{\{query:(\w+)\}\}", path.read_text(encoding="utf-8")):
            if name not in read:
                read.add(name)
                todo.append(name)
    return read


def test_the_package_has_the_subject_modules_and_the_writes() -> None:
    subjects = {"overview", "qualifications", "placements", "evaluations", "plan", "data_quality"}
    assert {*subjects, "writes", "_sql"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_of_a_module_is_exported_by_the_package(module: str) -> None:
    loaded = importlib.import_module(f"analytics.queries.{module}")
    names = _shared(module)
    assert names, module
    assert names <= set(queries.__all__), sorted(names - set(queries.__all__))
    for name in names:
        assert getattr(queries, name) is getattr(loaded, name), name


def test_every_exported_name_exists_once() -> None:
    assert len(queries.__all__) == len(set(queries.__all__))
    missing = [name for name in queries.__all__ if not hasattr(queries, name)]
    assert not missing


def test_the_package_exports_only_what_its_modules_share_and_two_kept_names() -> None:
    shared = set().union(*(_shared(module) for module in MODULES))
    assert set(queries.__all__) - shared == {"SCOPE_SQL", "name_order"}


def test_every_query_file_is_read_by_some_function() -> None:
    files = {path.stem for path in SQL_DIR.glob("*.sql")}
    dead = sorted(files - _queries_read())
    assert not dead, f"query files no function reads: {dead}"


def test_every_query_a_function_reads_has_its_file() -> None:
    files = {path.stem for path in SQL_DIR.glob("*.sql")}
    missing = sorted(_queries_read() - files)
    assert not missing, f"queries read but missing: {missing}"
