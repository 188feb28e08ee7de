"""Reads and changes that are logged since the processing log covers meetings, own actions, plan versions,
reporters' status views, attachments and the configuration admin."""

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken, Organisatie
from regiekamer.audit.models import Verwerking
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import CasusSignaal
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.conftest import make_signaal
from regiekamer.delen.testing import share
from regiekamer.overleggen import services as overleg_services
from regiekamer.protocol.machine import Aanpak

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def entries(handeling, **filters):
    return list(Verwerking.objects.filter(handeling=handeling, **filters).order_by("volgnummer"))


def only(handeling, **filters):
    found = entries(handeling, **filters)
    assert len(found) == 1, [(e.handeling, e.objecttype, e.object_ids) for e in found]
    return found[0]


def ids(*objects):
    return [str(getattr(o, "pk", o)) for o in objects]


def api_for(tenant, user=None, organisatie=None):
    _token, raw = ApiToken.issue(organisatie or user.organisatie, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


@pytest.fixture
def meeting(tenant):
    """A meeting with two cases on the agenda; the wijkagent takes part in the meeting and in one case only."""
    regisseur = tenant.regisseur
    zijne = casus_services.open_casus(regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    casus_services.add_deelnemer(regisseur, zijne, tenant.politie, gebruiker=tenant.wijkagent)
    share(zijne, tenant.politie)
    interventie = casus_services.add_interventie(
        regisseur,
        zijne,
        InterventieInvoer(
            soort="gesprek",
            eigenaar_organisatie=str(tenant.politie.pk),
            eigenaar=str(tenant.wijkagent.pk),
            deadline=timezone.localdate() + dt.timedelta(days=10),
        ),
    )
    andere = casus_services.open_casus(regisseur, "Huishouden Pietersen", Aanpak.HUISHOUDEN)
    overleg = overleg_services.plan_overleg(
        regisseur, "casusoverleg", "Casusoverleg", timezone.now() + dt.timedelta(days=1), [tenant.wijkagent.pk]
    )
    punt = overleg_services.add_agendapunt(regisseur, overleg, zijne)
    overleg_services.add_agendapunt(regisseur, overleg, andere)
    return type(
        "Meeting", (), {"overleg": overleg, "zijne": zijne, "andere": andere, "punt": punt, "interventie": interventie}
    )


# --- Meetings ----------------------------------------------------------------------------------------


def test_planning_and_agenda_are_logged_as_changes(tenant, meeting):
    plannen = only("overleg.plannen")
    assert (plannen.actie, plannen.objecttype, plannen.object_ids) == ("aanmaken", "overleg", ids(meeting.overleg))
    assert plannen.gebruiker == tenant.regisseur.username
    agendapunten = entries("overleg.agendapunt")
    assert [(e.actie, e.objecttype, e.object_ids) for e in agendapunten] == [
        ("wijzigen", "casus", ids(meeting.zijne)),
        ("wijzigen", "casus", ids(meeting.andere)),
    ]


def test_meeting_list_logs_the_meetings_shown(client, tenant, meeting):
    client.force_login(tenant.wijkagent)
    assert client.get(reverse("overleggen:lijst")).status_code == 200
    entry = only("overleggen.lijst")
    assert (entry.gebruiker, entry.objecttype, entry.object_ids) == (
        tenant.wijkagent.username,
        "overleg",
        ids(meeting.overleg),
    )
    assert (entry.bron, entry.kanaal) == ("web", "overleggen:lijst")


@pytest.mark.parametrize(
    ("name", "handeling"),
    [
        ("overleggen:detail", "overleg.detail"),
        ("overleggen:print", "overleg.afdruk"),
        ("overleggen:pdf", "overleg.pdf"),
    ],
)
def test_each_participants_copy_logs_only_the_cases_in_it(client, tenant, meeting, name, handeling):
    client.force_login(tenant.wijkagent)
    assert client.get(reverse(name, args=[meeting.overleg.pk])).status_code == 200
    overleg_entry = only(handeling, objecttype="overleg")
    assert overleg_entry.object_ids == ids(meeting.overleg)
    casus_entry = only(handeling, objecttype="casus")
    # The wijkagent's copy holds only the case he takes part in.
    assert casus_entry.object_ids == ids(meeting.zijne)
    assert (casus_entry.gebruiker, casus_entry.actie, casus_entry.kanaal) == (
        tenant.wijkagent.username,
        "lezen",
        name,
    )

    client.force_login(tenant.regisseur)
    assert client.get(reverse(name, args=[meeting.overleg.pk])).status_code == 200
    regie = only(handeling, objecttype="casus", gebruiker=tenant.regisseur.username)
    assert sorted(regie.object_ids) == sorted(ids(meeting.zijne, meeting.andere))


def test_minutes_and_decisions_are_logged(client, tenant, meeting):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("overleggen:notulen", args=[meeting.overleg.pk, meeting.punt.pk]),
        {
            "punt1-notulen": "Besproken.",
            "punt1-besluiten": "Huisbezoek.",
            "punt1-actie-TOTAL_FORMS": "0",
            "punt1-actie-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    entry = only("overleg.notulen")
    assert (entry.actie, entry.objecttype, entry.object_ids) == ("wijzigen", "casus", ids(meeting.zijne))
    assert entry.kanaal == "overleggen:notulen"


def test_refused_minutes_leave_no_change_entry(client, tenant, meeting):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("overleggen:notulen", args=[meeting.overleg.pk, meeting.punt.pk]),
        {"punt1-notulen": "", "punt1-besluiten": "", "punt1-actie-TOTAL_FORMS": "0", "punt1-actie-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 400
    assert entries("overleg.notulen") == []


# --- Mijn acties and plan versions ---------------------------------------------------------------------


def test_own_actions_list_logs_the_actions_and_cases_shown(client, tenant, meeting):
    client.force_login(tenant.wijkagent)
    assert client.get(reverse("casussen:acties")).status_code == 200
    acties = only("casussen.acties", objecttype="interventie")
    assert acties.object_ids == ids(meeting.interventie)
    casussen = only("casussen.acties", objecttype="casus")
    assert casussen.object_ids == ids(meeting.zijne)
    assert (casussen.gebruiker, casussen.kanaal) == (tenant.wijkagent.username, "casussen:acties")


def test_own_actions_in_the_api_are_logged(tenant, meeting):
    response = api_for(tenant, tenant.wijkagent).get("/api/v1/interventies")
    assert response.status_code == 200
    assert only("api.interventies.list", objecttype="interventie").object_ids == ids(meeting.interventie)
    assert only("api.interventies.list", objecttype="casus").object_ids == ids(meeting.zijne)


def test_viewing_a_plan_version_is_logged(client, tenant, meeting):
    versie = casus_services.current_version(meeting.zijne)
    client.force_login(tenant.regisseur)
    assert client.get(reverse("casussen:planversie", args=[meeting.zijne.pk, versie.versie])).status_code == 200
    entry = only("casus.planversie")
    assert (entry.actie, entry.objecttype, entry.object_ids, entry.kanaal) == (
        "lezen",
        "planversie",
        ids(versie),
        "casussen:planversie",
    )
    # The case itself is logged once, as for every case page.
    assert only("casus.detail", kanaal="casussen:planversie").object_ids == ids(meeting.zijne)

    api_for(tenant, tenant.regisseur).get(f"/api/v1/casussen/{meeting.zijne.pk}/plan/versies/{versie.versie}")
    api_entry = only("casus.planversie", bron="api")
    assert api_entry.object_ids == ids(versie)


# --- Reporters, attachments ---------------------------------------------------------------------------


def test_reporters_status_views_are_logged(client, tenant, signaal):
    reporter = tenant.partnerprofessional
    client.force_login(reporter)
    assert client.get(reverse("signalen:mijn-meldingen")).status_code == 200
    lijst = only("signalen.mijn-meldingen")
    assert (lijst.gebruiker, lijst.objecttype, lijst.object_ids) == (reporter.username, "signaal", ids(signaal))

    assert client.get(reverse("signalen:mijn-melding", args=[signaal.pk])).status_code == 200
    assert client.get(reverse("signalen:melding-ontvangen", args=[signaal.pk])).status_code == 200
    status = entries("signaal.status")
    assert [(e.object_ids, e.kanaal) for e in status] == [
        (ids(signaal), "signalen:mijn-melding"),
        (ids(signaal), "signalen:melding-ontvangen"),
    ]


def test_partner_system_status_views_are_logged(tenant, signaal):
    client = api_for(tenant, organisatie=tenant.corporatie)
    assert client.get(f"/api/v1/signalen/{signaal.pk}/status").status_code == 200
    entry = only("signaal.status")
    assert (entry.rol, entry.bron, entry.object_ids) == ("partnersysteem", "api", ids(signaal))
    assert client.get("/api/v1/mijn-meldingen").status_code == 200
    assert only("api.mijn-meldingen.list").object_ids == ids(signaal)


def test_someone_elses_report_is_not_logged_as_seen(client, tenant, signaal):
    client.force_login(tenant.wijkagent)
    assert client.get(reverse("signalen:mijn-melding", args=[signaal.pk])).status_code == 404
    assert entries("signaal.status") == []


def test_adding_an_attachment_is_logged(client, tenant, signaal):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:bijlage-toevoegen", args=[signaal.pk]),
        {"bijlage-bestand": SimpleUploadedFile("foto.png", PNG, content_type="image/png")},
    )
    assert response.status_code == 302
    bijlage = signaal.bijlagen.get()
    entry = only("signaal.bijlage-toevoegen")
    assert (entry.actie, entry.objecttype, entry.object_ids) == ("aanmaken", "bijlage", ids(bijlage, signaal))
    assert (entry.gebruiker, entry.kanaal) == (tenant.regisseur.username, "signalen:bijlage-toevoegen")


def test_refused_attachment_is_not_logged_as_added(client, tenant, signaal):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:bijlage-toevoegen", args=[signaal.pk]),
        {"bijlage-bestand": SimpleUploadedFile("script.exe", b"MZ\x90\x00binary", content_type="image/png")},
    )
    assert response.status_code == 400
    assert entries("signaal.bijlage-toevoegen") == []


def test_downloading_an_attachment_is_logged_once(client, tenant):
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("foto.png", PNG)])
    bijlage = signaal.bijlagen.get()
    client.force_login(tenant.regisseur)
    before = Verwerking.objects.count()
    response = client.get(reverse("signalen:bijlage", args=[signaal.pk, bijlage.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    new = list(Verwerking.objects.order_by("volgnummer")[before:])
    assert [(e.handeling, e.objecttype, e.object_ids) for e in new] == [
        ("signaal.bijlage", "bijlage", ids(bijlage, signaal))
    ]


# --- Configuration admin ------------------------------------------------------------------------------


@pytest.fixture
def beheerder(tenant):
    user = tenant.users["functioneel-beheerder"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_admin_addition_and_change_are_logged(client, tenant, beheerder):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_organisatie_add"), {"naam": "Wijkteam Zuid", "soort": "wijkteam", "actief": "on"}
    )
    assert response.status_code == 302
    organisatie = Organisatie.objects.get(naam="Wijkteam Zuid")
    added = only("beheer.accounts.organisatie")
    assert (added.actie, added.objecttype, added.object_ids) == ("aanmaken", "organisatie", ids(organisatie))
    assert (added.gebruiker, added.gemeente_id, added.bron) == (beheerder.username, tenant.gemeente.pk, "web")

    response = client.post(
        reverse("admin:accounts_organisatie_change", args=[organisatie.pk]),
        {"naam": "Wijkteam Zuid-Oost", "soort": "wijkteam"},
    )
    assert response.status_code == 302
    changed = entries("beheer.accounts.organisatie")[-1]
    assert (changed.actie, changed.object_ids) == ("wijzigen", ids(organisatie))


def test_admin_change_of_a_user_is_logged_with_a_derived_id(client, tenant, beheerder):
    target = tenant.wijkagent
    client.force_login(beheerder)
    response = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {
            "username": target.username,
            "first_name": "Karel",
            "last_name": target.last_name,
            "email": "",
            "functie": "wijkagent",
            "organisatie": str(target.organisatie_id),
            "rollen": target.rollen,
            "is_active": "on",
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = only("beheer.accounts.user", actie="wijzigen")
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"regiekamer:accounts.user:{target.pk}")
    assert (entry.actie, entry.objecttype, entry.object_ids) == ("wijzigen", "user", [str(expected)])


def test_opening_and_listing_users_in_the_admin_is_logged(client, tenant, other_tenant, beheerder):
    def derived(user):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"regiekamer:accounts.user:{user.pk}"))

    client.force_login(beheerder)
    assert client.get(reverse("admin:accounts_user_change", args=[tenant.wijkagent.pk])).status_code == 200
    opened = only("beheer.accounts.user", actie="lezen")
    assert (opened.gebruiker, opened.object_ids) == (beheerder.username, [derived(tenant.wijkagent)])

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    listed = entries("beheer.accounts.user", actie="lezen")[-1]
    # Exactly the users of the beheerder's own gemeente that the list showed.
    assert set(listed.object_ids) == {derived(user) for user in tenant.users.values()}
    assert not set(listed.object_ids) & {derived(user) for user in other_tenant.users.values()}
    # Configuration without personal data is not logged when read.
    assert client.get(reverse("admin:accounts_organisatie_changelist")).status_code == 200
    assert not entries("beheer.accounts.organisatie")


def test_the_regisseur_start_page_logs_the_cases_and_signals_it_shows(client, tenant, meeting):
    signaal = make_signaal(tenant)
    CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=meeting.zijne, signaal=signaal, soort="nieuw")
    client.force_login(tenant.regisseur)
    assert client.get(reverse("casussen:start")).status_code == 200
    entry = only("casussen.start", objecttype="casus")
    assert set(entry.object_ids) == set(ids(meeting.zijne, meeting.andere))
    assert (entry.gebruiker, entry.actie, entry.kanaal) == (tenant.regisseur.username, "lezen", "casussen:start")
    assert only("casussen.start", objecttype="signaal").object_ids == ids(signaal)
    # Another regisseur's start page shows (and logs) none of these cases; only the new signal nobody took yet.
    client.force_login(tenant.ondermijningsteam)
    client.get(reverse("casussen:start"))
    assert len(entries("casussen.start")) == 3
    assert [entry.objecttype for entry in entries("casussen.start")[2:]] == ["signaal"]
