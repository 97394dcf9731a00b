"""What ships runs: the Lambda package that `make deploy` uploads, run as Lambda runs it, per stage.

A werkgever signs in through API Gateway (password, the SMS code from moto's SNS, the session cookie), sees who
she is, reports Jan sick, sees the open tasks and ticks one off, and adds a probleemanalyse to Jan's dossier. Then
the background functions run as their triggers call them: document_check from S3's Object Created and GuardDuty's
scan result through EventBridge, the weekly planner from its schedule, the sender from the SQS messages the planner
queued, email_feedback from SES's bounce through SNS, retention_purge from its schedule. Every AWS call each function
makes is checked against that function's own role in the template.
"""
from __future__ import annotations

import fnmatch
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import pytest
from moto.events.models import EventPattern
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from infra.local import uploads
from tests.support import iam
from tests.support.cloudformation import ACCOUNT
from tests.support.dates import dutch_today
from tests.support.documents import PDF
from tests.support.passkeys import SoftwareAuthenticator

WERKGEVER_PHONE = "+31612345678"
WERKGEVER_EMAIL = "werkgever@demo-bv.nl"
JAN = "demo-1001"
DATA_SERVICES = ("dynamodb", "sns", "ses", "kms", "sqs", "s3")
SCAN_TAG = "GuardDutyMalwareScanStatus"
"""The tag GuardDuty Malware Protection for S3 puts on a scanned object (the plan's tagging action)."""


def sms_code(shipped, to: str) -> str:
    messages = [m for m in sns_backends[ACCOUNT][shipped.region].sms_messages.values() if m[0] == to]
    assert messages, f"no SMS reached {to}"
    return re.search(r"\b([a-z0-9]{6})\b(?=\. De code)", messages[-1][1]).group(1)


def emails_to(shipped, address: str) -> list:
    return [m for m in ses_backends[ACCOUNT][shipped.region].sent_messages
            if address in m.destinations.get("ToAddresses", [])]


def scheduler_event(shipped, logical_id: str) -> dict:
    """What EventBridge Scheduler sends the function: the schedule's Input, with its context attributes."""
    schedule = next(properties for properties in shipped.deployed.resources("AWS::Scheduler::Schedule").values()
                    if shipped.deployed.resolve(properties["Target"]["Arn"]) == shipped.function(logical_id).arn)
    text = schedule["Target"].get("Input", "{}")
    return json.loads(text.replace("<aws.scheduler.scheduled-time>",
                                   datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))


@pytest.fixture(scope="module")
def journey(shipped):
    """The whole run once per stage; each test below reads what it needs from the answers. A step that does not
    answer as documented stops the run at once, with what the function logged."""
    api, answers = shipped.api, {}
    werkgever = {"username": "werkgever", "password": shipped.demo_password}

    def step(name: str, answer, status: int):
        answers[name] = answer
        if answer.status != status:
            pytest.fail(f"[{shipped.stage}] {name}: {answer.status} {answer.body}, expected {status}. The API "
                        f"function logged:\n{shipped.function('APIHandler').log()[-4000:]}", pytrace=False)
        return answer

    step("login", api.post("/api/auth/login", werkgever), 200)
    step("code", api.post("/api/auth/code", {"code": sms_code(shipped, WERKGEVER_PHONE)}), 200)
    step("me", api.get("/api/auth/me"), 200)
    absence = step("ziekmelding", api.post(
        "/api/absences", {"employee_id": JAN, "first_sick_day": dutch_today().isoformat(), "vangnet": False,
                          "work_accident": False, "third_party_liable": False},
        headers={"Idempotency-Key": str(uuid.uuid4())}), 201).body
    home = step("tasks", api.get("/api/tasks"), 200).body
    tasks = [task for case in home["cases"] for task in case["tasks"]]
    jans = [task for task in tasks if task["absence_id"] == absence["absence_id"]]
    step("done", api.post(f"/api/tasks/{jans[0]['task_id']}/done"), 200)
    # A document for Jan's dossier: the API signs the upload form, the browser posts the file to S3
    # (Afronden met document: the probleemanalyse finishes its open task of Jan's timeline)
    documents = f"/api/absences/{absence['absence_id']}/documents"
    proves = step("documents_before", api.get(documents), 200).body["proves"]
    answers["proved_task"] = next((task for task, kinds in proves.items() if "probleemanalyse" in kinds), None)
    if answers["proved_task"] is None:
        pytest.fail(f"[{shipped.stage}] no open task of Jan's is proved by a probleemanalyse: {proves}", pytrace=False)
    started = step("document", api.post(documents, {
        "type": "probleemanalyse", "dated": dutch_today().isoformat(), "filename": "pa.pdf",
        "content_type": "application/pdf", "size": len(PDF), "task_id": answers["proved_task"]}), 201).body
    key = post_upload(shipped, started["upload"], PDF)
    # S3's Object Created reaches the check (the type check; GuardDuty has not answered yet), then GuardDuty tags the
    # object and its scan result reaches the check too
    answers["arrived"] = shipped.function("DocumentCheck").invoke(object_created_event(shipped, key))
    guardduty_tags(shipped, key, "NO_THREATS_FOUND")
    answers["scanned"] = shipped.function("DocumentCheck").invoke(scan_result_event(shipped, key, "NO_THREATS_FOUND"))
    answers["documents"] = step("documents", api.get(documents), 200)
    answers["document_key"] = key
    # The authenticator app: its key sealed with the TOTP key (KMS), opened again at the next login
    app = pyotp.TOTP(step("app_setup", api.post("/api/account/app"), 200).body["secret"])
    step("app_confirm", api.post("/api/account/app/confirm", {"code": app.now()}), 200)
    step("logout", api.post("/api/auth/logout"), 200)
    step("app_login", api.post("/api/auth/login", werkgever), 200)
    step("app_code", api.post("/api/auth/code", {"code": app.at(time.time() + 30)}), 200)  # the next time step
    # A passkey (webauthn, cryptography, cbor2 and pyOpenSSL as the package ships them), then "Inloggen met passkey"
    portal = shipped.function("APIHandler").environment["PORTAL_URL"]
    passkey = SoftwareAuthenticator(origin=portal, rp_id=portal.split("://", 1)[1])
    options = step("passkey_options", api.post("/api/account/passkeys/options"), 200).body["options"]
    step("passkey_added", api.post("/api/account/passkeys", {"name": "Laptop", **passkey.create(options)}), 201)
    step("passkey_logout", api.post("/api/auth/logout"), 200)
    options = step("passwordless_options", api.post("/api/auth/passkey-login/options"), 200).body["options"]
    step("passwordless", api.post("/api/auth/passkey-login", passkey.get(options)), 200)
    # What no route answers
    answers["unknown_route"] = api.get("/api/bestaat-niet")
    answers["unknown_method"] = api.request("DELETE", "/api/auth/login")
    answers["form_post"] = api.post("/api/auth/login", raw="username=a&password=b",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    answers["around_cloudfront"] = api.post("/api/auth/login", werkgever, through_cloudfront=False)
    # The background functions, as their triggers call them
    answers["planner"] = shipped.function("DigestPlanner").invoke(scheduler_event(shipped, "DigestPlanner"))
    answers["sender"] = [shipped.function("DigestSender").invoke(batch) for batch in digest_batches(shipped)]
    # SES's Send event of that weekly email (the tags the sender gave it), then a bounce of the address
    answers["sent"] = shipped.function("EmailFeedback").invoke(send_event(shipped, WERKGEVER_EMAIL, {
        "digest_user": answers["me"].body["user_id"], "digest_week": answers["planner"].result["week"]}))
    answers["feedback"] = shipped.function("EmailFeedback").invoke(bounce_event(shipped, WERKGEVER_EMAIL))
    answers["purge"] = shipped.function("RetentionPurge").invoke(scheduler_event(shipped, "RetentionPurge"))
    return answers


def documents_bucket(shipped) -> str:
    (properties,) = [p for p in shipped.deployed.resources("AWS::S3::Bucket").values()
                     if "documents" in json.dumps(p.get("BucketName", ""))]
    return shipped.deployed.resolve(properties["BucketName"])


def post_upload(shipped, form: dict, data: bytes) -> str:
    """The browser's POST of the signed form to the bucket: held to its policy as S3 holds it (infra/local/uploads.py:
    moto ignores POST policies), then stored as S3 stores it, encrypted as the form's fields say. Returns the key."""
    bucket = documents_bucket(shipped)
    fields = form["fields"]
    key = uploads.verify(bucket, fields, data)
    shipped.deployed.client("s3").put_object(
        Bucket=bucket, Key=key, Body=data, ContentType=fields["Content-Type"],
        ServerSideEncryption=fields["x-amz-server-side-encryption"],
        SSEKMSKeyId=fields["x-amz-server-side-encryption-aws-kms-key-id"])
    return key


def guardduty_tags(shipped, key: str, status: str) -> None:
    """What GuardDuty Malware Protection does with its own role when it has scanned an object."""
    shipped.deployed.client("s3").put_object_tagging(Bucket=documents_bucket(shipped), Key=key,
                                                     Tagging={"TagSet": [{"Key": SCAN_TAG, "Value": status}]})


def routed_to_check(shipped, event: dict) -> dict:
    """`event`, after checking that one of the template's EventBridge rules sends it to DocumentCheck."""
    check = shipped.function("DocumentCheck").arn
    rules = [rule for rule in shipped.deployed.resources("AWS::Events::Rule").values()
             if check in [shipped.deployed.resolve(target["Arn"]) for target in rule["Targets"]]]
    matching = [rule for rule in rules if EventPattern.load(json.dumps(
        shipped.deployed.resolve(rule["EventPattern"]))).matches_event(event)]
    assert len(matching) == 1, f"{len(matching)} rules send this {event['detail-type']} event to the check"
    return event


def object_created_event(shipped, key: str) -> dict:
    """S3's Object Created event of a browser's POST, as EventBridge delivers it (the bucket sends its events there)."""
    bucket = documents_bucket(shipped)
    head = shipped.deployed.client("s3").head_object(Bucket=bucket, Key=key)
    return routed_to_check(shipped, {
        "version": "0", "id": str(uuid.uuid4()), "detail-type": "Object Created", "source": "aws.s3",
        "account": ACCOUNT, "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "region": shipped.region,
        "resources": [f"arn:aws:s3:::{bucket}"],
        "detail": {"version": "0", "bucket": {"name": bucket},
                   "object": {"key": key, "size": head["ContentLength"], "etag": head["ETag"].strip('"'),
                              "version-id": head.get("VersionId", ""), "sequencer": "0062E99A88DC407460"},
                   "request-id": str(uuid.uuid4()), "requester": ACCOUNT, "source-ip-address": "192.0.2.1",
                   "reason": "PostObject"}})


def scan_result_event(shipped, key: str, status: str) -> dict:
    """GuardDuty Malware Protection's scan result of one object, as it publishes it to the default event bus."""
    bucket = documents_bucket(shipped)
    (plan,) = shipped.deployed.resources("AWS::GuardDuty::MalwareProtectionPlan").values()
    assert any(key.startswith(prefix) for prefix in plan["ProtectedResource"]["S3Bucket"]["ObjectPrefixes"])
    head = shipped.deployed.client("s3").head_object(Bucket=bucket, Key=key)
    return routed_to_check(shipped, {
        "version": "0", "id": str(uuid.uuid4()), "detail-type": "GuardDuty Malware Protection Object Scan Result",
        "source": "aws.guardduty", "account": ACCOUNT, "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": shipped.region,
        "resources": [f"arn:aws:guardduty:{shipped.region}:{ACCOUNT}:malware-protection-plan/b4c7f464ab3a4example"],
        "detail": {"schemaVersion": "1.0", "scanStatus": "COMPLETED", "resourceType": "S3_OBJECT",
                   "s3ObjectDetails": {"bucketName": bucket, "objectKey": key, "eTag": head["ETag"].strip('"'),
                                       "versionId": head.get("VersionId", ""), "s3Throttled": False},
                   "scanResultDetails": {"scanResultStatus": status, "threats": None}}})


def digest_batches(shipped) -> list[dict]:
    """What the SQS event source mapping hands the sender: the planner's messages as SQS records, ten at most.

    The mapping itself receives and (after a success) deletes with the sender's role; those calls are
    recorded on the sender as the event source mapping's."""
    queue_url = shipped.deployed.resolve(
        shipped.function("DigestPlanner").environment["DIGEST_QUEUE_URL"])
    sqs = shipped.deployed.client("sqs")
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"])
    records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                "attributes": m["Attributes"], "messageAttributes": {}, "md5OfBody": m["MD5OfBody"],
                "eventSource": "aws:sqs", "eventSourceARN": queue_arn, "awsRegion": shipped.region}
               for m in messages.get("Messages", [])]
    return [{"Records": records}] if records else []


def event_source_mapping_calls(shipped) -> list[dict]:
    """What Lambda's SQS event source mapping does with the sender's role: reads the queue's attributes,
    receives, and deletes the records the sender did not report as failed."""
    queue_url = shipped.deployed.resolve(shipped.function("DigestPlanner").environment["DIGEST_QUEUE_URL"])
    return [{"service": "sqs", "operation": operation, "params": {"QueueUrl": queue_url}}
            for operation in ("GetQueueAttributes", "ReceiveMessage", "DeleteMessageBatch")]


def bounce_event(shipped, address: str) -> dict:
    """SES's Bounce event from the configuration set, as SNS delivers it to a subscribed function."""
    return ses_event(shipped, "Bounce", address, {"bounce": {
        "feedbackId": str(uuid.uuid4()), "bounceType": "Permanent", "bounceSubType": "General",
        "bouncedRecipients": [{"emailAddress": address, "action": "failed", "status": "5.1.1",
                               "diagnosticCode": "smtp; 550 5.1.1 user unknown"}],
        "timestamp": "2026-12-01T08:00:05.000Z", "reportingMTA": "dsn; a1-2.smtp-out.amazonses.com"}})


def send_event(shipped, address: str, tags: dict[str, str]) -> dict:
    """SES's Send event of an email sent with these message tags (SES hands them back in `mail.tags`)."""
    return ses_event(shipped, "Send", address, {"send": {}}, tags)


def ses_event(shipped, kind: str, address: str, detail: dict, tags: dict[str, str] | None = None) -> dict:
    """An event of the configuration set, through the topic its event destination for `kind` names, as SNS
    delivers it to a subscribed function."""
    destination = next(d["EventDestination"] for d in
                       shipped.deployed.resources("AWS::SES::ConfigurationSetEventDestination").values()
                       if kind.lower() in d["EventDestination"]["MatchingEventTypes"])
    topic_arn = shipped.deployed.resolve(destination["SnsDestination"]["TopicARN"])
    configuration_set = next(iter(shipped.deployed.resources("AWS::SES::ConfigurationSet").values()))["Name"]
    mail_tags = {"ses:configuration-set": [configuration_set], **{k: [v] for k, v in (tags or {}).items()}}
    ses = {"eventType": kind, **detail,
           "mail": {"timestamp": "2026-12-01T08:00:01.000Z", "messageId": str(uuid.uuid4()),
                    "destination": [address], "headersTruncated": False, "tags": mail_tags}}
    return {"Records": [{
        "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": f"{topic_arn}:{uuid.uuid4()}",
        "Sns": {"Type": "Notification", "MessageId": str(uuid.uuid4()), "TopicArn": topic_arn, "Subject": None,
                "Message": json.dumps(ses), "Timestamp": "2026-12-01T08:00:06.000Z", "SignatureVersion": "1",
                "Signature": "EXAMPLE", "SigningCertUrl": "https://sns.example/cert.pem",
                "UnsubscribeUrl": "https://sns.example/unsubscribe", "MessageAttributes": {}}}]}


# The journey, as a user and as ops would notice it


def test_the_werkgever_signs_in_with_password_and_sms_code(journey):
    assert journey["login"].body["next"] == "code" and journey["login"].body["method"] == "sms"
    assert journey["code"].body["user"]["name"] == "Wim Werkgever"
    assert journey["me"].body["name"] == "Wim Werkgever" and journey["me"].body["employer"]["name"] == "Demo BV"


def test_the_session_cookie_is_secure_http_only_and_strict(journey):
    cookie = next(line for line in journey["code"].headers["Set-Cookie"] if line.startswith("vp_session="))
    assert {"Secure", "HttpOnly", "SameSite=Strict"} <= {part.strip() for part in cookie.split(";")}


def test_a_ziekmelding_opens_tasks_and_a_task_can_be_ticked_off(journey):
    absence_id = journey["ziekmelding"].body["absence_id"]
    assert journey["ziekmelding"].body["employee_id"] == JAN and journey["ziekmelding"].body["tasks"]
    cases = journey["tasks"].body["cases"]  # home's "Nu te doen": Jan's, and the demo's sick employees
    assert absence_id in {case["absence_id"] for case in cases}
    assert all(task["absence_id"] == case["absence_id"] for case in cases for task in case["tasks"])
    assert journey["done"].body["status"] == "done" and journey["done"].body["done_by"]


def test_an_uploaded_document_is_released_after_its_type_check_and_guardduty_scan(shipped, journey):
    key = journey["document_key"]
    assert journey["arrived"].error is None, journey["arrived"].error
    assert journey["arrived"].result == {"outcomes": {key: "scanning"}}, shipped.function("DocumentCheck").log()
    assert journey["scanned"].error is None, journey["scanned"].error
    assert journey["scanned"].result == {"outcomes": {key: "released"}}, shipped.function("DocumentCheck").log()
    (document,) = journey["documents"].body["documents"]
    assert (document["status"], document["filename"], document["type"]) == ("available", "pa.pdf", "probleemanalyse")
    # the released copy is under documents/, encrypted with the documents key; nothing is left in quarantine
    s3 = shipped.deployed.client("s3")
    released = s3.head_object(Bucket=documents_bucket(shipped), Key=key.replace("quarantine/", "documents/", 1))
    assert released["ServerSideEncryption"] == "aws:kms"
    assert released["SSEKMSKeyId"] == shipped.function("DocumentCheck").environment["DOCUMENTS_KMS_KEY_ID"]
    assert s3.list_objects_v2(Bucket=documents_bucket(shipped), Prefix="quarantine/")["KeyCount"] == 0
    # and the task it proves is done: no longer an open task a document could finish
    assert journey["proved_task"] not in journey["documents"].body["proves"]


def test_the_authenticator_app_is_set_up_and_signs_in(journey):
    assert journey["app_setup"].body["otpauth_uri"].startswith("otpauth://totp/")
    assert journey["app_confirm"].body["second_factor"] == "totp"
    assert journey["app_login"].body["method"] == "totp"
    assert journey["app_code"].body["user"]["name"] == "Wim Werkgever"


def test_a_passkey_is_added_and_signs_in_without_a_password(journey):
    assert journey["passkey_options"].body["options"]["authenticatorSelection"]["residentKey"] == "required"
    assert journey["passkey_added"].body["passkey"]["name"] == "Laptop"
    assert journey["passwordless"].body["user"]["name"] == "Wim Werkgever"


def test_what_no_route_answers_is_in_our_shape_in_dutch(journey):
    for name in ("unknown_route", "unknown_method"):
        answer = journey[name]
        assert answer.status == 404 and not answer.reached_function, name
        assert set(answer.body) == {"error", "message"} and answer.error == "not_found", answer.body
    form = journey["form_post"]
    assert form.status == 415 and form.error == "unsupported_media_type", form.body
    assert form.header("X-Request-Id")


def test_a_request_straight_to_api_gateway_around_cloudfront_is_refused(journey):
    answer = journey["around_cloudfront"]
    assert answer.status == 403 and not answer.reached_function
    assert set(answer.body) == {"error", "message"} and answer.error == "forbidden"


def test_the_weekly_email_reaches_the_werkgever_once_and_names_only_a_count(shipped, journey):
    planner = journey["planner"]
    assert planner.error is None, planner.error
    # the werkgever and the leidinggevende of Magazijn, where Jan and Kees are sick and Zoë expects (infra/local/seed)
    assert planner.result["users"] == 2 and planner.result["resume_after"] is None
    assert [batch.error for batch in journey["sender"]] == [None]
    assert journey["sender"][0].result == {"batchItemFailures": []}
    emails = [m for m in emails_to(shipped, WERKGEVER_EMAIL)
              if re.fullmatch(r"Verzuimportaal: \d+ taken open", m.subject)]
    assert len(emails) == 1
    assert re.search(r"Er staan in Verzuimportaal \d+ taken voor u open", emails[0].body)
    for private in ("Jan", "Vries", "Kees", "Demo BV", "arbodienst"):
        assert private not in emails[0].body
    # the leidinggevende's count is made from her departments' open tasks (an index her role may read)
    [lotte] = [m for m in emails_to(shipped, "lotte@demo-bv.nl") if m.subject.startswith("Verzuimportaal:")]
    assert lotte.subject == emails[0].subject


def test_a_hard_bounce_from_ses_stops_the_weekly_email(journey):
    assert journey["feedback"].error is None, journey["feedback"].error
    assert journey["feedback"].result == {"marked": 1, "confirmed": 0}


def test_ses_send_event_of_the_weekly_email_finds_it_recorded_already(journey):
    # the sender recorded it itself; the event is its backstop (services/digest.py) and its role allows the write
    assert journey["sent"].error is None, journey["sent"].error
    assert journey["sent"].result == {"marked": 0, "confirmed": 0}


def test_the_daily_retention_purge_runs_on_its_schedule(journey):
    purge = journey["purge"]
    assert purge.error is None, purge.error
    assert isinstance(purge.result, dict) and all(isinstance(v, int) for v in purge.result.values())


def test_traces_reach_the_x_ray_daemon(shipped, journey):
    assert shipped.received_trace_segments() > 0


# Least privilege, proven: every call allowed by the function's own role, and no permission left unexplained


def role_statements(shipped, logical_id: str) -> list[iam.Statement]:
    role_ref = shipped.template["Resources"][logical_id]["Properties"]["Role"]["Fn::GetAtt"][0]
    return iam.statements_of(shipped.template["Resources"][role_ref]["Properties"], shipped.deployed.resolve)


def calls_of(shipped, logical_id: str) -> list[dict]:
    calls = shipped.function(logical_id).calls
    return calls + event_source_mapping_calls(shipped) if logical_id == "DigestSender" else calls


def requests_of(shipped, call: dict) -> list[iam.Request]:
    kms = shipped.deployed.client("kms")
    return iam.requests_of(call, shipped.region, ACCOUNT,
                           key_arn_of=lambda key: kms.describe_key(KeyId=key)["KeyMetadata"]["Arn"])


def test_every_aws_call_is_allowed_by_the_functions_own_role(shipped, journey):
    refused = []
    for logical_id in shipped.functions:
        statements = role_statements(shipped, logical_id)
        for call in calls_of(shipped, logical_id):
            for request in requests_of(shipped, call):
                if iam.allowed_by(statements, request) is None:
                    refused.append(f"{logical_id}: {request.action} on {request.resource} {dict(request.context)}")
    assert refused == [], "calls the function's role does not allow:\n" + "\n".join(refused)


@dataclass(frozen=True)
class Unexercised:
    """A permission on a data service that this journey does not use, and why the role keeps it."""
    function: str
    sid: str
    action: str
    resource: str
    """An IAM-style pattern on the granted resource (the table's name is enough: `*-sessions`)."""
    reason: str

    def explains(self, function: str, permission: iam.Permission) -> bool:
        return (fnmatch.fnmatchcase(function, self.function) and fnmatch.fnmatchcase(permission.sid, self.sid)
                and fnmatch.fnmatchcase(permission.action, self.action)
                and fnmatch.fnmatchcase(permission.resource, self.resource))


UNEXERCISED = (
    Unexercised("*", "TableKeyThroughDynamoDB", "kms:*", "*",
                "DynamoDB uses the tables' key on the function's behalf (kms:ViaService); no call names it"),
    Unexercised("*", "SendEmailFromOurDomain", "ses:SendEmail", "*:configuration-set/*",
                "the sending identity's default configuration set, which SES applies to every email"),
    Unexercised("*", "FailedInvocations", "sqs:SendMessage", "*-async-failures",
                "Lambda itself sends an asynchronous invocation that failed every try there, with the role"),
    Unexercised("APIHandler", "Table*", "dynamodb:*", "*",
                "routes outside this journey; tests/api checks every route's calls against infra/aws/access.py, "
                "from which this role is built"),
    Unexercised("DigestPlanner", "Table*", "dynamodb:UpdateItem", "*-employers",
                "clears the open-tasks flag of an employer whose count is back at 0; none is, here"),
    Unexercised("DigestPlanner", "Table*", "dynamodb:BatchGetItem", "*-users",
                "reads the users given access to a flagged employer (an omgeving); Demo BV has none"),
    Unexercised("DigestSender", "Table*", "dynamodb:UpdateItem", "*-users",
                "marks an address SES rejected at sending; SES accepts every address here"),
    Unexercised("DigestSender", "Table*", "dynamodb:GetItem", "*-digest-sends",
                "reads a refused claim (another sender's, or its own whose answer was lost); every claim is new here"),
    Unexercised("DigestSender", "Table*", "dynamodb:DeleteItem", "*-digest-sends",
                "gives a claim back after a failed send; no send fails here"),
    Unexercised("*", "DocumentsKeyThroughS3", "kms:*", "*",
                "S3 uses the documents key on the function's behalf (kms:ViaService) to encrypt and read an object; "
                "no call names it"),
    Unexercised("APIHandler", "Objects*", "s3:*", "*",
                "presigned: the browser's upload (PutObject) and download (GetObject) are signed with this role, and "
                "signing makes no AWS call; this journey's upload is checked against its signed policy instead"),
    Unexercised("DocumentCheck", "Table*", "dynamodb:GetItem", "*-employers",
                "reads the employer's retention rules when the case of the task a document finishes is closed "
                "already (the task's purge date); Jan's case is open"),
    Unexercised("RetentionPurge", "Objects*", "s3:DeleteObject", "*",
                "deletes the documents of a case whose bewaartermijn passed; none has in a new deployment "
                "(tests/api/test_retention.py runs the clock forward)"),
    Unexercised("RetentionPurge", "Table*", "dynamodb:*", "*",
                "removes what passed its bewaartermijn; nothing has in a new deployment (tests/api/test_retention.py "
                "runs the clock forward)"),
)


def test_no_permission_on_a_data_service_goes_unused_without_a_reason(shipped, journey):
    unused: dict[tuple[str, str], list[str]] = {}
    for logical_id in shipped.functions:
        statements = role_statements(shipped, logical_id)
        used = {iam.allowed_by(statements, request) for call in calls_of(shipped, logical_id)
                for request in requests_of(shipped, call)}
        for permission in (p for s in statements for p in s.grants() if p.action.split(":")[0] in DATA_SERVICES):
            if permission not in used:
                reason = next((u.reason for u in UNEXERCISED if u.explains(logical_id, permission)), "")
                name = permission.resource.rsplit(":", 1)[-1].removeprefix(f"table/verzuimportaal-{shipped.stage}-")
                unused.setdefault((logical_id, reason), []).append(f"{permission.action.split(':')[1]} {name}")
    print(f"\n[{shipped.stage}] permissions on data services that no call of this run used:")
    for (logical_id, reason), permissions in sorted(unused.items()):
        print(f"  {logical_id}: {', '.join(permissions)}\n    — {reason or 'NO REASON'}")
    unexplained = [f"{logical_id}: {', '.join(permissions)}" for (logical_id, reason), permissions in unused.items()
                   if not reason]
    assert unexplained == [], "unused and unexplained (remove them, or list them in UNEXERCISED with the reason):\n" \
        + "\n".join(unexplained)


def test_no_function_scans_a_table(shipped, journey):
    scans = [(logical_id, call["params"].get("TableName")) for logical_id in shipped.functions
             for call in calls_of(shipped, logical_id) if call["operation"] == "Scan"]
    assert scans == []
