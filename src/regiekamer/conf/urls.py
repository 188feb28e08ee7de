from django.contrib import admin
from django.urls import include, path

from regiekamer.core.metrics import metrics
from regiekamer.core.views import health, ready

urlpatterns = [
    path("health/", health, name="health"),
    path("health/ready/", ready, name="ready"),
    path("metrics", metrics, name="metrics"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("regiekamer.conf.api_urls", namespace="api")),
    path("", include("regiekamer.conf.web_urls")),
]

handler400 = "regiekamer.core.errorhandlers.bad_request"
handler403 = "regiekamer.core.errorhandlers.permission_denied"
handler404 = "regiekamer.core.errorhandlers.page_not_found"
handler500 = "regiekamer.core.errorhandlers.server_error"
