#!/usr/bin/env bash
# Install what the tests need and run the whole suite, browser tests included: on a throwaway PostgreSQL cluster
# started here and on SQLite, side by side. Browser tests drive Debian's Chromium through Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

# The same virtual environment as the demo command in the README.
[ -x .venv/bin/python ] || python3 -m venv .venv
py=.venv/bin/python
"$py" -m pip install --quiet --disable-pip-version-check -e ".[test]"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests..."
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "WARNING: Chromium could not be installed; browser tests will be skipped."
fi

# WeasyPrint (the PDF of a meeting's agenda and minutes) needs Pango.
# (grep without -q reads all input: under pipefail an early exit would fail ldconfig with SIGPIPE)
if ! ldconfig -p 2>/dev/null | grep libpangoft2 >/dev/null; then
  echo "Installing Pango for WeasyPrint..."
  (as_root apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null) \
    || echo "WARNING: Pango could not be installed; the PDF tests will fail."
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  echo "Installing PostgreSQL server binaries..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# initdb refuses to run as root: as root, the cluster belongs to the postgres system user.
pg_dir=$(mktemp -d /tmp/regiekamer-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_dir"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
stop_pg() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-k $pg_dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started on socket $pg_dir"

export REGIEKAMER_DATA_DIR="$pg_dir/data-dir"
status=0

echo "=== Static security scan (bandit, medium severity and higher) ==="
bandit_status=0
"$py" -m bandit -c pyproject.toml -r src -ll -q || bandit_status=$?
if [ "$bandit_status" = 0 ]; then
  echo "bandit: no unjustified findings of medium severity or higher"
else
  echo "bandit: findings above (exit status $bandit_status)"
  status=$bandit_status
fi

# The suites run last, side by side: each pytest process keeps one core busy, and the two together finish in
# little more than the longer one takes. Each has its own data folder. The PostgreSQL run prints as it goes; the
# SQLite run's output follows it, so the output ends with pytest's summary.
sqlite_out="$pg_dir/sqlite.out"
(
  sqlite_status=0
  REGIEKAMER_DATA_DIR="$pg_dir/data-sqlite" "$py" -m pytest -p no:cacheprovider "$@" >"$sqlite_out" 2>&1 \
    || sqlite_status=$?
  echo "$sqlite_status" >"$pg_dir/sqlite.status"
) &
sqlite_pid=$!

echo "=== Test suite on PostgreSQL ==="
REGIEKAMER_DATA_DIR="$pg_dir/data-postgresql" \
  DATABASE_URL="postgres://postgres@$("$py" -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$pg_dir")/regiekamer" \
  "$py" -m pytest -p no:cacheprovider "$@" || status=$?

wait "$sqlite_pid" || true
echo "=== Test suite on SQLite ==="
cat "$sqlite_out"
sqlite_status=$(cat "$pg_dir/sqlite.status" 2>/dev/null || echo 1)
[ "$sqlite_status" = 0 ] || status=$sqlite_status

exit "$status"
