"""Agenda and minutes: recorded through the web UI, printed and downloaded as PDF. Each participant's
copy holds only the cases that participant takes part in."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from regiekamer.casussen.models import Interventie
from regiekamer.casussen.services import add_deelnemer, open_casus
from regiekamer.delen.testing import share
from regiekamer.overleggen.models import Agendapunt
from regiekamer.overleggen.pdf import render_minutes_pdf
from regiekamer.overleggen.services import agenda_for, build_agenda, plan_overleg
from regiekamer.protocol.machine import Aanpak

pytestmark = pytest.mark.django_db

NOTULEN_A = "Zolderplantage ontmanteld, gezin wil hulp."
BESLUIT_A = "Schuldhulp starten."
NOTULEN_B = "Geldezelroute via bankpas besproken."
BESLUIT_B = "Aangifte voorbereiden."


@pytest.fixture
def vergadering(tenant):
    """A meeting of the regisseur and the wijkagent. Case A has the police as participant, case B only
    the housing corporation: the wijkagent takes part in A, not in B."""
    regisseur = tenant.regisseur
    casus_a = open_casus(regisseur, "Huishouden met hennep op zolder", Aanpak.HUISHOUDEN)
    add_deelnemer(regisseur, casus_a, tenant.politie)
    share(casus_a, tenant.politie)
    casus_b = open_casus(regisseur, "Geldezel, 21 jaar, dakloos", Aanpak.PERSOONSGERICHT)
    add_deelnemer(regisseur, casus_b, tenant.corporatie)
    share(casus_b, tenant.corporatie)
    overleg = plan_overleg(
        regisseur,
        "casusoverleg",
        "Casusoverleg Centrum",
        timezone.now() + dt.timedelta(days=2),
        [regisseur.pk, tenant.wijkagent.pk],
    )
    return SimpleNamespace(tenant=tenant, regisseur=regisseur, overleg=overleg, casus_a=casus_a, casus_b=casus_b)


def punt_van(overleg, casus) -> tuple[int, Agendapunt]:
    """The agenda item of a case and its position on the regisseur's agenda (the form prefix)."""
    for index, punt in enumerate(agenda_for(overleg.voorzitter, overleg), start=1):
        if punt.casus_id == casus.pk:
            return index, punt
    raise AssertionError(f"{casus.nummer} staat niet op de agenda")


def notulen_data(index, notulen, besluiten, rows=()):
    prefix = f"punt{index}"
    data = {
        f"{prefix}-notulen": notulen,
        f"{prefix}-besluiten": besluiten,
        f"{prefix}-actie-TOTAL_FORMS": "3",
        f"{prefix}-actie-INITIAL_FORMS": "0",
        f"{prefix}-actie-MIN_NUM_FORMS": "0",
        f"{prefix}-actie-MAX_NUM_FORMS": "3",
    }
    for position, row in enumerate(rows):
        data.update({f"{prefix}-actie-{position}-{field}": value for field, value in row.items()})
    return data


def post_notulen(client, overleg, casus, notulen, besluiten, rows=()):
    index, punt = punt_van(overleg, casus)
    return client.post(
        reverse("overleggen:notulen", args=[overleg.pk, punt.pk]), notulen_data(index, notulen, besluiten, rows)
    )


@pytest.fixture
def met_notulen(client, vergadering):
    """Agenda built (both cases are new) and minutes with an action point for each case."""
    v = vergadering
    client.force_login(v.regisseur)
    client.post(reverse("overleggen:agenda-opstellen", args=[v.overleg.pk]))
    deadline = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = post_notulen(
        client,
        v.overleg,
        v.casus_a,
        NOTULEN_A,
        BESLUIT_A,
        [{"soort": "gesprek", "organisatie": str(v.tenant.politie.pk), "deadline": deadline}],
    )
    assert response.status_code == 302, response.content.decode()
    response = post_notulen(
        client,
        v.overleg,
        v.casus_b,
        NOTULEN_B,
        BESLUIT_B,
        [{"soort": "aangifte", "organisatie": str(v.tenant.corporatie.pk), "deadline": deadline}],
    )
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return v


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_build_agenda_picks_up_both_new_cases(client, vergadering):
    v = vergadering
    client.force_login(v.regisseur)
    response = client.post(reverse("overleggen:agenda-opstellen", args=[v.overleg.pk]))
    assert response.status_code == 302
    punten = {p.casus_id: p.reden for p in v.overleg.agendapunten.all()}
    assert punten == {v.casus_a.pk: Agendapunt.Reden.NIEUW, v.casus_b.pk: Agendapunt.Reden.NIEUW}


def test_minutes_with_action_point_become_an_intervention_and_a_plan_version(client, met_notulen):
    v = met_notulen
    _index, punt = punt_van(v.overleg, v.casus_a)
    interventie = Interventie.objects.get(casus=v.casus_a)
    assert interventie.agendapunt == punt
    assert interventie.soort.code == "gesprek"
    assert interventie.eigenaar_organisatie == v.tenant.politie
    assert punt.notulen == NOTULEN_A and punt.besluiten == BESLUIT_A
    assert punt.planversie is not None
    assert punt.planversie.casus == v.casus_a
    assert punt.planversie.versie == v.casus_a.planversies.order_by("-versie").first().versie
    assert any(i["id"] == str(interventie.pk) for i in punt.planversie.inhoud["interventies"])
    v.overleg.refresh_from_db()
    assert v.overleg.gehouden

    client.force_login(v.regisseur)
    html = client.get(reverse("overleggen:detail", args=[v.overleg.pk])).content.decode()
    assert NOTULEN_A in html and NOTULEN_B in html
    assert f"/casussen/{v.casus_a.pk}/plan/{punt.planversie.versie}/" in html
    assert "Gesprek (preventief)" in html


def test_regisseur_pdf_holds_both_cases(client, met_notulen):
    v = met_notulen
    client.force_login(v.regisseur)
    response = client.get(reverse("overleggen:pdf", args=[v.overleg.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    date = timezone.localtime(v.overleg.datum).date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="overleg-{date}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for expected in (v.casus_a.nummer, v.casus_b.nummer, NOTULEN_A, NOTULEN_B, BESLUIT_A, BESLUIT_B):
        assert expected in text
    assert "Vertrouwelijk — exemplaar voor Regisseur Zuiderveen, Zuiderveen Team Ondermijning, gegenereerd" in text


def test_wijkagent_copy_holds_only_their_case(client, met_notulen):
    v = met_notulen
    wijkagent = v.tenant.wijkagent
    text = pdf_text(render_minutes_pdf(v.overleg, wijkagent))
    assert v.casus_a.nummer in text and NOTULEN_A in text and BESLUIT_A in text
    assert v.casus_b.nummer not in text
    for secret in (NOTULEN_B, BESLUIT_B, v.casus_b.titel, "Aangifte"):
        assert secret not in text
    assert f"exemplaar voor {wijkagent.username}, {v.tenant.politie.naam}" in text

    client.force_login(wijkagent)
    response = client.get(reverse("overleggen:pdf", args=[v.overleg.pk]))
    assert response.status_code == 200
    downloaded = pdf_text(response.content)
    assert v.casus_a.nummer in downloaded and v.casus_b.nummer not in downloaded

    html = client.get(reverse("overleggen:print", args=[v.overleg.pk])).content.decode()
    assert v.casus_a.nummer in html and NOTULEN_A in html
    for secret in (v.casus_b.nummer, NOTULEN_B, BESLUIT_B, v.casus_b.titel):
        assert secret not in html
    assert "Vertrouwelijk — exemplaar voor" in html

    detail = client.get(reverse("overleggen:detail", args=[v.overleg.pk])).content.decode()
    assert v.casus_a.nummer in detail and NOTULEN_A in detail
    assert v.casus_b.nummer not in detail and NOTULEN_B not in detail
    assert "Notulen vastleggen" not in detail and "Agenda opstellen" not in detail


def test_print_view_of_the_regisseur(client, met_notulen):
    v = met_notulen
    client.force_login(v.regisseur)
    response = client.get(reverse("overleggen:print", args=[v.overleg.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert v.casus_a.nummer in html and v.casus_b.nummer in html
    assert NOTULEN_A in html and NOTULEN_B in html
    assert 'href="/static/overleggen/afdruk.css"' in html
    assert "<style" not in html and "<script" not in html


def test_repressive_action_point_without_impact_is_refused_on_its_row(client, vergadering):
    v = vergadering
    client.force_login(v.regisseur)
    build_agenda(v.regisseur, v.overleg)
    deadline = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    rows = [
        {"soort": "gesprek", "organisatie": str(v.tenant.politie.pk), "deadline": deadline},
        {"soort": "sluiting-13b", "organisatie": str(v.tenant.afdeling.pk), "deadline": deadline},
    ]
    index, punt = punt_van(v.overleg, v.casus_a)
    response = post_notulen(client, v.overleg, v.casus_a, "Sluiting besproken.", "", rows)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_punt{index}-actie-1-impact_huishouden_error"' in html
    assert f'id="id_punt{index}-actie-1-opvang_gevolgen_error"' in html
    assert f'id="id_punt{index}-actie-0-soort_error"' not in html
    assert "verwachte impact op het huishouden" in html
    # Nothing was stored: not the first action point, not the minutes.
    assert not Interventie.objects.filter(casus=v.casus_a).exists()
    punt.refresh_from_db()
    assert punt.notulen == "" and punt.planversie is None


def test_minutes_need_text(client, vergadering):
    v = vergadering
    client.force_login(v.regisseur)
    build_agenda(v.regisseur, v.overleg)
    index, _punt = punt_van(v.overleg, v.casus_b)
    response = post_notulen(client, v.overleg, v.casus_b, "  ", "")
    assert response.status_code == 400
    assert f'id="id_punt{index}-notulen_error"' in response.content.decode()


def test_the_wijkagent_copy_follows_the_sharing_decision(client, met_notulen):
    """Without "overleg" in the decision the copy names the case but holds no minutes or decisions; after the
    decision is withdrawn the case is gone from the copy, the print view and the meeting page at once."""
    from regiekamer.delen.models import MINIMAAL
    from regiekamer.delen.services import withdraw

    v = met_notulen
    wijkagent = v.tenant.wijkagent
    besluit = v.casus_a.delingsbesluiten.get()
    withdraw(v.regisseur, besluit, "Alleen de eigen acties zijn nodig.")
    share(v.casus_a, v.tenant.politie, MINIMAAL)
    text = pdf_text(render_minutes_pdf(v.overleg, wijkagent))
    assert v.casus_a.nummer in text
    assert NOTULEN_A not in text and BESLUIT_A not in text

    withdraw(v.regisseur, v.casus_a.delingsbesluiten.get(ingetrokken_op__isnull=True), "Niet meer betrokken.")
    text = pdf_text(render_minutes_pdf(v.overleg, wijkagent))
    assert v.casus_a.nummer not in text and NOTULEN_A not in text
    client.force_login(wijkagent)
    html = client.get(reverse("overleggen:print", args=[v.overleg.pk])).content.decode()
    detail = client.get(reverse("overleggen:detail", args=[v.overleg.pk])).content.decode()
    for page in (html, detail):
        assert v.casus_a.nummer not in page and NOTULEN_A not in page
