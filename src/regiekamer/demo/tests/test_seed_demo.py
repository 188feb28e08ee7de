import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from stdnum.nl import bsn as bsn_number

from regiekamer.accounts.models import ApiToken, Gemeente, Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.core.workdays import add_working_days
from regiekamer.demo import data
from regiekamer.demo.builder import generate_bsn
from regiekamer.protocol.machine import FINAL_STATUSES, STEP_OF_STATUS, MelderStatus, Status, melder_status
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import instellingen
from regiekamer.signalen.catalogue import PHENOMENA
from regiekamer.signalen.models import Fenomeen, Signaal
from regiekamer.signalen.selectors import eigen_meldingen
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, built once for this module inside a transaction that is rolled back afterwards: building it takes
    seconds. Each test runs in its own savepoint within it."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_MODE=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield seed(scale=60)
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    zuiderveen, noorderhaven = Gemeente.objects.order_by("cbs_code")
    return {"output": seeded, "zv": zuiderveen, "nh": noorderhaven}


def test_generated_bsns_pass_the_elfproef():
    rng = random.Random(1)
    numbers = [generate_bsn(rng) for _ in range(500)]
    assert all(len(number) == 9 and bsn_number.is_valid(number) for number in numbers)


@pytest.mark.django_db
def test_both_gemeenten_exist_with_the_first_demo_gemeente_first(demo):
    assert [g.cbs_code for g in Gemeente.objects.order_by("cbs_code")] == ["GM9901", "GM9902"]
    assert demo["zv"].naam == "Zuiderveen"
    assert demo["nh"].naam == "Noorderhaven"
    for gemeente in (demo["zv"], demo["nh"]):
        soorten = set(Organisatie.objects.filter(gemeente=gemeente).values_list("soort", flat=True))
        assert soorten == set(Organisatie.Soort.values)
    names = list(Organisatie.objects.values_list("naam", flat=True))
    assert len(names) == len(set(names)), "organisation names are unique across the installation"
    assert "Demo data created" in demo["output"]


@pytest.mark.django_db
def test_every_role_has_a_user_named_after_it_in_the_first_gemeente(demo):
    expected = {
        "regisseur": Rol.REGISSEUR,
        "ondermijningsteam": Rol.ONDERMIJNINGSTEAM,
        "partnerprofessional": Rol.PARTNERPROFESSIONAL,
        "analist": Rol.ANALIST,
        "manager": Rol.MANAGER,
        "privacyfunctionaris": Rol.PRIVACYFUNCTIONARIS,
        "beheerder": Rol.FUNCTIONEEL_BEHEERDER,
    }
    for username, rol in expected.items():
        user = User.objects.select_related("organisatie").get(username=username)
        assert user.gemeente == demo["zv"]
        assert user.rollen == [rol.value]
        assert user.first_name and user.last_name
        assert user.email.endswith("@zuiderveen.example")
        assert user.check_password(f"demo-{username}-2026")
    assert User.objects.get(username="beheerder").is_staff
    assert User.objects.get(username="partnerprofessional").organisatie.soort == Organisatie.Soort.WONINGCORPORATIE
    assert User.objects.get(username="nh-regisseur").gemeente == demo["nh"]
    owner = User.objects.get(username="aandachtsfunctionaris")
    owned = Fenomeen.objects.filter(gemeente=demo["zv"], eigenaar=owner).values_list("code", flat=True)
    assert set(owned) == set(data.MENSENHANDEL_FENOMENEN)
    assert owner.notificaties.exists()


@pytest.mark.django_db
def test_every_phenomenon_and_every_status_occurs_in_the_first_gemeente(demo):
    signalen = Signaal.objects.filter(gemeente=demo["zv"])
    assert signalen.count() == max(60, len(data.ZUIDERVEEN_CAST.scripts))
    codes = set(signalen.values_list("fenomenen__code", flat=True))
    assert codes == {code for code, _naam, _flags in PHENOMENA}
    assert set(signalen.values_list("status", flat=True)) == set(Status.values)
    assert Signaal.objects.filter(gemeente=demo["nh"]).count() == data.DEFAULT_SIGNALEN["nh"]


@pytest.mark.django_db
def test_every_status_agrees_with_the_last_weging_and_the_timeline_is_plausible(demo):
    now = timezone.now()
    today = timezone.localdate()
    settings_row = instellingen(demo["zv"])
    overdue = 0
    for signaal in Signaal.objects.prefetch_related("wegingen", "bronraadplegingen"):
        wegingen = sorted(signaal.wegingen.all(), key=lambda weging: weging.vastgelegd_op)
        if wegingen:
            assert wegingen[-1].status_na == signaal.status, signaal.nummer
            assert wegingen[0].vastgelegd_op >= signaal.ontvangen_op, signaal.nummer
            assert wegingen[-1].vastgelegd_op <= now, signaal.nummer
        else:
            assert signaal.status == Status.WEGING_1, signaal.nummer
        for raadpleging in signaal.bronraadplegingen.all():
            assert signaal.ontvangen_op <= raadpleging.uitgevoerd_op <= now
        if signaal.status in FINAL_STATUSES:
            assert signaal.afgerond_op == wegingen[-1].vastgelegd_op
            assert signaal.termijn is None
        else:
            assert signaal.afgerond_op is None
            assert signaal.stap == STEP_OF_STATUS[signaal.status]
            started = timezone.localtime(signaal.stap_gestart_op).date()
            assert signaal.termijn == add_working_days(started, settings_row.termijn_voor_stap(signaal.stap))
            overdue += signaal.termijn < today
        if signaal.status == Status.GEEN_ACTIE:
            assert signaal.vernietigen_op > today
    assert overdue >= 3, "some signals are old and still open"
    spread = Signaal.objects.filter(gemeente=demo["zv"]).order_by("ontvangen_op")
    assert (spread.last().ontvangen_op - spread.first().ontvangen_op).days > 300


@pytest.mark.django_db
def test_subjects_link_within_their_own_gemeente_only(demo):
    for signaal in Signaal.objects.filter(gemeente=demo["nh"]).prefetch_related(
        "personen", "adressen", "rechtspersonen", "voertuigen", "fenomenen"
    ):
        for related in (signaal.personen, signaal.adressen, signaal.rechtspersonen, signaal.voertuigen):
            assert {subject.gemeente_id for subject in related.all()} <= {demo["nh"].pk}
        assert {f.gemeente_id for f in signaal.fenomenen.all()} == {demo["nh"].pk}
        assert signaal.melder_organisatie.gemeente_id == demo["nh"].pk
    linked = Persoon.objects.filter(gemeente=demo["zv"]).annotate(n=Count("signalen")).filter(n__gte=2)
    assert linked.count() >= 3
    assert Adres.objects.filter(gemeente=demo["zv"]).annotate(n=Count("signalen")).filter(n__gte=3).exists()
    assert all(bsn_number.is_valid(bsn) for bsn in Persoon.objects.exclude(bsn="").values_list("bsn", flat=True))
    with_bsn = Persoon.objects.filter(gemeente=demo["zv"]).exclude(bsn="").count()
    assert 0.3 < with_bsn / Persoon.objects.filter(gemeente=demo["zv"]).count() < 0.8
    # Addresses in the gemeente belong to a buurt (the one across the border does not).
    unlinked = Adres.objects.filter(gemeente=demo["zv"], buurt__isnull=True)
    assert list(unlinked.values_list("woonplaats", flat=True)) == ["Oosterbroek"]


@pytest.mark.django_db
def test_the_example_situations_are_there(demo):
    signalen = Signaal.objects.filter(gemeente=demo["zv"])
    money_mule = signalen.get(omschrijving__contains="op één dag 17.000 euro")
    assert money_mule.personen.get().volledige_naam == "Dylan Meijer"

    ringleader = Persoon.objects.get(gemeente=demo["zv"], achternaam="Verhoeven", voornamen="Damian")
    reports = ringleader.signalen.all()
    assert reports.count() >= 4
    assert reports.filter(melder__username="zorgcoordinator").count() == 3
    assert reports.filter(status=Status.CASUS).exists()

    tenant = Persoon.objects.get(gemeente=demo["zv"], achternaam="Hoekstra", voornamen="Ricardo")
    assert tenant.bsn, "the BSN from Werk & Inkomen completed the person the corporation reported by name"
    reporters = set(tenant.signalen.values_list("melder_organisatie__soort", flat=True))
    assert reporters == {Organisatie.Soort.WONINGCORPORATIE, Organisatie.Soort.GEMEENTE_AFDELING}
    assert signalen.filter(omschrijving__contains="20.000 euro", omschrijving__icontains="90.000").exists()

    household = Persoon.objects.get(gemeente=demo["zv"], voornamen="Naima", achternaam="Bouali")
    assert SubjectRelatie.objects.filter(naar_persoon=household, soort="familie").count() == 2
    assert household.signalen.filter(omschrijving__contains="ADHD", status=Status.CASUS).exists()

    hangout = signalen.filter(locatie__icontains="skatebaan", personen__isnull=True)
    assert hangout.filter(status=Status.CASUS).exists()
    assert hangout.filter(omschrijving__contains="gedeald").exists()

    women = signalen.filter(omschrijving__contains="licht verstandelijke beperking").get()
    assert women.personen.count() == 2

    migrants = Adres.objects.get(gemeente=demo["zv"], postcode="9913LP", huisnummer=7)
    assert SubjectRelatie.objects.filter(naar_adres=migrants, soort="ingeschreven-op").count() == 9
    assert signalen.filter(omschrijving__contains="paspoort", fenomenen__code="arbeidsuitbuiting").exists()

    care = Rechtspersoon.objects.get(gemeente=demo["zv"], kvk_nummer="79123456")
    assert SubjectRelatie.objects.filter(naar_rechtspersoon=care, soort="bestuurder").count() == 2
    kvk = Bronraadpleging.objects.filter(rechtspersoon=care, bron="kvk", soort="inhoud").get()
    assert "Ferry Groen" in kvk.inhoud["Bestuurders"]
    assert kvk.motivering

    assert signalen.filter(omschrijving__contains="zolder", fenomenen__code="betalingsachterstand").exists()
    anonymous = signalen.get(anonieme_bron="meld-misdaad-anoniem")
    assert anonymous.anoniem
    assert anonymous.status == Status.DOORGEZET_RIEC


@pytest.mark.django_db
def test_sources_were_consulted_hit_first_and_content_with_a_justification(demo):
    consulted = Bronraadpleging.objects.filter(gemeente=demo["zv"])
    assert consulted.filter(soort="hit-no-hit", hit=True).exists()
    assert consulted.filter(soort="hit-no-hit", hit=False).exists()
    for inhoud in consulted.filter(soort="inhoud"):
        assert inhoud.motivering
        assert consulted.filter(
            signaal=inhoud.signaal,
            bron=inhoud.bron,
            soort="hit-no-hit",
            hit=True,
            persoon=inhoud.persoon,
            adres=inhoud.adres,
            rechtspersoon=inhoud.rechtspersoon,
        ).exists()
    assert Weging.objects.filter(gemeente=demo["zv"], corrigeert__isnull=False).exists()


@pytest.mark.django_db
def test_partner_systems_and_the_partnerprofessional_have_their_own_reports(demo):
    by_system = Signaal.objects.filter(gemeente=demo["zv"], melder__isnull=True, api_token__isnull=False)
    assert by_system.values("melder_organisatie").distinct().count() >= 3
    assert ApiToken.objects.filter(organisatie__gemeente=demo["zv"], user__isnull=True).exists()
    linda = User.objects.get(username="partnerprofessional")
    statuses = {melder_status(signaal.status) for signaal in eigen_meldingen(linda)}
    assert statuses == set(MelderStatus)


@pytest.mark.django_db
def test_a_second_run_is_refused_and_changes_nothing(demo, settings):
    settings.DEMO_MODE = True
    count = Signaal.objects.count()
    with pytest.raises(CommandError, match="already exists"):
        seed()
    assert Signaal.objects.count() == count


@pytest.mark.django_db
def test_accounts_only_prints_the_table(demo):
    output = seed(accounts_only=True)
    assert "Demo data created" not in output
    for username in ("regisseur", "partnerprofessional", "beheerder", "nh-regisseur"):
        assert f"demo-{username}-2026" in output
    assert "Woonstichting Zuiderveen Wonen" in output
    assert 'regiekamer create_api_token "Woonstichting Zuiderveen Wonen"' in output
