import pytest
from django.db import connection
from django.db.utils import OperationalError

from regiekamer.core.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_health_answers_ok_with_a_working_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == connection.vendor


def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is gone")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_ready_checks_database_migrations_and_the_attachment_folder(client, settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migrations": "ok",
        "attachments": "ok",
        "cache": "ok",
    }
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "nieuw"  # missing but possible: made
    assert client.get("/health/ready/").status_code == 200 and (tmp_path / "nieuw").is_dir()
    (tmp_path / "een-bestand").write_text("geen map")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "een-bestand" / "bijlagen"
    response = client.get("/health/ready/")
    assert response.status_code == 503 and response.json()["attachments"] == "not writable"

    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("nog", "niet")])
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    response = client.get("/health/ready/")
    assert response.status_code == 503 and response.json()["migrations"] == "pending"


def test_ready_checks_that_a_shared_cache_answers(client, settings):
    """With ``CACHE_URL=db://<table>`` the rate limits live in that table: without it the server is not ready."""
    from django.core.management import call_command

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rk_cache"}}
    response = client.get("/health/ready/")
    assert response.status_code == 503 and response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"
    call_command("createcachetable", verbosity=0)
    response = client.get("/health/ready/")
    assert response.status_code == 200 and response.json()["cache"] == "ok"


def test_ready_names_the_database_alone_when_only_the_database_fails(client, monkeypatch):
    def database_gone(*args, **kwargs):
        raise OperationalError("database is gone")

    monkeypatch.setattr(connection, "cursor", database_gone)
    monkeypatch.setattr(connection, "ensure_connection", database_gone)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["database"] == "error" and response.json()["cache"] == "ok"


def test_the_cache_is_chosen_by_cache_url():
    from django.core.exceptions import ImproperlyConfigured

    from regiekamer.conf.settings import cache_from_url

    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("db://regiekamer_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "regiekamer_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
    assert cache_from_url("redis://cache:6379/0")["LOCATION"] == "redis://cache:6379/0"
    for wrong in ("db://", "db://a;drop", "memcached://x"):
        with pytest.raises(ImproperlyConfigured):
            cache_from_url(wrong)


def test_working_days_skip_weekends_and_dutch_holidays():
    import datetime as dt

    friday = dt.date(2026, 12, 18)
    assert add_working_days(friday, 1) == dt.date(2026, 12, 21)  # Monday
    # 24 Dec (Thu) + 1 → 28 Dec: 25 and 26 December are public holidays, 27 is a Sunday.
    assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)
    assert add_working_days(dt.date(2026, 4, 24), 1) == dt.date(2026, 4, 28)  # King's Day 27 April (Monday)


def test_pages_for_logged_in_users_are_not_stored(client, tenant):
    client.force_login(tenant.regisseur)
    response = client.get("/signalen/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_terms_of_art_are_explained_on_a_page_linked_from_every_page(client, tenant):
    from regiekamer.core.begrippen import BEGRIPPEN

    client.force_login(tenant.partnerprofessional)
    home = client.get("/mijn-meldingen/").content.decode()
    assert 'href="/begrippen/"' in home
    page = client.get("/begrippen/").content.decode()
    for term, uitleg in BEGRIPPEN:
        assert term in page and str(uitleg) in page


def test_a_term_of_art_is_explained_where_it_is_used(client, tenant):
    import pytest
    from django.template import Context, Template, TemplateSyntaxError

    from regiekamer.conftest import make_signaal

    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    html = client.get(f"/signalen/{signaal.pk}/").content.decode()
    # At the weighing: a link to the explanation, with the explanation as its tooltip.
    assert 'class="rk-begrip rk-no-print" href="/begrippen/#weging" title="Een vastgelegde beslissing' in html
    with pytest.raises(TemplateSyntaxError):
        Template('{% load rk %}{% begrip "Onbekend woord" %}').render(Context())


def test_metrics_show_request_and_domain_figures_to_the_allowed_addresses_only(client, tenant, settings):
    import datetime as dt

    from django.utils import timezone

    from regiekamer.conftest import make_signaal
    from regiekamer.signalen.models import Signaal

    signaal = make_signaal(tenant)
    Signaal.objects.filter(pk=signaal.pk).update(termijn=timezone.localdate() - dt.timedelta(days=2))
    client.get("/health/")
    body = client.get("/metrics").content.decode()
    assert f'regiekamer_signalen_te_laat{{gemeente="{tenant.gemeente.cbs_code}"}} 1.0' in body
    assert 'regiekamer_importen{status="wachtrij"} 0.0' in body
    assert "django_http_requests_latency_seconds_by_view_method" in body
    assert "111222333" not in body and "Jansen" not in body
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics").status_code == 403


def test_metrics_under_gunicorn_add_up_the_workers_and_keep_the_domain_figures(client, tenant, tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    body = client.get("/metrics").content.decode()
    assert "regiekamer_importen" in body and "regiekamer_signalen_te_laat" in body


def test_metrics_never_answer_through_the_web_proxy(client):
    # nginx forwards from localhost, which is allowed; the header it adds gives it away.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
