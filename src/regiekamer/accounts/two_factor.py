"""The second login step: TOTP devices (django-otp), recovery codes and the MFA assertion of an identity provider.

Who needs the step is decided in one place, ``permissions.requires_two_factor``. A session has passed it when
django-otp marked it verified (``django_otp.login`` stores the device in the session) or when the gemeente's identity
provider asserted a multi-factor login (``mark_verified_by_idp``). ``TwoFactorMiddleware`` sends unverified users to
the step; ``authentication.VerifiedSessionAuthentication`` refuses them in the API.
"""

import logging
import time
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import permissions

logger = logging.getLogger("regiekamer.accounts")

# Set in the session when the identity provider asserted a multi-factor login (see accounts/oidc.py).
IDP_MFA_SESSION_KEY = "regiekamer_idp_mfa"
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"
RECOVERY_CODE_COUNT = 8


def is_verified(request) -> bool:
    """Whether this request's session has passed the second step (TOTP, recovery code or MFA at the IdP)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    verified = getattr(user, "is_verified", None)
    if callable(verified) and verified():
        return True
    return request.session.get(IDP_MFA_SESSION_KEY) == user.pk


def needs_second_step(request) -> bool:
    """A logged-in user who must use two-factor authentication and has not passed it in this session."""
    return not is_verified(request) and permissions.requires_two_factor(request.user)


def mark_verified_by_idp(request):
    """The identity provider asserted a multi-factor login for ``request.user``: no TOTP is asked."""
    request.session[IDP_MFA_SESSION_KEY] = request.user.pk


def confirmed_totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being set up for ``user`` (one at a time; made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def base32_secret(device) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


def grouped_secret(device) -> str:
    """The secret for manual entry, in groups of four characters."""
    secret = base32_secret(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def issuer(device) -> str:
    """``OTP_TOTP_ISSUER``: the name the authenticator app shows above the code."""
    gemeente = getattr(device.user, "gemeente", None)
    return f"Regiekamer {gemeente.naam}" if gemeente else "Regiekamer"


def qr_svg(device) -> str:
    """The otpauth URI as an SVG QR code: plain markup without style or script, so it is embedded in the page
    under the strict CSP."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12, border=2)
    return image.to_string(encoding="unicode")


def _pass_second_step(request, device) -> None:
    """Mark the session verified with ``device``, under a new session id: an id seen before the second step (in a
    log, a shared browser, a fixed session) must not carry the verified login."""
    django_otp.login(request, device)
    request.session.cycle_key()


def _normalise(code: str) -> str:
    return "".join((code or "").split()).lower()


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app. On success the session is verified and fresh recovery codes
    are returned (shown once); on failure ``None`` (django-otp's throttling counts the failure)."""
    code = _normalise(code)
    if not code.isdigit() or not device.verify_token(code):
        logger.warning("Two-factor enrolment: wrong code for user %s", device.user_id)
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recovery_codes = new_recovery_codes(device.user)
    _pass_second_step(request, device)
    logger.info("Two-factor enrolment confirmed for user %s", device.user_id)
    return recovery_codes


def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def throttled(user) -> bool:
    """Whether too many wrong codes were entered just now (django-otp's growing delay on the devices)."""
    devices = [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]
    return any(not device.verify_is_allowed()[0] for device in devices)


def verify_code(request, user, code: str) -> bool:
    """Check a code from the app (six digits) or a recovery code; on success the session is verified."""
    code = _normalise(code)
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_token(code):
            _pass_second_step(request, device)
            if isinstance(device, StaticDevice):
                logger.warning("Two-factor login with a recovery code by user %s", user.pk)
            return True
    logger.warning("Two-factor login: wrong code for user %s", user.pk)
    return False


def reset_devices(user) -> int:
    """Remove every device of ``user``: at the next login they set up a new one. Sessions verified with a removed
    device are no longer verified (django-otp checks the device on each request)."""
    totp = TOTPDevice.objects.filter(user=user).delete()[0]
    static = StaticDevice.objects.filter(user=user).delete()[0]
    return totp + static


def acceptable_code(device: TOTPDevice) -> str:
    """A code the device accepts now: the current one, or the next one when the current time step was already
    used (django-otp accepts each time step once). Used by the demo hint and by the tests; never shown outside
    demo mode."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def demo_hint_enabled() -> bool:
    return bool(getattr(settings, "DEMO_MODE", False))
