from django.urls import path

from regiekamer.netwerk import views

app_name = "netwerk"

urlpatterns = [
    path("profielen/<str:soort>/<str:pk>/", views.profiel, name="profiel"),
    path("netwerk/", views.netwerk, name="netwerk"),
    path("netwerk/export/", views.netwerk_export, name="export"),
]
