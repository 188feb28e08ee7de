"""Web pages of bulk intake: upload a file, follow its progress, download the result, map the columns."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.core.forms import error_summary
from regiekamer.importen import formaat, selectors, services, vroegsignalering
from regiekamer.importen.forms import ImportForm, KolomindelingForm
from regiekamer.importen.models import Import
from regiekamer.signalen import selectors as signaal_selectors
from regiekamer.signalen.selectors import status_for_reporter

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
@capability_required(permissions.IMPORT_SIGNALS)
def lijst(request):
    organisaties = list(services.organisaties_voor(request.user))
    form = ImportForm(request.POST or None, request.FILES or None, organisaties=organisaties)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["bestand"]
            try:
                if upload.size > settings.IMPORT_MAX_BYTES:
                    raise InvalidInput.field(
                        "bestand",
                        _("Het bestand is te groot (maximaal %(mb)s MB).")
                        % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
                    )
                import_obj = services.nieuw_import(
                    request.user,
                    upload.read(),
                    upload.name,
                    Import.Kanaal.WEB,
                    organisatie=form.cleaned_data.get("organisatie") or None,
                )
            except (InvalidInput, NotAllowed) as error:
                params = getattr(error, "invalid_params", None) or [{"name": "bestand", "reason": str(error)}]
                for param in params:
                    form.add_error("bestand" if param.get("name") != "organisatie" else "organisatie", param["reason"])
            else:
                messages.success(request, _("Het bestand is ontvangen en wordt verwerkt."))
                return redirect("importen:detail", pk=import_obj.pk)
        status = 400
    page_obj = Paginator(selectors.importen(request.user).order_by("-aangemaakt_op"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page_obj,
        "error_summary": error_summary(form),
        "kolommen": formaat.KOLOMMEN,
        "kan_kiezen": len(organisaties) > 1,
    }
    return render(request, "importen/lijst.html", context, status=status)


@require_GET
@capability_required(permissions.IMPORT_SIGNALS)
def detail(request, pk):
    import_obj = selectors.get_import(request.user, pk)
    return render(request, "importen/detail.html", {"import": import_obj})


@require_GET
@capability_required(permissions.IMPORT_SIGNALS)
def voortgang(request, pk):
    """HTMX: the progress block, polled every two seconds while the import runs."""
    import_obj = selectors.get_import(request.user, pk)
    return render(request, "importen/_voortgang.html", {"import": import_obj})


@require_GET
@capability_required(permissions.IMPORT_SIGNALS)
def resultaat(request, pk):
    import_obj = selectors.resultaat(request.user, pk)
    if import_obj.status != Import.Status.KLAAR:
        return HttpResponse(_("Het resultaat is er zodra de import klaar is."), status=409, content_type="text/plain")
    response = StreamingHttpResponse(services.resultaat_regels(import_obj), content_type="text/csv; charset=utf-8")
    naam = f"importresultaat-{timezone.localtime(import_obj.aangemaakt_op):%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@require_http_methods(["GET", "POST"])
@capability_required(permissions.IMPORT_SIGNALS)
def kolommen(request):
    """The organisation's column mapping: which header of its files holds which column of the format."""
    organisaties = list(services.organisaties_voor(request.user))
    gekozen = request.POST.get("organisatie") or request.GET.get("organisatie") or str(request.user.organisatie.pk)
    organisatie = next((o for o in organisaties if str(o.pk) == gekozen), None) or request.user.organisatie
    form = KolomindelingForm(request.POST or None, initial=services.kolomindeling_van(organisatie))
    if request.method == "POST" and form.is_valid():
        services.bewaar_kolomindeling(request.user, organisatie, form.cleaned_data)
        messages.success(request, _("De kolomindeling is bewaard; zij geldt voor elk volgend bestand."))
        return redirect(f"{request.path}?organisatie={organisatie.pk}")
    context = {"form": form, "organisatie": organisatie, "organisaties": organisaties, "kolommen": formaat.KOLOMMEN}
    return render(request, "importen/kolommen.html", context)


@require_POST
@capability_required(permissions.RECORD_WEGING)
def terugkoppeling(request, pk):
    """Record the outcome of a vroegsignalering signal for its creditors (from the signal's page)."""
    signaal = signaal_selectors.get_signaal(request.user, pk, log=False)
    try:
        aantal = vroegsignalering.leg_terugkoppeling_vast(request.user, signaal, request.POST.get("terugkoppeling", ""))
    except InvalidInput as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Terugkoppeling vastgelegd voor %(aantal)s schuldeiser(s).") % {"aantal": aantal})
    return redirect(f"/signalen/{signaal.pk}/#vroegsignalering")


@require_GET
@capability_required(permissions.IMPORT_SIGNALS)
def terugkoppelingen(request):
    """The creditor's view of its arrears reports: status only."""
    queryset = selectors.terugkoppelingen(request.user).order_by("-gemeld_op")
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(regel, status_for_reporter(regel.signaal)) for regel in page_obj.object_list]
    audit.log_lijst(request.user, "importen.terugkoppeling", "signaal", [regel.signaal for regel in page_obj])
    return render(request, "importen/terugkoppelingen.html", {"page_obj": page_obj, "rows": rows})
