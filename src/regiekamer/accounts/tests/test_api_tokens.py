import pytest
from django.core.management import CommandError, call_command

from regiekamer.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue()


def test_list_prints_id_name_gemeente_with_the_first_gemeente_first(tenant, other_tenant):
    lines = run("--list").strip().splitlines()
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 3 for row in rows)
    assert rows[0][2] == tenant.gemeente.naam
    assert [row[1] for row in rows if row[2] == other_tenant.gemeente.naam]
    assert {row[0] for row in rows} >= {str(tenant.politie.pk), str(other_tenant.politie.pk)}


def test_token_for_organisation_by_name_or_id(tenant):
    raw = run(tenant.politie.naam).strip()
    token = ApiToken.find_active(raw)
    assert token.organisatie == tenant.politie and token.user is None
    raw_by_id = run(str(tenant.politie.pk)).strip()
    assert raw_by_id != raw and ApiToken.find_active(raw_by_id).organisatie == tenant.politie


def test_personal_token(tenant):
    raw = run("--user", tenant.regisseur.username).strip()
    assert ApiToken.find_active(raw).user == tenant.regisseur


def test_revoke_by_prefix(tenant):
    raw = run(tenant.politie.naam).strip()
    run(f"--revoke={raw[:8]}")  # a token may start with "-", which argparse would take for an option
    assert ApiToken.find_active(raw) is None


def test_unknown_organisation_or_user_is_an_error(tenant):
    with pytest.raises(CommandError):
        run("Bestaat Niet")
    with pytest.raises(CommandError):
        run("--user", "niemand")
