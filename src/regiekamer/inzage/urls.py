from django.urls import path

from regiekamer.inzage import views

app_name = "inzage"

urlpatterns = [
    path("", views.zoeken, name="zoeken"),
    path("<uuid:pk>/", views.rapport, name="rapport"),
    path("<uuid:pk>/weigeren/", views.weigeren, name="weigeren"),
    path("<uuid:pk>/vrijgeven/", views.vrijgeven, name="vrijgeven"),
    path("<uuid:pk>/rectificeren/", views.rectificeren, name="rectificeren"),
    path("<uuid:pk>/beperken/", views.beperken, name="beperken"),
    path("<uuid:pk>/opheffen/", views.opheffen, name="opheffen"),
    path("verzoeken/", views.verzoeken, name="verzoeken"),
]
