r"""Reduce a news web page to its article text (standard library only).

The text of ``<article>`` (else ``<main>``, else ``<body>``) is kept, one
paragraph per line; scripts, styles, navigation, headers, footers, asides,
forms and figures' captions are dropped; entities are decoded (so
``&lt;script&gt;`` in a page becomes the *text* ``<script>``, which the rest
of the tool treats as data). Metadata come from ``<title>``, Open Graph and
``article:published_time`` / ``<time datetime>`` and ``<link rel=canonical>``.

Examples
--------
>>> page = "<html><head><title>T</title></head><body><nav>Menu</nav>"
>>> page += "<article><p>One.</p><p>Two &amp; three.</p></article></body></html>"
>>> html_to_article(page).text
'One.\nTwo & three.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_DROP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe",
         "button", "figcaption", "select"}  # fmt: skip
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr",
          "pre", "ul", "ol", "table", "main", "figure", "hr", "dd", "dt"}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param"}


@dataclass(slots=True)
class HtmlArticle:
    """Text and metadata read from a web page."""

    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    source: str = ""


@dataclass(slots=True)
class _Buffer:
    parts: list[str] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.parts.append(s)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.drop_depth = 0
        self.buffers: dict[str, _Buffer] = {"article": _Buffer(), "main": _Buffer(), "body": _Buffer()}
        self.inside: dict[str, int] = dict.fromkeys(self.buffers, 0)
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag in _BLOCK:
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in _DROP:
            self.drop_depth += 1
        if tag in self.inside:
            self.inside[tag] += 1
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _DROP:
                self.drop_depth -= 1
            if open_tag in self.inside:
                self.inside[open_tag] -= 1
            if open_tag in _BLOCK:
                self._emit("\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.drop_depth == 0:
            self._emit(data)

    def _emit(self, s: str) -> None:
        for name, buf in self.buffers.items():
            if self.inside[name] > 0:
                buf.add(s)


def html_to_article(page: str) -> HtmlArticle:
    """Reduce an HTML page to its article text and metadata.

    Parameters
    ----------
    page
        The decoded HTML.

    Returns
    -------
    HtmlArticle
    """
    parser = _Parser()
    parser.feed(page)
    parser.close()
    text = ""
    for name in ("article", "main", "body"):
        text = parser.buffers[name].text()
        if len(text.split()) >= 20 or (text and name == "body"):
            break
    if not text:  # a fragment without <body>: take everything outside dropped tags
        frag = _Parser()
        frag.inside["body"] = 1
        frag.feed(page)
        frag.close()
        text = frag.buffers["body"].text()
    m = parser.meta
    published = m.get("article:published_time") or m.get("datepublished") or m.get("time") or ""
    return HtmlArticle(
        text=text,
        title=(m.get("og:title") or " ".join("".join(parser.title_parts).split())).strip(),
        url=(m.get("og:url") or m.get("canonical") or "").strip(),
        published=published.strip()[:10],
        source=(m.get("og:site_name") or "").strip(),
    )
