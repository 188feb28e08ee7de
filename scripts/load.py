"""API load test: gunicorn on loopback against a seeded database, driven by locust (headless, in this process).

    .venv/bin/pip install -e ".[load]"
    .venv/bin/python scripts/load.py --database-url URL --data-dir DIR [--users 50] [--seconds 120] [--workers 4]
    .venv/bin/python scripts/load.py ... --rate 30 --seconds 1800        # soak: a fixed 30 requests/s

Server memory is sampled before any request, ``--warmup`` seconds into the mix (every worker has then imported and
cached what it uses: the baseline growth is measured from) and at the end.

The database at URL was seeded before (``regiekamer seed_demo``, with the data folder DIR whose keys decrypt it).
First ``/health/`` alone is loaded for the same time with the same number of clients: the server's ceiling without
application work. Then the mix: half of the clients are partner systems that report signals (``POST
/api/v1/signalen``, each with its own ``Idempotency-Key``), half a regisseur reading the worklist and signals. Each
client waits for its answer before the next request (or, with ``--rate``, paces itself to that total rate).

Afterwards: every signal the server accepted (201) exists exactly once, nothing else was added, ``audit verify``
passes, and for a soak the server's memory growth is reported. The results replace the section "API load" (or "API
soak") in docs/benchmarks.md, with the machine and date.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, constant_throughput, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
PY = ROOT / ".venv" / "bin" / "python"
RK = ROOT / ".venv" / "bin" / "regiekamer"

SETUP = """
import json
from regiekamer.accounts.models import ApiToken, Organisatie, User
from regiekamer.signalen.models import Signaal
regisseur = User.objects.get(username="regisseur")
partners = Organisatie.objects.filter(gemeente=regisseur.gemeente).exclude(soort="gemeente-afdeling")[:5]
ids = list(Signaal.objects.filter(gemeente=regisseur.gemeente).values_list("pk", flat=True)[:200])
print(json.dumps({
    "regisseur": ApiToken.issue(regisseur.organisatie, user=regisseur)[1],
    "partners": [ApiToken.issue(organisatie)[1] for organisatie in partners],
    "signalen": [str(pk) for pk in ids],
    "aantal": Signaal.objects.count(),
}))
"""

CHECK = """
import json, os
from regiekamer.signalen.models import Signaal
ids = json.load(open(os.environ["LOAD_ACCEPTED"]))
found = set(str(pk) for pk in Signaal.objects.filter(pk__in=ids).values_list("pk", flat=True))
print(json.dumps({"aantal": Signaal.objects.count(), "gevonden": len(found)}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rate", type=float, default=0.0, help="a fixed total rate (requests/s): a soak")
    parser.add_argument(
        "--warmup",
        type=int,
        default=120,
        help="seconds into the mix at which the warmed-up memory baseline is taken (workers have loaded everything)",
    )
    parser.add_argument("--no-doc", action="store_true", help="print only; do not update docs/benchmarks.md")
    return parser.parse_args()


def server_env(args) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REGIEKAMER_DATA_DIR": args.data_dir,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
        # The limits protect production; here one address and a handful of tokens are the whole load.
        "API_RATE_LIMIT": "1000000/minute",
        "API_ADDRESS_RATE_LIMIT": "1000000/minute",
    }


def manage_shell(env, code: str) -> dict:
    out = subprocess.run(  # noqa: S603 - our own fixed commands
        [str(RK), "shell", "-v", "0", "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def start_server(args, env):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "regiekamer.conf.wsgi",
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{args.port}",
        "--access-logfile",
        "/dev/null",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603 - our own fixed commands
    import urllib.request

    for _attempt in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/health/", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit("gunicorn did not come up: " + server.stderr.read().decode()[-2000:])


def server_memory_mb(server) -> float:
    """Resident memory of the gunicorn master and its workers."""
    pids = [str(server.pid)] + subprocess.run(  # noqa: S603 - our own fixed commands
        ["/usr/bin/pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+)", status.read_text())
            total += int(match.group(1)) if match else 0
    return total / 1024


def run(user_classes, args, host, seconds, on_warm=None) -> dict:
    # A stopped client finishes its request first: a report the server stored is then also counted as accepted.
    env = Environment(user_classes=user_classes, host=host, stop_timeout=60)
    runner = env.create_local_runner()
    runner.start(args.users, spawn_rate=args.users)
    started = time.monotonic()
    if on_warm is not None and 0 < args.warmup < seconds:
        gevent.sleep(args.warmup)
        on_warm()
        gevent.sleep(seconds - args.warmup)
    else:
        gevent.sleep(seconds)
    elapsed = time.monotonic() - started
    runner.stop()
    runner.quit()
    total = env.stats.total
    return {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": total.num_requests / elapsed,
        "p50": total.get_response_time_percentile(0.5),
        "p95": total.get_response_time_percentile(0.95),
        # What went wrong, by kind (status code or exception), so that a failed run says why.
        "errors": {
            f"{error.method} {error.name}: {error.error}": error.occurrences for error in env.stats.errors.values()
        },
        "per_name": {
            name: (entry.num_requests, entry.get_response_time_percentile(0.95))
            for (name, _method), entry in env.stats.entries.items()
        },
    }


def main():
    args = parse_args()
    env = server_env(args)
    setup = manage_shell(env, SETUP)
    server = start_server(args, env)
    host = f"http://127.0.0.1:{args.port}"
    accepted: list[str] = []
    wait = constant_throughput(args.rate / args.users) if args.rate else constant(0)

    class Health(FastHttpUser):
        wait_time = wait

        @task
        def health(self):
            self.client.get("/health/")

    class Partner(FastHttpUser):
        wait_time = wait

        def on_start(self):
            self.token = f"Token {random.choice(setup['partners'])}"

        @task
        def report(self):
            body = {
                "fenomenen": ["hennepteelt"],
                "omschrijving": "Belastingtest: hennepgeur en lampen.",
                "adressen": [{"postcode": "9901 AB", "huisnummer": random.randint(1, 400)}],
            }
            headers = {"Authorization": self.token, "Idempotency-Key": uuid.uuid4().hex}
            with self.client.post(
                "/api/v1/signalen", json=body, headers=headers, name="POST /api/v1/signalen", catch_response=True
            ) as response:
                if response.status_code == 201:
                    accepted.append(response.json()["id"])
                else:
                    response.failure(f"{response.status_code}: {response.text[:200]}")

    class Regisseur(FastHttpUser):
        wait_time = wait
        default_headers = {"Authorization": f"Token {setup['regisseur']}"}

        @task
        def worklist(self):
            self.client.get(f"/api/v1/signalen?page={random.randint(1, 3)}", name="GET /api/v1/signalen")

        @task
        def detail(self):
            self.client.get(f"/api/v1/signalen/{random.choice(setup['signalen'])}", name="GET /api/v1/signalen/{id}")

    try:
        memory_before = server_memory_mb(server)
        health = None if args.rate else run([Health], args, host, args.seconds)
        warm = []
        mix = run([Partner, Regisseur], args, host, args.seconds, on_warm=lambda: warm.append(server_memory_mb(server)))
        memory_after = server_memory_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=30)

    ids_file = Path(args.data_dir) / "load-accepted.json"
    ids_file.write_text(json.dumps(accepted))
    check = manage_shell({**env, "LOAD_ACCEPTED": str(ids_file)}, CHECK)
    audit = subprocess.run([str(RK), "audit", "verify"], env=env, capture_output=True, text=True)  # noqa: S603 - our own fixed commands
    exactly_once = check["gevonden"] == len(set(accepted)) == len(accepted)
    nothing_else = check["aantal"] - setup["aantal"] == len(accepted)
    result = {
        "health": health,
        "mix": mix,
        "accepted": len(accepted),
        "created": check["aantal"] - setup["aantal"],
        "exactly_once": exactly_once and nothing_else,
        "audit_verify": audit.returncode == 0,
        "memory_mb": (memory_before, memory_after),
        "memory_warm_mb": warm[0] if warm else None,
    }
    print(json.dumps(result, indent=2, default=str))
    if not args.no_doc:
        write_doc(args, result)
    if mix["failures"] or not result["exactly_once"] or not result["audit_verify"]:
        sys.exit(1)


def write_doc(args, result):
    mix, health = result["mix"], result["health"]
    title = "API soak" if args.rate else "API load"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"## {title} (`scripts/load.py`)",
        "",
        f"{dt.date.today().isoformat()}, {machine}; gunicorn with {args.workers} workers on loopback, "
        f"{args.users} clients for {args.seconds} s"
        + (f" at a fixed {args.rate:g} requests/s" if args.rate else "")
        + "; half partner systems reporting signals, half a regisseur reading the worklist and signals.",
        "",
        "| Measurement | Result |",
        "|---|---|",
    ]
    if health:
        lines.append(f"| `/health/` alone | {health['rps']:.0f} requests/s, p95 {health['p95']:.0f} ms |")
    lines += [
        f"| The mix | {mix['rps']:.1f} requests/s, p50 {mix['p50']:.0f} ms, p95 {mix['p95']:.0f} ms, "
        f"{mix['failures']} errors in {mix['requests']} requests |",
    ]
    for name, (count, p95) in sorted(mix["per_name"].items()):
        lines.append(f"| {name} | {count} requests, p95 {p95:.0f} ms |")
    for error, occurrences in sorted(mix["errors"].items()):
        lines.append(f"| Error: {error} | {occurrences} |")
    before, after = result["memory_mb"]
    lines += [
        f"| Accepted signals present exactly once, nothing else added | "
        f"{'yes' if result['exactly_once'] else 'NO'} ({result['accepted']}) |",
        f"| `audit verify` afterwards | {'passed' if result['audit_verify'] else 'FAILED'} |",
        f"| Server memory (master and workers) | {before:.0f} MB before, {after:.0f} MB after "
        f"({(after - before) / before * 100 if before else 0:+.1f} %) |",
    ]
    if result["memory_warm_mb"]:
        warm = result["memory_warm_mb"]
        lines.append(
            f"| Server memory from the warmed-up baseline ({args.warmup} s into the mix) | {warm:.0f} MB, then "
            f"{after:.0f} MB at the end ({(after - warm) / warm * 100:+.1f} %) |"
        )
    lines.append("")
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    section = re.compile(rf"\n## {re.escape(title)} \(`scripts/load.py`\)\n.*?(?=\n## |\Z)", re.S)
    text = section.sub("", text).rstrip() + "\n\n" + "\n".join(lines)
    DOC.write_text(text)


if __name__ == "__main__":
    main()
