"""Building blocks shared by all domains."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TenantQuerySet(models.QuerySet):
    def for_gemeente(self, gemeente):
        return self.filter(gemeente=gemeente)


class TenantModel(models.Model):
    """A record that belongs to exactly one gemeente (tenant).

    Selectors always filter on ``gemeente``; nothing reads across tenants.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
