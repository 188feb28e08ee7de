from django.urls import path

from regiekamer.doelbinding import views

app_name = "doelbinding"

urlpatterns = [
    path("verenigbaarheid/nieuw/", views.nieuw, name="nieuw"),
    path("casussen/<uuid:pk>/doel/", views.casus_doel, name="casus-doel"),
    path("casussen/<uuid:pk>/signalen/koppelen/", views.signaal_koppelen, name="signaal-koppelen"),
]
