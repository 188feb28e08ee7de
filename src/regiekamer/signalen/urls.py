from django.urls import path

from regiekamer.signalen import views

app_name = "signalen"

urlpatterns = [
    path("signalen/", views.werkvoorraad, name="werkvoorraad"),
    path("signalen/filters/", views.filter_bewaren, name="filter-bewaren"),
    path("signalen/filters/<int:pk>/verwijderen/", views.filter_verwijderen, name="filter-verwijderen"),
    path("signalen/<str:pk>/", views.detail, name="detail"),
    path("signalen/<str:pk>/weging/", views.weging, name="weging"),
    path("signalen/<str:pk>/toewijzen/", views.toewijzen, name="toewijzen"),
    path("signalen/<str:pk>/bronnen/hit/", views.bron_hit, name="bron-hit"),
    path("signalen/<str:pk>/bronnen/inhoud/", views.bron_inhoud, name="bron-inhoud"),
    path("signalen/<str:pk>/bijlagen/", views.bijlage_toevoegen, name="bijlage-toevoegen"),
    path("signalen/<str:pk>/bijlagen/<str:bijlage_pk>/", views.bijlage, name="bijlage"),
    path("melden/", views.melden, name="melden"),
    path("melden/indicatoren/", views.melden_indicatoren, name="melden-indicatoren"),
    path("melden/<str:pk>/ontvangen/", views.melding_ontvangen, name="melding-ontvangen"),
    path("mijn-meldingen/", views.mijn_meldingen, name="mijn-meldingen"),
    path("mijn-meldingen/<str:pk>/", views.mijn_melding, name="mijn-melding"),
]
