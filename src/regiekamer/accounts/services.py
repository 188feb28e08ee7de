from django.db import transaction

from regiekamer.accounts.models import Gemeente, Organisatie, User


@transaction.atomic
def create_gemeente(naam: str, cbs_code: str) -> Gemeente:
    """A new tenant with the standard catalogue and protocol settings."""
    from regiekamer.casussen.services import instellingen as casus_instellingen
    from regiekamer.protocol.services import instellingen
    from regiekamer.signalen.catalogue import seed_catalogue

    gemeente = Gemeente.objects.create(naam=naam, cbs_code=cbs_code)
    seed_catalogue(gemeente)
    instellingen(gemeente)
    casus_instellingen(gemeente)
    return gemeente


def create_user(
    username: str, organisatie: Organisatie, rollen: list[str], password: str | None = None, **extra
) -> User:
    from regiekamer.accounts.roles import Rol

    # Entering the configuration admin needs is_staff; it follows the functioneel-beheerder role.
    extra.setdefault("is_staff", Rol.FUNCTIONEEL_BEHEERDER in rollen)
    user = User(username=username, organisatie=organisatie, rollen=list(rollen), **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user
