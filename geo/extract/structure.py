"""Document structure: boilerplate paragraphs and the structural lines of an article."""

from __future__ import annotations

import re
from typing import Final

BOILERPLATE: Final[re.Pattern[str]] = re.compile(
    r"whatsapp|subscribe|newsletter|follow\s+(?:us|our)|sign\s+up|all\s+rights\s+reserved|click\s+here|"
    r"read\s+more|also\s+read|related\s+(?:articles?|posts?|stories)|^\s*photo\s*:|\|\s*photo\s*:|copyright|©|"
    r"advertisement|\bfee\s*:|course\s+start|enrol|register\s+now|share\s+this|visiting\s+fellow|"
    r"is\s+(?:a|an)\s+(?:journalist|researcher|analyst|fellow|professor|writer)\b|researching|weitere\s+beiträge|"
    r"cookie|privacy\s+policy|terms\s+of\s+use|download\s+the\s+app",
    re.IGNORECASE,
)
