"""Without demo data (a separate module: ``test_seed_demo`` keeps its demo for the whole module)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regiekamer.accounts.models import Gemeente


@pytest.mark.django_db
def test_accounts_only_without_demo_data_says_so_and_creates_nothing():
    out = io.StringIO()
    call_command("seed_demo", accounts_only=True, stdout=out)
    assert "No demo data found" in out.getvalue()
    assert not Gemeente.objects.exists()


@pytest.mark.django_db
def test_outside_demo_mode_nothing_is_created_without_force(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published passwords"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Gemeente.objects.exists()


@pytest.mark.django_db
def test_invalid_options_are_refused(settings):
    settings.DEMO_MODE = True
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", scale=0, stdout=io.StringIO())
    assert not Gemeente.objects.exists()
