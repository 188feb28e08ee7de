"""Regiekamer served for real: its own database (a new PostgreSQL database on the test cluster when the suite runs on
PostgreSQL, else an SQLite file), migrated, with one gemeente, and gunicorn with several worker processes in front.

For tests of what only shows under concurrent requests from several processes: lost or half-saved writes, "database
is locked", races on unique keys. The test client and Django's live server run in the test process and share its
connection, so they cannot show these.

``served_app`` serves one gunicorn; ``served_cluster`` serves several on their own ports and a background worker
(`regiekamer db_worker`) beside them, all on one database, as a deployment behind a load balancer runs
(docs/scaling.md). ``WebSession`` is a browser's cookie jar for the HTML pages, to carry one login from server to
server.
"""

import base64
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
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

    @property
    def text(self) -> str:
        return self.body.decode()


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

    def request(
        self, method: str, path: str, token: str, body=None, files: dict | None = None, headers: dict | None = None
    ) -> Answer:
        """An API request with ``token``: ``body`` as JSON, or with ``files`` (field -> (name, bytes)) as multipart
        form data with ``body`` as its other fields; bytes are sent as they are."""
        headers = {**(headers or {}), "Authorization": f"Token {token}"}
        if files is not None:
            data, headers["Content-Type"] = multipart(body or {}, files)
        elif isinstance(body, bytes):
            data = body  # as it is: its Content-Type comes in ``headers``
        elif body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        else:
            data = None
        return _send(method, self.url + path, data, headers)

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
        return at_once([lambda call=call: self.request(*call) for call in calls])


def until(condition, what: str, timeout: float = 60):
    """Poll ``condition`` until it gives something truthy; that is returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting: {what}")


def at_once(sends: list[Callable[[], Answer]]) -> list[Answer]:
    """Call every ``send`` at the same moment, one thread each (to one server or to several)."""
    barrier = Barrier(len(sends))

    def send(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(sends)) as pool:
        return list(pool.map(send, sends))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the caller: a redirect's own Set-Cookie and Location matter to the tests."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _send(method: str, url: str, data: bytes | None, headers: dict) -> Answer:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 - loopback
    try:
        with _opener.open(request, timeout=120) as response:
            return Answer(response.status, response.read(), _headers(response.headers))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(), _headers(error.headers))


def _headers(message) -> dict:
    """Header name (lower case) -> its values, in order (Set-Cookie comes several times)."""
    headers = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), []).append(value)
    return headers


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """``fields`` (name -> text) and ``files`` (name -> (file name, bytes)) as multipart/form-data: body and
    Content-Type."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class WebSession:
    """A browser's cookies for the HTML pages, sent to whichever server is asked: as a load balancer without sticky
    sessions would spread one user's requests. Cookies are sent whatever their Secure flag (the servers speak plain
    HTTP on loopback); a cookie the server deletes is dropped."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def get(self, server: "ServedApp", path: str, cookies: dict | None = None) -> Answer:
        return self._keep(_send("GET", server.url + path, None, self._cookie_header(cookies)))

    def post(
        self, server: "ServedApp", path: str, fields: dict, files: dict | None = None, form_page: str | None = None
    ) -> Answer:
        """A form post with the CSRF token of a form on ``form_page`` (by default ``path`` itself), read first from
        the same server."""
        page = self.get(server, form_page or path)
        token = CSRF_FIELD.search(page.text)
        assert token, f"no form with a CSRF token on {form_page or path} ({page.status})"
        fields = {"csrfmiddlewaretoken": token.group(1), **fields}
        if files:
            data, content_type = multipart(fields, files)
        else:
            data, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = {**self._cookie_header(), "Content-Type": content_type}
        return self._keep(_send("POST", server.url + path, data, headers))

    def _cookie_header(self, cookies: dict | None = None) -> dict:
        cookies = self.cookies if cookies is None else cookies
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())} if cookies else {}

    def _keep(self, answer: Answer) -> Answer:
        for header in answer.headers.get("set-cookie", []):
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _database(tmp_path: Path):
    """The environment pointing at a new database of the same kind the suite runs on, and whether it is migrated
    already. On PostgreSQL it is a copy of the suite's test database (migrated, and empty outside a test), which
    saves running every migration again; when that database is in use by another connection, an empty one."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    env = {**os.environ, "PYTHONPATH": str(SRC), "REGIEKAMER_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    if connection.vendor != "postgresql":
        yield env, False
        return
    import psycopg

    params = connection.settings_dict
    name = f"served_{uuid.uuid4().hex[:12]}"
    server = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"], "dbname": "postgres"}
    migrated = False
    with psycopg.connect(**server, autocommit=True) as admin:
        # The test database once pytest-django made it (fixture ``django_db_setup``), outside a test's transaction.
        if params["NAME"].startswith(TEST_DATABASE_PREFIX) and not connection.in_atomic_block:
            connection.close()  # a database is copied only while nobody is connected to it
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{params["NAME"]}"')
                migrated = True
            except psycopg.errors.ObjectInUse:
                pass
        if not migrated:
            admin.execute(f'CREATE DATABASE "{name}"')
    host = urllib.parse.quote(params["HOST"], safe="")
    env["DATABASE_URL"] = f"postgres://{params['USER']}@{host}:{server['port']}/{name}"
    try:
        yield env, migrated
    finally:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _prepared(tmp_path: Path, env_extra: dict | None = None):
    """A migrated database with the gemeente of ``SETUP``: the environment every server and command is run with,
    and the tokens."""
    with _database(tmp_path) as (env, migrated):
        env.update(
            ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="regiekamer.conf.settings"
        )
        env.update(env_extra or {})
        app = ServedApp("", env, {})
        if not migrated:
            migration = app.manage("migrate", "--no-input")
            assert migration.returncode == 0, migration.stderr
        if env.get("CACHE_URL", "").startswith("db://"):  # a shared cache in the database: its table, as deployed
            made = app.manage("createcachetable")
            assert made.returncode == 0, made.stderr
        app.tokens = json.loads(app.shell(SETUP).strip().splitlines()[-1])
        yield env, app.tokens


@contextmanager
def _process(command: list[str], env: dict, log_path: Path):
    """``python -m <command>`` in the background, its output in ``log_path``; stopped (SIGTERM) on exit."""
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", *command], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _gunicorn(env: dict, port: int, workers: int, log_path: Path):
    """gunicorn with ``--preload``: the application is loaded once, in the master, and the workers are forked from it
    (``core.runtime.prepare_server_process``), so a server is up in the time of one load rather than one per
    worker."""
    command = ["gunicorn", "regiekamer.conf.wsgi:application", f"--workers={workers}", f"--bind=127.0.0.1:{port}"]
    return _process([*command, "--preload", "--timeout=120"], env, log_path)


@contextmanager
def served_app(tmp_path: Path, workers: int = 4):
    with _prepared(tmp_path) as (env, tokens), ExitStack() as running:
        port = _free_port()
        app = ServedApp(f"http://127.0.0.1:{port}", env, tokens)
        log_path = tmp_path / "gunicorn.log"
        server = running.enter_context(_gunicorn(env, port, workers, log_path))
        app.pid = server.pid
        _wait_until_up(app, server, log_path)
        yield app


@dataclass
class Cluster:
    servers: list[ServedApp]
    task_worker: subprocess.Popen
    logs: Path

    def manage(self, *args, **kwargs) -> subprocess.CompletedProcess:
        return self.servers[0].manage(*args, **kwargs)

    def shell(self, code: str) -> str:
        return self.servers[0].shell(code)


@contextmanager
def served_cluster(tmp_path: Path, servers: int = 2, workers: int = 2, extra_env: dict | None = None):
    """``servers`` gunicorns with ``workers`` worker processes each, on ports of their own, and one background
    worker (`regiekamer db_worker`, as production runs it), all on one new database. They share nothing else than
    what a deployment over several machines shares: the database, the secrets and keys (given in the environment, as
    production does) and the data folder (``REGIEKAMER_DATA_DIR``: attachments and uploaded imports, shared storage
    in production), and what ``extra_env`` adds (a shared cache: ``CACHE_URL``)."""
    keys = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REGIEKAMER_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "REGIEKAMER_BLIND_INDEX_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        **(extra_env or {}),
    }
    with _prepared(tmp_path, keys) as (env, tokens), ExitStack() as running:
        started = []
        for number in range(servers):
            port = _free_port()
            log_path = tmp_path / f"gunicorn-{number + 1}.log"
            process = running.enter_context(_gunicorn(env, port, workers, log_path))
            started.append((ServedApp(f"http://127.0.0.1:{port}", env, tokens), process, log_path))
        worker_command = ["regiekamer.manage", "db_worker", "--no-reload", "--no-startup-delay", "--interval=0.2"]
        task_worker = running.enter_context(_process(worker_command, env, tmp_path / "db_worker.log"))
        for app, process, log_path in started:
            _wait_until_up(app, process, log_path)
        yield Cluster([app for app, _process_, _log in started], task_worker, tmp_path)


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
