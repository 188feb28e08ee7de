import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notificatie(models.Model):
    """A message in the app for one user. The text never holds personal data: it points to the record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaties")
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.onderwerp
