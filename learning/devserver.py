"""`make run`: start the whole platform for development with one command.

    python -m learning.devserver        start everything (PORT, default 8000)
    python -m learning.devserver stop   stop the embedded servers (`make stop`)

Reuses or starts the embedded PostgreSQL and Redis, migrates every schema,
seeds the demo, then supervises the web server, a Celery worker and Celery
beat. Ctrl-C stops everything this run started. A plain loop over Popen is
enough here, so no third-party process manager is needed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from learning.regions.enums import NHS_ENGLAND_REGIONS

BASE_DIR = Path(__file__).resolve().parent.parent
# The same folder learning/settings/dev.py uses, so manage.py run by hand
# afterwards finds the same servers and data.
DATA_DIR = BASE_DIR / "var" / "dev"

STOP_GRACE_SECONDS = 10
WEB_START_SECONDS = 90
HEALTHY_WAIT_SECONDS = 30
POLL_SECONDS = 0.25


class Shutdown(Exception):
    """Ctrl-C, SIGTERM or SIGHUP: stop cleanly."""


class ChildDied(Exception):
    """A supervised process exited while it should have been running."""


# --- Environment shared by every child -------------------------------------------


def port_in_use(port: int) -> bool:
    # Bind the way uvicorn will (SO_REUSEADDR, so TIME_WAIT leftovers from a
    # previous run do not count) ...
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    # ... and catch a server on IPv6 loopback only, which browsers would
    # reach first for "localhost" instead of ours.
    try:
        with socket.create_connection(("::1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _pid_file_alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except PermissionError:
        return True  # alive, owned by another user (embedded PostgreSQL runs as its own user under root)
    except (OSError, ValueError, IndexError):
        return False
    return True


def embedded_already_running(data_dir: Path) -> bool:
    return _pid_file_alive(data_dir / "redis.pid") or _pid_file_alive(
        data_dir / "postgres" / "postmaster.pid"
    )


def uses_embedded(env: dict[str, str]) -> bool:
    return not (env.get("DATABASE_URL") and env.get("REDIS_URL"))


def prepare_stores(env: dict[str, str]) -> None:
    """Put DATABASE_URL and REDIS_URL into env, starting the embedded servers if needed."""
    if not uses_embedded(env):
        print("Using the servers named by DATABASE_URL and REDIS_URL.", flush=True)
        return
    if env.get("DATABASE_URL") or env.get("REDIS_URL"):
        print("Only one of DATABASE_URL and REDIS_URL is set; using the embedded servers for both.")
    from learning.embedded import ensure_running

    print(f"Embedded PostgreSQL and Redis: {DATA_DIR}", flush=True)
    stores = ensure_running(DATA_DIR)
    # Exported so every child uses exactly these servers rather than each
    # settings import deciding for itself.
    env["DATABASE_URL"] = stores.database_url
    env["REDIS_URL"] = stores.redis_url


def child_environment(port: int, base_domain: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    env["PORT"] = str(port)
    env.setdefault("HUB_URL", f"http://{base_domain}:{port}")
    env["PYTHONUNBUFFERED"] = "1"  # children's logs appear as they happen
    return env


# --- Processes ------------------------------------------------------------------


def describe_exit(code: int) -> str:
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited unexpectedly with exit code {code}"


def run_step(name: str, argv: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    print(f"==> {name}", flush=True)
    result = subprocess.run(argv, env=env, cwd=BASE_DIR)
    if result.returncode != 0:
        raise ChildDied(f"{name} failed with exit code {result.returncode}")
    print(f"==> {name}: done in {time.monotonic() - started:.1f} s", flush=True)


class Supervisor:
    def __init__(self, env: dict[str, str]):
        self.env = env
        self.children: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str]) -> None:
        # Own process group: Ctrl-C in the terminal reaches only this
        # supervisor, which then stops children in order instead of racing them.
        self.children[name] = subprocess.Popen(argv, env=self.env, cwd=BASE_DIR, process_group=0)

    def check(self) -> None:
        for name, child in self.children.items():
            code = child.poll()
            if code is not None:
                raise ChildDied(f"{name} {describe_exit(code)}")

    def watch(self) -> None:
        while True:
            self.check()
            time.sleep(POLL_SECONDS)

    def stop_all(self) -> None:
        running = {name: child for name, child in self.children.items() if child.poll() is None}
        for child in running.values():
            child.terminate()  # Celery does a warm shutdown; uvicorn closes connections
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, child in running.items():
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop within {STOP_GRACE_SECONDS} s; killing it.", flush=True)
        # Kill the whole group: stragglers such as Celery pool processes go too.
        for child in self.children.values():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def stop_process(process: subprocess.Popen, timeout: float = 15) -> None:
    """Ask one child to stop (uvicorn closes its connections, Celery shuts down warm);
    kill it if it has not within `timeout` seconds. Tests and benchmarks use it."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_web(supervisor: Supervisor, port: int, host: str) -> None:
    """Wait until the web server answers, then (up to a limit) until /health/ is 200."""
    url = f"http://127.0.0.1:{port}/health/"
    deadline = time.monotonic() + WEB_START_SECONDS
    while (status := http_status(url, host)) is None:
        supervisor.check()
        if time.monotonic() > deadline:
            raise ChildDied(
                f"the web server did not answer on port {port} within {WEB_START_SECONDS} s"
            )
        time.sleep(POLL_SECONDS)
    # /health/ is 503 until the Celery worker answers a ping.
    deadline = time.monotonic() + HEALTHY_WAIT_SECONDS
    while status != 200 and time.monotonic() < deadline:
        supervisor.check()
        time.sleep(POLL_SECONDS)
        status = http_status(url, host)
    if status != 200:
        print(f"Warning: {url} still answers {status}; see the logs above.", flush=True)


def http_status(url: str, host: str) -> int | None:
    # No proxies: a developer's http_proxy must not intercept loopback.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    # The Host header picks the hub tenant (django-tenants maps hosts to schemas).
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 (fixed http URL)
    try:
        with opener.open(request, timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


# --- Banner ---------------------------------------------------------------------


def banner(port: int, base_domain: str, hub_url: str) -> str:
    password = os.environ.get("DEMO_PASSWORD", "learning-network-demo")
    width = max(len(region.name) for region in NHS_ENGLAND_REGIONS)
    example = NHS_ENGLAND_REGIONS[1].slug
    rule = "=" * 78
    lines = [
        rule,
        "  Link Worker Learning Network is running.",
        "",
        f"  National hub:  {hub_url}/",
        f"  Admin:         {hub_url}/admin/",
        "  Regions:",
        *(
            f"    {region.name:<{width}}  http://{region.slug}.{base_domain}:{port}/"
            for region in NHS_ENGLAND_REGIONS
        ),
        "",
        f"  Demo sign-ins, all with password: {password}",
        "    national@example.org                  national team (drafts content)",
        "    reviewer@example.org                  national team (reviews and publishes content)",
        "    linkworker.<region>@example.org       link worker in that region",
        "    coordinator.<region>@example.org      regional learning coordinator",
        "    ccglead.<region>@example.org          CCG social prescribing lead",
        f"    where <region> is a slug above, e.g. linkworker.{example}@example.org",
        "",
        "  Press Ctrl-C to stop.",
        rule,
    ]
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------


def _raise_shutdown(signum, frame):
    raise Shutdown(signal.Signals(signum).name)


def setup_steps(python: str) -> dict[str, list[str]]:
    # multiprocessing migrates the regional schemas two at a time: measured
    # about 10% faster than the standard executor on a 2-core machine.
    return {
        "migrate_schemas": [python, "manage.py", "migrate_schemas", "--executor=multiprocessing", "--verbosity=0"],
        "seed_demo": [python, "manage.py", "seed_demo"],
    }  # fmt: skip


def uvicorn_command(python: str, port: int, *extra: str) -> list[str]:
    """How the platform is served, by `make run` and by the tests' live servers alike.

    --no-proxy-headers: uvicorn would otherwise take the client's address from
    X-Forwarded-For on any request from 127.0.0.1, so a client could pick its own
    address; learning.client_address decides that, from TRUSTED_PROXY_COUNT alone.
    Django has no ASGI lifespan handler: "--lifespan off" skips uvicorn's probe and its
    warning."""
    return [
        python, "-m", "uvicorn", "learning.asgi:application",
        "--host", "127.0.0.1", "--port", str(port), "--lifespan", "off", "--no-proxy-headers",
        *extra,
    ]  # fmt: skip


def services(python: str, port: int) -> dict[str, list[str]]:
    return {
        "web server (uvicorn)": uvicorn_command(python, port),
        "Celery worker": [
            python, "-m", "celery", "-A", "learning", "worker", "--loglevel=INFO", "--concurrency=2",
            "--without-mingle",  # one worker has no neighbours to sync with; saves a second at start
        ],
        "Celery beat": [
            python, "-m", "celery", "-A", "learning", "beat", "--loglevel=INFO",
            "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler",
        ],
    }  # fmt: skip


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    base_domain = os.environ.get("BASE_DOMAIN", "localhost")
    if port_in_use(port):
        message = f"Port {port} is in use: stop the other server or run PORT={port + 1} make run"
        print(message, file=sys.stderr)
        return 1

    began = time.monotonic()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_shutdown)
    env = child_environment(port, base_domain)
    # Decided before starting anything, so a Ctrl-C during start-up still
    # stops servers this run started, and never ones another run is using.
    stop_embedded_after = uses_embedded(env) and not embedded_already_running(DATA_DIR)
    supervisor = Supervisor(env)
    exit_code = 0
    try:
        prepare_stores(env)
        for name, argv in setup_steps(sys.executable).items():
            run_step(name, argv, env)
        for name, argv in services(sys.executable, port).items():
            supervisor.start(name, argv)
        wait_for_web(supervisor, port, f"{base_domain}:{port}")
        print("\n" + banner(port, base_domain, env["HUB_URL"].rstrip("/")), flush=True)
        print(f"Ready in {time.monotonic() - began:.1f} s.", flush=True)
        supervisor.watch()
    except Shutdown:
        print("\nStopping...", flush=True)
    except ChildDied as died:
        print(f"\nError: {died}. Stopping the rest.", file=sys.stderr, flush=True)
        exit_code = 1
    finally:
        # A second Ctrl-C must not interrupt the clean-up half-way; the grace
        # period is bounded anyway.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        supervisor.stop_all()
        if stop_embedded_after:
            stop_embedded()
    print("Stopped.", flush=True)
    return exit_code


def stop_embedded() -> int:
    """Also `make stop`: ends embedded servers that runs or test sessions left behind."""
    from learning.embedded import stop

    stopped = stop(DATA_DIR)
    print(
        f"Stopped embedded {' and '.join(stopped)}."
        if stopped
        else "No embedded servers were running."
    )
    return 0


if __name__ == "__main__":
    sys.exit(stop_embedded() if sys.argv[1:] == ["stop"] else main())
