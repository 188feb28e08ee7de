"""Meeting pages: list, planning, agenda, access and the request to discuss a case."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regiekamer.notifications.models import Notificatie
from regiekamer.overleggen.models import Agendapunt, BesprekingsVerzoek, Overleg
from regiekamer.overleggen.services import build_agenda, plan_overleg
from regiekamer.overleggen.tests.test_minutes import vergadering  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_list_shows_meetings_the_user_may_see(client, vergadering, other_tenant):  # noqa: F811
    v = vergadering
    eerder = plan_overleg(v.regisseur, "triage", "Triage vorige week", timezone.now() - dt.timedelta(days=7), [])
    for user, expected, not_expected in (
        (v.regisseur, ["Casusoverleg Centrum", "Triage vorige week", "Nieuw overleg"], []),
        (v.tenant.ondermijningsteam, ["Casusoverleg Centrum", "Triage vorige week"], []),
        (v.tenant.wijkagent, ["Casusoverleg Centrum"], ["Triage vorige week", "Nieuw overleg"]),
        (v.tenant.partnerprofessional, [], ["Casusoverleg Centrum", "Triage vorige week"]),
        (other_tenant.regisseur, [], ["Casusoverleg Centrum", "Triage vorige week"]),
    ):
        client.force_login(user)
        response = client.get(reverse("overleggen:lijst"))
        assert response.status_code == 200
        html = response.content.decode()
        for text in expected:
            assert text in html, (user, text)
        for text in not_expected:
            assert text not in html, (user, text)
    assert eerder.pk


def test_plan_a_meeting(client, tenant):
    client.force_login(tenant.regisseur)
    response = client.get(reverse("overleggen:nieuw"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"zv-wijkagent — {tenant.politie.naam}" in html
    assert "Noorderhaven" not in html

    datum = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        reverse("overleggen:nieuw"),
        {
            "soort": "handhavingstafel",
            "titel": "Handhavingstafel Centrum",
            "datum": datum.isoformat(),
            "tijd": "09:30",
            "deelnemers": [str(tenant.wijkagent.pk), str(tenant.regisseur.pk)],
        },
    )
    overleg = Overleg.objects.get(titel="Handhavingstafel Centrum")
    assert response.status_code == 302
    assert response["Location"] == reverse("overleggen:detail", args=[overleg.pk])
    assert overleg.voorzitter == tenant.regisseur
    assert timezone.localtime(overleg.datum).date() == datum
    assert timezone.localtime(overleg.datum).strftime("%H:%M") == "09:30"
    assert set(overleg.deelnemers.all()) == {tenant.wijkagent, tenant.regisseur}
    assert Notificatie.objects.filter(ontvanger=tenant.wijkagent).exists()


def test_plan_refusals_are_shown_per_field(client, tenant, other_tenant):
    client.force_login(tenant.regisseur)
    response = client.post(reverse("overleggen:nieuw"), {"soort": "", "titel": " ", "datum": "", "tijd": "10:00"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html
    for field in ("soort", "titel", "datum"):
        assert f'id="id_{field}_error"' in html
    assert "Geef datum en tijd." in html
    # Someone of another gemeente cannot be invited.
    response = client.post(
        reverse("overleggen:nieuw"),
        {
            "soort": "triage",
            "titel": "Triage",
            "datum": "2030-01-07",
            "tijd": "10:00",
            "deelnemers": [str(other_tenant.regisseur.pk)],
        },
    )
    assert response.status_code == 400
    assert 'id="id_deelnemers_error"' in response.content.decode()
    assert not Overleg.objects.exists()


def test_only_the_regisseur_side_plans(client, tenant):
    client.force_login(tenant.wijkagent)
    assert client.get(reverse("overleggen:nieuw")).status_code == 403
    assert client.post(reverse("overleggen:nieuw"), {"titel": "x"}).status_code == 403


def test_detail_access(client, vergadering, other_tenant):  # noqa: F811
    v = vergadering
    names = ("detail", "print", "pdf")
    client.force_login(v.tenant.analist)  # neither VIEW_CASES nor invited
    for name in names:
        assert client.get(reverse(f"overleggen:{name}", args=[v.overleg.pk])).status_code == 404
    client.force_login(v.tenant.partnerprofessional)  # a partner who was not invited
    for name in names:
        assert client.get(reverse(f"overleggen:{name}", args=[v.overleg.pk])).status_code == 404
    client.force_login(other_tenant.regisseur)
    for name in names:
        assert client.get(reverse(f"overleggen:{name}", args=[v.overleg.pk])).status_code == 404
    assert client.post(reverse("overleggen:agenda-opstellen", args=[v.overleg.pk])).status_code == 404
    client.force_login(v.tenant.ondermijningsteam)  # VIEW_CASES, not invited
    assert client.get(reverse("overleggen:detail", args=[v.overleg.pk])).status_code == 200
    client.force_login(v.tenant.wijkagent)  # invited partner: may look, not manage
    assert client.get(reverse("overleggen:detail", args=[v.overleg.pk])).status_code == 200
    assert client.post(reverse("overleggen:agenda-opstellen", args=[v.overleg.pk])).status_code == 403
    assert not v.overleg.agendapunten.exists()
    client.logout()
    response = client.get(reverse("overleggen:detail", args=[v.overleg.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_build_agenda_twice_adds_nothing_the_second_time(client, vergadering):  # noqa: F811
    v = vergadering
    client.force_login(v.regisseur)
    url = reverse("overleggen:agenda-opstellen", args=[v.overleg.pk])
    client.post(url)
    assert v.overleg.agendapunten.count() == 2
    response = client.post(url, follow=True)
    assert v.overleg.agendapunten.count() == 2
    assert "Er zijn geen andere casussen die besproken moeten worden." in response.content.decode()


def test_add_a_case_by_hand(client, vergadering):  # noqa: F811
    v = vergadering
    client.force_login(v.regisseur)
    html = client.get(reverse("overleggen:detail", args=[v.overleg.pk])).content.decode()
    assert v.casus_a.nummer in html and "Casus toevoegen" in html
    response = client.post(
        reverse("overleggen:casus-toevoegen", args=[v.overleg.pk]),
        {"toevoegen-casus": str(v.casus_b.pk), "toevoegen-reden": Agendapunt.Reden.TE_LAAT},
    )
    assert response.status_code == 302
    punt = v.overleg.agendapunten.get()
    assert punt.casus == v.casus_b and punt.reden == Agendapunt.Reden.TE_LAAT
    response = client.post(reverse("overleggen:casus-toevoegen", args=[v.overleg.pk]), {"toevoegen-casus": ""})
    assert response.status_code == 400
    assert 'id="id_toevoegen-casus_error"' in response.content.decode()


def test_requested_bespreking_lands_on_the_agenda(client, vergadering):  # noqa: F811
    v = vergadering
    url = reverse("casussen:bespreking", args=[v.casus_a.pk])
    client.force_login(v.tenant.wijkagent)
    response = client.post(url, {"bespreking-reden": "Nieuwe overlast gemeld bij de buren."})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/casussen/{v.casus_a.pk}/")
    verzoek = BesprekingsVerzoek.objects.get(casus=v.casus_a)
    assert verzoek.aangevraagd_door == v.tenant.wijkagent

    build_agenda(v.regisseur, v.overleg)
    punt = v.overleg.agendapunten.get(casus=v.casus_a)
    assert punt.reden == Agendapunt.Reden.AANGEVRAAGD
    assert v.overleg.agendapunten.get(casus=v.casus_b).reden == Agendapunt.Reden.NIEUW
    verzoek.refresh_from_db()
    assert verzoek.agendapunt == punt

    client.force_login(v.regisseur)
    html = client.get(reverse("overleggen:detail", args=[v.overleg.pk])).content.decode()
    assert "Bespreking aangevraagd" in html


def test_bespreking_needs_a_reason_and_a_part_in_the_case(client, vergadering):  # noqa: F811
    v = vergadering
    client.force_login(v.tenant.wijkagent)
    response = client.post(reverse("casussen:bespreking", args=[v.casus_a.pk]), {"bespreking-reden": ""})
    assert response.status_code == 400
    assert not BesprekingsVerzoek.objects.exists()
    # The wijkagent's organisation takes no part in case B: as if it does not exist.
    response = client.post(reverse("casussen:bespreking", args=[v.casus_b.pk]), {"bespreking-reden": "Graag"})
    assert response.status_code == 404
    assert client.get(reverse("casussen:bespreking", args=[v.casus_a.pk])).status_code == 405
    assert not BesprekingsVerzoek.objects.exists()
