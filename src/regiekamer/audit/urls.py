from django.urls import path

from regiekamer.audit import views

app_name = "audit"

urlpatterns = [
    path("verwerkingen/", views.verwerkingen, name="verwerkingen"),
    path("verwerkingen/export.csv", views.verwerkingen_csv, name="verwerkingen-csv"),
]
