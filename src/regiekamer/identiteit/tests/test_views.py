"""The review queue and merging in the web UI: blind review, judgements, explanations on the profile, roles."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from regiekamer.audit.models import Verwerking
from regiekamer.identiteit.models import Beoordeling, Samenvoeging
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens, koppel_persoon

pytestmark = pytest.mark.django_db

GEBOREN = dt.date(2004, 3, 7)
BSN = "111222333"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def profiel_url(persoon) -> str:
    return reverse("netwerk:profiel", kwargs={"soort": "persoon", "pk": persoon.pk})


@pytest.fixture
def kitty(tenant):
    adres = AdresGegevens("9901AB", 12)
    first = koppel_persoon(tenant.gemeente, PersoonGegevens("Kitty", "Vries", "de", GEBOREN, BSN), adres)
    koppel_persoon(tenant.gemeente, PersoonGegevens("Kitti", "de Vries", "", GEBOREN), adres)
    koppel_persoon(tenant.gemeente, PersoonGegevens("K.", "de Vries", "", GEBOREN), adres)
    return first.persoon


@pytest.fixture
def twijfel(tenant):
    """Anna Visser, and 'A. Visser' with the same birth date at another address: an open review item."""
    bekend = koppel_persoon(
        tenant.gemeente, PersoonGegevens("Anna", "Visser", "", dt.date(1970, 6, 15)), AdresGegevens("9901AB", 1)
    ).persoon
    nieuw = koppel_persoon(
        tenant.gemeente, PersoonGegevens("A.", "Visser", "", dt.date(1970, 6, 15)), AdresGegevens("9902CD", 2)
    ).persoon
    return Beoordeling.objects.get(bekend=bekend, nieuw=nieuw)


def test_the_profile_shows_why_each_report_was_linked(tenant, kitty):
    response = client_for(tenant.regisseur).get(profiel_url(kitty))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Koppelingen en samenvoegingen" in html
    assert "initialen passen" in html and "klinkt gelijk" in html  # K. and Kitti
    assert html.count('class="rk-details koppeling"') == 2
    assert "dag en maand" not in html
    assert BSN not in html  # masked: only the last four digits


def test_review_is_blind_until_judged_then_shows_the_weight(tenant, twijfel):
    client = client_for(tenant.regisseur)
    lijst = client.get(reverse("identiteit:beoordelingen"))
    assert lijst.status_code == 200 and "A. Visser" in lijst.content.decode()
    url = reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})
    blind = client.get(url).content.decode()
    assert "initialen passen" in blind and "Gewicht" not in blind
    assert f"{twijfel.gewicht:.1f}".replace(".", ",") not in blind and f"{twijfel.gewicht:.1f}" not in blind
    response = client.post(url, {"oordeel": "verschillend", "reden": "Andere moeder volgens de BRP"})
    assert response.status_code == 302
    twijfel.refresh_from_db()
    assert (twijfel.status, twijfel.beoordeeld_door, twijfel.reden) == (
        "verschillend",
        tenant.regisseur,
        "Andere moeder volgens de BRP",
    )
    judged = client.get(url).content.decode()
    assert "Gewicht van het model" in judged
    entry = Verwerking.objects.get(handeling="persoon.beoordelen.verschillend")
    assert set(entry.object_ids) == {str(twijfel.bekend_id), str(twijfel.nieuw_id)}


def test_a_judgement_needs_a_reason(tenant, twijfel):
    url = reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})
    response = client_for(tenant.regisseur).post(url, {"oordeel": "zelfde", "reden": ""})
    assert response.status_code == 400
    twijfel.refresh_from_db()
    assert twijfel.is_open


def test_judging_same_merges_from_the_ui_and_unmerge_from_the_profile(tenant, twijfel):
    client = client_for(tenant.regisseur)
    url = reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})
    client.post(url, {"oordeel": "zelfde", "reden": "BRP bevestigt"})
    nieuw = Persoon.objects.get(pk=twijfel.nieuw_id)
    assert nieuw.samengevoegd_in_id == twijfel.bekend_id
    # The merged person's profile leads to the remaining person.
    response = client.get(profiel_url(nieuw))
    assert response.status_code == 302 and response["Location"] == profiel_url(twijfel.bekend)
    page = client.get(profiel_url(twijfel.bekend)).content.decode()
    samenvoeging = Samenvoeging.objects.get()
    assert f"samenvoeging-{samenvoeging.pk}" in page and "Samenvoeging ongedaan maken" in page
    response = client.post(reverse("identiteit:ontvlechten", kwargs={"pk": samenvoeging.pk}), {"reden": "Vergissing"})
    assert response.status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.samengevoegd_in_id is None
    assert client.get(profiel_url(nieuw)).status_code == 200


def test_merge_from_the_profile_of_a_possible_duplicate(tenant):
    a = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker")).persoon
    b = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker"), AdresGegevens("9902CD", 4)).persoon
    client = client_for(tenant.regisseur)
    page = client.get(profiel_url(a)).content.decode()
    assert f"dubbel-{b.pk}" in page
    url = reverse("identiteit:samenvoegen", kwargs={"pk": a.pk})
    client.post(url, {"ander": str(b.pk), "reden": ""})
    assert not Samenvoeging.objects.exists()  # a reason is required
    client.post(url, {"ander": str(b.pk), "reden": "Zelfde telefoonnummer"})
    assert Persoon.objects.get(pk=b.pk).samengevoegd_in == a
    # An open review item for this very pair is settled by the merge.
    assert not Beoordeling.objects.filter(status="open").exists()


@pytest.mark.parametrize("rol", ["partnerprofessional", "analist", "manager", "privacyfunctionaris"])
def test_other_roles_cannot_review_or_merge(tenant, twijfel, rol):
    client = client_for(tenant.users[rol])
    assert client.get(reverse("identiteit:beoordelingen")).status_code == 403
    url = reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})
    assert client.post(url, {"oordeel": "zelfde", "reden": "x"}).status_code == 403
    merge_url = reverse("identiteit:samenvoegen", kwargs={"pk": twijfel.bekend_id})
    assert client.post(merge_url, {"ander": str(twijfel.nieuw_id), "reden": "x"}).status_code == 403
    twijfel.refresh_from_db()
    assert twijfel.is_open and not Samenvoeging.objects.exists()


def test_another_gemeente_sees_nothing(tenant, other_tenant, twijfel):
    client = client_for(other_tenant.regisseur)
    assert twijfel.bekend.volledige_naam not in client.get(reverse("identiteit:beoordelingen")).content.decode()
    assert client.get(reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})).status_code == 404
    merge_url = reverse("identiteit:samenvoegen", kwargs={"pk": twijfel.bekend_id})
    assert client.post(merge_url, {"ander": str(twijfel.nieuw_id), "reden": "x"}).status_code == 404


def test_no_bsn_in_urls_or_the_processing_log(tenant, kitty, twijfel):
    client = client_for(tenant.regisseur)
    client.get(profiel_url(kitty))
    client.get(reverse("identiteit:beoordelingen"))
    client.post(reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk}), {"oordeel": "zelfde", "reden": "BRP"})
    for entry in Verwerking.objects.all():
        assert BSN not in entry.canonical()
    for url in (profiel_url(kitty), reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk})):
        assert BSN not in url


def test_manual_entry_on_a_case_links_through_the_same_rule(tenant, kitty):
    from regiekamer.casussen import services as casussen
    from regiekamer.protocol.machine import Aanpak

    casus = casussen.open_casus(tenant.regisseur, "Huishouden De Vries", Aanpak.HUISHOUDEN)
    client = client_for(tenant.regisseur)
    url = reverse("casussen:betrokkene-nieuw", kwargs={"pk": casus.pk})
    response = client.post(
        url,
        {
            "nieuwe-persoon-voornamen": "Kitty",
            "nieuwe-persoon-achternaam": "de Vries",
            "nieuwe-persoon-geboortedatum": "2004-03-07",
            "nieuwe-persoon-rol": "dochter",
        },
    )
    assert response.status_code == 302
    assert casus.betrokkenen.get().persoon == kitty
    # A Kevin without a birth date: a new person; once in the case, the same name entered again is that person.
    for _twice in range(2):
        client.post(url, {"nieuwe-persoon-voornamen": "Kevin", "nieuwe-persoon-achternaam": "Bakker"})
    kevins = [b.persoon for b in casus.betrokkenen.filter(persoon__voornamen="Kevin")]
    assert len(kevins) == 1
    assert client.post(url, {"nieuwe-persoon-voornamen": "Kevin"}).status_code == 400  # the surname is required


def test_the_inzage_report_of_a_merged_person_is_that_of_the_remaining_person(tenant, twijfel):
    client = client_for(tenant.regisseur)
    client.post(reverse("identiteit:beoordeling", kwargs={"pk": twijfel.pk}), {"oordeel": "zelfde", "reden": "BRP"})
    page = client.get(reverse("inzage:rapport", kwargs={"pk": twijfel.nieuw_id})).content.decode()
    assert "Anna Visser" in page


def test_the_beheerder_sets_the_thresholds_in_the_admin(tenant):
    from regiekamer.identiteit.models import KoppelInstelling

    beheerder = tenant.users["functioneel-beheerder"]
    beheerder.is_staff = True
    beheerder.save(update_fields=["is_staff"])
    client = client_for(beheerder)
    url = reverse("admin:identiteit_koppelinstelling_add")
    assert client.get(url).status_code == 200
    response = client.post(url, {"drempel_koppelen": "22", "drempel_beoordelen": "14"})
    assert response.status_code == 302
    instelling = KoppelInstelling.objects.get()
    assert (instelling.gemeente, instelling.drempel_koppelen) == (tenant.gemeente, 22)
    assert client.get(reverse("admin:identiteit_koppelinstelling_changelist")).status_code == 200
    # The regisseur does not reach the admin.
    assert client_for(tenant.regisseur).get(url).status_code == 302
