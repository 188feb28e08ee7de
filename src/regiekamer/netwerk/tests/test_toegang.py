"""Need to know per role, through the page, the export and the API: nobody gets more than their role allows.

- the regie side: the whole network of the gemeente (minus restricted persons);
- the analyst: pseudonyms only, starting from a pseudonym;
- a partner professional: only the betrokkenen of cases they take part in and whose sharing decision includes
  ``betrokkenen``, linked only through those cases;
- manager, privacyfunctionaris, functioneel beheerder and partner systems: nothing.
"""

import re

import networkx as nx
import pytest
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.analyse.pseudonyms import pseudonym
from regiekamer.audit.models import Verwerking
from regiekamer.casussen import services as casussen
from regiekamer.delen.models import Categorie
from regiekamer.delen.services import record_delingsbesluit, withdraw
from regiekamer.netwerk.tests.conftest import node_id

pytestmark = pytest.mark.django_db

NETWERK = "/netwerk/"
API = "/api/v1/netwerk"
EXPORT = "/netwerk/export/"


def pseudo(w, subject) -> str:
    soort = type(subject).__name__.lower()
    return f"{soort}:{pseudonym(w.gemeente.pk, soort, subject.pk)}"


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user.organisatie, user=user)[1]}")
    return client


def personal_data(w) -> list[str]:
    """Everything that identifies somebody or something in the world, or names a signal or case."""
    values = []
    for persoon in (w.jan, w.klaas, w.marie, w.piet, w.els, w.rita):
        values += [persoon.voornamen, persoon.achternaam, str(persoon.pk)]
    values += ["111222333", "2333"]
    values += ["Dorpsstraat", "Kerkweg", "9901 AB", "9901AB", str(w.dorpsstraat.pk), str(w.kerkweg.pk)]
    values += ["Kweek", "87654321", str(w.kweek.pk), "XX123Y", "XX-123-Y", str(w.auto.pk)]
    values += [w.s1.nummer, w.s2.nummer, str(w.s1.pk), str(w.casus.pk), w.casus.nummer]
    return values


def leaks(body: str, values) -> list[str]:
    return [value for value in values if value in body]


# --- Regie side ---------------------------------------------------------------------------------------------------


def test_regisseur_page_shows_the_network_with_names(client, wereld):
    w = wereld
    client.force_login(w.tenant.regisseur)
    response = client.get(NETWERK, {"subject": node_id(w.jan), "diepte": "2"})
    assert response.status_code == 200
    body = response.content.decode()
    for label in ("Jan Jansen", "Piet de Vries", "Dorpsstraat 1", "XX123Y", "Kweek B.V.", "Els Smit"):
        assert label in body
    assert "Rita" not in body
    assert f"samen in signaal {w.s1.nummer}" in body
    assert 'id="netwerk-data"' in body and 'id="netwerk-graaf"' in body
    # Profile links for the regie side.
    assert reverse("netwerk:profiel", kwargs={"soort": "persoon", "pk": w.piet.pk}) in body
    # The BSN is never in the network, not even masked.
    assert "111222333" not in body and "2333" not in body


# --- Analyst --------------------------------------------------------------------------------------------------------


def test_analyst_sees_pseudonyms_only(client, wereld):
    w = wereld
    analist = w.tenant.analist
    client.force_login(analist)
    for diepte in "123":
        response = client.get(NETWERK, {"subject": pseudo(w, w.jan), "diepte": diepte})
        assert response.status_code == 200
        body = response.content.decode()
        assert not leaks(body, personal_data(w)), leaks(body, personal_data(w))
    assert pseudonym(w.gemeente.pk, "persoon", w.piet.pk) in body
    assert pseudonym(w.gemeente.pk, "signaal", w.s1.pk) in body  # the reason names the signal's pseudonym
    assert pseudonym(w.gemeente.pk, "voertuig", w.auto.pk) in body
    assert "/profielen/" not in body
    # A bare pseudonym typed on the page works too.
    bare = client.get(NETWERK, {"subject": pseudonym(w.gemeente.pk, "persoon", w.jan.pk)})
    assert bare.status_code == 200


def test_analyst_api_and_export_hold_pseudonyms_only(wereld):
    w = wereld
    client = api_client(w.tenant.analist)
    response = client.get(API, {"subject": pseudo(w, w.jan), "diepte": "3"})
    assert response.status_code == 200
    data = response.json()
    assert data["weergave"] == "pseudoniem"
    assert not leaks(response.content.decode(), personal_data(w))
    for node in data["nodes"]:
        soort, _sep, value = node["id"].partition(":")
        assert node["label"] == value and re.fullmatch(r"[PAOV]-[0-9A-F]{12}", value), node
    web = APIClient()  # the export is a web page: the analyst's session
    web.force_login(w.tenant.analist)
    for formaat in ("gexf", "graphml"):
        export = web.get(EXPORT, {"subject": pseudo(w, w.jan), "diepte": "3", "formaat": formaat})
        assert export.status_code == 200
        assert not leaks(export.content.decode(), personal_data(w))


def test_analyst_cannot_start_from_an_id_and_regie_not_from_a_pseudonym(client, wereld):
    w = wereld
    client.force_login(w.tenant.analist)
    assert client.get(NETWERK, {"subject": node_id(w.jan)}).status_code == 404
    assert api_client(w.tenant.analist).get(API, {"subject": node_id(w.jan)}).status_code == 404
    assert api_client(w.tenant.regisseur).get(API, {"subject": pseudo(w, w.jan)}).status_code == 404
    # The analyst's log entries carry the analysis purpose.
    client.get(NETWERK, {"subject": pseudo(w, w.jan)})
    entry = Verwerking.objects.filter(gebruiker=w.tenant.analist.username).latest("volgnummer")
    assert entry.doel.startswith("analyse")


def test_analyst_of_another_gemeente_finds_nothing(client, wereld, other_tenant):
    client.force_login(other_tenant.analist)
    assert client.get(NETWERK, {"subject": pseudo(wereld, wereld.jan)}).status_code == 404


# --- Partner professional --------------------------------------------------------------------------------------------


def share(w, categorieen):
    regisseur, politie = w.tenant.regisseur, w.tenant.politie
    casussen.add_deelnemer(regisseur, w.casus, politie, gebruiker=w.tenant.wijkagent)
    return record_delingsbesluit(
        regisseur,
        ontvanger=politie,
        casus=w.casus,
        categorieen=categorieen,
        omschrijving="Betrokkenen voor de aanpak",
        doel="Uitvoering van het plan",
        grondslag="Art. 6 lid 1 sub e AVG",
    )


def test_partner_sees_only_the_betrokkenen_shared_with_them(wereld):
    w = wereld
    share(w, [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN])
    client = api_client(w.tenant.wijkagent)
    response = client.get(API, {"subject": node_id(w.klaas), "diepte": "3"})
    assert response.status_code == 200
    data = response.json()
    assert data["weergave"] == "deelnemer"
    assert {n["id"] for n in data["nodes"]} == {node_id(w.klaas), node_id(w.els)}  # Rita is restricted
    assert [(e["soort"], e["reden"]) for e in data["edges"]] == [
        ("casus", f"samen betrokkene in casus {w.casus.nummer}")
    ]
    body = response.content.decode()
    for value in ("Jansen", "Dorpsstraat", "Kerkweg", "Kweek", "XX123Y", w.s1.nummer, "Rita", "111222333"):
        assert value not in body
    # Jan is no betrokkene of a shared case: unknown to the partner.
    assert client.get(API, {"subject": node_id(w.jan)}).status_code == 404
    # The partner's case page links each shared betrokkene to its network.
    web = APIClient()
    web.force_login(w.tenant.wijkagent)
    page = web.get(reverse("casussen:detail", kwargs={"pk": w.casus.pk})).content.decode()
    assert f"{NETWERK}?subject=persoon:{w.klaas.pk}" in page
    assert "/profielen/" not in page


def test_partner_without_the_betrokkenen_category_or_after_withdrawal_gets_404(client, wereld):
    w = wereld
    besluit = share(w, [Categorie.KOPGEGEVENS, Categorie.EIGEN_ACTIES])
    client.force_login(w.tenant.wijkagent)
    assert client.get(NETWERK, {"subject": node_id(w.klaas)}).status_code == 404
    withdraw(w.tenant.regisseur, besluit, "Niet meer nodig.")
    full = record_delingsbesluit(
        w.tenant.regisseur,
        ontvanger=w.tenant.politie,
        casus=w.casus,
        categorieen=[Categorie.BETROKKENEN],
        omschrijving="Betrokkenen",
        doel="Uitvoering",
        grondslag="Art. 6 lid 1 sub e AVG",
    )
    assert client.get(NETWERK, {"subject": node_id(w.klaas)}).status_code == 200
    withdraw(w.tenant.regisseur, full, "Casus afgeschaald.")
    assert client.get(NETWERK, {"subject": node_id(w.klaas)}).status_code == 404


def test_partner_not_taking_part_gets_404(client, wereld):
    w = wereld
    share(w, [Categorie.BETROKKENEN])
    client.force_login(w.tenant.partnerprofessional)  # the corporation takes no part
    assert client.get(NETWERK, {"subject": node_id(w.klaas)}).status_code == 404
    assert api_client(w.tenant.partnerprofessional).get(API, {"subject": node_id(w.klaas)}).status_code == 404


# --- No network at all -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["manager", "privacyfunctionaris", "functioneel-beheerder"])
def test_roles_without_a_network_get_403_and_nothing_is_logged(client, wereld, rol):
    w = wereld
    user = w.tenant.users[rol]
    client.force_login(user)
    before = Verwerking.objects.count()
    for url, params in (
        (NETWERK, {"subject": node_id(w.jan)}),
        (EXPORT, {"subject": node_id(w.jan), "formaat": "gexf"}),
        (reverse("netwerk:profiel", kwargs={"soort": "persoon", "pk": w.jan.pk}), {}),
    ):
        response = client.get(url, params)
        assert response.status_code == 403
        assert not leaks(response.content.decode(), personal_data(w))
    response = api_client(user).get(API, {"subject": node_id(w.jan)})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert Verwerking.objects.count() == before


def test_partner_system_gets_403(wereld):
    token = ApiToken.issue(wereld.tenant.corporatie, omschrijving="Partnersysteem")[1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(API, {"subject": node_id(wereld.jan)}).status_code == 403


# --- Exports -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("formaat", "reader"), [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_exports_parse_and_hold_the_same_network(client, wereld, tmp_path, formaat, reader):
    w = wereld
    client.force_login(w.tenant.regisseur)
    before = Verwerking.objects.count()
    response = client.get(EXPORT, {"subject": node_id(w.jan), "diepte": "2", "formaat": formaat})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert str(w.jan.pk) not in response["Content-Disposition"]
    path = tmp_path / f"netwerk.{formaat}"
    path.write_bytes(response.content)
    graph = reader(path)
    page = api_client(w.tenant.regisseur).get(API, {"subject": node_id(w.jan), "diepte": "2"}).json()
    assert set(graph.nodes) == {n["id"] for n in page["nodes"]}
    assert graph.number_of_edges() == len(page["edges"])
    labels = {n["id"]: n["label"] for n in page["nodes"]}
    for node, attributes in graph.nodes(data=True):
        assert attributes["label"] == labels[node]
        assert attributes["soort"] == node.partition(":")[0]
    reasons = sorted(data["reden"] for _a, _b, data in graph.edges(data=True))
    assert reasons == sorted(e["reden"] for e in page["edges"])
    entries = Verwerking.objects.filter(handeling="netwerk.export")
    assert entries.count() >= 4 and Verwerking.objects.count() > before
    assert str(w.jan.pk) in {i for e in entries.filter(objecttype="persoon") for i in e.object_ids}


def test_export_refuses_an_unknown_format(client, wereld):
    client.force_login(wereld.tenant.regisseur)
    response = client.get(EXPORT, {"subject": node_id(wereld.jan), "formaat": "csv"})
    assert response.status_code == 400


def test_pseudonyms_shown_in_a_network_open_the_next_one_without_a_scan(wereld, other_tenant, monkeypatch):
    from regiekamer.netwerk import selectors

    w = wereld
    first = selectors.netwerk(w.tenant.analist, pseudo(w, w.jan), "1")
    piet_or_klaas = next(k for k in first.knopen if k.soort == "persoon" and k.afstand == 1)

    def no_scan(*args, **kwargs):
        raise AssertionError("scanned")

    monkeypatch.setattr(selectors, "find_pseudoniem", no_scan)
    second = selectors.netwerk(w.tenant.analist, piet_or_klaas.id, "1")
    assert second.start.id == piet_or_klaas.id
    # Remembered pseudonyms are per gemeente: the other gemeente's analyst still finds nothing (and scans).
    monkeypatch.undo()
    with pytest.raises(Http404):
        selectors.netwerk(other_tenant.analist, piet_or_klaas.id, "1")
