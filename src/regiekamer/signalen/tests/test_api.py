"""The partner API contract: reporting, validation errors, the reporter's status-only view, weighing."""

import pytest
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.conftest import make_signaal
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import instellingen
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Adres, Persoon

pytestmark = pytest.mark.django_db

VALID = {
    "omschrijving": "Tenant met laag inkomen heeft een keuken van 20.000 euro laten plaatsen en rijdt een auto "
    "van 90.000 euro.",
    "fenomenen": ["witwassen", "woonfraude"],
    "indicatoren": ["uitgaven-boven-inkomen"],
    "anoniem": False,
    "personen": [{"voornamen": "Karim", "achternaam": "de Vries", "geboortedatum": "1988-03-14", "bsn": "111222333"}],
    "adressen": [{"postcode": "9901 AB", "huisnummer": 7, "huisletter": "a", "toevoeging": ""}],
}


def client_for(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def corporatie_api(tenant):
    _token, raw = ApiToken.issue(tenant.corporatie)
    return client_for(raw)


@pytest.fixture
def politie_api(tenant):
    _token, raw = ApiToken.issue(tenant.politie)
    return client_for(raw)


@pytest.fixture
def regisseur_api(tenant):
    _token, raw = ApiToken.issue(tenant.afdeling, user=tenant.regisseur)
    return client_for(raw)


def test_partner_system_reports_a_signal(tenant, corporatie_api):
    response = corporatie_api.post("/api/v1/signalen", VALID, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    signaal = Signaal.objects.get(pk=body["id"])
    assert body["status_url"].endswith(f"/api/v1/signalen/{signaal.pk}/status")
    assert response["Location"].endswith(f"/api/v1/signalen/{signaal.pk}")
    assert signaal.melder_organisatie == tenant.corporatie and signaal.melder is None
    assert signaal.api_token is not None
    assert set(signaal.fenomenen.values_list("code", flat=True)) == {"witwassen", "woonfraude"}
    adres = signaal.adressen.get()
    assert (adres.postcode, adres.huisnummer, adres.huisletter) == ("9901AB", 7, "A")
    assert adres.buurt == tenant.buurt and signaal.buurt == tenant.buurt
    assert signaal.personen.get().bsn == "111222333"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"personen": [{"voornamen": "A", "achternaam": "B", "bsn": "123456789"}]}, "personen.0.bsn"),
        ({"adressen": [{"postcode": "12345", "huisnummer": 1}]}, "adressen.0.postcode"),
        ({"adressen": [{"postcode": "9901AB", "huisnummer": "een"}]}, "adressen.0.huisnummer"),
        ({"fenomenen": ["hennepteelt", "bestaat-niet"]}, "fenomenen"),
        ({"indicatoren": ["onbekend-vlaggetje"]}, "indicatoren"),
        ({"omschrijving": ""}, "omschrijving"),
        ({"omschrijving": None}, "omschrijving"),
        (
            {"personen": [{"voornamen": "A", "achternaam": "B", "geboortedatum": "14-03-1988"}]},
            "personen.0.geboortedatum",
        ),
    ],
)
def test_invalid_input_is_a_problem_naming_the_field_and_nothing_is_stored(corporatie_api, change, field):
    response = corporatie_api.post("/api/v1/signalen", {**VALID, **change}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"]
    assert field in [param["name"] for param in problem["invalidParams"]]
    assert not Signaal.objects.exists()
    assert not Persoon.objects.exists() and not Adres.objects.exists()


def test_missing_description_key_is_named(corporatie_api):
    body = {key: value for key, value in VALID.items() if key != "omschrijving"}
    problem = corporatie_api.post("/api/v1/signalen", body, format="json").json()
    assert [p["name"] for p in problem["invalidParams"]] == ["omschrijving"]


def test_all_invalid_fields_are_named_at_once(corporatie_api):
    body = {
        **VALID,
        "omschrijving": " ",
        "personen": [{"voornamen": "A", "achternaam": "B", "bsn": "123456789"}],
        "adressen": [{"postcode": "ABCD12", "huisnummer": 3}],
    }
    problem = corporatie_api.post("/api/v1/signalen", body, format="json").json()
    assert {p["name"] for p in problem["invalidParams"]} == {"omschrijving", "personen.0.bsn", "adressen.0.postcode"}


def test_bsn_is_not_echoed_in_the_problem(corporatie_api):
    body = {**VALID, "personen": [{"voornamen": "A", "achternaam": "B", "bsn": "123456789"}]}
    response = corporatie_api.post("/api/v1/signalen", body, format="json")
    assert b"123456789" not in response.content


def test_reporter_sees_status_only_and_others_get_404(tenant, corporatie_api, politie_api, regisseur_api):
    created = corporatie_api.post("/api/v1/signalen", VALID, format="json").json()
    status_url = f"/api/v1/signalen/{created['id']}/status"

    response = corporatie_api.get(status_url)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "bijgewerkt", "bericht"}
    assert body["status"] == "ontvangen"
    assert "keuken" not in response.content.decode() and "de Vries" not in response.content.decode()

    assert politie_api.get(status_url).status_code == 404
    assert politie_api.get(f"/api/v1/signalen/{created['id']}").status_code == 403

    weging = regisseur_api.post(
        f"/api/v1/signalen/{created['id']}/wegingen",
        {"weging": "1", "uitkomst": "ondermijning", "toelichting": "Verankerd in de buurt."},
        format="json",
    )
    assert weging.status_code == 201
    response = corporatie_api.get(status_url)
    body = response.json()
    assert body["status"] == "in-behandeling"
    assert body["bericht"] == instellingen(tenant.gemeente).bericht_in_behandeling
    assert "Verankerd" not in response.content.decode()

    regisseur_api.post(
        f"/api/v1/signalen/{created['id']}/wegingen",
        {"weging": "2a", "uitkomst": "geen-gemeentelijke-taak", "toelichting": "Politietaak.", "ontvanger": "Politie"},
        format="json",
    )
    assert corporatie_api.get(status_url).json()["status"] == "afgerond"


def test_the_reporter_message_is_configurable(tenant, corporatie_api):
    settings_row = instellingen(tenant.gemeente)
    settings_row.bericht_ontvangen = "Dank! Wij nemen uw melding mee in de wijkaanpak."
    settings_row.save()
    created = corporatie_api.post("/api/v1/signalen", VALID, format="json").json()
    body = corporatie_api.get(f"/api/v1/signalen/{created['id']}/status").json()
    assert body["bericht"] == "Dank! Wij nemen uw melding mee in de wijkaanpak."


def test_status_of_another_tenants_signal_is_404(tenant, other_tenant):
    signaal = make_signaal(tenant)
    _token, raw = ApiToken.issue(other_tenant.corporatie)
    assert client_for(raw).get(f"/api/v1/signalen/{signaal.pk}/status").status_code == 404


def test_revoked_or_unknown_token_is_refused(tenant):
    token, raw = ApiToken.issue(tenant.corporatie)
    token.revoke()
    response = client_for(raw).post("/api/v1/signalen", VALID, format="json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert client_for("nonsense").get("/api/v1/mijn-meldingen").status_code == 401
    anonymous = APIClient().post("/api/v1/signalen", VALID, format="json")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"


def test_tokens_are_stored_hashed(tenant):
    token, raw = ApiToken.issue(tenant.corporatie)
    assert token.token_hash != raw and len(token.token_hash) == 64
    assert not ApiToken.objects.filter(token_hash=raw).exists()
    assert ApiToken.find_active(raw) == token


def test_wegingen_contract(tenant, corporatie_api, regisseur_api):
    signaal_id = corporatie_api.post("/api/v1/signalen", VALID, format="json").json()["id"]
    url = f"/api/v1/signalen/{signaal_id}/wegingen"

    out_of_order = regisseur_api.post(url, {"weging": "3", "uitkomst": "geen-actie", "toelichting": "x"}, format="json")
    assert out_of_order.status_code == 409
    assert out_of_order["Content-Type"] == "application/problem+json"
    assert "Weging 1" in out_of_order.json()["detail"]

    no_reason = regisseur_api.post(url, {"weging": "1", "uitkomst": "ondermijning", "toelichting": ""}, format="json")
    assert no_reason.status_code == 400
    assert [p["name"] for p in no_reason.json()["invalidParams"]] == ["toelichting"]
    missing_reason = regisseur_api.post(url, {"weging": "1", "uitkomst": "ondermijning"}, format="json")
    assert missing_reason.status_code == 400
    assert not Weging.objects.exists()

    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        response = regisseur_api.post(
            url, {"weging": weging, "uitkomst": uitkomst, "toelichting": "Gemotiveerd."}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["vastgelegd_door"] == tenant.regisseur.get_full_name()
    detail = regisseur_api.get(f"/api/v1/signalen/{signaal_id}").json()
    assert detail["status"] == "privacycheck-1"
    assert detail["volgende_weging"]["weging"] == "pc1"
    assert [w["weging"] for w in detail["wegingen"]] == ["1", "2a", "2b", "3"]


def test_partner_system_cannot_weigh_or_read(tenant, corporatie_api):
    signaal_id = corporatie_api.post("/api/v1/signalen", VALID, format="json").json()["id"]
    response = corporatie_api.post(
        f"/api/v1/signalen/{signaal_id}/wegingen",
        {"weging": "1", "uitkomst": "ondermijning", "toelichting": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert corporatie_api.get("/api/v1/signalen").status_code == 403


def test_other_tenant_regisseur_gets_404(tenant, other_tenant):
    signaal = make_signaal(tenant)
    _token, raw = ApiToken.issue(other_tenant.afdeling, user=other_tenant.regisseur)
    api = client_for(raw)
    assert api.get(f"/api/v1/signalen/{signaal.pk}").status_code == 404
    response = api.post(
        f"/api/v1/signalen/{signaal.pk}/wegingen",
        {"weging": "1", "uitkomst": "ondermijning", "toelichting": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert api.get("/api/v1/signalen").json()["count"] == 0


def test_worklist_filters_and_search(tenant, regisseur_api):
    hennep = make_signaal(tenant)
    geldezel = make_signaal(
        tenant, fenomenen=["geldezel"], indicatoren=[], omschrijving="Bankpas afgegeven.", personen=[], adressen=[]
    )
    listing = regisseur_api.get("/api/v1/signalen", {"fenomeen": "geldezel"}).json()
    assert [s["id"] for s in listing["results"]] == [str(geldezel.pk)]
    found = regisseur_api.post("/api/v1/zoeken", {"zoekterm": "jansen"}, format="json").json()
    assert [s["id"] for s in found["signalen"]] == [str(hennep.pk)]
    assert [p["naam"] for p in found["personen"]] == ["Jan Jansen"]
    by_bsn = regisseur_api.post("/api/v1/zoeken", {"zoekterm": "111222333"}, format="json").json()
    assert len(by_bsn["personen"]) == 1 and by_bsn["casussen"] == []
    from regiekamer.casussen.services import open_casus

    casus = open_casus(tenant.regisseur, "Huishouden Jansen", "huishouden")
    for term in ("jansen", casus.nummer.lower()):
        found = regisseur_api.post("/api/v1/zoeken", {"zoekterm": term}, format="json").json()
        assert [(c["id"], c["nummer"]) for c in found["casussen"]] == [(str(casus.pk), casus.nummer)]


def test_subject_detail_shows_linked_signals_within_tenant(tenant, other_tenant, regisseur_api):
    first = make_signaal(tenant)
    second = make_signaal(tenant, omschrijving="Opnieuw hennepgeur.")
    persoon = first.personen.get()
    body = regisseur_api.get(f"/api/v1/personen/{persoon.pk}").json()
    assert {s["id"] for s in body["signalen"]} == {str(first.pk), str(second.pk)}
    _token, raw = ApiToken.issue(other_tenant.afdeling, user=other_tenant.regisseur)
    assert client_for(raw).get(f"/api/v1/personen/{persoon.pk}").status_code == 404


def test_openapi_schema_documents_the_contract(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in [
        "/api/v1/signalen",
        "/api/v1/signalen/{id}/status",
        "/api/v1/signalen/{id}/wegingen",
        "/api/v1/signalen/{id}/bronraadplegingen",
        "/api/v1/zoeken",
    ]:
        assert path in paths
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert client.get("/api/v1/schema/swagger-ui/").status_code == 200


def test_a_flood_in_one_report_is_refused_naming_the_field_and_nothing_is_stored(corporatie_api):
    from regiekamer.subjects.models import Persoon

    base = {"fenomenen": ["hennepteelt"], "omschrijving": "Hennepgeur."}
    too_long = corporatie_api.post("/api/v1/signalen", {**base, "omschrijving": "x" * 10_001}, format="json")
    assert too_long.status_code == 400 and too_long["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in too_long.json()["invalidParams"]] == ["omschrijving"]
    assert "10000" in too_long.json()["invalidParams"][0]["reason"]
    personen = [{"achternaam": "Jansen" + "".join(chr(97 + int(c)) for c in str(i))} for i in range(51)]
    flood = corporatie_api.post("/api/v1/signalen", {**base, "personen": personen}, format="json")
    assert flood.status_code == 400 and flood.json()["invalidParams"][0]["name"] == "personen"
    assert not Signaal.objects.exists() and not Persoon.objects.exists()
    # At the limit it is accepted.
    assert (
        corporatie_api.post("/api/v1/signalen", {**base, "personen": personen[:50]}, format="json").status_code == 201
    )
    assert Persoon.objects.count() == 50


def test_the_service_holds_the_same_limits_for_every_channel(tenant):
    from regiekamer.core.errors import InvalidInput
    from regiekamer.signalen.services import MAXIMA, SignaalInvoer, valideer

    invoer = SignaalInvoer(omschrijving="x" * (MAXIMA["omschrijving"] + 1), fenomenen=["hennepteelt"] * 21)
    with pytest.raises(InvalidInput) as refused:
        valideer(tenant.gemeente, invoer)
    assert {p["name"] for p in refused.value.invalid_params} == {"omschrijving", "fenomenen"}


def test_a_retry_with_the_same_idempotency_key_makes_no_second_signal(corporatie_api, politie_api):
    body = {"fenomenen": ["hennepteelt"], "omschrijving": "Hennepgeur in de flat."}
    first = corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="melding-0001")
    again = corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="melding-0001")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Signaal.objects.count() == 1
    # The same key with another body: refused, nothing made.
    other = {**body, "omschrijving": "Iets anders."}
    refused = corporatie_api.post("/api/v1/signalen", other, format="json", HTTP_IDEMPOTENCY_KEY="melding-0001")
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    assert Signaal.objects.count() == 1
    # Keys are per sender: another partner's identical key is its own.
    assert (
        politie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="melding-0001").status_code
        == 201
    )
    # A refused request keeps nothing: corrected, it may use the same key. A malformed key is refused.
    bad = corporatie_api.post("/api/v1/signalen", {"fenomenen": []}, format="json", HTTP_IDEMPOTENCY_KEY="leeg-1")
    assert bad.status_code == 400
    fixed = corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="leeg-1")
    assert fixed.status_code == 201
    spaties = corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="met spaties")
    assert spaties.status_code == 400 and spaties.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert Signaal.objects.count() == 3
    # Without the header a retry is a new signal, as before.
    corporatie_api.post("/api/v1/signalen", body, format="json")
    assert Signaal.objects.count() == 4


def test_a_key_whose_first_request_was_cut_off_is_free_again_after_five_minutes(corporatie_api):
    import datetime as dt

    from django.utils import timezone

    from regiekamer.accounts.models import IdempotenteAanvraag

    body = {"fenomenen": ["hennepteelt"], "omschrijving": "Hennepgeur."}
    corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="afgebroken-1")
    # As if the worker was killed while handling it: no answer stored.
    IdempotenteAanvraag.objects.update(status=None, antwoord=None)
    Signaal.objects.all().delete()
    assert (
        corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="afgebroken-1").status_code
        == 409
    )
    IdempotenteAanvraag.objects.update(aangemaakt_op=timezone.now() - dt.timedelta(minutes=6))
    retry = corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="afgebroken-1")
    assert retry.status_code == 201 and Signaal.objects.count() == 1


def test_a_key_is_kept_for_a_day_and_then_free_for_a_new_request(corporatie_api):
    import datetime as dt

    from django.utils import timezone

    from regiekamer.accounts.models import IdempotenteAanvraag

    body = {"fenomenen": ["hennepteelt"], "omschrijving": "Hennepgeur."}
    other = {**body, "omschrijving": "Lampen achter dichte gordijnen."}
    corporatie_api.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="dag-1")
    IdempotenteAanvraag.objects.update(aangemaakt_op=timezone.now() - dt.timedelta(hours=23))
    reused = corporatie_api.post("/api/v1/signalen", other, format="json", HTTP_IDEMPOTENCY_KEY="dag-1")
    assert reused.status_code == 422 and Signaal.objects.count() == 1
    IdempotenteAanvraag.objects.update(aangemaakt_op=timezone.now() - dt.timedelta(hours=25))
    fresh = corporatie_api.post("/api/v1/signalen", other, format="json", HTTP_IDEMPOTENCY_KEY="dag-1")
    assert fresh.status_code == 201 and "Idempotent-Replayed" not in fresh
    assert Signaal.objects.count() == 2 and IdempotenteAanvraag.objects.count() == 1
