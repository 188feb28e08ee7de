"""Encryption at rest: ciphertext in the database and on disk, BSN lookups through the blind index, key rotation."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from regiekamer.conftest import make_signaal
from regiekamer.core import crypto, rotation
from regiekamer.core.crypto import DecryptionError
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.selectors import search_personen
from regiekamer.subjects.services import PersoonGegevens

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"geheime foto van de zolder"
OMSCHRIJVING = "Sterke hennepgeur bij de familie Jansen, BSN bekend bij de melder."
BSN = "111222333"
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(model, field_name, pk):
    """The value as stored in the database, bypassing the model field."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk.hex])  # noqa: S608
        return cursor.fetchone()[0]


def set_raw(model, field_name, pk, value):
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk.hex])  # noqa: S608


def stored_file(bijlage) -> bytes:
    with bijlage.bestand.storage.open(bijlage.bestand.name, "rb") as handle:
        return handle.read()


def persoon(bsn=BSN, **overrides):
    return PersoonGegevens(
        voornamen=overrides.get("voornamen", "Jan"),
        achternaam=overrides.get("achternaam", "Jansen"),
        geboortedatum=dt.date(1980, 5, 1),
        bsn=bsn,
    )


def test_description_and_bsn_are_stored_as_ciphertext(tenant):
    signaal = make_signaal(tenant, omschrijving=OMSCHRIJVING)
    person = signaal.personen.get()

    stored_description = raw(Signaal, "omschrijving", signaal.pk)
    assert stored_description.startswith("gAAAAA")
    assert "hennep" not in stored_description and "Jansen" not in stored_description
    stored_bsn, stored_index = raw(Persoon, "bsn", person.pk), raw(Persoon, "bsn_index", person.pk)
    assert BSN not in stored_bsn and BSN not in stored_index
    assert len(stored_index) == 64

    assert Signaal.objects.get(pk=signaal.pk).omschrijving == OMSCHRIJVING
    assert Persoon.objects.get(pk=person.pk).bsn == BSN


def test_every_free_text_value_is_encrypted_with_a_fresh_token(tenant):
    first = make_signaal(tenant, omschrijving=OMSCHRIJVING)
    second = make_signaal(tenant, omschrijving=OMSCHRIJVING)
    # The same text gives different ciphertexts: equal descriptions cannot be spotted in the database.
    assert raw(Signaal, "omschrijving", first.pk) != raw(Signaal, "omschrijving", second.pk)


def test_the_same_bsn_links_the_same_person_and_is_found_by_search(tenant, other_tenant):
    first = make_signaal(tenant, personen=[persoon()])
    # Another spelling of the name, same BSN: the intake links the existing person.
    second = make_signaal(tenant, personen=[persoon(voornamen="J.", achternaam="Janssen")])
    theirs = make_signaal(other_tenant, personen=[persoon()])

    assert first.personen.get() == second.personen.get()
    assert Persoon.objects.filter(gemeente=tenant.gemeente).count() == 1
    assert theirs.personen.get() != first.personen.get()  # tenants never share persons
    assert list(search_personen(tenant.gemeente, "1112.22.333")) == [first.personen.get()]
    assert list(search_personen(tenant.gemeente, "123456782")) == []


def test_a_bsn_added_later_is_indexed(tenant):
    without = make_signaal(tenant, personen=[persoon(bsn="")]).personen.get()
    assert without.bsn_index == ""
    linked = make_signaal(tenant, personen=[persoon()]).personen.get()  # same name and birth date, now with BSN
    assert linked == without
    assert list(search_personen(tenant.gemeente, BSN)) == [without]


def test_encrypted_text_cannot_be_searched_in_the_database(tenant):
    make_signaal(tenant, omschrijving=OMSCHRIJVING)
    with pytest.raises(FieldError):
        list(Signaal.objects.filter(omschrijving__icontains="hennep"))
    with pytest.raises(FieldError, match="signalen.Signaal.omschrijving is encrypted"):
        list(Signaal.objects.filter(omschrijving__startswith="Sterke"))
    with pytest.raises(FieldError):
        list(Signaal.objects.filter(omschrijving=OMSCHRIJVING))  # would silently match nothing otherwise
    with pytest.raises(FieldError):
        list(Persoon.objects.filter(bsn=BSN))
    assert Persoon.objects.exclude(bsn="").count() == 1  # only "filled in or not" is visible


def test_attachment_is_encrypted_on_disk_and_downloads_as_the_original(client, tenant):
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("zolder.png", PNG)])
    bijlage = signaal.bijlagen.get()
    on_disk = stored_file(bijlage)
    assert b"zolder" not in on_disk and not on_disk.startswith(b"\x89PNG")
    assert bijlage.content_type == "image/png" and bijlage.grootte == len(PNG)  # sniffed and measured before

    client.force_login(tenant.regisseur)
    response = client.get(reverse("signalen:bijlage", args=[signaal.pk, bijlage.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG


def test_rotation_re_encrypts_everything_under_the_new_key(tenant, settings):
    settings.ENCRYPTION_KEYS = [OLD_KEY]
    signaal = make_signaal(tenant, omschrijving=OMSCHRIJVING, bijlagen=[SimpleUploadedFile("zolder.png", PNG)])
    person, bijlage = signaal.personen.get(), signaal.bijlagen.get()

    # Step 1: the new key goes in front; the old one still decrypts.
    settings.ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert Signaal.objects.get(pk=signaal.pk).omschrijving == OMSCHRIJVING
    with pytest.raises(CommandError, match="oude sleutel"):
        call_command("rotate_keys", "--check", stdout=io.StringIO())

    # Step 2: re-encrypt.
    call_command("rotate_keys", stdout=io.StringIO())
    new, old = Fernet(NEW_KEY.encode()), Fernet(OLD_KEY.encode())
    for token in (raw(Signaal, "omschrijving", signaal.pk), raw(Persoon, "bsn", person.pk)):
        new.decrypt(token.encode())
        with pytest.raises(InvalidToken):
            old.decrypt(token.encode())
    bijlage.refresh_from_db()
    assert new.decrypt(stored_file(bijlage)) == PNG
    call_command("rotate_keys", "--check", stdout=io.StringIO())  # nothing old left

    # Step 3: the old key is removed; everything still reads, lookups by BSN still work.
    settings.ENCRYPTION_KEYS = [NEW_KEY]
    assert Signaal.objects.get(pk=signaal.pk).omschrijving == OMSCHRIJVING
    assert Persoon.objects.get(pk=person.pk).bsn == BSN
    assert bijlage.bestand.read_decrypted() == PNG
    assert list(search_personen(tenant.gemeente, BSN)) == [person]
    assert make_signaal(tenant, personen=[persoon()]).personen.get() == person


def test_an_interrupted_rotation_completes_when_run_again(tenant, settings):
    settings.ENCRYPTION_KEYS = [OLD_KEY]
    signalen = [make_signaal(tenant, omschrijving=f"Signaal {i}") for i in range(3)]
    settings.ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    class Interrupted(Exception):
        pass

    def stop_after_first_model(model, report):
        raise Interrupted

    with pytest.raises(Interrupted):
        rotation.run(batch_size=1, progress=stop_after_first_model)
    first = rotation.run(check_only=True)
    assert sum(first.old.values()) > 0  # not done yet

    report = rotation.run(batch_size=1)
    assert report.problems == 0 and sum(report.rotated.values()) == sum(first.old.values())
    assert sum(rotation.run(check_only=True).old.values()) == 0
    settings.ENCRYPTION_KEYS = [NEW_KEY]
    assert [Signaal.objects.get(pk=s.pk).omschrijving for s in signalen] == ["Signaal 0", "Signaal 1", "Signaal 2"]


def test_a_missing_key_is_a_clear_error_not_garbage(client, tenant, settings):
    settings.ENCRYPTION_KEYS = [OLD_KEY]
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("zolder.png", PNG)])
    settings.ENCRYPTION_KEYS = [NEW_KEY]  # the old key was dropped before rotating

    with pytest.raises(DecryptionError, match="signalen.Signaal.omschrijving.*ENCRYPTION_KEYS"):
        Signaal.objects.get(pk=signaal.pk)
    with pytest.raises(DecryptionError, match="ENCRYPTION_KEYS"):
        signaal.bijlagen.get().bestand.read_decrypted()
    with pytest.raises(CommandError, match="met geen enkele ingestelde sleutel"):
        call_command("rotate_keys", stdout=io.StringIO())


def test_an_invalid_key_setting_is_refused(tenant, settings):
    settings.ENCRYPTION_KEYS = ["not-a-fernet-key"]
    with pytest.raises(Exception, match="invalid key"):
        crypto.encrypt("x")


def test_migration_encrypts_existing_plaintext_and_reverses(tenant):
    signaal = make_signaal(tenant, omschrijving=OMSCHRIJVING)
    person = signaal.personen.get()
    set_raw(Signaal, "omschrijving", signaal.pk, OMSCHRIJVING)  # as stored before encryption
    set_raw(Persoon, "bsn", person.pk, BSN)
    set_raw(Persoon, "bsn_index", person.pk, "")
    with pytest.raises(DecryptionError, match="not encrypted"):
        Signaal.objects.get(pk=signaal.pk)

    editor = SimpleNamespace(connection=connection)
    signaal_forwards, signaal_backwards = rotation.encrypt_columns("signalen", "signaal", ["omschrijving"])
    persoon_forwards, _ = rotation.encrypt_columns(
        "subjects", "persoon", ["bsn"], derived_columns=lambda plain: {"bsn_index": crypto.blind_index(plain["bsn"])}
    )
    signaal_forwards(apps, editor)
    signaal_forwards(apps, editor)  # a second run leaves encrypted values alone
    persoon_forwards(apps, editor)

    assert raw(Signaal, "omschrijving", signaal.pk).startswith("gAAAAA")
    assert Signaal.objects.get(pk=signaal.pk).omschrijving == OMSCHRIJVING
    assert list(search_personen(tenant.gemeente, BSN)) == [person]

    signaal_backwards(apps, editor)
    assert raw(Signaal, "omschrijving", signaal.pk) == OMSCHRIJVING


def test_blind_index_can_be_rebuilt_under_a_new_key(tenant, settings):
    person = make_signaal(tenant).personen.get()
    settings.BLIND_INDEX_KEY = "een-nieuwe-sleutel-voor-de-blinde-index"
    assert list(search_personen(tenant.gemeente, BSN)) == []
    call_command("rotate_keys", "--reindex", stdout=io.StringIO())
    assert list(search_personen(tenant.gemeente, BSN)) == [person]


def test_migration_encrypts_existing_attachment_files_and_reverses(tenant):
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("zolder.png", PNG)])
    bijlage = signaal.bijlagen.get()
    storage = bijlage.bestand.storage
    storage.delete(bijlage.bestand.name)
    storage.save(bijlage.bestand.name, SimpleUploadedFile("x", PNG))  # a file as stored before encryption

    forwards, backwards = rotation.encrypt_files("signalen", "bijlage", "bestand")
    forwards(apps, None)
    forwards(apps, None)  # a second run leaves encrypted files alone
    bijlage.refresh_from_db()
    assert not stored_file(bijlage).startswith(b"\x89PNG")
    assert bijlage.bestand.read_decrypted() == PNG
    assert len(storage.listdir(f"{tenant.gemeente.pk}/{signaal.pk}")[1]) == 1  # the plaintext file is gone

    backwards(apps, None)
    bijlage.refresh_from_db()
    assert stored_file(bijlage) == PNG


def test_migration_encrypts_plaintext_that_merely_looks_like_a_token(tenant):
    """Plaintext starting with the token prefix is still plaintext: it is encrypted, not skipped."""
    signaal = make_signaal(tenant)
    lookalike = "gAAAAAB is hoe de melder zijn notitie begon, daarna volgt gewone tekst."
    set_raw(Signaal, "omschrijving", signaal.pk, lookalike)
    forwards, backwards = rotation.encrypt_columns("signalen", "signaal", ["omschrijving"])
    editor = SimpleNamespace(connection=connection)
    forwards(apps, editor)
    assert raw(Signaal, "omschrijving", signaal.pk) != lookalike
    assert Signaal.objects.get(pk=signaal.pk).omschrijving == lookalike
    backwards(apps, editor)
    assert raw(Signaal, "omschrijving", signaal.pk) == lookalike
    backwards(apps, editor)  # a value that does not decrypt is left alone on the way back, too
    assert raw(Signaal, "omschrijving", signaal.pk) == lookalike


NEWLY_ENCRYPTED = [
    ("analyse", "Heridentificatie", "reden"),
    ("inzage", "Rectificatie", "reden"),
    ("inzage", "Beperking", "reden"),
    ("inzage", "Beperking", "opheffen_reden"),
    ("inzage", "Weigering", "reden"),
    ("overleggen", "BesprekingsVerzoek", "reden"),
    ("subjects", "SubjectRelatie", "toelichting"),
    ("signalen", "Bijlage", "bestandsnaam"),
]


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), NEWLY_ENCRYPTED)
def test_reasons_notes_and_file_names_are_encrypted_and_rotated(app_label, model_name, field_name):
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    assert field in rotation.encrypted_fields(model)
    assert model in list(rotation._models())


def test_restriction_reason_and_file_name_are_ciphertext_and_rotate(tenant, settings):
    from regiekamer.inzage.models import Beperking
    from regiekamer.signalen.models import Bijlage

    settings.ENCRYPTION_KEYS = [OLD_KEY]
    signaal = make_signaal(tenant, bijlagen=[SimpleUploadedFile("Jansen zolder.png", PNG)])
    bijlage = signaal.bijlagen.get()
    beperking = Beperking.objects.create(
        gemeente=tenant.gemeente,
        persoon=signaal.personen.get(),
        reden="Jansen betwist de juistheid",
        geplaatst_door=tenant.regisseur,
    )
    assert "Jansen" not in raw(Bijlage, "bestandsnaam", bijlage.pk)
    assert "Jansen" not in raw(Beperking, "reden", beperking.pk)
    settings.ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_keys", stdout=io.StringIO())
    new = Fernet(NEW_KEY.encode())
    assert new.decrypt(raw(Bijlage, "bestandsnaam", bijlage.pk).encode()) == b"Jansen zolder.png"
    assert new.decrypt(raw(Beperking, "reden", beperking.pk).encode()) == b"Jansen betwist de juistheid"
    call_command("rotate_keys", "--check", stdout=io.StringIO())
