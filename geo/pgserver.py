"""A local PostgreSQL + PostGIS server for development and the tests.

``python -m geo.pgserver start [--dir .pgdata]`` creates a cluster with
Debian's ``initdb`` (PostgreSQL 15, package ``postgresql-15-postgis-3``) on
first use, starts it on a free port of 127.0.0.1, creates the database
``fim`` and prints its URL; ``stop`` stops it; ``url`` prints the URL of the
running server. ``make db`` and ``make db-stop`` call these, and the test
suite starts a throwaway cluster in a temporary folder the same way.

PostgreSQL refuses to run as root: under root the server runs as the
``postgres`` system user (created by the Debian package) through
``runuser``. Authentication is ``trust`` on 127.0.0.1 only, which suits a
single-user development machine, not a shared server.

Only the standard library is used (no database driver), so the server can be
started before the project's dependencies are installed.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import settings
from geo.errors import StoreError

logger = logging.getLogger(__name__)

#: Debian's versioned binary folders, newest first.
BIN_DIRS: tuple[Path, ...] = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"))
#: Default cluster folder of ``make db`` (git-ignored).
DEFAULT_DIR: Path = settings.PROJECT_DIR / ".pgdata"
DATABASE = "fim"
SUPERUSER = "postgres"
SERVICE_USER = "postgres"


class ServerError(StoreError):
    """The local PostgreSQL server could not be found, created, started or stopped."""


def find_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl``, or ``None`` when PostgreSQL is not installed."""
    for folder in BIN_DIRS:
        if (folder / "pg_ctl").is_file() and (folder / "initdb").is_file():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and (Path(found).parent / "initdb").is_file() else None


def postgis_installed() -> bool:
    """Whether PostgreSQL and the PostGIS extension files are installed."""
    bindir = find_bindir()
    if bindir is None:
        return False
    share = Path("/usr/share/postgresql") / bindir.parent.name / "extension" / "postgis.control"
    return share.is_file()


def _as_service_user() -> list[str]:
    """The command prefix that runs a server binary as a non-root user."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        msg = "PostgreSQL refuses to run as root and runuser is missing: run `make db` as a normal user"
        raise ServerError(msg)
    return [runuser, "-u", SERVICE_USER, "--"]


def _run(args: Sequence[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [*_as_service_user(), *args]
    logger.debug("running %s", cmd)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        msg = f"{Path(args[0]).name} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-2000:]}"
        raise ServerError(msg)
    return proc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    """A running local server.

    Attributes
    ----------
    datadir
        The cluster folder.
    port
        TCP port on 127.0.0.1.
    """

    datadir: Path
    port: int

    @property
    def url(self) -> str:
        """The ``postgresql://`` URL of the project database."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"


def _bindir() -> Path:
    bindir = find_bindir()
    if bindir is None:
        msg = "PostgreSQL is not installed: apt-get install postgresql-15-postgis-3 (or run scripts/ensure_postgis.sh)"
        raise ServerError(msg)
    return bindir


def _prepare_dir(datadir: Path) -> None:
    datadir.mkdir(parents=True, exist_ok=True)
    os.chmod(datadir, 0o700)
    if os.geteuid() == 0:
        shutil.chown(datadir, user=SERVICE_USER, group=SERVICE_USER)


def running(datadir: str | Path = DEFAULT_DIR) -> Server | None:
    """The server of ``datadir`` if it is running, else ``None``."""
    datadir = Path(datadir).resolve()
    pidfile = datadir / "postmaster.pid"
    if not pidfile.is_file():
        return None
    proc = _run([str(_bindir() / "pg_ctl"), "status", "-D", str(datadir)], check=False)
    if proc.returncode != 0:
        return None
    lines = pidfile.read_text(encoding="utf-8").splitlines()
    return Server(datadir=datadir, port=int(lines[3]))  # line 4 of postmaster.pid: the port


def start(datadir: str | Path = DEFAULT_DIR, *, port: int | None = None) -> Server:
    """Create (on first use) and start the cluster of ``datadir``; create the database.

    Parameters
    ----------
    datadir
        The cluster folder (created when missing).
    port
        TCP port; default: a free one.

    Returns
    -------
    Server
        The running server (the one already running, if so).

    Raises
    ------
    ServerError
        PostgreSQL is missing or a server binary failed.
    """
    datadir = Path(datadir).resolve()
    current = running(datadir)
    if current is not None:
        return current
    bindir = _bindir()
    if not (datadir / "PG_VERSION").is_file():
        _prepare_dir(datadir)
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--lc-collate=C",
                "--lc-ctype=C.UTF-8",
                "--no-instructions",
            ]
        )
    port = port or _free_port()
    # a little more memory than PostgreSQL's defaults (128 MB buffers, 4 MB per sort): a million incidents
    # are about 900 MB per table with the indexes; fewer checkpoints while a large build is written
    tuning = "-c shared_buffers=256MB -c work_mem=32MB -c maintenance_work_mem=256MB -c max_wal_size=2GB"
    options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 {tuning}"
    _run(
        [
            str(bindir / "pg_ctl"),
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(datadir),
            "-l",
            str(datadir / "server.log"),
            "-o",
            options,
        ]
    )
    server = Server(datadir=datadir, port=port)
    common = ["-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER]
    exists = _run(
        [
            str(bindir / "psql"),
            *common,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'",
        ]
    )
    if exists.stdout.strip() != "1":
        _run([str(bindir / "createdb"), *common, DATABASE])
    logger.info("PostgreSQL running at %s (data in %s)", server.url, datadir)
    return server


def stop(datadir: str | Path = DEFAULT_DIR) -> bool:
    """Stop the server of ``datadir``; returns whether one was running."""
    datadir = Path(datadir).resolve()
    if running(datadir) is None:
        return False
    _run([str(_bindir() / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(datadir)])
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geo.pgserver {start,stop,url} [--dir DIR] [--port N]``."""
    p = argparse.ArgumentParser(prog="python -m geo.pgserver", description=__doc__.splitlines()[0])
    p.add_argument("action", choices=["start", "stop", "url"])
    p.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="cluster folder (default: .pgdata/)")
    p.add_argument("--port", type=int, default=None, help="TCP port (default: a free one)")
    args = p.parse_args(argv)
    try:
        if args.action == "start":
            print(start(args.dir, port=args.port).url)
        elif args.action == "stop":
            print("stopped" if stop(args.dir) else "not running")
        else:
            server = running(args.dir)
            if server is None:
                print("not running (make db)", file=sys.stderr)
                return 1
            print(server.url)
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
