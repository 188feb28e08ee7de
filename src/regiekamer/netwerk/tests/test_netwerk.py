"""The network compared with a direct expectation on the small world of conftest.py: nodes per depth, edges with
their reasons, restricted persons, the structure (clusters, bridges, shared addresses), caps and query counts."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from regiekamer.audit.models import Verwerking
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.netwerk import analysis, builder, selectors
from regiekamer.netwerk.tests.conftest import node_id
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db


def edges_of(netwerk) -> set[tuple]:
    return {(v.bron, v.doel, v.soort, v.reden) for v in netwerk.verbindingen}


def ids_of(netwerk) -> set[str]:
    return {k.id for k in netwerk.knopen}


def test_depth_one_has_the_direct_links_with_their_reasons(wereld):
    w = wereld
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "1")
    assert ids_of(netwerk) == {node_id(s) for s in (w.jan, w.dorpsstraat, w.auto, w.klaas)}
    assert edges_of(netwerk) == {
        (node_id(w.jan), node_id(w.dorpsstraat), "ingeschreven-op", "ingeschreven op"),
        (node_id(w.jan), node_id(w.auto), "eigenaar", "eigenaar van"),
        (*sorted((node_id(w.jan), node_id(w.klaas))), "signaal", f"samen in signaal {w.s1.nummer}"),
    }
    labels = {k.id: k.label for k in netwerk.knopen}
    assert labels[node_id(w.jan)] == "Jan Jansen"
    assert labels[node_id(w.auto)] == "XX123Y"
    assert labels[node_id(w.dorpsstraat)] == str(w.dorpsstraat)
    assert netwerk.start.id == node_id(w.jan) and netwerk.start.afstand == 0
    assert not netwerk.begrensd


def test_depth_two_and_three_add_the_next_rings(wereld):
    w = wereld
    twee = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "2")
    ring2 = {node_id(s) for s in (w.piet, w.kerkweg, w.kweek, w.els)}
    assert ids_of(twee) == {node_id(s) for s in (w.jan, w.dorpsstraat, w.auto, w.klaas)} | ring2
    assert {k.id for k in twee.knopen if k.afstand == 2} == ring2
    assert (node_id(w.piet), node_id(w.dorpsstraat), "ingeschreven-op", "ingeschreven op") in edges_of(twee)
    assert (node_id(w.klaas), node_id(w.kweek), "bestuurder", "bestuurder van") in edges_of(twee)
    assert (node_id(w.klaas), node_id(w.kerkweg), "woont-op", "woont op") in edges_of(twee)
    assert (
        *sorted((node_id(w.klaas), node_id(w.els))),
        "casus",
        f"samen betrokkene in casus {w.casus.nummer}",
    ) in edges_of(twee)
    assert len(twee.verbindingen) == 7
    drie = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "3")
    assert ids_of(drie) == ids_of(twee) | {node_id(w.marie)}
    assert (
        *sorted((node_id(w.marie), node_id(w.kerkweg))),
        "signaal",
        f"samen in signaal {w.s2.nummer}",
    ) in edges_of(drie)


def test_restricted_person_is_neither_node_nor_passage(wereld):
    w = wereld
    for diepte in "123":
        netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), diepte)
        assert node_id(w.rita) not in ids_of(netwerk)
        assert all(node_id(w.rita) not in (v.bron, v.doel) for v in netwerk.verbindingen)
    # Starting from her is refused like an unknown subject.
    with pytest.raises(Http404):
        selectors.netwerk(w.tenant.regisseur, node_id(w.rita), "1")


def test_edges_among_outer_nodes_are_found_by_the_closing_pass(wereld, tenant):
    """Piet and Klaas both reached at depth 2 from the address; a signal about both links them."""
    w = wereld
    s3 = make_signaal(
        tenant,
        personen=[
            PersoonGegevens("Piet", "de Vries", geboortedatum=w.piet.geboortedatum),
            PersoonGegevens("Els", "Smit", geboortedatum=w.els.geboortedatum),
        ],
        adressen=[],
    )
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "2")
    assert (*sorted((node_id(w.piet), node_id(w.els))), "signaal", f"samen in signaal {s3.nummer}") in edges_of(netwerk)


def test_several_shared_signals_make_one_edge_naming_them(wereld, tenant):
    w = wereld
    extra = [
        make_signaal(
            tenant, personen=[PersoonGegevens("Jan", "Jansen", bsn="111222333")], adressen=[AdresGegevens("9901AB", 1)]
        )
        for _ in range(6)
    ]
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "1")
    signaal_edges = [
        v for v in netwerk.verbindingen if v.soort == "signaal" and node_id(w.dorpsstraat) in (v.bron, v.doel)
    ]
    assert len(signaal_edges) == 1
    nummers = sorted(s.nummer for s in extra)
    assert signaal_edges[0].reden == f"samen in 6 signalen, o.a. {', '.join(nummers[:5])}"
    assert signaal_edges[0].gewicht == 6


def test_structure_of_the_world(wereld):
    w = wereld
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "3")
    shared = {k.id: set(k.gedeeld_met) for k in netwerk.gedeeld}
    # Dorpsstraat 1: Jan and Piet, not linked to each other. Kerkweg 5: Klaas (woont op) and Marie (signal S2).
    assert shared == {
        node_id(w.dorpsstraat): {"Jan Jansen", "Piet de Vries"},
        node_id(w.kerkweg): {"Klaas Visser", "Marie Bakker"},
    }
    # The network is a tree here: every inner node is an articulation point.
    scharnier = {k.id for k in netwerk.knopen if k.scharnierpunt}
    assert scharnier == {node_id(s) for s in (w.jan, w.dorpsstraat, w.klaas, w.kerkweg)}
    assert sum(len(leden) for leden in netwerk.clusters) == len(netwerk.knopen)


def test_analysis_of_two_groups_and_their_bridge():
    """Two triangles joined through X: two clusters, X bridges them with the highest betweenness."""
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "x"), ("x", "d")]
    soorten = dict.fromkeys("abcdefx", "persoon")
    structuur = analysis.analyseer(analysis.graaf(soorten, edges), soorten)
    clusters = [set(leden) for leden in structuur.clusters]
    assert len(clusters) == 2
    assert {"a", "b", "c"} <= clusters[0] | clusters[1]
    assert any({"a", "b", "c"} <= c for c in clusters) and any({"d", "e", "f"} <= c for c in clusters)
    assert "x" in structuur.verbinders
    assert structuur.verbinders[0] == "x"  # betweenness: every path between the groups passes through x
    assert not {"a", "b", "e", "f"} & set(structuur.verbinders)
    assert structuur.scharnierpunten == {"c", "x", "d"}
    assert structuur.tussenliggendheid["x"] == max(structuur.tussenliggendheid.values())


def test_analysis_of_a_shared_address():
    soorten = {"adres": "adres", "p1": "persoon", "p2": "persoon", "p3": "persoon", "bv": "rechtspersoon"}
    edges = [("p1", "adres"), ("p2", "adres"), ("p3", "adres"), ("p1", "p2"), ("p1", "bv"), ("p2", "bv")]
    structuur = analysis.analyseer(analysis.graaf(soorten, edges), soorten)
    # p3 is linked to neither p1 nor p2; the company is shared only by p1 and p2, who are linked.
    assert structuur.gedeeld == {"adres": ["p1", "p2", "p3"]}


def test_caps_per_hop_are_reported(wereld, monkeypatch):
    w = wereld
    limieten = builder.Limieten(per_stap=2)
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "1", limieten=limieten)
    assert len(netwerk.knopen) == 3
    assert netwerk.begrensd
    assert netwerk.begrenzingen == ["Stap 1: 3 nieuwe subjecten gevonden; de 2 sterkst verbonden worden getoond."]
    signalen = selectors.netwerk(
        w.tenant.regisseur, node_id(w.kerkweg), "1", limieten=builder.Limieten(signalen_per_stap=0)
    )
    assert node_id(w.marie) not in ids_of(signalen)
    assert "alleen de 0 meest recente signalen" in signalen.begrenzingen[0]


def _letters(number: int) -> str:
    """A surname per number: names hold no digits."""
    return "Bewoner-" + "".join("abcdefghij"[int(digit)] for digit in str(number))


def test_queries_per_hop_do_not_grow_with_the_number_of_nodes(wereld, tenant):
    """A busy address: many persons and signals. The number of queries stays the same."""
    w = wereld

    def count(diepte):
        with CaptureQueriesContext(connection) as context:
            selectors.netwerk(w.tenant.regisseur, node_id(w.dorpsstraat), diepte)
        return len(context.captured_queries)

    def crowd(start, aantal):
        for index in range(start, start + aantal):
            make_signaal(
                tenant,
                personen=[PersoonGegevens("Bewoner", _letters(index), geboortedatum=w.jan.geboortedatum)],
                adressen=[AdresGegevens("9901AB", 1)],
            )

    crowd(0, 5)
    before = count("2")
    crowd(5, 20)
    after = count("2")
    assert after == before
    # Per hop at most 8 (relations 1, signals 1 + 4, cases 2), three passes at depth 2; the start, the
    # restrictions, four label queries; the log: 5 statements for each of at most 6 entries.
    assert after <= 3 * 8 + 2 + 4 + 6 * 5


def test_tenant_b_gets_404(wereld, other_tenant):
    with pytest.raises(Http404):
        selectors.netwerk(other_tenant.regisseur, node_id(wereld.jan), "2")


@pytest.mark.parametrize(
    ("subject", "diepte", "names"),
    [
        ("", "2", {"subject"}),
        ("persoon", "2", {"subject"}),
        ("mens:3f2c1d7e-0000-4000-8000-000000000000", "2", {"subject"}),
        ("persoon:not-a-uuid", "2", {"subject"}),
        ("persoon:3f2c1d7e-0000-4000-8000-00000000000", "2", {"subject"}),
        ("persoon:A-0123456789AB", "2", {"subject"}),  # a pseudonym of another kind
        ("persoon:3f2c1d7e-0000-4000-8000-000000000000", "0", {"diepte"}),
        ("persoon:3f2c1d7e-0000-4000-8000-000000000000", "4", {"diepte"}),
        ("persoon:3f2c1d7e-0000-4000-8000-000000000000", "٢", {"diepte"}),  # Arabic-Indic two
        ("persoon:3f2c1d7e-0000-4000-8000-000000000000", "2 ", {"diepte"}),
        ("persoon:3f2c1d7e-0000-4000-8000-000000000000", "+2", {"diepte"}),
        ("x", "x", {"subject", "diepte"}),
    ],
)
def test_invalid_parameters(subject, diepte, names):
    with pytest.raises(InvalidInput) as error:
        selectors.parse_params(subject, diepte)
    assert {param["name"] for param in error.value.invalid_params} == names


def test_default_depth_is_two():
    verwijzing, diepte = selectors.parse_params("adres:3F2C1D7E-0000-4000-8000-000000000000", None)
    assert diepte == 2 and verwijzing.waarde == "3f2c1d7e-0000-4000-8000-000000000000"


def test_roles_without_a_network(wereld):
    for rol in ("manager", "privacyfunctionaris", "functioneel-beheerder"):
        with pytest.raises(NotAllowed):
            selectors.netwerk(wereld.tenant.users[rol], node_id(wereld.jan), "2")


def test_every_view_is_logged_with_the_subjects_and_references_shown(wereld):
    w = wereld
    before = Verwerking.objects.count()
    netwerk = selectors.netwerk(w.tenant.regisseur, node_id(w.jan), "2")
    entries = list(Verwerking.objects.order_by("volgnummer")[before:])
    assert {e.handeling for e in entries} == {"netwerk.bekijken"}
    logged = {e.objecttype: set(e.object_ids) for e in entries}
    assert logged["persoon"] == {str(k.pk) for k in netwerk.knopen if k.soort == "persoon"}
    assert logged["adres"] == {str(w.dorpsstraat.pk), str(w.kerkweg.pk)}
    assert logged["rechtspersoon"] == {str(w.kweek.pk)}
    assert logged["voertuig"] == {str(w.auto.pk)}
    assert logged["signaal"] == {str(w.s1.pk)}
    assert logged["casus"] == {str(w.casus.pk)}
    assert all(e.gebruiker == w.tenant.regisseur.username for e in entries)


def test_finding_a_pseudonym_agrees_with_the_pseudonym_itself():
    import uuid

    from regiekamer.analyse.pseudonyms import find, pseudonym

    gemeente_id = uuid.uuid4()
    ids = [uuid.uuid4() for _ in range(50)]
    for soort in ("persoon", "adres", "rechtspersoon", "voertuig"):
        target = ids[37]
        assert find(gemeente_id, soort, pseudonym(gemeente_id, soort, target), ids) == target
        assert find(gemeente_id, soort, pseudonym(gemeente_id, soort, target).lower(), map(str, ids)) == str(target)
        assert find(uuid.uuid4(), soort, pseudonym(gemeente_id, soort, target), ids) is None  # another gemeente
    assert find(gemeente_id, "adres", pseudonym(gemeente_id, "persoon", ids[0]), ids) is None  # another kind
    assert find(gemeente_id, "persoon", "P-XYZ", ids) is None
