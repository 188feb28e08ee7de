from django.urls import path

from regiekamer.gebieden.api.views import GebiedenView, HotspotsView

urlpatterns = [
    path("gebieden", GebiedenView.as_view(), name="gebieden"),
    path("hotspots", HotspotsView.as_view(), name="hotspots"),
]
