"""Web pages for case meetings: list, planning, the agenda with minutes per case, the print view and
the PDF. Views only translate between HTTP and the services; what a participant may see comes from
``agenda_for`` and ``may_view_overleg``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import DomainError
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.overleggen import services
from regiekamer.overleggen.forms import (
    ACTIEPUNT_FIELDS,
    ActiepuntFormSet,
    AgendapuntForm,
    NotulenForm,
    OverlegForm,
    actiepunt_options,
)
from regiekamer.overleggen.models import Agendapunt, Overleg
from regiekamer.overleggen.pdf import agenda_items, render_minutes_html, render_minutes_pdf

PAGE_SIZE = 50


def zichtbare_overleggen(user):
    """The regisseur side sees every meeting of its gemeente; anyone else the meetings they are invited to."""
    if user.gemeente is None:
        return Overleg.objects.none()
    queryset = Overleg.objects.filter(gemeente=user.gemeente).select_related("voorzitter__organisatie")
    if permissions.has_capability(user, permissions.VIEW_CASES):
        return queryset
    return queryset.filter(Q(deelnemers=user) | Q(voorzitter=user)).distinct()


def _get_overleg(user, pk) -> Overleg:
    """A meeting the user may see; 404 otherwise (also for another gemeente's meeting)."""
    if user.gemeente is None:
        raise Http404
    overleg = get_object_or_404(
        Overleg.objects.select_related("gemeente", "voorzitter__organisatie"), gemeente=user.gemeente, pk=pk
    )
    if not services.may_view_overleg(user, overleg):
        raise Http404
    return overleg


def _log_copy(user, handeling: str, overleg, items) -> None:
    """Log a view of a meeting: the meeting, and the cases of the viewer's copy of agenda and minutes."""
    audit.log(user, Actie.LEZEN, handeling, "overleg", [overleg])
    audit.log_lijst(user, handeling, "casus", [item["punt"].casus_id for item in items])


def _may_manage(user) -> bool:
    return permissions.has_capability(user, permissions.MANAGE_CASES)


# --- List and planning ------------------------------------------------------------------------


@require_GET
@login_required
def lijst(request):
    overleggen = zichtbare_overleggen(request.user)
    now = timezone.now()
    komend = overleggen.filter(datum__gte=now).order_by("datum")
    eerder = Paginator(overleggen.filter(datum__lt=now).order_by("-datum"), PAGE_SIZE).get_page(request.GET.get("page"))
    komend = list(komend)
    audit.log_lijst(request.user, "overleggen.lijst", "overleg", [*komend, *eerder.object_list])
    context = {"komend": komend, "page_obj": eerder, "eerder": eerder.object_list}
    return render(request, "overleggen/lijst.html", context)


def _nieuw_response(request, form, status=200):
    context = {"form": form, "error_summary": error_summary(form)}
    return render(request, "overleggen/nieuw.html", context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_CASES)
def nieuw(request):
    gemeente = request.user.gemeente
    if request.method == "GET":
        return _nieuw_response(request, OverlegForm(gemeente=gemeente))
    form = OverlegForm(request.POST, gemeente=gemeente)
    if not form.is_valid():
        return _nieuw_response(request, form, status=400)
    data = form.cleaned_data
    try:
        overleg = services.plan_overleg(
            request.user, data["soort"], data["titel"], form.aanvang(), list(data["deelnemers"])
        )
    except DomainError as error:
        # The service names the moment "datum"; the form asks for date and time separately.
        add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
        return _nieuw_response(request, form, status=error.status_code)
    messages.success(request, _("Overleg gepland: %(titel)s.") % {"titel": overleg.titel})
    return redirect("overleggen:detail", pk=overleg.pk)


# --- Detail with agenda and minutes -------------------------------------------------------------


def _notulen_forms(punt, index, data=None, options=None):
    prefix = f"punt{index}"
    form = NotulenForm(
        data, prefix=prefix, initial={"notulen": punt.notulen, "besluiten": punt.besluiten} if data is None else None
    )
    form.summary_prefix = punt.casus.nummer
    formset = ActiepuntFormSet(data, prefix=f"{prefix}-actie", casus=punt.casus, options=options)
    for number, row in enumerate(formset.forms, start=1):
        row.summary_prefix = _("%(nummer)s, actiepunt %(n)s") % {"nummer": punt.casus.nummer, "n": number}
    return form, formset


def _render_detail(request, overleg, *, bound=None, toevoegen_form=None, status=200):
    """The meeting page. ``bound`` is ``(punt_id, form, formset)`` of a refused minutes form."""
    may_manage = _may_manage(request.user)
    items = agenda_items(request.user, overleg)
    _log_copy(request.user, "overleg.detail", overleg, items)
    summary = []
    options = actiepunt_options(overleg.gemeente) if may_manage and items else None
    for index, item in enumerate(items, start=1):
        item["index"] = index
        if not may_manage:
            continue
        if bound is not None and bound[0] == item["punt"].pk:
            item["form"], item["formset"] = bound[1], bound[2]
            item["open"] = True
        else:
            item["form"], item["formset"] = _notulen_forms(item["punt"], index, options=options)
            item["open"] = False
        summary += error_summary(item["form"], item["formset"], form_anchor=f"punt-{item['punt'].pk}")
    if may_manage and toevoegen_form is None:
        toevoegen_form = AgendapuntForm(overleg=overleg)
    summary = error_summary(toevoegen_form, form_anchor="casus-toevoegen") + summary if toevoegen_form else summary
    context = {
        "overleg": overleg,
        "deelnemers": overleg.deelnemers.select_related("organisatie").order_by("last_name", "first_name"),
        "items": items,
        "may_manage": may_manage,
        "toevoegen_form": toevoegen_form,
        "error_summary": summary,
    }
    return render(request, "overleggen/detail.html", context, status=status)


@require_GET
@login_required
def detail(request, pk):
    return _render_detail(request, _get_overleg(request.user, pk))


@require_POST
@capability_required(permissions.MANAGE_CASES)
def agenda_opstellen(request, pk):
    overleg = _get_overleg(request.user, pk)
    try:
        added = services.build_agenda(request.user, overleg)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("overleggen:detail", pk=overleg.pk)
    if added:
        messages.success(
            request,
            ngettext("%(aantal)d casus op de agenda gezet.", "%(aantal)d casussen op de agenda gezet.", len(added))
            % {"aantal": len(added)},
        )
    else:
        messages.info(request, _("Er zijn geen andere casussen die besproken moeten worden."))
    return redirect(reverse("overleggen:detail", kwargs={"pk": overleg.pk}) + "#agenda")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def casus_toevoegen(request, pk):
    overleg = _get_overleg(request.user, pk)
    form = AgendapuntForm(request.POST, overleg=overleg)
    if not form.is_valid():
        return _render_detail(request, overleg, toevoegen_form=form, status=400)
    casus = form.casus_obj(overleg)
    if casus is None:
        form.add_error("casus", _("Kies een open casus."))
        return _render_detail(request, overleg, toevoegen_form=form, status=400)
    reden = form.cleaned_data.get("reden") or Agendapunt.Reden.AANGEVRAAGD
    try:
        punt = services.add_agendapunt(request.user, overleg, casus, reden)
    except DomainError as error:
        add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
        return _render_detail(request, overleg, toevoegen_form=form, status=error.status_code)
    messages.success(request, _("Casus %(nummer)s staat op de agenda.") % {"nummer": casus.nummer})
    return redirect(reverse("overleggen:detail", kwargs={"pk": overleg.pk}) + f"#punt-{punt.pk}")


def _notulen_resolver(form, formset, filled):
    """Service field names onto the forms: "notulen"/"besluiten" on the minutes, an action point's
    fields (with the position among the filled rows) on its row."""

    def resolve(name):
        head, _sep, rest = name.partition(".")
        if head == "actiepunten" and rest:
            position, _sep, field = rest.partition(".")
            if not position.isdigit() or int(position) >= len(filled):
                return None
            row = formset.forms[filled[int(position)]]
            field = ACTIEPUNT_FIELDS.get(field, field)
            return (row, field if field in row.fields else None)
        return (form, name) if name in form.fields else None

    return resolve


@require_POST
@capability_required(permissions.MANAGE_CASES)
def notulen(request, pk, punt_pk):
    overleg = _get_overleg(request.user, pk)
    found = [(i, p) for i, p in enumerate(services.agenda_for(request.user, overleg), start=1) if p.pk == punt_pk]
    if not found:
        raise Http404
    index, punt = found[0]
    form, formset = _notulen_forms(punt, index, request.POST)
    bound = (punt.pk, form, formset)
    if not (form.is_valid() and formset.is_valid()):
        return _render_detail(request, overleg, bound=bound, status=400)
    filled = [position for position, _row in formset.filled_forms()]
    actiepunten = [formset.forms[position].to_invoer() for position in filled]
    try:
        services.record_notulen(
            request.user, punt, form.cleaned_data["notulen"], form.cleaned_data["besluiten"], actiepunten
        )
    except DomainError as error:
        params = [
            {**param, "name": f"actiepunten.{param['actiepunt']}.{param.get('name', '')}"}
            if "actiepunt" in param
            else param
            for param in (error.invalid_params or [{"reason": error.message}])
        ]
        add_invalid_params(params, _notulen_resolver(form, formset, filled), form)
        return _render_detail(request, overleg, bound=bound, status=error.status_code)
    messages.success(
        request,
        ngettext(
            "Notulen vastgelegd voor casus %(nummer)s, met %(aantal)d actiepunt.",
            "Notulen vastgelegd voor casus %(nummer)s, met %(aantal)d actiepunten.",
            len(actiepunten),
        )
        % {"nummer": punt.casus.nummer, "aantal": len(actiepunten)},
    )
    return redirect(reverse("overleggen:detail", kwargs={"pk": overleg.pk}) + f"#punt-{punt.pk}")


# --- Print view and PDF -------------------------------------------------------------------------


@require_GET
@login_required
def afdruk(request, pk):
    overleg = _get_overleg(request.user, pk)
    _log_copy(request.user, "overleg.afdruk", overleg, agenda_items(request.user, overleg))
    return HttpResponse(render_minutes_html(request.user, overleg, pdf=False, request=request))


@require_GET
@login_required
def pdf(request, pk):
    overleg = _get_overleg(request.user, pk)
    content = render_minutes_pdf(overleg, request.user)
    # The PDF is this viewer's own copy: logged for them, with the cases it holds.
    _log_copy(request.user, "overleg.pdf", overleg, agenda_items(request.user, overleg))
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"overleg-{timezone.localtime(overleg.datum).date().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
