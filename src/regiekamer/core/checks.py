"""System checks of the privacy set-up (``regiekamer check``, ``regiekamer check --deploy``)."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import FieldDoesNotExist

KEYS_HINT = (
    "Set REGIEKAMER_ENCRYPTION_KEYS and REGIEKAMER_BLIND_INDEX_KEY from a secret store, so that a backup of the data "
    "folder does not carry the key to its own attachments (docs/operations.md)."
)


def _keys_from_file() -> bool:
    return bool(getattr(settings, "ENCRYPTION_KEYS_FROM_FILE", False)) and not (settings.DEBUG or settings.DEMO_MODE)


@register(Tags.security, deploy=True)
def encryption_keys_deploy(app_configs=None, **kwargs):
    """In production the encryption keys must not come from the data folder."""
    if not _keys_from_file():
        return []
    return [
        Error(
            "The encryption keys are kept in the data folder, next to the encrypted attachments.",
            hint=KEYS_HINT,
            id="core.E001",
        )
    ]


@register(Tags.security)
def encryption_keys(app_configs=None, **kwargs):
    """The same finding as a warning in every check (runserver, migrate), so it is seen before deployment."""
    if not _keys_from_file():
        return []
    return [
        Warning(
            "The encryption keys are kept in the data folder, next to the encrypted attachments.",
            hint=KEYS_HINT,
            id="core.W001",
        )
    ]


def _ordered_field(model, name: str):
    """The field an ordering entry like ``"-persoon__naam"`` ends on, or None (expressions, ``?``, unknown)."""
    field = None
    for part in name.lstrip("-").split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field


@register(Tags.models)
def no_ordering_on_encrypted_fields(app_configs=None, **kwargs):
    """Ordering on an encrypted field would silently sort ciphertext, so a default ordering on one is an error."""
    configs = app_configs or apps.get_app_configs()
    errors = []
    for config in configs:
        for model in config.get_models():
            for entry in model._meta.ordering or ():
                if not isinstance(entry, str):
                    continue
                field = _ordered_field(model, entry)
                if field is not None and getattr(field, "encrypted", False):
                    errors.append(
                        Error(
                            f"Meta.ordering uses '{entry}', which is encrypted: it would sort ciphertext.",
                            hint="Order on a plain field (a date, a number) instead.",
                            obj=model,
                            id="core.E002",
                        )
                    )
    return errors
