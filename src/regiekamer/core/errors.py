"""Domain errors raised by the service layer; views show them as messages, the API as problems."""


class DomainError(Exception):
    status_code = 400
    code = "ongeldig"
    title = "Ongeldige handeling."

    def __init__(self, message: str, invalid_params: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.invalid_params = invalid_params or []


class InvalidInput(DomainError):
    """A field value breaks a rule; ``invalid_params`` names the fields."""

    status_code = 400
    code = "ongeldige-invoer"
    title = "Ongeldige invoer."

    @classmethod
    def field(cls, name: str, reason: str, code: str = "invalid") -> "InvalidInput":
        return cls(reason, [{"name": name, "code": code, "reason": reason}])


class TransitionRefused(DomainError):
    """The protocol does not allow this step now (out of order, already decided, ...)."""

    status_code = 409
    code = "stap-niet-toegestaan"
    title = "Deze stap is nu niet toegestaan."


class NotAllowed(DomainError):
    status_code = 403
    code = "geen-toegang"
    title = "Geen toegang."
