"""Demo accounts get a TOTP device with the published demo key; the code on the code page only in demo mode."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import two_factor
from regiekamer.accounts.services import create_user
from regiekamer.conftest import PASSWORD
from regiekamer.demo.devices import DEMO_TOTP_KEY, DEMO_TOTP_SECRET, give_demo_devices

pytestmark = pytest.mark.django_db


def test_demo_accounts_share_the_published_key(tenant):
    regisseur = create_user("regisseur", tenant.afdeling, ["regisseur"], password=PASSWORD)
    manager = create_user("manager", tenant.afdeling, ["manager"], password=PASSWORD)  # handles escalations
    zonder_rol = create_user("analist", tenant.afdeling, [], password=PASSWORD)  # a demo name, no personal data
    assert give_demo_devices() == 2
    assert give_demo_devices() == 0  # once; again only after a reset
    device = TOTPDevice.objects.get(user=regisseur)
    assert device.confirmed and device.key == DEMO_TOTP_KEY
    assert two_factor.base32_secret(device) == DEMO_TOTP_SECRET == "KJSWO2LFNNQW2ZLSEBSGK3LPEAZEMQJB"
    assert TOTPDevice.objects.get(user=manager).key == DEMO_TOTP_KEY
    assert not TOTPDevice.objects.filter(user=zonder_rol).exists()
    assert not TOTPDevice.objects.filter(user=tenant.regisseur).exists()  # not a demo account


@pytest.mark.real_two_factor
@pytest.mark.parametrize("demo", [True, False])
def test_the_code_page_shows_the_current_code_only_in_demo_mode(tenant, settings, demo):
    settings.DEMO_MODE = demo
    create_user("regisseur", tenant.afdeling, ["regisseur"], password=PASSWORD)
    give_demo_devices()
    client = Client()
    client.post(reverse("accounts:login"), {"username": "regisseur", "password": PASSWORD})
    html = client.get(reverse("accounts:tweestaps")).content.decode()
    device = TOTPDevice.objects.get(user__username="regisseur")
    assert ("Demo" in html and two_factor.acceptable_code(device) in html) is demo
    assert ('id="demo-code"' in html) is demo
