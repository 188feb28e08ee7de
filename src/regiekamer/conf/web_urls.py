"""The server-rendered Dutch web UI."""

from django.conf import settings
from django.urls import include, path

from regiekamer.accounts import views as account_views
from regiekamer.core import views as core_views
from regiekamer.inzicht import views as inzicht_views
from regiekamer.signalen import views as signal_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("regiekamer.accounts.urls")),
    path("", include("regiekamer.signalen.urls")),
    path("", include("regiekamer.notifications.urls")),
    path("", include("regiekamer.casussen.urls")),
    path("", include("regiekamer.doelbinding.urls")),
    path("overleggen/", include("regiekamer.overleggen.urls")),
    path("zoeken/", signal_views.zoeken, name="zoeken"),
    path("begrippen/", core_views.begrippen, name="begrippen"),
    path("overzicht/", inzicht_views.overzicht, name="overzicht"),  # the former Overzicht: now the dashboards
    path("regie-op-resultaat/", include("regiekamer.inzicht.urls")),
    path("ondermijningsbeeld/", include("regiekamer.inzicht.beeld_urls")),
    path("", include("regiekamer.audit.urls")),
    path("", include("regiekamer.delen.urls")),
    path("inzage/", include("regiekamer.inzage.urls")),
    path("", include("regiekamer.retention.urls")),
    path("analyse/", include("regiekamer.analyse.urls")),
    path("", include("regiekamer.gebieden.urls")),
    path("", include("regiekamer.netwerk.urls")),
    path("personen/", include("regiekamer.identiteit.urls")),
    path("", include("regiekamer.importen.urls")),
]

if settings.OIDC_ENABLED:
    # Login through the gemeente's identity provider (accounts/oidc.py): only when configured.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
