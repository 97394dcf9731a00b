"""Domain errors: a stable code and a Dutch sentence for the user. `api/` maps each class to an HTTP status."""
from __future__ import annotations


class DomainError(Exception):
    code = "error"
    message = "Er ging iets mis. Probeer het later opnieuw."

    def __init__(self, message: str | None = None, *, code: str | None = None, field: str | None = None):
        self.message = message or self.message
        self.code = code or self.code
        self.field = field
        super().__init__(self.code)


class InvalidInput(DomainError):
    """A value breaks a rule (422); `field` names the input. `errors` holds every field's error of the request
    (this one alone unless made by `every`); code, message and field are those of the first."""
    code = "invalid_input"
    message = "Deze invoer is niet geldig."

    def __init__(self, message: str | None = None, *, code: str | None = None, field: str | None = None):
        super().__init__(message, code=code, field=field)
        self.errors: tuple[InvalidInput, ...] = (self,)

    @classmethod
    def every(cls, problems: list[InvalidInput]) -> InvalidInput:
        """One error for the problems of several fields (at least one), in the order found."""
        first = problems[0]
        combined = cls(first.message, code=first.code, field=first.field)
        combined.errors = tuple(error for problem in problems for error in problem.errors)
        return combined


class MalformedRequest(DomainError):
    """The request itself cannot be read: not JSON, wrong type (400)."""
    code = "malformed_request"
    message = "Het verzoek kon niet worden gelezen."


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    message = "Gebruikersnaam of wachtwoord onjuist."


class InvalidCode(DomainError):
    code = "invalid_code"
    message = "De beveiligingscode is onjuist. Controleer de code en probeer het opnieuw."


class AccountBlocked(DomainError):
    code = "account_blocked"


class Expired(DomainError):
    """A time-bound thing (code, login attempt, invitation) is no longer valid (410)."""
    code = "expired"
    message = "Deze link of code is niet meer geldig."


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    message = "U bent niet ingelogd. Log in om verder te gaan."


class Forbidden(DomainError):
    code = "forbidden"
    message = "U heeft geen toegang tot deze functie."


class NotFound(DomainError):
    code = "not_found"
    message = "Niet gevonden."


class Conflict(DomainError):
    code = "conflict"
    message = "Dit kan nu niet: de gegevens zijn intussen gewijzigd."


class RateLimited(DomainError):
    """Too many requests of one kind; the message says when to try again (429)."""
    code = "rate_limited"
    message = "U heeft dit te vaak geprobeerd. Probeer het later opnieuw."


class SmsLimited(RateLimited):
    """The SMS budget (domain/sms_budget.py) has no room for this SMS; nothing was sent (429)."""
    code = "sms_limited"


class Unavailable(DomainError):
    """A service the portal needs failed or is busy; nothing of this request was kept that a retry would double
    (503, with Retry-After in seconds)."""
    code = "unavailable"
    message = "Het portaal is even niet bereikbaar. Probeer het over een paar minuten opnieuw."

    def __init__(self, message: str | None = None, *, code: str | None = None, field: str | None = None,
                 retry_after: int = 60):
        super().__init__(message, code=code, field=field)
        self.retry_after = retry_after


class DeliveryFailed(DomainError):
    """An SMS or email could not be sent; nothing was changed (502)."""
    code = "delivery_failed"
