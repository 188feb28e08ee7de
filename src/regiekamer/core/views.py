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


@require_GET
@login_required
def begrippen(request):
    """The terms of art in Dutch, for every signed-in user: no personal data."""
    from regiekamer.core.begrippen import BEGRIPPEN

    return render(request, "core/begrippen.html", {"begrippen": BEGRIPPEN})
