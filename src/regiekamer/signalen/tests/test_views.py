"""The Dutch web UI for signals: worklist, detail with the protocol forms, reporting, search."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.conftest import make_signaal
from regiekamer.protocol.machine import Status
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.signalen.models import Bijlage, Signaal
from regiekamer.subjects.models import Adres, Persoon
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def weigh(user, signaal, steps):
    for weging, uitkomst in steps:
        record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, toelichting="Gemotiveerd."))
    signaal.refresh_from_db()
    return signaal


TO_WEGING_3 = [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]


def detail_url(signaal):
    return reverse("signalen:detail", args=[signaal.pk])


# --- Werkvoorraad ---------------------------------------------------------------------------


def test_worklist_shows_own_tenant_signals_only(client, tenant, other_tenant):
    own = make_signaal(tenant)
    foreign = make_signaal(other_tenant)
    client.force_login(tenant.regisseur)
    response = client.get(reverse("signalen:werkvoorraad"))
    assert response.status_code == 200
    html = response.content.decode()
    assert detail_url(own) in html
    assert detail_url(foreign) not in html
    assert "1 signaal" in html


def test_worklist_needs_the_capability(client, tenant):
    response = client.get(reverse("signalen:werkvoorraad"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(tenant.partnerprofessional)
    assert client.get(reverse("signalen:werkvoorraad")).status_code == 403


def _listed(client, **params):
    html = client.get(reverse("signalen:werkvoorraad"), params).content.decode()
    return html


def test_each_filter_narrows_the_worklist(client, tenant):
    hennep = make_signaal(tenant)
    handel = make_signaal(
        tenant,
        reporter=tenant.wijkagent,
        fenomenen=["drugshandel"],
        indicatoren=[],
        personen=[PersoonGegevens(voornamen="Piet", achternaam="Pietersen")],
        adressen=[],
    )
    weigh(tenant.regisseur, handel, TO_WEGING_3)
    afgerond = weigh(tenant.regisseur, make_signaal(tenant, personen=[], adressen=[]), [("1", "geen-ondermijning")])
    Signaal.objects.filter(pk=hennep.pk).update(termijn=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(tenant.regisseur)

    everything = _listed(client)
    assert detail_url(hennep) in everything and detail_url(handel) in everything
    assert detail_url(afgerond) not in everything

    cases = [
        ({"fenomeen": "drugshandel"}, handel, hennep),
        ({"stap": "2"}, handel, hennep),
        ({"status": Status.WEGING_1}, hennep, handel),
        ({"buurt": str(tenant.buurt.pk)}, hennep, handel),
        ({"organisatie": str(tenant.politie.pk)}, handel, hennep),
        ({"te_laat": "on"}, hennep, handel),
    ]
    for params, shown, hidden in cases:
        html = _listed(client, **params)
        assert detail_url(shown) in html, params
        assert detail_url(hidden) not in html, params

    with_finished = _listed(client, afgerond="on")
    assert detail_url(afgerond) in with_finished


def test_worklist_has_no_free_text_in_its_url(client, tenant):
    client.force_login(tenant.regisseur)
    html = client.get(reverse("signalen:werkvoorraad")).content.decode()
    assert 'name="zoek"' not in html
    assert reverse("zoeken") in html


def test_overdue_signal_gets_a_badge_with_text(client, tenant):
    late = make_signaal(tenant)
    on_time = make_signaal(tenant)
    Signaal.objects.filter(pk=late.pk).update(termijn=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(tenant.regisseur)
    html = _listed(client)
    rows = {part.split('"')[0]: part for part in html.split('href="/signalen/')[1:]}
    assert 'rk-badge--overdue">te laat' in rows[f"{late.pk}/"]
    assert "rk-badge--overdue" not in rows[f"{on_time.pk}/"]
    assert "waarvan 1 te laat" in html


def test_worklist_answers_htmx_with_the_results_only(client, tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    headers = {"HX-Request": "true", "HX-Target": "resultaten"}
    response = client.get(reverse("signalen:werkvoorraad"), {"fenomeen": "hennepteelt"}, headers=headers)
    html = response.content.decode()
    assert "<html" not in html and "<table" in html
    assert detail_url(signaal) in html
    assert "HX-Request" in response["Vary"]


# --- Detail and wegingen --------------------------------------------------------------------


def test_detail_is_not_found_for_another_tenant_and_forbidden_for_partners(client, tenant, other_tenant):
    signaal = make_signaal(tenant)
    client.force_login(other_tenant.regisseur)
    assert client.get(detail_url(signaal)).status_code == 404
    client.force_login(tenant.partnerprofessional)
    assert client.get(detail_url(signaal)).status_code == 403


def test_detail_shows_the_signal_with_masked_bsn(client, tenant):
    signaal = make_signaal(tenant, anonieme_bron="meld-misdaad-anoniem")
    client.force_login(tenant.regisseur)
    html = client.get(detail_url(signaal)).content.decode()
    assert signaal.nummer in html
    assert "sterke hennepgeur" in html
    assert "•••••2333" in html and "111222333" not in html
    assert "Meld Misdaad Anoniem" in html
    assert "Jan Jansen" in html and "Centrum" in html
    assert "Weging 1: betreft het ondermijning?" in html  # the expected weging form
    assert 'name="weging-uitkomst"' in html and 'value="ondermijning"' in html
    # The reporter's indicators are ticked; red flags of other phenomena are folded away.
    assert 'value="lampen-planten" id="id_weging-indicatoren_lampen-planten" checked' in html
    assert "Rode vlaggen van andere fenomenen" in html


def test_posting_a_weging_records_it_and_moves_the_status(client, tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {
            "weging-weging": "1",
            "weging-uitkomst": "ondermijning",
            "weging-toelichting": "Hennepgeur en lampen: lokale verankering in een woning.",
            "weging-indicatoren": ["verankering-woning", "lampen-planten"],
        },
    )
    # Back on the signal with the next step in view.
    assert response.status_code == 302 and response["Location"] == detail_url(signaal) + "#weging-titel"
    signaal.refresh_from_db()
    assert signaal.status == Status.WEGING_2A
    weging = Weging.objects.get(signaal=signaal)
    assert weging.vastgelegd_door == tenant.regisseur
    assert weging.details["indicatoren"] == ["lampen-planten", "verankering-woning"]

    html = client.get(detail_url(signaal)).content.decode()
    assert "vastgelegd: Ja, het betreft ondermijning." in html  # the success message
    assert "Hennepgeur en lampen" in html  # the timeline
    assert "Weging 2A" in html  # the next form


def test_a_weging_out_of_order_is_refused_and_nothing_is_stored(client, tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {"weging-weging": "3", "weging-uitkomst": "bronnenonderzoek", "weging-toelichting": "Te vroeg."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "utrecht-alert--error" in html
    assert "eerst is Weging 1: betreft het ondermijning? aan de beurt" in html
    assert not Weging.objects.exists()
    signaal.refresh_from_db()
    assert signaal.status == Status.WEGING_1


def test_a_weging_without_reasoning_shows_the_field_error(client, tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {"weging-weging": "1", "weging-uitkomst": "ondermijning", "weging-toelichting": " "},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_weging-toelichting"' in html  # error summary links to the field
    assert 'id="id_weging-toelichting_error"' in html
    assert 'aria-describedby="id_weging-toelichting_helptext id_weging-toelichting_error"' in html
    assert not Weging.objects.exists()


def test_referral_and_privacy_check_fields(client, tenant):
    signaal = weigh(tenant.regisseur, make_signaal(tenant), [("1", "ondermijning")])
    client.force_login(tenant.regisseur)
    html = client.get(detail_url(signaal)).content.decode()
    assert "Verwezen / doorgezet naar" in html
    client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {
            "weging-weging": "2a",
            "weging-uitkomst": "geen-gemeentelijke-taak",
            "weging-toelichting": "Alleen een taak van de Belastingdienst.",
            "weging-ontvanger": "Belastingdienst",
        },
    )
    signaal.refresh_from_db()
    assert signaal.status == Status.NIET_GEMEENTELIJK
    html = client.get(detail_url(signaal)).content.decode()
    assert "Belastingdienst" in html and "Corrigeer laatste weging" in html


def test_privacy_check_1_needs_grondslag_and_offers_the_sources(client, tenant):
    signaal = weigh(tenant.regisseur, make_signaal(tenant), [*TO_WEGING_3, ("3", "bronnenonderzoek")])
    client.force_login(tenant.regisseur)
    html = client.get(detail_url(signaal)).content.decode()
    assert "BRP (Basisregistratie Personen)" in html and 'name="weging-grondslag"' in html
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {"weging-weging": "pc1", "weging-uitkomst": "bronnen-vastgesteld", "weging-toelichting": "Nodig."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Leg de grondslag (taak of bevoegdheid) vast." in html and 'href="#id_weging-grondslag"' in html
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {
            "weging-weging": "pc1",
            "weging-uitkomst": "bronnen-vastgesteld",
            "weging-toelichting": "Nodig.",
            "weging-grondslag": "Art. 172 Gemeentewet",
        },
    )
    assert response.status_code == 400
    assert "Kies welke bronnen geraadpleegd mogen worden." in response.content.decode()
    assert signaal.wegingen.count() == 4


def test_correcting_the_latest_weging(client, tenant):
    signaal = weigh(tenant.regisseur, make_signaal(tenant), [("1", "geen-ondermijning")])
    latest = signaal.wegingen.get()
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {
            "correctie-weging": "1",
            "correctie-corrigeert": str(latest.pk),
            "correctie-uitkomst": "ondermijning",
            "correctie-toelichting": "Bij nader inzien wel lokale verankering.",
        },
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == Status.WEGING_2A
    correction = signaal.wegingen.get(corrigeert=latest)
    assert correction.uitkomst == "ondermijning"
    html = client.get(detail_url(signaal)).content.decode()
    assert "Corrigeert weging van" in html and "gecorrigeerd" in html


def test_bronnenonderzoek_through_the_web(client, tenant):
    signaal = weigh(tenant.regisseur, make_signaal(tenant), [*TO_WEGING_3, ("3", "bronnenonderzoek")])
    record_weging(
        tenant.regisseur,
        signaal,
        WegingInvoer(
            weging="pc1",
            uitkomst="bronnen-vastgesteld",
            toelichting="Nodig.",
            grondslag="Art. 172 Gemeentewet",
            bronnen=["brp"],
        ),
    )
    persoon = signaal.personen.get()
    client.force_login(tenant.regisseur)
    html = client.get(detail_url(signaal)).content.decode()
    assert "Bronnenonderzoek" in html and "Opvragen of bekend" in html
    assert "111222333" not in html

    subject = {"bron": "brp", "subject_soort": "persoon", "subject_id": str(persoon.pk)}
    response = client.post(reverse("signalen:bron-hit", args=[signaal.pk]), subject)
    assert response.status_code == 302
    assert Bronraadpleging.objects.get().hit is True

    response = client.post(reverse("signalen:bron-inhoud", args=[signaal.pk]), {**subject, "motivering": ""})
    assert response.status_code == 400
    assert "Motiveer waarom de inhoud nodig is." in response.content.decode()
    assert Bronraadpleging.objects.count() == 1

    response = client.post(
        reverse("signalen:bron-inhoud", args=[signaal.pk]), {**subject, "motivering": "Woonsituatie nodig."}
    )
    assert response.status_code == 302
    inhoud = Bronraadpleging.objects.get(soort=Bronraadpleging.Soort.INHOUD)
    html = client.get(detail_url(signaal)).content.decode()
    assert f'id="raadpleging-{inhoud.pk}"' in html and "Woonsituatie nodig." in html
    assert "Inhoud uit BRP" in html


def test_source_not_allowed_is_refused(client, tenant):
    signaal = weigh(tenant.regisseur, make_signaal(tenant), [*TO_WEGING_3, ("3", "bronnenonderzoek")])
    record_weging(
        tenant.regisseur,
        signaal,
        WegingInvoer(weging="pc1", uitkomst="bronnen-vastgesteld", toelichting="x", grondslag="y", bronnen=["bag"]),
    )
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:bron-hit", args=[signaal.pk]),
        {"bron": "brp", "subject_soort": "persoon", "subject_id": str(signaal.personen.get().pk)},
    )
    assert response.status_code == 409
    assert "Privacycheck 1 staat raadpleging van deze bron niet toe." in response.content.decode()
    assert not Bronraadpleging.objects.exists()


# --- Bijlagen -------------------------------------------------------------------------------


def test_attachment_upload_and_authorised_download(client, tenant, other_tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:bijlage-toevoegen", args=[signaal.pk]),
        {"bijlage-bestand": SimpleUploadedFile("foto.png", PNG, content_type="image/png")},
    )
    assert response.status_code == 302
    bijlage = Bijlage.objects.get(signaal=signaal)
    url = reverse("signalen:bijlage", args=[signaal.pk, bijlage.pk])
    assert url in client.get(detail_url(signaal)).content.decode()

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")

    client.force_login(other_tenant.regisseur)
    assert client.get(url).status_code == 404
    client.force_login(tenant.partnerprofessional)
    assert client.get(url).status_code == 404


def test_attachment_of_a_forbidden_type_is_refused(client, tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:bijlage-toevoegen", args=[signaal.pk]),
        {"bijlage-bestand": SimpleUploadedFile("setup.exe", ELF, content_type="application/octet-stream")},
    )
    assert response.status_code == 400
    assert "niet-toegestaan type" in response.content.decode()
    assert not Bijlage.objects.exists()


# --- Melden ---------------------------------------------------------------------------------


def report_data(**overrides):
    data = {
        "omschrijving": "Dagelijks veel kortdurende aanloop bij de woning, ook 's nachts.",
        "fenomenen": ["drugshandel"],
        "indicatoren": ["aanloop", "verankering-woning"],
        "anonieme_bron": "",
        "locatie": "",
        "rechtspersoon_naam": "",
        "rechtspersoon_kvk": "",
        "kenteken": "",
        "personen-TOTAL_FORMS": "1",
        "personen-INITIAL_FORMS": "0",
        "personen-0-voornamen": "Jan",
        "personen-0-tussenvoegsel": "",
        "personen-0-achternaam": "Jansen",
        "personen-0-geboortedatum": "1980-05-01",
        "personen-0-bsn": "111222333",
        "adressen-TOTAL_FORMS": "1",
        "adressen-INITIAL_FORMS": "0",
        "adressen-0-postcode": "9901 AB",
        "adressen-0-huisnummer": "12",
        "adressen-0-huisletter": "",
        "adressen-0-toevoeging": "",
    }
    data.update(overrides)
    return data


def test_report_form_renders_for_partners_only(client, tenant):
    client.force_login(tenant.analist)
    assert client.get(reverse("signalen:melden")).status_code == 403
    client.force_login(tenant.partnerprofessional)
    html = client.get(reverse("signalen:melden")).content.decode()
    assert "Geen vermoedens als feiten." in html
    assert 'name="personen-0-bsn"' in html and 'type="file"' in html and "multiple" in html
    assert "Meld Misdaad Anoniem" in html


def test_report_creates_a_signal_linked_to_the_existing_person(client, tenant):
    existing = make_signaal(tenant)
    persoon = existing.personen.get()
    client.force_login(tenant.wijkagent)
    response = client.post(
        reverse("signalen:melden"),
        report_data(
            kenteken="XX-123-Y",
            melder_titel="Aanloop flat Dorpsstraat",
            bijlagen=[
                SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
                SimpleUploadedFile("notitie.txt", b"Gezien om 23:00.", content_type="text/plain"),
            ],
        ),
    )
    assert response.status_code == 302
    signaal = Signaal.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == reverse("signalen:melding-ontvangen", args=[signaal.pk])
    assert list(signaal.personen.all()) == [persoon]
    assert Persoon.objects.count() == 1 and Adres.objects.count() == 1
    assert signaal.melder == tenant.wijkagent and signaal.melder_organisatie == tenant.politie
    assert sorted(signaal.indicatoren.values_list("code", flat=True)) == ["aanloop", "verankering-woning"]
    assert signaal.voertuigen.get().kenteken == "XX123Y"
    assert signaal.bijlagen.count() == 2

    html = client.get(response["Location"]).content.decode()
    assert signaal.nummer in html and "Uw melding is ontvangen." in html
    assert reverse("signalen:mijn-meldingen") in html
    # What happens next, with the gemeente's term of step 1.
    assert "Wat gebeurt er nu?" in html and "binnen 5 werkdagen" in html
    # The reporter tells their reports apart by their own title; it is stored encrypted.
    assert Signaal.objects.get(pk=signaal.pk).melder_titel == "Aanloop flat Dorpsstraat"
    assert "Aanloop flat Dorpsstraat" in client.get(reverse("signalen:mijn-meldingen")).content.decode()


def test_report_with_bad_bsn_and_postcode_shows_field_errors_and_stores_nothing(client, tenant):
    client.force_login(tenant.partnerprofessional)
    response = client.post(
        reverse("signalen:melden"), report_data(**{"personen-0-bsn": "123456789", "adressen-0-postcode": "12345"})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_personen-0-bsn_error"' in html and "Het BSN voldoet niet aan de elfproef." in html
    assert 'id="id_adressen-0-postcode_error"' in html and "Ongeldige postcode" in html
    assert 'href="#id_personen-0-bsn"' in html and 'href="#id_adressen-0-postcode"' in html
    assert "Persoon 1: BSN" in html
    assert not Signaal.objects.exists() and not Persoon.objects.exists()


def test_report_without_description_or_phenomenon(client, tenant):
    client.force_login(tenant.partnerprofessional)
    response = client.post(reverse("signalen:melden"), report_data(omschrijving="", fenomenen=[]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "De omschrijving is verplicht." in html and "Kies ten minste één fenomeen." in html
    assert 'href="#id_omschrijving"' in html and 'href="#id_fenomenen"' in html
    assert not Signaal.objects.exists()


def test_second_person_row_without_javascript(client, tenant):
    client.force_login(tenant.partnerprofessional)
    response = client.post(reverse("signalen:melden"), report_data(actie="persoon-toevoegen"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="personen-1-achternaam"' in html and 'value="Jansen"' in html
    assert not Signaal.objects.exists()


def test_indicator_list_follows_the_ticked_phenomena(client, tenant):
    client.force_login(tenant.partnerprofessional)
    html = client.get(reverse("signalen:melden-indicatoren"), {"fenomenen": ["geldezel"]}).content.decode()
    assert "Bankpas en pincode afgegeven" in html
    assert "Situationele en lokale verankering" in html
    assert "Lampen, potgrond" not in html


# --- Mijn meldingen -------------------------------------------------------------------------


def test_my_reports_show_status_but_not_content(client, tenant):
    signaal = make_signaal(tenant)
    weigh(tenant.regisseur, signaal, [("1", "ondermijning")])
    client.force_login(tenant.partnerprofessional)
    html = client.get(reverse("signalen:mijn-meldingen")).content.decode()
    assert signaal.nummer in html
    assert "In behandeling" in html
    assert "hennepgeur" not in html and "Jansen" not in html and "Gemotiveerd" not in html
    assert "Weging" not in html and "Hennepteelt" not in html
    detail = client.get(reverse("signalen:mijn-melding", args=[signaal.pk])).content.decode()
    assert "In behandeling" in detail and "hennepgeur" not in detail and "Gemotiveerd" not in detail


def test_my_report_of_someone_else_is_not_found(client, tenant):
    signaal = make_signaal(tenant, reporter=tenant.wijkagent)
    client.force_login(tenant.partnerprofessional)
    assert signaal.nummer not in client.get(reverse("signalen:mijn-meldingen")).content.decode()
    assert client.get(reverse("signalen:mijn-melding", args=[signaal.pk])).status_code == 404
    assert client.get(reverse("signalen:melding-ontvangen", args=[signaal.pk])).status_code == 404


# --- Zoeken ---------------------------------------------------------------------------------


def test_search_finds_signals_by_person_and_subjects_by_postcode(client, tenant, other_tenant):
    signaal = make_signaal(tenant)
    make_signaal(other_tenant)
    client.force_login(tenant.regisseur)
    assert "Zoekresultaten" not in client.get(reverse("zoeken"), {"q": "Jansen"}).content.decode()

    html = client.post(reverse("zoeken"), {"q": "Jansen"}).content.decode()
    assert detail_url(signaal) in html and "Jan Jansen" in html

    html = client.post(reverse("zoeken"), {"q": "9901 AB"}).content.decode()
    assert "9901 AB" in html
    assert "Adressen (1)" in html

    html = client.post(reverse("zoeken"), {"q": "111222333"}).content.decode()
    assert "Personen (1)" in html and "111222333" not in html.split("Zoekresultaten")[1]


def test_search_is_for_staff_only(client, tenant):
    client.force_login(tenant.partnerprofessional)
    assert client.post(reverse("zoeken"), {"q": "Jansen"}).status_code == 403


# --- Overzicht ------------------------------------------------------------------------------


def test_the_former_overview_leads_to_the_dashboards(client, tenant):
    client.force_login(tenant.analist)
    assert client.get(reverse("overzicht"))["Location"] == reverse("inzicht:signalen")
    client.force_login(tenant.partnerprofessional)
    assert client.get(reverse("overzicht")).status_code == 403


def test_anonymous_source_in_the_worklist(client, tenant):
    make_signaal(tenant, anonieme_bron="meld-misdaad-anoniem", adressen=[AdresGegevens("9902CD", 3)])
    client.force_login(tenant.regisseur)
    assert "anoniem (Meld Misdaad Anoniem)" in _listed(client)


def test_the_weging_form_proposes_what_the_system_knows(tenant):
    """Weging 2B proposes the own territory when the address lies in a buurt of the gemeente; a legal basis is
    proposed from the step before; the regisseur can change either. Nothing is recorded by a proposal."""
    from regiekamer.protocol.machine import WEGINGEN, WegingSoort
    from regiekamer.protocol.tests.test_machine import weigh
    from regiekamer.signalen.forms import WegingForm

    signaal = make_signaal(tenant)
    Signaal.objects.filter(pk=signaal.pk).update(buurt=tenant.buurt)
    signaal.refresh_from_db()
    weigh(tenant.regisseur, signaal, "1", "ondermijning")
    weigh(tenant.regisseur, signaal, "2a", "gemeentelijke-taak")
    form = WegingForm(definition=WEGINGEN[WegingSoort.WEGING_2B], signaal=signaal, prefix="weging")
    assert form.initial["uitkomst"] == "eigen-grondgebied"
    assert tenant.buurt.naam in form.voorstel
    zonder_buurt = make_signaal(tenant)
    Signaal.objects.filter(pk=zonder_buurt.pk).update(buurt=None)
    zonder_buurt.refresh_from_db()
    form = WegingForm(definition=WEGINGEN[WegingSoort.WEGING_2B], signaal=zonder_buurt, prefix="weging")
    assert "uitkomst" not in form.initial and not form.voorstel

    weigh(tenant.regisseur, signaal, "2b", "eigen-grondgebied")
    weigh(tenant.regisseur, signaal, "3", "bronnenonderzoek")
    weigh(tenant.regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    form = WegingForm(definition=WEGINGEN[WegingSoort.PRIVACYCHECK_2A], signaal=signaal, prefix="weging")
    assert form.initial["grondslag"] == "Art. 172 Gemeentewet"
    assert signaal.wegingen.count() == 5


def test_every_indicator_of_the_catalogue_comes_with_guidance_shown_where_it_is_ticked(client, tenant):
    from regiekamer.signalen.catalogue import ANCHORING_INDICATORS, PHENOMENA
    from regiekamer.signalen.duiding import DUIDING
    from regiekamer.signalen.models import Indicator

    codes = {code for code, _o in ANCHORING_INDICATORS} | {c for _f, _n, flags in PHENOMENA for c, _o in flags}
    assert codes == set(DUIDING)
    assert all(all(part.strip() for part in duiding) for duiding in DUIDING.values())
    lampen = Indicator.objects.get(gemeente=tenant.gemeente, code="lampen-planten")
    assert lampen.betekenis == DUIDING["lampen-planten"].betekenis  # the gemeente starts with it

    # The gemeente's own text is what the reporter sees.
    Indicator.objects.filter(pk=lampen.pk).update(nagaan="Bel de wijkagent van dienst.")
    client.force_login(tenant.partnerprofessional)
    html = client.get(reverse("signalen:melden")).content.decode()
    assert "Bel de wijkagent van dienst." in html and DUIDING["lampen-planten"].vervolg in html

    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    html = client.get(detail_url(signaal)).content.decode()
    assert DUIDING["verankering-woning"].betekenis in html  # at weging 1
