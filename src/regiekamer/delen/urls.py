from django.urls import path

from regiekamer.delen import views

app_name = "delen"

urlpatterns = [
    path("verwerkingen/verstrekkingen/", views.verstrekkingen, name="verstrekkingen"),
]
