from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regiekamer import __version__


@never_cache
@require_GET
def health(request):
    """200 when the application and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor, "version": __version__})


@never_cache
@require_GET
def ready(request):
    """200 when this process can serve: the database answers with every migration applied, the attachment folder
    is writable and the cache answers. 503 otherwise, naming what is not ready (no detail beyond that). For a load
    balancer's readiness probe; ``/health/`` stays the cheap liveness check."""
    import os

    from django.conf import settings
    from django.db.migrations.executor import MigrationExecutor

    checks = {}
    try:
        executor = MigrationExecutor(connection)
        checks["database"] = "ok"
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else "pending"
    except DatabaseError:
        checks["database"] = "error"
        checks["migrations"] = "unknown"
    folder = settings.PRIVATE_MEDIA_ROOT
    try:
        os.makedirs(folder, exist_ok=True)  # made on the first upload anyway; missing and impossible is the failure
        writable = os.access(folder, os.W_OK)
    except OSError:
        writable = False
    checks["attachments"] = "ok" if writable else "not writable"
    checks["cache"] = "ok" if _cache_answers() else "error"
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ready" if ok else "not ready", **checks}, status=200 if ok else 503)


def _cache_answers() -> bool:
    """The rate limits' cache keeps what is put in it (a shared cache: its table or server is there)."""
    import contextlib
    import uuid

    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import transaction

    cache = caches["default"]
    # A database cache without its table fails inside a savepoint of its own, not the rest of the request; another
    # cache does not touch the database, so a database that is down is reported as that alone.
    guard = transaction.atomic() if isinstance(cache, DatabaseCache) else contextlib.nullcontext()
    # A key per check: probes of other processes and servers at the same moment write their own.
    key, value = f"regiekamer:ready:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        with guard:
            cache.set(key, value, 10)
            answers = cache.get(key) == value
            cache.delete(key)
            return answers
    except Exception:  # noqa: BLE001 - whatever the backend raises, the answer is "not ready"
        return False


@require_GET
@login_required
def begrippen(request):
    """The terms of art in Dutch, for every signed-in user: no personal data."""
    from regiekamer.core.begrippen import BEGRIPPEN

    return render(request, "core/begrippen.html", {"begrippen": BEGRIPPEN})
