import pytest
from django.utils import timezone

from regiekamer.bronnen.services import query_hit
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.protocol.machine import WEGINGEN, MelderStatus, Status, melder_status
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import WegingInvoer, record_weging

pytestmark = pytest.mark.django_db

TO_STEP_3 = [
    ("1", "ondermijning"),
    ("2a", "gemeentelijke-taak"),
    ("2b", "eigen-grondgebied"),
    ("3", "bronnenonderzoek"),
]


def weigh(user, signaal, weging, uitkomst, **extra):
    extra.setdefault("toelichting", f"Motivering voor {weging}: {uitkomst}.")
    return record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, **extra))


def walk(user, signaal, steps):
    for weging, uitkomst in steps:
        weigh(user, signaal, weging, uitkomst)
    signaal.refresh_from_db()
    return signaal


def test_new_signal_waits_for_weging_1_with_a_step_1_deadline(signaal):
    assert signaal.status == Status.WEGING_1
    assert signaal.stap == 1
    assert signaal.termijn > timezone.localdate(signaal.ontvangen_op)
    assert melder_status(signaal.status) == MelderStatus.ONTVANGEN


def test_full_path_to_a_case(tenant, signaal):
    regisseur = tenant.regisseur
    walk(regisseur, signaal, TO_STEP_3)
    assert signaal.status == Status.PRIVACYCHECK_1 and signaal.stap == 3
    weigh(
        regisseur,
        signaal,
        "pc1",
        "bronnen-vastgesteld",
        bronnen=["brp", "bag"],
        grondslag="Art. 172 Gemeentewet (openbare orde)",
    )
    signaal.refresh_from_db()
    query_hit(regisseur, signaal, "brp", signaal.personen.get())
    weigh(regisseur, signaal, "bronnen", "doorgaan")
    weigh(
        regisseur,
        signaal,
        "pc2a",
        "delen",
        grondslag="Art. 172 Gemeentewet",
        gegevens="NAW en signaal",
        doel="Behandeling in het signaaloverleg",
    )
    weigh(
        regisseur,
        signaal,
        "pc2b",
        "delen",
        grondslag="Art. 13b Opiumwet",
        gegevens="NAW",
        doel="Uitvoering van de aanpak",
        ontvangers=[str(tenant.politie.pk)],
    )
    weging = weigh(regisseur, signaal, "aanpak", "casus", aanpak="huishouden")
    signaal.refresh_from_db()
    assert signaal.status == Status.CASUS
    assert signaal.casussen.get().aanpak == "huishouden"
    assert weging.details["casus"] == str(signaal.casussen.get().pk)
    assert list(signaal.wegingen.values_list("soort", flat=True)) == [
        "1",
        "2a",
        "2b",
        "3",
        "pc1",
        "bronnen",
        "pc2a",
        "pc2b",
        "aanpak",
    ]
    assert all(w.vastgelegd_door == regisseur and w.rol == "regisseur" for w in signaal.wegingen.all())


@pytest.mark.parametrize(
    ("steps", "final"),
    [
        ([("1", "geen-ondermijning")], Status.GEEN_ONDERMIJNING),
        ([("1", "ondermijning"), ("2a", "geen-gemeentelijke-taak")], Status.NIET_GEMEENTELIJK),
        ([("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "ander-grondgebied")], Status.ANDER_GRONDGEBIED),
        (TO_STEP_3[:3] + [("3", "geen-actie")], Status.GEEN_ACTIE),
        (TO_STEP_3[:3] + [("3", "doorzetten-afdeling")], Status.DOORGEZET_AFDELING),
        (TO_STEP_3[:3] + [("3", "doorzetten-riec")], Status.DOORGEZET_RIEC),
    ],
)
def test_final_outcomes_close_the_signal(tenant, signaal, steps, final):
    walk(tenant.regisseur, signaal, steps)
    assert signaal.status == final
    assert signaal.afgerond_op is not None and signaal.termijn is None
    assert melder_status(signaal.status) == MelderStatus.AFGEROND
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "1", "ondermijning")


def test_geen_actie_keeps_the_signal_one_year(tenant, signaal):
    walk(tenant.regisseur, signaal, TO_STEP_3[:3] + [("3", "geen-actie")])
    decided = timezone.localdate(signaal.wegingen.last().vastgelegd_op)
    assert (signaal.vernietigen_op - decided).days == 365


def test_doorzetten_and_referral_record_the_recipient(tenant, signaal):
    walk(tenant.regisseur, signaal, [("1", "ondermijning")])
    weigh(tenant.regisseur, signaal, "2a", "geen-gemeentelijke-taak", ontvanger="Belastingdienst")
    assert signaal.wegingen.last().details["ontvanger"] == "Belastingdienst"


def test_out_of_order_weging_is_refused_and_nothing_stored(tenant, signaal):
    with pytest.raises(TransitionRefused) as refused:
        weigh(tenant.regisseur, signaal, "3", "bronnenonderzoek")
    assert "Weging 1" in refused.value.message
    assert not Weging.objects.filter(signaal=signaal).exists()
    signaal.refresh_from_db()
    assert signaal.status == Status.WEGING_1


def test_skipping_privacy_check_1_is_refused(tenant, signaal):
    walk(tenant.regisseur, signaal, TO_STEP_3)
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "bronnen", "doorgaan")
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "aanpak", "casus", aanpak="huishouden")


def test_reasoning_is_required(tenant, signaal):
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, "1", "ondermijning", toelichting="   ")
    assert [p["name"] for p in invalid.value.invalid_params] == ["toelichting"]
    assert not signaal.wegingen.exists()


def test_unknown_outcome_is_refused(tenant, signaal):
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, "1", "misschien")
    assert invalid.value.invalid_params[0]["name"] == "uitkomst"


@pytest.mark.parametrize("weging", ["pc1"])
def test_privacy_checks_need_a_legal_basis_and_sources(tenant, signaal, weging):
    walk(tenant.regisseur, signaal, TO_STEP_3)
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, weging, "bronnen-vastgesteld")
    assert {p["name"] for p in invalid.value.invalid_params} == {"grondslag"}
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, weging, "bronnen-vastgesteld", grondslag="Art. 172 Gemeentewet")
    assert {p["name"] for p in invalid.value.invalid_params} == {"bronnen"}
    with pytest.raises(InvalidInput):
        weigh(tenant.regisseur, signaal, weging, "bronnen-vastgesteld", grondslag="x", bronnen=["facebook"])


def to_signaaloverleg(user, signaal):
    walk(user, signaal, TO_STEP_3)
    weigh(user, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="g")
    signaal.refresh_from_db()
    query_hit(user, signaal, "brp", signaal.personen.get())
    weigh(user, signaal, "bronnen", "doorgaan")
    signaal.refresh_from_db()
    return signaal


def test_continuing_after_sources_needs_at_least_one_query(tenant, signaal):
    walk(tenant.regisseur, signaal, TO_STEP_3)
    weigh(tenant.regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="g")
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "bronnen", "doorgaan")
    weigh(tenant.regisseur, signaal, "bronnen", "stoppen")  # stopping needs no query
    signaal.refresh_from_db()
    assert signaal.status == Status.GESTOPT and signaal.afgerond_op is not None


@pytest.mark.parametrize(
    ("weging", "uitkomst", "extra", "missing"),
    [
        ("pc2a", "delen", {"gegevens": "NAW", "doel": "d"}, "grondslag"),
        ("pc2a", "delen", {"grondslag": "g", "doel": "d"}, "gegevens"),
        ("pc2a", "delen", {"grondslag": "g", "gegevens": "NAW"}, "doel"),
        ("pc2a", "niet-delen", {}, "grondslag"),
    ],
)
def test_privacy_check_2a_requires_its_fields(tenant, signaal, weging, uitkomst, extra, missing):
    to_signaaloverleg(tenant.regisseur, signaal)
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, weging, uitkomst, **extra)
    assert missing in {p["name"] for p in invalid.value.invalid_params}
    assert signaal.wegingen.count() == 6  # 1, 2a, 2b, 3, pc1, bronnen: nothing added


def test_privacy_check_2a_not_sharing_stops(tenant, signaal):
    to_signaaloverleg(tenant.regisseur, signaal)
    weigh(tenant.regisseur, signaal, "pc2a", "niet-delen", grondslag="g")
    signaal.refresh_from_db()
    assert signaal.status == Status.GESTOPT


def test_hand_over_needs_an_approach_or_ends_without_case(tenant, signaal):
    to_signaaloverleg(tenant.regisseur, signaal)
    weigh(tenant.regisseur, signaal, "pc2a", "delen", grondslag="g", gegevens="NAW", doel="d")
    weigh(tenant.regisseur, signaal, "pc2b", "niet-delen", grondslag="g")
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, "aanpak", "casus")
    assert [p["name"] for p in invalid.value.invalid_params] == ["aanpak"]
    assert not signaal.casussen.exists()
    weigh(tenant.regisseur, signaal, "aanpak", "geen-casus")
    signaal.refresh_from_db()
    assert signaal.status == Status.GEEN_CASUS and not signaal.casussen.exists()


def test_a_started_case_cannot_be_corrected_away(tenant, signaal):
    to_signaaloverleg(tenant.regisseur, signaal)
    weigh(tenant.regisseur, signaal, "pc2a", "delen", grondslag="g", gegevens="NAW", doel="d")
    weigh(tenant.regisseur, signaal, "pc2b", "niet-delen", grondslag="g")
    hand_over = weigh(tenant.regisseur, signaal, "aanpak", "casus", aanpak="persoonsgericht")
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "aanpak", "geen-casus", corrigeert=str(hand_over.pk))


def test_a_correction_must_be_of_the_same_kind(tenant, signaal):
    first = weigh(tenant.regisseur, signaal, "1", "ondermijning")
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "2a", "gemeentelijke-taak", corrigeert=str(first.pk))


def test_privacy_check_2b_needs_recipients_of_the_own_tenant(tenant, other_tenant, signaal):
    to_signaaloverleg(tenant.regisseur, signaal)
    weigh(tenant.regisseur, signaal, "pc2a", "delen", grondslag="g", gegevens="NAW", doel="d")
    with pytest.raises(InvalidInput) as invalid:
        weigh(tenant.regisseur, signaal, "pc2b", "delen", grondslag="g", gegevens="NAW", doel="d")
    assert "ontvangers" in {p["name"] for p in invalid.value.invalid_params}
    with pytest.raises(InvalidInput):
        weigh(
            tenant.regisseur,
            signaal,
            "pc2b",
            "delen",
            grondslag="g",
            gegevens="NAW",
            doel="d",
            ontvangers=[str(other_tenant.politie.pk)],
        )
    weigh(tenant.regisseur, signaal, "pc2b", "niet-delen", grondslag="g")
    signaal.refresh_from_db()
    assert signaal.status == Status.AANPAK


@pytest.mark.parametrize(
    "rol", ["partnerprofessional", "analist", "manager", "privacyfunctionaris", "functioneel-beheerder"]
)
def test_only_regisseur_and_ondermijningsteam_weigh(tenant, signaal, rol):
    with pytest.raises(NotAllowed):
        weigh(tenant.users[rol], signaal, "1", "ondermijning")


def test_ondermijningsteam_may_weigh(tenant, signaal):
    weging = weigh(tenant.ondermijningsteam, signaal, "1", "ondermijning")
    assert weging.rol == "ondermijningsteam"


def test_other_tenant_may_not_weigh(tenant, other_tenant, signaal):
    with pytest.raises(NotAllowed):
        weigh(other_tenant.regisseur, signaal, "1", "ondermijning")


def test_correction_is_a_new_record_and_replays_from_the_corrected_status(tenant, signaal):
    first = weigh(tenant.regisseur, signaal, "1", "ondermijning")
    correction = weigh(
        tenant.regisseur,
        signaal,
        "1",
        "geen-ondermijning",
        corrigeert=str(first.pk),
        toelichting="Bij nader inzien geen verankering.",
    )
    signaal.refresh_from_db()
    assert signaal.status == Status.GEEN_ONDERMIJNING
    first.refresh_from_db()
    assert first.uitkomst == "ondermijning"  # the original is untouched
    assert first.gecorrigeerd_door == correction
    assert correction.status_voor == Status.WEGING_1


def test_only_the_latest_weging_can_be_corrected(tenant, signaal):
    first = weigh(tenant.regisseur, signaal, "1", "ondermijning")
    weigh(tenant.regisseur, signaal, "2a", "gemeentelijke-taak")
    with pytest.raises(TransitionRefused):
        weigh(tenant.regisseur, signaal, "1", "geen-ondermijning", corrigeert=str(first.pk))


def test_a_weging_record_cannot_be_changed_or_deleted(tenant, signaal):
    weging = weigh(tenant.regisseur, signaal, "1", "ondermijning")
    weging.toelichting = "anders"
    with pytest.raises(ValueError):
        weging.save()
    with pytest.raises(ValueError):
        weging.delete()


def test_every_status_but_final_ones_expects_exactly_one_weging():
    from regiekamer.protocol.machine import EXPECTED_WEGING, FINAL_STATUSES

    assert set(EXPECTED_WEGING) | FINAL_STATUSES == set(Status)
    reachable = {outcome.next_status for d in WEGINGEN.values() for outcome in d.outcomes}
    assert reachable | {Status.WEGING_1} == set(Status)


def test_step_deadline_restarts_per_step(tenant):
    signaal = make_signaal(tenant)
    first_deadline = signaal.termijn
    walk(tenant.regisseur, signaal, [("1", "ondermijning")])
    assert signaal.termijn == first_deadline  # still step 1
    walk(tenant.regisseur, signaal, [("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")])
    assert signaal.stap == 2
