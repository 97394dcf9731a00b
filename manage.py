#!/usr/bin/env python3
"""Secretariat and ops commands. Acts on AWS (usual credentials and region) or, with --local,
on the running local stand-in (`make run`). Run `python manage.py --help`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo


def _configure(args: argparse.Namespace) -> None:
    """Set the environment before chalicelib is imported: settings are read once."""
    if args.local:
        portal_url, moto_url = _local_stand_in(args)
        os.environ.update({"AWS_ENDPOINT_URL": moto_url, "VP_LOCAL_MODE": "1", "STAGE": "local",
                           "TABLE_PREFIX": "verzuimportaal-local", "PORTAL_URL": portal_url})
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            os.environ.setdefault(name, "testing")
        os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    else:
        from infra.aws.stages import STAGES  # the deployed stage's settings (no CDK import)

        stage = STAGES[args.stage]
        for name, value in {**stage.environment(), "AWS_DEFAULT_REGION": stage.region}.items():
            os.environ.setdefault(name, value)
        if "DOCUMENTS_BUCKET" not in os.environ:  # named by the account (purge-retention deletes documents)
            import boto3

            account = boto3.client("sts", region_name=stage.region).get_caller_identity()["Account"]
            os.environ["DOCUMENTS_BUCKET"] = stage.documents_bucket(account)
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")


def _local_stand_in(args: argparse.Namespace) -> tuple[str, str]:
    """The running stand-in's portal and moto URLs: the one named by --port, or the only one running
    (each `make run` notes its addresses, whatever its PORT); --moto-url bypasses the search."""
    if args.moto_url:
        return os.environ.get("PORTAL_URL", "http://localhost:8000"), args.moto_url
    from infra.local import registry  # standard library only: no moto, no chalicelib

    try:
        stand_in = registry.find(args.port)
    except registry.NotFound as error:
        raise SystemExit(str(error)) from None
    return stand_in.url, stand_in.moto_url


def _user_id(deps, ref: str) -> str:
    """Accept a username or a user id."""
    from chalicelib import store

    user = store.users.find_by_username(ref) or store.users.get(ref)
    if user is None:
        raise SystemExit(f"Gebruiker '{ref}' niet gevonden.")
    return user.user_id


def _print_user(user: Mapping[str, object]) -> None:
    print(json.dumps(user, ensure_ascii=False, indent=2))


def _import_verzuimdesk(deps, args: argparse.Namespace) -> None:
    """Import, write the report, print the counts per file (they add up to the rows read)."""
    from pathlib import Path

    from chalicelib.services import importing

    directory = Path(args.directory)
    report = importing.import_verzuimdesk(deps, args.employer, importing.load_export(directory),
                                          dry_run=args.dry_run)
    started = datetime.now(ZoneInfo("Europe/Amsterdam"))  # the secretariat's clock, whatever the machine's
    path = Path(args.report) if args.report else directory / f"importrapport-{started:%Y%m%d-%H%M%S}.csv"
    path.write_bytes(report.to_csv())
    labels = importing.DRY_RUN_LABELS if report.dry_run else importing.OUTCOME_LABELS

    def counted(file: str | None = None) -> str:
        counts = report.counts(file)
        return ", ".join(f"{counts[outcome]} {labels[outcome]}" for outcome in labels)

    print(f"Werkgever: {report.employer_name} ({report.employer_id})")
    for summary in report.files:
        print(f"{summary.file} ({summary.encoding}, scheidingsteken '{summary.delimiter}'): "
              f"{report.rows_read(summary.file)} regels gelezen: {counted(summary.file)}")
        if summary.ignored_columns:
            print(f"  genegeerde kolommen (niet geïmporteerd): {', '.join(summary.ignored_columns)}")
        if summary.forbidden_columns:
            print(f"  kolommen die niet mogen worden vastgelegd (AVG): {', '.join(summary.forbidden_columns)}; "
                  "regels met een waarde daarin zijn geweigerd")
    if report.departments_added:
        made = "worden aangemaakt" if report.dry_run else "aangemaakt"
        print(f"Afdelingen en teams {made}: {', '.join(report.departments_added)}")
    print(f"Totaal: {report.rows_read()} regels gelezen: {counted()}.")
    if report.dry_run:
        print("Proefdraai: er is niets opgeslagen.")
    elif not report.counts()[importing.IMPORTED]:
        print("Er is niets gewijzigd: alles uit deze export staat er al (of is geweigerd).")
    else:
        print(f"Open Poortwachter-taken toegevoegd: {report.open_tasks_added}.")
    print(f"Rapport: {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verzuimportaal: beheer door het secretariaat en ops.")
    parser.add_argument("--local", action="store_true", help="werk op de lokale stand-in (make run)")
    parser.add_argument("--port", type=int, help="poort van de stand-in, als er meer dan één draait (met --local)")
    parser.add_argument("--moto-url", help="AWS-endpoint van de stand-in, in plaats van zoeken (met --local)")
    parser.add_argument("--stage", default="dev", choices=["dev", "prod"], help="AWS-omgeving (zonder --local)")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("list-employers", help="alle werkgevers")
    c = commands.add_parser("create-employer", help="werkgever aanmaken")
    c.add_argument("name")
    c = commands.add_parser("list-users", help="gebruikers van een werkgever met hun status")
    c.add_argument("employer_id", help="werkgever-id, of 'secretariaat' voor het secretariaat")
    for name, text in (("invite", "gebruiker uitnodigen"), ("create-secretariat", "secretariaatsaccount uitnodigen")):
        c = commands.add_parser(name, help=text)
        c.add_argument("--name", required=True)
        c.add_argument("--email", required=True)
        c.add_argument("--phone", help="mobiel nummer (optioneel)")
        if name == "invite":
            c.add_argument("--employer", required=True, help="werkgever-id")
    for name, text in (("resend-invitation", "uitnodiging opnieuw versturen"), ("unlock", "account deblokkeren"),
                       ("deactivate", "account deactiveren"), ("reactivate", "gedeactiveerd account heractiveren"),
                       ("show-user", "gebruiker tonen")):
        c = commands.add_parser(name, help=text)
        c.add_argument("user", help="gebruikersnaam of gebruikers-id")
    c = commands.add_parser("reset-phone", help="mobiel nummer resetten (bevestiging per SMS bij volgende login)")
    c.add_argument("user", help="gebruikersnaam of gebruikers-id")
    c.add_argument("phone")
    c = commands.add_parser("send-digest", help="wekelijkse e-mail over open taken versturen (zelfde code als in AWS)")
    c.add_argument("--week", help="ISO-week, bijvoorbeeld 2026-W48 (standaard: deze week)")
    c.add_argument("--dry-run", action="store_true", help="alleen tellen wie een e-mail zou krijgen; niets versturen")
    c = commands.add_parser("set-retention", help="eigenrisicodragerschap van een werkgever (langere bewaartermijnen)")
    c.add_argument("employer_id", help="werkgever-id")
    c.add_argument("--eigenrisicodrager-zw", choices=["ja", "nee"], help="eigenrisicodrager Ziektewet (5 jaar)")
    c.add_argument("--eigenrisicodrager-wga", choices=["ja", "nee"], help="eigenrisicodrager WGA (10 jaar)")
    commands.add_parser("purge-retention", help="verlopen gegevens verwijderen (de dagelijkse taak, nu)")
    commands.add_parser("rebuild-user-search", help="zoeksleutels van alle gebruikers (opnieuw) schrijven, voor "
                                                    "'Gebruiker zoeken' (leest de hele gebruikerstabel: eenmalig)")
    commands.add_parser("rebuild-employee-search", help="zoek- en naamsleutels van alle medewerkers (opnieuw) "
                                                        "schrijven, voor 'Dossier zoeken' en 'Medewerkers' (eenmalig)")
    c = commands.add_parser("import-verzuimdesk", help="VerzuimDesk-export importeren (docs/import.md)")
    c.add_argument("directory", help="map met medewerkers.csv en/of verzuim.csv")
    c.add_argument("--employer", required=True, help="werkgever-id")
    c.add_argument("--dry-run", action="store_true", help="alleen controleren en rapporteren; niets opslaan")
    c.add_argument("--report", help="rapport (CSV); standaard importrapport-<datum>-<tijd>.csv in de map")
    for name, text in (("grant-access", "gebruiker toegang geven tot nog een werkgever (extra omgeving)"),
                       ("revoke-access", "toegang tot een extra werkgever intrekken")):
        c = commands.add_parser(name, help=text)
        c.add_argument("user", help="gebruikersnaam of gebruikers-id")
        c.add_argument("employer_id", help="werkgever-id")

    args = parser.parse_args(argv)
    _configure(args)

    from chalicelib.domain.accounts import SECRETARIAT_SCOPE, Role
    from chalicelib.domain.errors import DomainError
    from chalicelib.services import admin, digest, environments, invitations, retention
    from chalicelib.services.deps import default_deps

    deps = default_deps()
    try:
        if args.command == "list-employers":
            for employer in admin.list_employers(deps):
                print(f"{employer['employer_id']}  {employer['name']}")
        elif args.command == "create-employer":
            print(json.dumps(admin.create_employer(deps, args.name), ensure_ascii=False))
        elif args.command == "list-users":
            for user in admin.list_users(deps, args.employer_id):
                print(f"{user['username']:<20} {user['status']:<12} {user['name']}")
        elif args.command in ("invite", "create-secretariat"):
            secretariat = args.command == "create-secretariat"
            invited = invitations.invite(deps, name=args.name, email=args.email, phone=args.phone,
                                         employer_id=SECRETARIAT_SCOPE if secretariat else args.employer,
                                         role=(Role.SECRETARIAAT if secretariat else Role.WERKGEVER).value)
            print(f"Uitnodiging verstuurd naar {invited.email}; gebruikersnaam: {invited.username}")
        elif args.command == "resend-invitation":
            resent = invitations.resend(deps, _user_id(deps, args.user))
            print(f"Nieuwe uitnodiging verstuurd naar {resent.email}; eerdere links werken niet meer.")
        elif args.command == "unlock":
            _print_user(admin.unlock(deps, _user_id(deps, args.user)))
        elif args.command == "deactivate":
            _print_user(admin.deactivate(deps, _user_id(deps, args.user)))
        elif args.command == "reactivate":
            _print_user(admin.reactivate(deps, _user_id(deps, args.user)))
        elif args.command == "show-user":
            _print_user(admin.get_user(deps, _user_id(deps, args.user)))
        elif args.command == "reset-phone":
            _print_user(admin.reset_phone(deps, _user_id(deps, args.user), args.phone))
        elif args.command == "send-digest":
            week = digest.parse_week(args.week or digest.iso_week(deps.today()))
            run = digest.run_here(deps, week, dry_run=args.dry_run)
            plan = run.plan
            print(f"Week {week}: {plan.employers} werkgever(s) met open taken, {plan.users} gebruiker(s) "
                  f"in {plan.batches} batch(es).")
            if args.dry_run:
                print("Proefdraai: er is niets verstuurd en niets vastgelegd.")
            else:
                names = {"sent": "verstuurd", "already_sent": "al verstuurd deze week", "bounced": "adres geweigerd",
                         "nothing_open": "geen open taken meer", "not_eligible": "niet (meer) actief"}
                for outcome, number in run.outcomes.items():
                    print(f"  {names.get(outcome, outcome)}: {number}")
                if run.failed:
                    print(f"  mislukt (later opnieuw proberen): {run.failed}")
                    return 1
        elif args.command == "set-retention":
            yes_no = {"ja": True, "nee": False, None: None}
            now = retention.set_employer_rules(deps, args.employer_id, zw=yes_no[args.eigenrisicodrager_zw],
                                               wga=yes_no[args.eigenrisicodrager_wga])
            print(f"Eigenrisicodrager Ziektewet: {'ja' if now.eigenrisicodrager_zw else 'nee'}; "
                  f"WGA: {'ja' if now.eigenrisicodrager_wga else 'nee'}. Bewaartermijnen opnieuw berekend.")
        elif args.command == "purge-retention":
            report = retention.purge(deps)
            print(f"{report.employees_removed} medewerker(s) verwijderd, {report.employees_kept} nog bewaard, "
                  f"{report.records_removed} verzuim- en taakrecord(s) verwijderd.")
        elif args.command == "rebuild-user-search":
            print(f"Zoeksleutels geschreven voor {admin.rebuild_user_search(deps)} gebruiker(s).")
        elif args.command == "rebuild-employee-search":
            print(f"Zoeksleutels geschreven voor {admin.rebuild_employee_search(deps)} medewerker(s).")
        elif args.command == "import-verzuimdesk":
            _import_verzuimdesk(deps, args)
        elif args.command == "grant-access":
            _print_user(environments.grant(deps, _user_id(deps, args.user), args.employer_id))
        elif args.command == "revoke-access":
            _print_user(environments.revoke(deps, _user_id(deps, args.user), args.employer_id))
    except DomainError as error:
        print(f"Niet gelukt: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
