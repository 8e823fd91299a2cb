"""The command line as a user runs it: ``python -m geo ...`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.store import GeoPackageStore


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        capture_output=True,
        text=True,
        cwd=cwd or settings.PROJECT_DIR,
        timeout=120,
        check=False,
    )


def test_geocode_prints_json_lines():
    res = run("geocode", "D.I. Khan", "Paktīkā", "Nowhere-at-all")
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["query"] for r in recs] == ["D.I. Khan", "Paktīkā", "Nowhere-at-all"]
    keys = [
        *("query", "name", "lat", "lon", "feature_type", "country_code"),
        *("admin1", "admin2", "geo_precision", "source"),
    ]
    assert all(list(r) == keys for r in recs)
    assert recs[0]["country_code"] == "PK" and recs[0]["admin1"] == "Khyber Pakhtunkhwa"
    assert recs[1]["feature_type"] == "province" and recs[1]["country_code"] == "AF"
    assert recs[2]["lat"] is None and recs[2]["lon"] is None


def test_geocode_json_array_and_country_filter():
    res = run("geocode", "--json", "--country", "AF", "Kabul")
    recs = json.loads(res.stdout)
    assert len(recs) == 1 and recs[0]["country_code"] == "AF"


def test_extract_prints_rfc7946_and_leaves_store_alone(article_dir, tmp_path):
    store = GeoPackageStore(settings.STORE_PATH)
    before = store.path.stat().st_mtime_ns if store.exists() else None
    res = run("extract", str(article_dir / "a1.md"), str(article_dir / "a2.txt"))
    assert res.returncode == 0, res.stderr
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    for f in fc["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"] is None or f["geometry"]["type"] == "Point"
        assert f["properties"]["doc_id"] in {"a1", "a2"}
    after = store.path.stat().st_mtime_ns if store.exists() else None
    assert before == after


def test_build_writes_store_and_is_idempotent(article_dir, tmp_path):
    out = tmp_path / "store.gpkg"
    first = run("build", str(article_dir), "--store", str(out))
    assert first.returncode == 0, first.stderr
    assert "articles read:  2" in first.stdout and "incidents:" in first.stdout
    ids1 = list(GeoPackageStore(out).read()["event_id"])
    second = run("build", str(article_dir), "--store", str(out))
    assert second.returncode == 0
    assert list(GeoPackageStore(out).read()["event_id"]) == ids1


def test_bad_input_is_one_clear_line_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\npublished: someday\n---\ntext\n", encoding="utf-8")
    res = run("extract", str(bad))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert f"{bad}:2" in res.stderr and "published" in res.stderr


def test_build_reports_rejected_files_and_goes_on(article_dir, tmp_path):
    (article_dir / "empty.txt").write_bytes(b"")
    res = run("build", str(article_dir), "--store", str(tmp_path / "s.gpkg"))
    assert res.returncode == 3  # partial: stored, but a file was rejected
    assert "rejected files: 1" in res.stdout and "empty.txt" in res.stdout
    report = (tmp_path / "rejects.csv").read_text(encoding="utf-8")
    assert "empty.txt" in report and "file is empty" in report


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["gazetteer", "info"]])
def test_informational_commands(args):
    res = run(*args)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip()


def test_gazetteer_build_for_other_countries(tmp_path):
    out = tmp_path / "g.tsv"
    res = run("gazetteer", "build", "--countries", "TJ", "--output", str(out))
    assert res.returncode == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 5
    assert all(line.split("\t")[4] == "TJ" for line in lines[1:])
    bad = run("gazetteer", "build", "--countries", "XX", "--output", str(out))
    assert bad.returncode == 2 and "XX" in bad.stderr


def test_ingest_acled_and_generic_then_reingest_changes_nothing(tmp_path):
    data = settings.PROJECT_DIR / "tests" / "data" / "ingest"
    store, rejects = tmp_path / "s.gpkg", tmp_path / "rejects.csv"
    res = run("ingest", str(data / "acled_current.csv"), "--store", str(store), "--rejects", str(rejects))
    assert res.returncode == 3, res.stderr  # partial: 3 rows rejected
    assert "7 rows, 4 stored, 3 rejected" in res.stdout
    assert rejects.read_text(encoding="utf-8").count("\n") == 4  # header + 3
    generic = [
        *("ingest", str(data / "generic_places.csv"), "--place-column", "Village", "--date-column", "Date"),
        *("--actor1-column", "Perpetrator", "--fatalities-column", "Killed", "--store", str(store)),
    ]
    res = run(*generic)
    assert res.returncode == 3, res.stderr
    assert "9 rows, 4 stored, 5 rejected" in res.stdout and "(8 incidents)" in res.stdout
    before = GeoPackageStore(store).read()
    assert run(*generic).returncode == 3
    assert run("ingest", str(data / "acled_current.csv"), "--store", str(store)).returncode == 3
    after = GeoPackageStore(store).read()
    assert list(after["event_id"]) == list(before["event_id"])


def test_ingest_bad_file_is_reported_not_a_traceback(tmp_path):
    data = settings.PROJECT_DIR / "tests" / "data" / "ingest"
    res = run("ingest", str(data / "latin1.csv"), "--store", str(tmp_path / "s.gpkg"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "not valid UTF-8" in res.stderr and "latin1.csv:2" in res.stderr
    assert not (tmp_path / "s.gpkg").exists()


def test_build_keeps_imported_records(article_dir, tmp_path):
    data = settings.PROJECT_DIR / "tests" / "data" / "ingest"
    store = tmp_path / "s.gpkg"
    assert run("ingest", str(data / "acled_old_upper.csv"), "--store", str(store)).returncode == 0
    assert run("build", str(article_dir), "--store", str(store)).returncode == 0
    ids = set(GeoPackageStore(store).read()["event_id"])
    assert "ACLED-PAK45678" in ids
    assert run("build", str(article_dir), "--store", str(store), "--fresh").returncode == 0
    assert "ACLED-PAK45678" not in set(GeoPackageStore(store).read()["event_id"])


def test_partial_import_exits_3_and_a_complete_one_0(tmp_path):
    data = settings.PROJECT_DIR / "tests" / "data" / "ingest"
    header, *rows = (data / "acled_current.csv").read_text(encoding="utf-8").splitlines()
    good = tmp_path / "good.csv"
    good.write_text("\n".join([header, rows[0], rows[1]]) + "\n", encoding="utf-8")
    res = run("ingest", str(good), "--store", str(tmp_path / "s.gpkg"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "2 rows, 2 stored, 0 rejected" in res.stdout
    bad = tmp_path / "bad.csv"
    broken = rows[1].replace(",10,,1730000000", ",-5,,1730000000")  # fatalities -5
    assert broken != rows[1]
    bad.write_text("\n".join([header, rows[0], broken]) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    res = run("ingest", str(bad), "--store", str(tmp_path / "s.gpkg"), "--rejects", str(rejects))
    assert res.returncode == 3, res.stdout + res.stderr
    assert "2 rows, 1 stored, 1 rejected" in res.stdout
    assert "(value '-5')" in res.stdout  # the cell as written, not -5.0
    assert rejects.read_text(encoding="utf-8").splitlines()[1].split(",")[-1] == "-5"


@pytest.mark.parametrize("command", [[], ["build"], ["ingest"]])
def test_help_documents_the_exit_statuses(command):
    res = run(*command, "--help")
    assert res.returncode == 0
    text = " ".join(res.stdout.split())
    assert "exit status: 0 done; 2 bad input" in text and "3 partial" in text


def test_fim_store_path_selects_the_store_as_the_readme_says(tmp_path):
    data = settings.PROJECT_DIR / "tests" / "data" / "ingest"
    env = {**os.environ, "FIM_STORE_PATH": "other.gpkg"}  # relative: from the folder the command runs in
    res = subprocess.run(
        [sys.executable, "-m", "geo", "ingest", str(data / "acled_old_upper.csv")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(settings.PROJECT_DIR)},
        timeout=120,
        check=False,
    )
    assert res.returncode in (0, 3), res.stderr
    assert f"store: {Path('other.gpkg')}" in res.stdout
    assert len(GeoPackageStore(tmp_path / "other.gpkg").read()) > 0
    readme = (settings.PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert "FIM_STORE_PATH=/srv/maps/kurram.gpkg make run" in readme


def test_extract_goes_on_past_an_unreadable_file(article_dir, tmp_path):
    bad = article_dir / "bad.md"
    bad.write_text("---\nsource: Dawn: Peshawar bureau\n---\nText.\n", encoding="utf-8")
    report = tmp_path / "rejects.csv"
    res = run("extract", str(article_dir / "a1.md"), str(bad), str(article_dir / "a2.txt"), "--rejects", str(report))
    assert res.returncode == 3, res.stderr  # partial: printed, but a file was rejected
    assert "Traceback" not in res.stderr
    docs = {f["properties"]["doc_id"] for f in json.loads(res.stdout)["features"]}
    assert docs == {"a1"}  # a2 is read and has no incident; bad.md is reported
    assert "rejected files: 1" in res.stderr and f"{bad}:2" in res.stderr
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "file,line,field,reason,value" and rows[1].startswith("bad.md,2,")
