"""Wie heeft dit dossier ingezien of gewijzigd: one employee's access log, as JSON and as CSV."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import access_log
from ..services.access_log import AccessLog, AccessLogQuery
from ..services.sessions import Principal
from .http import api_route, csv_download, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/employees/{employee_id}/access-log", role=_ROLE)
def get_access_log(employee_id: str, query: AccessLogQuery, principal: Principal) -> AccessLog:
    """Who viewed or changed this employee's dossier in the period, newest first: for a verzuimbeheerder."""
    return access_log.access_log(deps(), principal, employee_id, query)


@api_route(bp, "/api/employees/{employee_id}/access-log.csv", role=_ROLE, response=str, content_type="text/csv")
def export_access_log(employee_id: str, query: AccessLogQuery, principal: Principal) -> Response:
    """The same as a CSV file for Dutch Excel."""
    return csv_download(*access_log.access_log_csv(deps(), principal, employee_id, query))
