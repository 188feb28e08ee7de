"""Regiekamer served for real: its own database (a new PostgreSQL database on the test cluster when the suite runs on
PostgreSQL, else an SQLite file), migrated, with one gemeente, and gunicorn with several worker processes in front.

For tests of what only shows under concurrent requests from several processes: lost or half-saved writes, "database
is locked", races on unique keys. The test client and Django's live server run in the test process and share its
connection, so they cannot show these.
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from threading import Barrier

import regiekamer

SRC = Path(regiekamer.__file__).resolve().parent.parent

# Run inside the served app's database by `regiekamer shell`: a gemeente, an organisation token for a partner
# system and a personal token for a regisseur.
SETUP = """
import json
from regiekamer.accounts.models import ApiToken, Organisatie
from regiekamer.accounts.services import create_gemeente, create_user
gemeente = create_gemeente("Zuiderveen", "GM9901")
politie = Organisatie.objects.create(gemeente=gemeente, naam="Politie basisteam", soort=Organisatie.Soort.POLITIE)
afdeling = Organisatie.objects.create(
    gemeente=gemeente, naam="Team Ondermijning", soort=Organisatie.Soort.GEMEENTE_AFDELING
)
regisseur = create_user("regisseur", afdeling, ["regisseur"])
print(json.dumps({
    "partner": ApiToken.issue(politie)[1],
    "regisseur": ApiToken.issue(afdeling, user=regisseur)[1],
}))
"""


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


@dataclass
class ServedApp:
    url: str
    env: dict
    tokens: dict
    pid: int = 0  # gunicorn's master process

    def manage(self, *args, input_text: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-m", "regiekamer.manage", *args],
            env=self.env,
            input=input_text,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def shell(self, code: str) -> str:
        result = self.manage("shell", "-c", code)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def request(self, method: str, path: str, token: str, body=None, headers: dict | None = None) -> Answer:
        """``body`` is sent as JSON; bytes are sent as they are (give their Content-Type in ``headers``)."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)  # noqa: S310 - loopback
        request.add_header("Authorization", f"Token {token}")
        if data is not None and not isinstance(body, bytes):
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), dict(error.headers))

    def query(self, sql: str, params=()) -> list[tuple]:
        """Rows of ``sql`` on the served database, read from outside the application (autocommit)."""
        if self.env.get("DATABASE_URL"):
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
                return connection.execute(sql, params).fetchall()
        path = Path(self.env["REGIEKAMER_DATA_DIR"]) / "regiekamer.sqlite3"
        connection = sqlite3.connect(path, timeout=30)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def workers(self) -> set[int]:
        """The process ids of gunicorn's worker processes (the master's children)."""
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.pid and fields[0] not in ("Z", "X"):
                children.add(int(stat.parent.name))
        return children

    def workers_serving(self) -> set[int]:
        """The worker processes holding an open client connection (a request being answered), found from their
        sockets: the established TCP connections on the served port (``/proc/net/tcp``), matched by inode with
        the workers' file descriptors."""
        port = f"{urllib.parse.urlsplit(self.url).port:04X}"
        inodes = set()
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            columns = line.split()
            if columns[1].endswith(f":{port}") and columns[3] == "01":  # local address on our port, ESTABLISHED
                inodes.add(f"socket:[{columns[9]}]")
        serving = set()
        for pid in self.workers():
            try:
                if any(os.readlink(fd) in inodes for fd in Path(f"/proc/{pid}/fd").iterdir()):
                    serving.add(pid)
            except OSError:
                continue
        return serving

    def at_once(self, calls: list) -> list[Answer]:
        """Send the requests ``(method, path, token, body)`` all at the same moment, one thread each."""
        barrier = Barrier(len(calls))

        def send(call):
            barrier.wait()
            return self.request(*call)

        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            return list(pool.map(send, calls))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _database(tmp_path: Path):
    """The environment pointing at a new, empty database of the same kind the suite runs on."""
    from django.db import connection

    env = {**os.environ, "PYTHONPATH": str(SRC), "REGIEKAMER_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    if connection.vendor != "postgresql":
        yield env
        return
    import psycopg

    params = connection.settings_dict
    name = f"served_{uuid.uuid4().hex[:12]}"
    server = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"], "dbname": "postgres"}
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    host = urllib.parse.quote(params["HOST"], safe="")
    env["DATABASE_URL"] = f"postgres://{params['USER']}@{host}:{server['port']}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def served_app(tmp_path: Path, workers: int = 4):
    with _database(tmp_path) as env:
        port = _free_port()
        env.update(
            ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="regiekamer.conf.settings"
        )
        app = ServedApp(f"http://127.0.0.1:{port}", env, {})
        migrated = app.manage("migrate", "--no-input")
        assert migrated.returncode == 0, migrated.stderr
        app.tokens = json.loads(app.shell(SETUP).strip().splitlines()[-1])
        log = (tmp_path / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [
                sys.executable,
                "-m",
                "gunicorn",
                "regiekamer.conf.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--timeout=120",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        app.pid = server.pid
        try:
            _wait_until_up(app, server, tmp_path / "gunicorn.log")
            yield app
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def _wait_until_up(app: ServedApp, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(app.url + "/health/", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer:\n{log_path.read_text()}")
