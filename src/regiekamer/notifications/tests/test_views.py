import pytest
from django.urls import reverse

from regiekamer.notifications.models import Notificatie
from regiekamer.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_unread_count_in_header_and_mark_as_read(client, tenant):
    user = tenant.regisseur
    notificatie = notify(user, "Nieuw signaal S2025-00001 over uw fenomeen", "Er is een nieuw signaal.", "/signalen/")
    notify(tenant.analist, "Voor een ander")
    client.force_login(user)
    html = client.get(reverse("notificaties")).content.decode()
    assert "Notificaties (1" in html
    assert "Nieuw signaal S2025-00001" in html and "Voor een ander" not in html
    response = client.post(reverse("notificatie-gelezen", args=[notificatie.pk]))
    assert response.status_code == 302
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is not None
    assert "Notificaties (0" in client.get(reverse("notificaties")).content.decode()


def test_cannot_mark_someone_elses_notification(client, tenant):
    other = notify(tenant.analist, "Niet van u")
    client.force_login(tenant.regisseur)
    assert client.post(reverse("notificatie-gelezen", args=[other.pk])).status_code == 404
    assert Notificatie.objects.get(pk=other.pk).gelezen_op is None
