"""Questions the privacyfunctionaris asks of the log. Always within one gemeente; no case or signal content."""

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from regiekamer.audit.models import Verwerking


def gerelateerde_ids(persoon) -> list[str]:
    """The person (and the persons merged into it) and the signals and cases linked to them (as subject of a
    signal or betrokkene of a case)."""
    from regiekamer.casussen.models import Casus

    ids = {str(persoon.pk)}
    # Persons merged into this one: what was logged about them was about this person.
    ids |= {str(pk) for pk in persoon.samengevoegde_ids()}
    signalen = list(persoon.signalen.values_list("pk", flat=True))
    ids |= {str(pk) for pk in signalen}
    casussen = Casus.objects.filter(gemeente=persoon.gemeente).filter(
        Q(betrokkenen__persoon=persoon) | Q(casus_signalen__signaal__in=signalen)
    )
    ids |= {str(pk) for pk in casussen.values_list("pk", flat=True)}
    return sorted(ids)


def verwerkingen_over(persoon, sinds: dt.datetime | None = None):
    """Who processed anything about this person (directly, or one of their signals or cases) since ``sinds``."""
    sinds = sinds or timezone.now() - dt.timedelta(days=365)
    # JSON text containment: UUIDs are unique strings, and this works on SQLite and PostgreSQL alike.
    condition = reduce(or_, (Q(object_ids__icontains=object_id) for object_id in gerelateerde_ids(persoon)))
    return (
        Verwerking.objects.filter(gemeente=persoon.gemeente, tijdstip__gte=sinds)
        .filter(condition)
        .order_by("-tijdstip")
    )


def wegingen_zonder_toelichting(gemeente):
    from regiekamer.protocol.models import Weging

    # The toelichting is encrypted, but an empty one is stored empty (Weging.save strips it first), so the
    # database can find them without decrypting every weging of the gemeente.
    return (
        Weging.objects.filter(gemeente=gemeente, toelichting="")
        .select_related("vastgelegd_door")
        .only("id", "soort", "uitkomst", "vastgelegd_op", "rol", "vastgelegd_door__username", "signaal_id")
        .order_by("-vastgelegd_op")
    )
