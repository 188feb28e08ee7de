from django.urls import path

from regiekamer.gebieden import views

app_name = "gebieden"

urlpatterns = [
    path("kaart/", views.kaart, name="kaart"),
    path("gebieden/", views.overzicht, name="overzicht"),
    path("gebieden/<str:code>/", views.gebiedsbeeld, name="gebiedsbeeld"),
    path("hotspots/", views.hotspots, name="hotspots"),
]
