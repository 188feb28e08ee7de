"""Included into the ``api`` namespace by ``conf/api_urls.py``; no namespace of its own (``api:netwerk``)."""

from django.urls import path

from regiekamer.netwerk.api.views import NetwerkView

urlpatterns = [
    path("netwerk", NetwerkView.as_view(), name="netwerk"),
]
