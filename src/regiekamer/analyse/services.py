"""Re-identification: from a pseudonym back to the person, address or company, only with a recorded reason and
reference, logged in the processing log (handeling ``heridentificatie``) before the identity is shown."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.analyse.models import Heridentificatie
from regiekamer.analyse.pseudonyms import pseudonym, soort_of
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.inzage.beperking import is_restricted
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon

DOEL_ANALYSE = "analyse van het ondermijningsbeeld (gepseudonimiseerd)"
DOEL_HERIDENTIFICATIE = "heridentificatie voor de aanpak van ondermijning"
MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon}


def resolve(gemeente, value: str):
    """The subject of the gemeente behind a pseudonym, or None. Recomputes the pseudonyms of the gemeente's
    records of that kind: without the key there is no way back."""
    soort = soort_of((value or "").strip().upper())
    model = MODELS.get(soort)
    if model is None:
        return None
    value = value.strip().upper()
    for pk in model.objects.filter(gemeente=gemeente).values_list("pk", flat=True).iterator(chunk_size=2000):
        if pseudonym(gemeente.pk, soort, pk) == value:
            return model.objects.get(pk=pk)
    return None


@transaction.atomic
def reidentify(user, value: str, reden: str, referentie: str):
    """Record the re-identification and log it; returns (Heridentificatie, subject). Refuses without a reason
    and a reference, for a pseudonym of another gemeente (404), and for a person whose processing is restricted."""
    if not permissions.has_capability(user, permissions.REIDENTIFY):
        raise NotAllowed(_("U mag geen pseudoniemen heridentificeren."))
    subject = resolve(user.gemeente, value)
    if subject is None:
        raise Http404
    errors = []
    reden, referentie = (reden or "").strip(), (referentie or "").strip()
    if not reden:
        errors.append({"name": "reden", "reason": _("Geef de reden van de heridentificatie."), "code": "required"})
    if not referentie:
        errors.append(
            {
                "name": "referentie",
                "reason": _("Geef de referentie, bijv. het verzoek van de regisseur."),
                "code": "required",
            }
        )
    if errors:
        raise InvalidInput(_("De heridentificatie is niet vastgelegd."), errors)
    soort = soort_of(value.strip().upper())
    if soort == "persoon" and is_restricted(subject):
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is beperkt (art. 18 AVG)."))
    record = Heridentificatie.objects.create(
        gemeente=user.gemeente,
        door=user,
        rol=permissions.acting_rol(user, permissions.REIDENTIFY),
        pseudoniem=pseudonym(user.gemeente.pk, soort, subject.pk),
        soort=soort,
        object_id=subject.pk,
        reden=reden[:500],
        referentie=referentie[:200],
    )
    audit.log(user, Actie.LEZEN, "heridentificatie", soort, [subject], doel=DOEL_HERIDENTIFICATIE)
    return record, subject
