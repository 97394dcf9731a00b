"""DynamoDB requests and items read by every route of the API, one typical call each, at two sizes of data.

Run from the repo root: `.venv/bin/python bench/routes.py`. The routes come from the route table
(`chalicelib/api/http.ROUTES`); each gets one typical call through the Chalice test client on moto, as a signed-in
werkgever or secretariat user, for an employer with 10 and with 200 employees. Each route's figures are checked
against its budget in `chalicelib/store/README.md` ("Per request"), and must not grow with the employer's size
unless the budget says the answer lists what it reads (`n`; its requests may then page, within the budget). Prints
figures only; exits non-zero when a budget or a route is missing.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import support
from chalice.test import Client
from moto import mock_aws

import app as chalice_app
from chalicelib.api.http import ROUTES
from chalicelib.observability import metrics
from chalicelib.services import admin
from chalicelib.settings import get_settings
from tests.support.documents import PDF, arrive, send_to_s3
from tests.support.passkeys import SoftwareAuthenticator
from tests.support.portal import Browser, Outbox

README = Path(support.ROOT) / "chalicelib" / "store" / "README.md"
SIZES = (10, 200)
PASSWORD = "een-lang-genoeg-wachtwoord"
NEW_PASSWORD = "Zomer-Fiets-Lantaarn-2031"  # none of the account's own words in it
WERKGEVER_PHONE, SECRETARIAT_PHONE, HR_PHONE = "+31612345678", "+31687654321", "+31655555555"
NOW = 1_790_000_000  # Monday 2026-09-21 (the tests' clock)
INSTRUMENTS = support.Instruments(after_each=metrics.clear_metrics)


@dataclass
class Measured:
    status: int
    requests: int
    items_read: int
    operations: str


def employee(number: int) -> dict:
    return {"first_name": f"Jan{number}", "last_name": "Vries", "infix": "de", "personnel_number": str(1000 + number),
            "date_of_birth": "1980-04-12", "start_date": "2015-03-01", "contract_hours": 32}


def run(size: int) -> dict[str, Measured]:
    """Every route once, for an employer with `size` employees; each route's figures by its view's name."""
    with mock_aws():
        settings = get_settings()
        clock = support.Clock(NOW)
        deps = support.api_on_moto(clock)
        outbox = Outbox()
        employer = admin.create_employer(deps, "Bakkerij Jansen BV")["employer_id"]
        werkgever = admin.provision_active_user(deps, username="wjansen", name="Wim Jansen", email="wim@jansen.nl",
                                                role="werkgever", employer_id=employer, phone="0612345678",
                                                password=PASSWORD)
        admin.provision_active_user(deps, username="secretariaat", name="Sanne de Secretaris",
                                    email="sanne@deverzuimmakelaar.nl", role="secretariaat",
                                    employer_id="secretariaat", phone=SECRETARIAT_PHONE, password=PASSWORD)
        with Client(chalice_app.app) as client:
            found: dict[str, Measured] = {}

            def measure(name: str, browser: Browser, method: str, path: str, body: Any = None,
                        headers: dict | None = None, advance: int = 2) -> Any:
                _, meter, answer = INSTRUMENTS.measure(lambda: browser.request(method, path, body, headers=headers))
                operations = sorted(meter.by_operation("dynamodb").items())
                found[name] = Measured(answer.status, meter.requests("dynamodb"), meter.items_read,
                                       "+".join(f"{op}×{n}" if n > 1 else op for op, n in operations))
                clock.now += advance
                return answer.body

            def signed_in(username: str, phone: str) -> Browser:
                browser = Browser(client)
                browser.post("/api/auth/login", {"username": username, "password": PASSWORD})
                browser.post("/api/auth/code", {"code": outbox.last_code(phone)})
                return browser

            wim = signed_in("wjansen", WERKGEVER_PHONE)
            sanne = signed_in("secretariaat", SECRETARIAT_PHONE)
            ids = [wim.post("/api/employees", employee(n)).body["employee_id"] for n in range(size - 1)]
            absence = wim.post("/api/absences", {"employee_id": ids[0], "first_sick_day": "2026-09-14"},
                               headers={"Idempotency-Key": "bench-1"}).body
            for other in ids[1:6]:
                wim.post("/api/absences", {"employee_id": other, "first_sick_day": "2026-09-10"},
                         headers={"Idempotency-Key": f"bench-{other}"})

            # Signed out
            measure("contact", Browser(client), "GET", "/api/contact")
            fresh = Browser(client)
            measure("login", fresh, "POST", "/api/auth/login", {"username": "wjansen", "password": PASSWORD})
            measure("resend_code", fresh, "POST", "/api/auth/code/resend")
            measure("code", fresh, "POST", "/api/auth/code", {"code": outbox.last_code(WERKGEVER_PHONE)})
            codes = measure("regenerate_backup_codes", fresh, "POST", "/api/account/backup-codes")["backup_codes"]
            other = Browser(client)
            other.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
            measure("backup_code", other, "POST", "/api/auth/backup-code", {"code": codes[0]})
            measure("forgot_username", Browser(client), "POST", "/api/auth/forgot-username", {"email": "wim@jansen.nl"})
            measure("forgot_password", Browser(client), "POST", "/api/auth/forgot-password", {"identifier": "wjansen"})
            reset = re.search(r"#([A-Za-z0-9_\-]+)", outbox.emails("wim@jansen.nl")[-1].body).group(1)
            measure("view_reset", Browser(client), "GET", f"/api/password-resets/{reset}")

            # The werkgever's workspace
            measure("me", wim, "GET", "/api/auth/me")
            measure("open_tasks", wim, "GET", "/api/tasks")
            measure("list_employees", wim, "GET", "/api/employees?filter=alle")
            measure("add_employee", wim, "POST", "/api/employees", employee(size))
            measure("search", wim, "GET", "/api/search?q=vries")
            measure("get_employee", wim, "GET", f"/api/employees/{ids[0]}")
            measure("update_employee", wim, "PUT", f"/api/employees/{ids[0]}", {"contract_hours": 24})
            measure("dossier", wim, "GET", f"/api/employees/{ids[0]}/dossier")
            measure("get_access_log", wim, "GET", f"/api/employees/{ids[0]}/access-log")
            measure("export_access_log", wim, "GET", f"/api/employees/{ids[0]}/access-log.csv")
            measure("report_sick", wim, "POST", "/api/absences",
                    {"employee_id": ids[7], "first_sick_day": "2026-09-18"}, headers={"Idempotency-Key": "bench-sick"})
            measure("get_absence", wim, "GET", f"/api/absences/{absence['absence_id']}")
            measure("correct_first_sick_day", wim, "PUT", f"/api/absences/{absence['absence_id']}/first-sick-day",
                    {"first_sick_day": "2026-09-15"})
            # The clock stands still here: a session's last_seen_at is written once a minute, so moving it would
            # move that UpdateItem from one measured route to another.
            documents = f"/api/absences/{absence['absence_id']}/documents"
            started = measure("start_upload", wim, "POST", documents, {
                "type": "probleemanalyse", "dated": "2026-09-18", "filename": "pa.pdf",
                "content_type": "application/pdf", "size": len(PDF)}, advance=0)
            arrive(client, send_to_s3(started["upload"], PDF).key or "")  # the bytes go to S3, never through here
            measure("case_documents", wim, "GET", documents, advance=0)
            measure("download", wim, "GET", f"{documents}/{started['document']['document_id']}/versions/1/download",
                    advance=0)
            leave = measure("register_leave", wim, "POST", "/api/leaves",
                            {"employee_id": ids[8], "expected_on": "2026-09-16"}, advance=0)
            measure("get_leave", wim, "GET", f"/api/leaves/{leave['leave_id']}", advance=0)
            measure("set_birth", wim, "PUT", f"/api/leaves/{leave['leave_id']}/birth", {"born_on": "2026-09-18"},
                    advance=0)
            measure("remove_leave", wim, "DELETE", f"/api/leaves/{leave['leave_id']}", advance=0)
            measure("mark_task_done", wim, "POST", f"/api/tasks/{absence['tasks'][0]['task_id']}/done")
            measure("reopen_task", wim, "POST", f"/api/tasks/{absence['tasks'][0]['task_id']}/reopen")
            measure("report_recovery", wim, "POST", f"/api/absences/{absence['absence_id']}/recovery",
                    {"date": "2026-09-20"})
            measure("report", wim, "GET", "/api/reports")
            measure("chart", wim, "GET", "/api/reports/chart.svg")
            measure("export", wim, "GET", "/api/reports/export.csv")

            # The secretariat
            measure("list_employers", sanne, "GET", "/api/admin/employers")
            measure("create_employer", sanne, "POST", "/api/admin/employers", {"name": "Tweede BV"})
            second = next(e["employer_id"] for e in sanne.get("/api/admin/employers").body["employers"]
                          if e["name"] == "Tweede BV")
            measure("list_users", sanne, "GET", f"/api/admin/employers/{employer}/users")
            measure("search_users", sanne, "GET", "/api/admin/search?q=wim")
            measure("attention", sanne, "GET", "/api/admin/attention")
            measure("get_user", sanne, "GET", f"/api/admin/users/{werkgever.user_id}")
            measure("unlock", sanne, "POST", f"/api/admin/users/{werkgever.user_id}/unlock")
            measure("grant_access", sanne, "POST", f"/api/admin/users/{werkgever.user_id}/employers",
                    {"employer_id": second})
            measure("switch_environment", wim, "POST", "/api/auth/environment", {"employer_id": employer})
            measure("revoke_access", sanne, "DELETE", f"/api/admin/users/{werkgever.user_id}/employers/{second}")
            measure("audit_trail", sanne, "GET", f"/api/admin/audit/{employer}")
            petra = measure("invite", sanne, "POST", "/api/admin/users",
                            {"name": "Petra de Bakker", "email": "petra@jansen.nl", "employer_id": employer})
            measure("resend", sanne, "POST", f"/api/admin/users/{petra['user_id']}/resend-invitation")
            token = outbox.last_invitation_token("petra@jansen.nl")
            newcomer = Browser(client)
            measure("view", newcomer, "GET", f"/api/invitations/{token}")
            measure("password", newcomer, "POST", f"/api/invitations/{token}/password", {"password": NEW_PASSWORD})
            measure("phone", newcomer, "POST", f"/api/invitations/{token}/phone", {"phone": "0622222222"})
            measure("confirm_phone", newcomer, "POST", f"/api/invitations/{token}/phone/confirm",
                    {"code": outbox.last_code("+31622222222")})
            measure("complete", newcomer, "POST", f"/api/invitations/{token}/complete",
                    {"accept_terms": True, "terms_version": settings.terms_version})
            measure("reset_phone", sanne, "POST", f"/api/admin/users/{petra['user_id']}/phone", {"phone": "0633333333"})

            # Her own settings
            measure("security_overview", wim, "GET", "/api/account/security")
            signed_in("wjansen", WERKGEVER_PHONE)  # a second browser, whose session she ends
            sessions = wim.get("/api/account/security").body["sessions"]
            ended = next(s["session_id"] for s in sessions if not s.get("current"))
            measure("end_session", wim, "DELETE", f"/api/account/sessions/{ended}")
            measure("start_reauth", wim, "POST", "/api/account/reauth", {"password": PASSWORD})
            measure("confirm_reauth", wim, "POST", "/api/account/reauth/confirm",
                    {"code": outbox.last_code(WERKGEVER_PHONE)})
            measure("start_phone_change", wim, "POST", "/api/account/phone",
                    {"phone": "0644444444", "password": PASSWORD})
            measure("confirm_phone_change", wim, "POST", "/api/account/phone/confirm",
                    {"code": outbox.last_code("+31644444444")})
            secret = measure("start_app_setup", wim, "POST", "/api/account/app")["secret"]
            measure("confirm_app_setup", wim, "POST", "/api/account/app/confirm",
                    {"code": pyotp.TOTP(secret).at(clock.now)})
            measure("remove_app", wim, "DELETE", "/api/account/app")
            # Passkeys: added, a second factor that trusts its browser, "Inloggen met passkey", removed again. The
            # clock stands still (advance=0), so the once-a-minute session writes stay where they were measured.
            passkey = SoftwareAuthenticator(settings.webauthn_origin, settings.webauthn_rp_id)
            options = measure("start_passkey_setup", wim, "POST", "/api/account/passkeys/options",
                              advance=0)["options"]
            added = measure("add_passkey", wim, "POST", "/api/account/passkeys",
                            {"name": "Laptop werk", **passkey.create(options)}, advance=0)["passkey"]
            measure("list_passkeys", wim, "GET", "/api/account/passkeys", advance=0)
            second = Browser(client)
            second.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
            options = measure("passkey_challenge", second, "POST", "/api/auth/passkey/options",
                              advance=0)["options"]
            measure("passkey", second, "POST", "/api/auth/passkey", {**passkey.get(options), "trust_browser": True},
                    advance=0)
            alone = Browser(client)
            options = measure("passwordless_options", alone, "POST", "/api/auth/passkey-login/options",
                              advance=0)["options"]
            measure("passwordless", alone, "POST", "/api/auth/passkey-login", passkey.get(options), advance=0)
            trusted = wim.get("/api/account/security").body["trusted_browsers"][0]["trusted_browser_id"]
            measure("revoke_trusted_browser", wim, "DELETE", f"/api/account/trusted-browsers/{trusted}", advance=0)
            measure("remove_passkey", wim, "DELETE", f"/api/account/passkeys/{added['passkey_id']}", advance=0)
            measure("reset_password", Browser(client), "POST", f"/api/password-resets/{reset}",
                    {"password": NEW_PASSWORD})
            measure("deactivate", sanne, "POST", f"/api/admin/users/{petra['user_id']}/deactivate")
            measure("reactivate", sanne, "POST", f"/api/admin/users/{petra['user_id']}/reactivate")
            measure("logout", sanne, "POST", "/api/auth/logout")
            measure("task_guide", Browser(client), "GET", "/api/tasks/guide")
            # Last, so that the clock of every route above is as it was (a session is touched once a minute), by a
            # colleague of Wim's: his sessions ended with the password reset
            colleague = admin.provision_active_user(deps, username="hdevries", name="Hanna de Vries",
                                                    email="hanna@jansen.nl", role="werkgever", employer_id=employer,
                                                    phone=HR_PHONE, password=PASSWORD)
            hanna = signed_in("hdevries", HR_PHONE)
            productie = measure("add_department", hanna, "POST", "/api/departments", {"name": "Productie"})
            measure("list_departments", hanna, "GET", "/api/departments")
            measure("rename_department", hanna, "PUT", f"/api/departments/{productie['department_id']}",
                    {"name": "Fabriek"})
            desk = signed_in("secretariaat", SECRETARIAT_PHONE)  # her earlier session ended with "logout"
            measure("list_employer_departments", desk, "GET", f"/api/admin/employers/{employer}/departments")
            measure("set_role", desk, "PUT", f"/api/admin/users/{colleague.user_id}/role", {
                "employer_id": employer, "role": "leidinggevende", "department_ids": [productie["department_id"]]})
            # Hanna, made verzuimbeheerder and beheerder, manages a colleague she invites
            desk.put(f"/api/admin/users/{colleague.user_id}/role",
                     {"employer_id": employer, "role": "verzuimbeheerder", "beheerder": True})
            hanna = signed_in("hdevries", HR_PHONE)
            measure("list_colleagues", hanna, "GET", "/api/colleagues")
            joost = measure("invite_colleague", hanna, "POST", "/api/colleagues", {
                "name": "Joost Jansen", "email": "joost@jansen.nl", "role": "leidinggevende",
                "department_ids": [productie["department_id"]]})["user_id"]
            measure("set_colleague_role", hanna, "PUT", f"/api/colleagues/{joost}/role", {"role": "verzuimbeheerder"})
            measure("deactivate_colleague", hanna, "POST", f"/api/colleagues/{joost}/deactivate")
            measure("reactivate_colleague", hanna, "POST", f"/api/colleagues/{joost}/reactivate")
        return found


def budgets() -> dict[str, tuple[str, str]]:
    """route view → (requests, items read) from the README's "Per request" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Per request", 1)[-1].split("\n## ", 1)[0] if "## Per request" in text else ""
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| (\S+) \| (\S+) \|", section, re.MULTILINE)
    return {name: (requests, items) for name, requests, items in rows}


def within(value: int, budget: str) -> bool:
    return budget == "n" or value <= int(budget)


def main() -> None:
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"  # the middleware's flush would print each request's metrics
    INSTRUMENTS.install()
    print(f"routes benchmark · {support.where_and_when()}")
    print(f"one typical call per route on moto, an employer with {SIZES[0]} and with {SIZES[1]} employees; "
          "DynamoDB requests and items read (budget: store/README.md)")
    small, large = (run(size) for size in SIZES)
    limits = budgets()
    names = [route.name for route in ROUTES]
    header = (f"{'route':<24} {'method path':<52} {'st':>3} {'req':>4} {'req':>4} {'items':>5} {'items':>5} "
              f"{'budget':>9}  ok  operations ({SIZES[1]})")
    print(header)
    print(f"{'':<81} {SIZES[0]:>4} {SIZES[1]:>4} {SIZES[0]:>5} {SIZES[1]:>5} {'req/items':>9}")
    print("-" * len(header))
    broken = []
    for route in ROUTES:
        name = route.name
        if name not in large:
            broken.append(f"{name}: no typical call in bench/routes.py")
            continue
        one, many = small[name], large[name]
        requests, items = limits.get(name, ("?", "?"))
        flat = items == "n" or (one.requests == many.requests and one.items_read == many.items_read)
        ok = name in limits and within(many.requests, requests) and within(many.items_read, items) and flat \
            and many.status < 400
        if not ok:
            broken.append(f"{name}: {many.status}, {many.requests} requests, {many.items_read} items"
                          f" (budget {requests}/{items}{'' if flat else ', grows with the data'})")
        print(f"{name:<24} {route.methods[0] + ' ' + route.path:<52} {many.status:>3} {one.requests:>4} "
              f"{many.requests:>4} {one.items_read:>5} {many.items_read:>5} {requests + '/' + items:>9}  "
              f"{'yes' if ok else 'NO':<3} {many.operations}")
    missing = sorted(set(limits) - set(names))
    broken += [f"{name}: in the README's budget, but no such route" for name in missing]
    print(f"\n{len(ROUTES)} routes, {len(ROUTES) - len(broken)} within budget and flat")
    for line in broken:
        print(f"  NOT met: {line}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
