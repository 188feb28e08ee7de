"""The URL configuration of an installation with OIDC configured (conf/web_urls.py adds the same include)."""

from django.urls import include, path

from regiekamer.conf.urls import urlpatterns as configured

urlpatterns = [*configured, path("oidc/", include("mozilla_django_oidc.urls"))]
