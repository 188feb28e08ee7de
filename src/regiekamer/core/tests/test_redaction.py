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


def test_source_values_read_as_dutch():
    from django.utils import translation

    from regiekamer.core.templatetags.rk import bronwaarde, masked_bsn

    with translation.override("nl"):
        assert bronwaarde("1980-05-01") == "1 mei 1980"
        assert bronwaarde("1980-13-01") == "1980-13-01"  # not a date: as it is
        assert bronwaarde(True) == "ja" and bronwaarde(False) == "nee"
        assert bronwaarde(["a", "2001-02-03"]) == "a, 3 februari 2001"
        assert bronwaarde(12) == 12
    assert masked_bsn("111222333") == "•••••2333" and masked_bsn("") == ""
