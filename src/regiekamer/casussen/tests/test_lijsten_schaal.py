"""The start page and "Mijn acties" of someone with more cases and actions than a page holds: the first rows in the
former order, the numbers counted over all rows, the processing log naming exactly the rows shown; and the case
annotations equal to a direct count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regiekamer.audit.models import Verwerking
from regiekamer.casussen import selectors, services, views
from regiekamer.casussen.models import Casus, CasusSignaal, Interventie
from regiekamer.casussen.tests.test_views import add_actie, detail_url
from regiekamer.conftest import make_signaal
from regiekamer.delen.models import MINIMAAL
from regiekamer.delen.testing import share, zonder_besluiten

pytestmark = pytest.mark.django_db


def open_cases(tenant, count) -> list[Casus]:
    cases = [
        services.open_casus(tenant.regisseur, titel=f"Casus {n}", aanpak="huishouden", omschrijving="", herkomst="")
        for n in range(count)
    ]
    set_activity(cases)
    return cases


def set_activity(cases):
    """Distinct activity moments, the oldest first: case n was last active n days after the first."""
    start = timezone.now() - dt.timedelta(days=100)
    for n, casus in enumerate(cases):
        Casus.objects.filter(pk=casus.pk).update(laatste_activiteit_op=start + dt.timedelta(days=n))


def logged_ids(handeling, objecttype) -> list[str]:
    entry = Verwerking.objects.filter(handeling=handeling, objecttype=objecttype).order_by("-volgnummer").first()
    return entry.object_ids if entry else []


def test_start_page_shows_the_first_rows_of_each_list_and_counts_all(client, tenant, monkeypatch):
    monkeypatch.setattr(views, "START_LIJST", 3)
    cases = open_cases(tenant, 5)
    for casus in cases:
        add_actie(tenant, casus, days=-30 + cases.index(casus))  # all overdue, the first case's the longest
    set_activity(cases)
    client.force_login(tenant.regisseur)
    response = client.get(reverse("casussen:start"))
    context = response.context
    # The three last active cases, newest first; five open cases counted.
    assert [c.pk for c in context["casussen"]] == [c.pk for c in reversed(cases[-3:])]
    assert context["aantal_casussen"] == 5
    # The three stalled cases that lie still longest; all five stalled (last activity 96 days ago or more).
    assert [c.pk for c in context["stagnerend"]] == [c.pk for c in cases[:3]]
    assert context["aantal_stagnerend"] == 5
    assert context["stagnerend_ids"] == {c.pk for c in context["casussen"]}
    # The three actions longest overdue, of five.
    assert [a.casus_id for a, _dagen in context["acties_te_laat"]] == [c.pk for c in cases[:3]]
    assert context["aantal_acties_te_laat"] == 5
    html = response.content.decode()
    assert "De 3 laatst actieve van uw 5 open casussen." in html
    assert f"{reverse('casussen:lijst')}?mijn=on" in html
    assert "De 3 acties die het langst te laat zijn, van 5." in html
    assert "De 3 die het langst stilliggen, van 5." in html
    # The log names the cases shown, nothing more.
    shown = {str(c.pk) for c in context["casussen"]} | {str(c.pk) for c in context["stagnerend"]}
    shown |= {str(a.casus_id) for a, _dagen in context["acties_te_laat"]}
    assert set(logged_ids("casussen.start", "casus")) == shown


def test_start_page_with_few_rows_shows_all_without_a_note(client, tenant):
    cases = open_cases(tenant, 2)
    client.force_login(tenant.regisseur)
    response = client.get(reverse("casussen:start"))
    assert [c.pk for c in response.context["casussen"]] == [c.pk for c in reversed(cases)]
    assert response.context["aantal_casussen"] == 2
    assert "laatst actieve van uw" not in response.content.decode()


def test_new_signals_on_the_start_page_are_counted_over_all(client, tenant, monkeypatch):
    monkeypatch.setattr(views, "START_LIJST", 1)
    (casus,) = open_cases(tenant, 1)
    for _ in range(3):
        CasusSignaal.objects.create(
            gemeente=tenant.gemeente, casus=casus, signaal=make_signaal(tenant), soort=CasusSignaal.Soort.NIEUW
        )
    client.force_login(tenant.regisseur)
    response = client.get(reverse("casussen:start"))
    assert len(response.context["nieuwe_signalen"]) == 1 and response.context["aantal_signalen"] == 3
    assert "1 van 3 nieuwe signalen getoond" in response.content.decode()


def test_case_annotations_equal_a_direct_count(tenant):
    cases = open_cases(tenant, 3)
    soorten = [CasusSignaal.Soort.NIEUW, CasusSignaal.Soort.TERUGVAL, CasusSignaal.Soort.HANDMATIG]
    for n, casus in enumerate(cases):
        for soort in soorten[: n + 1]:
            CasusSignaal.objects.create(
                gemeente=tenant.gemeente, casus=casus, signaal=make_signaal(tenant), soort=soort
            )
    CasusSignaal.objects.filter(casus=cases[2], soort=CasusSignaal.Soort.NIEUW).update(gezien_op=timezone.now())
    add_actie(tenant, cases[1], days=-1)
    add_actie(tenant, cases[2], days=3)
    today = timezone.localdate()
    for casus in selectors.casussen_met_signalen(Casus.objects.filter(gemeente=tenant.gemeente)):
        koppelingen = CasusSignaal.objects.filter(casus=casus)
        nieuw = [k for k in koppelingen if k.gezien_op is None and k.soort in ("nieuw", "terugval")]
        te_laat = [a for a in casus.interventies.all() if a.is_open and a.deadline < today]
        assert casus.nieuwe_signalen == len(nieuw)
        assert casus.acties_te_laat == bool(te_laat)


def test_mijn_acties_pages_the_open_actions_and_keeps_a_refused_update_in_view(client, tenant, monkeypatch):
    monkeypatch.setattr(views, "ACTIES_PER_PAGINA", 2)
    monkeypatch.setattr(views, "ACTIES_AFGEROND", 1)
    (casus,) = open_cases(tenant, 1)
    share(casus, tenant.politie, MINIMAAL)
    acties = [add_actie(tenant, casus, eigenaar=tenant.wijkagent, days=n) for n in range(5)]
    for actie in acties[3:]:
        services.update_interventie(tenant.regisseur, actie, "afgerond", "Gedaan.")
    client.force_login(tenant.wijkagent)

    first = client.get(reverse("casussen:acties"))
    assert [a.pk for a, _form in first.context["open_acties"]] == [a.pk for a in acties[:2]]
    assert first.context["aantal_open"] == 3
    assert set(logged_ids("casussen.acties", "interventie")) == {
        str(acties[0].pk),
        str(acties[1].pk),
        str(acties[4].pk),
    }
    second = client.get(reverse("casussen:acties") + "?page=2")
    assert [a.pk for a, _form in second.context["open_acties"]] == [acties[2].pk]
    # The most recently updated finished action, and a note that there are more.
    assert [a.pk for a, _form in first.context["afgeronde_acties"]] == [acties[4].pk]
    assert first.context["meer_afgerond"]

    # A refused update of an action on page 2 shows that action with its error.
    url = reverse("casussen:actie-bijwerken", kwargs={"pk": acties[2].pk})
    response = client.post(url, {f"actie-{acties[2].pk}-status": "afgerond"})
    assert response.status_code == 400
    assert response.context["open_acties"][0][0].pk == acties[2].pk
    assert "Beschrijf het resultaat bij afronden of stoppen." in response.content.decode()


def test_mijn_acties_shows_only_actions_of_shared_cases(client, tenant):
    gedeeld, niet_gedeeld = open_cases(tenant, 2)
    share(gedeeld, tenant.politie, MINIMAAL)
    zichtbaar = add_actie(tenant, gedeeld, eigenaar=tenant.wijkagent)
    add_actie(tenant, niet_gedeeld, eigenaar=tenant.wijkagent)
    zonder_besluiten(niet_gedeeld)
    client.force_login(tenant.wijkagent)
    response = client.get(reverse("casussen:acties"))
    assert [a.pk for a, _form in response.context["open_acties"]] == [zichtbaar.pk]
    assert list(selectors.eigen_acties(tenant.wijkagent)) == [zichtbaar]
    assert Interventie.objects.filter(casus=niet_gedeeld).count() == 1
    assert client.get(detail_url(niet_gedeeld)).status_code == 404
