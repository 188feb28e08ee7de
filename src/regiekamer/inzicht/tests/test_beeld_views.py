"""The ondermijningsbeeld as a page, a PDF and through the API: no personal data in any of them, roles and tenants,
validation, and a PDF that WeasyPrint rendered with its charts."""

import base64
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from regiekamer.audit.models import Verwerking
from regiekamer.conftest import api_client
from regiekamer.inzicht import beeld as B
from regiekamer.inzicht import pdf as beeld_pdf
from regiekamer.inzicht.tests.beeld_helpers import CENTRUM, build, geheimen
from regiekamer.inzicht.tests.helpers import Clock

pytestmark = pytest.mark.django_db

API = "/api/v1/ondermijningsbeeld"
PERIODE = {"van": "2023-06", "tot": "2025-05"}


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world(tenant, other_tenant, clock):
    return build(tenant, other_tenant, clock)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def leaks(text: str, secrets: set[str]) -> list[str]:
    return sorted(secret for secret in secrets if secret in text)


@pytest.mark.parametrize("code", [CENTRUM, "WK990101", "GM9901"])
def test_no_personal_data_in_the_page_the_document_the_pdf_or_the_api(world, code):
    secrets = geheimen(world)
    assert len(secrets) > 50
    for role in ("manager", "regisseur"):
        user = world.tenant.users[role]
        page = client_for(user).get(reverse("ondermijningsbeeld:rapport", kwargs={"code": code}), PERIODE)
        assert page.status_code == 200
        assert leaks(page.content.decode(), secrets) == []
        api = api_client(user.organisatie, user=user)
        html = api.get(API, {"gebied": code, **PERIODE})
        assert html.status_code == 200 and html["Content-Type"] == "text/html; charset=utf-8"
        assert leaks(html.content.decode(), secrets) == []
        document = api.get(API, {"gebied": code, "formaat": "pdf", **PERIODE})
        assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
        _reader, text = pdf_text(document.content)
        assert leaks(text, secrets) == []
        assert leaks(document.content.decode("latin-1"), secrets) == []  # nor in the PDF's metadata or streams


def test_the_page_shows_the_report_with_its_charts_as_svg_images(world):
    response = client_for(world.tenant.manager).get(reverse("ondermijningsbeeld:rapport", kwargs={"code": CENTRUM}))
    html = response.content.decode()
    assert "Ondermijningsbeeld Centrum, juni 2023 – mei 2025" in html
    assert "Wat valt op" in html and "hennepteelt (2,1 keer zo vaak)" in html
    images = re.findall(
        r'<img class="rk-beeld__svg" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', html
    )
    assert len(images) == 3  # the course, the comparison, the phenomena (the buurten only in a wijk's report)
    for data, alt in images:
        root = ET.fromstring(base64.b64decode(data))  # noqa: S314 - the SVG the report drew itself
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "De cijfers staan in de tabel" in alt
    for table in ("tabel-verloop", "tabel-fenomenen", "tabel-fenomeen-blokken", "tabel-casussen", "tabel-doelen"):
        assert f'id="{table}"' in html
    pdf_link = f"{reverse('ondermijningsbeeld:pdf', kwargs={'code': CENTRUM})}?van=2023-06&amp;tot=2025-05"
    assert pdf_link in html and "Download PDF" in html
    assert reverse("gebieden:gebiedsbeeld", kwargs={"code": CENTRUM}) in html
    assert 'style="' not in html  # the strict CSP: no inline styles, the charts are images
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_pdf_is_rendered_with_its_charts(world, monkeypatch):
    served = []
    original = beeld_pdf._svg_of

    def spy(url):
        served.append(url)
        return original(url)

    monkeypatch.setattr(beeld_pdf, "_svg_of", spy)
    response = client_for(world.tenant.manager).get(reverse("ondermijningsbeeld:pdf", kwargs={"code": "WK990101"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="ondermijningsbeeld-WK990101-2023-06-2025-05.pdf"')
    reader, text = pdf_text(response.content)
    assert len(reader.pages) >= 3
    assert "Ondermijningsbeeld West" in text and "Wat valt op" in text and "Haven" in text
    assert "Gemeente (gemiddelde)" in text  # the legend of a chart: the SVG was drawn, not left out
    assert len(served) == 4  # the course, the phenomena, the comparison, the buurten of the wijk
    assert all(url.startswith("data:image/svg+xml;base64,") for url in served)


def test_the_pdf_fetcher_refuses_anything_but_its_charts():
    for url in ("file:///etc/passwd", "https://example.org/x.svg", "data:text/html;base64,PGI+", "/static/x.css"):
        with pytest.raises(ValueError):
            beeld_pdf._svg_of(url)


def test_no_processing_log_entry_for_the_report_itself(world):
    before = set(Verwerking.objects.values_list("actie", flat=True))
    client_for(world.tenant.manager).get(reverse("ondermijningsbeeld:rapport", kwargs={"code": CENTRUM}))
    new = set(Verwerking.objects.values_list("actie", flat=True)) - before
    # Aggregates only: the report writes nothing of its own; the buurt trend it borrows from the hotspot page
    # logs which buurten it evaluated, as that page does.
    assert not any("ondermijningsbeeld" in actie for actie in new)


@pytest.mark.parametrize(
    "role,status", [("partnerprofessional", 403), ("functioneel-beheerder", 403), ("manager", 200), ("analist", 200)]
)
def test_roles(world, role, status):
    user = world.tenant.users[role]
    client = client_for(user)
    for name in ("ondermijningsbeeld:kiezen", "ondermijningsbeeld:rapport", "ondermijningsbeeld:pdf"):
        kwargs = {} if name.endswith("kiezen") else {"code": CENTRUM}
        assert client.get(reverse(name, kwargs=kwargs)).status_code == status, name
    response = api_client(user.organisatie, user=user).get(API, {"gebied": CENTRUM})
    assert response.status_code == status
    if status == 403:
        assert response["Content-Type"] == "application/problem+json"


def test_anonymous_and_partner_systems(world):
    response = Client().get(reverse("ondermijningsbeeld:rapport", kwargs={"code": CENTRUM}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert Client().get(API, {"gebied": CENTRUM}).status_code == 401
    assert api_client(world.tenant.corporatie).get(API, {"gebied": CENTRUM}).status_code == 403


def test_another_gemeentes_area_is_unknown(world, other_tenant):
    client = client_for(other_tenant.regisseur)
    for code in (CENTRUM, "WK990101", "GM9901"):
        assert client.get(reverse("ondermijningsbeeld:rapport", kwargs={"code": code})).status_code == 404
        assert client.get(reverse("ondermijningsbeeld:pdf", kwargs={"code": code})).status_code == 404
    api = api_client(other_tenant.regisseur.organisatie, user=other_tenant.regisseur)
    for code in (CENTRUM, "GM9901"):
        response = api.get(API, {"gebied": code})
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert api.get(API, {"gebied": "GM9902"}).status_code == 200  # its own gemeente


@pytest.mark.parametrize(
    "params,names",
    [
        ({}, ["gebied"]),
        ({"gebied": "BU9901"}, ["gebied"]),
        ({"gebied": "BU９９０１０１０１"}, ["gebied"]),
        ({"gebied": "bu99010101"}, ["gebied"]),
        ({"gebied": CENTRUM, "formaat": "xlsx"}, ["formaat"]),
        ({"gebied": CENTRUM, "maanden": "12"}, ["maanden"]),
        ({"gebied": CENTRUM, "van": "2024-1"}, ["van"]),
        ({"gebied": CENTRUM, "van": "2020-01", "tot": "2024-12"}, ["van"]),
        ({"gebied": CENTRUM, "buurt": CENTRUM}, ["buurt"]),
        ({"formaat": "doc", "tot": "x"}, ["gebied", "formaat", "tot"]),
    ],
)
def test_api_refuses_invalid_parameters(world, params, names):
    user = world.tenant.manager
    response = api_client(user.organisatie, user=user).get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == names


def test_api_refuses_a_repeated_parameter_and_ignores_the_accept_header(world):
    user = world.tenant.manager
    api = api_client(user.organisatie, user=user)
    response = api.get(f"{API}?gebied={CENTRUM}&gebied=WK990101")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "gebied"
    assert api.get(API, {"gebied": CENTRUM, "formaat": "pdf"}, HTTP_ACCEPT="application/pdf").status_code == 200
    assert api.get(API, {"gebied": CENTRUM}, HTTP_ACCEPT="text/html").status_code == 200
    missing = api.get(API, {"gebied": "BU99019999"}, HTTP_ACCEPT="application/pdf")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_api_html_document_matches_the_page(world):
    user = world.tenant.manager
    document = api_client(user.organisatie, user=user).get(API, {"gebied": CENTRUM, "maanden": "36"}).content.decode()
    assert document.startswith("<!DOCTYPE html>")
    assert "Ondermijningsbeeld Centrum, juni 2022 – mei 2025" in document
    assert "/static/inzicht/ondermijningsbeeld-document.css" in document
    beeld = B.ondermijningsbeeld(user, CENTRUM, B.standaard_periode(maanden=36))
    for zin in beeld.samenvatting:
        assert zin.replace("’", "&#x27;") in document or zin in document


def test_choosing_an_area_and_a_period(world):
    client = client_for(world.tenant.manager)
    page = client.get(reverse("ondermijningsbeeld:kiezen"))
    html = page.content.decode()
    assert page.status_code == 200
    for value in ("GM9901", "WK990101", "WK990102", CENTRUM, "BU99010102"):
        assert f'value="{value}"' in html
    response = client.get(reverse("ondermijningsbeeld:kiezen"), {"gebied": "WK990101", "maanden": "36"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('ondermijningsbeeld:rapport', kwargs={'code': 'WK990101'})}?maanden=36"
    refused = client.get(reverse("ondermijningsbeeld:kiezen"), {"gebied": "BU00000000", "maanden": "24"})
    assert refused.status_code == 200 and "Er is een probleem" in refused.content.decode()
    bad_period = client.get(reverse("ondermijningsbeeld:rapport", kwargs={"code": CENTRUM}), {"maanden": "7"})
    assert bad_period.status_code == 400 and "Kies 24 of 36 maanden." in bad_period.content.decode()


def test_reachable_from_the_menu_the_area_view_and_the_dashboards(world):
    client = client_for(world.tenant.manager)
    kiezen = reverse("ondermijningsbeeld:kiezen")
    assert f'href="{kiezen}"' in client.get(reverse("inzicht:signalen")).content.decode()
    dashboard = client.get(reverse("inzicht:signalen"), {"buurt": CENTRUM}).content.decode()
    assert f'href="{reverse("ondermijningsbeeld:rapport", kwargs={"code": CENTRUM})}"' in dashboard
    gemeente = client.get(reverse("inzicht:casussen")).content.decode()
    assert f'href="{reverse("ondermijningsbeeld:rapport", kwargs={"code": "GM9901"})}"' in gemeente
    area = client.get(reverse("gebieden:gebiedsbeeld", kwargs={"code": "WK990101"})).content.decode()
    assert f'href="{reverse("ondermijningsbeeld:rapport", kwargs={"code": "WK990101"})}"' in area
    partner = client_for(world.tenant.partnerprofessional).get(reverse("signalen:melden")).content.decode()
    assert kiezen not in partner
