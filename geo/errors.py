"""Exception hierarchy of the ``geo`` package.

Every error raised on purpose by this package derives from
:class:`IncidentMapError`, so a caller (the CLI, the Streamlit page) can catch
one class and show a clear message instead of a traceback. Subclasses also
inherit the matching builtin where one fits (osmnx and geopy do the same), so
``except ValueError`` keeps working for callers that expect it.

Messages name the file, line and field when the error comes from input data.
"""

from __future__ import annotations

from pathlib import Path


class IncidentMapError(Exception):
    """Root of every error raised on purpose by :mod:`geo`."""


class InputError(IncidentMapError, ValueError):
    """Bad input data, located as precisely as possible.

    Parameters
    ----------
    message
        What is wrong, in plain words.
    path
        The file the problem was found in.
    line
        1-based line number in ``path``, when known.
    field
        The field (column, front-matter key) at fault, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = message
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        where = []
        if self.path is not None:
            where.append(self.path if line is None else f"{self.path}:{line}")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class ArticleError(InputError):
    """An article file cannot be read or its front matter is invalid."""


class SchemaError(IncidentMapError, ValueError):
    """Incident records do not follow the incident schema."""


class GazetteerError(IncidentMapError, RuntimeError):
    """The offline gazetteer is missing, unreadable or cannot be built."""


class ReferenceDataError(IncidentMapError, RuntimeError):
    """A shipped reference table (such as the dated article numbers) is missing or malformed."""


class GeocodingError(IncidentMapError, RuntimeError):
    """A geocoding service failed (network, quota, bad answer)."""


class GeocoderUnavailable(GeocodingError):
    """The online geocoder could not be reached (offline, DNS, timeout)."""


class GeocoderRateLimited(GeocodingError):
    """The online geocoder refused the request because of its rate limit.

    Parameters
    ----------
    message
        What the service said.
    retry_after
        Seconds to wait before asking again, when the service said so.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class StoreError(IncidentMapError, OSError):
    """The incident store cannot be read or written."""
