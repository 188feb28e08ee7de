"""Web pages: the profile of a subject, its network (graph and tables) and the network's GEXF/GraphML export.
The views only translate between HTTP and ``selectors``; need to know and logging are decided there."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.analyse.pseudonyms import soort_of
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.core.forms import UtrechtFormMixin, error_summary
from regiekamer.identiteit import selectors as identiteit_selectors
from regiekamer.netwerk import export, selectors

TEXT = "text/plain; charset=utf-8"


class NetwerkForm(UtrechtFormMixin, forms.Form):
    """The parameters of a network page. Validation is ``selectors.parse_params`` (the same as the API); this
    form only renders the fields and carries its errors."""

    subject = forms.CharField(
        label=gettext_lazy("Pseudoniem"),
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld P-1A2B3C4D5E6F (persoon), A-… (adres), O-… (onderneming)."),
    )
    diepte = forms.ChoiceField(
        label=gettext_lazy("Diepte"),
        choices=[(str(d), str(d)) for d in selectors.DIEPTES],
        required=False,
        initial=str(selectors.STANDAARD_DIEPTE),
        help_text=gettext_lazy("Het aantal stappen vanaf het subject (1 tot en met 3)."),
    )
    verplicht = frozenset({"subject"})

    def __init__(self, *args, pseudoniem_invoer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not pseudoniem_invoer:
            self.fields["subject"].widget = forms.HiddenInput()


def _subject_param(request, weergave) -> str:
    """An analyst may type a bare pseudonym (``P-…``); its kind follows from the prefix."""
    value = request.GET.get("subject", "").strip()
    if weergave == selectors.PSEUDONIEM and ":" not in value:
        soort = soort_of(value.upper())
        if soort in selectors.MODELS:
            return f"{soort}:{value}"
    return value


def _graaf_data(netwerk) -> dict:
    """What the graph script draws (a JSON data island): no more than the tables below it show."""
    start = netwerk.start.id
    return {
        "nodes": [
            {
                "id": k.id,
                "label": k.label,
                "soort": k.soort,
                "soortLabel": k.soort_label,
                "afstand": k.afstand,
                "cluster": k.cluster,
                "kleur": k.kleur,
                "verbinder": k.verbinder,
                "gedeeld": k.gedeeld,
                "start": k.id == start,
                "profiel": k.profiel_url,
                "netwerk": k.netwerk_url,
            }
            for k in netwerk.knopen
        ],
        "edges": [
            {"id": f"e{index}", "bron": v.bron, "doel": v.doel, "soort": v.soort, "reden": v.reden}
            for index, v in enumerate(netwerk.verbindingen)
        ],
    }


def _export_url(netwerk, formaat: str) -> str:
    query = urlencode({"subject": netwerk.subject, "diepte": netwerk.diepte, "formaat": formaat})
    return f"{reverse('netwerk:export')}?{query}"


@require_GET
@capability_required(*selectors.NETWERK_CAPABILITIES)
def netwerk(request):
    weergave = selectors.weergave_voor(request.user)
    if weergave is None:
        raise PermissionDenied
    pseudoniem_invoer = weergave == selectors.PSEUDONIEM
    context = {"weergave": weergave, "pseudoniem_invoer": pseudoniem_invoer}
    if "subject" not in request.GET:
        context["form"] = NetwerkForm(pseudoniem_invoer=pseudoniem_invoer)
        return render(request, "netwerk/start.html", context)
    form = NetwerkForm(request.GET, pseudoniem_invoer=pseudoniem_invoer)
    form.is_valid()
    try:
        result = selectors.netwerk(request.user, _subject_param(request, weergave), request.GET.get("diepte"))
    except NotAllowed:
        raise PermissionDenied from None
    except InvalidInput as error:
        for param in error.invalid_params:
            # The subject is a visible field for analysts only; for the others it is a hidden field.
            shown = param["name"] == "diepte" or (param["name"] == "subject" and pseudoniem_invoer)
            form.add_error(param["name"] if shown else None, param["reason"])
        context.update(form=form, error_summary=error_summary(form))
        return render(request, "netwerk/start.html", context, status=400)
    context.update(
        form=NetwerkForm(
            initial={"subject": result.subject, "diepte": str(result.diepte)}, pseudoniem_invoer=pseudoniem_invoer
        ),
        netwerk=result,
        graaf=_graaf_data(result),
        export_gexf=_export_url(result, "gexf"),
        export_graphml=_export_url(result, "graphml"),
        toon_profielen=weergave == selectors.VOLLEDIG,
    )
    return render(request, "netwerk/netwerk.html", context)


@require_GET
@capability_required(*selectors.NETWERK_CAPABILITIES)
def netwerk_export(request):
    """The network as GEXF or GraphML for Gephi: the same network and need to know as the page, logged as export."""
    formaat = request.GET.get("formaat", "")
    if formaat not in export.FORMATEN:
        return HttpResponse(_("Kies het formaat gexf of graphml."), status=400, content_type=TEXT)
    try:
        result = selectors.netwerk(
            request.user, request.GET.get("subject", ""), request.GET.get("diepte"), handeling="netwerk.export"
        )
    except NotAllowed:
        raise PermissionDenied from None
    except InvalidInput as error:
        reasons = " ".join(param["reason"] for param in error.invalid_params)
        return HttpResponse(reasons, status=400, content_type=TEXT)
    content, media_type = export.schrijf(result, formaat)
    response = HttpResponse(content, content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netwerk-diepte-{result.diepte}.{formaat}"'
    return response


@require_GET
@capability_required(permissions.VIEW_SUBJECTS)
def profiel(request, soort, pk):
    # A person merged into another: its profile is that of the remaining person.
    doel = identiteit_selectors.doorverwijzing(request.user.gemeente, pk) if soort == "persoon" else None
    if doel is not None:
        messages.info(request, _("Deze persoon is samengevoegd met de persoon hieronder."))
        return redirect("netwerk:profiel", soort="persoon", pk=doel)
    try:
        result = selectors.profiel(request.user, soort, pk)
    except NotAllowed:
        raise PermissionDenied from None
    context = {
        "profiel": result,
        "subject": result.subject,
        "netwerk_urls": [(d, selectors.netwerk_url(result.netwerk_id, d)) for d in selectors.DIEPTES],
    }
    if soort == "persoon":
        context["identiteit"] = identiteit_selectors.profiel(request.user, result.subject)
        context["can_merge"] = permissions.has_capability(request.user, permissions.MERGE_PERSONS)
    return render(request, "netwerk/profiel.html", context)
