"""Bulk work on encrypted data: encrypting existing plaintext (migrations), key rotation and its check.

Rows are read and written with plain SQL on the raw column values (tokens), in batches ordered by primary key. Every
row is updated on its own and only if its value is still the token that was read, so a run can be interrupted at any
moment and simply started again; a value already under the current key is left alone.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.core.files.base import ContentFile
from django.db import connection as default_connection
from django.db import transaction

from regiekamer.core import crypto
from regiekamer.core.fields import encrypted_fields, encrypted_file_fields

BATCH_SIZE = 500


def _rows(connection, model, columns: list[str], batch_size: int):
    """(pk, values...) of every row, in batches by primary key, reading raw column values."""
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    selected = ", ".join(qn(column) for column in columns)
    last = None
    while True:
        where = f"WHERE {pk} > %s " if last is not None else ""
        sql = f"SELECT {pk}, {selected} FROM {table} {where}ORDER BY {pk} LIMIT %s"  # noqa: S608  # nosec B608 - identifiers from _meta
        with connection.cursor() as cursor:
            cursor.execute(sql, ([last] if last is not None else []) + [batch_size])
            batch = cursor.fetchall()
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


def _update(connection, model, column: str, pk, old, new) -> bool:
    """Replace one raw value, only if it is still ``old``."""
    qn = connection.ops.quote_name
    table, pk_column, column = qn(model._meta.db_table), qn(model._meta.pk.column), qn(column)
    sql = f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s AND {column} = %s"  # noqa: S608  # nosec B608 - identifiers from _meta
    with connection.cursor() as cursor:
        cursor.execute(sql, [new, pk, old])
        return cursor.rowcount == 1


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("ascii")
    return value if isinstance(value, str) else str(value)


# --- Migrations -------------------------------------------------------------------------------


def encrypt_columns(app_label: str, model_name: str, field_names: list[str], derived_columns=None):
    """A RunPython pair that encrypts the existing plaintext of these columns (and back).

    ``derived_columns(plaintexts)`` gets {field name: plaintext, or None if nothing was encrypted} per row and may
    return further {column: value} updates for that row (e.g. a blind index)."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        columns = [model._meta.get_field(name).column for name in field_names]
        connection = schema_editor.connection
        for row in _rows(connection, model, columns, BATCH_SIZE):
            pk, values = row[0], [_text(value) for value in row[1:]]
            plaintexts = {}
            for name, column, value in zip(field_names, columns, values, strict=True):
                if value in (None, "") or _encrypted(value):
                    plaintexts[name] = None
                    continue
                plaintexts[name] = value
                _update(connection, model, column, pk, value, crypto.encrypt(value))
            if derived_columns:
                for column, value in derived_columns(plaintexts).items():
                    _set(connection, model, column, pk, value)

    def backwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        columns = [model._meta.get_field(name).column for name in field_names]
        connection = schema_editor.connection
        for row in _rows(connection, model, columns, BATCH_SIZE):
            pk = row[0]
            for name, column, value in zip(field_names, columns, row[1:], strict=True):
                value = _text(value)
                if value and _encrypted(value):
                    plain = crypto.decrypt(value, f"{model._meta.label}.{name}")
                    _update(connection, model, column, pk, value, plain)

    return forwards, backwards


def _set(connection, model, column: str, pk, value) -> None:
    qn = connection.ops.quote_name
    table, pk_column = qn(model._meta.db_table), qn(model._meta.pk.column)
    sql = f"UPDATE {table} SET {qn(column)} = %s WHERE {pk_column} = %s"  # noqa: S608  # nosec B608 - identifiers from _meta
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, pk])


def encrypt_files(app_label: str, model_name: str, field_name: str):
    """A RunPython pair that encrypts existing attachment files (and back), writing each under a new name."""

    def convert(apps, encrypting: bool):
        model = apps.get_model(app_label, model_name)
        file_field = model._meta.get_field(field_name)
        storage = file_field.storage
        for row in _rows(default_connection, model, [file_field.column], BATCH_SIZE):
            pk, name = row[0], row[1]
            if not name:
                continue
            try:
                with storage.open(name, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                continue
            encrypted = crypto.is_encrypted(data) and _decrypts(data)
            if encrypted == encrypting:
                continue
            new = crypto.encrypt_bytes(data) if encrypting else crypto.decrypt_bytes(data, f"file {name}")
            _replace_file(model, file_field, pk, name, new)

    return (lambda apps, schema_editor: convert(apps, True)), (lambda apps, schema_editor: convert(apps, False))


def _encrypted(value: str) -> bool:
    """Whether a column value is a token under the configured keys. Plaintext that merely starts like a token (a
    note beginning with "gAAAAA") does not decrypt, so it is treated as plaintext and encrypted."""
    return crypto.is_encrypted(value) and _decrypts(value.encode("ascii", errors="replace"))


def _decrypts(token: bytes) -> bool:
    try:
        crypto.decrypt_bytes(token)
    except crypto.DecryptionError:
        return False
    return True


def _replace_file(model, file_field, pk, old_name: str, data: bytes) -> bool:
    """Write ``data`` under a fresh name next to the old file, point the row to it, then delete the old file. An
    interruption leaves at most an unreferenced file, which the retention sweep removes."""
    storage = file_field.storage
    directory = old_name.rsplit("/", 1)[0] if "/" in old_name else ""
    new_name = storage.save(
        f"{directory}/{uuid.uuid4().hex}" if directory else uuid.uuid4().hex,
        ContentFile(data),
        max_length=file_field.max_length,
    )
    with transaction.atomic():
        switched = model._base_manager.filter(pk=pk, **{file_field.name: old_name}).update(
            **{file_field.name: new_name}
        )
    if switched:
        storage.delete(old_name)
    else:
        storage.delete(new_name)
    return bool(switched)


# --- Rotation ---------------------------------------------------------------------------------


@dataclass
class Report:
    """Counts per "app.Model.field": values under the current key, under an older key, not decryptable, plaintext."""

    current: Counter = field(default_factory=Counter)
    old: Counter = field(default_factory=Counter)
    rotated: Counter = field(default_factory=Counter)
    undecryptable: Counter = field(default_factory=Counter)
    missing: Counter = field(default_factory=Counter)
    plaintext: Counter = field(default_factory=Counter)

    @property
    def names(self) -> list[str]:
        counters = (self.current, self.old, self.rotated, self.undecryptable, self.missing, self.plaintext)
        return sorted(set().union(*counters))

    @property
    def problems(self) -> int:
        return sum(self.undecryptable.values()) + sum(self.plaintext.values())


def _models():
    for model in global_apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        if encrypted_fields(model) or encrypted_file_fields(model):
            yield model


def _classify(token: bytes) -> str:
    if not crypto.is_encrypted(token):
        return "plaintext"
    if crypto.under_current_key(token):
        return "current"
    return "old" if _decrypts(token) else "undecryptable"


def run(*, check_only: bool = False, batch_size: int = BATCH_SIZE, progress=None) -> Report:
    """Re-encrypt every encrypted value and file that is not under the current key (or only count them)."""
    report = Report()
    for model in _models():
        fields = encrypted_fields(model)
        if fields:
            _rotate_columns(model, fields, report, check_only, batch_size)
        for file_field in encrypted_file_fields(model):
            _rotate_files(model, file_field, report, check_only, batch_size)
        if progress:
            progress(model, report)
    return report


def _rotate_columns(model, fields, report: Report, check_only: bool, batch_size: int) -> None:
    connection = default_connection
    columns = [f.column for f in fields]
    for row in _rows(connection, model, columns, batch_size):
        pk = row[0]
        for f, value in zip(fields, row[1:], strict=True):
            value = _text(value)
            if not value:
                continue
            name = f"{model._meta.label}.{f.name}"
            state = _classify(value.encode("ascii") if value.isascii() else b"")
            if state != "old" or check_only:
                getattr(report, state)[name] += 1
                continue
            new = crypto.rotate_bytes(value.encode("ascii"), name).decode("ascii")
            if _update(connection, model, f.column, pk, value, new):
                report.rotated[name] += 1
            else:  # changed meanwhile, so written under the current key
                report.current[name] += 1


def _rotate_files(model, file_field, report: Report, check_only: bool, batch_size: int) -> None:
    storage = file_field.storage
    name = f"{model._meta.label}.{file_field.name}"
    for row in _rows(default_connection, model, [file_field.column], batch_size):
        pk, stored_name = row[0], row[1]
        if not stored_name:
            continue
        try:
            with storage.open(stored_name, "rb") as handle:
                token = handle.read()
        except FileNotFoundError:
            report.missing[name] += 1
            continue
        state = _classify(token)
        if state != "old" or check_only:
            getattr(report, state)[name] += 1
            continue
        if _replace_file(model, file_field, pk, stored_name, crypto.rotate_bytes(token, f"file {stored_name}")):
            report.rotated[name] += 1
        else:
            report.current[name] += 1
