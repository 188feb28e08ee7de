"""Legal holds without code: the page for the regisseur side, the read-only list for the privacyfunctionaris,
the management commands, and the processing-log entries of holds and destruction runs."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from regiekamer.audit.models import Verwerking
from regiekamer.casussen import services as casus_services
from regiekamer.protocol.machine import Aanpak
from regiekamer.retention.models import LegalHold, VernietigingsRecord
from regiekamer.retention.tests.test_retention import due_geen_actie_signaal, run
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

PAGE = "/bewaarplichten/"


def place(client, soort, nummer, reden="Lopend strafrechtelijk onderzoek"):
    return client.post(PAGE, {"plaatsen-soort": soort, "plaatsen-nummer": nummer, "plaatsen-reden": reden})


def lift(client, hold, reden="Onderzoek afgerond"):
    return client.post(reverse("retention:opheffen", args=[hold.pk]), {f"h-{hold.pk}-reden": reden})


def test_hold_placed_on_the_page_blocks_destruction_until_lifted(client, tenant):
    signaal = due_geen_actie_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = place(client, "signaal", signaal.nummer)
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.signaal, hold.door, hold.reden) == (signaal, tenant.regisseur, "Lopend strafrechtelijk onderzoek")

    assert "0 vernietigd" in run("--apply")
    assert Signaal.objects.filter(pk=signaal.pk).exists()

    page = client.get(PAGE)
    assert signaal.nummer in page.content.decode() and "Lopend strafrechtelijk onderzoek" in page.content.decode()

    assert lift(client, hold).status_code == 302
    hold.refresh_from_db()
    assert (hold.is_actief, hold.opgeheven_door, hold.opheffingsreden) == (
        False,
        tenant.regisseur,
        "Onderzoek afgerond",
    )
    assert "Er zijn geen actieve bewaarplichten." in client.get(PAGE).content.decode()
    assert "1 vernietigd" in run("--apply")
    assert not Signaal.objects.filter(pk=signaal.pk).exists()


def test_hold_on_a_case_by_number(client, tenant):
    casus = casus_services.open_casus(tenant.regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    client.force_login(tenant.ondermijningsteam)
    assert place(client, "casus", casus.nummer.lower()).status_code == 302
    assert LegalHold.objects.get().casus == casus


def test_placing_and_lifting_are_logged(client, tenant):
    signaal = due_geen_actie_signaal(tenant)
    client.force_login(tenant.regisseur)
    place(client, "signaal", signaal.nummer)
    hold = LegalHold.objects.get()
    geplaatst = Verwerking.objects.get(handeling="bewaarplicht.plaatsen")
    assert (geplaatst.actie, geplaatst.objecttype, geplaatst.object_ids) == (
        "aanmaken",
        "signaal",
        [str(signaal.pk), str(hold.pk)],
    )
    assert (geplaatst.gebruiker, geplaatst.kanaal) == (tenant.regisseur.username, "retention:bewaarplichten")
    lift(client, hold)
    opgeheven = Verwerking.objects.get(handeling="bewaarplicht.opheffen")
    assert (opgeheven.actie, opgeheven.object_ids, opgeheven.kanaal) == (
        "wijzigen",
        [str(signaal.pk), str(hold.pk)],
        "retention:opheffen",
    )
    # The list logs which records it showed.
    client.get(PAGE)
    assert not Verwerking.objects.filter(handeling="bewaarplichten.lijst").exists()  # nothing active any more
    place(client, "signaal", signaal.nummer)
    client.get(PAGE)
    assert Verwerking.objects.filter(handeling="bewaarplichten.lijst", object_ids=[str(signaal.pk)]).exists()


def test_reason_and_existing_number_are_required(client, tenant, signaal):
    client.force_login(tenant.regisseur)
    assert place(client, "signaal", signaal.nummer, reden="  ").status_code == 400
    assert place(client, "signaal", "S-1999-9999").status_code == 400
    assert place(client, "casus", signaal.nummer).status_code == 400  # a signal number is not a case
    assert not LegalHold.objects.exists()
    place(client, "signaal", signaal.nummer)
    hold = LegalHold.objects.get()
    assert lift(client, hold, reden="").status_code == 400
    hold.refresh_from_db()
    assert hold.is_actief
    assert not Verwerking.objects.filter(handeling="bewaarplicht.opheffen").exists()


def test_privacyfunctionaris_sees_the_list_read_only(client, tenant, signaal):
    client.force_login(tenant.regisseur)
    place(client, "signaal", signaal.nummer)
    hold = LegalHold.objects.get()
    client.force_login(tenant.privacyfunctionaris)
    page = client.get(PAGE)
    assert page.status_code == 200
    body = page.content.decode()
    assert signaal.nummer in body
    assert reverse("retention:opheffen", args=[hold.pk]) not in body and "plaatsen-reden" not in body
    entry = Verwerking.objects.filter(handeling="bewaarplichten.lijst").latest("volgnummer")
    assert entry.gebruiker == tenant.privacyfunctionaris.username and entry.doel.startswith("toezicht")
    assert place(client, "signaal", signaal.nummer).status_code == 403
    assert lift(client, hold).status_code == 403
    assert LegalHold.objects.filter(opgeheven_op__isnull=True).count() == 1


@pytest.mark.parametrize("rol", ["partnerprofessional", "analist", "manager", "functioneel-beheerder"])
def test_other_roles_have_no_access(client, tenant, signaal, rol):
    hold = LegalHold.objects.create(gemeente=tenant.gemeente, signaal=signaal, door=tenant.regisseur, reden="x")
    client.force_login(tenant.users[rol])
    assert client.get(PAGE).status_code == 403
    assert place(client, "signaal", signaal.nummer).status_code == 403
    assert lift(client, hold).status_code == 403
    hold.refresh_from_db()
    assert hold.is_actief


def test_other_gemeente_cannot_see_place_or_lift(client, tenant, other_tenant, signaal):
    hold = LegalHold.objects.create(gemeente=tenant.gemeente, signaal=signaal, door=tenant.regisseur, reden="x")
    client.force_login(other_tenant.regisseur)
    assert signaal.nummer not in client.get(PAGE).content.decode()
    assert place(client, "signaal", signaal.nummer).status_code == 400  # unknown number in their gemeente
    assert lift(client, hold).status_code == 404
    hold.refresh_from_db()
    assert hold.is_actief


# --- Commands --------------------------------------------------------------------------------------------


def command(*args):
    from io import StringIO

    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_hold_and_release_commands(tenant):
    signaal = due_geen_actie_signaal(tenant)
    output = command("hold", "--signaal", str(signaal.pk), "--reden", "Verzoek officier van justitie")
    hold = LegalHold.objects.get()
    assert str(hold.pk) in output and hold.door is None
    assert str(hold.pk) in command("holds")
    assert "0 vernietigd" in run("--apply")
    entry = Verwerking.objects.get(handeling="bewaarplicht.plaatsen")
    assert (entry.gebruiker, entry.bron, entry.gemeente_id) == (
        "regiekamer retention hold",
        "commando",
        tenant.gemeente.pk,
    )

    command("release", str(hold.pk), "--reden", "Zaak geseponeerd")
    hold.refresh_from_db()
    assert not hold.is_actief and hold.opheffingsreden == "Zaak geseponeerd"
    assert Verwerking.objects.filter(handeling="bewaarplicht.opheffen").count() == 1
    assert "1 vernietigd" in run("--apply")


def test_hold_command_on_a_case(tenant):
    casus = casus_services.open_casus(tenant.regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    command("hold", "--casus", str(casus.pk), "--reden", "Bezwaar")
    assert LegalHold.objects.get().casus == casus


@pytest.mark.parametrize(
    "args",
    [
        ("hold", "--reden", "x"),  # neither case nor signal
        ("hold", "--signaal", "geen-id", "--reden", "x"),
        ("hold", "--signaal", "00000000-0000-0000-0000-000000000000", "--reden", "x"),
        ("release",),
        ("release", "00000000-0000-0000-0000-000000000000", "--reden", "x"),
    ],
)
def test_hold_commands_refuse_bad_input(tenant, args):
    with pytest.raises(CommandError):
        command(*args)


def test_hold_command_needs_a_reason(tenant, signaal):
    with pytest.raises(CommandError):
        command("hold", "--signaal", str(signaal.pk))
    hold = LegalHold.objects.create(gemeente=tenant.gemeente, signaal=signaal, door=tenant.regisseur, reden="x")
    with pytest.raises(CommandError):
        command("release", str(hold.pk))
    hold.refresh_from_db()
    assert hold.is_actief


# --- A destruction run in the log --------------------------------------------------------------------------


def test_a_destruction_run_leaves_one_entry_without_personal_data(tenant, other_tenant):
    signaal = due_geen_actie_signaal(tenant)
    persoon_ids = [str(pk) for pk in signaal.personen.values_list("pk", flat=True)]
    run("--apply", "--gemeente", tenant.gemeente.cbs_code)
    entry = Verwerking.objects.get(handeling="bewaartermijn.vernietigen")
    record = VernietigingsRecord.objects.get()
    assert (entry.actie, entry.objecttype, entry.object_ids) == ("vernietigen", "vernietigingsrecord", [str(record.pk)])
    assert (entry.gebruiker, entry.bron, entry.gemeente_id) == ("regiekamer retention", "commando", tenant.gemeente.pk)
    assert "signalen=1" in entry.kanaal and "casussen=0" in entry.kanaal
    assert str(signaal.pk) not in entry.object_ids and not set(persoon_ids) & set(entry.object_ids)
    assert signaal.nummer not in entry.canonical()

    # A run with nothing to destroy is recorded too, per gemeente.
    run("--apply")
    assert Verwerking.objects.filter(handeling="bewaartermijn.vernietigen").count() == 3
    # The dry run changes nothing and logs nothing.
    run("--dry-run")
    assert Verwerking.objects.filter(handeling="bewaartermijn.vernietigen").count() == 3
