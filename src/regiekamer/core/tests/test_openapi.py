"""The OpenAPI document is generated without warnings or errors and documents both ways to authenticate."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", file=str(target), stderr=io.StringIO())
    schema = target.read_text()
    assert "tokenAuth:" in schema and "cookieAuth:" in schema
    assert "WeergaveEnum:" in schema and "GedeeldeCategorieEnum:" in schema
