"""The password policy applied to a real user: their own words (name, email, employer) are refused too."""
from __future__ import annotations

from .. import store
from ..domain import accounts
from ..domain.passwords import PasswordContext, check_password
from ..store import records


def check_for(user: records.User, password: str) -> None:
    """InvalidInput (field `password`) when `password` breaks the policy for this user."""
    employer = store.employers.get(user.employer_id) if user.role == accounts.Role.WERKGEVER.value else None
    check_password(password, PasswordContext(username=user.username, name=user.name, email=user.email,
                                             employer_name=employer.name if employer else ""))
