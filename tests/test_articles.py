from __future__ import annotations

import datetime as dt

import pytest

from geo.articles import load_articles, parse_article, read_article
from geo.errors import ArticleError, IncidentMapError


def test_front_matter_is_parsed_and_offsets_kept(article_dir):
    a = read_article(article_dir / "a1.md")
    assert a.doc_id == "a1"
    assert a.published == dt.date(2025, 1, 3)
    assert a.url == "https://example.org/khost"
    assert a.source == "Example News"
    assert a.title == "Shelling in Khost"
    raw = (article_dir / "a1.md").read_text(encoding="utf-8")
    assert raw[a.body_offset :] == a.text
    assert a.text.startswith("Pakistan launched")


def test_plain_text_defaults(article_dir):
    a = read_article(article_dir / "a2.txt")
    assert a.published is None
    assert a.source == "a2.txt"
    assert a.body_offset == 0


def test_folder_is_expanded_sorted_without_repeats(article_dir):
    arts = load_articles([article_dir, article_dir / "a1.md"])
    assert [a.doc_id for a in arts] == ["a1", "a2"]


def test_bad_published_date_names_file_line_and_field(tmp_path):
    f = tmp_path / "bad.md"
    f.write_text("---\ntitle: x\npublished: 24 December\n---\nText\n", encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        read_article(f)
    err = info.value
    assert err.path == str(f) and err.line == 3 and err.field == "published"
    assert "bad.md:3" in str(err)


def test_invalid_yaml_is_an_article_error(tmp_path):
    f = tmp_path / "bad.md"
    f.write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="front matter"):
        read_article(f)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01binary", "binary"), ("caf\u00e9".encode("latin-1"), "UTF-8")],
)
def test_unreadable_files_are_rejected_clearly(tmp_path, content, message):
    f = tmp_path / "x.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(f)


def test_load_articles_collects_errors_instead_of_stopping(tmp_path, article_dir):
    (article_dir / "empty.txt").write_bytes(b"")
    errors: list[ArticleError] = []
    arts = load_articles([article_dir], errors=errors)
    assert [a.doc_id for a in arts] == ["a1", "a2"]
    assert len(errors) == 1 and "empty.txt" in str(errors[0])
    with pytest.raises(IncidentMapError):
        load_articles([article_dir])


def test_bom_and_crlf_front_matter():
    a = parse_article("\ufeff---\r\npublished: 2024-12-24\r\n---\r\nBody", doc_id="x")
    assert a.published == dt.date(2024, 12, 24)
    assert a.text == "Body"
