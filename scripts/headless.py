"""Headless-browser helpers shared by the real-browser tests and the scripts.

* :data:`CHROMIUM` / :data:`CHROMIUM_ARGS`: Debian's chromium, launched by
  Playwright without a downloaded browser, with the flags that keep it from
  calling home (this tool's pages must make no request outside the app).
* :func:`serve_app`: ``streamlit run app.py`` on a free local port with a
  given incident store, until the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("FIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(
    store_path: Path, *, log_path: Path | None = None, timeout: float = 60.0, base_path: str = ""
) -> Iterator[str]:
    """Run the app on a free local port with this incident store; yield its URL.

    ``base_path`` serves it under a path prefix (``server.baseUrlPath``), as behind a proxy.

    Raises
    ------
    RuntimeError
        The server did not answer its health check within ``timeout`` seconds.
    """
    port = free_port()
    env = {**os.environ, "FIM_STORE_PATH": str(store_path)}
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(log_path.open("w")) if log_path is not None else subprocess.DEVNULL
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
                "--server.baseUrlPath", base_path,
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            prefix = base_path.strip("/")
            url = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        msg = f"streamlit did not start within {timeout:.0f} s"
                        raise RuntimeError(msg) from None
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)
