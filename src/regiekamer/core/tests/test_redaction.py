import logging

from django.test import RequestFactory

from regiekamer.core.redaction import BsnRedactingFilter, BsnSafeExceptionReporterFilter, redact_bsns


def test_valid_bsns_are_masked_other_numbers_kept():
    assert redact_bsns("persoon 111222333 belt 0612345678") == "persoon ********* belt 0612345678"
    assert redact_bsns("factuur 123456789") == "factuur 123456789"  # fails the elfproef: not a BSN


def test_log_records_are_redacted():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "zoek %s", ("111222333",), None)
    BsnRedactingFilter().filter(record)
    assert record.getMessage() == "zoek *********"


def test_error_reports_hide_bsn_fields():
    request = RequestFactory().post("/melden/", {"personen-0-bsn": "111222333", "omschrijving": "bsn 111222333"})
    request.sensitive_post_parameters = []
    cleaned = BsnSafeExceptionReporterFilter().get_post_parameters(request)
    assert "111222333" not in str(dict(cleaned))
