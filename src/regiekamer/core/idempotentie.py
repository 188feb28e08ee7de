"""``Idempotency-Key`` on API POSTs: a partner system that retries after a time-out gets the first answer again
instead of a second signal (IETF draft "The Idempotency-Key HTTP Header Field").

- The same key and the same body within a day: the stored answer, with ``Idempotent-Replayed: true``.
- The same key with another body: 422 problem+json; nothing happens.
- The same key while the first request is still being handled: 409 problem+json; retry later.
- A first request that is refused or fails keeps no answer: nothing was done, so the key can be used again.
"""

import datetime as dt
import functools
import hashlib
import re

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.response import Response

from regiekamer.core.problems import problem_response

HEADER = "Idempotency-Key"
WELL_FORMED = re.compile(r"^[\x21-\x7e]{1,100}$")  # visible ASCII, as the draft's sf-string allows
BEWAREN = dt.timedelta(days=1)
# A first request still "being handled" after this long was cut off (a killed worker): its key is free again.
VERLATEN = dt.timedelta(minutes=5)


def _afzender(request) -> str:
    token = getattr(request, "auth", None)
    return f"token:{token.pk}" if getattr(token, "pk", None) else f"user:{request.user.pk}"


def idempotent(post):
    """Decorate an API view's ``post`` with ``Idempotency-Key`` handling; without the header nothing changes."""

    @functools.wraps(post)
    def wrapper(view, request, *args, **kwargs):
        from regiekamer.accounts.models import IdempotenteAanvraag

        sleutel = request.headers.get(HEADER)
        if sleutel is None:
            return post(view, request, *args, **kwargs)
        sleutel = sleutel.strip().strip('"')
        if not WELL_FORMED.match(sleutel):
            invalid = [{"name": HEADER, "code": "invalid", "reason": _("Gebruik 1 tot 100 zichtbare ASCII-tekens.")}]
            return problem_response(400, _("Ongeldige Idempotency-Key."), invalid_params=invalid, code="idempotentie")
        afzender = _afzender(request)
        inhoud_hash = hashlib.sha256(request.body).hexdigest()
        # This key only, if it expired or its first request was cut off: one statement through the unique key's
        # index. Other expired keys go in the nightly retention run (``verwijder_verlopen``).
        now = timezone.now()
        IdempotenteAanvraag.objects.filter(
            Q(aangemaakt_op__lt=now - BEWAREN) | Q(status__isnull=True, aangemaakt_op__lt=now - VERLATEN),
            afzender=afzender,
            sleutel=sleutel,
        ).delete()
        # A new key (nearly always) is one insert; only a key seen before is read.
        try:
            with transaction.atomic():
                eerder = IdempotenteAanvraag.objects.create(
                    afzender=afzender, sleutel=sleutel, pad=request.path, inhoud_hash=inhoud_hash
                )
        except IntegrityError:
            eerder = IdempotenteAanvraag.objects.filter(afzender=afzender, sleutel=sleutel).first()
            if eerder is None:  # the other request with this key failed and freed it meanwhile: the client retries
                return problem_response(409, _("Een verzoek met deze Idempotency-Key wordt nog verwerkt."))
        else:
            try:
                response = post(view, request, *args, **kwargs)
            except BaseException:  # also a worker stopped mid-request (SystemExit)
                # Refused input (raised, and answered by the exception handler) or a failure: nothing was done, so
                # the key stays free for a corrected or repeated request.
                eerder.delete()
                raise
            return _eerste(eerder, response)
        if eerder.inhoud_hash != inhoud_hash or eerder.pad != request.path:
            return problem_response(
                422,
                _("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
                _("Gebruik voor elk nieuw verzoek een nieuwe sleutel; er is niets uitgevoerd."),
                code="idempotentie",
            )
        if eerder.status is None:
            return problem_response(409, _("Een verzoek met deze Idempotency-Key wordt nog verwerkt."))
        response = Response(eerder.antwoord, status=eerder.status, headers=eerder.headers)
        response["Idempotent-Replayed"] = "true"
        return response

    return wrapper


def _eerste(aanvraag, response):
    if response.status_code >= 500:
        aanvraag.delete()
        return response
    aanvraag.status = response.status_code
    aanvraag.antwoord = response.data
    aanvraag.headers = {name: response[name] for name in ("Location", "Content-Type") if response.has_header(name)}
    aanvraag.save(update_fields=["status", "antwoord", "headers"])
    return response


def verwijder_verlopen() -> int:
    """Delete every sender's expired keys (also of senders that never come back); the nightly retention run
    calls this. Returns how many were deleted."""
    from regiekamer.accounts.models import IdempotenteAanvraag

    deleted, _per_model = IdempotenteAanvraag.objects.filter(aangemaakt_op__lt=timezone.now() - BEWAREN).delete()
    return deleted
