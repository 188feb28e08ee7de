"""Model fields whose values are stored encrypted (regiekamer.core.crypto) and decrypted transparently on read.

The database holds a Fernet token in a text column; Python code sees the plaintext. An empty value is stored as an
empty string, so "is it filled in" remains visible and queryable; nothing else is. Ciphertext cannot be searched,
compared or ordered: any lookup other than ``isnull`` or equality with the empty value raises ``FieldError`` instead
of silently matching nothing. Values that must be found (a BSN) get a blind index next to them (crypto.blind_index).
"""

import json

from django import forms
from django.core import validators
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.lookups import Exact, IsNull
from rest_framework import serializers
from rest_framework.serializers import ModelSerializer

from regiekamer.core import crypto


class _EmptyOnlyExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.target.describe()} is encrypted and cannot be searched; "
                "only comparing with the empty value is possible (use a blind index to look values up)."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    """Encrypts on the way to the database (inserts, saves and queryset updates), decrypts on the way back."""

    encrypted = True

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return _EmptyOnlyExact
        raise FieldError(
            f"{self.describe()} is encrypted: lookup '{lookup_name}' is not possible; only isnull and comparing with "
            "the empty value are."
        )

    def get_transform(self, lookup_name):
        return None

    def describe(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def serialise(self, value) -> str:
        return str(value)

    def deserialise(self, text: str):
        return text

    def get_db_prep_save(self, value, connection):
        if value is None:
            return None
        text = self.serialise(value)
        if text == "":
            return ""
        return crypto.encrypt(text)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        if not crypto.is_encrypted(value):
            raise crypto.DecryptionError(
                f"{self.describe()} holds a value that is not encrypted; run `regiekamer migrate` to encrypt it."
            )
        return self.deserialise(crypto.decrypt(value, self.describe()))


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Free text (descriptions, notes, analyses, minutes) stored encrypted."""


class EncryptedCharField(EncryptedMixin, models.TextField):
    """A short value (e.g. a BSN) stored encrypted. ``max_length`` limits the plaintext; the column is text, since
    the ciphertext is longer than the value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": forms.CharField, "max_length": self.max_length, **kwargs})


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """A JSON document (e.g. content returned by a source) stored encrypted as one token."""

    def serialise(self, value) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder)

    def deserialise(self, text: str):
        return json.loads(text)

    def get_db_prep_save(self, value, connection):
        if value is None:
            return None
        return crypto.encrypt(self.serialise(value))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        return value

    def value_to_string(self, obj):
        return self.serialise(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": forms.JSONField, **kwargs})


def encrypted_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if getattr(field, "encrypted", False)]


class EncryptedFieldFile(models.fields.files.FieldFile):
    def save(self, name, content, save=True):
        content.seek(0)
        token = crypto.encrypt_bytes(content.read())
        super().save(name, ContentFile(token), save=save)

    def read_decrypted(self) -> bytes:
        """The original file contents; raises FileNotFoundError or crypto.DecryptionError."""
        with self.storage.open(self.name, "rb") as handle:
            token = handle.read()
        return crypto.decrypt_bytes(token, f"the file of {self.instance._meta.label} {self.instance.pk}")


class EncryptedFileField(models.FileField):
    """A file stored encrypted (one Fernet token per file). Check type and size on the plaintext before saving;
    read it back with ``instance.<field>.read_decrypted()``."""

    attr_class = EncryptedFieldFile
    encrypted_file = True


def encrypted_file_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if getattr(field, "encrypted_file", False)]


# Model serializers show an encrypted JSON document as JSON, not as the text column it is stored in.
ModelSerializer.serializer_field_mapping[EncryptedJSONField] = serializers.JSONField
