from django.urls import path, re_path

from regiekamer.casussen import views

app_name = "casussen"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("escalaties/", views.escalaties, name="escalaties"),
    path("escalaties/<str:pk>/opvolging/", views.opvolging, name="opvolging"),
    path("acties/", views.acties, name="acties"),
    path("acties/<str:pk>/", views.actie_bijwerken, name="actie-bijwerken"),
    path("casussen/", views.lijst, name="lijst"),
    path("casussen/nieuw/", views.nieuw, name="nieuw"),
    path("casussen/<uuid:pk>/", views.detail, name="detail"),
    path("casussen/<uuid:pk>/betrokkenen/zoeken/", views.betrokkene_zoeken, name="betrokkene-zoeken"),
    path(
        "casussen/<uuid:pk>/betrokkenen/",
        views.sectie_of(views.betrokkene_toevoegen, "betrokkenen"),
        name="betrokkene-toevoegen",
    ),
    path("casussen/<uuid:pk>/betrokkenen/nieuw/", views.betrokkene_nieuw, name="betrokkene-nieuw"),
    path(
        "casussen/<uuid:pk>/betrokkenen/<str:betrokkene_pk>/", views.betrokkene_bijwerken, name="betrokkene-bijwerken"
    ),
    path("casussen/<uuid:pk>/deelnemers/", views.deelnemer_toevoegen, name="deelnemer-toevoegen"),
    path("casussen/<uuid:pk>/delen/", views.sectie_of(views.delingsbesluit_toevoegen, "delen"), name="delen"),
    path(
        "casussen/<uuid:pk>/delen/<str:besluit_pk>/intrekken/", views.delingsbesluit_intrekken, name="delen-intrekken"
    ),
    path("casussen/<uuid:pk>/analyse/", views.analyse, name="analyse"),
    path("casussen/<uuid:pk>/doelen/", views.doel_toevoegen, name="doel-toevoegen"),
    path("casussen/<uuid:pk>/afspraken/", views.afspraak_toevoegen, name="afspraak-toevoegen"),
    path("casussen/<uuid:pk>/interventies/", views.interventie_toevoegen, name="interventie-toevoegen"),
    path(
        "casussen/<uuid:pk>/interventies/<str:interventie_pk>/",
        views.interventie_bijwerken,
        name="interventie-bijwerken",
    ),
    path("casussen/<uuid:pk>/signalen/gezien/", views.signalen_gezien, name="signalen-gezien"),
    path("casussen/<uuid:pk>/bespreking/", views.bespreking, name="bespreking"),
    path("casussen/<uuid:pk>/plan/<int:versie>/", views.planversie, name="planversie"),
    path("casussen/<uuid:pk>/review/", views.review, name="review"),
    path("casussen/<uuid:pk>/sluiten/", views.sluiten, name="sluiten"),
    # The sections of the case workspace (betrokkenen and delen are answered by the routes above, which also take
    # their forms).
    re_path(
        r"^casussen/(?P<pk>[0-9a-f-]{36})/(?P<sectie>plan|betrokkenen|delen|overleggen|signalen|geschiedenis)/$",
        views.sectie,
        name="sectie",
    ),
]
