"""Web pages for casusregie: the regisseur's start page, the case list, the case with its household,
participants and one plan, partners' own actions, plan versions, review and closing.

Views only translate between HTTP and the services/selectors; every rule lives in
``casussen.services``, ``casussen.monitoring`` and ``overleggen.services``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.casussen import monitoring, selectors, services
from regiekamer.casussen.forms import (
    AfspraakForm,
    AnalyseForm,
    BesprekingForm,
    BetrokkeneGegevensForm,
    BetrokkeneToevoegenForm,
    CasusFilterForm,
    DeelnemerForm,
    DoelForm,
    InterventieBijwerkenForm,
    InterventieForm,
    NieuweCasusForm,
    NieuwePersoonForm,
    OpvolgingForm,
    SluitenForm,
    SubjectZoekForm,
)
from regiekamer.casussen.models import CasusSignaal, Doel, Escalatie, Interventie, InterventieSoort
from regiekamer.core.errors import DomainError, TransitionRefused
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.core.ids import parse_uuid
from regiekamer.core.templatetags.rk import masked_bsn
from regiekamer.delen import selectors as delen_selectors
from regiekamer.delen import services as delen_services
from regiekamer.delen.forms import DelingsBesluitForm, IntrekkenForm
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.overleggen import services as overleg_services
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen import selectors as signaal_selectors
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon
from regiekamer.subjects.services import PersoonGegevens

PAGE_SIZE = 50

# Links that ask the regisseur's attention until marked as seen.
NIEUW = (CasusSignaal.Soort.NIEUW, CasusSignaal.Soort.TERUGVAL)

SUBJECT_MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon}


def _is_htmx_for(request, target: str) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == target


# The sections of the case workspace, each its own page: (code, label). The plan comes first after the overview.
SECTIES = (
    ("overzicht", gettext_lazy("Overzicht")),
    ("plan", gettext_lazy("Plan en interventies")),
    ("betrokkenen", gettext_lazy("Betrokkenen")),
    ("delen", gettext_lazy("Delen")),
    ("overleggen", gettext_lazy("Overleggen")),
    ("signalen", gettext_lazy("Signalen")),
    ("geschiedenis", gettext_lazy("Geschiedenis")),
)
SECTIE_CODES = frozenset(code for code, _label in SECTIES)

# Where a part of the case lives: the anchor of a form or list, and the prefix of a form, to its section.
SECTIE_VAN = {
    "betrokkenen": "betrokkenen",
    "betrokkene": "betrokkenen",
    "zoek": "betrokkenen",
    "nieuwe-persoon": "betrokkenen",
    "deelnemers": "delen",
    "deelnemer": "delen",
    "delen": "delen",
    "intrekken": "delen",
    "doelbinding": "delen",
    "plan": "plan",
    "analyse": "plan",
    "doel": "plan",
    "afspraak": "plan",
    "interventie": "plan",
    "actie": "plan",
    "signalen": "signalen",
    "bespreking": "overleggen",
    "planversies": "geschiedenis",
}


def sectie_url(casus_pk, sectie: str = "overzicht", anchor: str = "") -> str:
    if sectie == "overzicht":
        url = reverse("casussen:detail", kwargs={"pk": casus_pk})
    else:
        url = reverse("casussen:sectie", kwargs={"pk": casus_pk, "sectie": sectie})
    return f"{url}#{anchor}" if anchor else url


def _sectie_van(naam: str) -> str:
    """The section of a form prefix or an anchor: "actie-<id>" lives where "actie" does."""
    for key in (naam, naam.split("-", 1)[0]):
        if key in SECTIE_VAN:
            return SECTIE_VAN[key]
    return "overzicht"


def _detail_url(casus, anchor: str = "") -> str:
    return sectie_url(casus.pk, _sectie_van(anchor) if anchor else "overzicht", anchor)


def _stagneert(casus) -> bool:
    return casus.is_open and casus.laatste_activiteit_op < services.stalled_cutoff(casus.gemeente)


def _summary(*forms) -> list[dict]:
    """The error summary of the given forms; a general error links to its form (``id`` = prefix)."""
    summary = []
    for form in forms:
        summary += error_summary(form, form_anchor=form.prefix or "formulier")
    return summary


def _domain_error_on_form(error, form, resolve=None):
    """Put a service error on the form, as the signal pages do."""
    add_invalid_params(error.invalid_params or [{"reason": error.message}], resolve or simple_resolver(form), form)


def _with_opvolg_forms(escalaties, opvolg_forms) -> list[tuple]:
    """Each escalation with its follow-up form: the submitted one (with errors) or a fresh one."""
    return [(e, opvolg_forms.get(e.pk) or OpvolgingForm(escalatie=e)) for e in escalaties]


# --- Start page for the regisseur --------------------------------------------------------------


# Each list on the start page shows its first rows; the numbers at the top count them all. A regisseur with more
# open cases, overdue actions or new signals than this finds the rest through the case list.
START_LIJST = 50


def _eerste(queryset, limit: int | None = None) -> tuple[list, int]:
    """The first ``limit`` (default ``START_LIJST``) rows of ``queryset`` and the number of all its rows (counted
    only when there may be more)."""
    limit = limit or START_LIJST
    rows = list(queryset[:limit])
    return rows, (len(rows) if len(rows) < limit else queryset.count())


def _render_start(request, opvolg_forms=None, status=200):
    user = request.user
    home = selectors.regisseur_home(user)
    opvolg_forms = opvolg_forms or {}
    escalaties = _with_opvolg_forms(home["escalaties"], opvolg_forms)
    casussen, aantal_casussen = _eerste(home["casussen"])
    stagnerend, aantal_stagnerend = _eerste(home["stagnerend"])
    acties, aantal_acties = _eerste(home["acties_te_laat"])
    nieuwe_signalen, aantal_nieuw = _eerste(home["nieuwe_signalen"])
    terugval, aantal_terugval = _eerste(home["terugval"])
    te_wegen = signaal_selectors.voor_start(user)
    mijn_signalen, aantal_mijn_signalen = _eerste(te_wegen["mijn"])
    onverdeeld, aantal_onverdeeld = _eerste(te_wegen["onverdeeld"])
    vandaag = timezone.localdate()
    grens = services.stalled_cutoff(user.gemeente)
    context = {
        "casussen": casussen,
        "aantal_casussen": aantal_casussen,
        "stagnerend": stagnerend,
        "aantal_stagnerend": aantal_stagnerend,
        "stagnerend_ids": {casus.pk for casus in casussen if casus.laatste_activiteit_op < grens},
        "acties_te_laat": [(actie, (vandaag - actie.deadline).days) for actie in acties],
        "aantal_acties_te_laat": aantal_acties,
        "nieuwe_signalen": nieuwe_signalen,
        "terugval": terugval,
        "aantal_signalen": aantal_nieuw + aantal_terugval,
        "signalen_getoond": len(nieuwe_signalen) + len(terugval),
        "overleggen": list(home["overleggen"]),
        "mijn_signalen": mijn_signalen,
        "aantal_mijn_signalen": aantal_mijn_signalen,
        "onverdeeld": onverdeeld,
        "aantal_onverdeeld": aantal_onverdeeld,
        "escalaties": escalaties,
        "start_lijst": START_LIJST,
        "error_summary": _summary(*opvolg_forms.values()),
    }
    # The start page is a list like any other: log every case and signal it shows.
    casussen = [
        *context["casussen"],
        *stagnerend,
        *(actie.casus_id for actie, _dagen in context["acties_te_laat"]),
        *(koppeling.casus_id for koppeling in nieuwe_signalen + terugval),
        *(escalatie.casus_id for escalatie, _form in escalaties),
    ]
    audit.log_lijst(user, "casussen.start", "casus", casussen)
    audit.log_lijst(
        user,
        "casussen.start",
        "signaal",
        [*(k.signaal_id for k in nieuwe_signalen + terugval), *(s.pk for s in mijn_signalen + onverdeeld)],
    )
    return render(request, "casussen/start.html", context, status=status)


@require_GET
@capability_required(permissions.MANAGE_CASES)
def start(request):
    return _render_start(request)


@require_POST
@capability_required(permissions.FOLLOW_UP_ESCALATIONS)
def opvolging(request, pk):
    """Record the follow-up of an escalation, from the start page or the case page."""
    escalatie = get_object_or_404(
        Escalatie.objects.select_related("casus"), gemeente=request.user.gemeente, pk=parse_uuid(pk)
    )
    form = OpvolgingForm(request.POST, escalatie=escalatie)
    vanuit_casus = request.POST.get("terug") == "casus"

    terug = request.POST.get("terug")

    def again(status):
        if vanuit_casus:
            return _render_detail(request, escalatie.casus, overrides={form.prefix: form}, status=status)
        if terug == "escalaties":
            return _render_escalaties(request, {escalatie.pk: form}, status=status)
        return _render_start(request, {escalatie.pk: form}, status=status)

    if not form.is_valid():
        return again(400)
    try:
        monitoring.follow_up(request.user, escalatie, form.cleaned_data["opvolging"])
    except DomainError as error:
        _domain_error_on_form(error, form)
        return again(error.status_code)
    nummer = escalatie.casus.nummer
    messages.success(
        request, _("De opvolging van de escalatie over casus %(nummer)s is vastgelegd.") % {"nummer": nummer}
    )
    if vanuit_casus:
        return redirect(_detail_url(escalatie.casus, "escalaties"))
    return redirect(reverse("casussen:escalaties" if terug == "escalaties" else "casussen:start"))


def _render_escalaties(request, opvolg_forms=None, status=200):
    opvolg_forms = opvolg_forms or {}
    getoond = list(selectors.escalaties_naar(request.user))
    audit.log_lijst(request.user, "casussen.escalaties", "casus", [escalatie.casus_id for escalatie in getoond])
    escalaties = _with_opvolg_forms(getoond, opvolg_forms)
    context = {"escalaties": escalaties, "error_summary": _summary(*opvolg_forms.values())}
    return render(request, "casussen/escalaties.html", context, status=status)


@require_GET
@capability_required(permissions.FOLLOW_UP_ESCALATIONS)
def escalaties(request):
    """Escalations addressed to the user, e.g. a manager who is not part of the case: the case number, the reason,
    the overdue action with its deadline and the follow-up. That is case content, hence the capability (and the
    second login factor it brings) and the log entry."""
    return _render_escalaties(request)


# --- Case list and new case --------------------------------------------------------------------


@require_GET
@capability_required(permissions.VIEW_CASES)
def lijst(request):
    form = CasusFilterForm(request.GET or None)
    filters = form.filters()
    casussen = selectors.zichtbare_casussen(request.user)
    if filters["status"] != "alle":
        casussen = casussen.filter(status=filters["status"])
    if filters["aanpak"]:
        casussen = casussen.filter(aanpak=filters["aanpak"])
    if filters["mijn"]:
        casussen = casussen.filter(regisseur=request.user)
    casussen = selectors.casussen_met_signalen(casussen).order_by("-laatste_activiteit_op")
    page_obj = Paginator(casussen, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.log_lijst(request.user, "casussen.lijst", "casus", page_obj.object_list)
    htmx = _is_htmx_for(request, "resultaten")
    context = {
        "form": form,
        "page_obj": page_obj,
        "casussen": page_obj.object_list,
        "aantal": page_obj.paginator.count,
        "stagnatie_grens": services.stalled_cutoff(request.user.gemeente),
        "error_summary": error_summary(form, form_anchor="filters"),
    }
    template = "casussen/_lijst_resultaten.html" if htmx else "casussen/lijst.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_CASES)
def nieuw(request):
    form = NieuweCasusForm(request.POST if request.method == "POST" else None, gemeente=request.user.gemeente)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                casus = services.open_casus(
                    request.user,
                    titel=data["titel"],
                    aanpak=data["aanpak"],
                    omschrijving=data["omschrijving"],
                    herkomst=data["herkomst"],
                    buurt=data["buurt"],
                    doel=data["doel"],
                )
            except DomainError as error:
                _domain_error_on_form(error, form)
                status = error.status_code
            else:
                messages.success(request, _("Casus %(nummer)s is geopend.") % {"nummer": casus.nummer})
                return redirect(_detail_url(casus))
    context = {"form": form, "error_summary": error_summary(form)}
    return render(request, "casussen/nieuw.html", context, status=status)


# --- Case detail -------------------------------------------------------------------------------


def _subject_soort(subject) -> str:
    return type(subject).__name__.lower()


def _subject_label(subject) -> str:
    soort = _subject_soort(subject)
    if soort == "persoon":
        parts = [subject.volledige_naam]
        if subject.geboortedatum:
            parts.append(_("geboren %(datum)s") % {"datum": date_format(subject.geboortedatum, "j F Y")})
        if subject.bsn:
            parts.append(_("BSN %(bsn)s") % {"bsn": masked_bsn(subject.bsn)})
        return _("Persoon: %(persoon)s") % {"persoon": ", ".join(parts)}
    if soort == "adres":
        buurt = f" ({subject.buurt.naam})" if subject.buurt_id else ""
        return _("Adres: %(adres)s") % {"adres": f"{subject}{buurt}"}
    return _("Onderneming: %(naam)s") % {"naam": subject}


def _subject_choices(casus, zoekterm: str):
    """Choices for adding a betrokkene: the subjects of the case's signals not yet in the case, then
    what the search found in the gemeente. Returns (choices, number found by the search)."""
    gevonden = []
    if zoekterm:
        gemeente = casus.gemeente
        gevonden = [
            *subject_selectors.search_personen(gemeente, zoekterm),
            *subject_selectors.search_adressen(gemeente, zoekterm),
            *subject_selectors.search_rechtspersonen(gemeente, zoekterm),
        ]
    known = {
        f"{soort}:{getattr(betrokkene, f'{soort}_id')}"
        for betrokkene in casus.betrokkenen.all()
        for soort in SUBJECT_MODELS
        if getattr(betrokkene, f"{soort}_id")
    }
    choices = []
    for subject in [*selectors.voorgestelde_subjecten(casus), *gevonden]:
        key = f"{_subject_soort(subject)}:{subject.pk}"
        if key not in known:
            known.add(key)
            choices.append((key, _subject_label(subject)))
    return choices, len(gevonden)


def _subject_from_value(casus, value: str):
    soort, _sep, pk = value.partition(":")
    model = SUBJECT_MODELS.get(soort)
    if model is None:
        raise Http404
    return get_object_or_404(model, gemeente=casus.gemeente, pk=parse_uuid(pk))


def _plan_view(inhoud: dict, *, actueel: bool = False, forms: dict | None = None) -> dict:
    """The stored plan snapshot (``services.plan_snapshot``) prepared for ``_plan.html``: labels for
    codes, interventions grouped by goal. The same for the current plan and every older version."""
    today = timezone.localdate()
    forms = forms or {}
    families = dict(InterventieSoort.Familie.choices)
    statuses = dict(Interventie.Status.choices)
    resultaten = dict(Doel.Resultaat.choices)
    interventies = []
    for item in inhoud.get("interventies", []):
        deadline = parse_date(item.get("deadline") or "")
        status = item.get("status", "")
        interventies.append(
            {
                **item,
                "deadline": deadline,
                "status_label": statuses.get(status, status),
                "familie_label": families.get(item.get("familie"), item.get("familie", "")),
                "is_open": status in Interventie.OPEN_STATUSES,
                "te_laat": actueel and status in Interventie.OPEN_STATUSES and bool(deadline) and deadline < today,
                "form": forms.get(item.get("id")),
            }
        )
    doelen = []
    for doel in inhoud.get("doelen", []):
        doelen.append(
            {
                **doel,
                "resultaat_label": resultaten.get(doel.get("resultaat"), ""),
                "interventies": [i for i in interventies if i.get("doel") == doel.get("id")],
            }
        )
    doel_ids = {doel.get("id") for doel in doelen}
    aanpak = inhoud.get("aanpak", "")
    return {
        "aanpak_label": Aanpak(aanpak).label if aanpak in Aanpak.values else aanpak,
        "analyses": inhoud.get("analyses", []),
        "doelen": doelen,
        "zonder_doel": [i for i in interventies if i.get("doel") not in doel_ids],
        "interventies": interventies,
        "afspraken": inhoud.get("afspraken", []),
        "actueel": actueel,
        "bijwerkbaar": bool(forms),
    }


def _render_detail(request, casus, *, sectie="", overrides=None, zoekterm="", refusal="", besluit_url="", status=200):
    """One section of the case page. ``overrides`` holds bound forms (by prefix) to show again with their errors, in
    the section they belong to."""
    overrides = overrides or {}
    if not sectie:
        sectie = _sectie_van(next(iter(overrides))) if overrides else ("betrokkenen" if zoekterm else "overzicht")
    if not selectors.sees_whole_case(request.user):
        return _render_partner_detail(request, casus, overrides=overrides, refusal=refusal, status=status)
    user = request.user
    gemeente = casus.gemeente
    bewerkbaar = casus.is_open and permissions.has_capability(user, permissions.MANAGE_CASES)

    def form(prefix, factory, allowed=bewerkbaar):
        if prefix in overrides:
            return overrides[prefix]
        return factory() if allowed else None

    betrokkenen = [
        (
            betrokkene,
            form(
                f"betrokkene-{betrokkene.pk}",
                lambda b=betrokkene: BetrokkeneGegevensForm(
                    prefix=f"betrokkene-{b.pk}",
                    initial={
                        "rol": b.rol,
                        "dader": b.dader,
                        "slachtoffer": b.slachtoffer,
                        "problematiek": b.problematiek,
                    },
                ),
            ),
        )
        for betrokkene in casus.betrokkenen.select_related("persoon", "adres__buurt", "rechtspersoon")
    ]
    toevoegen = overrides.get("betrokkene")
    if toevoegen is not None:
        zoekterm = zoekterm or toevoegen["q"].value() or ""
    subject_choices, aantal_gevonden = _subject_choices(casus, zoekterm) if bewerkbaar else ([], 0)
    if toevoegen is None and bewerkbaar and subject_choices:
        toevoegen = BetrokkeneToevoegenForm(
            prefix="betrokkene", subject_choices=subject_choices, initial={"q": zoekterm}
        )

    actie_forms = {
        str(interventie.pk): form(
            f"actie-{interventie.pk}",
            lambda i=interventie: InterventieBijwerkenForm(interventie=i),
            allowed=casus.is_open and services.may_update_interventie(user, interventie),
        )
        for interventie in selectors.interventies_voor(user, casus)
    }
    escalaties = [
        (
            escalatie,
            form(
                f"escalatie-{escalatie.pk}",
                lambda e=escalatie: OpvolgingForm(escalatie=e),
                allowed=escalatie.is_open and monitoring.may_follow_up(user, escalatie),
            ),
        )
        for escalatie in casus.escalaties.select_related("naar", "afgehandeld_door", "interventie__soort")
    ]
    casus_signalen = list(casus.casus_signalen.select_related("signaal").prefetch_related("signaal__fenomenen"))
    vastgesteld = selectors.vastgestelde_versies(casus)
    planversies = [
        (versie, vastgesteld.get(versie.pk))
        for versie in casus.planversies.select_related("gewijzigd_door").order_by("-versie")
    ]
    analyses = dict(casus.analyses.values_list("leefgebied_id", "tekst"))
    deelnemers = list(casus.deelnemers.select_related("organisatie", "gebruiker"))
    context = {
        **_delen_context(user, casus, deelnemers, overrides, bewerkbaar),
        "casus": casus,
        "stagneert": _stagneert(casus),
        "bewerkbaar": bewerkbaar,
        "betrokkenen": betrokkenen,
        "zoek_form": form("zoek", lambda: SubjectZoekForm(prefix="zoek", initial={"q": zoekterm})),
        "toevoegen_form": toevoegen,
        "nieuwe_persoon_form": form("nieuwe-persoon", NieuwePersoonForm),
        "gezocht": bool(zoekterm),
        "aantal_gevonden": aantal_gevonden,
        "deelnemers": deelnemers,
        "deelnemer_form": form("deelnemer", lambda: DeelnemerForm(prefix="deelnemer", gemeente=gemeente)),
        "plan": _plan_view(
            services.plan_snapshot(casus), actueel=True, forms={k: v for k, v in actie_forms.items() if v}
        ),
        "analyse_form": form("analyse", lambda: AnalyseForm(prefix="analyse", gemeente=gemeente, analyses=analyses)),
        "doel_form": form("doel", lambda: DoelForm(prefix="doel", gemeente=gemeente)),
        "afspraak_form": form("afspraak", lambda: AfspraakForm(prefix="afspraak")),
        "interventie_form": form("interventie", lambda: InterventieForm(prefix="interventie", casus=casus)),
        "casus_signalen": casus_signalen,
        "ongezien": sum(1 for koppeling in casus_signalen if koppeling.gezien_op is None and koppeling.soort in NIEUW),
        "escalaties": escalaties,
        "planversies": planversies,
        "bespreking_form": form("bespreking", lambda: BesprekingForm(prefix="bespreking"), allowed=casus.is_open),
        "refusal": refusal,
        "besluit_url": besluit_url,
        "doelen": Verwerkingsdoel.choices,
        "error_summary": _summary(*overrides.values()),
        "agendapunten": casus.agendapunten.select_related("overleg").order_by("-overleg__datum"),
    }
    context["voorgestelde_deelnemers"] = (
        delen_selectors.ontvangers_zonder_deelname(casus, deelnemers) if bewerkbaar else []
    )
    context["wat_nu"] = _wat_nu(casus, context)
    context["onderdelen"] = _onderdelen(casus, context)
    context["sectie"] = sectie
    context["sectie_template"] = f"casussen/_sectie_{sectie}.html"
    return render(request, "casussen/detail.html", context, status=status)


def _wat_nu(casus, context) -> list[dict]:
    """What needs doing in the case now, most urgent first, each with a link to where it is done."""
    if not casus.is_open:
        return []
    punten = []
    te_laat = [i for i in context["plan"]["interventies"] if i["te_laat"]]
    if te_laat:
        punten.append(
            {
                "tekst": ngettext("%(aantal)d actie is te laat", "%(aantal)d acties zijn te laat", len(te_laat))
                % {"aantal": len(te_laat)},
                "url": sectie_url(casus.pk, "plan", "plan"),
                "urgent": True,
            }
        )
    open_escalaties = [escalatie for escalatie, _form in context["escalaties"] if escalatie.is_open]
    if open_escalaties:
        punten.append(
            {
                "tekst": ngettext(
                    "%(aantal)d escalatie staat open", "%(aantal)d escalaties staan open", len(open_escalaties)
                )
                % {"aantal": len(open_escalaties)},
                "url": sectie_url(casus.pk, "overzicht", "escalaties"),
                "urgent": True,
            }
        )
    if context["ongezien"]:
        punten.append(
            {
                "tekst": ngettext(
                    "%(aantal)d nieuw signaal nog niet gezien",
                    "%(aantal)d nieuwe signalen nog niet gezien",
                    context["ongezien"],
                )
                % {"aantal": context["ongezien"]},
                "url": sectie_url(casus.pk, "signalen", "signalen"),
            }
        )
    plan = context["plan"]
    ontbreekt = [
        naam
        for naam, leeg in (
            (_("analyse per leefgebied"), not any(analyse.get("tekst") for analyse in plan["analyses"])),
            (_("doelen"), not plan["doelen"]),
            (_("interventies"), not plan["interventies"]),
        )
        if leeg
    ]
    if ontbreekt:
        punten.append(
            {
                "tekst": _("Het plan mist nog: %(delen)s") % {"delen": ", ".join(ontbreekt)},
                "url": sectie_url(casus.pk, "plan", "plan-bijwerken"),
            }
        )
    for organisatie in context["voorgestelde_deelnemers"]:
        punten.append(
            {
                "tekst": _("%(organisatie)s mag meekijken (delingsbesluit), maar neemt nog niet deel")
                % {"organisatie": organisatie.naam},
                "url": sectie_url(casus.pk, "delen", "deelnemers"),
                "deelnemer_voorstel": organisatie,
            }
        )
    if context["zonder_besluit"]:
        punten.append(
            {
                "tekst": ngettext(
                    "%(aantal)d deelnemende organisatie ziet niets: er is geen delingsbesluit",
                    "%(aantal)d deelnemende organisaties zien niets: er is geen delingsbesluit",
                    len(context["zonder_besluit"]),
                )
                % {"aantal": len(context["zonder_besluit"])},
                "url": sectie_url(casus.pk, "delen", "delen"),
            }
        )
    komend = [
        punt for punt in context["agendapunten"] if not punt.overleg.gehouden and punt.overleg.datum >= timezone.now()
    ]
    volgende = min(komend, key=lambda punt: punt.overleg.datum, default=None)
    if volgende is not None:
        punten.append(
            {
                "tekst": _("Volgende bespreking: %(overleg)s op %(datum)s")
                % {
                    "overleg": volgende.overleg.titel,
                    "datum": date_format(timezone.localtime(volgende.overleg.datum), "j F Y H:i"),
                },
                "url": reverse("overleggen:detail", kwargs={"pk": volgende.overleg_id}),
            }
        )
    return punten


def _onderdelen(casus, context) -> list[dict]:
    aantallen = {
        "plan": len(context["plan"]["interventies"]),
        "betrokkenen": len(context["betrokkenen"]),
        "delen": len(context["deelnemers"]),
        "overleggen": len(context["agendapunten"]),
        "signalen": len(context["casus_signalen"]),
    }
    let_op = {
        "signalen": ngettext("%(aantal)d nieuw", "%(aantal)d nieuw", context["ongezien"])
        % {"aantal": context["ongezien"]}
        if context["ongezien"]
        else "",
        "delen": ngettext("%(aantal)d ziet niets", "%(aantal)d zien niets", len(context["zonder_besluit"]))
        % {"aantal": len(context["zonder_besluit"])}
        if context["zonder_besluit"]
        else "",
    }
    return [
        {
            "code": code,
            "naam": naam,
            "url": sectie_url(casus.pk, code),
            "aantal": aantallen.get(code),
            "let_op": let_op.get(code, ""),
        }
        for code, naam in SECTIES
    ]


def _delen_context(user, casus, deelnemers, overrides, bewerkbaar) -> dict:
    """The "Delen met partners" section: every decision about the case or its signals, the forms, and
    the participating organisations that see nothing because no decision for them is active."""
    besluiten = list(delen_selectors.decisions_for_casus(casus))
    # Withdrawing stays possible after the case is closed; recording a new decision does not.
    mag = permissions.has_capability(user, permissions.MANAGE_CASES) and delen_services.may_record(user)
    rows = []
    for besluit in besluiten:
        intrek_form = None
        if mag and not besluit.is_ingetrokken:
            intrek_form = overrides.get(f"intrekken-{besluit.pk}") or IntrekkenForm(besluit=besluit)
        rows.append((besluit, intrek_form))
    actief = {besluit.ontvanger_id for besluit in besluiten if besluit.is_actief}
    zonder = {}
    for deelnemer in deelnemers:
        if deelnemer.organisatie_id not in actief:
            zonder.setdefault(deelnemer.organisatie_id, deelnemer.organisatie)
    besluit_form = None
    if mag and bewerkbaar:
        besluit_form = overrides.get("delen") or DelingsBesluitForm(casus=casus)
    return {
        "delingsbesluiten": rows,
        "zonder_besluit": sorted(zonder.values(), key=lambda o: o.naam),
        "besluit_form": besluit_form,
    }


def _render_partner_detail(request, casus, *, overrides, refusal="", status=200):
    """A partner who takes part sees the header and, of the rest, only what the active sharing decisions
    for their organisation allow (``delen.selectors.allowed_categories``)."""
    deel = selectors.partner_deel(request.user, casus)
    rows = []
    for interventie in selectors.interventies_voor(request.user, casus):
        bijwerk_form = None
        if casus.is_open and services.may_update_interventie(request.user, interventie):
            bijwerk_form = overrides.get(f"actie-{interventie.pk}") or InterventieBijwerkenForm(interventie=interventie)
        rows.append((interventie, bijwerk_form))
    bespreking_form = overrides.get("bespreking") or (BesprekingForm(prefix="bespreking") if casus.is_open else None)
    from regiekamer.delen.models import Categorie

    context = {
        "casus": casus,
        "stagneert": _stagneert(casus),
        "toegestaan": deel.toegestaan,
        "gedeeld": [label for code, label in Categorie.choices if code in deel.toegestaan],
        "niet_gedeeld": [label for code, label in Categorie.choices if code not in deel.toegestaan],
        "besluiten": delen_selectors.active_decisions(request.user.organisatie_id, casus).order_by("-vastgelegd_op"),
        "betrokkenen": deel.betrokkenen or [],
        "plan_gedeeld": {"doelen": deel.doelen, "afspraken": deel.afspraken} if deel.doelen is not None else None,
        "acties": rows,
        "bespreking_form": bespreking_form,
        "refusal": refusal,
        "error_summary": _summary(*overrides.values()),
    }
    return render(request, "casussen/detail_partner.html", context, status=status)


@require_GET
@capability_required(permissions.VIEW_CASES, permissions.UPDATE_OWN_ACTIONS)
def detail(request, pk):
    casus = selectors.get_casus(request.user, pk)
    return _render_detail(request, casus, sectie="overzicht")


@require_GET
@capability_required(permissions.VIEW_CASES, permissions.UPDATE_OWN_ACTIONS)
def sectie(request, pk, sectie):
    if sectie not in SECTIE_CODES:
        raise Http404
    casus = selectors.get_casus(request.user, pk)
    return _render_detail(request, casus, sectie=sectie)


def sectie_of(post_view, naam: str):
    """A section's URL that also takes the section's own form: GET shows the section, POST records."""

    def view(request, pk, **kwargs):
        if request.method == "POST":
            return post_view(request, pk, **kwargs)
        return sectie(request, pk, naam)

    return view


def _submit(request, casus, form, action, anchor, resolve=None):
    """Validate ``form``, run ``action(cleaned_data)`` (which returns the success message) and
    redirect to the case; on an error show the case page again with the form and its errors."""
    if not form.is_valid():
        return _render_detail(request, casus, overrides={form.prefix: form}, status=400)
    try:
        message = action(form.cleaned_data)
    except TransitionRefused as error:
        return _render_detail(request, casus, refusal=error.message, status=error.status_code)
    except DomainError as error:
        _domain_error_on_form(error, form, resolve)
        return _render_detail(request, casus, overrides={form.prefix: form}, status=error.status_code)
    if message:
        messages.success(request, message)
    return redirect(_detail_url(casus, anchor))


# Betrokkenen -------------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.MANAGE_CASES)
def betrokkene_zoeken(request, pk):
    """Search persons, addresses and companies to add. The term is posted (it may be a BSN) and the
    results are shown in the answer, without a redirect to a URL holding the term."""
    casus = selectors.get_casus(request.user, pk)
    form = SubjectZoekForm(request.POST, prefix="zoek")
    if not form.is_valid():
        return _render_detail(request, casus, overrides={"zoek": form}, status=400)
    return _render_detail(request, casus, zoekterm=form.cleaned_data["q"])


@require_POST
@capability_required(permissions.MANAGE_CASES)
def betrokkene_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    choices, _aantal = _subject_choices(casus, request.POST.get("betrokkene-q", "").strip())
    form = BetrokkeneToevoegenForm(request.POST, prefix="betrokkene", subject_choices=choices)

    def action(data):
        subject = _subject_from_value(casus, data["subject"])
        services.add_betrokkene(
            request.user,
            casus,
            subject,
            rol=data["rol"],
            dader=data["dader"],
            slachtoffer=data["slachtoffer"],
            problematiek=data["problematiek"],
        )
        return _("%(subject)s is toegevoegd aan de casus.") % {"subject": subject}

    return _submit(request, casus, form, action, "betrokkenen")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def betrokkene_nieuw(request, pk):
    """Enter a person by hand: linked to a known person when the evidence is strong, else a new person."""
    casus = selectors.get_casus(request.user, pk)
    form = NieuwePersoonForm(request.POST)

    def action(data):
        gegevens = PersoonGegevens(
            voornamen=data["voornamen"] or "",
            tussenvoegsel=data["tussenvoegsel"] or "",
            achternaam=data["achternaam"] or "",
            geboortedatum=data["geboortedatum"],
            bsn=data["bsn"] or "",
        )
        betrokkene, koppeling = services.add_gemelde_persoon(
            request.user,
            casus,
            gegevens,
            rol=data["rol"],
            dader=data["dader"],
            slachtoffer=data["slachtoffer"],
            problematiek=data["problematiek"],
        )
        naam = koppeling.persoon.volledige_naam
        if betrokkene is None:
            return _("%(naam)s staat al in de casus.") % {"naam": naam}
        if koppeling.koppeling in ("bsn", "automatisch"):
            return _("%(naam)s is toegevoegd: gekoppeld aan de bekende persoon.") % {"naam": naam}
        if koppeling.koppeling == "ter-beoordeling":
            return _(
                "%(naam)s is toegevoegd als nieuwe persoon; een mogelijke dubbele staat op de beoordelingslijst."
            ) % {"naam": naam}
        return _("%(naam)s is toegevoegd als nieuwe persoon.") % {"naam": naam}

    def resolve(name):
        field = name.rsplit(".", 1)[-1]
        return (form, field if field in form.fields else None)

    return _submit(request, casus, form, action, "betrokkenen", resolve)


@require_POST
@capability_required(permissions.MANAGE_CASES)
def betrokkene_bijwerken(request, pk, betrokkene_pk):
    casus = selectors.get_casus(request.user, pk)
    betrokkene = get_object_or_404(casus.betrokkenen, pk=parse_uuid(betrokkene_pk))
    form = BetrokkeneGegevensForm(request.POST, prefix=f"betrokkene-{betrokkene.pk}")

    def action(data):
        services.update_betrokkene(
            request.user, betrokkene, data["rol"], data["dader"], data["slachtoffer"], data["problematiek"]
        )
        return _("De gegevens van %(subject)s zijn bijgewerkt.") % {"subject": betrokkene}

    return _submit(request, casus, form, action, "betrokkenen")


# Deelnemers --------------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.MANAGE_CASES)
def deelnemer_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = DeelnemerForm(request.POST, prefix="deelnemer", gemeente=casus.gemeente)

    def action(data):
        deelnemer = services.add_deelnemer(
            request.user, casus, data["organisatie"], gebruiker=data["gebruiker"], rol=data["rol"]
        )
        return _("%(deelnemer)s neemt deel aan de casus.") % {"deelnemer": deelnemer}

    return _submit(request, casus, form, action, "deelnemers")


# Delen met partners ------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.MANAGE_CASES)
def delingsbesluit_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = DelingsBesluitForm(request.POST, casus=casus)

    def action(data):
        besluit = delen_services.record_delingsbesluit(
            request.user,
            ontvanger=data["ontvanger"],
            casus=casus,
            categorieen=data["categorieen"],
            omschrijving=data["omschrijving"],
            doel=data["doel"],
            grondslag=data["grondslag"],
            geldig_tot=data["geldig_tot"],
        )
        return _("Het delingsbesluit voor %(organisatie)s is vastgelegd.") % {"organisatie": besluit.ontvanger.naam}

    return _submit(request, casus, form, action, "delen")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def delingsbesluit_intrekken(request, pk, besluit_pk):
    casus = selectors.get_casus(request.user, pk)
    besluit = get_object_or_404(delen_selectors.decisions_for_casus(casus), pk=parse_uuid(besluit_pk))
    form = IntrekkenForm(request.POST, besluit=besluit)

    def action(data):
        delen_services.withdraw(request.user, besluit, data["reden"])
        return _("Het delingsbesluit voor %(organisatie)s is ingetrokken.") % {"organisatie": besluit.ontvanger.naam}

    return _submit(request, casus, form, action, "delen")


# Plan van aanpak -----------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.MANAGE_CASES)
def analyse(request, pk):
    casus = selectors.get_casus(request.user, pk)
    analyses = dict(casus.analyses.values_list("leefgebied_id", "tekst"))
    form = AnalyseForm(request.POST, prefix="analyse", gemeente=casus.gemeente, analyses=analyses)

    def action(_data):
        changed = services.update_analyse(request.user, casus, form.teksten())
        if not changed:
            messages.info(request, _("Er is niets gewijzigd aan de analyse."))
            return ""
        return _("De analyse is bijgewerkt (%(leefgebieden)s); er is een nieuwe planversie vastgelegd.") % {
            "leefgebieden": ", ".join(leefgebied.naam for leefgebied, _tekst in changed)
        }

    return _submit(request, casus, form, action, "plan")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def doel_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = DoelForm(request.POST, prefix="doel", gemeente=casus.gemeente)

    def action(data):
        doel = services.add_doel(request.user, casus, data["omschrijving"], leefgebied=data["leefgebied"])
        return _("Doel toegevoegd: %(doel)s.") % {"doel": doel.omschrijving}

    return _submit(request, casus, form, action, "plan")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def afspraak_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = AfspraakForm(request.POST, prefix="afspraak")

    def action(data):
        services.add_afspraak(request.user, casus, data["omschrijving"])
        return _("Afspraak toegevoegd.")

    return _submit(request, casus, form, action, "plan")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def interventie_toevoegen(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = InterventieForm(request.POST, prefix="interventie", casus=casus)

    def action(_data):
        interventie = services.add_interventie(request.user, casus, form.to_invoer())
        bericht = _("Interventie toegevoegd: %(soort)s, uitgevoerd door %(uitvoerder)s.") % {
            "soort": interventie.soort.naam,
            "uitvoerder": interventie.eigenaar or interventie.eigenaar_organisatie.naam,
        }
        if interventie.gedeeld_besluit is not None:
            bericht += " " + _(
                "Zodat %(organisatie)s de eigen actie kan zien, is een delingsbesluit vastgelegd: de kopgegevens en "
                "de eigen acties (zie Delen)."
            ) % {"organisatie": interventie.eigenaar_organisatie.naam}
        return bericht

    return _submit(request, casus, form, action, "plan")


def _bijwerken(request, interventie, form) -> str:
    data = form.cleaned_data
    services.update_interventie(
        request.user, interventie, data.get("status") or "", data.get("resultaat") or "", data.get("deadline")
    )
    return _("Actie bijgewerkt: %(soort)s (%(status)s).") % {
        "soort": interventie.soort.naam,
        "status": interventie.get_status_display(),
    }


@require_POST
@capability_required(permissions.MANAGE_CASES, permissions.UPDATE_OWN_ACTIONS)
def interventie_bijwerken(request, pk, interventie_pk):
    casus = selectors.get_casus(request.user, pk)
    interventie = get_object_or_404(selectors.interventies_voor(request.user, casus), pk=parse_uuid(interventie_pk))
    form = InterventieBijwerkenForm(request.POST, interventie=interventie)
    anchor = "plan" if selectors.sees_whole_case(request.user) else "acties"
    return _submit(request, casus, form, lambda _data: _bijwerken(request, interventie, form), anchor)


# Signalen, bespreking ------------------------------------------------------------------------------


@require_POST
@capability_required(permissions.MANAGE_CASES)
def signalen_gezien(request, pk):
    casus = selectors.get_casus(request.user, pk)
    try:
        aantal = services.mark_signalen_seen(request.user, casus)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(aantal)d signalen gemarkeerd als gezien.") % {"aantal": aantal})
    return redirect(_detail_url(casus, "signalen"))


@require_POST
@capability_required(permissions.VIEW_CASES, permissions.UPDATE_OWN_ACTIONS)
def bespreking(request, pk):
    casus = selectors.get_casus(request.user, pk)
    form = BesprekingForm(request.POST, prefix="bespreking")

    def action(data):
        overleg_services.request_bespreking(request.user, casus, data["reden"])
        return _("De casus komt op de agenda van het volgende overleg.")

    return _submit(request, casus, form, action, "bespreking")


# --- Plan versions, review, closing ------------------------------------------------------------


@require_GET
@capability_required(permissions.VIEW_CASES)
def planversie(request, pk, versie):
    casus = selectors.get_casus(request.user, pk)
    gekozen = get_object_or_404(casus.planversies.select_related("gewijzigd_door"), versie=versie)
    laatste = services.current_version(casus)
    context = {
        "casus": casus,
        "stagneert": _stagneert(casus),
        "versie": gekozen,
        "laatste": laatste.versie if laatste else gekozen.versie,
        "overleg": selectors.vastgestelde_versies(casus).get(gekozen.pk),
        "plan": _plan_view(gekozen.inhoud),
    }
    audit.log(request.user, "lezen", "casus.planversie", "planversie", [gekozen])
    return render(request, "casussen/planversie.html", context)


@require_GET
@capability_required(permissions.VIEW_CASES)
def review(request, pk):
    """All signals about the case's subjects received before the case started, on a timeline."""
    casus = selectors.get_casus(request.user, pk)
    betrokkenen = list(casus.betrokkenen.all())
    ids = {soort: {getattr(b, f"{soort}_id") for b in betrokkenen} for soort in SUBJECT_MODELS}
    items = []
    for signaal in selectors.review_signalen(casus).prefetch_related("personen", "adressen", "rechtspersonen"):
        over = [
            *(p for p in signaal.personen.all() if p.pk in ids["persoon"]),
            *(a for a in signaal.adressen.all() if a.pk in ids["adres"]),
            *(r for r in signaal.rechtspersonen.all() if r.pk in ids["rechtspersoon"]),
        ]
        dagen = (timezone.localdate(casus.geopend_op) - timezone.localdate(signaal.ontvangen_op)).days
        items.append({"signaal": signaal, "over": over, "dagen_voor_start": dagen})
    context = {
        "casus": casus,
        "stagneert": _stagneert(casus),
        "items": items,
        "mag_signalen_zien": permissions.has_capability(request.user, permissions.VIEW_SIGNALS),
    }
    return render(request, "casussen/review.html", context)


def _sluiten_resolver(form):
    def resolve(name):
        if name.startswith("resultaten."):
            field = f"resultaat_{name.split('.', 1)[1]}"
            return (form, field) if field in form.fields else None
        return (form, name) if name in form.fields else None

    return resolve


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_CASES)
def sluiten(request, pk):
    casus = selectors.get_casus(request.user, pk)
    if not casus.is_open:
        messages.info(request, _("Deze casus is al gesloten."))
        return redirect(_detail_url(casus, "afsluiting"))
    form = SluitenForm(request.POST if request.method == "POST" else None, doelen=casus.doelen.all())
    refusal = ""
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.close_casus(request.user, casus, form.resultaten(), data["sluitreden"], data["evaluatie"])
            except TransitionRefused as error:
                refusal, status = error.message, error.status_code
            except DomainError as error:
                _domain_error_on_form(error, form, _sluiten_resolver(form))
                status = error.status_code
            else:
                messages.success(request, _("Casus %(nummer)s is gesloten.") % {"nummer": casus.nummer})
                return redirect(_detail_url(casus, "afsluiting"))
    context = {
        "casus": casus,
        "stagneert": _stagneert(casus),
        "form": form,
        "open_acties": [i for i in selectors.interventies_voor(request.user, casus) if i.is_open],
        "refusal": refusal,
        "error_summary": error_summary(form),
    }
    return render(request, "casussen/sluiten.html", context, status=status)


# --- Mijn acties (partners) ----------------------------------------------------------------------


# Each open action comes with its update form: a page holds this many. Below them the most recently updated
# finished and stopped actions.
ACTIES_PER_PAGINA = 25
ACTIES_AFGEROND = 25


def _render_acties(request, overrides=None, status=200):
    """The partner's own actions: the open ones by deadline, a page at a time, each with its update form; below them
    the most recently finished or stopped ones. An action whose update was refused is shown (first) with its
    errors, on whichever page it belongs."""
    overrides = overrides or {}
    acties = selectors.eigen_acties(request.user)

    def in_volgorde(ids) -> list:
        # The rows of a page fetched by key after ordering their ids only: the database sorts narrow rows (no
        # encrypted texts) in memory instead of every action of the organisation with all its columns.
        ids = list(ids)
        rows = acties.in_bulk(ids)
        return [rows[pk] for pk in ids]

    open_acties = acties.filter(status__in=Interventie.OPEN_STATUSES).order_by("deadline", "status", "pk")
    page_obj = Paginator(open_acties.values_list("pk", flat=True), ACTIES_PER_PAGINA).get_page(request.GET.get("page"))
    getoond_open = in_volgorde(page_obj.object_list)
    open_ids = {interventie.pk for interventie in getoond_open}
    for form in overrides.values():
        interventie = getattr(form, "interventie", None)
        if interventie is not None and interventie.is_open and interventie.pk not in open_ids:
            getoond_open.insert(0, interventie)
    klaar = in_volgorde(
        acties.exclude(status__in=Interventie.OPEN_STATUSES)
        .order_by("-bijgewerkt_op", "status", "deadline", "pk")
        .values_list("pk", flat=True)[: ACTIES_AFGEROND + 1]
    )
    meer_afgerond = len(klaar) > ACTIES_AFGEROND
    klaar = klaar[:ACTIES_AFGEROND]

    def row(interventie):
        bijwerk_form = None
        if interventie.casus.is_open:
            bijwerk_form = overrides.get(f"actie-{interventie.pk}") or InterventieBijwerkenForm(interventie=interventie)
        return interventie, bijwerk_form

    rows_open = [row(interventie) for interventie in getoond_open]
    rows_klaar = [row(interventie) for interventie in klaar]
    getoond = [interventie for interventie, _form in rows_open + rows_klaar]
    audit.log_lijst(request.user, "casussen.acties", "interventie", getoond)
    audit.log_lijst(request.user, "casussen.acties", "casus", [interventie.casus_id for interventie in getoond])
    context = {
        "open_acties": rows_open,
        "aantal_open": page_obj.paginator.count,
        "page_obj": page_obj,
        "afgeronde_acties": rows_klaar,
        "meer_afgerond": meer_afgerond,
        "meldingen": _recente_meldingen(request.user),
        "error_summary": _summary(*overrides.values()),
    }
    return render(request, "casussen/acties.html", context, status=status)


def _recente_meldingen(user, aantal: int = 5) -> list:
    """The partner's newest reports with the status they may see, under their actions on the same page."""
    if not permissions.has_capability(user, permissions.VIEW_OWN_REPORTS):
        return []
    meldingen = list(signaal_selectors.eigen_meldingen(user).order_by("-ontvangen_op")[:aantal])
    audit.log_lijst(user, "casussen.acties", "signaal", meldingen)
    return [(signaal, signaal_selectors.status_for_reporter(signaal)) for signaal in meldingen]


@require_GET
@capability_required(permissions.UPDATE_OWN_ACTIONS)
def acties(request):
    return _render_acties(request)


@require_POST
@capability_required(permissions.UPDATE_OWN_ACTIONS)
def actie_bijwerken(request, pk):
    interventie = get_object_or_404(selectors.eigen_acties(request.user), pk=parse_uuid(pk))
    form = InterventieBijwerkenForm(request.POST, interventie=interventie)
    if not form.is_valid():
        return _render_acties(request, {form.prefix: form}, status=400)
    try:
        message = _bijwerken(request, interventie, form)
    except DomainError as error:
        _domain_error_on_form(error, form)
        return _render_acties(request, {form.prefix: form}, status=error.status_code)
    messages.success(request, message)
    return redirect(reverse("casussen:acties") + f"#actie-{interventie.pk}")
