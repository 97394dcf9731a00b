"""Rapportages of the signed-in employer: the absence figures as JSON, a chart (SVG) and a CSV export."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import reports
from ..services.reports import ChartQuery, Report, ReportQuery
from ..services.sessions import Principal
from .http import api_route, csv_download, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER
_NOT_CACHED = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@api_route(bp, "/api/reports", role=_ROLE)
def report(query: ReportQuery, principal: Principal) -> Report:
    """The four absence figures of the period and of each of its months."""
    return reports.report(deps(), principal, query)


@api_route(bp, "/api/reports/chart.svg", role=_ROLE, response=str, content_type="image/svg+xml")
def chart(query: ChartQuery, principal: Principal) -> Response:
    """The verzuimpercentage per month as an SVG bar chart; `weergave=smal` draws it for a phone."""
    svg = reports.chart_svg(deps(), principal, query)
    # Opened on its own, the image may not run or fetch anything.
    return Response(body=svg, status_code=200, headers={
        "Content-Type": "image/svg+xml; charset=utf-8", "Content-Security-Policy": "default-src 'none'",
        **_NOT_CACHED})


@api_route(bp, "/api/reports/export.csv", role=_ROLE, response=str, content_type="text/csv")
def export(query: ReportQuery, principal: Principal) -> Response:
    """The figures per month and for the period as a CSV file for Dutch Excel."""
    return csv_download(*reports.export_csv(deps(), principal, query))
