"""Wie heeft dit dossier ingezien of gewijzigd: one employee's access log, as JSON and as CSV."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import access_log
from ..services.access_log import AccessLog, AccessLogQuery
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER
_NOT_CACHED = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@api_route(bp, "/api/employees/{employee_id}/access-log", role=_ROLE)
def get_access_log(employee_id: str, query: AccessLogQuery, principal: Principal) -> AccessLog:
    """Who viewed or changed this employee's dossier in the period, newest first: for a verzuimbeheerder."""
    return access_log.access_log(deps(), principal, employee_id, query)


@api_route(bp, "/api/employees/{employee_id}/access-log.csv", role=_ROLE, response=str, content_type="text/csv")
def export_access_log(employee_id: str, query: AccessLogQuery, principal: Principal) -> Response:
    """The same as a CSV file for Dutch Excel."""
    name, text = access_log.access_log_csv(deps(), principal, employee_id, query)
    return Response(body=text, status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": f'attachment; filename="{name}"',
        **_NOT_CACHED})
