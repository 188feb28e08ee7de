from django.urls import path

from regiekamer.inzicht import views

app_name = "inzicht"

urlpatterns = [
    path("", views.signalen, name="signalen"),
    path("casussen/", views.casussen, name="casussen"),
]
