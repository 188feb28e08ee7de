"""Merging and unmerging persons with everything that hangs off them."""

import datetime as dt

import pytest

from regiekamer.analyse.pseudonyms import pseudonym
from regiekamer.audit.models import Verwerking
from regiekamer.audit.selectors import verwerkingen_over
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen import services as casussen
from regiekamer.casussen.models import Betrokkene
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import NotAllowed, TransitionRefused
from regiekamer.identiteit.models import Beoordeling, Koppeling, Samenvoeging
from regiekamer.identiteit.services import _verwijzingen, beoordeel, merge, unmerge
from regiekamer.inzage import services as inzage
from regiekamer.inzage.models import Beperking, Rectificatie, Weigering
from regiekamer.inzage.selectors import rapport
from regiekamer.protocol.machine import Aanpak, Status
from regiekamer.retention.services import place_hold
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Persoon, SubjectRelatie
from regiekamer.subjects.selectors import search_personen
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens, koppel_persoon

pytestmark = pytest.mark.django_db

GEBOREN = dt.date(1990, 1, 2)


def snapshot(*personen) -> dict:
    """Every reference to the persons in the project, by (model, field): the set of (row id, person id)."""
    ids = [p.pk for p in personen]
    state = {}
    for model, veld in _verwijzingen():
        rows = model._base_manager.filter(**{f"{veld.attname}__in": ids}).values_list("pk", veld.attname)
        state[(model._meta.label, veld.name)] = set(rows)
    state["personen"] = {
        (p.pk, p.bsn, p.geboortedatum, p.adres_sleutel, p.vorig_adres_sleutel, p.samengevoegd_in_id)
        for p in Persoon.objects.filter(pk__in=ids)
    }
    return state


@pytest.fixture
def pair(tenant):
    """Two records of one person, each with things attached."""
    regisseur = tenant.regisseur
    a_signaal = make_signaal(tenant, personen=[PersoonGegevens("Kitty", "de Vries", "", GEBOREN, "111222333")])
    b_signaal = make_signaal(
        tenant,
        personen=[PersoonGegevens("Catharina", "Vries", "de", None)],
        adressen=[AdresGegevens("9902CD", 7)],
    )
    a, b = a_signaal.personen.get(), b_signaal.personen.get()
    assert a != b
    # A signal that names both: its link rows collapse into one on merge and come back on unmerge.
    both = make_signaal(
        tenant,
        personen=[PersoonGegevens("Kitty", "de Vries", "", GEBOREN, "111222333")],
        adressen=[AdresGegevens("9901AB", 12), AdresGegevens("9902CD", 8)],
    )
    both.personen.add(b)
    casus = casussen.open_casus(regisseur, "Huishouden De Vries", Aanpak.HUISHOUDEN)
    casussen.add_betrokkene(regisseur, casus, b, rol="dochter")
    other = koppel_persoon(tenant.gemeente, PersoonGegevens("Piet", "Jansen", geboortedatum=dt.date(1960, 1, 1)))
    SubjectRelatie.objects.create(gemeente=tenant.gemeente, soort="familie", van_persoon=other.persoon, naar_persoon=b)
    Bronraadpleging.objects.create(
        gemeente=tenant.gemeente,
        signaal=b_signaal,
        bron="brp",
        soort="hit-no-hit",
        persoon=b,
        hit=True,
        uitgevoerd_door=regisseur,
        rol="regisseur",
    )
    inzage.withhold(regisseur, b, "persoon", "art. 41 UAVG")
    inzage.withhold(regisseur, a, "persoon", "art. 41 UAVG")  # both: b's refusal cannot move, it stays
    inzage.rectify(regisseur, b, "voornamen", "Catharina Maria", "Zo in de BRP")
    inzage.restrict(regisseur, b, "Betwist de juistheid")
    inzage.lift(regisseur, b, "Juistheid vastgesteld")
    place_hold(regisseur, b_signaal, "Lopend strafrechtelijk onderzoek")
    return a, b, casus, b_signaal


def test_merge_moves_everything_and_unmerge_restores_it_exactly(tenant, pair):
    a, b, casus, b_signaal = pair
    before = snapshot(a, b)
    pseudoniem_b = pseudonym(tenant.gemeente.pk, "persoon", b.pk)

    samenvoeging = merge(tenant.regisseur, a, b, "Zelfde geboortedatum en adres; BRP bevestigt")
    b.refresh_from_db()
    assert b.samengevoegd_in == a
    assert set(a.signalen.all()) == set(Signaal.objects.filter(gemeente=tenant.gemeente))
    assert not b.signalen.exists()
    assert Betrokkene.objects.get(casus=casus).persoon == a
    assert SubjectRelatie.objects.get(soort="familie").naar_persoon == a
    assert Bronraadpleging.objects.get().persoon == a
    assert Rectificatie.objects.get().persoon == a
    assert Beperking.objects.get().persoon == a
    assert Weigering.objects.filter(persoon=b).count() == 1  # the same part was refused for a already
    # The merged person is no longer found; its processing log still leads to the remaining person.
    assert list(search_personen(tenant.gemeente, "Maria")) == []
    entry = Verwerking.objects.filter(handeling="persoon.samenvoegen").get()
    assert set(entry.object_ids) == {str(a.pk), str(b.pk)}
    assert verwerkingen_over(a).filter(object_ids__icontains=str(b.pk)).exists()
    # The inzage report of the remaining person holds the signals, rectification and restriction of both.
    report = rapport(a)
    assert {item.object for item in report.signalen} == set(Signaal.objects.filter(gemeente=tenant.gemeente))
    assert len(report.rectificaties) == 1 and len(report.beperkingen) == 1

    unmerge(tenant.regisseur, samenvoeging, "Toch twee personen: verschillende moeders")
    a.refresh_from_db()
    b.refresh_from_db()
    assert snapshot(a, b) == before
    assert pseudonym(tenant.gemeente.pk, "persoon", b.pk) == pseudoniem_b
    assert Verwerking.objects.filter(handeling="persoon.samenvoegen-ongedaan").count() == 1
    assert b_signaal.legal_holds.filter(opgeheven_op=None).exists()


def test_merge_fills_empty_fields_and_unmerge_empties_them_again(tenant):
    a = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker")).persoon
    b = koppel_persoon(
        tenant.gemeente,
        PersoonGegevens("Kevin", "Bakker", geboortedatum=GEBOREN, bsn="111222333"),
        AdresGegevens("9901AB", 3),
    ).persoon
    samenvoeging = merge(tenant.regisseur, a, b, "Zelfde persoon")
    a.refresh_from_db()
    assert (a.bsn, a.geboortedatum, a.adres_sleutel) == ("111222333", GEBOREN, "9901AB3")
    # Now the BSN finds the remaining person.
    again = koppel_persoon(tenant.gemeente, PersoonGegevens("K.", "Bakker", bsn="111222333"))
    assert (again.koppeling, again.persoon) == ("bsn", a)
    unmerge(tenant.regisseur, samenvoeging, "Vergissing")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.bsn, a.geboortedatum, a.adres_sleutel) == ("", None, "")
    assert (b.bsn, b.geboortedatum, b.samengevoegd_in) == ("111222333", GEBOREN, None)


def test_merge_refuses_different_bsns_family_and_restricted_persons(tenant):
    a = koppel_persoon(tenant.gemeente, PersoonGegevens("Kim", "Vries", bsn="111222333")).persoon
    b = koppel_persoon(tenant.gemeente, PersoonGegevens("Kim", "Vries", bsn="123456782")).persoon
    with pytest.raises(TransitionRefused):
        merge(tenant.regisseur, a, b, "reden")
    c = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Vries")).persoon
    SubjectRelatie.objects.create(gemeente=tenant.gemeente, soort="familie", van_persoon=a, naar_persoon=c)
    with pytest.raises(TransitionRefused):
        merge(tenant.regisseur, a, c, "reden")
    d = koppel_persoon(tenant.gemeente, PersoonGegevens("Karin", "Vries")).persoon
    inzage.restrict(tenant.regisseur, d, "Betwist")
    with pytest.raises(TransitionRefused):
        merge(tenant.regisseur, b, d, "reden")


def test_only_the_regie_merges_within_its_own_gemeente(tenant, other_tenant):
    from django.http import Http404

    a = koppel_persoon(tenant.gemeente, PersoonGegevens("Kim", "Vries")).persoon
    b = koppel_persoon(tenant.gemeente, PersoonGegevens("Kim", "Vries")).persoon
    for rol in ("partnerprofessional", "analist", "manager", "privacyfunctionaris", "functioneel-beheerder"):
        with pytest.raises(NotAllowed):
            merge(tenant.users[rol], a, b, "reden")
    with pytest.raises(Http404):
        merge(other_tenant.regisseur, a, b, "reden")
    assert not Samenvoeging.objects.exists()


def test_judging_same_merges_and_unmerge_reverses(tenant):
    a = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker")).persoon
    second = koppel_persoon(tenant.gemeente, PersoonGegevens("Kevin", "Bakker"), AdresGegevens("9902CD", 1))
    item = Beoordeling.objects.get(bekend=a, nieuw=second.persoon)
    beoordeel(tenant.regisseur, item, "zelfde", "Zelfde telefoonnummer in beide meldingen")
    item.refresh_from_db()
    assert item.status == "zelfde" and item.samenvoeging is not None
    assert Persoon.objects.get(pk=second.persoon.pk).samengevoegd_in == a
    assert Koppeling.objects.filter(persoon=a).count() == 1  # the explanation moved along
    with pytest.raises(TransitionRefused):
        beoordeel(tenant.regisseur, item, "verschillend", "nog eens")
    unmerge(tenant.regisseur, item.samenvoeging, "Vergissing")
    assert Persoon.objects.get(pk=second.persoon.pk).samengevoegd_in is None
    assert Koppeling.objects.get().persoon == second.persoon


def test_retention_keeps_working_across_a_merge(tenant):
    from django.utils import timezone

    from regiekamer.retention import services as retention

    a_signaal = make_signaal(tenant, personen=[PersoonGegevens("Kim", "Vries", geboortedatum=GEBOREN)])
    b_signaal = make_signaal(tenant, personen=[PersoonGegevens("Kim", "Vries")], adressen=[])
    a, b = a_signaal.personen.get(), b_signaal.personen.get()
    merge(tenant.regisseur, a, b, "Zelfde persoon")
    # Destroying every signal of the remaining person removes it, and the merged record goes with it.
    Signaal.objects.filter(pk__in=[a_signaal.pk, b_signaal.pk]).update(
        status=Status.GEEN_ACTIE, vernietigen_op=timezone.localdate() - dt.timedelta(days=1)
    )
    items = retention.due(tenant.gemeente)
    assert len(items) == 2
    for item in items:
        retention.destroy(item)
    assert not Persoon.objects.filter(pk__in=[a.pk, b.pk]).exists()
    assert not Samenvoeging.objects.exists()
