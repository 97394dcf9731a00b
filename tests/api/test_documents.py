"""Documents in the dossier: Document toevoegen straight to S3 (a presigned POST, quarantined until the check has
verified the type by the bytes), versions, downloads through short presigned links, and scope."""
from __future__ import annotations

import base64
import dataclasses
import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest

from chalicelib import store
from chalicelib.domain.roles import Scope
from chalicelib.services import retention
from chalicelib.settings import get_settings
from tests.support.documents import EXECUTABLE, PDF, arrive, docx, send_to_s3, upload, upload_form
from tests.support.people import JAN

pytestmark = pytest.mark.usefixtures("documents_bucket")


def _documents(browser, absence_id: str) -> list[dict]:
    answer = browser.get(f"/api/absences/{absence_id}/documents")
    assert answer.status == 200, answer.body
    return answer.body["documents"]


def _objects(prefix: str) -> list[str]:
    s3 = boto3.client("s3", region_name=get_settings().region)
    listed = s3.list_objects_v2(Bucket=get_settings().documents_bucket, Prefix=prefix)
    return [o["Key"] for o in listed.get("Contents", [])]


def test_a_pdf_goes_from_quarantine_into_the_dossier_with_type_date_uploader_and_version(
        organisation, werkgever_browser, client):
    # Given Anna's ziekmelding
    absence = organisation.absences["anna"]["absence_id"]

    # When HR adds her probleemanalyse as a PDF
    started = upload(werkgever_browser, client, absence, filename="PA Anna.pdf", dated="2026-09-20")

    # Then it is listed, released from quarantine, encrypted with our key
    [listed] = _documents(werkgever_browser, absence)
    assert (listed["type_label"], listed["dated"], listed["uploaded_by_name"], listed["version"],
            listed["status"], listed["filename"]) == (
        "Probleemanalyse", "2026-09-20", "Wim Jansen", 1, "available", "PA Anna.pdf")
    assert started["document"]["status"] == "upload"
    assert _objects("quarantine/") == []
    [released] = _objects("documents/")
    head = boto3.client("s3", region_name=get_settings().region).head_object(
        Bucket=get_settings().documents_bucket, Key=released)
    assert head["ServerSideEncryption"] == "aws:kms" and head["ContentType"] == "application/pdf"


def test_a_renamed_executable_is_refused_by_its_bytes_and_deleted(organisation, werkgever_browser, client):
    # Given an .exe renamed to look like a PDF, declared as a PDF
    absence = organisation.absences["anna"]["absence_id"]
    started = upload_form(werkgever_browser, absence, EXECUTABLE, filename="rapport.pdf")
    sent = send_to_s3(started.body["upload"], EXECUTABLE)

    # When it arrives in quarantine and is checked
    outcome = arrive(client, sent.key or "")

    # Then it is refused, gone from the bucket, and the dossier says why in Dutch
    assert list(outcome.values()) == ["refused:type_mismatch"]
    assert _objects("") == []
    [listed] = _documents(werkgever_browser, absence)
    assert listed["status"] == "refused" and "niet wat het zegt te zijn" in listed["refused_message"]


def test_a_docx_sent_as_pdf_is_refused_a_docx_declared_as_docx_is_kept(organisation, werkgever_browser, client):
    absence = organisation.absences["anna"]["absence_id"]
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    lying = upload_form(werkgever_browser, absence, docx(), filename="plan.pdf")
    assert list(arrive(client, send_to_s3(lying.body["upload"], docx()).key or "").values()) == [
        "refused:type_mismatch"]

    upload(werkgever_browser, client, absence, docx(), type="plan_van_aanpak", filename="plan.docx",
           content_type=word)

    assert sorted((d["type"], d["status"]) for d in _documents(werkgever_browser, absence)) == [
        ("plan_van_aanpak", "available"), ("probleemanalyse", "refused")]


def test_the_post_policy_fixes_key_type_size_encryption_and_expiry(organisation, werkgever_browser):
    # Given an upload form for a 20-byte PDF
    absence = organisation.absences["anna"]["absence_id"]
    form = upload_form(werkgever_browser, absence).body["upload"]
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))

    # Then the signed policy names exactly one quarantined key, the type, our KMS key and the 10 MB ceiling
    assert ["eq", "$key", form["fields"]["key"]] in policy["conditions"]
    assert form["fields"]["key"].startswith("quarantine/") and f"/{absence}/" in form["fields"]["key"]
    assert ["content-length-range", 1, 10 * 1024 * 1024] in policy["conditions"]
    assert {"x-amz-server-side-encryption": "aws:kms"} in policy["conditions"]
    assert form["expires_in"] == 300

    # And S3 refuses what the policy does not allow
    assert send_to_s3(form, PDF, content_type="text/html").status == 403
    assert send_to_s3(form, PDF, key=form["fields"]["key"].replace("quarantine/", "documents/")).status == 403
    assert send_to_s3(form, b"%PDF-" + b"x" * (10 * 1024 * 1024)).status == 403
    assert send_to_s3(form, PDF, after_seconds=301).status == 403  # the link has expired
    assert send_to_s3(form, PDF).status == 204


def test_bad_uploads_are_dutch_422s_naming_the_field(organisation, werkgever_browser):
    absence = organisation.absences["anna"]["absence_id"]
    exe = upload_form(werkgever_browser, absence, content_type="application/x-msdownload", filename="a.exe")
    big = upload_form(werkgever_browser, absence, size=11 * 1024 * 1024)
    medical = upload_form(werkgever_browser, absence, type="medisch_rapport")
    future = upload_form(werkgever_browser, absence, dated="2027-01-01")

    assert (exe.status, exe.body["field"]) == (422, "content_type")
    assert (big.status, big.body["field"], big.error) == (422, "size", "file_too_large")
    assert (medical.status, medical.body["field"]) == (422, "type")  # no document type for medical data exists
    assert (future.status, future.error) == (422, "date_in_future")


def test_a_new_version_keeps_the_old_one(organisation, werkgever_browser, client):
    absence = organisation.absences["anna"]["absence_id"]
    first = upload(werkgever_browser, client, absence, type="plan_van_aanpak", filename="pva-v1.pdf")

    upload(werkgever_browser, client, absence, type="plan_van_aanpak", filename="pva-v2.pdf",
           document_id=first["document"]["document_id"])

    versions = _documents(werkgever_browser, absence)
    assert [(d["filename"], d["version"]) for d in versions] == [("pva-v2.pdf", 2), ("pva-v1.pdf", 1)]
    assert {d["document_id"] for d in versions} == {first["document"]["document_id"]}
    other_type = upload_form(werkgever_browser, absence, type="evaluatie", document_id=first["document"]["document_id"])
    assert other_type.error == "document_type_changed"


def test_a_download_is_a_short_link_with_our_filename_and_is_in_the_access_log(organisation, werkgever_browser,
                                                                               client):
    absence = organisation.absences["anna"]["absence_id"]
    started = upload(werkgever_browser, client, absence, filename='../"PA"\nAnna é.pdf')
    document = started["document"]

    answer = werkgever_browser.get(
        f"/api/absences/{absence}/documents/{document['document_id']}/versions/1/download")

    assert answer.status == 200 and answer.body["expires_in"] == 120
    query = parse_qs(urlsplit(answer.body["url"]).query)
    assert query["X-Amz-Expires"] == ["120"]
    disposition = query["response-content-disposition"][0]
    assert disposition.startswith("attachment;") and "\n" not in disposition and "../" not in disposition
    log = werkgever_browser.get(f"/api/employees/{organisation.anna['employee_id']}/access-log").body["entries"]
    assert "Document gedownload" in [entry["what"] for entry in log]
    assert "Document toegevoegd" in [entry["what"] for entry in log]


def test_another_employer_and_a_leidinggevende_elsewhere_get_404(organisation, manager_of, werkgever_browser,
                                                                client, other_employer_browser):
    # Given a document in Anna's (Magazijn) ziekmelding
    absence = organisation.absences["anna"]["absence_id"]
    document = upload(werkgever_browser, client, absence)["document"]
    download = f"/api/absences/{absence}/documents/{document['document_id']}/versions/1/download"
    kantoor = manager_of(organisation.kantoor)
    magazijn = manager_of(organisation.magazijn)

    # Then Kantoor's leidinggevende and another employer find nothing, Magazijn's finds it
    for outsider in (kantoor, other_employer_browser):
        assert outsider.get(f"/api/absences/{absence}/documents").status == 404
        assert outsider.get(download).status == 404
        assert upload_form(outsider, absence).status == 404
    assert magazijn.get(download).status == 200
    assert werkgever_browser.get(download.replace("/versions/1/", "/versions/2/")).status == 404


def test_a_document_can_finish_the_task_it_proves(organisation, werkgever_browser, client):
    # Given Anna's open probleemanalyse task
    absence = organisation.absences["anna"]
    task = next(t for t in absence["tasks"] if t["code"] == "probleemanalyse")

    # When the probleemanalyse is added with "Afronden met document"
    upload(werkgever_browser, client, absence["absence_id"], task_id=task["task_id"], dated="2026-09-21")

    # Then the task is done on the document's date; a plan van aanpak could not have finished it
    done = next(t for t in werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["tasks"]
                if t["task_id"] == task["task_id"])
    assert (done["status"], done["done_on"]) == ("done", "2026-09-21")
    plan = next(t for t in absence["tasks"] if t["code"] == "plan_van_aanpak")
    wrong = upload_form(werkgever_browser, absence["absence_id"], task_id=plan["task_id"])
    assert wrong.error == "document_type_not_for_task"


def test_an_event_delivered_twice_or_for_a_key_we_did_not_make_changes_nothing(organisation, werkgever_browser,
                                                                              client):
    absence = organisation.absences["anna"]["absence_id"]
    started = upload_form(werkgever_browser, absence)
    sent = send_to_s3(started.body["upload"], PDF)

    assert list(arrive(client, sent.key or "").values()) == ["released"]
    assert list(arrive(client, sent.key or "").values()) == ["already_checked"]
    assert list(arrive(client, "quarantine/x/../../etc/passwd").values()) == ["unknown"]


def test_a_check_that_fails_before_the_release_is_recorded_releases_on_its_retry(
        organisation, werkgever_browser, client, monkeypatch):
    # Given an upload whose check copies it out of quarantine, then fails to record that (DynamoDB throttled)
    absence = organisation.absences["anna"]["absence_id"]
    started = upload_form(werkgever_browser, absence)
    sent = send_to_s3(started.body["upload"], PDF)
    recorded = store.documents.release

    def throttled(*args, **kwargs):
        raise RuntimeError("ProvisionedThroughputExceededException")

    monkeypatch.setattr(store.documents, "release", throttled)
    with pytest.raises(Exception, match="ProvisionedThroughput"):
        arrive(client, sent.key or "")
    assert _objects("quarantine/") == [sent.key], "kept for the retry"

    # When the event is delivered again and DynamoDB answers
    monkeypatch.setattr(store.documents, "release", recorded)
    assert list(arrive(client, sent.key or "").values()) == ["released"]

    # Then the document is in the dossier, not refused as lost
    [listed] = _documents(werkgever_browser, absence)
    assert listed["status"] == "available"
    assert _objects("quarantine/") == []


def test_an_upload_deleted_before_its_check_is_refused_as_missing_not_as_too_large(organisation, werkgever_browser,
                                                                                  client):
    absence = organisation.absences["anna"]["absence_id"]
    started = upload_form(werkgever_browser, absence)
    sent = send_to_s3(started.body["upload"], PDF)
    boto3.client("s3", region_name=get_settings().region).delete_object(Bucket=get_settings().documents_bucket,
                                                                      Key=sent.key or "")

    assert list(arrive(client, sent.key or "").values()) == ["refused:missing"]
    [listed] = _documents(werkgever_browser, absence)
    assert listed["status"] == "refused" and "niet aangekomen" in listed["refused_message"]


@pytest.fixture
def scanned(deps, monkeypatch):
    """The settings of AWS: GuardDuty Malware Protection scans the quarantine, and only a clean file is released."""
    monkeypatch.setattr(deps, "settings", dataclasses.replace(deps.settings, malware_scan="guardduty"))


def _scan_result(client, key: str, status: str) -> list[str]:
    event = {"source": "aws.guardduty", "detail-type": "GuardDuty Malware Protection Object Scan Result",
             "detail": {"s3ObjectDetails": {"bucketName": get_settings().documents_bucket, "objectKey": key},
                        "scanResultDetails": {"scanResultStatus": status}}}
    return list(client.lambda_.invoke("document_check", event).payload["outcomes"].values())


def test_with_guardduty_a_document_waits_for_a_clean_scan(scanned, organisation, werkgever_browser, client):
    # Given a PDF that passed the type check in AWS
    absence = organisation.absences["anna"]["absence_id"]
    sent = send_to_s3(upload_form(werkgever_browser, absence).body["upload"], PDF)
    assert list(arrive(client, sent.key or "").values()) == ["scanning"]
    assert [d["status"] for d in _documents(werkgever_browser, absence)] == ["scanning"]
    assert _objects("documents/") == []

    # When GuardDuty finds no threat
    assert _scan_result(client, sent.key or "", "NO_THREATS_FOUND") == ["released"]

    # Then it is released
    assert [d["status"] for d in _documents(werkgever_browser, absence)] == ["available"]
    assert len(_objects("documents/")) == 1 and _objects("quarantine/") == []


def test_with_guardduty_malware_is_refused_and_deleted_whichever_event_comes_first(
        scanned, organisation, werkgever_browser, client):
    absence = organisation.absences["anna"]["absence_id"]
    s3 = boto3.client("s3", region_name=get_settings().region)
    # Given one upload whose scan found a threat before its type check ran, and one found after
    first = send_to_s3(upload_form(werkgever_browser, absence).body["upload"], PDF)
    s3.put_object_tagging(Bucket=get_settings().documents_bucket, Key=first.key, Tagging={
        "TagSet": [{"Key": "GuardDutyMalwareScanStatus", "Value": "THREATS_FOUND"}]})
    second = send_to_s3(upload_form(werkgever_browser, absence, filename="tweede.pdf").body["upload"], PDF)

    assert list(arrive(client, first.key or "").values()) == ["refused:malware"]
    assert list(arrive(client, second.key or "").values()) == ["scanning"]
    assert _scan_result(client, second.key or "", "THREATS_FOUND") == ["refused:malware"]

    # Then neither is kept, and the dossier says so
    assert _objects("") == []
    assert {d["status"] for d in _documents(werkgever_browser, absence)} == {"refused"}
    assert all("schadelijke software" in d["refused_message"] for d in _documents(werkgever_browser, absence))


def test_a_clean_scan_first_releases_at_the_type_check(scanned, organisation, werkgever_browser, client):
    absence = organisation.absences["anna"]["absence_id"]
    sent = send_to_s3(upload_form(werkgever_browser, absence).body["upload"], PDF)
    assert _scan_result(client, sent.key or "", "NO_THREATS_FOUND") == ["waiting_for_type_check"]
    boto3.client("s3", region_name=get_settings().region).put_object_tagging(
        Bucket=get_settings().documents_bucket, Key=sent.key, Tagging={
            "TagSet": [{"Key": "GuardDutyMalwareScanStatus", "Value": "NO_THREATS_FOUND"}]})

    assert list(arrive(client, sent.key or "").values()) == ["released"]


def test_documents_go_with_their_case_when_its_bewaartermijn_ends(werkgever_browser, werkgever, client, clock,
                                                                  deps):
    # Given Jan, sick in September 2026 and recovered, who left on 20-09-2026, with a plan van aanpak in two versions
    jan = werkgever_browser.post("/api/employees", {**JAN, "personnel_number": "1"}).body["employee_id"]
    absence = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-01"},
                                     headers={"Idempotency-Key": "k-jan"}).body["absence_id"]
    werkgever_browser.post(f"/api/absences/{absence}/recovery", {"date": "2026-09-10"})
    first = upload(werkgever_browser, client, absence, type="plan_van_aanpak")
    upload(werkgever_browser, client, absence, type="plan_van_aanpak", document_id=first["document"]["document_id"])
    assert werkgever_browser.put(f"/api/employees/{jan}", {"end_date": "2026-09-20"}).status == 200

    # When the daily job runs just before and just after two years from the end of employment
    clock.now = int(datetime(2028, 9, 18, 12, tzinfo=UTC).timestamp())
    retention.purge(deps)
    kept = list(_objects("documents/"))
    clock.now = int(datetime(2028, 9, 21, 12, tzinfo=UTC).timestamp())
    report = retention.purge(deps)

    # Then the documents stayed until then, and are gone after: objects and records alike
    assert len(kept) == 2
    assert _objects("") == []
    assert store.documents.of_case(werkgever.employer_id, absence) == []
    assert report.records_removed >= 2


def _riv(browser) -> dict:
    answer = browser.get("/api/tasks?view=nu")
    assert answer.status == 200, answer.body
    return answer.body["riv"]


def test_the_home_page_counts_the_cases_missing_a_document_until_it_is_added(
        organisation, werkgever_browser, manager_of, client):
    # Given Anna sick since 6 July and Bob since 3 August (corrected first days), Tim since 14 September; today is
    # 21 September: Anna's probleemanalyse (due 16 August) and Bob's (due 13 September) are missing, Tim's not due
    anna, bob = organisation.absences["anna"]["absence_id"], organisation.absences["bob"]["absence_id"]
    for absence, first_day in ((anna, "2026-07-06"), (bob, "2026-08-03")):
        corrected = werkgever_browser.put(f"/api/absences/{absence}/first-sick-day", {"first_sick_day": first_day})
        assert corrected.status == 200, corrected.body
    kantoor = manager_of(organisation.kantoor)

    # Then HR's home page names both, the longest missing first; Kantoor's leidinggevende sees only Bob
    riv = _riv(werkgever_browser)
    assert (riv["count"], riv["complete"]) == (2, True)
    assert [(c["absence_id"], c["since"], c["employee_name"]) for c in riv["cases"]] == [
        (anna, "2026-08-17", "Anna de Scoop"), (bob, "2026-09-14", "Bob de Scoop")]
    assert [c["absence_id"] for c in _riv(kantoor)["cases"]] == [bob]

    # When HR adds Anna's probleemanalyse: her plan van aanpak (due 30 August) is still missing
    upload(werkgever_browser, client, anna, dated="2026-08-14")
    assert [c["since"] for c in _riv(werkgever_browser)["cases"]] == ["2026-08-31", "2026-09-14"]

    # When her plan van aanpak comes too (late, but there) and Bob recovers
    upload(werkgever_browser, client, anna, type="plan_van_aanpak", dated="2026-09-01")
    assert werkgever_browser.post(f"/api/absences/{bob}/recovery", {"date": "2026-09-18"}).status == 200

    # Then nothing is missing any more until Anna's first evaluation (week 14: 11 October)
    assert _riv(werkgever_browser) == {"count": 0, "complete": True, "limit": 500, "cases": []}
    assert _riv(kantoor)["count"] == 0


def test_a_combined_case_counts_the_documents_of_its_earlier_ziekmelding(werkgever_browser, werkgever, client):
    # Given Jan sick from 6 July with his probleemanalyse and plan van aanpak in that ziekmelding, recovered on
    # 1 September, and sick again on 14 September: within four weeks, so the same case
    jan = werkgever_browser.post("/api/employees", {**JAN, "personnel_number": "7"}).body["employee_id"]
    first = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-07-06"},
                                   headers={"Idempotency-Key": "k-first"}).body["absence_id"]
    upload(werkgever_browser, client, first, dated="2026-08-10")
    upload(werkgever_browser, client, first, type="plan_van_aanpak", dated="2026-08-24")
    assert werkgever_browser.post(f"/api/absences/{first}/recovery", {"date": "2026-09-01"}).status == 200
    again = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"},
                                   headers={"Idempotency-Key": "k-again"})
    assert again.status == 201 and again.body["case_start"] == "2026-07-06"

    # Then the new ziekmelding's check finds both in time, and home does not count the case as missing anything
    check = werkgever_browser.get(f"/api/absences/{again.body['absence_id']}/documents").body["riv_check"]
    statuses = {item["code"]: item["status"] for item in check}
    assert (statuses["probleemanalyse"], statuses["plan_van_aanpak"]) == ("present", "present")
    assert _riv(werkgever_browser)["count"] == 0

    # And the next gap is the week-14 evaluation (11 October); one added to the earlier ziekmelding moves the open
    # one's gap on to week 20 (22 November)
    def gap() -> str | None:
        return store.absences.get(Scope(werkgever.employer_id), again.body["absence_id"]).riv_gap

    assert gap() == "2026-10-11"
    upload(werkgever_browser, client, first, type="evaluatie", dated="2026-09-20")
    assert gap() == "2026-11-22"


def test_rebuild_employee_search_gives_a_case_from_before_the_riv_check_its_gap(organisation, werkgever_browser,
                                                                                 employer):
    # Given Anna sick since 6 July (her probleemanalyse was due 16 August), her case as a release before the
    # RIV-check left it: no gap, so the home page does not count it
    import manage
    from chalicelib.store.models import Absence

    anna = organisation.absences["anna"]["absence_id"]
    assert werkgever_browser.put(f"/api/absences/{anna}/first-sick-day", {"first_sick_day": "2026-07-06"}).status == 200
    Absence(employer["employer_id"], anna).update(actions=[
        Absence.riv_gap.remove(), Absence.riv_employer_id.remove(), Absence.riv_department_key.remove()])
    assert _riv(werkgever_browser)["count"] == 0

    # When ops runs the one-off command after deploying
    assert manage.main(["rebuild-employee-search"]) == 0

    # Then the home page names her case, missing since the day after the deadline
    riv = _riv(werkgever_browser)
    assert [(c["absence_id"], c["since"]) for c in riv["cases"]] == [(anna, "2026-08-17")]
