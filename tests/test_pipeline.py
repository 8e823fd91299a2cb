from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.pipeline import build
from geo.store import GeoPackageStore


def test_build_reports_progress_and_summary(article_dir, tmp_path, real_gazetteer):
    (article_dir / "broken.md").write_text("---\npublished: nope\n---\nx", encoding="utf-8")
    calls = []
    store = GeoPackageStore(tmp_path / "s.gpkg")
    gdf, summary = build([article_dir], store=store, gazetteer=real_gazetteer, progress=lambda *a: calls.append(a))
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert summary.articles_read == 2 and len(summary.rejects) == 1 and "broken.md:2" in str(summary.rejects[0])
    assert summary.incidents == len(gdf) == len(store.read())
    assert summary.geocoded + summary.unresolved == summary.incidents
    assert any("rejected" in line for line in summary.lines())


def test_errors_format():
    err = InputError("bad date", path="a.csv", line=3, field="event_date")
    assert str(err) == "a.csv:3, field 'event_date': bad date"
    assert isinstance(err, ValueError)
    assert str(InputError("plain")) == "plain"


class _Ent:
    def __init__(self, text: str, start: int, label: str) -> None:
        self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), label


class FakeNlp:
    """Stands in for a spaCy pipeline: tags every capitalised 'Sra Kala' as a GPE."""

    def __call__(self, text: str):
        i = text.find("Sra Kala")
        ents = [_Ent("Sra Kala", i, "GPE")] if i >= 0 else []
        return type("Doc", (), {"ents": ents})()


def test_optional_nlp_adds_places_outside_the_gazetteer(real_gazetteer):
    from geo.articles import parse_article
    from geo.pipeline import extract_all

    text = "On 3 March 2025, militants attacked a police post in Sra Kala, killing two policemen."
    art = parse_article(text, doc_id="n")
    plain = extract_all([art], real_gazetteer)
    with_nlp = extract_all([art], real_gazetteer, nlp=FakeNlp())
    assert len(plain) == len(with_nlp) == 1
    assert with_nlp[0].location == "Sra Kala" and with_nlp[0].latitude is None
    assert plain[0].location != "Sra Kala"


def test_load_nlp_without_spacy_is_a_clear_error(monkeypatch):
    import importlib

    from geo.nlp import NlpUnavailable, load_nlp

    real = importlib.import_module

    def fake(name, *args):
        if name == "spacy":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(NlpUnavailable, match=r"requirements-nlp\.txt"):
        load_nlp()


def test_add_files_reads_articles_and_records_like_the_cli(tmp_path, real_gazetteer):
    from geo.ingest import GenericColumns
    from geo.pipeline import add_files

    store = GeoPackageStore(tmp_path / "s.gpkg")
    article = b"On 5 May 2025, militants attacked a police station in Tank, killing three policemen."
    csv_rows = (
        b"Date,Village,Killed\n07/05/2025,Wana,2\n08/05/2025,Atlantis,1\n"  # generic: one good, one unknown place
    )
    files = [("../../etc/evil name.md", article), ("sheet.csv", csv_rows)]
    columns = GenericColumns(place="village", date="date")
    calls = []
    built, imported = add_files(
        files, store=store, gazetteer=real_gazetteer, columns=columns, progress=lambda *a: calls.append(a)
    )
    assert built.articles_read == 1 and built.incidents == 1
    assert imported.rows == 2 and imported.stored == 1 and imported.rejects[0].line == 3
    gdf = store.read()
    assert set(gdf["doc_id"]) == {"evil name", "sheet.csv"}  # only the base name of an upload is used
    assert [c[:2] for c in calls][-1] == (2, 2)
    again = add_files(files, store=store, gazetteer=real_gazetteer, columns=columns)
    assert again[0].incidents == 1 and sorted(store.read()["event_id"]) == sorted(gdf["event_id"])


def test_a_build_names_the_articles_nothing_dates(tmp_path, real_gazetteer):
    (tmp_path / "undated.md").write_text(
        "---\ntitle: Police post attacked\n---\nMilitants attacked a police post in Bannu on Friday, killing two.\n",
        encoding="utf-8",
    )
    (tmp_path / "dated.md").write_text(
        "---\npublished: 2025-05-03\n---\nMilitants attacked a police post in Bannu on Friday, killing two.\n",
        encoding="utf-8",
    )
    store = GeoPackageStore(tmp_path / "s.gpkg")
    gdf, summary = build([tmp_path], store=store, gazetteer=real_gazetteer)
    assert summary.undated == ["undated"]
    assert list(gdf["doc_id"]) == ["dated"]
    assert any(line.startswith("undated:") and "published:" in line for line in summary.lines())
