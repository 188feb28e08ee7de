from django.urls import path

from regiekamer.identiteit import views

app_name = "identiteit"

urlpatterns = [
    path("beoordelen/", views.beoordelingen, name="beoordelingen"),
    path("beoordelen/<uuid:pk>/", views.beoordeling, name="beoordeling"),
    path("<uuid:pk>/samenvoegen/", views.samenvoegen, name="samenvoegen"),
    path("samenvoegingen/<uuid:pk>/ongedaan-maken/", views.ontvlechten, name="ontvlechten"),
]
