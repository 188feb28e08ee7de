"""Security headers and cookie flags: a strict Content Security Policy without inline script, no framing,
no browser features the app does not need, and cookies that scripts and other sites cannot use."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from regiekamer.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PACKAGE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_no_inline_code(html: str) -> None:
    for attributes, body in SCRIPT.findall(html):
        assert "src=" in attributes, f"inline script: {body[:80]!r}"
        assert not body.strip(), f"script with a src and a body: {body[:80]!r}"
    assert not INLINE_STYLE.search(html)
    assert not EVENT_HANDLER.search(html)


def test_pages_carry_a_strict_content_security_policy(client, tenant):
    anonymous = client.get(reverse("accounts:login"))
    client.force_login(tenant.regisseur)
    logged_in = client.get(reverse("home"), follow=True)
    for response in (anonymous, logged_in):
        assert response.status_code == 200
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["img-src"] == ["'self'", "data:"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        header = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header
        assert "'unsafe-eval'" not in header
        assert_no_inline_code(response.content.decode())


def test_pages_cannot_be_framed_and_deny_unneeded_browser_features(client):
    response = client.get(reverse("accounts:login"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]
    features = {item.strip() for item in response.headers["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= features
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_api_responses_carry_the_headers_too(client, tenant):
    client.force_login(tenant.regisseur)
    response = client.get("/api/v1/signalen")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_swagger_ui_loads_without_inline_script(client):
    page = client.get("/api/v1/schema/swagger-ui/")
    assert page.status_code == 200
    html = page.content.decode()
    assert_no_inline_code(html)
    sources = [re.search(r'src="([^"]+)"', attributes).group(1) for attributes, _body in SCRIPT.findall(html)]
    assert all(source.startswith("/") for source in sources), sources  # our own origin, no CDN
    init = next(source for source in sources if "script=" in source)
    script = client.get(init.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()
    assert "/api/v1/schema/" in script.content.decode()
    assert "validatorUrl" in script.content.decode()  # no badge image from validator.swagger.io


def test_redoc_is_not_offered(client):
    # ReDoc needs inline script and styles; only the Swagger UI documents the API.
    assert client.get("/api/v1/schema/redoc/").status_code == 404


def test_no_template_has_inline_script_styles_or_event_handlers():
    templates = sorted(PACKAGE_DIR.glob("**/templates/**/*.html"))
    assert len(templates) > 20
    for template in templates:
        html = template.read_text()
        for attributes, body in SCRIPT.findall(html):
            assert "src=" in attributes and not body.strip(), f"inline script in {template}"
        assert not INLINE_STYLE.search(html), f"inline style in {template}"
        assert not EVENT_HANDLER.search(html), f"event handler attribute in {template}"


def test_cookie_settings():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY is True
    # Production settings (DEBUG off, as in the tests): cookies only over HTTPS.
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True


def test_cookies_are_sent_with_their_flags(client, tenant):
    page = client.get(reverse("accounts:login"))
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(reverse("accounts:login"), {"username": tenant.regisseur.username, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"


def test_sessions_end_after_idle_time_and_each_request_renews_them(client, tenant):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(tenant.regisseur)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    assert client.get("/signalen/").status_code == 200
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < remaining <= dt.timedelta(minutes=30)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/signalen/").status_code == 302  # idle too long: back to the login page
