"""Load articles: plain text or Markdown with an optional YAML front matter.

Plain text, Markdown and HTML pages (reduced to their article text by
:mod:`geo.htmltext`) are read. An article file looks like::

    ---
    url: https://example.org/news/123
    published: 2025-01-03
    title: Pakistan shells villages in Khost
    source: Example News
    ---
    Body text...

The front matter is optional; every key in it is optional. ``doc_id`` is the
file name without extension. Character offsets reported by the extractor are
offsets into the decoded file (front matter included), so ``text`` plus
``body_offset`` locates any evidence in the original file.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from geo.errors import ArticleError, InputError
from geo.htmltext import html_to_article

logger = logging.getLogger(__name__)

#: File extensions read as articles.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")
#: Largest article accepted, in bytes (a news article is a few tens of KB).
MAX_ARTICLE_BYTES: int = 5_000_000

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KNOWN_KEYS = {"url", "published", "title", "source", "date", "outlet", "author"}


@dataclass(frozen=True, slots=True)
class Article:
    """One article.

    Attributes
    ----------
    doc_id
        File name without extension.
    text
        The body (front matter removed).
    body_offset
        Number of characters of front matter before ``text`` in the file.
    path
        Where it was read from ('' for in-memory articles).
    title, url, source
        Metadata from the front matter ('' when absent); ``source`` defaults
        to the file name.
    published
        Publication date, used to resolve "on Wednesday" or a missing year.
    """

    doc_id: str
    text: str
    body_offset: int = 0
    path: str = ""
    title: str = ""
    url: str = ""
    source: str = ""
    published: dt.date | None = None

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words in the body."""
        return len(self.text.split())


def _parse_date(value: Any, *, path: Path | str, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        msg = f"not an ISO date (YYYY-MM-DD): {value!r}"
        raise ArticleError(msg, path=path, line=line, field="published") from exc


def parse_article(raw: str, *, doc_id: str, path: str | Path = "") -> Article:
    r"""Split front matter from body and build an :class:`Article`.

    Parameters
    ----------
    raw
        The whole decoded file.
    doc_id
        Identifier of the article (file name without extension).
    path
        Where ``raw`` came from, for error messages.

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        The front matter is not valid YAML or has a bad ``published`` date.

    Examples
    --------
    >>> a = parse_article("---\npublished: 2025-01-03\n---\nText.", doc_id="x")
    >>> a.published, a.text
    (datetime.date(2025, 1, 3), 'Text.')
    """
    meta: dict[str, Any] = {}
    body, offset = raw, 0
    match = _FRONT_MATTER.match(raw)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            msg = f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"
            raise ArticleError(msg, path=path, line=line, field="front matter") from exc
        if not isinstance(loaded, dict):
            msg = "front matter must be a mapping of `key: value` lines"
            raise ArticleError(msg, path=path, line=2, field="front matter")
        meta = {str(k).strip().lower(): v for k, v in loaded.items()}
        unknown = set(meta) - _KNOWN_KEYS
        if unknown:
            logger.info("%s: ignoring unknown front matter keys %s", path or doc_id, sorted(unknown))
        body, offset = raw[match.end() :], match.end()
    published = None
    for key in ("published", "date"):
        if meta.get(key) not in (None, ""):
            lines = match.group(1).splitlines() if match else []
            line = next((i + 2 for i, ln in enumerate(lines) if ln.strip().lower().startswith(key)), 2)
            published = _parse_date(meta[key], path=path, line=line)
            break
    source = str(meta.get("source") or meta.get("outlet") or "").strip()
    return Article(
        doc_id=doc_id,
        text=body,
        body_offset=offset,
        path=str(path),
        title=str(meta.get("title") or "").strip(),
        url=str(meta.get("url") or "").strip(),
        source=source or (Path(str(path)).name if path else doc_id),
        published=published,
    )


def read_text_file(path: str | Path, *, max_bytes: int, error: type[InputError] = InputError) -> str:
    """Read a UTF-8 text file defensively, or raise ``error`` saying why not.

    Parameters
    ----------
    path
        The file.
    max_bytes
        Larger files are refused.
    error
        The exception class to raise (an :class:`~geo.errors.InputError`).

    Returns
    -------
    str
        The decoded text (a UTF-8 BOM is dropped).

    Raises
    ------
    InputError
        The file cannot be read, is empty, too large, binary (NUL bytes) or
        not UTF-8 (the message gives the line of the first bad byte).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            msg = f"file is {size:,} bytes; the limit is {max_bytes:,} (split it, or raise the limit)"
            raise error(msg, path=path)
        data = path.read_bytes()
    except OSError as exc:
        msg = f"cannot read file: {exc.strerror}"
        raise error(msg, path=path) from exc
    if b"\x00" in data[:65536]:
        msg = "file looks binary (NUL bytes); expected UTF-8 text"
        raise error(msg, path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = f"not valid UTF-8 at byte {exc.start}; re-save the file as UTF-8 (Excel: 'CSV UTF-8') or convert it"
        raise error(msg, path=path, line=line) from exc
    if not text.strip():
        msg = "file is empty"
        raise error(msg, path=path)
    return text


def read_article(path: str | Path) -> Article:
    """Read one article file.

    Parameters
    ----------
    path
        A ``.txt`` or ``.md`` file, UTF-8 (a BOM is accepted).

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        The file cannot be read, is empty, binary, too large or not UTF-8.
    """
    path = Path(path)
    raw = read_text_file(path, max_bytes=MAX_ARTICLE_BYTES, error=ArticleError)
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_article(raw, doc_id=path.stem, path=path)
    return parse_article(raw, doc_id=path.stem, path=path)


def html_article(page: str, *, doc_id: str, path: str | Path = "") -> Article:
    """An :class:`Article` from a web page, reduced to its article text.

    Offsets of incidents read from it refer to the reduced text (``body_offset`` 0).

    Raises
    ------
    ArticleError
        The page has no text, or a bad published date in its metadata.
    """
    page_article = html_to_article(page)
    if not page_article.text.strip():
        msg = "no article text found in the HTML page"
        raise ArticleError(msg, path=path)
    published = None
    if page_article.published:
        published = _parse_date(page_article.published, path=path, line=1)
    return Article(
        doc_id=doc_id,
        text=page_article.text,
        body_offset=0,
        path=str(path),
        title=page_article.title,
        url=page_article.url,
        source=page_article.source or (Path(str(path)).name if path else doc_id),
        published=published,
    )


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, sorted, without repeats.

    Parameters
    ----------
    paths
        Files and/or folders; folders are searched recursively for
        :data:`ARTICLE_SUFFIXES`.

    Yields
    ------
    pathlib.Path
    """
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and f.name != "README.md"
            )
        else:
            found = [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def load_articles(paths: Iterable[str | Path], *, errors: list[ArticleError] | None = None) -> list[Article]:
    """Read every article under ``paths``.

    Parameters
    ----------
    paths
        Files and/or folders.
    errors
        If given, unreadable files are appended here (and logged) instead of
        raising, so one bad file does not stop a build: nothing is silent.

    Returns
    -------
    list of Article
        In path order.
    """
    out: list[Article] = []
    for path in iter_article_paths(paths):
        try:
            out.append(read_article(path))
        except ArticleError as exc:
            if errors is None:
                raise
            logger.warning("%s", exc)
            errors.append(exc)
    return out
