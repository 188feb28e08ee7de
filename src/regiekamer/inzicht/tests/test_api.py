"""GET /api/v1/cijfers/<figuur> and the dashboards: who gets what, small numbers, the same numbers in JSON, CSV, XLSX
and on the pages, validation of every parameter, and nothing personal in any answer."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.inzicht import selectors
from regiekamer.inzicht.tests.helpers import Clock, add_noord, local, signaal, weigh
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

PERIOD = {"van": "2025-01", "tot": "2025-03"}


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world(tenant, other_tenant, clock):
    """Three signals in January (small), six in February, two in March of which one about money mules; the other
    gemeente has signals of its own."""
    add_noord(tenant)
    for day in (6, 7, 8):
        s = signaal(tenant, local(2025, 1, day))
        weigh(clock, tenant.regisseur, s, local(2025, 1, day + 1), "1", "geen-ondermijning")
    for day in range(3, 9):
        signaal(tenant, local(2025, 2, day), postcode="9905")
    signaal(tenant, local(2025, 3, 3))
    signaal(tenant, local(2025, 3, 4), fenomenen=("geldezel",))
    for day in range(1, 8):
        signaal(other_tenant, local(2025, 1, day))
    clock.set(local(2025, 3, 20))
    return tenant


def api(user=None, token=None):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def url(figuur):
    return reverse("api:cijfers", kwargs={"figuur": figuur})


def total_rows(body):
    return {row["maand"]: row for row in body["rijen"] if row["fenomeen"] == ""}


# --- Access ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("regisseur", 200),
        ("ondermijningsteam", 200),
        ("manager", 200),
        ("analist", 200),
        ("privacyfunctionaris", 200),
        ("partnerprofessional", 403),
        ("functioneel-beheerder", 403),
    ],
)
def test_the_figures_are_for_the_roles_with_aggregate_access(world, rol, status):
    response = api(world.users[rol]).get(url("signalen"), PERIOD)
    assert response.status_code == status
    if status == 403:
        assert response["Content-Type"] == "application/problem+json"
    page = api(world.users[rol]).get(reverse("inzicht:signalen"), PERIOD)
    assert page.status_code == status


def test_anonymous_callers_and_partner_systems_get_nothing(world):
    assert APIClient().get(url("signalen")).status_code == 401
    raw = ApiToken.issue(world.corporatie, omschrijving="Partnersysteem")[1]
    response = api(token=raw).get(url("signalen"))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"


def test_each_gemeente_sees_only_its_own_signals(world, other_tenant):
    mine = total_rows(api(world.regisseur).get(url("signalen"), PERIOD).json())
    theirs = total_rows(api(other_tenant.regisseur).get(url("signalen"), PERIOD).json())
    assert [mine[m]["ontvangen"] for m in ("2025-01", "2025-02", "2025-03")] == [3, 6, 2]
    assert [theirs[m]["ontvangen"] for m in ("2025-01", "2025-02", "2025-03")] == [7, 0, 0]


# --- Small numbers ---------------------------------------------------------------------------------------------------


def test_small_numbers_are_shown_as_less_than_five_to_who_may_not_see_personal_data(world):
    exact = total_rows(api(world.regisseur).get(url("signalen"), PERIOD).json())
    for rol in ("manager", "analist", "privacyfunctionaris"):
        body = api(world.users[rol]).get(url("signalen"), PERIOD).json()
        assert body["kleine_aantallen_onderdrukt"] is True
        rows = total_rows(body)
        assert rows["2025-01"]["ontvangen"] == "< 5" and rows["2025-01"]["afgerond"] == "< 5"  # 3 each
        assert rows["2025-02"]["ontvangen"] == 6 and rows["2025-02"]["afgerond"] == 0  # 0 stays 0
        assert rows["2025-03"]["ontvangen"] == "< 5"
        assert exact["2025-01"]["ontvangen"] == 3 and exact["2025-03"]["ontvangen"] == 2
    assert api(world.regisseur).get(url("signalen"), PERIOD).json()["kleine_aantallen_onderdrukt"] is False


def test_a_statistic_of_a_small_number_is_left_out(world):
    rows = api(world.manager).get(url("doorlooptijden"), PERIOD).json()["rijen"]
    assert rows[0]["aantal"] == "< 5" and rows[0]["mediaan"] is None and rows[0]["op_tijd_pct"] is None
    assert rows[0]["termijn"] == 5  # a setting, not a count
    exact = api(world.regisseur).get(url("doorlooptijden"), PERIOD).json()["rijen"]
    assert exact[0]["aantal"] == 3 and exact[0]["mediaan"] == 1 and exact[0]["op_tijd_pct"] == 100.0


def test_the_rule_for_small_numbers():
    assert [selectors.is_klein(n) for n in (0, 1, 4, 5, 17)] == [False, True, True, False, False]
    kolommen = selectors.FIGUREN["terugval"].kolommen
    row = {"aanpak": "", "aanpak_naam": "Totaal", "gesloten": 12, "met_terugval": 3, "terugval_pct": 25.0}
    row["terugvalsignalen"] = 0
    assert selectors.onderdruk(kolommen, [row]) == [{**row, "met_terugval": "< 5", "terugval_pct": None}]


# --- One set of numbers, three formats, and the pages ------------------------------------------------------------


def csv_rows(content: bytes):
    reader = csv.reader(io.StringIO(content.decode("utf-8")))
    header = next(reader)
    return header, list(reader)


def as_text(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize("figuur", list(selectors.FIGUREN))
@pytest.mark.parametrize("rol", ["regisseur", "manager"])
def test_csv_and_xlsx_hold_the_numbers_of_the_json(world, figuur, rol):
    client = api(world.users[rol])
    body = client.get(url(figuur), PERIOD).json()
    names = [kolom["naam"] for kolom in body["kolommen"]]
    response = client.get(url(figuur), {**PERIOD, "formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(f'attachment; filename="regiekamer-{figuur}-')
    header, rows = csv_rows(response.content)
    assert header == names
    assert rows == [[as_text(row[name]) for name in names] for row in body["rijen"]]
    response = client.get(url(figuur), {**PERIOD, "formaat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["Cijfers"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [kolom["titel"] for kolom in body["kolommen"]]
    # An empty text is an empty cell in a spreadsheet.
    assert [list(v) for v in values[1:]] == [
        [row[name] if row[name] != "" else None for name in names] for row in body["rijen"]
    ]


def test_the_page_shows_the_numbers_the_api_serves(world):
    client = api(world.manager)
    html = client.get(reverse("inzicht:signalen"), PERIOD).content.decode()
    body = client.get(url("werkvoorraad"), PERIOD).json()
    totaal = body["rijen"][0]
    assert (
        totaal["open"] == 8
        and f'<td class="utrecht-table__cell utrecht-table__cell--numeric-data">{totaal["open"]}</td>' in html
    )
    assert "&lt; 5" in html
    # Every chart has its data island and its table; downloads are the API's, with the same filters.
    assert html.count("<canvas data-grafiek=") == html.count('type="application/json"') > 4
    for naam in ("signalen", "doorlooptijden", "uitkomsten", "werkvoorraad"):
        assert f'id="figuur-{naam}"' in html
        assert f"/api/v1/cijfers/{naam}?van=2025-01&amp;tot=2025-03&amp;formaat=csv" in html
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html and 'src="/static/inzicht/dashboards.js"' in html
    casussen = client.get(reverse("inzicht:casussen"), PERIOD).content.decode()
    for naam in ("casussen", "interventies", "doelen", "terugval", "achterstand"):
        assert f'id="figuur-{naam}"' in casussen


def test_invalid_filters_on_the_page_are_named_and_no_figures_are_shown(world):
    response = api(world.manager).get(reverse("inzicht:signalen"), {"van": "2025-13", "fenomeen": "onbekend"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html and "Geef een datum als JJJJ-MM-DD" in html and "Onbekend fenomeen" in html
    assert "<canvas" not in html


def test_nothing_personal_in_any_answer_and_nothing_logged(world):
    before = Verwerking.objects.count()
    client = api(world.manager)
    texts = [
        client.get(reverse("inzicht:signalen"), PERIOD).content,
        client.get(reverse("inzicht:casussen"), PERIOD).content,
    ]
    for figuur in selectors.FIGUREN:
        for formaat in ("json", "csv"):
            texts.append(client.get(url(figuur), {**PERIOD, "formaat": formaat}).content)
    joined = b"\n".join(texts).decode()
    forbidden = ["hennepgeur", "Lampen en potgrond", "9901AB", "9905AB", "S2025-"]
    forbidden += [str(pk) for pk in Signaal.objects.values_list("pk", flat=True)]
    for value in forbidden:
        assert value not in joined
    assert Verwerking.objects.count() == before


def test_the_former_overview_page_leads_to_the_dashboards(world):
    client = api(world.privacyfunctionaris)
    assert client.get("/overzicht/")["Location"] == reverse("inzicht:signalen")


# --- Validation ------------------------------------------------------------------------------------------------------


def test_an_unknown_figure_is_not_found(world):
    response = api(world.manager).get(url("onbekend"))
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"van": "2025-13"}, "van"),
        ({"van": "2025/01"}, "van"),
        ({"van": "２０２５-01"}, "van"),  # full-width digits are not ASCII digits
        ({"tot": "morgen"}, "tot"),
        ({"van": "2025-02-30"}, "van"),
        ({"van": "2025-05", "tot": "2025-01"}, "tot"),
        ({"van": "2000-01", "tot": "2025-01"}, "van"),  # longer than ten years
        ({"buurt": "BU9901"}, "buurt"),
        ({"buurt": "BU99999999"}, "buurt"),
        ({"wijk": "WK999999"}, "wijk"),
        ({"wijk": "WK990101", "buurt": "BU99010101"}, "wijk"),
        ({"fenomeen": "bestaat-niet"}, "fenomeen"),
        ({"fenomeen": "Hennep teelt"}, "fenomeen"),
        ({"formaat": "pdf"}, "formaat"),
        ({"fenomenen": "hennepteelt"}, "fenomenen"),  # an unknown parameter
    ],
)
def test_invalid_parameters_are_refused_with_a_problem_naming_them(world, params, name):
    response = api(world.manager).get(url("signalen"), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert name in [param["name"] for param in response.json()["invalidParams"]]


def test_valid_filters_are_applied_and_described(world):
    body = api(world.regisseur).get(url("signalen"), {"van": "2025-02-14", "tot": "2025-03", "wijk": "WK990102"}).json()
    assert body["periode"] == {"van": "2025-02-01", "tot": "2025-03-31"}
    assert body["filters"] == {
        "van": "2025-02-01",
        "tot": "2025-03-31",
        "buurt": None,
        "wijk": "WK990102",
        "fenomeen": None,
    }
    assert [r["ontvangen"] for r in body["rijen"] if r["fenomeen"] == ""] == [6, 0]
    body = api(world.regisseur).get(url("signalen"), {**PERIOD, "fenomeen": "geldezel"}).json()
    assert [r["ontvangen"] for r in body["rijen"]] == [0, 0, 1]
    body = api(world.regisseur).get(url("werkvoorraad"), {"buurt": "BU99010101"}).json()
    assert body["periode"] is None and body["peildatum"] == timezone.localdate().isoformat()
    assert body["rijen"][0]["open"] == 2


def test_the_default_period_is_the_last_twelve_months(world):
    body = api(world.regisseur).get(url("signalen")).json()
    assert body["periode"] == {"van": "2024-04-01", "tot": "2025-03-31"}
    assert len([r for r in body["rijen"] if r["fenomeen"] == ""]) == 12
    assert dt.date.fromisoformat(body["peildatum"]) == dt.date(2025, 3, 20)


def test_text_that_looks_like_a_formula_stays_text_in_the_files(world):
    from regiekamer.signalen.models import Fenomeen

    Fenomeen.objects.filter(gemeente=world.gemeente, code="geldezel").update(naam='=HYPERLINK("x")')
    client = api(world.regisseur)
    _header, rows = csv_rows(client.get(url("signalen"), {**PERIOD, "formaat": "csv"}).content)
    assert '\'=HYPERLINK("x")' in [row[2] for row in rows]
    sheet = load_workbook(io.BytesIO(client.get(url("signalen"), {**PERIOD, "formaat": "xlsx"}).content))["Cijfers"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("x")']
    assert cells and all(cell.data_type == "s" for cell in cells)
