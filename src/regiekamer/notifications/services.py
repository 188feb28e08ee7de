from django.core.mail import send_mail
from django.db import transaction

from regiekamer.notifications.models import Notificatie


def notify(ontvanger, onderwerp: str, tekst: str = "", link: str = "") -> Notificatie:
    """Notify a user in the app and by e-mail (after the transaction commits, so nothing is sent
    for work that is rolled back). Texts carry no personal data."""
    notificatie = Notificatie.objects.create(ontvanger=ontvanger, onderwerp=onderwerp, tekst=tekst, link=link)
    if ontvanger.email:
        transaction.on_commit(
            lambda: send_mail(
                f"[Regiekamer] {onderwerp}", f"{tekst}\n\n{link}".strip(), None, [ontvanger.email], fail_silently=True
            )
        )
    return notificatie
