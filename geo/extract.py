"""Incident extraction (work in progress: returns no incidents yet)."""

from __future__ import annotations

import logging

from geo.articles import Article
from geo.gazetteer import Gazetteer
from geo.incidents import Incident

logger = logging.getLogger(__name__)


def extract_incidents(article: Article, gazetteer: Gazetteer, *, nlp: object | None = None) -> list[Incident]:
    """Extract incidents from one article (stub)."""
    return []
