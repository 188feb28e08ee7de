"""The rules of casusregie. Web UI, API and commands all call these functions.

Every change to the plan (analysis, goals, agreements, interventions) records a new immutable
plan version with what changed, so the plan as it stood at any moment can be shown again.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Gemeente, Organisatie, User
from regiekamer.audit.services import gelogd
from regiekamer.casussen.catalogue import seed_casus_catalogue
from regiekamer.casussen.models import (
    Afspraak,
    Analyse,
    Betrokkene,
    Casus,
    CasusInstelling,
    CasusSignaal,
    Deelnemer,
    Doel,
    Interventie,
    InterventieSoort,
    Leefgebied,
    PlanVersie,
)
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.core.ids import uuid_or_none
from regiekamer.delen import selectors as delen_selectors
from regiekamer.delen import services as delen_services
from regiekamer.delen.models import MINIMAAL, Categorie, DelingsBesluit
from regiekamer.doelbinding import services as doelbinding
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.doelbinding.doelen import doel_voor_aanpak, label
from regiekamer.inzage.beperking import is_restricted
from regiekamer.inzicht import services as cijfers
from regiekamer.notifications.services import notify
from regiekamer.protocol.machine import FINAL_STATUSES, Aanpak, Status


# What the processing log records for each change (see ``audit.services.gelogd``).
def _de_casus(result, arguments):
    return [result]


def _casus_argument(result, arguments):
    return [arguments["casus"]]


def _casus_van_resultaat(result, arguments):
    return [result.casus_id]


def instellingen(gemeente) -> CasusInstelling:
    row, created = CasusInstelling.objects.get_or_create(gemeente=gemeente)
    if created:
        seed_casus_catalogue(gemeente)
    return row


def _require_regie(user, casus=None):
    if not permissions.has_capability(user, permissions.MANAGE_CASES):
        raise NotAllowed(_("U mag geen casussen voeren."))
    if casus is not None and casus.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("Deze casus hoort niet bij uw gemeente."))


def _require_open(casus):
    if not casus.is_open:
        raise TransitionRefused(_("Deze casus is gesloten; er kan niets meer aan worden gewijzigd."))


def _touch(casus, now=None):
    casus.laatste_activiteit_op = now or timezone.now()
    Casus.objects.filter(pk=casus.pk).update(laatste_activiteit_op=casus.laatste_activiteit_op)


def _next_nummer(gemeente, year: int) -> str:
    # Lock the gemeente row so two cases opened at the same moment cannot take the same number.
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    # The highest number, not the last in text order: past 9999 cases a year "C2026-10000" sorts before "C2026-9999".
    last = (
        Casus.objects.filter(gemeente=gemeente, nummer__startswith=f"C{year}-")
        .order_by(Length("nummer").desc(), "-nummer")
        .values_list("nummer", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"C{year}-{number:04d}"


# --- Opening ---------------------------------------------------------------------------------


def _create_casus(
    gemeente, regisseur, titel, aanpak, omschrijving="", herkomst="", buurt=None, now=None, doel=None
) -> Casus:
    if aanpak not in Aanpak.values:
        raise InvalidInput.field("aanpak", _("Kies een aanpak."), "invalid")
    doel = doel or doel_voor_aanpak(aanpak)
    if doel not in Verwerkingsdoel.values:
        raise InvalidInput.field("doel", _("Onbekend doel."), "invalid")
    if not titel.strip():
        raise InvalidInput.field("titel", _("Geef de casus een titel."), "required")
    instellingen(gemeente)
    now = now or timezone.now()
    casus = Casus.objects.create(
        gemeente=gemeente,
        nummer=_next_nummer(gemeente, timezone.localtime(now).year),
        titel=titel.strip()[:200],
        omschrijving=omschrijving.strip(),
        aanpak=aanpak,
        doel=doel,
        herkomst=herkomst.strip(),
        regisseur=regisseur,
        buurt=buurt,
        geopend_op=now,
        laatste_activiteit_op=now,
    )
    return casus


def open_casus_from_signaal(signaal, aanpak: str, regisseur) -> Casus:
    """Open a case for a signal handed over at the end of step 4; its subjects become betrokkenen.

    The case gets the purpose of its approach. When that differs from the signal's purpose, opening is
    refused unless a compatibility decision for this signal and the case to be opened exists."""
    besluit = doelbinding.vereis_verenigbaarheid(signaal, doel_voor_aanpak(aanpak))
    fenomenen = ", ".join(f.naam for f in signaal.fenomenen.all())
    casus = _create_casus(signaal.gemeente, regisseur, f"{signaal.nummer}: {fenomenen}", aanpak, buurt=signaal.buurt)
    doelbinding.bind_aan_casus(besluit, casus)
    cijfers.signaal_gekoppeld(
        CasusSignaal.objects.create(
            gemeente=casus.gemeente, casus=casus, signaal=signaal, soort=CasusSignaal.Soort.OVERDRACHT
        )
    )
    for field, subjects in (
        ("persoon", signaal.personen.all()),
        ("adres", signaal.adressen.all()),
        ("rechtspersoon", signaal.rechtspersonen.all()),
    ):
        for subject in subjects:
            Betrokkene.objects.create(gemeente=casus.gemeente, casus=casus, **{field: subject})
    _record_version(casus, regisseur, _("Casus geopend vanuit signaal %(nummer)s") % {"nummer": signaal.nummer})
    return casus


def _doel_van_casus(result, arguments):
    return result.doel


def _doel_van_koppeling(result, arguments):
    return arguments["casus"].doel


@gelogd("aanmaken", "casus.openen", "casus", _de_casus, doel=_doel_van_casus)
def open_casus(
    user, titel: str, aanpak: str, omschrijving: str = "", herkomst: str = "", buurt=None, doel: str = ""
) -> Casus:
    """Open a case directly, e.g. one brought in by the Zorg- en Veiligheidshuis. Without a purpose the
    case gets the purpose of its approach."""
    _require_regie(user)
    if buurt is not None and buurt.gemeente_id != user.gemeente.pk:
        raise InvalidInput.field("buurt", _("Onbekende buurt."), "invalid")
    if aanpak == Aanpak.GEBIEDSGERICHT and buurt is None:
        raise InvalidInput.field("buurt", _("Een gebiedsgerichte casus hoort bij een buurt."), "required")
    casus = _create_casus(user.gemeente, user, titel, aanpak, omschrijving, herkomst, buurt, doel=doel or None)
    _record_version(casus, user, _("Casus geopend"))
    return casus


@gelogd("wijzigen", "casus.doel", "casus", _casus_argument, doel=lambda result, arguments: arguments["doel"])
def wijzig_doel(user, casus, doel: str) -> Casus:
    """Set the purpose of a case. Refused while a signal of the case was collected for another purpose
    without a compatibility decision for the new one."""
    _require_regie(user, casus)
    _require_open(casus)
    if doel not in Verwerkingsdoel.values:
        raise InvalidInput.field("doel", _("Onbekend doel."), "invalid")
    if doel == casus.doel:
        return casus
    for koppeling in casus.casus_signalen.select_related("signaal"):
        doelbinding.vereis_verenigbaarheid(koppeling.signaal, doel, casus)
    oud = casus.doel
    casus.doel = doel
    casus.save(update_fields=["doel"])
    _record_version(casus, user, _("Doel gewijzigd: %(oud)s → %(nieuw)s") % {"oud": label(oud), "nieuw": label(doel)})
    return casus


@gelogd(
    "wijzigen", "casus.signaal-koppelen", "casus", _casus_argument, doel=lambda result, arguments: result.casus.doel
)
def koppel_signaal(user, casus, signaal) -> CasusSignaal:
    """Link a signal to a case by hand, e.g. one that was not linked automatically because its purpose differs
    (on a closed case: as possible relapse). Refused unless the purposes are compatible by law or a compatibility
    decision for this use exists."""
    _require_regie(user, casus)
    if signaal.gemeente_id != casus.gemeente_id:
        raise InvalidInput.field("signaal", _("Onbekend signaal."), "onbekend")
    if casus.casus_signalen.filter(signaal=signaal).exists():
        raise InvalidInput.field("signaal", _("Dit signaal staat al bij de casus."), "dubbel")
    if signaal.status in FINAL_STATUSES and signaal.status != Status.CASUS:
        # The protocol decided against further use (geen actie, verwezen, gestopt, ...): linking it would use it
        # after all and keep it past its own destruction date.
        raise TransitionRefused(
            _("Signaal %(nummer)s is afgerond zonder casus (%(status)s) en kan niet aan een casus worden gekoppeld.")
            % {"nummer": signaal.nummer, "status": signaal.get_status_display()}
        )
    doelbinding.vereis_verenigbaarheid(signaal, casus.doel, casus)
    # On a closed case a signal linked afterwards marks a possible relapse, as automatic linking does.
    soort = CasusSignaal.Soort.HANDMATIG if casus.is_open else CasusSignaal.Soort.TERUGVAL
    koppeling = CasusSignaal.objects.create(gemeente=casus.gemeente, casus=casus, signaal=signaal, soort=soort)
    cijfers.signaal_gekoppeld(koppeling)
    if casus.is_open:
        _touch(casus)
    return koppeling


# --- Household, group, area and participants ----------------------------------------------------


@gelogd("wijzigen", "casus.betrokkene", "casus", _casus_argument)
def add_betrokkene(user, casus, subject, rol="", dader=False, slachtoffer=False, problematiek="") -> Betrokkene:
    _require_regie(user, casus)
    _require_open(casus)
    if subject.gemeente_id != casus.gemeente_id:
        raise InvalidInput.field("subject", _("Onbekend subject."), "invalid")
    field = type(subject).__name__.lower()
    if field not in {"persoon", "adres", "rechtspersoon"}:
        raise InvalidInput.field("subject", _("Alleen personen, adressen en ondernemingen."), "invalid")
    if field == "persoon" and is_restricted(subject):
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is beperkt (art. 18 AVG)."))
    if casus.betrokkenen.filter(**{field: subject}).exists():
        raise InvalidInput.field("subject", _("Deze betrokkene staat al in de casus."), "dubbel")
    betrokkene = Betrokkene.objects.create(
        gemeente=casus.gemeente,
        casus=casus,
        rol=rol.strip(),
        dader=dader,
        slachtoffer=slachtoffer,
        problematiek=problematiek.strip(),
        **{field: subject},
    )
    _touch(casus)
    return betrokkene


@transaction.atomic
def add_gemelde_persoon(
    user, casus, gegevens, rol="", dader=False, slachtoffer=False, problematiek=""
) -> tuple[Betrokkene | None, object]:
    """Manual entry of a person on a case: linked through the intake rule (``subjects.services.koppel_persoon``,
    the case as context) and added as betrokkene unless already in it. Returns (betrokkene or None, the link)."""
    from regiekamer.subjects.services import KoppelContext, koppel_persoon

    _require_regie(user, casus)
    _require_open(casus)
    resultaat = koppel_persoon(casus.gemeente, gegevens, context=KoppelContext("casus", casus))
    if casus.betrokkenen.filter(persoon=resultaat.persoon).exists():
        return None, resultaat
    betrokkene = add_betrokkene(user, casus, resultaat.persoon, rol, dader, slachtoffer, problematiek)
    return betrokkene, resultaat


@gelogd("wijzigen", "casus.betrokkene", "casus", _casus_van_resultaat)
def update_betrokkene(user, betrokkene, rol: str, dader: bool, slachtoffer: bool, problematiek: str) -> Betrokkene:
    _require_regie(user, betrokkene.casus)
    _require_open(betrokkene.casus)
    betrokkene.rol, betrokkene.dader, betrokkene.slachtoffer = rol.strip(), dader, slachtoffer
    betrokkene.problematiek = problematiek.strip()
    betrokkene.save(update_fields=["rol", "dader", "slachtoffer", "problematiek"])
    _touch(betrokkene.casus)
    return betrokkene


@gelogd("wijzigen", "casus.deelnemer", "casus", _casus_argument)
def add_deelnemer(user, casus, organisatie, gebruiker=None, rol="") -> Deelnemer:
    _require_regie(user, casus)
    _require_open(casus)
    if organisatie.gemeente_id != casus.gemeente_id:
        raise InvalidInput.field("organisatie", _("Onbekende organisatie."), "invalid")
    if gebruiker is not None and gebruiker.organisatie_id != organisatie.pk:
        raise InvalidInput.field("gebruiker", _("Deze professional werkt niet bij die organisatie."), "invalid")
    existing = casus.deelnemers.filter(organisatie=organisatie, gebruiker=gebruiker).first()
    if existing:
        return existing
    deelnemer = Deelnemer.objects.create(
        gemeente=casus.gemeente, casus=casus, organisatie=organisatie, gebruiker=gebruiker, rol=rol.strip()
    )
    if gebruiker is not None:
        # Without a sharing decision for their organisation the message carries nothing of the case.
        titel = _("U neemt deel aan een casus")
        if delen_selectors.allowed_categories(gebruiker, casus):
            titel = _("U neemt deel aan casus %(nummer)s") % {"nummer": casus.nummer}
        notify(gebruiker, titel, _("U bent als deelnemer toegevoegd aan een casus."), "/acties/")
    _touch(casus)
    return deelnemer


# --- The plan ------------------------------------------------------------------------------------


def plan_snapshot(casus) -> dict:
    """The plan as data: analysis per life domain, goals, agreements and interventions."""
    return {
        "aanpak": casus.aanpak,
        "analyses": [
            {"leefgebied": a.leefgebied.naam, "tekst": a.tekst}
            for a in casus.analyses.select_related("leefgebied").order_by("leefgebied__volgorde")
        ],
        "doelen": [
            {
                "id": str(d.pk),
                "omschrijving": d.omschrijving,
                "leefgebied": d.leefgebied.naam if d.leefgebied_id else "",
                "resultaat": d.resultaat,
            }
            for d in casus.doelen.select_related("leefgebied")
        ],
        "afspraken": [a.omschrijving for a in casus.afspraken.all()],
        "interventies": [
            {
                "id": str(i.pk),
                "soort": i.soort.naam,
                "familie": i.soort.familie,
                "omschrijving": i.omschrijving,
                "doel": str(i.doel_id) if i.doel_id else None,
                "organisatie": i.eigenaar_organisatie.naam,
                "uitvoerder": i.eigenaar.get_full_name() if i.eigenaar_id else "",
                "deadline": i.deadline.isoformat(),
                "status": i.status,
                "resultaat": i.resultaat,
                "impact_huishouden": i.impact_huishouden,
                "opvang_gevolgen": i.opvang_gevolgen,
            }
            for i in casus.interventies.select_related("soort", "eigenaar_organisatie", "eigenaar").order_by(
                "deadline", "aangemaakt_op", "pk"
            )
        ],
    }


def _record_version(casus, user, wijziging: str) -> PlanVersie:
    last = casus.planversies.aggregate(m=Max("versie"))["m"] or 0
    version = PlanVersie.objects.create(
        gemeente=casus.gemeente,
        casus=casus,
        versie=last + 1,
        wijziging=wijziging[:300],
        inhoud=plan_snapshot(casus),
        gewijzigd_door=user,
    )
    _touch(casus, version.gewijzigd_op)
    return version


def current_version(casus) -> PlanVersie | None:
    return casus.planversies.order_by("-versie").first()


@gelogd("wijzigen", "casus.plan", "casus", _casus_argument)
def save_analyse(user, casus, leefgebied, tekst: str) -> PlanVersie:
    _require_regie(user, casus)
    _require_open(casus)
    if leefgebied.gemeente_id != casus.gemeente_id:
        raise InvalidInput.field("leefgebied", _("Onbekend leefgebied."), "invalid")
    tekst = tekst.strip()
    if tekst:
        Analyse.objects.update_or_create(
            casus=casus, leefgebied=leefgebied, defaults={"tekst": tekst, "gemeente": casus.gemeente}
        )
    else:
        Analyse.objects.filter(casus=casus, leefgebied=leefgebied).delete()
    return _record_version(casus, user, _("Analyse %(leefgebied)s bijgewerkt") % {"leefgebied": leefgebied.naam})


def update_analyse(user, casus, teksten: dict, *, geheel: bool = False) -> list[tuple[Leefgebied, str]]:
    """Set the analysis of the given life domains (``{Leefgebied: text}``; an empty text removes it). With ``geheel``
    the texts are the whole analysis: an active domain not among them is emptied. Only the domains whose text differs
    from what is stored are saved, each with its plan version, all of them or none. Returns the changed domains with
    their new text (empty when nothing changed)."""
    _require_regie(user, casus)
    _require_open(casus)
    if geheel:
        actief = Leefgebied.objects.filter(gemeente=casus.gemeente, actief=True)
        teksten = {**dict.fromkeys(actief, ""), **teksten}
    stored = dict(casus.analyses.values_list("leefgebied_id", "tekst"))
    changed = [
        (leefgebied, tekst.strip())
        for leefgebied, tekst in teksten.items()
        if tekst.strip() != (stored.get(leefgebied.pk) or "").strip()
    ]
    with transaction.atomic():
        for leefgebied, tekst in changed:
            save_analyse(user, casus, leefgebied, tekst)
    return changed


@gelogd("wijzigen", "casus.plan", "casus", _casus_argument)
def add_doel(user, casus, omschrijving: str, leefgebied=None) -> Doel:
    _require_regie(user, casus)
    _require_open(casus)
    if not omschrijving.strip():
        raise InvalidInput.field("omschrijving", _("Omschrijf het doel."), "required")
    doel = Doel.objects.create(
        gemeente=casus.gemeente, casus=casus, omschrijving=omschrijving.strip()[:300], leefgebied=leefgebied
    )
    _record_version(casus, user, _("Doel toegevoegd: %(doel)s") % {"doel": doel.omschrijving})
    return doel


@gelogd("wijzigen", "casus.plan", "casus", _casus_argument)
def add_afspraak(user, casus, omschrijving: str) -> Afspraak:
    _require_regie(user, casus)
    _require_open(casus)
    if not omschrijving.strip():
        raise InvalidInput.field("omschrijving", _("Omschrijf de afspraak."), "required")
    afspraak = Afspraak.objects.create(gemeente=casus.gemeente, casus=casus, omschrijving=omschrijving.strip())
    _record_version(casus, user, _("Afspraak toegevoegd"))
    return afspraak


@dataclass
class InterventieInvoer:
    soort: str  # catalogue code
    eigenaar_organisatie: str  # organisation id
    deadline: dt.date
    doel: str | None = None  # goal id
    eigenaar: str | None = None  # user id
    omschrijving: str = ""
    impact_huishouden: str = ""
    opvang_gevolgen: str = ""


def _deel_de_eigen_actie(user, casus, organisatie, soort):
    """An organisation given an action must be able to see it: when no decision for it exists on the case, the minimal
    one is recorded (the case's header and the organisation's own actions), on the legal basis of the case's most
    recent active decision, else the first of the gemeente's list. The regisseur is told (the view's message), and it
    is shown, and can be withdrawn, under Delen like any other. A withdrawn or expired decision is not overruled."""
    if organisatie.pk == user.organisatie_id or not delen_services.may_record(user):
        return None
    actief = delen_selectors.active_decisions(organisatie, casus)
    if actief.filter(categorieen__icontains=f'"{Categorie.EIGEN_ACTIES}"').exists():
        return None
    if delen_selectors.decisions_for_casus(casus).filter(ontvanger=organisatie).exists():
        return None  # a decision for it was withdrawn or ran out: that choice is the regisseur's to undo, not ours
    from regiekamer.protocol.models import ProtocolInstelling

    vorige = (
        delen_selectors.decisions_for_casus(casus)
        .filter(pk__in=DelingsBesluit.objects.actief().values("pk"))
        .exclude(grondslag="")
        .values_list("grondslag", flat=True)
    )
    instelling = ProtocolInstelling.objects.filter(gemeente=casus.gemeente).first()
    keuzes = instelling.grondslag_keuzes if instelling else []
    grondslag = next(iter(vorige[:1]), "") or next(iter(keuzes), "") or _("Art. 6 lid 1 sub e AVG")
    return delen_services.record_delingsbesluit(
        user,
        ontvanger=organisatie,
        casus=casus,
        categorieen=list(MINIMAAL),
        omschrijving=_("De kopgegevens van de casus en de acties die aan %(organisatie)s zijn toegewezen.")
        % {"organisatie": organisatie.naam},
        doel=_("Uitvoering van de toegewezen actie: %(soort)s.") % {"soort": soort.naam},
        grondslag=grondslag,
    )


@gelogd("wijzigen", "casus.interventie", "casus", _casus_argument)
def add_interventie(user, casus, invoer: InterventieInvoer, agendapunt=None) -> Interventie:
    """Add an action to the plan. A repressive one needs its expected impact on the household and
    who takes care of the consequences recorded first."""
    _require_regie(user, casus)
    _require_open(casus)
    errors = []
    soort = InterventieSoort.objects.filter(gemeente=casus.gemeente, code=invoer.soort, actief=True).first()
    if soort is None:
        errors.append({"name": "soort", "code": "onbekend", "reason": _("Onbekende interventie.")})
    organisatie = Organisatie.objects.filter(
        gemeente=casus.gemeente, pk=uuid_or_none(invoer.eigenaar_organisatie)
    ).first()
    if organisatie is None:
        errors.append(
            {"name": "eigenaar_organisatie", "code": "invalid", "reason": _("Kies de uitvoerende organisatie.")}
        )
    eigenaar = None
    if invoer.eigenaar:
        eigenaar = User.objects.filter(pk=invoer.eigenaar if str(invoer.eigenaar).isdigit() else None).first()
        if eigenaar is None or organisatie is None or eigenaar.organisatie_id != organisatie.pk:
            errors.append(
                {
                    "name": "eigenaar",
                    "code": "invalid",
                    "reason": _("De uitvoerder moet bij de uitvoerende organisatie werken."),
                }
            )
    doel = None
    if invoer.doel:
        doel = casus.doelen.filter(pk=uuid_or_none(invoer.doel)).first()
        if doel is None:
            errors.append({"name": "doel", "code": "invalid", "reason": _("Dit doel hoort niet bij de casus.")})
    if not isinstance(invoer.deadline, dt.date):
        errors.append({"name": "deadline", "code": "required", "reason": _("Geef een uiterste datum.")})
    if soort is not None and soort.repressief:
        if not invoer.impact_huishouden.strip():
            errors.append(
                {
                    "name": "impact_huishouden",
                    "code": "required",
                    "reason": _("Leg vóór deze repressieve interventie de verwachte impact op het huishouden vast."),
                }
            )
        if not invoer.opvang_gevolgen.strip():
            errors.append(
                {
                    "name": "opvang_gevolgen",
                    "code": "required",
                    "reason": _("Leg vast wie de gevolgen voor het huishouden opvangt."),
                }
            )
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    interventie = Interventie.objects.create(
        gemeente=casus.gemeente,
        casus=casus,
        soort=soort,
        doel=doel,
        omschrijving=invoer.omschrijving.strip(),
        eigenaar_organisatie=organisatie,
        eigenaar=eigenaar,
        deadline=invoer.deadline,
        impact_huishouden=invoer.impact_huishouden.strip(),
        opvang_gevolgen=invoer.opvang_gevolgen.strip(),
        agendapunt=agendapunt,
    )
    # The owner must take part, or they could not open the case of their own action: the organisation as a
    # whole (no person) covers every colleague; otherwise the named owner, or the organisation for an
    # action without one.
    takes_part = Q(gebruiker__isnull=True) | Q(gebruiker=eigenaar) if eigenaar else Q(gebruiker__isnull=True)
    if not casus.deelnemers.filter(takes_part, organisatie=organisatie).exists():
        Deelnemer.objects.create(gemeente=casus.gemeente, casus=casus, organisatie=organisatie, gebruiker=eigenaar)
    # The view tells the regisseur about a decision recorded here.
    interventie.gedeeld_besluit = _deel_de_eigen_actie(user, casus, organisatie, soort)
    if eigenaar is not None and eigenaar != user:
        if "eigen-acties" in delen_selectors.allowed_categories(eigenaar, casus):
            notify(
                eigenaar,
                _("Nieuwe actie voor u in casus %(nummer)s") % {"nummer": casus.nummer},
                _("Er is een actie aan u toegewezen: %(soort)s, uiterlijk %(deadline)s.")
                % {"soort": soort.naam, "deadline": invoer.deadline.strftime("%d-%m-%Y")},
                "/acties/",
            )
        else:  # no sharing decision allows the owner's own actions yet: nothing of the case in the message
            notify(
                eigenaar,
                _("Nieuwe actie voor u"),
                _("Er is een actie aan u toegewezen. U ziet die zodra de regisseur deze met uw organisatie deelt."),
                "/acties/",
            )
    _record_version(casus, user, _("Interventie toegevoegd: %(soort)s") % {"soort": soort.naam})
    return interventie


def may_update_interventie(user, interventie) -> bool:
    """The regisseur side may update every action of the gemeente; a partner only actions assigned to
    them (to them personally, or to their organisation without a named person)."""
    if user.gemeente is None or interventie.gemeente_id != user.gemeente.pk:
        return False
    if permissions.has_capability(user, permissions.MANAGE_CASES):
        return True
    if not permissions.has_capability(user, permissions.UPDATE_OWN_ACTIONS):
        return False
    if interventie.eigenaar_id:
        return interventie.eigenaar_id == user.pk
    return interventie.eigenaar_organisatie_id == user.organisatie_id


@gelogd("wijzigen", "casus.interventie", "casus", _casus_van_resultaat)
def update_interventie(user, interventie, status: str, resultaat: str = "", deadline=None) -> Interventie:
    if not may_update_interventie(user, interventie):
        raise NotAllowed(_("Deze actie is niet aan u toegewezen."))
    _require_open(interventie.casus)
    if status not in Interventie.Status.values:
        raise InvalidInput.field("status", _("Onbekende status."), "invalid")
    if status in (Interventie.Status.AFGEROND, Interventie.Status.GESTOPT) and not resultaat.strip():
        raise InvalidInput.field("resultaat", _("Beschrijf het resultaat bij afronden of stoppen."), "required")
    changes = []
    if status != interventie.status:
        changes.append(
            _("status %(oud)s → %(nieuw)s")
            % {"oud": interventie.get_status_display(), "nieuw": Interventie.Status(status).label}
        )
    if deadline and deadline != interventie.deadline:
        if not permissions.has_capability(user, permissions.MANAGE_CASES):
            raise NotAllowed(_("Alleen de regisseur verzet een uiterste datum."))
        changes.append(
            _("uiterste datum %(oud)s → %(nieuw)s")
            % {"oud": interventie.deadline.strftime("%d-%m-%Y"), "nieuw": deadline.strftime("%d-%m-%Y")}
        )
        interventie.deadline = deadline
    if resultaat.strip() != interventie.resultaat:
        changes.append(_("resultaat bijgewerkt"))
    interventie.status = status
    interventie.resultaat = resultaat.strip()
    now = timezone.now()
    interventie.bijgewerkt_op = now
    interventie.afgerond_op = now if status in (Interventie.Status.AFGEROND, Interventie.Status.GESTOPT) else None
    interventie.save()
    if changes:
        _record_version(interventie.casus, user, f"{interventie.soort.naam}: " + ", ".join(str(c) for c in changes))
    return interventie


# --- Closing and relapse -------------------------------------------------------------------------


@gelogd("wijzigen", "casus.sluiten", "casus", _casus_argument)
def close_casus(user, casus, resultaten: dict[str, str], sluitreden: str, evaluatie: str) -> Casus:
    """Close a case with a result per goal, a closing reason and an evaluation."""
    _require_regie(user, casus)
    _require_open(casus)
    errors = []
    doelen = list(casus.doelen.all())
    for doel in doelen:
        if resultaten.get(str(doel.pk)) not in Doel.Resultaat.values:
            errors.append(
                {
                    "name": f"resultaten.{doel.pk}",
                    "code": "required",
                    "reason": _("Geef het resultaat van doel '%(doel)s'.") % {"doel": doel.omschrijving},
                }
            )
    if sluitreden not in Casus.Sluitreden.values:
        errors.append({"name": "sluitreden", "code": "required", "reason": _("Kies een reden van sluiten.")})
    if not evaluatie.strip():
        errors.append({"name": "evaluatie", "code": "required", "reason": _("Schrijf een korte evaluatie.")})
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    open_actions = casus.interventies.filter(status__in=Interventie.OPEN_STATUSES).count()
    if open_actions:
        raise TransitionRefused(
            _("Er staan nog %(aantal)d open acties; rond ze af of stop ze voordat u de casus sluit.")
            % {"aantal": open_actions}
        )
    for doel in doelen:
        doel.resultaat = resultaten[str(doel.pk)]
        doel.save(update_fields=["resultaat"])
    now = timezone.now()
    casus.status, casus.gesloten_op = Casus.Status.GESLOTEN, now
    casus.sluitreden, casus.evaluatie = sluitreden, evaluatie.strip()
    casus.save(update_fields=["status", "gesloten_op", "sluitreden", "evaluatie"])
    _record_version(casus, user, _("Casus gesloten (%(reden)s)") % {"reden": casus.get_sluitreden_display()})
    return casus


def _cases_naming_subjects_of(signaal) -> set:
    """The ids of the cases with a betrokkene among the signal's persons, addresses or legal persons. One query, a
    ``UNION`` of one index read per kind of subject (the signal's links, then betrokkenen by that subject), so that
    the database never walks all betrokkenen. Most new signals name nobody on a case, and then this is all intake
    asks."""
    signalen = type(signaal)
    per_kind = [
        Betrokkene.objects.filter(**{f"{column}__in": link.objects.filter(signaal_id=signaal.pk).values(column)})
        .order_by()
        .values_list("casus_id", flat=True)
        for link, column in (
            (signalen.personen.through, "persoon_id"),
            (signalen.adressen.through, "adres_id"),
            (signalen.rechtspersonen.through, "rechtspersoon_id"),
        )
    ]
    return set(per_kind[0].union(*per_kind[1:]))


def link_new_signaal(signaal) -> list[CasusSignaal]:
    """A new signal about a subject of an open case appears on that case; about a subject of a case
    closed within the relapse period, it flags that case as possible relapse. The regisseur is told.

    Purpose binding: a signal collected for another purpose than the case's is not linked. The regisseur is
    told that it exists, and can record a compatibility decision and then link it by hand."""
    betrokken = _cases_naming_subjects_of(signaal)
    if not betrokken:
        return []
    terugval_dagen = instellingen(signaal.gemeente).terugval_dagen
    since = signaal.ontvangen_op - dt.timedelta(days=terugval_dagen)
    candidates = (
        Casus.objects.filter(gemeente=signaal.gemeente, pk__in=betrokken)
        .filter(Q(status=Casus.Status.OPEN) | Q(status=Casus.Status.GESLOTEN, gesloten_op__gte=since))
        .exclude(casus_signalen__signaal=signaal)
        .select_related("regisseur")
    )
    links = []
    for casus in candidates:
        if not doelbinding.mag_gebruiken(signaal, casus.doel, casus):
            notify(
                casus.regisseur,
                _("Signaal %(signaal)s over een betrokkene van casus %(casus)s is niet gekoppeld (ander doel)")
                % {"signaal": signaal.nummer, "casus": casus.nummer},
                _(
                    "Er is een nieuw signaal binnengekomen over een betrokkene van deze casus. Het is verzameld "
                    "voor '%(van)s' en de casus heeft het doel '%(naar)s'. Het wordt pas gekoppeld na een "
                    "verenigbaarheidsbesluit."
                )
                % {"van": label(signaal.doel), "naar": label(casus.doel)},
                doelbinding.VerenigbaarheidsbesluitOntbreekt(signaal, casus.doel, casus).formulier_url,
            )
            continue
        soort = CasusSignaal.Soort.NIEUW if casus.is_open else CasusSignaal.Soort.TERUGVAL
        links.append(CasusSignaal.objects.create(gemeente=casus.gemeente, casus=casus, signaal=signaal, soort=soort))
        cijfers.signaal_gekoppeld(links[-1])
        if soort == CasusSignaal.Soort.NIEUW:
            subject = _("Nieuw signaal %(signaal)s op casus %(casus)s")
            _touch(casus)
        else:
            subject = _("Mogelijke terugval: nieuw signaal %(signaal)s na gesloten casus %(casus)s")
        notify(
            casus.regisseur,
            subject % {"signaal": signaal.nummer, "casus": casus.nummer},
            _("Er is een nieuw signaal binnengekomen over een betrokkene van deze casus."),
            f"/casussen/{casus.pk}/",
        )
    return links


def link_new_signalen(gemeente, signalen: list) -> list[CasusSignaal]:
    """``link_new_signaal`` for many new signals of one gemeente (the bulk import): one query finds the persons and
    addresses that are betrokkene of a case open or closed within the relapse period; only the signals naming one of
    them go through ``link_new_signaal``. Each item: (signaal, person ids, address ids)."""
    if not signalen:
        return []
    personen = {pk for _signaal, ids, _adressen in signalen for pk in ids}
    adressen = {pk for _signaal, _personen, ids in signalen for pk in ids}
    if not (personen or adressen):
        return []
    since = min(signaal.ontvangen_op for signaal, _p, _a in signalen) - dt.timedelta(
        days=instellingen(gemeente).terugval_dagen
    )
    betrokken = set()
    for persoon_id, adres_id in (
        Betrokkene.objects.filter(casus__gemeente=gemeente)
        .filter(
            Q(casus__status=Casus.Status.OPEN) | Q(casus__status=Casus.Status.GESLOTEN, casus__gesloten_op__gte=since)
        )
        .filter(Q(persoon_id__in=personen) | Q(adres_id__in=adressen))
        .values_list("persoon_id", "adres_id")
    ):
        betrokken |= {persoon_id, adres_id} - {None}
    links = []
    for signaal, persoon_ids, adres_ids in signalen:
        if betrokken & (set(persoon_ids) | set(adres_ids)):
            links += link_new_signaal(signaal)
    return links


@transaction.atomic
def mark_signalen_seen(user, casus) -> int:
    _require_regie(user, casus)
    return casus.casus_signalen.filter(gezien_op__isnull=True).update(gezien_op=timezone.now())


def stalled_cutoff(gemeente, now=None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=instellingen(gemeente).stagnatie_dagen)
