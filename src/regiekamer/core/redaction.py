"""Keep BSNs out of logs and error reports.

Any 9-digit number that passes the elfproef is masked in log records; POST parameters whose name
mentions a BSN are hidden from Django's error reports.
"""

import logging
import re

from django.views.debug import SafeExceptionReporterFilter
from stdnum.nl import bsn as bsn_number

# Nine digits, possibly grouped with dots or spaces as people write BSNs (e.g. 1112.22.333).
NINE_DIGITS = re.compile(r"(?<![\d.])(\d(?:[ .]?\d){8})(?![\d])")
MASK = "*********"


def redact_bsns(text: str) -> str:
    def mask(match):
        digits = re.sub(r"[ .]", "", match.group(1))
        return MASK if bsn_number.is_valid(digits) else match.group(1)

    return NINE_DIGITS.sub(mask, text)


class BsnRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_bsns(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class BsnSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|BSN", flags=re.IGNORECASE)

    def get_post_parameters(self, request):
        parameters = super().get_post_parameters(request)
        if request is None:
            return parameters
        cleansed = parameters.copy()
        for name in list(cleansed):
            if "bsn" in name.lower():
                cleansed[name] = self.cleansed_substitute
            else:
                values = cleansed.getlist(name) if hasattr(cleansed, "getlist") else [cleansed[name]]
                redacted = [redact_bsns(str(value)) for value in values]
                if hasattr(cleansed, "setlist"):
                    cleansed.setlist(name, redacted)
                else:
                    cleansed[name] = redacted[0]
        return cleansed
