"""A real recipeplanner stack on free loopback ports: Redis, a Celery worker and daphne, in a temporary folder.

Used by the integration tests (conftest.py) and by the load benchmarks (bench/common.py). Every process runs
in its own process group, logs to a file in the folder, and is killed with its children on stop().
"""

import ctypes
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TAGGER = "taggers/averaged_perceptron_tagger_eng"
# Variables of the unit-test run that must not leak into the real services.
NOT_INHERITED = (
    "DATABASE_URL",
    "MEDIA_ROOT",
    "DJANGO_SETTINGS_MODULE",
)


class StackError(RuntimeError):
    """A service did not start or a management command failed."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nltk_data_dir() -> str:
    """The repo's var/nltk_data when `make` filled it, else ../shared/nltk_data, else NLTK_DATA as given."""
    for candidate in (REPO_ROOT / "var" / "nltk_data", REPO_ROOT.parent / "shared" / "nltk_data"):
        if (candidate / TAGGER).is_dir():
            return str(candidate)
    return os.environ.get("NLTK_DATA", str(REPO_ROOT / "var" / "nltk_data"))


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log_path: Path
    log_offset: int = 0  # where this run's lines start in a log shared with earlier runs of the service

    def log_since(self, offset: int) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


class Stack:
    """Start with start() (or `with Stack(folder) as stack:`); stop() leaves nothing running."""

    def __init__(
        self,
        folder: Path,
        *,
        worker_concurrency: int = 2,
        web_processes: int = 1,
        worker_nice: int = 10,
        env: dict[str, str] | None = None,
        database: str = "sqlite",
        worker_app: str = "celery_app",
        asgi_app: str = "recipeplanner.asgi:application",
    ):
        """`database` is "sqlite" (a file in the folder) or "postgresql" (a private server, see Postgres).

        `web_processes` daphne processes share the port and the worker runs under `nice -n worker_nice`, as
        `make run` starts them; worker_concurrency 0 starts no worker. Benchmarks swap in their own Celery
        app or ASGI application by module path.
        """
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.worker_concurrency = worker_concurrency
        self.web_processes = web_processes
        self.worker_nice = worker_nice
        self.worker_app = worker_app
        self.asgi_app = asgi_app
        self.database = database
        self.postgres: Postgres | None = None
        self.redis_port = free_port()
        self.http_port = free_port()
        self.base_url = f"http://127.0.0.1:{self.http_port}"
        self.ws_base_url = f"ws://127.0.0.1:{self.http_port}"
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.services: list[Service] = []
        self._stopped = False
        self.env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
        self.env.update(
            {
                "DEBUG": "1",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.http_port},http://localhost:{self.http_port}",
                "REDIS_URL": self.redis_url,
                "DATABASE_URL": f"sqlite:///{self.folder / 'db.sqlite3'}",
                "MEDIA_ROOT": str(self.folder / "uploads"),
                "UPLOAD_THROTTLE_RATE": "off",
                "MAX_JOBS_IN_FLIGHT": "1000",
                "NLTK_DATA": nltk_data_dir(),
                "OMP_THREAD_LIMIT": "1",
                "PYTHONUNBUFFERED": "1",
                "LOG_LEVEL": "INFO",
            }
        )
        self.env.update(env or {})

    # -- lifecycle ---------------------------------------------------------------------------------------

    def start(self) -> "Stack":
        try:
            self._start_redis()
            if self.database == "postgresql":
                self.postgres = Postgres(self.folder / "postgres.log").start()
                self.env["DATABASE_URL"] = self.postgres.url
            self.manage("migrate", "--noinput")
            if self.worker_concurrency > 0:
                self.start_worker()
            self.start_daphne()
            self._wait("daphne", self._http_ready, 60)
            if self.worker_concurrency > 0:
                self.wait_worker_ready()
        except BaseException:
            report = self.log_tails()
            self.stop()
            raise StackError(f"the stack did not start\n{report}") from None
        return self

    def start_worker(self, env: dict[str, str] | None = None) -> Service:
        """Start (or start again) the Celery worker, `env` on top of the stack's; wait_worker_ready() waits."""
        return self._start(
            "worker",
            [
                "nice",
                "-n",
                str(self.worker_nice),
                sys.executable,
                "-m",
                "celery",
                "-A",
                self.worker_app,
                "worker",
                "-l",
                "info",
                "--concurrency",
                str(self.worker_concurrency),
                "--hostname",
                f"itest{self.http_port}@%h",
            ],
            env,
        )

    def wait_worker_ready(self, timeout: float = 90) -> None:
        """Wait until the newest worker's log says it is ready."""
        service = self._service("worker")
        offset = service.log_offset
        self._wait("worker", lambda: re.search(r"\bready\.", service.log_since(offset)), timeout)

    def start_daphne(self, env: dict[str, str] | None = None) -> Service:
        """Start (or start again) daphne on the stack's HTTP port, `env` on top of the stack's."""
        return self._start(
            "daphne",
            [
                sys.executable,
                "-m",
                "recipeplanner.serve",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.http_port),
                "--processes",
                str(self.web_processes),
                "--application",
                self.asgi_app,
            ],
            env,
        )

    def wait_daphne_ready(self, timeout: float = 60) -> None:
        self._wait("daphne", self._http_ready, timeout)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to a service's whole process group and wait for its main process to end."""
        service = self._service(name)
        _signal_group(service.process, sig)
        service.process.wait(30)
        if sig != signal.SIGKILL:
            _signal_group(service.process, signal.SIGKILL)
        self.services.remove(service)

    def restart_redis(self) -> None:
        """Stop Redis cleanly (SHUTDOWN keeps its append-only file), then start it on the same port."""
        self.kill("redis", signal.SIGTERM)
        self._start_redis()

    def stop(self) -> None:
        """Terminate every service's process group; kill what is still there after a grace period."""
        if self._stopped:
            return
        self._stopped = True
        for service in reversed(self.services):
            _signal_group(service.process, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for service in reversed(self.services):
            try:
                service.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            # Pool children outlive a killed parent: always sweep the whole group.
            _signal_group(service.process, signal.SIGKILL)
            try:
                service.process.wait(5)
            except subprocess.TimeoutExpired:
                pass
        if self.postgres:
            self.postgres.stop()

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- helpers -----------------------------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run manage.py with the stack's environment and return its standard output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        with open(self.folder / "manage.log", "a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
        if result.returncode != 0:
            raise StackError(
                f"manage.py {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}"
            )
        return result.stdout

    def ensure_user(self, username: str, password: str, *, superuser: bool = False) -> str:
        """Create the login through `manage.py ensure_user` and return its API token."""
        args = ["ensure_user", "--username", username, "--password", password]
        if not superuser:
            args.append("--no-superuser")
        output = self.manage(*args)
        match = re.search(r"^token:\s*(\S+)", output, re.MULTILINE)
        if not match:
            raise StackError(f"ensure_user printed no token:\n{output}")
        return match.group(1)

    def log_tails(self, lines: int = 40) -> str:
        parts = [
            f"--- {service.name} ({service.log_path}) ---\n{service.tail(lines)}" for service in self.services
        ]
        manage_log = self.folder / "manage.log"
        if manage_log.exists():
            parts.append("--- manage.py ---\n" + "\n".join(manage_log.read_text().splitlines()[-lines:]))
        return "\n".join(parts)

    def _service(self, name: str) -> Service:
        return next(service for service in reversed(self.services) if service.name == name)

    def _start(self, name: str, command: list[str], env: dict[str, str] | None = None) -> Service:
        log_path = self.folder / f"{name}.log"
        offset = log_path.stat().st_size if log_path.exists() else 0
        with open(log_path, "ab") as log:  # the child holds its own copy of the descriptor
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env={**self.env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        service = Service(name, process, log_path, offset)
        self.services.append(service)
        return service

    def _start_redis(self) -> None:
        (self.folder / "redis").mkdir(exist_ok=True)
        self._start(
            "redis",
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                # Append-only, as `make run` keeps it: queued jobs survive a restart.
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--dir",
                str(self.folder / "redis"),
                "--daemonize",
                "no",
            ],
        )
        self._wait("redis", self._redis_ready, 20)

    def _redis_ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _http_ready(self) -> bool:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())
        try:
            with opener.open(f"{self.base_url}/accounts/login/", timeout=2) as response:
                return response.status == 200
        except urllib.error.HTTPError as error:
            return error.code in (301, 302)
        except OSError:
            return False

    def _wait(self, name: str, ready: Callable[[], object], timeout: float) -> None:
        service = self._service(name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                raise StackError(f"{name} exited with code {service.process.returncode}")
            if ready():
                return
            time.sleep(0.2)
        raise StackError(f"{name} was not ready after {timeout:.0f} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the starting process dies, even by SIGKILL (Linux only)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


class Postgres:
    """A private PostgreSQL server (Debian's `postgresql` binaries) on a free loopback port.

    Its data folder is a fresh temporary directory. PostgreSQL refuses to run as root, so as root the
    server runs as `nobody`, which owns that folder; any other user runs it as themselves. stop() removes
    the folder. `url` is a DATABASE_URL for the database `recipeplanner` (trust authentication, loopback
    only).
    """

    def __init__(self, log_path: Path):
        self.log_path = Path(log_path)
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/recipeplanner"
        self.folder: Path | None = None
        self._bin = self._find_bin()

    @staticmethod
    def _find_bin() -> Path:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
        if candidates:
            return Path(candidates[0]).parent
        initdb = shutil.which("initdb")
        if initdb:
            return Path(initdb).resolve().parent
        raise StackError(
            "PostgreSQL is not installed: apt-get install postgresql (scripts/system-packages.sh)"
        )

    def _as_owner(self, command: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return command
        return ["runuser", "-u", "nobody", "--", *command]

    def _run(self, command: list[str], timeout: float = 120) -> None:
        with open(self.log_path, "ab") as log:
            result = subprocess.run(
                self._as_owner(command), stdout=log, stderr=subprocess.STDOUT, timeout=timeout, cwd="/"
            )
        if result.returncode != 0:
            tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])
            raise StackError(f"{' '.join(command[:2])} exited {result.returncode}:\n{tail}")

    def start(self) -> "Postgres":
        # Not under pytest's tmp folder: that one is private to the user running the tests.
        self.folder = Path(tempfile.mkdtemp(prefix="recipeplanner-pg-"))
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.folder, nobody.pw_uid, nobody.pw_gid)
        data = self.folder / "data"
        self._run(
            [
                str(self._bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            [
                str(self._bin / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._run(
            [
                str(self._bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "recipeplanner",
            ]
        )
        return self

    def stop(self) -> None:
        """Stop the server immediately and remove its data folder."""
        if self.folder is None:
            return
        try:
            self._run(
                [str(self._bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
                timeout=60,
            )
        except (StackError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
