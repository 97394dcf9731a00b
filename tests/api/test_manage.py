"""manage.py: the secretariat's command line does what the admin pages do."""
from __future__ import annotations

import manage
from chalicelib import store


def test_create_secretariat_invites_a_secretariat_account(deps, outbox, capsys):
    code = manage.main(["create-secretariat", "--name", "Sanne Smit", "--email", "sanne@deverzuimmakelaar.nl"])

    assert code == 0
    assert "gebruikersnaam: ssmit" in capsys.readouterr().out
    user = store.users.find_by_username("ssmit")
    assert user.role == "secretariaat" and user.status == "invited"
    assert outbox.emails("sanne@deverzuimmakelaar.nl")[-1].subject == "Uw uitnodiging voor Verzuimportaal"


def test_invite_and_list_users_of_an_employer(deps, employer, capsys):
    manage.main(["invite", "--name", "Karel Kok", "--email", "karel@jansen.nl", "--employer", employer["employer_id"]])

    capsys.readouterr()

    manage.main(["list-users", employer["employer_id"]])

    assert capsys.readouterr().out.split() == ["kkok", "invited", "Karel", "Kok"]


def test_unlock_by_username(deps, werkgever, capsys):
    for _ in range(5):
        store.users.record_failure(werkgever.user_id, 5)

    assert manage.main(["unlock", "wjansen"]) == 0

    assert store.users.get(werkgever.user_id).failed_count == 0
    assert '"status": "active"' in capsys.readouterr().out


def test_refusal_is_explained_and_exits_non_zero(deps, werkgever, capsys):
    code = manage.main(["resend-invitation", "wjansen"])

    assert code == 1
    assert "Niet gelukt: Deze gebruiker heeft het account al geactiveerd." in capsys.readouterr().err


def test_reset_phone_and_create_employer(deps, werkgever, capsys):
    manage.main(["reset-phone", "wjansen", "06 87654321"])
    manage.main(["create-employer", "Nieuwe Werkgever BV"])

    assert store.users.get(werkgever.user_id).phone_pending == "+31687654321"
    assert "Nieuwe Werkgever BV" in capsys.readouterr().out


def test_grant_and_revoke_access_to_a_second_employer(deps, werkgever, capsys):
    from chalicelib.services import admin, environments

    other = admin.create_employer(deps, "Tweede Werkgever BV")

    assert manage.main(["grant-access", "wjansen", other["employer_id"]]) == 0
    assert "Tweede Werkgever BV" in capsys.readouterr().out
    assert other["employer_id"] in environments.employer_ids(werkgever)
    assert manage.main(["grant-access", "wjansen", other["employer_id"]]) == 1
    assert "heeft al toegang" in capsys.readouterr().err

    assert manage.main(["revoke-access", "wjansen", other["employer_id"]]) == 0
    assert environments.employer_ids(werkgever) == [werkgever.employer_id]
