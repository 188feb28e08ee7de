"""Authenticator devices for the demo accounts: all share one published key, so the demo stays easy to try.

In demo mode (``REGIEKAMER_DEMO=1``, set by ``regiekamer demo``) the code page also shows the current code, labelled
"Demo". Add the key to any authenticator app to try the real thing: it is as public as the demo passwords.
"""

from base64 import b32encode
from binascii import unhexlify

from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import permissions, two_factor
from regiekamer.accounts.models import User
from regiekamer.demo import data

# 20 bytes, hex-encoded as django-otp stores it: b"Regiekamer demo 2FA!".
DEMO_TOTP_KEY = b"Regiekamer demo 2FA!".hex()
# The same key in base32, as authenticator apps take it: KJSWO2LFNNQW2ZLSEBSGK3LPEAZEMQJB.
DEMO_TOTP_SECRET = b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def give_demo_devices() -> int:
    """A confirmed TOTP device with the demo key for every demo account that needs one and has none (again after
    a beheerder reset it). Returns the number of devices created."""
    usernames = [gebruiker.username for spec in data.GEMEENTEN for gebruiker in spec.gebruikers]
    created = 0
    for user in User.objects.filter(username__in=usernames).select_related("organisatie__gemeente"):
        if permissions.requires_two_factor(user) and not two_factor.has_confirmed_device(user):
            TOTPDevice.objects.create(user=user, name=two_factor.TOTP_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
            created += 1
    return created
