"""The access matrix: every URL and API endpoint, requested (GET) by every role of tenant A, by a
participating and a non-participating partner professional, by the regisseur of tenant B and anonymously.

The expected outcome of each cell is written out below (``WEB`` and ``API``), derived from the capability
matrix in ``accounts/permissions.py``: zero unexpected 200s, zero unexpected denials. A URL pattern that is not
in the table fails ``test_every_url_pattern_is_in_the_matrix``, so the matrix stays complete."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.accounts.roles import Rol
from regiekamer.analyse.pseudonyms import pseudonym
from regiekamer.casussen import monitoring, services
from regiekamer.casussen.models import Escalatie
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.conftest import make_signaal
from regiekamer.delen.models import Categorie
from regiekamer.delen.services import record_delingsbesluit
from regiekamer.identiteit.models import Beoordeling
from regiekamer.importen import services as import_services
from regiekamer.notifications.services import notify
from regiekamer.overleggen.services import add_agendapunt, plan_overleg
from regiekamer.protocol.machine import Aanpak
from regiekamer.subjects.services import PersoonGegevens, koppel_persoon

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

ROLES = tuple(rol.value for rol in Rol)
# Principals: the 7 roles of tenant A, the wijkagent (partner professional taking part in the case), the
# regisseur of tenant B ("ander"), anonymous, and for the API also a partner system (organisation token).
REG, OT, PP, AN, MA, PF, FB = ROLES
WA, ANDER, ANON, SYS = "wijkagent", "ander", "anoniem", "systeem"
WEB_PRINCIPALS = (*ROLES, WA, ANDER, ANON)
API_PRINCIPALS = (*WEB_PRINCIPALS, SYS)

REGIE = {REG, OT}  # casus.regie, signaal.inzien, subject.inzien, bron.raadplegen, weging.vastleggen
MELDERS = {REG, OT, PP, WA}  # signaal.melden, signaal.eigen-meldingen, actie.eigen-bijwerken
CIJFERS = {REG, OT, AN, MA, PF}  # overzicht.cijfers
LOGGED_IN = {*ROLES, WA, ANDER}


def cells(ok, deny=403, anon=302, ok_status=200, **overrides):
    """Expected status per principal: ``ok_status`` for ``ok``, ``deny`` for the others, ``anon`` for anonymous."""
    table = {principal: (ok_status if principal in ok else deny) for principal in API_PRINCIPALS}
    table[ANON] = anon
    table.update(overrides)
    return table


def web(ok, deny=403, **overrides):
    """A web page: anonymous users are sent to the login page."""
    table = cells(ok, deny, 302, **overrides)
    table.pop(SYS)
    return table


def api(ok, deny=403, **overrides):
    """An API endpoint: anonymous callers get 401 (problem+json)."""
    return cells(ok, deny, 401, **overrides)


def everyone(status, principals=API_PRINCIPALS):
    return dict.fromkeys(principals, status)


def same_for_b(roles):
    """A page of one's own gemeente (a list, a form, own notifications): the regisseur of tenant B holds the same
    capabilities in tenant B, so gets it too (``test_tenant_b_sees_nothing_of_tenant_a`` checks the content)."""
    return set(roles) | ({ANDER} if REG in roles else set())


# Tenant B never learns that an object of tenant A exists: 404 on every object URL.
NOT_FOUND_FOR_B = {ANDER: 404}
# A partner professional who does not take part in the case: 404 (its existence is not revealed).
OUTSIDER = {PP: 404}

# --- The expected matrix: web UI ---------------------------------------------------------------------------

WEB = {
    "health": everyone(200, WEB_PRINCIPALS),
    "ready": everyone(200, WEB_PRINCIPALS),
    "metrics": everyone(200, WEB_PRINCIPALS),  # by address (the test client is 127.0.0.1), not by login
    "home": everyone(302, WEB_PRINCIPALS),  # a redirect to each role's landing page, or to the login page
    "accounts:login": {**everyone(302, WEB_PRINCIPALS), ANON: 200},
    # The second login step: every principal here has passed it already (or needs none), so it sends them on.
    "accounts:tweestaps": everyone(302, WEB_PRINCIPALS),
    "accounts:tweestaps-instellen": everyone(302, WEB_PRINCIPALS),
    "admin:index": web({FB}, deny=302),  # the admin is for the functioneel beheerder (is_staff)
    "audit:verwerkingen": web({PF}),
    "audit:verwerkingen-csv": web({PF}),
    "delen:verstrekkingen": web({PF}),  # disclosures to an organisation: decisions and the log, no case content
    "overzicht": {**web(same_for_b(CIJFERS)), **dict.fromkeys(same_for_b(CIJFERS), 302)},  # to the dashboards
    # Regie op resultaat: aggregate figures only (overzicht.cijfers), for each gemeente its own.
    "inzicht:signalen": web(same_for_b(CIJFERS)),
    "inzicht:casussen": web(same_for_b(CIJFERS)),
    "notificaties": web(LOGGED_IN),
    # Escalations addressed to the user (case number, action, deadline, follow-up): escalatie.opvolgen.
    "casussen:escalaties": web(same_for_b(REGIE | {MA})),
    "overleggen:lijst": web(LOGGED_IN),  # filtered to the meetings the user may see
    "casussen:start": web(same_for_b(REGIE)),
    "casussen:lijst": web(same_for_b(REGIE)),
    "casussen:nieuw": web(same_for_b(REGIE)),
    "casussen:acties": web(same_for_b(MELDERS)),
    "casussen:detail": web(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    # The sections of the case workspace; betrokkenen and delen also take their section's form by POST.
    "casussen:sectie": web(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    "casussen:betrokkene-toevoegen": web(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    "casussen:delen": web(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    "casussen:planversie": web(REGIE, **NOT_FOUND_FOR_B),
    "casussen:review": web(REGIE, **NOT_FOUND_FOR_B),
    "casussen:sluiten": web(REGIE, **NOT_FOUND_FOR_B),
    "overleggen:nieuw": web(same_for_b(REGIE)),
    "overleggen:detail": web(REGIE | {WA}, deny=404),  # participants of the meeting only
    "overleggen:print": web(REGIE | {WA}, deny=404),
    "overleggen:pdf": web(REGIE | {WA}, deny=404),
    "signalen:werkvoorraad": web(same_for_b(REGIE)),
    "zoeken": web(same_for_b(REGIE)),
    "begrippen": web(LOGGED_IN),  # the terms of art: no personal data
    "signalen:detail": web(REGIE, **NOT_FOUND_FOR_B),
    "signalen:bijlage": web(REGIE, deny=404),
    "signalen:melden": web(same_for_b(MELDERS)),
    "signalen:melden-indicatoren": web(same_for_b(MELDERS)),
    "signalen:mijn-meldingen": web(same_for_b(MELDERS)),
    # The reporter's own signal (reported by the partnerprofessional): other reporters get 404.
    "signalen:melding-ontvangen": web({PP}, **dict.fromkeys((REG, OT, WA, ANDER), 404)),
    "signalen:mijn-melding": web({PP}, **dict.fromkeys((REG, OT, WA, ANDER), 404)),
    # The inzage report (AVG art. 15) about a person.
    # Requests of data subjects (inzage.behandelen): the regie and the privacyfunctionaris.
    "inzage:zoeken": web(same_for_b(REGIE | {PF})),
    "inzage:rapport": web(REGIE | {PF}, **NOT_FOUND_FOR_B),
    # Legal holds: placed and lifted by the regisseur side, the list read by the privacyfunctionaris.
    "retention:bewaarplichten": web(same_for_b(REGIE) | {PF}),
    # Rectifications and restrictions of the gemeente, for the privacyfunctionaris (no names or values).
    "inzage:verzoeken": web({PF}),
    # Pseudonymised analysis (analist); re-identification of a person's pseudonym; the list of re-identifications.
    "analyse:lijst": web({AN}),
    "analyse:export": web({AN}),
    "analyse:samenhang": web({AN}),
    "analyse:heridentificeren": web({AN}),
    "analyse:heridentificaties": web({PF}),
    # Areas (gebieden): figures per area for overzicht.cijfers; addresses on the map only with subject.inzien.
    "gebieden:kaart": web(same_for_b(CIJFERS)),
    "gebieden:overzicht": web(same_for_b(CIJFERS)),
    "gebieden:gebiedsbeeld": web(CIJFERS, **NOT_FOUND_FOR_B),
    "gebieden:hotspots": web(same_for_b(CIJFERS)),
    # The form to record a compatibility decision, for a signal of tenant A (in the query string).
    "doelbinding:nieuw": web(REGIE, **NOT_FOUND_FOR_B),
    # Profiles and networks. A profile is the regie's. The network of the case's person: the regie side, and the
    # wijkagent (takes part, betrokkenen shared); the analyst starts from pseudonyms only, so an id is unknown (404);
    # a partner not taking part gets 404; manager, privacyfunctionaris and beheerder no network (403).
    "netwerk:profiel": web(REGIE, **NOT_FOUND_FOR_B),
    "netwerk:netwerk": web(REGIE | {WA}, **{PP: 404, AN: 404}, **NOT_FOUND_FOR_B),
    "netwerk:export": web(REGIE | {WA}, **{PP: 404, AN: 404}, **NOT_FOUND_FOR_B),
    # The ondermijningsbeeld: aggregates only (overzicht.cijfers); another gemeente's area is unknown (404).
    "ondermijningsbeeld:kiezen": web(same_for_b(CIJFERS)),
    "ondermijningsbeeld:rapport": web(CIJFERS, **NOT_FOUND_FOR_B),
    "ondermijningsbeeld:pdf": web(CIJFERS, **NOT_FOUND_FOR_B),
    # Entity resolution: the review queue and one pair (persoon.samenvoegen, the regie roles).
    "identiteit:beoordelingen": web(same_for_b(REGIE)),
    "identiteit:beoordeling": web(REGIE, **NOT_FOUND_FOR_B),
    # Bulk intake (signaal.importeren): partner professionals and the beheerder; an import (by the partner
    # professional) is seen by its importer and the beheerder, another partner professional gets 404.
    "importen:lijst": web({PP, WA, FB}),
    "importen:kolommen": web({PP, WA, FB}),
    "importen:detail": web({PP, FB}, **{WA: 404}),
    "importen:voortgang": web({PP, FB}, **{WA: 404}),
    "importen:resultaat": web({PP, FB}, **{WA: 404}),
    "importen:terugkoppelingen": web({PP, WA, FB}),  # the creditor's own arrears reports, status only
}

# POST-only web endpoints: a GET gives 405 to everyone (require_POST comes first); who may POST is decided by the
# same capability checks in the services and is covered by each app's own tests.
POST_ONLY = {
    "accounts:logout",
    "casussen:actie-bijwerken",
    "casussen:afspraak-toevoegen",
    "casussen:analyse",
    "casussen:bespreking",
    "casussen:betrokkene-bijwerken",
    "casussen:betrokkene-zoeken",
    "casussen:delen-intrekken",
    "casussen:deelnemer-toevoegen",
    "casussen:doel-toevoegen",
    "casussen:interventie-bijwerken",
    "casussen:interventie-toevoegen",
    "casussen:opvolging",
    "casussen:signalen-gezien",
    "importen:terugkoppeling",
    "inzage:beperken",
    "inzage:opheffen",
    "inzage:rectificeren",
    "doelbinding:casus-doel",
    "doelbinding:signaal-koppelen",
    "inzage:vrijgeven",
    "inzage:weigeren",
    "notificatie-gelezen",
    "overleggen:agenda-opstellen",
    "retention:opheffen",
    "overleggen:casus-toevoegen",
    "overleggen:notulen",
    "signalen:bijlage-toevoegen",
    "signalen:bron-hit",
    "signalen:bron-inhoud",
    "signalen:weging",
    "signalen:toewijzen",
    "signalen:filter-bewaren",
    "signalen:filter-verwijderen",
    "identiteit:samenvoegen",
    "casussen:betrokkene-nieuw",
    "identiteit:ontvlechten",
}
WEB.update({name: everyone(405, WEB_PRINCIPALS) for name in POST_ONLY})

# --- The expected matrix: API -------------------------------------------------------------------------------

API = {
    # The OpenAPI schema and its Swagger UI are public documentation.
    "api:schema": everyone(200),
    "api:swagger-ui": everyone(200),
    "api:fenomenen": api(same_for_b(MELDERS) | {SYS}),
    "api:indicatoren": api(same_for_b(MELDERS) | {SYS}),
    # The ids of organisations and the intervention codes, for the casework over the API.
    "api:organisaties": api(same_for_b(REGIE)),
    "api:interventiesoorten": api(same_for_b(REGIE)),
    "api:leefgebieden": api(same_for_b(REGIE)),
    # The professionals of an organisation of tenant A (their ids for participants and action owners).
    "api:organisatie-medewerkers": api(REGIE, **NOT_FOUND_FOR_B),
    "api:mijn-meldingen": api(same_for_b(MELDERS) | {SYS}),
    # The partner system (the corporation's organisation token) sees the status of its organisation's report.
    "api:signaal-status": api({PP, SYS}, **dict.fromkeys((REG, OT, WA, ANDER), 404)),
    "api:signalen": api(same_for_b(REGIE)),
    "api:signaal-detail": api(REGIE, **NOT_FOUND_FOR_B),
    "api:signaal-wegingen": api(REGIE, **NOT_FOUND_FOR_B),
    "api:signaal-bronraadplegingen": api(REGIE, **NOT_FOUND_FOR_B),
    "api:bronnen": api(same_for_b(REGIE)),
    "api:persoon-detail": api(REGIE, **NOT_FOUND_FOR_B),
    "api:adres-detail": api(REGIE, **NOT_FOUND_FOR_B),
    "api:rechtspersoon-detail": api(REGIE, **NOT_FOUND_FOR_B),
    "api:casussen": api(same_for_b(MELDERS)),  # partners: the cases they take part in
    "api:interventies": api(same_for_b(MELDERS)),  # partners: their own actions
    "api:casus-detail": api(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    # The wijkagent's decision includes "plan": the goals and agreements (``weergave`` "deelnemer").
    "api:casus-plan": api(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    # The regie sees every decision about the case; the wijkagent those to its own organisation.
    "api:casus-delingsbesluiten": api(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    "api:casus-planversies": api(REGIE, **OUTSIDER, **NOT_FOUND_FOR_B),
    "api:casus-planversie": api(REGIE, **OUTSIDER, **NOT_FOUND_FOR_B),
    # The analysis per leefgebied and the participants are the regie's: a participating partner gets 403.
    "api:casus-plan-analyse": api(REGIE, **OUTSIDER, **NOT_FOUND_FOR_B),
    "api:casus-deelnemers": api(REGIE, **OUTSIDER, **NOT_FOUND_FOR_B),
    # The betrokkenen, as in the case detail: the wijkagent's decision shares them.
    "api:casus-betrokkenen": api(REGIE | {WA}, **OUTSIDER, **NOT_FOUND_FOR_B),
    # Areas: GeoJSON per buurt or wijk and the hotspot list (addresses in it only with subject.inzien).
    "api:gebieden": api(same_for_b(CIJFERS)),
    "api:hotspots": api(same_for_b(CIJFERS)),
    # POST/PATCH-only endpoints: the capability is checked before the method, so an allowed caller gets 405.
    "api:zoeken": api(same_for_b(REGIE), ok_status=405),
    "api:casus-interventies": api(same_for_b(REGIE), ok_status=405),
    "api:casus-sluiten": api(same_for_b(REGIE), ok_status=405),
    "api:verenigbaarheidsbesluiten": api(same_for_b(REGIE), ok_status=405),
    "api:casus-signalen": api(same_for_b(REGIE), ok_status=405),
    "api:delingsbesluit-intrekken": api(same_for_b(REGIE), ok_status=405),
    "api:interventie-detail": api(same_for_b(MELDERS), ok_status=405),
    "api:casus-betrokkene": api(same_for_b(REGIE), ok_status=405),
    "api:casus-plan-doelen": api(same_for_b(REGIE), ok_status=405),
    "api:casus-plan-afspraken": api(same_for_b(REGIE), ok_status=405),
    # The network, as on the page (netwerk:netwerk); a partner system gets no network.
    "api:netwerk": api(REGIE | {WA}, **{PP: 404, AN: 404}, **NOT_FOUND_FOR_B),
    "api:cijfers": api(same_for_b(CIJFERS)),  # aggregate figures of the caller's own gemeente
    "api:ondermijningsbeeld": api(CIJFERS, **NOT_FOUND_FOR_B),  # ?gebied= a buurt of tenant A
    # Bulk intake: POST only for the list; an import is seen by its importer, the beheerder and the partner system of
    # its organisation (the corporation's token).
    "api:importen": api({PP, WA, FB, SYS}, ok_status=405),
    "api:import-detail": api({PP, FB, SYS}, **{WA: 404}),
    "api:import-resultaat": api({PP, FB, SYS}, **{WA: 404}),
    "api:vroegsignalering-terugkoppeling": api({PP, WA, FB, SYS}),
}

# The writes of the case workflow over the API, each with a body that is refused as invalid, so nothing is saved: the
# regie gets as far as validation (400), whoever lacks casus.regie 403 (the capability comes first, so a partner
# learns nothing of the case), the regisseur of tenant B 404 (tenant A's case does not exist for it).
WRITE_DENIED = {**api(REGIE, ok_status=400), ANDER: 404}
WRITES = {
    ("api:casus-betrokkenen", "post", '{"rol": ""}'): WRITE_DENIED,
    ("api:casus-betrokkene", "patch", '{"dader": "misschien"}'): WRITE_DENIED,
    ("api:casus-deelnemers", "post", "{}"): WRITE_DENIED,
    ("api:casus-plan-doelen", "post", "{}"): WRITE_DENIED,
    ("api:casus-plan-afspraken", "post", "{}"): WRITE_DENIED,
    ("api:casus-plan-analyse", "put", "{}"): WRITE_DENIED,
    ("api:casus-plan-analyse", "patch", '{"leefgebieden": [{"code": "onbekend", "tekst": "x"}]}'): WRITE_DENIED,
}

# Not part of the matrix: admin internals (only the admin index is checked).
SKIPPED_PREFIXES = ("admin:",)
CHECKED_ADMIN = {"admin:index"}


# --- URL enumeration --------------------------------------------------------------------------------------


def url_patterns(resolver=None, namespace=""):
    """Yield (qualified name, route) for every named pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for name, route in url_patterns(entry, inner):
                yield name, f"{entry.pattern}{route}"
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), str(entry.pattern)


def checked_names() -> set[str]:
    names = set()
    for name, _route in url_patterns():
        if name is None:
            continue
        if name.startswith(SKIPPED_PREFIXES) and name not in CHECKED_ADMIN:
            continue
        names.add(name)
    return names


# --- The world: tenant A's objects --------------------------------------------------------------------------


@pytest.fixture
def world(tenant, other_tenant):
    regisseur = tenant.regisseur
    signaal = make_signaal(
        tenant,
        rechtspersonen=[("Kweekhandel Groen B.V.", "12345678")],
        bijlagen=[SimpleUploadedFile("foto.png", PNG)],
    )
    casus = services.open_casus(regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    services.add_deelnemer(regisseur, casus, tenant.politie, gebruiker=tenant.wijkagent)
    # The participating partner sees the case through an active sharing decision for the police.
    besluit = record_delingsbesluit(
        regisseur,
        ontvanger=tenant.politie,
        casus=casus,
        categorieen=list(Categorie.values),
        omschrijving="Huishouden en de acties van de wijkagent",
        doel="Uitvoering van het plan",
        grondslag="Art. 6 lid 1 sub e AVG",
    )
    betrokkene = services.add_betrokkene(regisseur, casus, signaal.personen.first(), rol="bewoner")
    doel = services.add_doel(regisseur, casus, "Woning hennepvrij")
    interventie = services.add_interventie(
        regisseur,
        casus,
        InterventieInvoer(
            soort="gesprek",
            eigenaar_organisatie=str(tenant.politie.pk),
            eigenaar=str(tenant.wijkagent.pk),
            doel=str(doel.pk),
            deadline=timezone.localdate() - dt.timedelta(days=30),
        ),
    )
    monitoring.run_daily(tenant.gemeente, today=timezone.localdate())
    escalatie = Escalatie.objects.get(interventie=interventie)
    overleg = plan_overleg(
        regisseur,
        "casusoverleg",
        "Casusoverleg Centrum",
        timezone.now() + dt.timedelta(days=2),
        [regisseur.pk, tenant.wijkagent.pk],
    )
    punt = add_agendapunt(regisseur, overleg, casus)
    notificatie = notify(regisseur, "Test")
    versie = services.current_version(casus).versie
    # An uncertain pair in the review queue: the same name twice, without a birth date.
    for _twice in range(2):
        koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker"))
    beoordeling = Beoordeling.objects.get(gemeente=tenant.gemeente)
    import_obj = import_services.nieuw_import(
        tenant.partnerprofessional, b"referentie;fenomeen;omschrijving\nR-1;drugshandel;Aanloop\n", "a.csv", "web"
    )
    import_services.verwerk(import_obj.pk)
    # Entering the admin needs is_staff, which follows the functioneel-beheerder role (accounts/admin.py).
    tenant.users[FB].is_staff = True
    tenant.users[FB].save(update_fields=["is_staff"])
    return SimpleNamespace(
        tenant=tenant,
        other=other_tenant,
        signaal=signaal,
        casus=casus,
        besluit=besluit,
        betrokkene=betrokkene,
        interventie=interventie,
        escalatie=escalatie,
        overleg=overleg,
        punt=punt,
        notificatie=notificatie,
        versie=versie,
        beoordeling=beoordeling,
        import_obj=import_obj,
        bijlage=signaal.bijlagen.first(),
        persoon=signaal.personen.first(),
        adres=signaal.adressen.first(),
        rechtspersoon=signaal.rechtspersonen.first(),
    )


def path_for(world, name) -> str:
    """The URL of a pattern, its path parameters filled with tenant A's objects."""
    w = world
    if name == "doelbinding:nieuw":
        return f"{reverse(name)}?signaal={w.signaal.pk}&casus={w.casus.pk}"
    if name in ("netwerk:netwerk", "netwerk:export", "api:netwerk"):
        return f"{reverse(name)}?subject=persoon:{w.persoon.pk}&diepte=2&formaat=gexf"
    if name == "api:ondermijningsbeeld":
        return f"{reverse(name)}?gebied={w.tenant.buurt.code}"
    if name == "netwerk:profiel":
        return reverse(name, kwargs={"soort": "persoon", "pk": w.persoon.pk})
    kwargs = {
        "casussen:opvolging": {"pk": w.escalatie.pk},
        "casussen:actie-bijwerken": {"pk": w.interventie.pk},
        "casussen:delen-intrekken": {"pk": w.casus.pk, "besluit_pk": w.besluit.pk},
        "casussen:betrokkene-bijwerken": {"pk": w.casus.pk, "betrokkene_pk": w.betrokkene.pk},
        "casussen:interventie-bijwerken": {"pk": w.casus.pk, "interventie_pk": w.interventie.pk},
        "casussen:planversie": {"pk": w.casus.pk, "versie": w.versie},
        "casussen:sectie": {"pk": w.casus.pk, "sectie": "plan"},
        "signalen:filter-verwijderen": {"pk": 1},
        "overleggen:notulen": {"pk": w.overleg.pk, "punt_pk": w.punt.pk},
        "signalen:bijlage": {"pk": w.signaal.pk, "bijlage_pk": w.bijlage.pk},
        "notificatie-gelezen": {"pk": w.notificatie.pk},
        "api:persoon-detail": {"pk": w.persoon.pk},
        "identiteit:beoordeling": {"pk": w.beoordeling.pk},
        "inzage:rapport": {"pk": w.persoon.pk},
        "inzage:weigeren": {"pk": w.persoon.pk},
        "inzage:vrijgeven": {"pk": w.persoon.pk},
        "inzage:rectificeren": {"pk": w.persoon.pk},
        "inzage:beperken": {"pk": w.persoon.pk},
        "inzage:opheffen": {"pk": w.persoon.pk},
        "analyse:heridentificeren": {"pseudoniem": pseudonym(w.tenant.gemeente.pk, "persoon", w.persoon.pk)},
        "api:adres-detail": {"pk": w.adres.pk},
        "api:rechtspersoon-detail": {"pk": w.rechtspersoon.pk},
        "api:casus-planversie": {"pk": w.casus.pk, "versie": w.versie},
        "api:casus-betrokkene": {"pk": w.casus.pk, "betrokkene_id": w.betrokkene.pk},
        "api:organisatie-medewerkers": {"pk": w.tenant.politie.pk},
        "api:interventie-detail": {"pk": w.interventie.pk},
        "api:delingsbesluit-intrekken": {"pk": w.besluit.pk},
        "gebieden:gebiedsbeeld": {"code": w.tenant.buurt.code},
        "api:cijfers": {"figuur": "signalen"},
        "ondermijningsbeeld:rapport": {"code": w.tenant.buurt.code},
        "ondermijningsbeeld:pdf": {"code": w.tenant.buurt.code},
    }.get(name)
    if kwargs is None:
        route = dict(url_patterns())[name]
        if "<" not in route:
            return reverse(name)
        if name.startswith(("importen:", "api:import-")):
            kwargs = {"pk": w.import_obj.pk}
        elif name.startswith(("casussen:", "api:casus-")):
            kwargs = {"pk": w.casus.pk}
        elif name.startswith("overleggen:"):
            kwargs = {"pk": w.overleg.pk}
        else:  # signalen:*, melden, mijn-meldingen, api:signaal-*
            kwargs = {"pk": w.signaal.pk}
    return reverse(name, kwargs=kwargs)


def users_of(world) -> dict:
    users = {role: world.tenant.users[role] for role in ROLES}
    users[WA] = world.tenant.wijkagent
    users[ANDER] = world.other.regisseur
    return users


def web_clients(world) -> dict:
    clients = {ANON: Client()}
    for principal, user in users_of(world).items():
        clients[principal] = Client()
        clients[principal].force_login(user)
    return clients


def api_clients(world) -> dict:
    tokens = {ANON: None, SYS: ApiToken.issue(world.tenant.corporatie, omschrijving="Partnersysteem")[1]}
    for principal, user in users_of(world).items():
        tokens[principal] = ApiToken.issue(user.organisatie, user=user)[1]
    clients = {}
    for principal, raw in tokens.items():
        clients[principal] = APIClient()
        if raw:
            clients[principal].credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return clients


def walk(world):
    """Request every URL as every principal: {(name, principal): response}."""
    web, api_ = web_clients(world), api_clients(world)
    responses = {}
    for name in sorted(set(WEB) | set(API)):
        path = path_for(world, name)
        clients = api_ if name in API else web
        for principal, client in clients.items():
            responses[name, principal] = client.get(path)
    return responses


def status_mismatches(responses) -> list[str]:
    mismatches = []
    for (name, principal), response in responses.items():
        expected = {**WEB, **API}[name][principal]
        if response.status_code != expected:
            mismatches.append(f"{name} as {principal}: expected {expected}, got {response.status_code}")
    return mismatches


# --- The tests ----------------------------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_matrix():
    names, table = checked_names(), set(WEB) | set(API)
    assert not names - table, f"URL patterns missing from the access matrix: {sorted(names - table)}"
    assert not table - names, f"stale entries in the access matrix: {sorted(table - names)}"
    assert not set(WEB) & set(API)
    for name, table in WEB.items():
        assert set(table) == set(WEB_PRINCIPALS), name
    for name, table in API.items():
        assert set(table) == set(API_PRINCIPALS), name


def test_access_matrix(world):
    responses = walk(world)
    mismatches = status_mismatches(responses)
    assert len(responses) == len(WEB) * len(WEB_PRINCIPALS) + len(API) * len(API_PRINCIPALS)
    assert not mismatches, "\n".join(mismatches)
    # Anonymous web requests are sent to the login page; anonymous API calls get a problem+json 401.
    for (name, principal), response in responses.items():
        if principal == ANON and response.status_code == 302 and name != "admin:index":
            assert response["Location"].startswith(reverse("accounts:login")), name
        if principal == ANON and response.status_code == 401:
            assert response["Content-Type"] == "application/problem+json", name


def test_tenant_b_and_outsiders_see_nothing_of_tenant_a(world):
    """A 200 for the regisseur of tenant B, or for a role without access to the case, must not show tenant A's
    case, signal, meeting, action or person, not even their identifiers."""
    w = world
    forbidden = {
        ANDER: {w.casus.pk, w.signaal.pk, w.overleg.pk, w.interventie.pk, w.persoon.pk, w.escalatie.pk, w.casus.nummer},
        PP: {w.casus.pk, w.overleg.pk, w.interventie.pk, w.casus.nummer},
        AN: {w.casus.pk, w.signaal.pk, w.persoon.pk, w.casus.nummer},
        MA: {w.casus.pk, w.signaal.pk, w.persoon.pk, w.casus.nummer},
        PF: {w.casus.pk, w.signaal.pk, w.persoon.pk, w.casus.nummer},
        FB: {w.casus.pk, w.signaal.pk, w.persoon.pk, w.casus.nummer},
    }
    leaks = []
    for (name, principal), response in walk(world).items():
        if principal not in forbidden or response.status_code != 200 or name in ("api:schema", "api:swagger-ui"):
            continue
        if (name, principal) in {("audit:verwerkingen", PF), ("audit:verwerkingen-csv", PF), ("inzage:rapport", PF)}:
            # The privacyfunctionaris reads the processing log, which names what was processed, and handles
            # requests of data subjects: the inzage report shows the person everything held about them.
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        for value in forbidden[principal]:
            if str(value) in body:
                leaks.append(f"{name} as {principal}: shows {value}")
    assert not leaks, "\n".join(leaks)


def test_write_access_matrix(world):
    """Who may write the case's betrokkenen, participants, goals, agreements and analysis over the API."""
    clients = api_clients(world)
    versies = world.casus.planversies.count()
    mismatches = []
    for (name, method, body), expected in WRITES.items():
        path = path_for(world, name)
        for principal, client in clients.items():
            response = getattr(client, method)(path, body, content_type="application/json")
            if response.status_code != expected[principal]:
                mismatches.append(
                    f"{method.upper()} {name} as {principal}: expected {expected[principal]}, got "
                    f"{response.status_code}"
                )
            elif response["Content-Type"] != "application/problem+json":
                mismatches.append(f"{method.upper()} {name} as {principal}: not problem+json")
    assert not mismatches, "\n".join(mismatches)
    assert world.casus.planversies.count() == versies
