"""The library stays a library: no Streamlit in geo/, no network at import."""

from __future__ import annotations

import subprocess
import sys

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
