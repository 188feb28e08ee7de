import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.notifications.models import Notificatie
from regiekamer.signalen.models import Bijlage, Fenomeen, Signaal
from regiekamer.signalen.selectors import WerkvoorraadFilter, eigen_meldingen, werkvoorraad

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def test_signals_are_numbered_per_gemeente(tenant, other_tenant):
    first, second = make_signaal(tenant), make_signaal(tenant)
    theirs = make_signaal(other_tenant)
    assert first.nummer.endswith("00001") and second.nummer.endswith("00002")
    assert theirs.nummer.endswith("00001")


def test_attachments_are_stored_privately_with_a_meaningless_name(tenant, settings):
    signaal = make_signaal(
        tenant, bijlagen=[SimpleUploadedFile("foto jansen.png", PNG), SimpleUploadedFile("verslag.pdf", PDF)]
    )
    bijlagen = list(signaal.bijlagen.all())
    assert [b.content_type for b in bijlagen] == ["image/png", "application/pdf"]
    assert all("jansen" not in b.bestand.name for b in bijlagen)
    assert all(b.bestand.storage.exists(b.bestand.name) for b in bijlagen)


def test_disallowed_or_too_large_attachment_refuses_the_whole_signal(tenant, settings):
    with pytest.raises(InvalidInput) as invalid:
        make_signaal(
            tenant,
            bijlagen=[
                SimpleUploadedFile("ok.png", PNG),
                SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100),
            ],
        )
    assert invalid.value.invalid_params[0]["name"] == "bijlagen.1"
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(InvalidInput):
        make_signaal(tenant, bijlagen=[SimpleUploadedFile("groot.png", PNG)])
    assert not Signaal.objects.exists() and not Bijlage.objects.exists()


def test_files_are_removed_when_saving_fails(tenant, monkeypatch):
    from regiekamer.signalen import services

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_notify_owners", fail)
    with pytest.raises(RuntimeError):
        make_signaal(tenant, bijlagen=[SimpleUploadedFile("ok.png", PNG)])
    assert not Signaal.objects.exists()
    from django.core.files.storage import default_storage

    root = default_storage.path("")
    import os

    assert not any(files for _, _, files in os.walk(root))


def test_the_owner_of_a_phenomenon_is_notified_without_personal_data(tenant):
    fenomeen = Fenomeen.objects.get(gemeente=tenant.gemeente, code="arbeidsuitbuiting")
    fenomeen.eigenaar = tenant.regisseur
    fenomeen.save()
    signaal = make_signaal(tenant, fenomenen=["arbeidsuitbuiting"], indicatoren=["paspoort-ingehouden"])
    notificatie = Notificatie.objects.get(ontvanger=tenant.regisseur)
    assert signaal.nummer in notificatie.onderwerp
    assert "Jansen" not in notificatie.onderwerp + notificatie.tekst
    make_signaal(tenant)  # hennepteelt has no owner
    assert Notificatie.objects.count() == 1


def test_anonymous_source_is_recorded(tenant):
    signaal = make_signaal(tenant, anonieme_bron="meld-misdaad-anoniem", personen=[])
    assert signaal.anoniem and signaal.get_anonieme_bron_display() == "Meld Misdaad Anoniem"
    assert signaal.melder_organisatie == tenant.corporatie


@pytest.mark.parametrize("rol", ["analist", "manager", "privacyfunctionaris", "functioneel-beheerder"])
def test_roles_without_report_capability_cannot_report(tenant, rol):
    with pytest.raises(NotAllowed):
        make_signaal(tenant, reporter=tenant.users[rol])


def test_worklist_never_crosses_tenants(tenant, other_tenant):
    mine = make_signaal(tenant)
    make_signaal(other_tenant)
    assert list(werkvoorraad(tenant.regisseur)) == [mine]
    assert list(werkvoorraad(tenant.regisseur, WerkvoorraadFilter(zoek="Jansen"))) == [mine]
    assert not werkvoorraad(tenant.partnerprofessional).exists()


def test_own_reports_are_only_ones_own(tenant):
    own = make_signaal(tenant)
    make_signaal(tenant, reporter=tenant.wijkagent)
    assert list(eigen_meldingen(tenant.partnerprofessional)) == [own]


def test_overdue_signals_come_first(tenant):
    import datetime as dt

    on_time = make_signaal(tenant)
    late = make_signaal(tenant)
    Signaal.objects.filter(pk=late.pk).update(termijn=dt.date(2020, 1, 1))
    late.refresh_from_db()
    assert late.is_te_laat and not on_time.is_te_laat
    assert list(werkvoorraad(tenant.regisseur))[0] == late
    assert list(werkvoorraad(tenant.regisseur, WerkvoorraadFilter(te_laat=True))) == [late]


def test_a_place_without_address_can_name_its_buurt(tenant):
    signaal = make_signaal(
        tenant, personen=[], adressen=[], locatie="hangplek bij de speeltuin", buurt=tenant.buurt.code
    )
    assert signaal.buurt == tenant.buurt
    with pytest.raises(InvalidInput) as invalid:
        make_signaal(tenant, personen=[], adressen=[], buurt="BU00000000")
    assert invalid.value.invalid_params[0]["name"] == "buurt"


def test_number_follows_the_year_of_receipt(tenant):
    import datetime as dt

    from django.utils import timezone

    from regiekamer.signalen.services import SignaalInvoer, report_signaal

    received = timezone.make_aware(dt.datetime(2025, 12, 30, 10, 0))
    signaal = report_signaal(
        tenant.partnerprofessional, SignaalInvoer(omschrijving="Oud signaal.", fenomenen=["drugshandel"]), received
    )
    assert signaal.nummer == "S2025-00001"
