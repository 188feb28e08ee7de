from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

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


def mark_read(user, notificatie_id) -> bool:
    """Mark one of the user's own notifications as read. False when it is not theirs (or unknown)."""
    updated = Notificatie.objects.filter(ontvanger=user, pk=notificatie_id, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )
    return updated > 0 or Notificatie.objects.filter(ontvanger=user, pk=notificatie_id).exists()
