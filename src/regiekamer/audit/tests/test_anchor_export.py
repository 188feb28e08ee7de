"""The chain head anchored outside the database, and the export of one gemeente."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regiekamer.audit import services
from regiekamer.audit.models import Ketenkop, Verwerking

pytestmark = pytest.mark.django_db


def _entries(user, count, start=0):
    for index in range(start, start + count):
        services.log(user, "lezen", "test", "signaal", [f"00000000-0000-0000-0000-{index:012d}"])


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue() + err.getvalue()


def rewrite_chain_consistently():
    """A forger with database access: change an entry, then recompute every hash and the chain head, so the
    chain is internally consistent again."""
    previous = ""
    for entry in Verwerking.objects.order_by("volgnummer"):
        if entry.volgnummer == 2:
            entry.gebruiker = "iemand-anders"
        entry.vorige_hash = previous
        entry.hash = entry.compute_hash()
        Verwerking.objects.filter(pk=entry.pk).update(
            gebruiker=entry.gebruiker, vorige_hash=entry.vorige_hash, hash=entry.hash
        )
        previous = entry.hash
    Ketenkop.objects.filter(pk=1).update(laatste_hash=previous)


def test_anchor_appends_the_head_as_a_json_line(tenant, tmp_path):
    path = tmp_path / "worm" / "ankers.jsonl"
    _entries(tenant.regisseur, 3)
    code, output = run("anchor", "--file", str(path))
    assert code == 0
    _entries(tenant.regisseur, 2, start=3)
    run("anchor", "--file", str(path))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["volgnummer"] for line in lines] == [3, 5]
    head = Verwerking.objects.get(volgnummer=5)
    assert lines[1]["hash"] == head.hash and lines[1]["id"] == head.pk
    assert lines[1]["tijdstip"] == head.tijdstip.isoformat() and lines[1]["verankerd_op"]
    # The printed line is the anchor too, so it can be shipped elsewhere from stdout.
    assert json.loads(output.splitlines()[0])["volgnummer"] == 3


def test_anchor_defaults_to_the_data_dir(tenant, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    _entries(tenant.regisseur, 1)
    run("anchor")
    assert json.loads((tmp_path / "audit-ankers.jsonl").read_text())["volgnummer"] == 1


def test_anchor_to_stdout_only_writes_no_file(tenant, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    _entries(tenant.regisseur, 2)
    code, output = run("anchor", "--file", "-")
    assert code == 0 and json.loads(output)["volgnummer"] == 2
    assert not (tmp_path / "audit-ankers.jsonl").exists()


def test_consistent_rewrite_passes_plain_verify_but_not_the_anchors(tenant, tmp_path):
    path = tmp_path / "ankers.jsonl"
    _entries(tenant.regisseur, 3)
    run("anchor", "--file", str(path))
    _entries(tenant.regisseur, 2, start=3)
    run("anchor", "--file", str(path))
    assert run("verify", "--anchors", str(path))[0] == 0

    rewrite_chain_consistently()

    code, output = run("verify")
    assert code == 0 and output.startswith("OK: 5 entries")
    code, output = run("verify", "--anchors", str(path))
    assert code == 1
    # The first anchor (line 1, entry 3) no longer matches: the message names it.
    assert "anker op regel 1 (volgnummer 3" in output and "hash klopt niet" in output


def test_anchors_of_a_chain_that_only_grew_pass(tenant, tmp_path):
    path = tmp_path / "ankers.jsonl"
    run("anchor", "--file", str(path))  # an empty chain: volgnummer 0
    _entries(tenant.regisseur, 2)
    run("anchor", "--file", str(path))
    _entries(tenant.regisseur, 4, start=2)
    code, output = run("verify", "--anchors", str(path))
    assert code == 0
    assert output.splitlines()[0] == "OK: 6 entries, 2 ankers in orde"


def test_anchored_entry_removed_with_a_shorter_rewritten_chain_fails(tenant, tmp_path):
    path = tmp_path / "ankers.jsonl"
    _entries(tenant.regisseur, 4)
    run("anchor", "--file", str(path))
    # Drop the last two entries and move the head back: plain verify cannot tell.
    Verwerking.objects.filter(volgnummer__gt=2).delete()
    Ketenkop.objects.filter(pk=1).update(laatste_volgnummer=2, laatste_hash=Verwerking.objects.get(volgnummer=2).hash)
    assert run("verify")[0] == 0
    code, output = run("verify", "--anchors", str(path))
    assert code == 1 and "volgnummer 4" in output and "ontbreekt" in output


def test_missing_anchor_file_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--anchors", str(tmp_path / "nergens.jsonl"))


def test_export_per_gemeente(tenant, other_tenant):
    _entries(tenant.regisseur, 2)
    _entries(other_tenant.regisseur, 3, start=2)
    out = StringIO()
    call_command("audit", "export", "--gemeente", other_tenant.gemeente.cbs_code.lower(), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 3
    assert {line["gebruiker"] for line in lines} == {other_tenant.regisseur.username}
    everything = StringIO()
    call_command("audit", "export", stdout=everything)
    assert len(everything.getvalue().splitlines()) == 5


@pytest.mark.parametrize("code", ["GM9999", "0363", "GM03633", "Amsterdam"])
def test_export_refuses_an_unknown_or_malformed_code(tenant, code):
    with pytest.raises(CommandError):
        call_command("audit", "export", "--gemeente", code, stdout=StringIO())
