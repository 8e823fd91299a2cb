"""Document structure: which paragraphs of an article are prose and which are structure.

A web page copied as text keeps more than its prose: the headline, a
standfirst, datelines and bylines, photo captions (often twice, once with
the agency's credit), "Also read" blocks, section headings, the infobox of
an encyclopedia entry ("Part of ...", "Date ...", "Casualties and losses"),
list items and reference markers ("[14]"). Only prose reports incidents:
a headline or a caption retells the lead, an infobox line sums a campaign
up. :func:`classify_paragraphs` labels every paragraph with one of
:data:`KINDS`; the extractor reads incidents from ``prose`` and ``item``
paragraphs only.

Examples
--------
>>> classify_paragraphs(["Bombing in Bannu", "A bomb killed two people in Bannu on Monday."], title="Bombing in Bannu")
['title', 'prose']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

#: Paragraph kinds. ``prose`` and ``item`` (a list item that is a sentence) report incidents.
KINDS: Final[tuple[str, ...]] = ("prose", "item", "title", "heading", "meta", "caption", "infobox", "boilerplate")
#: Kinds whose sentences may report an incident.
PROSE_KINDS: Final[frozenset[str]] = frozenset({"prose", "item"})

#: Boilerplate lines, matched against the lower-cased line (case-insensitive matching of this many
#: alternatives is three times slower).
BOILERPLATE: Final[re.Pattern[str]] = re.compile(
    r"whatsapp|subscribe|newsletter|follow\s+(?:us|our)|sign\s+up|all\s+rights\s+reserved|click\s+here|"
    r"read\s+more|also\s+read|related\s+(?:articles?|posts?|stories)|^\s*photo\s*:|\|\s*photo\s*:|copyright|©|"
    r"advertisement|\bfee\s*:|course\s+start|enrol|register\s+now|share\s+this|visiting\s+fellow|"
    r"is\s+(?:a|an)\s+(?:journalist|researcher|analyst|fellow|professor|writer)\b|researching|weitere\s+beiträge|"
    r"cookie|privacy\s+policy|terms\s+of\s+use|download\s+the\s+app|"
    # an encyclopedia's reference list: "↑ "Explosion kills one ...". Sky News. Retrieved 8 October 2024."
    r"^\W{0,3}[↑^]\s|\bretrieved\s+(?:on\s+)?(?:\d{1,2}\s+[a-z]+|[a-z]+\s+\d{1,2},?)\s+\d{4}|"
    r"archived\s+from\s+the\s+original"
)

#: A paragraph that closes a sentence (possibly followed by quotes, brackets or reference markers).
_SENTENCE_END: Final[re.Pattern[str]] = re.compile(r"[.!?][\"”’)\]]*(?:\s?\[[\w ]{1,12}\])*[\"”’)]*\s*$")
#: A sentence boundary inside a paragraph: several sentences are prose, whatever the last one ends with.
_INNER_SENTENCE: Final[re.Pattern[str]] = re.compile(r"\w[a-z)\]”\"]{1,}[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
#: Reference markers of encyclopedia text: "[14]", "[a]", "[citation needed]".
REFERENCE_MARKER: Final[re.Pattern[str]] = re.compile(r"\[(?:\d{1,3}|[a-z]{1,2}|citation needed|note \d+)\]")
#: List bullets: "- ", "• ", "* ", "1. ", "(a) ".
_BULLET: Final[re.Pattern[str]] = re.compile(r"^\s*(?:[-–•*▪◦]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s+")
#: Datelines, bylines, time stamps, reading times and agency credits.
_META: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|&))*\s*$|(?:published|updated|last\s+updated|posted|"
    r"first\s+published|modified)\b|\d+\s+min(?:ute)?s?\s+read\b|(?:reuters|afp|ap|pti|ani|xinhua|apf|dpa|"
    r"press\s+trust\s+of\s+india|associated\s+press|agence\s+france-presse|staff\s+reporter|our\s+correspondent|"
    r"news\s+desk|web\s+desk)\s*$)"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm)?\s*(?:ist|pkt|gmt|utc|aft|est|et)?\s*$",
    re.IGNORECASE,
)
#: The credit that ends a photo caption: "... Bannu, Pakistan March 5, 2025. Reuters".
_CREDIT: Final[re.Pattern[str]] = re.compile(
    r"(?:[.|]\s*|\s)(?:\(?(?:photo|image|file(?:\s+photo)?|picture)\s*[:/]?\s*)?(?:reuters|afp|ap|epa|getty\s+images|"
    r"anadolu(?:\s+agency)?|xinhua|ani|pti|dawn|file|x/\w+|twitter|social\s+media|screengrab)"
    r"(?:\s+photo)?\)?\s*$",
    re.IGNORECASE,
)
#: Labels of an infobox line: "Part of ...", "Date 16 March 2024", "Casualties and losses".
_INFOBOX_LABEL: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:part\s+of|date|dates|time|location|locations|coordinates|result|belligerents|commanders(?:\s+and\s+leaders)?|"
    r"units\s+involved|strength|casualties(?:\s+and\s+losses)?|target|targets|attack\s+type|type|weapons?|deaths|"
    r"killed|injured|wounded|victims|perpetrators?|assailants?|motive|accused|status|territorial\s+changes|"
    r"total\s+(?:civilian\s+)?casualties|(?:first|second|third)\s+phase|no\.\s+of\s+participants|non-fatal\s+injuries)"
    r"(?=(?-i:[A-Z0-9])|[\s:(]|$)",
    re.IGNORECASE,
)
#: "Label: value" lines of a fact box (no full stop).
_LABEL_VALUE: Final[re.Pattern[str]] = re.compile(r"^\s*[A-Z][\w /&'-]{0,30}:\s+\S")
#: Headings and fact-box lines are short; a longer line without a full stop is a cut-off sentence.
_HEADING_MAX_WORDS: Final[int] = 14
_MONTH: Final[str] = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
#: A list item that opens with its day: "- 3 January - Islamic State terrorists killed 11 coal miners" (a yearly
#: list's entry; such entries often end without a full stop).
_DATED_ITEM: Final[re.Pattern[str]] = re.compile(
    rf"^\s*[-–•*▪◦]\s+(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)"
    r",?\s+[-–—:]\s+\S+(?:\s+\S+){2}"
)
#: A list item that is only a day: "- 2 February", the parent of the entries of that day.
_DAY_ITEM: Final[re.Pattern[str]] = re.compile(rf"^[-–•*▪◦]\s+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})\s*:?\s*$")
#: An indented list item: "  - 2022 Panjgur and Naushki raids".
_SUB_ITEM: Final[re.Pattern[str]] = re.compile(r"^\s+[-–•*▪◦]\s+\S+(?:\s+\S+){2}")


_NON_WORD: Final[re.Pattern[str]] = re.compile(r"\W+")
#: Only the end of a paragraph can hold a photo credit.
_CREDIT_TAIL: Final[int] = 48


def _norm(line: str) -> str:
    return _NON_WORD.sub(" ", line).strip().lower()


def _has_credit(line: str) -> bool:
    return bool(_CREDIT.search(line[-_CREDIT_TAIL:]))


def _strip_credit(line: str) -> str:
    line = line.strip()
    head, tail = line[:-_CREDIT_TAIL], line[-_CREDIT_TAIL:]
    return (head + _CREDIT.sub("", tail)).strip()


def classify_paragraphs(paragraphs: Sequence[str], *, title: str = "") -> list[str]:
    """The structural kind of every paragraph (one of :data:`KINDS`).

    Parameters
    ----------
    paragraphs
        The paragraph texts in order (logical lines; blank lines removed).
    title
        The article's headline from its metadata, if known.

    Returns
    -------
    list of str
        One kind per paragraph.

    Notes
    -----
    The rules, in order:

    * ``boilerplate``: newsletter, share, copyright and author-bio lines;
    * ``title``: the headline (the metadata title, or a first line without a
      full stop);
    * ``caption``: a paragraph that is repeated (with or without its photo
      credit), or that ends with a credit ("... Reuters", "Photo: AFP");
    * ``meta``: bylines, datelines, time stamps, reading times, agency names;
    * ``infobox``: lines of an encyclopedia infobox or a fact box;
    * ``heading``: a short line without a full stop (section headings, list
      headings, names in an infobox block); the last paragraph is exempt
      because an excerpt may end mid-sentence;
    * ``item``: a list item that is a full sentence;
    * ``prose``: everything else.
    """
    title_key = _norm(title)
    keys = [_norm(_strip_credit(p)) for p in paragraphs]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    kinds: list[str] = []
    last = len(paragraphs) - 1
    under_day = False  # the entries nested under a day of a yearly list ("- 2 February" then "  - ...")
    seen: set[str] = set()  # a paragraph told twice: the first copy of a full sentence is read, the repeat is not
    credited = {key for key, p in zip(keys, paragraphs, strict=True) if _has_credit(p)}  # a photo caption and its copy
    for i, p in enumerate(paragraphs):
        if not p[:1].isspace():
            under_day = bool(_DAY_ITEM.match(p))
        text = p.strip()
        bare = REFERENCE_MARKER.sub("", _BULLET.sub("", text)).strip()
        words = len(bare.split())
        closed = bool(_SENTENCE_END.search(text[-24:]))
        key = keys[i]
        # a repeated paragraph is a caption, except the first copy of a full sentence (a standfirst or a
        # paragraph the page repeats): that one is read once
        repeated = (
            counts.get(key, 0) > 1
            and words >= 4
            and not (key not in seen and key not in credited and closed and words >= 12)
        )
        seen.add(key)
        if BOILERPLATE.search(text.lower()):
            kind = "boilerplate"
        elif title_key and len(text) < 2 * len(title) + 8 and _norm(text) == title_key:
            kind = "title"
        elif (
            repeated
            or (_has_credit(text) and not closed)
            or re.search(r"[.!?]\s+(?:reuters|afp|ap|epa)\s*$", text[-12:], re.I)
        ):
            kind = "caption"
        elif words <= _HEADING_MAX_WORDS and _META.search(text):
            kind = "meta"
        elif (_INFOBOX_LABEL.match(bare) and not closed) or (
            _LABEL_VALUE.match(bare) and not closed and words <= 2 * _HEADING_MAX_WORDS
        ):
            kind = "infobox"
        elif _DATED_ITEM.match(p) or (under_day and _SUB_ITEM.match(p)):
            kind = "item"  # an entry of a yearly list, with or without its full stop
        elif not closed and words <= _HEADING_MAX_WORDS and i != last:
            kind = "title" if i == 0 and not title_key and not text.endswith(":") else "heading"
        elif not closed and i != last and not text.endswith(":") and not _INNER_SENTENCE.search(text):
            kind = "heading"  # a standfirst or a long headline: it retells the story
        elif _BULLET.match(text):
            kind = "item"
        else:
            kind = "prose"
        kinds.append(kind)
    return kinds
