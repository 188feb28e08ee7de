"""API v1. Resource names follow the contract partner systems rely on; keep them stable."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import regiekamer.core.api  # noqa: F401 - registers the token scheme with the OpenAPI generator
from regiekamer.bronnen.api.views import BronnenView, BronraadplegingenView
from regiekamer.casussen.api.views import (
    CasusBetrokkenenView,
    CasusBetrokkeneView,
    CasusDeelnemersView,
    CasusDetailView,
    CasusInterventiesView,
    CasusPlanView,
    CasussenView,
    CasusSluitenView,
    InterventieDetailView,
    InterventieSoortenView,
    InterventiesView,
    LeefgebiedenView,
    OrganisatieMedewerkersView,
    OrganisatiesView,
    PlanAfsprakenView,
    PlanAnalyseView,
    PlanDoelenView,
    PlanVersieDetailView,
    PlanVersiesView,
)
from regiekamer.delen.api.views import CasusDelingsbesluitenView, DelingsbesluitIntrekkenView
from regiekamer.doelbinding.api.views import CasusSignalenView, VerenigbaarheidsbesluitenView
from regiekamer.protocol.api.views import WegingenView
from regiekamer.signalen.api.views import (
    EigenMeldingenView,
    FenomenenView,
    IndicatorenView,
    SignaalDetailView,
    SignaalStatusView,
    SignalenView,
    ZoekenView,
)
from regiekamer.subjects.api.views import AdresDetailView, PersoonDetailView, RechtspersoonDetailView

app_name = "api"

urlpatterns = [
    path("signalen", SignalenView.as_view(), name="signalen"),
    path("signalen/<str:pk>", SignaalDetailView.as_view(), name="signaal-detail"),
    path("signalen/<str:pk>/status", SignaalStatusView.as_view(), name="signaal-status"),
    path("signalen/<str:pk>/wegingen", WegingenView.as_view(), name="signaal-wegingen"),
    path("signalen/<str:pk>/bronraadplegingen", BronraadplegingenView.as_view(), name="signaal-bronraadplegingen"),
    path("mijn-meldingen", EigenMeldingenView.as_view(), name="mijn-meldingen"),
    path("fenomenen", FenomenenView.as_view(), name="fenomenen"),
    path("indicatoren", IndicatorenView.as_view(), name="indicatoren"),
    path("organisaties", OrganisatiesView.as_view(), name="organisaties"),
    path("organisaties/<str:pk>/medewerkers", OrganisatieMedewerkersView.as_view(), name="organisatie-medewerkers"),
    path("interventiesoorten", InterventieSoortenView.as_view(), name="interventiesoorten"),
    path("leefgebieden", LeefgebiedenView.as_view(), name="leefgebieden"),
    path("bronnen", BronnenView.as_view(), name="bronnen"),
    path("zoeken", ZoekenView.as_view(), name="zoeken"),
    path("personen/<str:pk>", PersoonDetailView.as_view(), name="persoon-detail"),
    path("adressen/<str:pk>", AdresDetailView.as_view(), name="adres-detail"),
    path("rechtspersonen/<str:pk>", RechtspersoonDetailView.as_view(), name="rechtspersoon-detail"),
    path("casussen", CasussenView.as_view(), name="casussen"),
    path("casussen/<str:pk>", CasusDetailView.as_view(), name="casus-detail"),
    path("casussen/<str:pk>/plan", CasusPlanView.as_view(), name="casus-plan"),
    path("casussen/<str:pk>/plan/versies", PlanVersiesView.as_view(), name="casus-planversies"),
    path("casussen/<str:pk>/plan/versies/<int:versie>", PlanVersieDetailView.as_view(), name="casus-planversie"),
    path("casussen/<str:pk>/plan/analyse", PlanAnalyseView.as_view(), name="casus-plan-analyse"),
    path("casussen/<str:pk>/plan/doelen", PlanDoelenView.as_view(), name="casus-plan-doelen"),
    path("casussen/<str:pk>/plan/afspraken", PlanAfsprakenView.as_view(), name="casus-plan-afspraken"),
    path("casussen/<str:pk>/betrokkenen", CasusBetrokkenenView.as_view(), name="casus-betrokkenen"),
    path("casussen/<str:pk>/betrokkenen/<str:betrokkene_id>", CasusBetrokkeneView.as_view(), name="casus-betrokkene"),
    path("casussen/<str:pk>/deelnemers", CasusDeelnemersView.as_view(), name="casus-deelnemers"),
    path("casussen/<str:pk>/interventies", CasusInterventiesView.as_view(), name="casus-interventies"),
    path("casussen/<str:pk>/sluiten", CasusSluitenView.as_view(), name="casus-sluiten"),
    path("casussen/<str:pk>/signalen", CasusSignalenView.as_view(), name="casus-signalen"),
    path("casussen/<str:pk>/delingsbesluiten", CasusDelingsbesluitenView.as_view(), name="casus-delingsbesluiten"),
    path("delingsbesluiten/<str:pk>/intrekken", DelingsbesluitIntrekkenView.as_view(), name="delingsbesluit-intrekken"),
    path("verenigbaarheidsbesluiten", VerenigbaarheidsbesluitenView.as_view(), name="verenigbaarheidsbesluiten"),
    path("interventies", InterventiesView.as_view(), name="interventies"),
    path("interventies/<str:pk>", InterventieDetailView.as_view(), name="interventie-detail"),
    path("", include("regiekamer.gebieden.api.urls")),
    path("", include("regiekamer.netwerk.api.urls")),
    path("", include("regiekamer.inzicht.api.urls")),  # cijfers/<figuur>
    path("", include("regiekamer.importen.api.urls")),  # importen, importen/<id>, importen/<id>/resultaat
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script as a separate file (?script): no inline script under the CSP. ReDoc is
    # not offered: it needs inline script and styles and loads fonts from Google.
    path(
        "schema/swagger-ui/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="swagger-ui",
    ),
]
