"""The reject report: every input that was not stored, and why.

A build or an import never drops input silently: each unreadable file and
each rejected row becomes a :class:`Reject` (file, line, field, reason,
value), printed and written to a CSV report.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from geo.atomic import atomic_path
from geo.errors import InputError


@dataclass(frozen=True, slots=True)
class Reject:
    """One input row (or file) that was not stored, and why."""

    file: str
    line: int
    field: str
    reason: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" field {self.field!r}" if self.field else ""
        val = f" (value {self.value!r})" if self.value else ""
        return f"{where}:{what} {self.reason}{val}"

    @classmethod
    def from_error(cls, exc: InputError, *, prefix: str = "") -> Reject:
        """A whole-file reject from an :class:`~geo.errors.InputError`."""
        name = Path(exc.path).name if exc.path else ""
        return cls(name, exc.line or 0, exc.field or "", f"{prefix}{exc.reason}")


def write_rejects(rejects: list[Reject], path: str | Path) -> Path:
    """Write the reject report (CSV: file, line, field, reason, value) atomically."""
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "line", "field", "reason", "value"])
        for r in rejects:
            writer.writerow([r.file, r.line, r.field, r.reason, r.value])
    return path
