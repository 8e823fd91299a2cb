from __future__ import annotations

from geo.errors import InputError
from geo.pipeline import build
from geo.store import GeoPackageStore


def test_build_reports_progress_and_summary(article_dir, tmp_path, real_gazetteer):
    (article_dir / "broken.md").write_text("---\npublished: nope\n---\nx", encoding="utf-8")
    calls = []
    store = GeoPackageStore(tmp_path / "s.gpkg")
    gdf, summary = build([article_dir], store=store, gazetteer=real_gazetteer, progress=lambda *a: calls.append(a))
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert summary.articles_read == 2 and len(summary.rejects) == 1 and "broken.md:2" in summary.rejects[0]
    assert summary.incidents == len(gdf) == len(store.read())
    assert summary.geocoded + summary.unresolved == summary.incidents
    assert any("rejected" in line for line in summary.lines())


def test_errors_format():
    err = InputError("bad date", path="a.csv", line=3, field="event_date")
    assert str(err) == "a.csv:3, field 'event_date': bad date"
    assert isinstance(err, ValueError)
    assert str(InputError("plain")) == "plain"
