"""System checks: encryption keys kept in the data folder in production, ordering on encrypted fields."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import models
from django.test.utils import isolate_apps

from regiekamer.core import checks
from regiekamer.core.fields import EncryptedTextField


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.fixture
def production_keys_from_file(settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    settings.ENCRYPTION_KEYS_FROM_FILE = True
    return settings


def test_keys_from_the_data_folder_are_a_deploy_error_in_production(production_keys_from_file):
    assert ids(checks.encryption_keys_deploy()) == ["core.E001"]
    with pytest.raises(SystemCheckError, match="core.E001"):
        call_command("check", "--deploy", "--tag", "security", stdout=io.StringIO(), stderr=io.StringIO())


def test_keys_from_the_data_folder_are_a_warning_in_normal_checks(production_keys_from_file):
    assert ids(checks.encryption_keys()) == ["core.W001"]
    assert "core.E001" not in ids(checks.encryption_keys())
    out = io.StringIO()
    call_command("check", "--tag", "security", stdout=out, stderr=out)  # a warning does not fail the check
    assert "core.W001" in out.getvalue() and "core.E001" not in out.getvalue()


@pytest.mark.parametrize("flag", ["DEBUG", "DEMO_MODE"])
def test_keys_from_the_data_folder_are_fine_in_debug_or_demo(production_keys_from_file, flag):
    setattr(production_keys_from_file, flag, True)
    assert checks.encryption_keys_deploy() == [] and checks.encryption_keys() == []


def test_keys_from_the_environment_pass(production_keys_from_file):
    production_keys_from_file.ENCRYPTION_KEYS_FROM_FILE = False
    assert checks.encryption_keys_deploy() == [] and checks.encryption_keys() == []


def test_settings_record_that_test_keys_come_from_files(settings):
    assert settings.ENCRYPTION_KEYS_FROM_FILE is True


@isolate_apps("regiekamer.core")
def test_default_ordering_on_an_encrypted_field_is_an_error():
    class Geordend(models.Model):
        notitie = EncryptedTextField()
        op = models.DateTimeField()

        class Meta:
            app_label = "core"
            ordering = ["-notitie", "op"]

        def __str__(self):
            return str(self.op)

    class Config:
        def get_models(self):
            return [Geordend]

    errors = checks.no_ordering_on_encrypted_fields([Config()])
    assert ids(errors) == ["core.E002"] and "-notitie" in errors[0].msg


def test_no_model_of_the_project_orders_on_an_encrypted_field():
    assert checks.no_ordering_on_encrypted_fields() == []
