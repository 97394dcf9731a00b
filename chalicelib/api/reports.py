"""Rapportages of the signed-in employer: the absence figures as JSON, a chart (SVG) and a CSV export."""
from __future__ import annotations

from chalice import Blueprint, Response
from chalice.app import Request

from ..domain.accounts import Role
from ..services import reports
from .http import api_route, deps, json_response, require_session

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER.value
_NOT_CACHED = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@api_route(bp, "/api/reports")
def report() -> Response:
    request = bp.current_request
    principal = require_session(request, role=_ROLE)
    return json_response(reports.report(deps(), principal, *_period(request)))


@api_route(bp, "/api/reports/chart.svg")
def chart() -> Response:
    request = bp.current_request
    principal = require_session(request, role=_ROLE)
    svg = reports.chart_svg(deps(), principal, *_period(request))
    # Opened on its own, the image may not run or fetch anything.
    return Response(body=svg, status_code=200, headers={
        "Content-Type": "image/svg+xml; charset=utf-8", "Content-Security-Policy": "default-src 'none'",
        **_NOT_CACHED})


@api_route(bp, "/api/reports/export.csv")
def export() -> Response:
    request = bp.current_request
    principal = require_session(request, role=_ROLE)
    name, text = reports.export_csv(deps(), principal, *_period(request))
    return Response(body=text, status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": f'attachment; filename="{name}"',
        **_NOT_CACHED})


def _period(request: Request) -> tuple[str | None, str | None]:
    """`van` and `tot` (yyyy-mm) from the query string; absent or empty means the default."""
    params = request.query_params or {}
    return params.get("van") or None, params.get("tot") or None
