"""Reads of a user's own notifications."""

from regiekamer.notifications.models import Notificatie


def notificaties_van(user, limit: int = 200):
    return Notificatie.objects.filter(ontvanger=user).order_by("-aangemaakt_op")[:limit]


def ongelezen_aantal(user) -> int:
    return Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()
