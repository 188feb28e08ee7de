"""Stable pseudonyms: a keyed HMAC of the record id, per gemeente.

The key is the setting ``ANALYSE_PSEUDONIEM_SLEUTEL`` (environment variable of the same name) or, without it, a
key derived from ``SECRET_KEY``. The gemeente's id is part of the message, so the same record kind gets different
pseudonyms in different gemeenten. Without the key a pseudonym cannot be traced back; with the key it can only be
found again by recomputing the pseudonyms of the gemeente's records (``services.resolve``). The BSN is never used."""

import hashlib
import hmac

from django.conf import settings

# "V" (voertuig) appears only in the pseudonymised network (regiekamer.netwerk); vehicles are not re-identified.
PREFIX = {"persoon": "P", "adres": "A", "rechtspersoon": "O", "signaal": "S", "casus": "C", "voertuig": "V"}
SOORT_VAN_PREFIX = {prefix: soort for soort, prefix in PREFIX.items()}
LENGTH = 12  # hex characters: 48 bits


def _key() -> bytes:
    configured = getattr(settings, "ANALYSE_PSEUDONIEM_SLEUTEL", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"regiekamer.analyse.pseudoniem", hashlib.sha256).digest()


def pseudonym(gemeente_id, soort: str, pk) -> str:
    message = f"{gemeente_id}|{soort}|{pk}".encode()
    digest = hmac.new(_key(), message, hashlib.sha256).hexdigest()[:LENGTH].upper()
    return f"{PREFIX[soort]}-{digest}"


def find(gemeente_id, soort: str, value: str, pks):
    """The first of ``pks`` whose pseudonym is ``value``, or None: the same HMAC as :func:`pseudonym`, with the
    common part of the message hashed once and digests compared as bytes, so a scan of many ids stays cheap."""
    prefix, _sep, digest = (value or "").strip().upper().partition("-")
    if prefix != PREFIX.get(soort) or len(digest) != LENGTH:
        return None
    try:
        target = bytes.fromhex(digest)
    except ValueError:
        return None
    base = hmac.new(_key(), f"{gemeente_id}|{soort}|".encode(), hashlib.sha256)
    for pk in pks:
        candidate = base.copy()
        candidate.update(str(pk).encode())
        if candidate.digest()[: len(target)] == target:
            return pk
    return None


def soort_of(value: str) -> str | None:
    prefix, _sep, digest = (value or "").partition("-")
    if len(digest) != LENGTH or any(c not in "0123456789ABCDEF" for c in digest):
        return None
    return SOORT_VAN_PREFIX.get(prefix)
