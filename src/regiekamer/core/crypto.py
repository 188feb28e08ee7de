"""Encryption at rest of sensitive fields and attachments, and blind indexes for looking values up.

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the ``cryptography`` package) under the keys in
``settings.ENCRYPTION_KEYS``: the first key encrypts, every key decrypts (``MultiFernet``). Rotating means putting a
new key first, re-encrypting everything (``regiekamer rotate_keys``) and then removing the old key.

A BSN must still be findable without decrypting every person: ``blind_index`` gives a keyed hash (HMAC-SHA256 under
``settings.BLIND_INDEX_KEY``) of the normalised value, stored next to the ciphertext and indexed.

See docs/privacy.md ("Encryption at rest") and docs/decisions/0004-encryption-at-rest.md.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Every Fernet token starts with the version byte 0x80, which is "gAAAAA" in URL-safe base64.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key: a key is missing or the value was tampered with.

    Never replaced by an empty or garbled value: the application stops rather than showing or overwriting it."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("ENCRYPTION_KEYS is empty: at least one encryption key is required.")
    try:
        fernets = [Fernet(key.encode("ascii")) for key in keys]
    except (ValueError, UnicodeEncodeError) as error:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEYS holds an invalid key: each key is 32 URL-safe base64-encoded bytes "
            "(generate one with `regiekamer rotate_keys --generate-key`)."
        ) from error
    return MultiFernet(fernets), fernets[0]


def _keys() -> tuple[str, ...]:
    keys = settings.ENCRYPTION_KEYS
    if isinstance(keys, str):
        keys = keys.split(",")
    return tuple(key.strip() for key in keys if key.strip())


def multi_fernet() -> MultiFernet:
    return _fernets(_keys())[0]


def current_fernet() -> Fernet:
    return _fernets(_keys())[1]


def encrypt_bytes(data: bytes) -> bytes:
    return multi_fernet().encrypt(data)


def decrypt_bytes(token: bytes, what: str = "a value") -> bytes:
    try:
        return multi_fernet().decrypt(token)
    except InvalidToken:
        raise DecryptionError(
            f"Cannot decrypt {what} with the configured ENCRYPTION_KEYS: the key it was encrypted with is missing "
            "(restore it from the key backup) or the stored value was altered."
        ) from None


def encrypt(text: str) -> str:
    return encrypt_bytes(text.encode("utf-8")).decode("ascii")


def decrypt(token: str, what: str = "a value") -> str:
    return decrypt_bytes(token.encode("ascii"), what).decode("utf-8")


def is_encrypted(value: str | bytes) -> bool:
    """Whether a stored value looks like a Fernet token (as opposed to plaintext left from before encryption)."""
    prefix = TOKEN_PREFIX if isinstance(value, str) else TOKEN_PREFIX.encode("ascii")
    return value.startswith(prefix)


def under_current_key(token: bytes) -> bool:
    try:
        current_fernet().decrypt(token)
    except InvalidToken:
        return False
    return True


def rotate_bytes(token: bytes, what: str = "a value") -> bytes:
    """The same plaintext encrypted again under the current key."""
    try:
        return multi_fernet().rotate(token)
    except InvalidToken:
        raise DecryptionError(
            f"Cannot re-encrypt {what}: none of the configured ENCRYPTION_KEYS decrypts it. Keep the old key in "
            "ENCRYPTION_KEYS until rotation has finished."
        ) from None


def blind_index(value: str) -> str:
    """Keyed hash of a normalised value for exact-match lookups; empty for an empty value."""
    value = (value or "").strip()
    if not value:
        return ""
    key = settings.BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is empty.")
    return hmac.new(key.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()
