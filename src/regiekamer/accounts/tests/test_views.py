"""Login, the start page per capability, the header navigation and the configuration admin."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from regiekamer.accounts.admin import GebruikerAdmin, OrganisatieAdmin
from regiekamer.accounts.models import Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.conftest import PASSWORD
from regiekamer.signalen.admin import FenomeenAdmin
from regiekamer.signalen.models import Fenomeen

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, tenant):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200 and "Inloggen" in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": tenant.manager.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    # The manager handles escalations (case content): the second login step comes first.
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:tweestaps"))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 302


def test_wrong_password_shows_an_error_summary(client, tenant):
    response = client.post(reverse("accounts:login"), {"username": tenant.regisseur.username, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is een probleem" in html and "<title>Fout:" in html


def test_lockout_after_repeated_failures(client, tenant, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": tenant.regisseur.username, "password": "fout"})
    response = client.post(reverse("accounts:login"), {"username": tenant.regisseur.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()


@pytest.mark.parametrize(
    ("rol", "target"),
    [
        ("regisseur", "casussen:start"),
        ("partnerprofessional", "signalen:mijn-meldingen"),
        ("analist", "inzicht:signalen"),
        ("functioneel-beheerder", "admin:index"),
    ],
)
def test_home_sends_each_role_to_its_page(client, tenant, rol, target):
    client.force_login(tenant.users[rol])
    assert client.get(reverse("home"))["Location"] == reverse(target)


def test_navigation_shows_only_what_the_user_may_do(client, tenant):
    client.force_login(tenant.partnerprofessional)
    html = client.get(reverse("signalen:mijn-meldingen")).content.decode()
    assert 'href="/melden/"' in html and 'href="/signalen/"' not in html and 'href="/regie-op-resultaat/"' not in html
    assert 'aria-current="page">Mijn meldingen' in html
    assert 'class="rk-skip-link" href="#inhoud"' in html and '<main class="rk-main" id="inhoud"' in html
    assert "Partnerprofessional" in html and tenant.corporatie.naam in html

    client.force_login(tenant.regisseur)
    html = client.get(reverse("signalen:werkvoorraad")).content.decode()
    assert 'href="/signalen/"' in html and 'href="/zoeken/"' in html and 'href="/regie-op-resultaat/"' in html
    assert 'href="/beheer/"' not in html


def test_the_beheer_pages_have_no_login_of_their_own(client, tenant):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login") + "?next=/beheer/")
    assert "Gebruikersnaam" in response.content.decode()
    assert client.get("/beheer/login/?next=https://elders.example/").status_code == 302
    assert "elders.example" not in client.get("/beheer/login/?next=https://elders.example/")["Location"]
    # Signed in without the right to configure: the application's own (Dutch) 403 page, not a second login form.
    client.force_login(tenant.regisseur)
    response = client.get("/beheer/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 403 and 'name="password"' not in response.content.decode()


def _admin_request(user):
    request = RequestFactory().get("/beheer/")
    request.user = user
    return request


def beheerder(tenant):
    user = tenant.users["functioneel-beheerder"]
    user.is_staff = True
    user.save()
    return user


def test_admin_is_filtered_to_the_beheerders_gemeente(client, tenant, other_tenant):
    user = beheerder(tenant)
    request = _admin_request(user)
    organisaties = OrganisatieAdmin(Organisatie, site).get_queryset(request)
    assert set(organisaties) == set(Organisatie.objects.filter(gemeente=tenant.gemeente))
    gebruikers = GebruikerAdmin(User, site).get_queryset(request)
    assert other_tenant.regisseur not in gebruikers and tenant.regisseur in gebruikers

    client.force_login(user)
    html = client.get(reverse("admin:accounts_organisatie_changelist")).content.decode()
    assert tenant.politie.naam in html and other_tenant.politie.naam not in html
    other = reverse("admin:accounts_organisatie_change", args=[other_tenant.politie.pk])
    assert client.get(other).status_code == 302  # "does not exist" → back to the index
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_sets_the_gemeente_and_restricts_choices(client, tenant, other_tenant):
    user = beheerder(tenant)
    client.force_login(user)
    data = {"naam": "Stichting Jongerenwerk", "soort": "jongerenwerk", "actief": "on"}
    response = client.post(reverse("admin:accounts_organisatie_add"), data)
    assert response.status_code == 302
    assert Organisatie.objects.get(naam="Stichting Jongerenwerk").gemeente == tenant.gemeente

    form = FenomeenAdmin(Fenomeen, site).get_form(_admin_request(user))()
    eigenaren = form.fields["eigenaar"].queryset
    assert tenant.regisseur in eigenaren and other_tenant.regisseur not in eigenaren
    assert "gemeente" not in form.fields

    response = client.post(
        reverse("admin:signalen_fenomeen_add"),
        {
            "code": "hennepteelt",
            "naam": "Dubbel",
            "actief": "on",
            "indicatoren-TOTAL_FORMS": "0",
            "indicatoren-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the unique code per gemeente is checked, not a database error
    assert Fenomeen.objects.filter(gemeente=tenant.gemeente, code="hennepteelt").count() == 1


def test_admin_user_roles_and_staff_flag(client, tenant):
    user = beheerder(tenant)
    client.force_login(user)
    target = tenant.analist
    response = client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        {
            "username": target.username,
            "first_name": "Ana",
            "last_name": "List",
            "email": "",
            "functie": "",
            "organisatie": str(tenant.afdeling.pk),
            "rollen": [Rol.ANALIST, Rol.FUNCTIONEEL_BEHEERDER],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.rollen == [Rol.ANALIST, Rol.FUNCTIONEEL_BEHEERDER] and target.is_staff


def test_beheerder_cannot_change_own_roles(client, tenant):
    user = beheerder(tenant)
    client.force_login(user)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "first_name": "Beh",
            "last_name": "Eerder",
            "email": "",
            "functie": "",
            "organisatie": str(tenant.afdeling.pk),
            "rollen": [Rol.FUNCTIONEEL_BEHEERDER, Rol.REGISSEUR],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.rollen == [Rol.FUNCTIONEEL_BEHEERDER]
    client.force_login(user)
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 403


def test_admin_is_closed_to_other_roles(client, tenant):
    regisseur = tenant.regisseur
    regisseur.is_staff = True
    regisseur.save()
    client.force_login(regisseur)
    assert client.get(reverse("admin:accounts_organisatie_changelist")).status_code == 403
    html = client.get(reverse("admin:index")).content.decode()
    assert "accounts_organisatie" not in html


def test_admin_fenomeen_with_inline_indicator_gets_the_gemeente(client, tenant):
    client.force_login(beheerder(tenant))
    response = client.post(
        reverse("admin:signalen_fenomeen_add"),
        {
            "code": "mensenhandel",
            "naam": "Mensenhandel",
            "actief": "on",
            "indicatoren-TOTAL_FORMS": "1",
            "indicatoren-INITIAL_FORMS": "0",
            "indicatoren-0-code": "wisselende-adressen",
            "indicatoren-0-omschrijving": "Steeds wisselende verblijfsadressen",
            "indicatoren-0-soort": "rode-vlag",
            "indicatoren-0-actief": "on",
        },
    )
    assert response.status_code == 302
    fenomeen = Fenomeen.objects.get(code="mensenhandel")
    assert fenomeen.gemeente == tenant.gemeente
    assert fenomeen.indicatoren.get().gemeente == tenant.gemeente
