"""Retention destroys exactly what is due, with everything derived from it, and nothing under a legal hold;
also when interrupted and re-run."""

import datetime as dt
import json
import uuid
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Betrokkene, Casus, CasusSignaal, Interventie, PlanVersie
from regiekamer.casussen.tests.test_services import add_actie, close, hand_over
from regiekamer.conftest import make_signaal
from regiekamer.delen.models import DelingsBesluit
from regiekamer.delen.testing import share
from regiekamer.inzage.models import Beperking
from regiekamer.notifications.models import Notificatie
from regiekamer.overleggen import services as overleg_services
from regiekamer.overleggen.models import Agendapunt, Overleg
from regiekamer.protocol.machine import Status
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.retention import services
from regiekamer.retention.models import LegalHold, VernietigingsRecord
from regiekamer.signalen.models import Bijlage, Signaal
from regiekamer.subjects.models import Adres, Persoon, SubjectRelatie, Voertuig
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OMSCHRIJVING = "Geheime omschrijving over de zolder van Pietersen"


def geen_actie(tenant, signaal):
    for weging, uitkomst in [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]:
        record_weging(tenant.regisseur, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, toelichting="Ok."))
    record_weging(tenant.regisseur, signaal, WegingInvoer(weging="3", uitkomst="geen-actie", toelichting="Te vaag."))
    signaal.refresh_from_db()
    assert signaal.status == Status.GEEN_ACTIE and signaal.vernietigen_op
    return signaal


def pietersen(**overrides):
    """Signal input about one person, address and vehicle, with an attachment."""
    return {
        "omschrijving": OMSCHRIJVING,
        "personen": [PersoonGegevens(voornamen="Piet", achternaam="Pietersen", bsn="123456782")],
        "adressen": [AdresGegevens(postcode="9901ZZ", huisnummer=7)],
        "voertuigen": ["XX123Y"],
        "bijlagen": [SimpleUploadedFile("foto pietersen.png", PNG)],
        **overrides,
    }


def due_geen_actie_signaal(tenant, **kwargs):
    """A geen-actie signal whose destruction date has passed."""
    signaal = geen_actie(tenant, make_signaal(tenant, **pietersen(**kwargs)))
    Signaal.objects.filter(pk=signaal.pk).update(vernietigen_op=timezone.localdate() - dt.timedelta(days=1))
    signaal.refresh_from_db()
    return signaal


def run(*args) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_geen_actie_signal_past_its_date_is_destroyed_with_everything_derived(
    tenant, django_capture_on_commit_callbacks
):
    signaal = due_geen_actie_signaal(tenant)
    persoon = signaal.personen.get()
    Notificatie.objects.create(ontvanger=tenant.regisseur, onderwerp="Kijk even", link=f"/signalen/{signaal.pk}/")
    bijlage = signaal.bijlagen.get()
    path = bijlage.bestand.name
    assert default_storage.exists(path)
    # Another signal about the same person, on another address, keeps the person.
    other = make_signaal(tenant, adressen=[AdresGegevens(postcode="9902AA", huisnummer=3)])
    other.personen.add(persoon)
    assert Weging.objects.filter(signaal=signaal).count() == 4

    items = services.due(tenant.gemeente)
    assert [(i.soort, i.nummer) for i in items] == [("signaal", signaal.nummer)]
    with django_capture_on_commit_callbacks(execute=True):
        record = services.destroy(items[0])

    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert not Weging.objects.filter(signaal_id=signaal.pk).exists()
    assert not Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert not default_storage.exists(path)
    assert not Notificatie.objects.filter(link=f"/signalen/{signaal.pk}/").exists()
    assert Persoon.objects.filter(pk=persoon.pk).exists()  # still used by the other signal
    assert not Adres.objects.filter(postcode="9901ZZ").exists()  # orphaned
    assert not Voertuig.objects.filter(kenteken="XX123Y").exists()
    assert Signaal.objects.filter(pk=other.pk).exists()
    assert record.soort == "signaal" and record.nummer == signaal.nummer
    assert record.grondslag == "bewaartermijn verstreken"
    assert record.aantallen["wegingen"] == 4 and record.aantallen["bijlagen"] == 1
    assert record.aantallen["adressen"] == 1 and "personen" not in record.aantallen


def test_orphaned_person_and_relations_go_too(tenant):
    signaal = due_geen_actie_signaal(tenant)
    persoon = signaal.personen.get()
    adres = signaal.adressen.get()
    SubjectRelatie.objects.create(gemeente=tenant.gemeente, soort="woont-op", van_persoon=persoon, naar_adres=adres)
    services.destroy(services.due(tenant.gemeente)[0])
    assert not Persoon.objects.filter(pk=persoon.pk).exists()
    assert not SubjectRelatie.objects.filter(gemeente=tenant.gemeente).exists()
    record = VernietigingsRecord.objects.get()
    assert record.aantallen["personen"] == 1 and record.aantallen["relaties"] == 1


def test_restricted_person_is_kept_when_their_signal_is_destroyed(tenant):
    """Art. 18(1)(c) AVG: a person whose processing is restricted (kept for legal claims) is not destroyed."""
    signaal = due_geen_actie_signaal(tenant)
    persoon = signaal.personen.get()
    Beperking.objects.create(
        gemeente=tenant.gemeente,
        persoon=persoon,
        reden="Nodig voor een rechtsvordering",
        geplaatst_door=tenant.regisseur,
    )
    out = run("--dry-run")
    assert "1 persoon/personen met een actieve beperking van de verwerking blijven bewaard" in out
    services.destroy(services.due(tenant.gemeente)[0])
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert Persoon.objects.filter(pk=persoon.pk).exists()
    assert Beperking.objects.filter(persoon=persoon, opgeheven_op=None).exists()
    assert "personen" not in VernietigingsRecord.objects.get().aantallen


def test_person_whose_restriction_was_lifted_goes(tenant):
    signaal = due_geen_actie_signaal(tenant)
    persoon = signaal.personen.get()
    Beperking.objects.create(
        gemeente=tenant.gemeente,
        persoon=persoon,
        reden="Tijdelijk",
        geplaatst_door=tenant.regisseur,
        opheffen_reden="Vordering afgehandeld",
        opgeheven_door=tenant.regisseur,
        opgeheven_op=timezone.now(),
    )
    assert "beperking van de verwerking" not in run("--dry-run")
    services.destroy(services.due(tenant.gemeente)[0])
    assert not Persoon.objects.filter(pk=persoon.pk).exists()


def test_not_yet_due_stays(tenant):
    signaal = geen_actie(tenant, make_signaal(tenant))
    assert signaal.vernietigen_op > timezone.localdate()
    assert services.due(tenant.gemeente) == []
    # Other finished signals: after the configured term from afgerond_op.
    stopped = make_signaal(tenant)
    record_weging(tenant.regisseur, stopped, WegingInvoer(weging="1", uitkomst="geen-ondermijning", toelichting="."))
    stopped.refresh_from_db()
    termijn = services.bewaartermijn(tenant.gemeente)
    assert termijn.signaal_dagen == 730
    day_due = timezone.localdate(stopped.afgerond_op) + dt.timedelta(days=730)
    assert stopped.nummer not in [i.nummer for i in services.due(tenant.gemeente, day_due - dt.timedelta(days=1))]
    assert stopped.nummer in [i.nummer for i in services.due(tenant.gemeente, day_due)]
    # On the geen-actie date itself, that one is due as well.
    assert [i.nummer for i in services.due(tenant.gemeente, signaal.vernietigen_op)] == [signaal.nummer]
    assert [i.nummer for i in services.due(tenant.gemeente, signaal.vernietigen_op - dt.timedelta(days=1))] == []
    # A signal still in the protocol is never due.
    make_signaal(tenant)
    assert len(services.due(tenant.gemeente, dt.date(2100, 1, 1))) == 2


def test_legal_hold_stops_destruction_until_lifted(tenant):
    signaal = due_geen_actie_signaal(tenant)
    hold = services.place_hold(tenant.regisseur, signaal, "Lopend strafrechtelijk onderzoek")
    assert services.due(tenant.gemeente) == []
    assert "0 vernietigd" in run("--apply")
    assert Signaal.objects.filter(pk=signaal.pk).exists()
    services.lift_hold(tenant.regisseur, hold, "Onderzoek afgerond")
    run("--apply")
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert not LegalHold.objects.exists()


def test_other_tenants_records_are_untouched(tenant, other_tenant):
    mine = due_geen_actie_signaal(tenant)
    theirs = due_geen_actie_signaal(other_tenant)
    run("--apply", "--gemeente", tenant.gemeente.cbs_code)
    assert not Signaal.objects.filter(pk=mine.pk).exists()
    assert Signaal.objects.filter(pk=theirs.pk).exists()
    assert theirs.personen.exists() and theirs.bijlagen.exists()
    assert VernietigingsRecord.objects.filter(gemeente=other_tenant.gemeente).count() == 0


def closed_case_past_term(tenant):
    signaal = make_signaal(tenant, **pietersen())
    casus = hand_over(tenant, signaal)
    doel = casus_services.add_doel(tenant.regisseur, casus, "Schulden in beeld")
    casus_services.add_afspraak(tenant.regisseur, casus, "Wekelijks contact met Pietersen")
    casus_services.add_deelnemer(tenant.regisseur, casus, tenant.politie, tenant.wijkagent)
    share(casus, tenant.politie)
    add_actie(tenant, casus, doel=doel)
    overleg = overleg_services.plan_overleg(
        tenant.regisseur, "casusoverleg", "Casusoverleg", timezone.now(), [str(tenant.wijkagent.pk)]
    )
    punt = overleg_services.add_agendapunt(tenant.regisseur, overleg, casus)
    overleg_services.record_notulen(tenant.regisseur, punt, "Besproken.", "Doorgaan.")
    close(tenant, casus)
    Casus.objects.filter(pk=casus.pk).update(gesloten_op=timezone.now() - dt.timedelta(days=1827))
    return casus, signaal, overleg


def test_closed_case_past_its_term_is_destroyed_with_its_signals_and_children(tenant):
    casus, signaal, overleg = closed_case_past_term(tenant)
    assert Bronraadpleging.objects.filter(signaal=signaal).exists()
    gedeeld = DelingsBesluit.objects.filter(gemeente=tenant.gemeente).count()
    assert DelingsBesluit.objects.filter(casus=casus).exists() and DelingsBesluit.objects.filter(signaal=signaal)
    assert [(i.soort, i.nummer) for i in services.due(tenant.gemeente)] == [("casus", casus.nummer)]
    out = run("--apply")
    assert casus.nummer in out
    assert not Casus.objects.filter(pk=casus.pk).exists()
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    models = (Weging, Bronraadpleging, Bijlage, Betrokkene, Interventie, PlanVersie, Agendapunt, CasusSignaal)
    for model in (*models, DelingsBesluit):
        assert not model.objects.filter(gemeente=tenant.gemeente).exists(), model
    assert not Persoon.objects.filter(gemeente=tenant.gemeente, achternaam="Pietersen").exists()
    assert Overleg.objects.filter(pk=overleg.pk).exists()  # the meeting stays
    records = {r.soort: r for r in VernietigingsRecord.objects.all()}
    assert records["signaal"].nummer == signaal.nummer
    assert records["casus"].aantallen["interventies"] == 1 and records["casus"].aantallen["agendapunten"] == 1
    assert records["casus"].aantallen["signalen"] == 1
    assert records["casus"].aantallen["delingsbesluiten"] == gedeeld  # from privacy check 2B and on the case


def test_a_signal_on_an_open_case_is_not_destroyed_on_its_own(tenant):
    signaal = make_signaal(tenant)
    casus = hand_over(tenant, signaal)
    Signaal.objects.filter(pk=signaal.pk).update(afgerond_op=timezone.now() - dt.timedelta(days=4000))
    assert services.due(tenant.gemeente) == []
    assert Casus.objects.filter(pk=casus.pk).exists()


def test_a_hold_on_a_signal_keeps_its_case(tenant):
    casus, signaal, _overleg = closed_case_past_term(tenant)
    services.place_hold(tenant.regisseur, signaal, "Bezwaarprocedure")
    assert services.due(tenant.gemeente) == []


def test_interrupted_run_leaves_a_consistent_state_and_a_rerun_finishes(tenant, monkeypatch):
    first = due_geen_actie_signaal(tenant)
    second = due_geen_actie_signaal(
        tenant,
        personen=[PersoonGegevens(voornamen="Klaas", achternaam="Klaassen", bsn="111222333")],
        adressen=[AdresGegevens(postcode="9901YY", huisnummer=1)],
        voertuigen=[],
    )
    real_destroy = services.destroy
    calls = []

    def flaky(item, *args, **kwargs):
        calls.append(item.nummer)
        if len(calls) > 1:
            raise RuntimeError("stroomstoring")
        return real_destroy(item, *args, **kwargs)

    monkeypatch.setattr(services, "destroy", flaky)
    with pytest.raises(CommandError):
        run("--apply")
    remaining = Signaal.objects.filter(pk__in=[first.pk, second.pk])
    assert remaining.count() == 1
    left = remaining.get()
    assert left.wegingen.count() == 4 and left.bijlagen.count() == 1 and left.personen.count() == 1
    assert VernietigingsRecord.objects.count() == 1

    monkeypatch.setattr(services, "destroy", real_destroy)
    run("--apply")
    assert not Signaal.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert VernietigingsRecord.objects.count() == 2


def test_a_failure_inside_destroy_rolls_the_item_back(tenant, monkeypatch):
    signaal = due_geen_actie_signaal(tenant)

    def boom(*args, **kwargs):
        raise RuntimeError("halverwege")

    monkeypatch.setattr(services, "_delete_orphaned_subjects", boom)
    with pytest.raises(RuntimeError):
        services.destroy(services.due(tenant.gemeente)[0])
    signaal.refresh_from_db()
    assert signaal.wegingen.count() == 4 and signaal.bijlagen.count() == 1
    assert default_storage.exists(signaal.bijlagen.get().bestand.name)
    assert not VernietigingsRecord.objects.exists()


def test_apply_twice_destroys_nothing_the_second_time(tenant):
    due_geen_actie_signaal(tenant)
    closed_case_past_term(tenant)
    assert "2 vernietigd" in run("--apply")
    count = VernietigingsRecord.objects.count()
    assert count == 3  # the standalone signal, the case and the case's signal
    assert "0 vernietigd" in run("--apply")
    assert VernietigingsRecord.objects.count() == count
    # Destroying a stale item again is a no-op.
    stale = services.DueItem("signaal", uuid.uuid4(), tenant.gemeente.pk, "X", "", timezone.localdate())
    assert services.destroy(stale) is None


def test_destruction_record_holds_no_personal_data(tenant):
    signaal = due_geen_actie_signaal(tenant)
    persoon = signaal.personen.get()
    closed_case_past_term(tenant)
    run("--apply")
    dumped = json.dumps(list(VernietigingsRecord.objects.values()), default=str)
    for secret in (
        "Pietersen",
        "Piet",
        OMSCHRIJVING,
        "9901ZZ",
        "XX123Y",
        "123456782",
        str(persoon.pk),
        "Schulden",
        "Wekelijks",
        "foto",
    ):
        assert secret not in dumped


def test_dry_run_changes_nothing(tenant):
    signaal = due_geen_actie_signaal(tenant)
    casus, _signaal, _overleg = closed_case_past_term(tenant)
    before = (Signaal.objects.count(), Weging.objects.count(), Persoon.objects.count(), Casus.objects.count())
    out = run("--dry-run")
    assert signaal.nummer in out and casus.nummer in out and "2 te vernietigen" in out
    assert "Pietersen" not in out and OMSCHRIJVING not in out
    after = (Signaal.objects.count(), Weging.objects.count(), Persoon.objects.count(), Casus.objects.count())
    assert before == after
    assert not VernietigingsRecord.objects.exists()


def test_sweep_removes_only_unreferenced_files(tenant):
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("a.png", PNG)])
    kept = signaal.bijlagen.get().bestand.name
    orphan = default_storage.save(f"{tenant.gemeente.pk}/{signaal.pk}/weesbestand", SimpleUploadedFile("x", PNG))
    assert services.sweep_orphan_files(tenant.gemeente, min_age=dt.timedelta(0)) == 1
    assert default_storage.exists(kept) and not default_storage.exists(orphan)
    # A fresh file (an upload in progress) is left alone by default.
    fresh = default_storage.save(f"{tenant.gemeente.pk}/{signaal.pk}/nieuw", SimpleUploadedFile("y", PNG))
    assert services.sweep_orphan_files(tenant.gemeente) == 0
    assert default_storage.exists(fresh)


def test_a_signal_still_in_the_protocol_is_unlinked_from_a_destroyed_case_not_destroyed(tenant):
    casus, _signaal, _overleg = closed_case_past_term(tenant)
    pending = make_signaal(tenant, adressen=[AdresGegevens(postcode="9902BB", huisnummer=9)])
    CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=casus, signaal=pending, soort="handmatig")
    assert [i.nummer for i in services.due(tenant.gemeente)] == [casus.nummer]
    run("--apply")
    assert not Casus.objects.filter(pk=casus.pk).exists()
    pending.refresh_from_db()
    assert pending.status == Status.WEGING_1 and pending.wegingen.count() == 0
    assert pending.personen.get().achternaam == "Jansen" and pending.adressen.exists()
    assert not VernietigingsRecord.objects.filter(nummer=pending.nummer).exists()


def test_bewaartermijn_is_configurable_per_gemeente(tenant, other_tenant):
    stopped = make_signaal(tenant)
    record_weging(tenant.regisseur, stopped, WegingInvoer(weging="1", uitkomst="geen-ondermijning", toelichting="."))
    Signaal.objects.filter(pk=stopped.pk).update(afgerond_op=timezone.now() - dt.timedelta(days=100))
    assert services.due(tenant.gemeente) == []
    termijn = services.bewaartermijn(tenant.gemeente)
    termijn.signaal_dagen = 90
    termijn.save()
    assert [i.nummer for i in services.due(tenant.gemeente)] == [stopped.nummer]
    assert services.bewaartermijn(other_tenant.gemeente).signaal_dagen == 730


def test_subjects_only_known_through_a_relation_go_unless_related_to_a_subject_that_stays(tenant):
    signaal = due_geen_actie_signaal(tenant, voertuigen=[])
    piet = signaal.personen.get()
    jan = make_signaal(tenant).personen.get()  # stays: on a signal still in the protocol
    g = tenant.gemeente
    auto = Voertuig.objects.create(gemeente=g, kenteken="ZZ999Z")
    huis = Adres.objects.create(gemeente=g, postcode="9902CC", huisnummer=4)
    SubjectRelatie.objects.create(gemeente=g, soort="eigenaar", van_persoon=piet, naar_voertuig=auto)
    SubjectRelatie.objects.create(gemeente=g, soort="woont-op", van_persoon=piet, naar_adres=huis)
    SubjectRelatie.objects.create(gemeente=g, soort="woont-op", van_persoon=jan, naar_adres=huis)
    services.destroy(services.due(g)[0])
    assert not Persoon.objects.filter(pk=piet.pk).exists()
    assert not Voertuig.objects.filter(pk=auto.pk).exists()
    assert Adres.objects.filter(pk=huis.pk).exists()
    assert list(SubjectRelatie.objects.filter(gemeente=g).values_list("van_persoon", flat=True)) == [jan.pk]


def test_the_nightly_run_deletes_expired_idempotency_keys_of_every_sender(tenant):
    """A partner system that never posts again would otherwise keep its keys (and stored answers) for ever."""
    from regiekamer.accounts.models import IdempotenteAanvraag

    def aanvraag(afzender, leeftijd):
        made = IdempotenteAanvraag.objects.create(
            afzender=afzender, sleutel="k1", pad="/api/v1/signalen", inhoud_hash="0"
        )
        IdempotenteAanvraag.objects.filter(pk=made.pk).update(aangemaakt_op=timezone.now() - leeftijd)
        return made

    verlopen = [aanvraag("token:a", dt.timedelta(days=2)), aanvraag("token:b", dt.timedelta(hours=25))]
    geldig = aanvraag("token:c", dt.timedelta(hours=23))

    assert "2 verlopen Idempotency-Keys verwijderd" in run("--apply")
    assert not IdempotenteAanvraag.objects.filter(pk__in=[v.pk for v in verlopen]).exists()
    assert IdempotenteAanvraag.objects.filter(pk=geldig.pk).exists()
    run("--dry-run")
    assert IdempotenteAanvraag.objects.filter(pk=geldig.pk).exists()
