"""The answers that no route gives but the platform does: an unhandled exception, Chalice's own refusals
(405, 415, 400) and API Gateway's gateway responses (missing route, throttled, too large).

Every one is in the portal's shape, `{"error": "<code>", "message": "<Dutch sentence>"}`. Pure data, no
Chalice import: `infra/aws` renders the gateway responses from the same table.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlatformError:
    code: str
    status: int
    message: str

    def body(self, request_id: str) -> dict[str, str]:
        """The answer's body; `{request_id}` in the message names this request, for the secretariat."""
        return {"error": self.code, "message": self.message.replace("{request_id}", request_id)}


INTERNAL_ERROR = PlatformError(
    "internal_error", 500,
    "Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw. Blijft het misgaan, bel dan het "
    "secretariaat (0413-244211) en noem foutnummer {request_id}.")
METHOD_NOT_ALLOWED = PlatformError(
    "method_not_allowed", 405, "Deze actie kan op dit adres niet. Ga terug en probeer het opnieuw via het portaal.")
UNSUPPORTED_MEDIA_TYPE = PlatformError(
    "unsupported_media_type", 415, "Stuur het verzoek als JSON (Content-Type: application/json).")
BAD_REQUEST = PlatformError("bad_request", 400, "Het verzoek kon niet worden gelezen.")
ROUTE_NOT_FOUND = PlatformError("not_found", 404, "Dit adres bestaat niet in het portaal.")
THROTTLED = PlatformError("too_many_requests", 429, "Het is nu erg druk. Wacht even en probeer het opnieuw.")
TOO_LARGE = PlatformError("body_too_large", 413, "Het verzoek is te groot.")
ACCESS_DENIED = PlatformError("forbidden", 403, "U heeft geen toegang tot dit adres.")
UNAVAILABLE = PlatformError("unavailable", 503,
                            "Het portaal is even niet bereikbaar. Probeer het over een paar minuten opnieuw. "
                            "Blijft het misgaan, bel dan het secretariaat (0413-244211) en noem foutnummer "
                            "{request_id}.")
TIMEOUT = PlatformError("timeout", 504,
                        "Het portaal reageerde niet op tijd. Controleer of uw wijziging is opgeslagen en probeer "
                        "het anders opnieuw.")

CHALICE_CODES: dict[str, PlatformError] = {
    "MethodNotAllowedError": METHOD_NOT_ALLOWED,
    "UnsupportedMediaType": UNSUPPORTED_MEDIA_TYPE,
    "BadRequest": BAD_REQUEST,
    "BadRequestError": BAD_REQUEST,
    "NotFoundError": ROUTE_NOT_FOUND,
    "RequestTimeoutError": TIMEOUT,
    "TooManyRequestsError": THROTTLED,
    "InternalServerError": INTERNAL_ERROR,
}
"""Chalice's `{"Code", "Message"}` answers by their Code; any other Code becomes INTERNAL_ERROR."""

GATEWAY_RESPONSES: dict[str, PlatformError] = {
    "MISSING_AUTHENTICATION_TOKEN": ROUTE_NOT_FOUND,  # what API Gateway answers for an unknown path or method
    "RESOURCE_NOT_FOUND": ROUTE_NOT_FOUND,
    "THROTTLED": THROTTLED,
    "QUOTA_EXCEEDED": THROTTLED,
    "REQUEST_TOO_LARGE": TOO_LARGE,
    "UNSUPPORTED_MEDIA_TYPE": UNSUPPORTED_MEDIA_TYPE,
    "BAD_REQUEST_BODY": BAD_REQUEST,
    "BAD_REQUEST_PARAMETERS": BAD_REQUEST,
    "ACCESS_DENIED": ACCESS_DENIED,
    "WAF_FILTERED": ACCESS_DENIED,
    "INTEGRATION_TIMEOUT": TIMEOUT,
    "INTEGRATION_FAILURE": UNAVAILABLE,
    "DEFAULT_4XX": BAD_REQUEST,
    "DEFAULT_5XX": UNAVAILABLE,
}
"""API Gateway's own answers (they never reach the Lambda function), by gateway response type."""

ALL: tuple[PlatformError, ...] = (INTERNAL_ERROR, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, BAD_REQUEST,
                                  ROUTE_NOT_FOUND, THROTTLED, TOO_LARGE, ACCESS_DENIED, UNAVAILABLE, TIMEOUT)
