"""Assigning a signal to a regisseur, "Mijn werkvoorraad", and the start page's signals to weigh."""

import pytest
from django.urls import reverse

from regiekamer.audit.models import Verwerking
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.notifications.models import Notificatie
from regiekamer.protocol.machine import WEGINGEN
from regiekamer.protocol.models import ProtocolInstelling
from regiekamer.signalen import services
from regiekamer.signalen.forms import WegingForm

pytestmark = pytest.mark.django_db


def test_assigning_records_notifies_and_refuses_who_may_not_weigh(tenant, other_tenant):
    signaal = make_signaal(tenant)
    services.wijs_toe(tenant.regisseur, signaal, tenant.ondermijningsteam)
    signaal.refresh_from_db()
    assert signaal.behandelaar == tenant.ondermijningsteam
    assert Notificatie.objects.filter(ontvanger=tenant.ondermijningsteam, onderwerp__contains=signaal.nummer).exists()
    assert Verwerking.objects.filter(handeling="signaal.toewijzen").count() == 1
    # Taking a signal oneself sends no message.
    services.wijs_toe(tenant.regisseur, signaal, tenant.regisseur)
    assert not Notificatie.objects.filter(ontvanger=tenant.regisseur).exists()
    for behandelaar in (tenant.partnerprofessional, other_tenant.regisseur):
        with pytest.raises(InvalidInput):
            services.wijs_toe(tenant.regisseur, signaal, behandelaar)
    with pytest.raises(NotAllowed):
        services.wijs_toe(tenant.partnerprofessional, signaal, tenant.regisseur)
    signaal.refresh_from_db()
    assert signaal.behandelaar == tenant.regisseur


def test_the_worklist_filters_on_the_behandelaar_and_the_start_page_shows_mine_and_new(client, tenant):
    mijn = make_signaal(tenant)
    nieuw = make_signaal(tenant)
    van_een_ander = make_signaal(tenant)
    services.wijs_toe(tenant.regisseur, mijn, tenant.regisseur)
    services.wijs_toe(tenant.regisseur, van_een_ander, tenant.ondermijningsteam)
    client.force_login(tenant.regisseur)

    def nummers(query):
        html = client.get(reverse("signalen:werkvoorraad") + query).content.decode()
        return {s.nummer for s in (mijn, nieuw, van_een_ander) if s.nummer in html}

    assert nummers("?behandelaar=mij") == {mijn.nummer}
    assert nummers("?behandelaar=niemand") == {nieuw.nummer}
    assert nummers("") == {mijn.nummer, nieuw.nummer, van_een_ander.nummer}

    html = client.get(reverse("casussen:start")).content.decode()
    assert mijn.nummer in html and nieuw.nummer in html and van_een_ander.nummer not in html


def test_assigning_through_the_page_and_a_bad_choice_is_refused(client, tenant, other_tenant):
    signaal = make_signaal(tenant)
    client.force_login(tenant.regisseur)
    url = reverse("signalen:toewijzen", kwargs={"pk": signaal.pk})
    assert client.post(url, {"behandelaar": str(other_tenant.regisseur.pk)}).status_code == 400
    signaal.refresh_from_db()
    assert signaal.behandelaar is None
    response = client.post(url, {"behandelaar": [str(tenant.regisseur.pk), str(tenant.ondermijningsteam.pk)]})
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert signaal.behandelaar == tenant.regisseur


def test_privacy_check_1_proposes_the_sources_of_the_phenomenon_and_the_gemeente_lists_legal_bases(tenant):
    signaal = make_signaal(tenant)  # hennepteelt
    form = WegingForm(definition=WEGINGEN["pc1"], signaal=signaal, prefix="weging")
    assert set(form.initial["bronnen"]) == {"brp", "bag"}
    assert "Hennepteelt" in form.voorstel
    instelling = ProtocolInstelling.objects.get(gemeente=tenant.gemeente)
    instelling.grondslagen = "Eigen grondslag A\n\n  Eigen grondslag B  \n"
    instelling.save()
    form = WegingForm(definition=WEGINGEN["pc1"], signaal=signaal, prefix="weging")
    assert form.grondslag_keuzes == ["Eigen grondslag A", "Eigen grondslag B"]


def test_the_worklist_sorts_by_a_column_and_keeps_its_filters(client, tenant):
    import datetime as dt

    from django.utils import timezone

    from regiekamer.signalen.models import Signaal

    oud, nieuw = make_signaal(tenant), make_signaal(tenant)
    Signaal.objects.filter(pk=oud.pk).update(ontvangen_op=timezone.now() - dt.timedelta(days=3))
    client.force_login(tenant.regisseur)

    def volgorde(query):
        response = client.get(reverse("signalen:werkvoorraad") + query)
        return [signaal.nummer for signaal in response.context["signalen"]], response.content.decode()

    nummers, html = volgorde("?volgorde=ontvangen&behandelaar=niemand")
    assert nummers == [oud.nummer, nieuw.nummer]
    assert 'aria-sort="ascending"' in html and "behandelaar=niemand" in html and "volgorde=-ontvangen" in html
    assert volgorde("?volgorde=-ontvangen")[0] == [nieuw.nummer, oud.nummer]
    assert volgorde("?volgorde=-nummer")[0] == sorted([oud.nummer, nieuw.nummer], reverse=True)
    # An unknown order is left out (the form marks it invalid) and the default order is used.
    response = client.get(reverse("signalen:werkvoorraad") + "?volgorde=wachtwoord")
    assert response.status_code == 200 and len(response.context["signalen"]) == 2


def test_a_regisseur_saves_worklist_filters_under_a_name_and_only_sees_their_own(client, tenant):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:filter-bewaren"),
        {"naam": "Mijn te late", "behandelaar": "mij", "te_laat": "on", "stap": "9", "page": "3"},
    )
    bewaard = tenant.regisseur.signaalfilters.get()
    # Only valid filters are kept (stap 9 does not exist, a page is no filter).
    assert bewaard.query == "behandelaar=mij&te_laat=on"
    assert response["Location"] == reverse("signalen:werkvoorraad") + "?behandelaar=mij&te_laat=on"
    html = client.get(reverse("signalen:werkvoorraad")).content.decode()
    assert "Mijn te late" in html and "?behandelaar=mij&amp;te_laat=on" in html
    # The same name replaces; no name is refused.
    client.post(reverse("signalen:filter-bewaren"), {"naam": "Mijn te late", "behandelaar": "niemand"})
    assert tenant.regisseur.signaalfilters.get().query == "behandelaar=niemand"
    client.post(reverse("signalen:filter-bewaren"), {"naam": " ", "behandelaar": "mij"})
    assert tenant.regisseur.signaalfilters.count() == 1
    # Another user neither sees nor removes it.
    client.force_login(tenant.ondermijningsteam)
    assert "Mijn te late" not in client.get(reverse("signalen:werkvoorraad")).content.decode()
    assert client.post(reverse("signalen:filter-verwijderen", args=[bewaard.pk])).status_code == 404
    client.force_login(tenant.regisseur)
    client.post(reverse("signalen:filter-verwijderen", args=[bewaard.pk]))
    assert not tenant.regisseur.signaalfilters.exists()
