"""Running the Streamlit page under AppTest, shared by the app tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo import settings


def run_app(*, params: dict[str, str] | None = None) -> AppTest:
    """Run ``app.py`` once with the given URL query parameters; it must not raise."""
    at = AppTest.from_file(str(settings.PROJECT_DIR / "app.py"), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at
