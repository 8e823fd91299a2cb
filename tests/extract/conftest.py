"""Fixtures of the extraction tests."""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer
from tests.extract.helpers import make_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return make_gazetteer()
