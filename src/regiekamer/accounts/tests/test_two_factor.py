"""Two-factor authentication through the real pages: password, then a TOTP code computed from the device's key."""

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import permissions, two_factor
from regiekamer.accounts.roles import Rol
from regiekamer.accounts.services import create_user
from regiekamer.conftest import PASSWORD, confirmed_device

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

CODE_PAGE = "accounts:tweestaps"
ENROL_PAGE = "accounts:tweestaps-instellen"


def password_login(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def wrong_code(device) -> str:
    return f"{(int(two_factor.acceptable_code(device)) + 1) % 10**6:06d}"


def test_who_must_use_two_factor(tenant):
    needs = {rol for rol in Rol if permissions.requires_two_factor(tenant.users[rol.value])}
    assert needs == {
        Rol.REGISSEUR,
        Rol.ONDERMIJNINGSTEAM,
        Rol.PARTNERPROFESSIONAL,
        Rol.ANALIST,  # pseudonymised data is personal data, and the analist can re-identify
        Rol.MANAGER,  # escalations show and take case content (the action, its deadline, the follow-up)
        Rol.PRIVACYFUNCTIONARIS,
        Rol.FUNCTIONEEL_BEHEERDER,
    }
    # Aggregate figures alone need no second factor; staff always need it (the admin lists users).
    assert permissions.capabilities_of(tenant.manager) - permissions.CAPABILITIES_WITHOUT_PERSONAL_DATA == {
        permissions.FOLLOW_UP_ESCALATIONS
    }
    figures_only = create_user("zv-cijfers", tenant.afdeling, [], password=PASSWORD)
    assert not permissions.requires_two_factor(figures_only)
    figures_only.is_staff = True
    assert permissions.requires_two_factor(figures_only)


def test_unverified_user_is_sent_to_the_second_step_and_the_api_refuses(client, tenant):
    confirmed_device(tenant.regisseur)
    password_login(client, tenant.regisseur)
    response = client.get(reverse("signalen:werkvoorraad"))
    assert response.status_code == 302
    assert response["Location"] == reverse(CODE_PAGE) + "?next=%2Fsignalen%2F"
    assert client.get("/beheer/")["Location"].startswith(reverse(CODE_PAGE))
    api = client.get(reverse("api:signalen"))
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    assert "tweestapsverificatie" in api.json()["detail"]
    # The pages of the second step, logging out and the health check stay open.
    assert client.get(reverse(CODE_PAGE)).status_code == 200
    assert client.get(reverse("health")).status_code == 200


def test_force_login_without_the_fixture_is_unverified(client, tenant):
    client.force_login(tenant.regisseur)  # Django's own in this module (real_two_factor)
    assert client.get(reverse("signalen:werkvoorraad"))["Location"].startswith(reverse(CODE_PAGE))
    assert client.get(reverse(CODE_PAGE))["Location"].startswith(reverse(ENROL_PAGE))


def test_wrong_code_is_refused_and_the_correct_code_passes(client, tenant, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the delay after a wrong code is tested below
    device = confirmed_device(tenant.regisseur)
    password_login(client, tenant.regisseur)
    response = client.post(reverse(CODE_PAGE), {"code": wrong_code(device), "next": "/signalen/"})
    assert response.status_code == 200
    assert "Deze code is onjuist of verlopen" in response.content.decode()
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 302

    device.refresh_from_db()
    response = client.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(device), "next": "/signalen/"})
    assert response.status_code == 302 and response["Location"] == "/signalen/"
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 200
    assert client.get(reverse("api:signalen")).status_code == 200
    # The same code is not accepted twice (django-otp keeps the last time step).
    other = Client()
    password_login(other, tenant.regisseur)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (device.last_t + device.drift) * device.step + device.t0
    assert other.post(reverse(CODE_PAGE), {"code": f"{totp.token():06d}"}).status_code == 200


def test_wrong_codes_are_throttled(client, tenant, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 600
    device = confirmed_device(tenant.regisseur)
    password_login(client, tenant.regisseur)
    client.post(reverse(CODE_PAGE), {"code": wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    response = client.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(device)})
    assert response.status_code == 200 and "Te veel onjuiste codes" in response.content.decode()
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 302


def test_manager_needs_the_second_step(client, tenant):
    password_login(client, tenant.manager)
    assert client.get(reverse("overzicht"))["Location"].startswith(reverse(CODE_PAGE))
    assert client.get(reverse("casussen:escalaties"))["Location"].startswith(reverse(CODE_PAGE))
    device = confirmed_device(tenant.manager)
    response = client.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(device), "next": "/escalaties/"})
    assert response.status_code == 302 and response["Location"] == "/escalaties/"
    assert client.get(reverse("casussen:escalaties")).status_code == 200


def test_user_without_personal_data_needs_no_second_step(client, tenant):
    user = create_user("zv-cijfers", tenant.afdeling, [], password=PASSWORD)
    password_login(client, user)
    assert client.get(reverse(CODE_PAGE))["Location"] == reverse("home")
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_enrolment_confirms_a_device_and_never_shows_the_secret_again(client, tenant):
    user = tenant.partnerprofessional
    password_login(client, user)
    assert client.get(reverse("signalen:mijn-meldingen"))["Location"].startswith(reverse(CODE_PAGE))
    response = client.get(reverse(CODE_PAGE))
    assert response["Location"].startswith(reverse(ENROL_PAGE))
    page = client.get(reverse(ENROL_PAGE))
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = two_factor.base32_secret(device)
    assert "<svg" in html and "<path" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    # The same device until it is confirmed (reloading does not change the secret).
    assert client.get(reverse(ENROL_PAGE)).content.decode().count(two_factor.grouped_secret(device)) == 1

    assert "onjuist" in client.post(reverse(ENROL_PAGE), {"code": "12"}).content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse(ENROL_PAGE), {"code": two_factor.acceptable_code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    codes = [token.token for token in StaticDevice.objects.get(user=user).token_set.all()]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT and all(code in html for code in codes)
    assert client.get(reverse("signalen:mijn-meldingen")).status_code == 200

    # A new login: the code page, never the enrolment page or the secret again.
    other = Client()
    password_login(other, user)
    assert other.get(reverse(ENROL_PAGE))["Location"].startswith(reverse(CODE_PAGE))
    code_page = other.get(reverse(CODE_PAGE)).content.decode()
    assert secret not in code_page and "<svg" not in code_page
    # A recovery code works once.
    assert other.post(reverse(CODE_PAGE), {"code": codes[0]})["Location"] == reverse("home")
    third = Client()
    password_login(third, user)
    assert third.post(reverse(CODE_PAGE), {"code": codes[0]}).status_code == 200


def test_beheerder_resets_the_device(client, tenant):
    user = tenant.regisseur
    device = confirmed_device(user)
    password_login(client, user)
    client.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(device)})
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 200

    beheerder = tenant.users["functioneel-beheerder"]
    beheerder.is_staff = True
    beheerder.save()
    admin = Client()
    admin_device = confirmed_device(beheerder)
    password_login(admin, beheerder)
    admin.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(admin_device)})
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "tweestaps_opnieuw_instellen", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert LogEntry.objects.filter(object_id=str(user.pk), user=beheerder).exists()
    # The session verified with the removed device must pass the (new) second step again.
    assert client.get(reverse("signalen:werkvoorraad"))["Location"].startswith(reverse(CODE_PAGE))
    assert client.get(reverse(CODE_PAGE))["Location"].startswith(reverse(ENROL_PAGE))


def test_demo_hint_only_in_demo_mode(client, tenant, settings):
    device = confirmed_device(tenant.regisseur)
    password_login(client, tenant.regisseur)
    settings.DEMO_MODE = False
    html = client.get(reverse(CODE_PAGE)).content.decode()
    assert 'id="demo-code"' not in html and two_factor.acceptable_code(device) not in html
    settings.DEMO_MODE = True
    html = client.get(reverse(CODE_PAGE)).content.decode()
    assert 'id="demo-code"' in html and "Demo" in html and two_factor.acceptable_code(device) in html


def test_device_admin_of_django_otp_is_not_registered():
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice) and not admin.site.is_registered(StaticDevice)


def test_every_page_without_parameters_waits_for_the_second_step(client, tenant):
    """Every web page (those without path parameters) sends an unverified regisseur to the code page, except the
    pages that must stay open; the API refuses instead (tested above)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from regiekamer.accounts.middleware import OPEN_VIEWS

    def names(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern) and pattern.name and "<" not in route:
                yield namespace + pattern.name

    confirmed_device(tenant.regisseur)
    password_login(client, tenant.regisseur)
    checked = 0
    for name in sorted(set(names(get_resolver().url_patterns))):
        if name in OPEN_VIEWS or name.startswith("api:"):
            continue
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse(CODE_PAGE)), name
        checked += 1
    assert checked > 20


def _session_id(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.parametrize("how", ["code", "herstelcode", "instellen"])
def test_the_session_id_changes_when_the_second_step_succeeds(client, tenant, how):
    """An id known before the second step (fixed by an attacker, or seen in a shared browser) must not become a
    verified login."""
    user = tenant.regisseur
    if how != "instellen":
        device = confirmed_device(user)
    password_login(client, user)
    before = _session_id(client)
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = before

    if how == "code":
        response = client.post(reverse(CODE_PAGE), {"code": two_factor.acceptable_code(device)})
    elif how == "herstelcode":
        response = client.post(reverse(CODE_PAGE), {"code": two_factor.new_recovery_codes(user)[0]})
    else:
        client.get(reverse(ENROL_PAGE))
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post(reverse(ENROL_PAGE), {"code": two_factor.acceptable_code(device)})
    assert response.status_code in (200, 302)

    assert _session_id(client) != before
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 200
    # The old id no longer opens anything.
    assert stale.get(reverse("signalen:werkvoorraad")).status_code == 302
