"""Reads for the Rapportages: every absence of one employer, for the absence figures."""
from __future__ import annotations

from .models import Absence

# Only what the figures need: no contact details or notes are read for a report.
_FIGURE_ATTRIBUTES = ["employer_id", "absence_id", "employee_id", "first_sick_day", "recovered_on", "steps"]


def absences_of_employer(employer_id: str) -> list[Absence]:
    """Every absence of the employer, open and closed: one Query on the absences table's partition (paged)."""
    return list(Absence.query(employer_id, attributes_to_get=_FIGURE_ATTRIBUTES))
