#!/usr/bin/env bash
# Backup-and-restore drill, as docs/operations.md prescribes it, on this machine:
#   1. a throwaway PostgreSQL cluster with the demo data and one encrypted attachment;
#   2. the backup: pg_dump -Fc, then the data folder with the attachments (the keys come from the environment, as
#      from a secret store, and are kept apart);
#   3. the restore into a second, fresh cluster and a fresh data folder;
#   4. the checks: the same number of rows in every table, `regiekamer audit verify`, and the attachment opens with
#      the same content.
# It prints how long each part took. Needs the PostgreSQL 15 binaries; runs as root through the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
py=".venv/bin/python"
rk=".venv/bin/regiekamer"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
work="$(mktemp -d /tmp/regiekamer-drill.XXXXXX)"
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_cluster() {  # $1: name
  mkdir -p "$work/$1" && chown postgres "$work/$1" 2>/dev/null || true
  as_pg "$pg_bin/initdb" -D "$work/$1/data" -A trust -U postgres -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/$1/data" -l "$work/$1/log" -w -o "-k $work/$1 -c listen_addresses=''" start >/dev/null
  as_pg "$pg_bin/createdb" -h "$work/$1" -U postgres regiekamer
}
stop_all() {
  for name in bron herstel; do
    [ -d "$work/$name/data" ] && as_pg "$pg_bin/pg_ctl" -D "$work/$name/data" -m fast stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap stop_all EXIT
url() { echo "postgres://postgres@$("$py" -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$work/$1")/regiekamer"; }
seconds() { date +%s.%N; }
took() { "$py" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(seconds)"; }

export LOG_FORMAT=text LOG_LEVEL=WARNING ALLOWED_HOSTS=localhost
# As in production: the keys come from a secret store, not from the data folder, and are backed up apart from it.
key() { "$py" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'; }
export REGIEKAMER_ENCRYPTION_KEYS="$(key)" REGIEKAMER_BLIND_INDEX_KEY="$(key)" SECRET_KEY="drill-$(key)"
COUNT_ROWS='
import json
from django.apps import apps
print(json.dumps({m._meta.db_table: m._base_manager.count() for m in apps.get_models() if m._meta.managed}))'

echo "== 1. Source: demo data and one attachment"
start_cluster bron
export DATABASE_URL="$(url bron)" REGIEKAMER_DATA_DIR="$work/bron/data-dir"
"$rk" migrate -v 0
"$rk" seed_demo --force >/dev/null
"$rk" shell -v 0 -c '
import hashlib
from django.core.files.uploadedfile import SimpleUploadedFile
from regiekamer.accounts.models import User
from regiekamer.signalen.models import Signaal
from regiekamer.signalen.services import add_bijlage
regisseur = User.objects.get(username="regisseur")
signaal = Signaal.objects.filter(gemeente=regisseur.gemeente).first()
inhoud = b"Proces-verbaal van de controle, oefening terugzetten.\n" * 50
bijlage = add_bijlage(regisseur, signaal, SimpleUploadedFile("oefening.txt", inhoud, content_type="text/plain"))
open("'"$work"'/bijlage", "w").write(f"{bijlage.pk} {hashlib.sha256(inhoud).hexdigest()}")'
"$rk" shell -v 0 -c "$COUNT_ROWS" > "$work/rijen-bron.json"

echo "== 2. Backup"
begin=$(seconds)
pg_dump_start=$(seconds)
as_pg "$pg_bin/pg_dump" -Fc -h "$work/bron" -U postgres regiekamer > "$work/db.dump"
echo "pg_dump: $(took "$pg_dump_start"), $(du -h "$work/db.dump" | cut -f1)"
tar -C "$work/bron" -czf "$work/data-dir.tgz" data-dir
echo "data folder (attachments): $(du -h "$work/data-dir.tgz" | cut -f1); the keys are backed up apart"
echo "backup took $(took "$begin")"

echo "== 3. Restore into a fresh cluster and folder"
begin=$(seconds)
start_cluster herstel
as_pg "$pg_bin/pg_restore" --no-owner -h "$work/herstel" -U postgres --dbname=regiekamer < "$work/db.dump"
mkdir -p "$work/herstel-dir" && tar -C "$work/herstel-dir" -xzf "$work/data-dir.tgz"
echo "restore took $(took "$begin")"

echo "== 4. Checks on the restored copy"
export DATABASE_URL="$(url herstel)" REGIEKAMER_DATA_DIR="$work/herstel-dir/data-dir"
"$rk" shell -v 0 -c "$COUNT_ROWS" > "$work/rijen-herstel.json"
"$py" - "$work/rijen-bron.json" "$work/rijen-herstel.json" <<'PY'
import json, sys
bron, herstel = (json.load(open(path)) for path in sys.argv[1:3])
verschil = {tabel: (bron[tabel], herstel.get(tabel)) for tabel in bron if bron[tabel] != herstel.get(tabel)}
if verschil:
    sys.exit(f"row counts differ: {verschil}")
print(f"row counts equal in all {len(bron)} tables ({sum(bron.values())} rows)")
PY
"$rk" audit verify
"$rk" shell -v 0 -c '
import hashlib
from regiekamer.signalen.models import Bijlage
pk, verwacht = open("'"$work"'/bijlage").read().split()
bijlage = Bijlage.objects.get(pk=pk)
inhoud = bijlage.bestand.read_decrypted()  # as the download does: with the restored key
assert hashlib.sha256(inhoud).hexdigest() == verwacht, "the attachment differs"
print(f"attachment {bijlage.bestandsnaam} opens and is unchanged ({len(inhoud)} bytes)")'
echo "== Drill passed"
