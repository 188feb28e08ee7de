"""The bulk loader (``seed_demo --scale N`` beyond the default demo) on a small scale: what it writes obeys the
rules the services enforce, decrypts with the application's keys, and is in the processing log.

Runs on SQLite (executemany, values encrypted in place) and on PostgreSQL (COPY, values encrypted in a worker
process, foreign keys and plain indexes set aside during the load and restored)."""

import io
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from stdnum.nl import bsn as bsn_number

from regiekamer.accounts.models import Gemeente
from regiekamer.audit import completeness
from regiekamer.audit import services as audit
from regiekamer.audit.models import Verwerking
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen.models import Casus, CasusSignaal, Interventie, PlanVersie
from regiekamer.core.crypto import blind_index
from regiekamer.delen.models import DelingsBesluit
from regiekamer.demo import data
from regiekamer.demo.bulk import loader
from regiekamer.doelbinding.doelen import doel_voor_aanpak
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.gebieden import tellingen as gebiedstellingen
from regiekamer.inzicht import services as cijfers
from regiekamer.protocol.machine import STEP_OF_STATUS, WEGINGEN, Status, is_final
from regiekamer.protocol.models import Weging
from regiekamer.signalen.models import Signaal, SignaalNummering
from regiekamer.subjects.models import Adres, Buurt, Persoon
from regiekamer.subjects.services import name_key

BULK = 300


def _schema() -> dict:
    """Foreign keys and indexes of the loaded tables (PostgreSQL), to compare before and after."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' ORDER BY 1, 2"
        )
        keys = cursor.fetchall()
        cursor.execute("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index ORDER BY 1")
        # A re-created partial index can print its casts differently (ARRAY[...]::text[] or one cast per element).
        indexes = [(name, re.sub(r"::[a-z ]+(\[\])?|[()\s]", "", definition)) for name, definition in cursor.fetchall()]
    return {"keys": keys, "indexes": indexes}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """A small demo plus BULK signals from the loader, built once inside a transaction rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_MODE=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("seed_demo", scale=40, stdout=io.StringIO())
        before = set(Signaal.objects.values_list("pk", flat=True))
        numbers_before = dict(SignaalNummering.objects.values_list("gemeente__cbs_code", "laatste"))
        schema = _schema()
        result = loader.load(BULK, seed=7)
        schema_after = _schema()
        # The generator stores the lead times itself: replaying them must change nothing.
        lead_times_changed = cijfers.herbereken_wegingen()
        loader.rebuild_summaries(result)
        yield {
            "lead_times_changed": lead_times_changed,
            "result": result,
            "before": before,
            "schema_before": schema,
            "schema_after": schema_after,
            "numbers_before": numbers_before,
        }
        transaction.set_rollback(True)


@pytest.fixture
def bulk(loaded, db):
    signalen = Signaal.objects.exclude(pk__in=loaded["before"])
    return {**loaded, "signalen": signalen}


def test_the_requested_number_of_signals_is_spread_over_both_gemeenten_and_every_buurt(bulk):
    signalen = bulk["signalen"]
    assert signalen.count() == BULK == bulk["result"].signalen
    for gemeente in Gemeente.objects.all():
        assert signalen.filter(gemeente=gemeente).exists()
        for buurt in Buurt.objects.filter(gemeente=gemeente):
            assert signalen.filter(buurt=buurt).exists(), f"no bulk signal in {buurt.naam}"
    now = timezone.now()
    assert all(moment < now for moment in signalen.values_list("ontvangen_op", flat=True))


def test_every_status_follows_from_a_valid_chain_of_wegingen(bulk):
    """status_voor -> status_na follows the state machine, each weging starts where the one before ended (a
    correction where the weging it corrects started), the signal's status is the last status_na, and the step,
    deadline and closing fields are what the protocol sets."""
    signalen = {signaal.pk: signaal for signaal in bulk["signalen"]}
    chains = defaultdict(list)
    for weging in Weging.objects.filter(signaal_id__in=signalen).order_by("vastgelegd_op", "pk"):
        chains[weging.signaal_id].append(weging)
    total = 0
    for pk, signaal in signalen.items():
        chain = chains.get(pk, [])
        total += len(chain)
        status, previous, moment = Status.WEGING_1, None, signaal.ontvangen_op
        for weging in chain:
            definition = WEGINGEN[weging.soort]
            assert weging.vastgelegd_op > moment
            if weging.corrigeert_id is not None:
                assert weging.corrigeert_id == previous.pk and weging.soort == previous.soort
                assert weging.status_voor == previous.status_voor
            else:
                assert weging.status_voor == status, (signaal.nummer, weging.soort)
            assert definition.from_status == weging.status_voor
            assert definition.outcome(weging.uitkomst).next_status == weging.status_na
            assert weging.toelichting.strip()
            if definition.requires_grondslag:
                assert weging.grondslag
            status, previous, moment = weging.status_na, weging, weging.vastgelegd_op
        assert signaal.status == status
        if is_final(status):
            assert signaal.stap == 0 and signaal.termijn is None and signaal.afgerond_op == moment
        else:
            assert signaal.stap == STEP_OF_STATUS[status] and signaal.termijn is not None
            assert signaal.afgerond_op is None
        if status == Status.GEEN_ACTIE:
            assert signaal.vernietigen_op.isoformat() == chain[-1].details["vernietigen_op"]
    assert 2 <= total / len(signalen) <= 4.5, "about 2-4 wegingen per signal"
    # A variety: open, finished and overdue signals, and cases.
    statuses = {signaal.status for signaal in signalen.values()}
    assert Status.CASUS in statuses and Status.GEEN_ONDERMIJNING in statuses
    assert any(not is_final(status) for status in statuses)


def test_wegingen_are_recorded_by_the_demo_wegers_of_their_gemeente(bulk):
    wegers = {spec.cbs_code: set(spec.wegers) | {spec.aandachtsfunctionaris} for spec in data.GEMEENTEN}
    for cbs, username, gemeente_id, user_gemeente in Weging.objects.filter(signaal__in=bulk["signalen"]).values_list(
        "gemeente__cbs_code", "vastgelegd_door__username", "gemeente_id", "vastgelegd_door__organisatie__gemeente_id"
    ):
        assert username in wegers[cbs]
        assert gemeente_id == user_gemeente


def test_source_research_precedes_going_on_and_answers_are_recorded(bulk):
    doorgaan = Weging.objects.filter(signaal__in=bulk["signalen"], soort="bronnen", uitkomst="doorgaan")
    assert doorgaan.exists()
    for weging in doorgaan:
        queries = Bronraadpleging.objects.filter(signaal_id=weging.signaal_id)
        assert queries.filter(uitgevoerd_op__lt=weging.vastgelegd_op).exists()
    for query in Bronraadpleging.objects.filter(signaal__in=bulk["signalen"], soort="inhoud"):
        assert query.hit and query.motivering and query.inhoud
        assert Bronraadpleging.objects.filter(
            signaal_id=query.signaal_id,
            bron=query.bron,
            soort="hit-no-hit",
            hit=True,
            uitgevoerd_op__lt=query.uitgevoerd_op,
        ).exists()


def test_signal_numbers_continue_the_counters_unique_and_without_gaps(bulk):
    for gemeente in Gemeente.objects.all():
        per_year = defaultdict(list)
        for nummer in Signaal.objects.filter(gemeente=gemeente).values_list("nummer", flat=True):
            year, number = re.fullmatch(r"S(\d{4})-(\d{5,})", nummer).groups()
            per_year[int(year)].append(int(number))
        counters = dict(SignaalNummering.objects.filter(gemeente=gemeente).values_list("jaar", "laatste"))
        assert set(per_year) == set(counters)
        for year, numbers in per_year.items():
            assert sorted(numbers) == list(range(1, counters[year] + 1)), (gemeente.naam, year)
        # Within a year the bulk numbers follow the order of receipt.
        bulk_rows = bulk["signalen"].filter(gemeente=gemeente).order_by("ontvangen_op").values_list("nummer", flat=True)
        by_year = defaultdict(list)
        for nummer in bulk_rows:
            by_year[nummer[1:5]].append(int(nummer[6:]))
        assert all(numbers == sorted(numbers) for numbers in by_year.values())


def test_encrypted_values_decrypt_and_the_blind_index_and_name_key_match(bulk):
    signalen = list(bulk["signalen"])
    assert all(signaal.omschrijving and "{" not in signaal.omschrijving for signaal in signalen)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT omschrijving FROM {Signaal._meta.db_table}")  # noqa: S608 - constant table name
        stored = [row[0] for row in cursor.fetchall()]
    assert all(value.startswith("gAAAAA") for value in stored), "stored encrypted"
    assert len(set(stored)) == len(stored), "every value its own ciphertext"
    personen = Persoon.objects.filter(signalen__in=signalen).distinct()
    with_bsn = 0
    for persoon in personen:
        assert persoon.bsn_index == blind_index(persoon.bsn)
        assert persoon.naam_sleutel == name_key(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam)
        if persoon.bsn:
            with_bsn += 1
            assert bsn_number.is_valid(persoon.bsn)
    assert 0 < with_bsn < personen.count()
    assert all(weging.toelichting for weging in Weging.objects.filter(signaal__in=signalen))
    assert all(isinstance(query.inhoud, dict) for query in Bronraadpleging.objects.filter(signaal__in=signalen))
    for versie in PlanVersie.objects.filter(casus__casus_signalen__signaal__in=signalen).distinct():
        assert versie.wijziging and "interventies" in versie.inhoud
    for besluit in DelingsBesluit.objects.filter(signaal__in=signalen):
        assert besluit.omschrijving


def test_addresses_lie_in_their_buurt(bulk):
    adressen = Adres.objects.filter(signalen__in=bulk["signalen"]).select_related("buurt").distinct()
    assert adressen.exists()
    for adres in adressen:
        assert adres.postcode[:4] in adres.buurt.postcode_list
        if adres.buurt.latitude is not None:
            assert abs(adres.latitude - adres.buurt.latitude) <= 0.0026
            assert abs(adres.longitude - adres.buurt.longitude) <= 0.0041


def test_cases_opened_by_the_protocol_exist_with_their_plan(bulk):
    casus_wegingen = Weging.objects.filter(signaal__in=bulk["signalen"], soort="aanpak", uitkomst="casus")
    assert casus_wegingen.exists()
    for weging in casus_wegingen:
        casus = Casus.objects.get(pk=weging.details["casus"])
        assert casus.geopend_op == weging.vastgelegd_op and casus.aanpak == weging.details["aanpak"]
        assert casus.doel == doel_voor_aanpak(casus.aanpak)
        assert CasusSignaal.objects.filter(casus=casus, signaal_id=weging.signaal_id, soort="overdracht").exists()
        assert casus.planversies.exists() and casus.betrokkenen.exists()
        signaal = weging.signaal
        if signaal.doel != casus.doel:
            assert Verenigbaarheidsbesluit.objects.filter(signaal=signaal, casus=casus).exists()
        versions = list(casus.planversies.order_by("versie"))
        assert [v.versie for v in versions] == list(range(1, len(versions) + 1))
        assert casus.laatste_activiteit_op >= versions[-1].gewijzigd_op
        if casus.status == Casus.Status.GESLOTEN:
            assert casus.gesloten_op and casus.sluitreden and casus.evaluatie
            assert not casus.interventies.filter(status__in=Interventie.OPEN_STATUSES).exists()
            assert all(doel.resultaat for doel in casus.doelen.all())
    for gemeente in Gemeente.objects.all():
        per_year = defaultdict(list)
        for nummer in Casus.objects.filter(gemeente=gemeente).values_list("nummer", flat=True):
            year, number = re.fullmatch(r"C(\d{4})-(\d{4,})", nummer).groups()
            per_year[year].append(int(number))
        for numbers in per_year.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_every_created_record_has_its_creation_entry_and_the_chain_holds(bulk):
    assert all(item.aantal == 0 for item in completeness.missing()), completeness.missing()
    assert audit.verify().ok
    entries = Verwerking.objects.filter(handeling=completeness.BULK_LOAD)
    assert {entry.objecttype for entry in entries} == {"signaal", "weging", "bronraadpleging", "casus"}
    assert all(len(entry.object_ids) <= loader.LOG_CHUNK and entry.gebruiker == "seed_demo" for entry in entries)
    logged = {object_id for entry in entries.filter(objecttype="signaal") for object_id in entry.object_ids}
    assert logged == {str(pk) for pk in bulk["signalen"].values_list("pk", flat=True)}


def test_foreign_keys_and_indexes_are_back_as_they_were(bulk):
    assert bulk["schema_after"] == bulk["schema_before"]


def test_lead_times_are_stored_as_record_weging_stores_them_and_the_summaries_are_exact(bulk):
    assert bulk["lead_times_changed"] == 0
    assert Weging.objects.filter(signaal__in=bulk["signalen"], doorlooptijd__isnull=False).exists()
    for gemeente in Gemeente.objects.filter(cbs_code__in=[spec.cbs_code for spec in data.GEMEENTEN]):
        assert cijfers.controleer(gemeente) == []
        assert gebiedstellingen.controleer(gemeente) == []
