"""The privacyfunctionaris' report "Verstrekkingen aan een organisatie": every sharing decision to one
organisation and the logged reads of case data by its users within a period. Shows the decision texts
and the log, no other case content."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.core.forms import error_summary
from regiekamer.delen import selectors
from regiekamer.delen.forms import VerstrekkingenForm

DOEL_TOEZICHT = "toezicht op de verwerking van persoonsgegevens"
GRONDSLAG_TOEZICHT = "art. 39 AVG (taken van de functionaris gegevensbescherming)"
STANDAARD_PERIODE_DAGEN = 90
MAX_LEESACTIES = 500


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _casus_numbers(gemeente, leesacties) -> dict:
    """Case numbers of the case ids in the log entries (only the numbers: no case content)."""
    from regiekamer.casussen.models import Casus

    ids = {object_id for entry in leesacties if entry.objecttype == "casus" for object_id in entry.object_ids}
    return {
        str(pk): nummer
        for pk, nummer in Casus.objects.filter(gemeente=gemeente, pk__in=ids).values_list("pk", "nummer")
    }


@require_http_methods(["GET", "POST"])
@capability_required(permissions.VIEW_PROCESSING_LOG)
def verstrekkingen(request):
    """GET: the form. POST: the decisions to the chosen organisation and its users' reads in the period."""
    gemeente = request.user.gemeente
    vandaag = timezone.localdate()
    initial = {"van": vandaag - dt.timedelta(days=STANDAARD_PERIODE_DAGEN), "tot": vandaag}
    form = VerstrekkingenForm(request.POST if request.method == "POST" else None, gemeente=gemeente, initial=initial)
    context = {"form": form, "organisatie": None}
    status = 200
    if form.is_bound:
        if form.is_valid():
            organisatie = form.cleaned_data["organisatie"]
            van = form.cleaned_data["van"] or initial["van"]
            tot = form.cleaned_data["tot"] or vandaag
            besluiten = list(selectors.decisions_to(organisatie))
            leesacties = list(selectors.reads_by(organisatie, _moment(van), _moment(tot + dt.timedelta(days=1))))
            audit.log_lijst(
                request.user,
                "verwerkingen.verstrekkingen",
                "delingsbesluit",
                besluiten,
                doel=DOEL_TOEZICHT,
                grondslag=GRONDSLAG_TOEZICHT,
            )
            context.update(
                nummers=_casus_numbers(gemeente, leesacties[:MAX_LEESACTIES]),
                organisatie=organisatie,
                van=van,
                tot=tot,
                besluiten=besluiten,
                leesacties=leesacties[:MAX_LEESACTIES],
                meer_leesacties=len(leesacties) > MAX_LEESACTIES,
            )
        else:
            status = 400
    context["error_summary"] = error_summary(form) if form.is_bound else None
    return render(request, "delen/verstrekkingen.html", context, status=status)
