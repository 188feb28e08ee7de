"""Web pages for signals: worklist, search, detail with the protocol forms, reporting and the
reporter's status view. Views only translate between HTTP and the services/selectors."""

import dataclasses
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.accounts.models import User
from regiekamer.audit import services as audit
from regiekamer.bronnen import services as bronnen_services
from regiekamer.bronnen.connectors import subject_soort
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.bronnen.registry import connector, connectors
from regiekamer.casussen import selectors as casus_selectors
from regiekamer.casussen.models import Casus
from regiekamer.core.errors import DomainError, InvalidInput, TransitionRefused
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.core.ids import parse_uuid
from regiekamer.inzage.beperking import met_beperking
from regiekamer.protocol import services as protocol_services
from regiekamer.protocol.machine import WEGINGEN, Aanpak, Status, WegingSoort
from regiekamer.signalen import selectors
from regiekamer.signalen import services as signalen_services
from regiekamer.signalen.forms import (
    STAP_LABELS,
    AdresFormSet,
    BijlageForm,
    MeldingForm,
    PersoonFormSet,
    WegingForm,
    WerkvoorraadFilterForm,
    ZoekForm,
    indicator_groups,
)
from regiekamer.signalen.models import Indicator
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon

PAGE_SIZE = 50


def _is_htmx_for(request, target: str) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == target


# --- Werkvoorraad -----------------------------------------------------------------------------


@require_GET
@capability_required(permissions.VIEW_SIGNALS)
def werkvoorraad(request):
    form = WerkvoorraadFilterForm(request.GET or None, gemeente=request.user.gemeente)
    if form.is_bound:
        form.is_valid()  # invalid filters are left out; their errors are shown
    filters = form.to_filter()
    page_obj = Paginator(selectors.werkvoorraad_pagineerbaar(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit.log_lijst(request.user, "signalen.werkvoorraad", "signaal", page_obj.object_list)
    te_laat = selectors.werkvoorraad(request.user, dataclasses.replace(filters, te_laat=True)).count()
    htmx = _is_htmx_for(request, "resultaten")
    context = {
        "form": form,
        "page_obj": page_obj,
        "signalen": page_obj.object_list,
        "aantal": page_obj.paginator.count,
        "kolommen": _sorteerbare_kolommen(request, filters.volgorde),
        "bewaarde_filters": request.user.signaalfilters.all(),
        "te_laat": te_laat,
        "filters": filters,
        "htmx": htmx,
        "error_summary": error_summary(form, form_anchor="filters"),
    }
    template = "signalen/_werkvoorraad_resultaten.html" if htmx else "signalen/werkvoorraad.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


SORTEERBAAR = (
    ("nummer", gettext_lazy("Nummer")),
    ("ontvangen", gettext_lazy("Ontvangen")),
    ("termijn", gettext_lazy("Termijn")),
)


def _sorteerbare_kolommen(request, volgorde: str) -> dict:
    """Per sortable column its link (the current filters, sorted on it; again: the other way round) and its
    aria-sort state."""
    huidig = volgorde or "termijn"
    kolommen = {}
    for code, label in SORTEERBAAR:
        query = request.GET.copy()
        query.pop("page", None)
        oplopend = huidig == code
        query["volgorde"] = f"-{code}" if oplopend else code
        staat = "ascending" if huidig == code else "descending" if huidig == f"-{code}" else "none"
        kolommen[code] = {"label": label, "url": f"?{query.urlencode()}", "aria_sort": staat}
    return kolommen


@require_POST
@capability_required(permissions.VIEW_SIGNALS)
def filter_bewaren(request):
    """Save the worklist's current filters (posted from its page) under a name of the user's choosing."""
    form = WerkvoorraadFilterForm(request.POST, gemeente=request.user.gemeente)
    form.is_valid()
    query = form.as_query()
    try:
        bewaard = signalen_services.bewaar_filter(request.user, request.POST.get("naam", ""), query)
    except InvalidInput as error:
        messages.error(request, error.invalid_params[0]["reason"] if error.invalid_params else error.message)
        return redirect(reverse("signalen:werkvoorraad") + (f"?{query}" if query else ""))
    messages.success(request, _("Filters bewaard als '%(naam)s'.") % {"naam": bewaard.naam})
    return redirect(reverse("signalen:werkvoorraad") + (f"?{query}" if query else ""))


@require_POST
@capability_required(permissions.VIEW_SIGNALS)
def filter_verwijderen(request, pk):
    bewaard = get_object_or_404(request.user.signaalfilters, pk=pk)
    bewaard.delete()
    messages.success(request, _("Filters '%(naam)s' verwijderd.") % {"naam": bewaard.naam})
    return redirect("signalen:werkvoorraad")


ZOEK_OBJECTTYPES = {
    "signaal": "signalen",
    "casus": "casussen",
    "persoon": "personen",
    "adres": "adressen",
    "rechtspersoon": "rechtspersonen",
    "voertuig": "voertuigen",
}

# --- Zoeken ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@capability_required(permissions.VIEW_SIGNALS, permissions.VIEW_SUBJECTS)
def zoeken(request):
    """Search over signals and subjects.

    BSNs never appear in URLs: the search term is sent in the body of a POST (with CSRF) and the
    results are rendered in the answer to that POST, without a redirect to a URL holding the term.
    """
    form = ZoekForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "gezocht": False}
    if form.is_bound and form.is_valid():
        term = form.cleaned_data["q"]
        can = permissions.capabilities_of(request.user)
        gemeente = request.user.gemeente
        context["gezocht"] = True
        if permissions.VIEW_SIGNALS in can:
            filters = selectors.WerkvoorraadFilter(zoek=term, open_only=False)
            context["signalen"] = list(selectors.werkvoorraad(request.user, filters)[:PAGE_SIZE])
        if permissions.VIEW_CASES in can:
            context["casussen"] = list(casus_selectors.zoek_casussen(request.user, term))
        if permissions.VIEW_SUBJECTS in can:
            context["personen"] = list(subject_selectors.search_personen(gemeente, term))
            context["adressen"] = list(subject_selectors.search_adressen(gemeente, term))
            context["rechtspersonen"] = list(subject_selectors.search_rechtspersonen(gemeente, term))
            context["voertuigen"] = list(subject_selectors.search_voertuigen(gemeente, term))
        context["toon_signalen_van_subjecten"] = permissions.VIEW_SIGNALS in can
        audit.log_zoekresultaat(request.user, "zoeken", {k: context.get(v) for k, v in ZOEK_OBJECTTYPES.items()})
    context["error_summary"] = error_summary(form)
    return render(request, "signalen/zoeken.html", context, status=400 if form.errors else 200)


# --- Detail -----------------------------------------------------------------------------------

DETAIL_LABELS = {
    "ontvanger": gettext_lazy("Verwezen / doorgezet naar"),
    "indicatoren": gettext_lazy("Indicatoren"),
    "bronnen": gettext_lazy("Bronnen die geraadpleegd mogen worden"),
    "gegevens": gettext_lazy("Gegevens die gedeeld mogen worden"),
    "doel": gettext_lazy("Doel van het delen"),
    "ontvangers": gettext_lazy("Ontvangers"),
    "categorieen": gettext_lazy("Wat van de casus de ontvangers zien"),
    "aanpak": gettext_lazy("Aanpak"),
    "vernietigen_op": gettext_lazy("Vernietigen op"),
    "casus": gettext_lazy("Casus"),
}


def _weging_details(weging, indicator_names: dict, casussen: dict) -> list[tuple[str, object]]:
    """The details of a weging as (label, value) pairs in a fixed order, readable for people."""
    details = weging.details or {}
    rows = []
    for key in DETAIL_LABELS:
        if key not in details or details[key] in ("", [], None):
            continue
        value = details[key]
        if key == "indicatoren":
            value = [indicator_names.get(code, code) for code in value]
        elif key == "bronnen":
            value = [connector(code).naam if connector(code) else code for code in value]
        elif key == "ontvangers":
            value = [item.get("naam", "") for item in value]
        elif key == "categorieen":
            from regiekamer.delen.models import Categorie

            labels = dict(Categorie.choices)
            value = [labels.get(code, code) for code in value]
        elif key == "aanpak":
            value = Aanpak(value).label if value in Aanpak.values else value
        elif key == "vernietigen_op":
            day = parse_date(value)
            value = date_format(day, "j F Y") if day else value
        elif key == "casus":
            value = casussen.get(value, value)
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        rows.append((DETAIL_LABELS[key], value))
    return rows


def _timeline(signaal) -> list[dict]:
    events = selectors.timeline(signaal)
    wegingen = [event.object for event in events if event.soort == "weging"]
    corrected = {w.corrigeert_id for w in wegingen if w.corrigeert_id}
    indicator_names = dict(Indicator.objects.filter(gemeente=signaal.gemeente).values_list("code", "omschrijving"))
    casus_ids = [w.details["casus"] for w in wegingen if (w.details or {}).get("casus")]
    casussen = {
        str(pk): nummer
        for pk, nummer in Casus.objects.filter(gemeente=signaal.gemeente, pk__in=casus_ids).values_list("pk", "nummer")
    }
    items = []
    for event in events:
        item = {"moment": event.moment, "soort": event.soort, "object": event.object}
        if event.soort == "weging":
            item["details"] = _weging_details(event.object, indicator_names, casussen)
            item["gecorrigeerd"] = event.object.pk in corrected
        elif event.soort == "bronraadpleging":
            bron = connector(event.object.bron)
            item["bron_naam"] = bron.naam if bron else event.object.bron
        items.append(item)
    return items


def _bronnen_panel(signaal) -> list[dict]:
    """Per allowed source the linked subjects it can be asked about, with what was asked so far."""
    subjects = [*signaal.personen.all(), *signaal.adressen.all(), *signaal.rechtspersonen.all()]
    raadplegingen = list(signaal.bronraadplegingen.all())
    panel = []
    for code in bronnen_services.allowed_bronnen(signaal):
        bron = connector(code)
        if bron is None:
            continue
        rows = []
        for subject in subjects:
            if not bron.supports(subject):
                continue
            soort = subject_soort(subject)
            mine = [r for r in raadplegingen if r.bron == code and getattr(r, f"{soort}_id") == subject.pk]
            hits = [r for r in mine if r.soort == Bronraadpleging.Soort.HIT_NO_HIT]
            rows.append(
                {
                    "key": f"{code}-{soort}-{subject.pk}",
                    "subject": subject,
                    "soort": soort,
                    "gevraagd": bool(hits),
                    "hit": any(r.hit for r in hits),
                    "inhoud_opgevraagd": any(r.soort == Bronraadpleging.Soort.INHOUD for r in mine),
                }
            )
        panel.append({"code": code, "naam": bron.naam, "rows": rows})
    return panel


def _correctable(signaal, latest) -> bool:
    # Mirrors protocol.services._correctable: a started case is changed in the case, not here.
    return latest is not None and not (latest.soort == WegingSoort.AANPAK and latest.uitkomst == "casus")


def _render_detail(
    request,
    signaal,
    *,
    weging_form=None,
    correctie_form=None,
    bijlage_form=None,
    bron_error=None,
    refusal="",
    besluit_url="",
    status=200,
):
    can = permissions.capabilities_of(request.user)
    may_weigh = permissions.RECORD_WEGING in can
    definition = protocol_services.expected_weging(signaal)
    latest = signaal.wegingen.select_related("vastgelegd_door").order_by("-vastgelegd_op").first()
    if may_weigh and weging_form is None and definition is not None:
        weging_form = WegingForm(definition=definition, signaal=signaal, prefix="weging")
    if may_weigh and correctie_form is None and _correctable(signaal, latest):
        correctie_form = WegingForm(
            definition=WEGINGEN[latest.soort],
            signaal=signaal,
            prefix="correctie",
            initial={"corrigeert": str(latest.pk)},
        )
    if not _correctable(signaal, latest):
        correctie_form = None
    bijlage_form = bijlage_form or BijlageForm(prefix="bijlage")
    indicatoren = list(signaal.indicatoren.select_related("fenomeen"))
    summary = error_summary(weging_form, correctie_form, bijlage_form)
    if bron_error:
        summary.append({"label": "", "message": bron_error["message"], "anchor": bron_error["anchor"]})
    context = {
        "signaal": signaal,
        "stap_label": STAP_LABELS.get(signaal.stap, ""),
        "verankering": [i for i in indicatoren if i.soort == Indicator.Soort.VERANKERING],
        "rode_vlaggen": [i for i in indicatoren if i.soort != Indicator.Soort.VERANKERING],
        "personen": met_beperking(signaal.personen.all()),
        "adressen": signaal.adressen.select_related("buurt"),
        "rechtspersonen": signaal.rechtspersonen.all(),
        "voertuigen": signaal.voertuigen.all(),
        "bijlagen": signaal.bijlagen.all(),
        "timeline": _timeline(signaal),
        "definition": definition,
        "weging_form": weging_form,
        "correctie_form": correctie_form,
        "correctie_open": bool(correctie_form is not None and correctie_form.is_bound),
        "laatste_weging": latest,
        "bijlage_form": bijlage_form,
        "bronnen_panel": (
            _bronnen_panel(signaal)
            if signaal.status == Status.BRONNENONDERZOEK and permissions.CONSULT_SOURCES in can
            else None
        ),
        "bron_error": bron_error,
        "toewijzen_keuzes": signalen_services.behandelaars(signaal.gemeente) if may_weigh else [],
        "refusal": refusal,
        "besluit_url": besluit_url,
        "error_summary": summary,
    }
    return render(request, "signalen/detail.html", context, status=status)


@require_GET
@capability_required(permissions.VIEW_SIGNALS)
def detail(request, pk):
    signaal = selectors.get_signaal(request.user, pk)
    return _render_detail(request, signaal)


@require_POST
@capability_required(permissions.RECORD_WEGING)
def weging(request, pk):
    signaal = selectors.get_signaal(request.user, pk)
    prefix = "correctie" if request.POST.get("correctie-corrigeert") else "weging"
    definition = WEGINGEN.get(request.POST.get(f"{prefix}-weging", "")) or protocol_services.expected_weging(signaal)
    form = WegingForm(request.POST, definition=definition, signaal=signaal, prefix=prefix)
    forms = {f"{prefix}_form": form}
    if not form.is_valid():
        return _render_detail(request, signaal, status=400, **forms)
    try:
        recorded = protocol_services.record_weging(request.user, signaal, form.to_invoer())
    except TransitionRefused as error:
        besluit_url = getattr(error, "formulier_url", "")  # purpose binding: link to record the decision
        return _render_detail(
            request, signaal, refusal=error.message, besluit_url=besluit_url, status=error.status_code
        )
    except DomainError as error:
        add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
        return _render_detail(request, signaal, status=error.status_code, **forms)
    vastgelegd = {"weging": recorded.get_soort_display(), "uitkomst": recorded.uitkomst_label}
    messages.success(request, _("%(weging)s vastgelegd: %(uitkomst)s.") % vastgelegd)
    if recorded.soort == WegingSoort.AANPAK and (casus := signaal.casussen.order_by("-geopend_op").first()):
        return redirect("casussen:detail", pk=casus.pk)  # on to the new case (or the case it joined)
    # The next step in view, not the top of the page.
    return redirect(reverse("signalen:detail", kwargs={"pk": signaal.pk}) + "#weging-titel")


@require_POST
@capability_required(permissions.RECORD_WEGING)
def toewijzen(request, pk):
    """Assign the signal; with two values posted (the "to me" button and the pick list) the button's comes first."""
    signaal = selectors.get_signaal(request.user, pk)
    gekozen = (request.POST.getlist("behandelaar") or [""])[0]
    # Who may be chosen is the service's rule; here only the posted id becomes a user (or nobody).
    behandelaar = User.objects.filter(pk=gekozen).first() if gekozen.isdigit() else None
    if behandelaar is None:
        return _render_detail(request, signaal, refusal=_("Kies een regisseur van uw gemeente."), status=400)
    try:
        signalen_services.wijs_toe(request.user, signaal, behandelaar)
    except InvalidInput as error:
        return _render_detail(request, signaal, refusal=error.invalid_params[0]["reason"], status=400)
    messages.success(
        request, _("Signaal %(nummer)s is toegewezen aan %(naam)s.") % {"nummer": signaal.nummer, "naam": behandelaar}
    )
    return redirect(reverse("signalen:detail", kwargs={"pk": signaal.pk}) + "#behandelaar")


SUBJECT_MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon}


def _subject_from_post(request, signaal):
    """The subject named in the POST body by kind and id (never by BSN), within the gemeente."""
    model = SUBJECT_MODELS.get(request.POST.get("subject_soort", ""))
    if model is None:
        raise Http404
    return get_object_or_404(model, gemeente=signaal.gemeente, pk=parse_uuid(request.POST.get("subject_id", "")))


def _bron_request(request, pk, query):
    signaal = selectors.get_signaal(request.user, pk)
    subject = _subject_from_post(request, signaal)
    bron_code = request.POST.get("bron", "")
    key = f"{bron_code}-{subject_soort(subject)}-{subject.pk}"
    try:
        raadpleging = query(signaal, bron_code, subject)
    except DomainError as error:
        reasons = [param.get("reason", "") for param in error.invalid_params] or [error.message]
        field = (error.invalid_params or [{}])[0].get("name", "")
        anchor = f"motivering-{key}" if field == "motivering" else "bronnenonderzoek"
        bron_error = {"key": key, "field": field, "message": " ".join(reasons), "anchor": anchor}
        return _render_detail(request, signaal, bron_error=bron_error, status=error.status_code)
    return signaal, raadpleging


@require_POST
@capability_required(permissions.CONSULT_SOURCES)
def bron_hit(request, pk):
    result = _bron_request(
        request, pk, lambda signaal, bron, subject: bronnen_services.query_hit(request.user, signaal, bron, subject)
    )
    if not isinstance(result, tuple):
        return result
    signaal, raadpleging = result
    bron = connectors().get(raadpleging.bron)
    uitkomst = _("bekend (hit)") if raadpleging.hit else _("niet bekend (no-hit)")
    messages.success(
        request,
        _("%(bron)s: %(subject)s is %(uitkomst)s.")
        % {"bron": bron.naam if bron else raadpleging.bron, "subject": raadpleging.subject, "uitkomst": uitkomst},
    )
    return redirect(reverse("signalen:detail", kwargs={"pk": signaal.pk}) + "#bronnenonderzoek")


@require_POST
@capability_required(permissions.CONSULT_SOURCES)
def bron_inhoud(request, pk):
    motivering = request.POST.get("motivering", "")
    result = _bron_request(
        request,
        pk,
        lambda signaal, bron, subject: bronnen_services.query_inhoud(request.user, signaal, bron, subject, motivering),
    )
    if not isinstance(result, tuple):
        return result
    signaal, raadpleging = result
    messages.success(request, _("De inhoud is opgevraagd en staat in de tijdlijn."))
    return redirect(reverse("signalen:detail", kwargs={"pk": signaal.pk}) + f"#raadpleging-{raadpleging.pk}")


# --- Bijlagen ---------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.VIEW_SIGNALS)
def bijlage_toevoegen(request, pk):
    signaal = selectors.get_signaal(request.user, pk)
    form = BijlageForm(request.POST, request.FILES, prefix="bijlage")
    if not form.is_valid():
        return _render_detail(request, signaal, bijlage_form=form, status=400)
    try:
        bijlage = signalen_services.add_bijlage(request.user, signaal, form.cleaned_data["bestand"])
    except DomainError as error:
        for reason in [param.get("reason", "") for param in error.invalid_params] or [error.message]:
            form.add_error("bestand", reason)
        return _render_detail(request, signaal, bijlage_form=form, status=error.status_code)
    messages.success(request, _("Bijlage %(naam)s toegevoegd.") % {"naam": bijlage.bestandsnaam})
    return redirect(reverse("signalen:detail", kwargs={"pk": signaal.pk}) + "#bijlagen")


@require_GET
@login_required
def bijlage(request, pk, bijlage_pk):
    """Stream an attachment to a user who may see the signal; 404 for everybody else."""
    signaal = selectors.get_signaal(request.user, pk, log=False)
    record = get_object_or_404(signaal.bijlagen, pk=parse_uuid(bijlage_pk))
    audit.log(request.user, "lezen", "signaal.bijlage", "bijlage", [record, signaal])
    try:
        contents = record.bestand.read_decrypted()  # stored encrypted; a missing key raises, never serves garbage
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        io.BytesIO(contents), as_attachment=True, filename=record.bestandsnaam, content_type=record.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Melden -----------------------------------------------------------------------------------


def _formset_with_extra_form(formset_class, data, prefix):
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "0")) + 1)
    except ValueError:
        data[key] = "1"
    return formset_class(data, prefix=prefix)


def _label_subforms(personen, adressen):
    for index, form in enumerate(personen.forms, start=1):
        form.summary_prefix = _("Persoon %(n)s") % {"n": index}
    for index, form in enumerate(adressen.forms, start=1):
        form.summary_prefix = _("Adres %(n)s") % {"n": index}


def _melden_response(request, form, personen, adressen, status=200):
    _label_subforms(personen, adressen)
    context = {
        "form": form,
        "personen": personen,
        "adressen": adressen,
        "indicator_groups": form.shown_indicator_groups(),
        "error_summary": error_summary(form, personen, adressen),
    }
    return render(request, "signalen/melden.html", context, status=status)


def _melding_resolver(form, personen, adressen, persoon_index, adres_index):
    """Map service field names ("personen.0.bsn", "bijlagen.1", ...) onto the forms."""
    mapping = {
        "rechtspersonen": {"naam": "rechtspersoon_naam", "kvk_nummer": "rechtspersoon_kvk"},
    }

    def resolve(name):
        parts = name.split(".")
        head = parts[0]
        if head in ("personen", "adressen") and len(parts) > 1 and parts[1].isdigit():
            formset, index = (personen, persoon_index) if head == "personen" else (adressen, adres_index)
            position = int(parts[1])
            if position >= len(index):
                return None
            subform = formset.forms[index[position]]
            field = parts[2] if len(parts) > 2 else None
            return (subform, field if field in subform.fields else None)
        if head == "rechtspersonen":
            return (form, mapping[head].get(parts[-1], "rechtspersoon_naam"))
        if head == "voertuigen":
            return (form, "kenteken")
        if head == "bijlagen":
            return (form, "bijlagen")
        if head in form.fields:
            return (form, head)
        return None

    return resolve


@require_http_methods(["GET", "POST"])
@capability_required(permissions.REPORT_SIGNAL)
def melden(request):
    gemeente = request.user.gemeente
    if request.method == "GET":
        return _melden_response(
            request, MeldingForm(gemeente=gemeente), PersoonFormSet(prefix="personen"), AdresFormSet(prefix="adressen")
        )

    form = MeldingForm(request.POST, request.FILES, gemeente=gemeente)
    actie = request.POST.get("actie", "")
    if actie in ("persoon-toevoegen", "adres-toevoegen"):
        # Without JavaScript: one more empty row, nothing is stored yet.
        personen = (
            _formset_with_extra_form(PersoonFormSet, request.POST, "personen")
            if actie == "persoon-toevoegen"
            else PersoonFormSet(request.POST, prefix="personen")
        )
        adressen = (
            _formset_with_extra_form(AdresFormSet, request.POST, "adressen")
            if actie == "adres-toevoegen"
            else AdresFormSet(request.POST, prefix="adressen")
        )
        return _melden_response(request, form, personen, adressen)

    personen = PersoonFormSet(request.POST, prefix="personen")
    adressen = AdresFormSet(request.POST, prefix="adressen")
    if not all([form.is_valid(), personen.is_valid(), adressen.is_valid()]):
        return _melden_response(request, form, personen, adressen, status=400)

    persoon_index = [i for i, f in enumerate(personen.forms) if f.has_changed()]
    adres_index = [i for i, f in enumerate(adressen.forms) if f.has_changed()]
    data = form.cleaned_data
    rechtspersonen = []
    if data["rechtspersoon_naam"].strip() or data["rechtspersoon_kvk"].strip():
        rechtspersonen.append((data["rechtspersoon_naam"], data["rechtspersoon_kvk"]))
    invoer = signalen_services.SignaalInvoer(
        omschrijving=data["omschrijving"],
        fenomenen=list(data["fenomenen"]),
        indicatoren=list(data["indicatoren"]),
        anoniem=bool(data["anonieme_bron"]),
        anonieme_bron=data["anonieme_bron"],
        personen=[personen.forms[i].to_gegevens() for i in persoon_index],
        adressen=[adressen.forms[i].to_gegevens() for i in adres_index],
        rechtspersonen=rechtspersonen,
        voertuigen=[data["kenteken"]] if data["kenteken"].strip() else [],
        locatie=data["locatie"],
        buurt=data["buurt"],
        bijlagen=list(data["bijlagen"]),
        doel=data["doel"],
        melder_titel=data["melder_titel"],
    )
    try:
        signaal = signalen_services.report_signaal(request.user, invoer)
    except InvalidInput as error:
        resolve = _melding_resolver(form, personen, adressen, persoon_index, adres_index)
        add_invalid_params(error.invalid_params or [{"reason": error.message}], resolve, form)
        return _melden_response(request, form, personen, adressen, status=400)
    return redirect("signalen:melding-ontvangen", pk=signaal.pk)


@require_GET
@capability_required(permissions.REPORT_SIGNAL)
def melden_indicatoren(request):
    """HTMX: the indicator checklist for the ticked phenomena (without JavaScript all are shown)."""
    form = MeldingForm(request.GET, gemeente=request.user.gemeente)
    context = {
        "field": form["indicatoren"],
        "groups": indicator_groups(request.user.gemeente, request.GET.getlist("fenomenen") or None),
        "selected": request.GET.getlist("indicatoren"),
    }
    return render(request, "includes/grouped_checkboxes.html", context)


@require_GET
@capability_required(permissions.VIEW_OWN_REPORTS)
def melding_ontvangen(request, pk):
    signaal = selectors.get_eigen_melding(request.user, pk)
    return render(
        request,
        "signalen/melding_ontvangen.html",
        {
            "signaal": signaal,
            "status": selectors.status_for_reporter(signaal),
            "termijn_stap_1": protocol_services.instellingen(signaal.gemeente).termijn_stap_1,
        },
    )


# --- Mijn meldingen ---------------------------------------------------------------------------


@require_GET
@capability_required(permissions.VIEW_OWN_REPORTS)
def mijn_meldingen(request):
    """The reporter's own signals with their status only: nothing of the content or handling."""
    queryset = selectors.eigen_meldingen(request.user).select_related("gemeente").order_by("-ontvangen_op")
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(signaal, selectors.status_for_reporter(signaal)) for signaal in page_obj.object_list]
    audit.log_lijst(request.user, "signalen.mijn-meldingen", "signaal", page_obj.object_list)
    return render(request, "signalen/mijn_meldingen.html", {"page_obj": page_obj, "rows": rows})


@require_GET
@capability_required(permissions.VIEW_OWN_REPORTS)
def mijn_melding(request, pk):
    signaal = selectors.get_eigen_melding(request.user, pk)
    return render(
        request, "signalen/mijn_melding.html", {"signaal": signaal, "status": selectors.status_for_reporter(signaal)}
    )
