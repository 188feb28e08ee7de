import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit import selectors as services_selectors
from regiekamer.audit import services
from regiekamer.audit.models import Ketenkop, Verwerking
from regiekamer.conftest import make_signaal
from regiekamer.protocol.services import WegingInvoer, record_weging

pytestmark = pytest.mark.django_db

BSN = "111222333"


def api_for(tenant, user):
    _token, raw = ApiToken.issue(tenant.afdeling, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def web_for(client, user):
    client.force_login(user)
    return client


def verify_output():
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue() + err.getvalue()


def latest():
    return Verwerking.objects.order_by("-volgnummer").first()


def test_web_signal_detail_is_logged_for_the_user(client, tenant, signaal):
    web_for(client, tenant.regisseur)
    assert client.get(f"/signalen/{signaal.pk}/").status_code == 200
    entry = Verwerking.objects.get(handeling="signaal.detail")
    assert entry.gebruiker == tenant.regisseur.username
    assert entry.organisatie == tenant.afdeling.naam
    assert entry.rol == "regisseur"
    assert entry.gemeente_id == tenant.gemeente.pk
    assert (entry.actie, entry.objecttype, entry.object_ids) == ("lezen", "signaal", [str(signaal.pk)])
    assert (entry.bron, entry.kanaal) == ("web", "signalen:detail")
    assert entry.doel and entry.grondslag


def test_api_signal_detail_is_logged_with_route_name(tenant, signaal):
    response = api_for(tenant, tenant.regisseur).get(f"/api/v1/signalen/{signaal.pk}?x=1")
    assert response.status_code == 200
    entry = latest()
    assert (entry.gebruiker, entry.object_ids) == (tenant.regisseur.username, [str(signaal.pk)])
    assert (entry.bron, entry.kanaal) == ("api", "api:signaal-detail")


def test_worklist_page_logs_the_ids_it_showed(client, tenant):
    signalen = [make_signaal(tenant, omschrijving=f"Hennepgeur {index}.") for index in range(3)]
    web_for(client, tenant.regisseur)
    assert client.get("/signalen/").status_code == 200
    entry = Verwerking.objects.get(handeling="signalen.werkvoorraad")
    assert sorted(entry.object_ids) == sorted(str(s.pk) for s in signalen)
    assert entry.kanaal == "signalen:werkvoorraad"

    body = api_for(tenant, tenant.regisseur).get("/api/v1/signalen").json()
    entry = Verwerking.objects.get(handeling="api.signalen.list")
    assert sorted(entry.object_ids) == sorted(s["id"] for s in body["results"])


def test_record_weging_logs_a_change(tenant, signaal):
    invoer = WegingInvoer(weging="1", uitkomst="ondermijning", toelichting="Lokale verankering.")
    weging = record_weging(tenant.regisseur, signaal, invoer)
    entry = Verwerking.objects.get(handeling="signaal.weging")
    # The signal it changed and the weging it created.
    assert (entry.actie, entry.object_ids, entry.bron) == ("wijzigen", [str(signaal.pk), str(weging.pk)], "commando")
    assert entry.gebruiker == tenant.regisseur.username


def test_intake_is_logged(tenant, signaal):
    entry = Verwerking.objects.get(handeling="signaal.melden")
    assert (entry.actie, entry.object_ids, entry.gebruiker) == ("aanmaken", [str(signaal.pk)], "zv-partnerprofessional")


# --- The chain ----------------------------------------------------------------------------------


def _some_entries(tenant, count=5):
    for index in range(count):
        services.log(tenant.regisseur, "lezen", "test", "signaal", [f"00000000-0000-0000-0000-00000000000{index}"])


def test_verify_passes_on_untouched_chain(tenant):
    _some_entries(tenant)
    code, output = verify_output()
    assert code == 0
    assert output.splitlines()[0] == f"OK: {Verwerking.objects.count()} entries"
    numbers = list(Verwerking.objects.values_list("volgnummer", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_changed_entry_is_detected_at_its_number(tenant):
    _some_entries(tenant)
    target = Verwerking.objects.order_by("volgnummer")[2]
    Verwerking.objects.filter(pk=target.pk).update(gebruiker="iemand-anders")
    code, output = verify_output()
    assert code != 0
    assert f"volgnummer {target.volgnummer}" in output and "gewijzigd" in output


def test_single_entry_cannot_be_saved_again_or_deleted(tenant):
    _some_entries(tenant, 1)
    entry = latest()
    entry.gebruiker = "x"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_deleted_entry_is_detected(tenant):
    _some_entries(tenant)
    target = Verwerking.objects.order_by("volgnummer")[1]
    Verwerking.objects.filter(pk=target.pk).delete()
    code, output = verify_output()
    assert code != 0
    assert f"volgnummer {target.volgnummer + 1}" in output and "ontbreken" in output


def test_deleted_last_entry_is_detected(tenant):
    _some_entries(tenant)
    last = latest()
    Verwerking.objects.filter(pk=last.pk).delete()
    code, output = verify_output()
    assert code != 0 and "ontbreken" in output


def test_forged_entry_is_detected(tenant):
    _some_entries(tenant)
    last = latest()
    # A forger who computes a correct hash for a new entry at the end still breaks the chain head ...
    forged = Verwerking(
        volgnummer=last.volgnummer + 1,
        gemeente=tenant.gemeente,
        tijdstip=last.tijdstip,
        gebruiker="vervalser",
        actie="lezen",
        handeling="test",
        objecttype="signaal",
        object_ids=[],
        bron="web",
        vorige_hash=last.hash,
    )
    forged.hash = forged.compute_hash()
    Verwerking.objects.bulk_create([forged])
    code, output = verify_output()
    assert code != 0
    assert f"volgnummer {forged.volgnummer}" in output and "ingevoegd" in output


def test_forged_entry_replacing_a_removed_one_is_detected(tenant):
    _some_entries(tenant)
    target = Verwerking.objects.order_by("volgnummer")[2]
    Verwerking.objects.filter(pk=target.pk).delete()
    forged = Verwerking(
        volgnummer=target.volgnummer,
        tijdstip=target.tijdstip,
        gebruiker="vervalser",
        actie="lezen",
        handeling="test",
        objecttype="signaal",
        object_ids=[],
        bron="web",
        vorige_hash="0" * 64,
    )
    forged.hash = forged.compute_hash()
    Verwerking.objects.bulk_create([forged])
    code, output = verify_output()
    assert code != 0 and f"volgnummer {target.volgnummer}" in output


def test_head_tracks_the_last_entry(tenant):
    _some_entries(tenant, 3)
    kop = Ketenkop.objects.get()
    assert (kop.laatste_volgnummer, kop.laatste_hash) == (latest().volgnummer, latest().hash)


def test_only_uuids_go_into_the_log(tenant):
    with pytest.raises(ValueError):
        services.log(tenant.regisseur, "lezen", "test", "persoon", [BSN])


# --- Export ------------------------------------------------------------------------------------


def test_export_is_vng_shaped_json_lines(tenant, signaal):
    services.log(tenant.regisseur, "lezen", "signaal.detail", "signaal", [signaal])
    out = StringIO()
    since = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    call_command("audit", "export", "--since", since, "--format", "vng", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines
    record = lines[-1]
    for key in (
        "actieId",
        "actieNaam",
        "handelingNaam",
        "verwerkingId",
        "verwerkingNaam",
        "verwerkingsactiviteitId",
        "vertrouwelijkheid",
        "bewaartermijn",
        "uitvoerder",
        "systeem",
        "gebruiker",
        "gegevensbron",
        "tijdstip",
        "tijdstipRegistratie",
        "verwerkteObjecten",
    ):
        assert key in record, key
    assert record["actieNaam"] == "Raadplegen"
    assert record["handelingNaam"] == "signaal.detail"
    assert record["gebruiker"] == tenant.regisseur.username
    assert record["verwerkteObjecten"][0]["objecttype"] == "signaal"
    assert record["verwerkteObjecten"][0]["objectId"] == str(signaal.pk)
    out = StringIO()
    call_command("audit", "export", "--since", "2999-01-01", stdout=out)
    assert out.getvalue() == ""


# --- No BSN anywhere ---------------------------------------------------------------------------


def test_no_bsn_in_the_log_after_a_bsn_search(tenant, signaal):
    api = api_for(tenant, tenant.regisseur)
    found = api.post("/api/v1/zoeken", {"zoekterm": BSN}, format="json").json()
    assert len(found["personen"]) == 1
    persoon = signaal.personen.get()
    entry = Verwerking.objects.get(handeling="api.zoeken", objecttype="persoon")
    assert entry.actie == "zoeken" and entry.object_ids == [str(persoon.pk)]
    assert api.get(f"/api/v1/personen/{persoon.pk}").status_code == 200
    for entry in Verwerking.objects.all():
        assert BSN not in entry.canonical()
    out = StringIO()
    call_command("audit", "export", stdout=out)
    assert BSN not in out.getvalue()


# --- The privacyfunctionaris' page ------------------------------------------------------------


def test_privacyfunctionaris_sees_who_viewed_a_person(client, tenant, signaal):
    api_for(tenant, tenant.regisseur).get(f"/api/v1/signalen/{signaal.pk}")
    persoon = signaal.personen.get()
    web_for(client, tenant.privacyfunctionaris)
    page = client.get("/verwerkingen/")
    assert page.status_code == 200
    assert "Geen: elke weging heeft een toelichting." in page.content.decode()
    choose = client.post("/verwerkingen/", {"naam": "jansen"})
    assert choose.status_code == 200
    assert str(persoon.pk) in choose.content.decode()
    result = client.post("/verwerkingen/", {"persoon": str(persoon.pk)})
    html = result.content.decode()
    assert result.status_code == 200
    assert tenant.regisseur.get_full_name() in html  # the name, not the username
    assert "Signaal bekeken" in html and "signaal.detail" not in html  # plain Dutch, not the code
    assert tenant.afdeling.naam in html
    assert signaal.omschrijving not in html  # no signal content
    assert BSN not in html


def test_the_log_is_filtered_paged_and_exported_in_plain_dutch(client, tenant, signaal, settings):
    import csv
    import io

    from regiekamer.audit import views

    api_for(tenant, tenant.regisseur).get(f"/api/v1/signalen/{signaal.pk}")
    web_for(client, tenant.partnerprofessional).get("/mijn-meldingen/")
    web_for(client, tenant.privacyfunctionaris)
    alles = Verwerking.objects.filter(gemeente=tenant.gemeente)
    van_regisseur = alles.filter(gebruiker=tenant.regisseur.username)
    assert van_regisseur.exists() and alles.exclude(gebruiker=tenant.regisseur.username).exists()

    page = client.get("/verwerkingen/", {"gebruiker": tenant.regisseur.username})
    assert page.status_code == 200
    shown = [regel.verwerking for regel in page.context["regels"]]
    assert shown == list(van_regisseur.order_by("-volgnummer")[: views.PAGINA])
    assert "Signaal bekeken" in page.content.decode()

    settings_pagina = views.PAGINA
    views.PAGINA = 2
    try:
        first = client.get("/verwerkingen/").context["page_obj"]
        second = client.get("/verwerkingen/", {"page": 2}).context["page_obj"]
    finally:
        views.PAGINA = settings_pagina
    assert first.paginator.count == alles.count() and len(first.object_list) == 2
    assert {v.pk for v in first.object_list}.isdisjoint({v.pk for v in second.object_list})

    morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert client.get("/verwerkingen/", {"van": morgen}).context["page_obj"].paginator.count == 0
    bad = client.get("/verwerkingen/", {"van": morgen, "tot": timezone.localdate().isoformat()})
    assert bad.status_code == 400 and "Kies een datum op of na de begindatum." in bad.content.decode()
    assert (
        client.get("/verwerkingen/export.csv", {"van": morgen, "tot": timezone.localdate().isoformat()}).status_code
        == 400
    )

    export = client.get("/verwerkingen/export.csv", {"gebruiker": tenant.regisseur.username})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode()), delimiter=";"))
    assert [int(r["volgnummer"]) for r in rows] == list(
        van_regisseur.order_by("-volgnummer").values_list("volgnummer", flat=True)
    )
    assert {r["naam"] for r in rows} == {tenant.regisseur.get_full_name()}
    assert "Signaal bekeken" in {r["omschrijving"] for r in rows}
    assert "Handhaving en ondermijning (bestuurlijk)" in {r["doel"] for r in rows}  # the purpose by its name
    assert str(signaal.pk) not in export.content.decode()  # no object ids in the export


def test_every_logged_action_has_a_plain_dutch_description():
    """Each code the services log with is described; a new one without a description fails here."""
    import re
    from pathlib import Path

    from regiekamer.audit.models import Actie
    from regiekamer.audit.omschrijving import HANDELINGEN

    root = Path(__file__).resolve().parents[2]
    calls = [
        re.compile(r'(?:audit|services)\.log(?:_lijst|_zoekresultaat)?\(\s*[^,]+,\s*(?:Actie\.\w+,\s*|"\w+",\s*)?"([a-z.-]+)"'),
        re.compile(r'@gelogd\(\s*"\w+",\s*"([a-z.-]+)"'),
    ]  # fmt: skip
    found = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        found |= {code for pattern in calls for code in pattern.findall(text)}
    found -= set(Actie.values)  # a call whose code is a variable: the pattern caught its action instead
    assert len(found) > 30  # the patterns still find the calls
    assert sorted(found - set(HANDELINGEN)) == []


def test_other_roles_are_refused(client, tenant):
    for rol, user in tenant.users.items():
        if rol == "privacyfunctionaris":
            continue
        client.force_login(user)
        assert client.get("/verwerkingen/").status_code == 403, rol
        assert client.post("/verwerkingen/", {"naam": "jansen"}).status_code == 403, rol


def test_navigation_link_only_for_privacyfunctionaris(client, tenant):
    client.force_login(tenant.privacyfunctionaris)
    assert 'href="/verwerkingen/"' in client.get("/regie-op-resultaat/").content.decode()
    client.force_login(tenant.regisseur)
    assert 'href="/verwerkingen/"' not in client.get("/signalen/").content.decode()


def test_tenants_are_separated(client, tenant, other_tenant):
    own = make_signaal(tenant)
    foreign = make_signaal(other_tenant)
    api_for(other_tenant, other_tenant.regisseur).get(f"/api/v1/signalen/{foreign.pk}")
    api_for(tenant, tenant.regisseur).get(f"/api/v1/signalen/{own.pk}")
    foreign_persoon = foreign.personen.get()
    web_for(client, tenant.privacyfunctionaris)
    # The other gemeente's person cannot be found or chosen ...
    choose = client.post("/verwerkingen/", {"naam": "jansen"}).content.decode()
    assert str(foreign_persoon.pk) not in choose
    result = client.post("/verwerkingen/", {"persoon": str(foreign_persoon.pk)}).content.decode()
    assert other_tenant.regisseur.username not in result
    # ... and the own person's history shows nothing of the other gemeente.
    result = client.post("/verwerkingen/", {"persoon": str(own.personen.get().pk)}).content.decode()
    assert tenant.regisseur.username in result
    assert other_tenant.regisseur.username not in result
    assert "nh-" not in result


def test_case_changes_and_reads_are_logged(client, tenant):
    from regiekamer.casussen import services as casus_services

    casus = casus_services.open_casus(tenant.regisseur, "Huishouden Jansen", "huishouden")
    casus_services.add_doel(tenant.regisseur, casus, "Schulden stabiliseren")
    web_for(client, tenant.regisseur)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    assert client.get("/casussen/").status_code == 200
    entries = {e.handeling: e for e in Verwerking.objects.filter(objecttype="casus")}
    assert entries["casus.openen"].actie == "aanmaken"
    assert entries["casus.plan"].actie == "wijzigen"
    assert entries["casus.detail"].actie == "lezen"
    assert entries["casussen.lijst"].object_ids == [str(casus.pk)]
    assert all(e.object_ids == [str(casus.pk)] for e in entries.values())
    assert services.verify().ok


def test_a_weging_written_around_the_service_without_justification_is_listed(client, tenant, signaal):
    from regiekamer.protocol.models import Weging

    record_weging(
        tenant.regisseur, signaal, WegingInvoer(weging="1", uitkomst="ondermijning", toelichting="Verankerd.")
    )
    signaal.refresh_from_db()
    # Written straight into the model, as an import or a faulty script could: whitespace is no justification.
    kaal = Weging.objects.create(
        gemeente=tenant.gemeente,
        signaal=signaal,
        soort="2a",
        uitkomst="gemeentelijke-taak",
        toelichting="   ",
        status_voor=signaal.status,
        status_na=signaal.status,
        vastgelegd_door=tenant.regisseur,
        rol="regisseur",
    )
    page = web_for(client, tenant.privacyfunctionaris).get("/verwerkingen/").content.decode()
    assert "Geen: elke weging heeft een toelichting." not in page
    assert list(services_selectors.wegingen_zonder_toelichting(tenant.gemeente)) == [kaal]
    assert kaal.get_soort_display() in page and kaal.uitkomst in page
