from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from regiekamer.core.ids import parse_uuid
from regiekamer.notifications import selectors, services


@require_GET
@login_required
def notificaties(request):
    context = {"notificaties": selectors.notificaties_van(request.user)}
    return render(request, "notifications/notificaties.html", context)


@require_POST
@login_required
def gelezen(request, pk):
    if not services.mark_read(request.user, parse_uuid(pk)):
        raise Http404
    return redirect("notificaties")
