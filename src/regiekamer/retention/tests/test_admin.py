import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from regiekamer.accounts.tests.test_views import _admin_request, beheerder
from regiekamer.retention import services
from regiekamer.retention.admin import BewaartermijnAdmin
from regiekamer.retention.models import Bewaartermijn

pytestmark = pytest.mark.django_db


def test_beheerder_configures_the_terms_of_the_own_gemeente_only(client, tenant, other_tenant):
    user = beheerder(tenant)
    mine = services.bewaartermijn(tenant.gemeente)
    theirs = services.bewaartermijn(other_tenant.gemeente)
    admin = BewaartermijnAdmin(Bewaartermijn, site)
    assert list(admin.get_queryset(_admin_request(user))) == [mine]
    assert not admin.has_add_permission(_admin_request(user))  # one row per gemeente, already there

    client.force_login(user)
    url = reverse("admin:retention_bewaartermijn_change", args=[mine.pk])
    response = client.post(url, {"signaal_dagen": 365, "casus_dagen": 3650})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.signaal_dagen, mine.casus_dagen, mine.gemeente) == (365, 3650, tenant.gemeente)
    other_url = reverse("admin:retention_bewaartermijn_change", args=[theirs.pk])
    assert client.get(other_url).status_code == 302  # not found → back to the index
