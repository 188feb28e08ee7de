import pytest
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.bronnen.services import query_hit, query_inhoud
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.subjects.models import SubjectRelatie

pytestmark = pytest.mark.django_db


def to_bronnenonderzoek(user, signaal, bronnen=("brp", "bag")):
    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, toelichting="Gemotiveerd."))
    record_weging(
        user,
        signaal,
        WegingInvoer(
            weging="pc1",
            uitkomst="bronnen-vastgesteld",
            toelichting="Nodig.",
            grondslag="Art. 172 Gemeentewet",
            bronnen=list(bronnen),
        ),
    )
    signaal.refresh_from_db()


def test_sources_can_only_be_queried_after_privacy_check_1(tenant, signaal):
    persoon = signaal.personen.get()
    with pytest.raises(TransitionRefused):
        query_hit(tenant.regisseur, signaal, "brp", persoon)
    assert not Bronraadpleging.objects.exists()


def test_hit_no_hit_reveals_only_whether_known_and_is_recorded(tenant, signaal):
    to_bronnenonderzoek(tenant.regisseur, signaal)
    persoon = signaal.personen.get()
    raadpleging = query_hit(tenant.regisseur, signaal, "brp", persoon)
    assert raadpleging.hit is True  # the person has a BSN, so BRP knows them
    assert raadpleging.inhoud == {}
    assert raadpleging.uitgevoerd_door == tenant.regisseur and raadpleging.rol == "regisseur"
    assert raadpleging.soort == Bronraadpleging.Soort.HIT_NO_HIT


def test_content_needs_a_prior_hit_and_a_justification(tenant, signaal):
    to_bronnenonderzoek(tenant.regisseur, signaal)
    persoon = signaal.personen.get()
    adres = signaal.adressen.get()
    SubjectRelatie.objects.create(
        gemeente=tenant.gemeente, soort="ingeschreven-op", van_persoon=persoon, naar_adres=adres
    )
    with pytest.raises(TransitionRefused):
        query_inhoud(tenant.regisseur, signaal, "brp", persoon, "Nodig om de woonsituatie te kennen.")
    query_hit(tenant.regisseur, signaal, "brp", persoon)
    with pytest.raises(InvalidInput) as invalid:
        query_inhoud(tenant.regisseur, signaal, "brp", persoon, "  ")
    assert invalid.value.invalid_params[0]["name"] == "motivering"
    inhoud = query_inhoud(tenant.regisseur, signaal, "brp", persoon, "Nodig om de woonsituatie te kennen.")
    assert inhoud.inhoud["Naam"] == "Jan Jansen"
    assert inhoud.inhoud["Inschrijfadres"].startswith("9901 AB 12") or "12" in inhoud.inhoud["Inschrijfadres"]
    assert inhoud.motivering == "Nodig om de woonsituatie te kennen."
    assert list(Bronraadpleging.objects.values_list("soort", flat=True)) == ["hit-no-hit", "inhoud"]


def test_only_sources_allowed_by_privacy_check_1(tenant, signaal):
    to_bronnenonderzoek(tenant.regisseur, signaal, bronnen=("bag",))
    with pytest.raises(TransitionRefused):
        query_hit(tenant.regisseur, signaal, "brp", signaal.personen.get())
    assert query_hit(tenant.regisseur, signaal, "bag", signaal.adressen.get()).hit is True


def test_subject_must_belong_to_the_signal_and_fit_the_source(tenant, signaal):
    from regiekamer.conftest import make_signaal
    from regiekamer.subjects.services import PersoonGegevens

    other = make_signaal(tenant, personen=[PersoonGegevens(voornamen="Els", achternaam="Bakker")], adressen=[])
    to_bronnenonderzoek(tenant.regisseur, signaal)
    with pytest.raises(InvalidInput):
        query_hit(tenant.regisseur, signaal, "brp", other.personen.get())
    with pytest.raises(InvalidInput):
        query_hit(tenant.regisseur, signaal, "bag", signaal.personen.get())


def test_partner_cannot_query_sources(tenant, signaal):
    to_bronnenonderzoek(tenant.regisseur, signaal)
    with pytest.raises(NotAllowed):
        query_hit(tenant.partnerprofessional, signaal, "brp", signaal.personen.get())


def test_synthetic_connectors_are_deterministic(tenant, signaal):
    from regiekamer.bronnen.registry import connectors

    adres = signaal.adressen.get()
    for connector in connectors().values():
        for subject in [signaal.personen.get(), adres]:
            if connector.supports(subject):
                assert connector.is_bekend(subject) == connector.is_bekend(subject)
                assert connector.inhoud(subject) == connector.inhoud(subject)


def test_bronraadplegingen_through_the_api(tenant, signaal):
    to_bronnenonderzoek(tenant.regisseur, signaal)
    _token, raw = ApiToken.issue(tenant.afdeling, user=tenant.regisseur)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    url = f"/api/v1/signalen/{signaal.pk}/bronraadplegingen"
    adres = signaal.adressen.get()
    subject = {"soort": "adres", "id": str(adres.pk)}
    early = api.post(url, {"bron": "bag", "soort": "inhoud", "subject": subject, "motivering": "x"}, format="json")
    assert early.status_code == 409
    hit = api.post(url, {"bron": "bag", "soort": "hit-no-hit", "subject": subject}, format="json")
    assert hit.status_code == 201 and hit.json()["hit"] is True and hit.json()["inhoud"] == {}
    content = api.post(
        url, {"bron": "bag", "soort": "inhoud", "subject": subject, "motivering": "Bouwjaar nodig."}, format="json"
    )
    assert content.status_code == 201 and "Bouwjaar" in content.json()["inhoud"]
    assert len(api.get(url).json()) == 2
