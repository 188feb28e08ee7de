"""Shared fixtures: two gemeenten (tenants), their organisations and one user per role.

Logging in in tests, with two-factor authentication (accounts/two_factor.py):

- ``client.force_login(user)`` logs in a user who has *also passed the second step*: the autouse fixture
  ``_force_login_passes_two_factor`` wraps ``django.test.Client.force_login`` (and so DRF's ``APIClient``) to give
  the user a confirmed TOTP device when they have none and to store it in the session the way ``django_otp.login``
  does. Tests about something else than logging in thus stay as they are.
- Tests about the login itself are marked ``@pytest.mark.real_two_factor``: ``force_login`` is then Django's own
  (an unverified session), and they log in through the real pages: the password, then a code computed from the
  device's key (``two_factor.acceptable_code``, django-otp's TOTP).
- The browser helper ``login(page, username)`` fills in the password and, for users who must use two-factor
  authentication, the current code of their device (one is made when they have none).
"""

import datetime as dt
from pathlib import Path

import django_otp
import pytest
from django.test import Client

from regiekamer.accounts import permissions, two_factor
from regiekamer.accounts.models import Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.accounts.services import create_gemeente, create_user
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

PASSWORD = "test-wachtwoord-123"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # A fast hasher: the real one is deliberately slow and tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests change registrations and look again at once.
    settings.HOTSPOT_BRP_CACHE_SECONDS = 0
    # Each test starts with an empty cache: no rate-limit count or cached answer of an earlier test.
    from django.core.cache import cache

    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "bijlagen"},
        },
    }


def confirmed_device(user):
    """The user's confirmed TOTP device; made when there is none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return two_factor.confirmed_totp_device(user) or TOTPDevice.objects.create(
        user=user, name=two_factor.TOTP_DEVICE_NAME, confirmed=True
    )


_django_force_login = Client.force_login


def _force_login_verified(self, user, backend=None):
    _django_force_login(self, user, backend)
    session = self.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(request, monkeypatch):
    """``force_login`` also passes the second login step, except in tests marked ``real_two_factor``."""
    if request.node.get_closest_marker("real_two_factor") is None:
        monkeypatch.setattr(Client, "force_login", _force_login_verified)


class Tenant:
    def __init__(self, naam, cbs_code, prefix):
        self.gemeente = create_gemeente(naam, cbs_code)
        self.afdeling = Organisatie.objects.create(
            gemeente=self.gemeente, naam=f"{naam} Team Ondermijning", soort=Organisatie.Soort.GEMEENTE_AFDELING
        )
        self.politie = Organisatie.objects.create(
            gemeente=self.gemeente, naam=f"Politie basisteam {naam}", soort=Organisatie.Soort.POLITIE
        )
        self.corporatie = Organisatie.objects.create(
            gemeente=self.gemeente, naam=f"Woonstichting {naam}", soort=Organisatie.Soort.WONINGCORPORATIE
        )
        self.buurt = Buurt.objects.create(
            gemeente=self.gemeente,
            code=f"BU{cbs_code[2:]}0101",
            naam="Centrum",
            postcodes="9901,9902",
            latitude=53.0,
            longitude=6.5,
        )
        self.users = {}
        for rol in Rol:
            organisatie = self.corporatie if rol == Rol.PARTNERPROFESSIONAL else self.afdeling
            self.users[rol.value] = create_user(
                f"{prefix}-{rol.value}",
                organisatie,
                [rol.value],
                password=PASSWORD,
                first_name=rol.label,
                last_name=naam,
            )
        self.users["wijkagent"] = create_user(
            f"{prefix}-wijkagent", self.politie, [Rol.PARTNERPROFESSIONAL], password=PASSWORD
        )

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


@pytest.fixture
def tenant(db):
    return Tenant("Zuiderveen", "GM9901", "zv")


@pytest.fixture
def other_tenant(db):
    return Tenant("Noorderhaven", "GM9902", "nh")


def make_signaal(tenant, reporter=None, **overrides):
    invoer = SignaalInvoer(
        omschrijving=overrides.pop("omschrijving", "Lampen en potgrond naar binnen gedragen, sterke hennepgeur."),
        fenomenen=overrides.pop("fenomenen", ["hennepteelt"]),
        indicatoren=overrides.pop("indicatoren", ["lampen-planten"]),
        personen=overrides.pop(
            "personen",
            [PersoonGegevens(voornamen="Jan", achternaam="Jansen", geboortedatum=dt.date(1980, 5, 1), bsn="111222333")],
        ),
        adressen=overrides.pop("adressen", [AdresGegevens(postcode="9901AB", huisnummer=12)]),
        **overrides,
    )
    return report_signaal(reporter or tenant.partnerprofessional, invoer)


@pytest.fixture
def signaal(tenant):
    return make_signaal(tenant)


def api_client(organisatie, user=None):
    """An API client with a new token: an organisation token (partner system), or with ``user`` a personal one."""
    from rest_framework.test import APIClient

    from regiekamer.accounts.models import ApiToken

    _token, raw = ApiToken.issue(organisatie, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright; skipped when no Chromium is installed."""
    import os
    import shutil

    executable = next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), shutil.which("chromium"))
    if not executable:
        pytest.skip("Chromium is not installed (scripts/test.sh installs it)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM is used here synchronously only.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


AXE = Path(__file__).parent / "core" / "tests" / "assets" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now. axe is evaluated through the
    browser's debugging protocol, so the pages' Content Security Policy stays as it is."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""",
        WCAG_TAGS,
    )


@pytest.fixture
def page(browser, live_server):
    """A page of a fresh browser context. Every page of this site it visits is checked with axe-core afterwards
    (opened again, as the user it was visited as): a WCAG 2.1 A/AA violation fails the test."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    visited = []
    page.on("load", lambda loaded: visited.append(loaded.url))
    yield page
    findings = {}
    if not page.is_closed():
        for url in dict.fromkeys(u for u in visited if u.startswith(live_server.url)):
            if any(part in url for part in ("/static/", "/api/", ".pdf", ".csv", "/export")):
                continue
            try:
                response = page.goto(url)
            except PlaywrightError:  # a page reached by POST only (405 to a GET): it was the answer's page
                continue
            if response is None or not response.ok or "text/html" not in (response.headers.get("content-type") or ""):
                continue
            if violations := axe_violations(page):
                findings[url.removeprefix(live_server.url)] = violations
    context.close()
    assert not findings, f"axe-core: WCAG 2.1 A/AA violations on {findings}"


def schermafdruk(page, naam: str):
    """Save the page as a picture of the user guide, when ``SCREENSHOTS_DIR`` is set (``scripts/screenshots.sh``)."""
    import os

    if directory := os.environ.get("SCREENSHOTS_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{naam}.png"), full_page=False)


def login(page, username: str, password: str = PASSWORD):
    """Log in through the pages: the password and, where required, the code of the user's TOTP device."""
    user = User.objects.get(username=username)
    device = confirmed_device(user) if permissions.requires_two_factor(user) else None
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.get_by_label("Code").fill(two_factor.acceptable_code(device))
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_url(lambda url: "/tweestapsverificatie/" not in url)
