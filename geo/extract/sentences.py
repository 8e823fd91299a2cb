"""Passages and sentences: logical lines, paragraphs and sentence spans of one text."""

from __future__ import annotations

import bisect
import re
from typing import Final

from geo.extract.structure import PROSE_KINDS, classify_paragraphs

# --------------------------------------------------------------- sentences
#: The end of a sentence: a stop, closing quotes or reference marks ("killed several people. [1] [2]"),
#: then space and a capital; or a stop after a lower-case word run straight into the next sentence
#: ("claimed responsibility for the attack.In a separate ...").
_SENT_BOUNDARY: Final[re.Pattern[str]] = re.compile(
    r"(?<=[.!?])(?:[\"”’)\]]|\s?\[[\w ]{1,6}\])*\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])"
)
_ABBREV: Final[frozenset[str]] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "prof",
        "rev",
        "hon",
        "govt",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "est",
        "approx",
        "fig",
        "rs",
        "sr",
        "jr",
        "maj.gen",
        "brig",
        "cdr",
        "adm",
    ]
)
_INITIALS: Final[re.Pattern[str]] = re.compile(r"(?:^|\s)(?:[A-Za-z]\.)*[A-Za-z]\.$")

#: A line ending like this closes its sentence; anything else may be hard-wrapped.
_LINE_END: Final[re.Pattern[str]] = re.compile(r"[.!?:;\"”’)\]]\s*$")
#: Hard-wrapped prose lines are long; headings and bylines are short.
_WRAP_MIN_CHARS: Final[int] = 50


def _logical_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join hard-wrapped lines (Markdown, e-mail) back into their paragraph line.

    A line continues the previous one when the previous one does not end a
    sentence and either the line starts in lower case, or the document is
    hard-wrapped (most lines stop mid-sentence) and the previous line is
    long. Blank lines always separate. Offsets stay offsets into ``text``:
    the joined span simply includes the newline, which sentence splitting
    treats as a space.
    """
    # a document is hard-wrapped when most of its lines stop mid-sentence;
    # otherwise (one paragraph per line) a line without a full stop is a heading
    body = [text[s:e].rstrip() for s, e in lines if text[s:e].strip()]
    open_lines = sum(1 for ln in body if len(ln) >= _WRAP_MIN_CHARS and not _LINE_END.search(ln))
    wrapped = len(body) >= 2 and open_lines >= 0.5 * len(body)
    out: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if out and line.strip():
            pstart, pend = out[-1]
            prev = text[pstart:pend].rstrip()
            first = line.lstrip()[:1]
            joined = first.islower() or (wrapped and len(prev) >= _WRAP_MIN_CHARS)
            if prev and not _LINE_END.search(prev) and joined:
                out[-1] = (pstart, end)
                continue
        out.append((start, end))
    return out


class Document:
    """Sentence and paragraph index of one text."""

    def __init__(self, text: str, *, title: str = "") -> None:
        self.text = text
        spans: list[tuple[int, int, int]] = []  # (start, end, paragraph)
        lines: list[tuple[int, int]] = []
        pos = 0
        for raw in text.split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        paragraphs = [(s, e) for s, e in _logical_lines(text, lines) if text[s:e].strip()]
        self.kinds = classify_paragraphs([text[s:e] for s, e in paragraphs], title=title)
        for para, (lstart, lend) in enumerate(paragraphs):
            line = text[lstart:lend]
            s = lstart
            for m in _SENT_BOUNDARY.finditer(line):
                cut = lstart + m.start()
                before = text[s:cut].rstrip('"”’)]')
                last = before.rsplit(None, 1)[-1] if before.split() else ""
                token = last.rstrip(".!?").lower()
                if token in _ABBREV or (len(token) <= 3 and _INITIALS.search(before[-6:])):
                    continue
                spans.append((s, cut, para))
                s = lstart + m.end()
            if s < lend:
                spans.append((s, lend, para))
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def index(self, pos: int) -> int:
        """Index of the sentence containing ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def kind(self, i: int) -> str:
        """The structural kind of the paragraph of sentence ``i`` (see :mod:`geo.extract.structure`)."""
        return self.kinds[self.spans[i][2]]

    def is_prose(self, i: int) -> bool:
        """Whether sentence ``i`` is prose that may report an incident (not a headline, caption, infobox...)."""
        return self.kinds[self.spans[i][2]] in PROSE_KINDS
