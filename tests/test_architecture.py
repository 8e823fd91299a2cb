"""The library stays a library: no Streamlit in geo/, no network at import."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

import pytest

from geo import settings


def test_geo_does_not_import_streamlit():
    code = (
        "import sys, importlib, pkgutil, geo\n"
        "for m in pkgutil.iter_modules(geo.__path__):\n"
        "    importlib.import_module('geo.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'streamlit']\n"
        "print(bad)\n"
        "assert not bad, bad\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.PROJECT_DIR)
    assert res.returncode == 0, res.stdout + res.stderr


def test_only_app_py_imports_streamlit():
    offenders = [
        p.relative_to(settings.PROJECT_DIR)
        for p in (settings.PROJECT_DIR / "geo").rglob("*.py")
        if "import streamlit" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def _geo_imports() -> dict[str, set[str]]:
    """Every geo module and the geo modules it imports, at any level (function-level imports included)."""
    geo_dir = settings.PROJECT_DIR / "geo"
    modules = {p.stem: p for p in geo_dir.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                targets = [base] if base != "geo" else [f"geo.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                parts = target.split(".")
                if parts[0] == "geo" and len(parts) > 1 and parts[1] in modules and parts[1] != name:
                    deps.add(parts[1])
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph (as a path), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_geo_module_imports_have_no_cycle():
    graph = _geo_imports()
    assert {"store", "incidents", "gazetteer", "evaluate"} <= set(graph)
    assert _cycle(graph) == [], " -> ".join(_cycle(graph))


@pytest.mark.parametrize("module", sorted(p.stem for p in (settings.PROJECT_DIR / "geo").glob("[!_]*.py")))
def test_each_geo_module_imports_first_in_a_fresh_interpreter(module):
    res = subprocess.run(
        [sys.executable, "-c", f"import geo.{module}"], capture_output=True, text=True, cwd=settings.PROJECT_DIR
    )
    assert res.returncode == 0, res.stderr


def test_a_fresh_checkout_has_the_static_folder_streamlit_serves():
    # .streamlit/config.toml enables static serving; without the folder, `streamlit run` warns on start
    config = tomllib.loads((settings.PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    tracked = subprocess.run(
        ["git", "ls-files", "static"], capture_output=True, text=True, cwd=settings.PROJECT_DIR, check=False
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout: cannot tell which files a fresh clone has")
    assert "static/README.md" in tracked.stdout.split()
