"""The documents bucket in the synthesised stack (infra/aws/documents.py): private and under its own key, uploads
only from the portal's page, quarantine expiring by itself, every upload and every GuardDuty verdict routed to the
check, GuardDuty scanning quarantine/ only, and each function allowed only its own prefixes."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from infra.aws.stages import STAGES
from infra.local.headers import CONTENT_SECURITY_POLICY
from tests.support import iam
from tests.support.cloudformation import resources

ACCOUNT = "123456789012"
REGION = "eu-west-1"
OBJECT_FUNCTIONS = ("APIHandler", "DocumentCheck", "RetentionPurge")


def documents_bucket(template: dict) -> tuple[str, dict]:
    (found,) = [(name, properties) for name, properties in resources(template, "AWS::S3::Bucket").items()
                if "documents" in json.dumps(properties.get("BucketName", ""))]
    return found


def resolver(template: dict):
    """The template's references as real names and ARNs in account 123456789012 (what IAM would see)."""
    def resolve(value):
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {"Ref"}:
            pseudo = {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION, "AWS::Partition": "aws",
                      "AWS::URLSuffix": "amazonaws.com"}
            name = value["Ref"]
            if name in pseudo:
                return pseudo[name]
            resource = template["Resources"][name]
            if resource["Type"] == "AWS::S3::Bucket":
                return resolve(resource["Properties"]["BucketName"])
            return resource["Properties"].get("TableName", name)
        if set(value) == {"Fn::GetAtt"}:
            name, attribute = value["Fn::GetAtt"]
            resource = template["Resources"][name]
            if resource["Type"] == "AWS::DynamoDB::Table":
                return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{resource['Properties']['TableName']}"
            if resource["Type"] == "AWS::S3::Bucket":
                bucket = resolve(resource["Properties"]["BucketName"])
                return {"Arn": f"arn:aws:s3:::{bucket}",
                        "RegionalDomainName": f"{bucket}.s3.{REGION}.amazonaws.com"}[attribute]
            if resource["Type"] == "AWS::KMS::Key":
                return f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{name}"
            return f"arn:aws:{name}:{attribute}"
        if set(value) == {"Fn::Join"}:
            separator, parts = value["Fn::Join"]
            return separator.join(str(resolve(part)) for part in parts)
        return {key: resolve(item) for key, item in value.items()}
    return resolve


def role_of(template: dict, logical_id: str) -> list[iam.Statement]:
    role = template["Resources"][logical_id]["Properties"]["Role"]["Fn::GetAtt"][0]
    return iam.statements_of(template["Resources"][role]["Properties"], resolver(template))


def may(statements: list[iam.Statement], action: str, resource: str) -> bool:
    return iam.allowed_by(statements, iam.Request(action, resource)) is not None


def test_the_documents_bucket_is_private_versioned_retained_and_encrypted_with_its_own_key(dev, prod):
    for template, stage in ((dev, "dev"), (prod, "prod")):
        name, bucket = documents_bucket(template)
        assert resolver(template)({"Ref": name}) == f"verzuimportaal-{stage}-documents-{ACCOUNT}"
        assert bucket["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
        assert bucket["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
        assert template["Resources"][name]["DeletionPolicy"] == "Retain"
        (encryption,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert encryption["BucketKeyEnabled"] is True
        assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
        key = encryption["ServerSideEncryptionByDefault"]["KMSMasterKeyID"]["Fn::GetAtt"][0]
        assert template["Resources"][key]["Properties"]["EnableKeyRotation"] is True
        assert template["Resources"][key]["DeletionPolicy"] == "Retain"
        assert "Documents" in template["Resources"][key]["Properties"]["Description"]
        assert bucket["NotificationConfiguration"] == {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}


def test_the_bucket_refuses_plain_http_and_any_object_not_encrypted_with_the_documents_key(dev):
    name, bucket = documents_bucket(dev)
    key_arn = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"][
        "KMSMasterKeyID"]
    (policy,) = [p for p in resources(dev, "AWS::S3::BucketPolicy").values() if p["Bucket"] == {"Ref": name}]
    denied = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denied)
    conditions = [s["Condition"] for s in denied if s["Action"] == "s3:PutObject"]
    assert {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption": "aws:kms"}} in conditions
    assert {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption-aws-kms-key-id": key_arn}} in conditions
    without = next(s for s in denied if s["Condition"] == {"Null": {"s3:x-amz-server-side-encryption": "true"}})
    assert {part.split("/", 1)[1] for part in resolver(dev)(without["Resource"])} == {"quarantine/*", "documents/*"}


def test_only_the_stages_portal_may_post_an_upload_to_the_bucket(dev, prod):
    for template, stage in ((dev, "dev"), (prod, "prod")):
        _, bucket = documents_bucket(template)
        (rule,) = bucket["CorsConfiguration"]["CorsRules"]
        assert rule["AllowedOrigins"] == [STAGES[stage].portal_url]
        assert rule["AllowedMethods"] == ["POST"]
        assert "AllowedHeaders" not in rule and "ExposedHeaders" not in rule


def test_quarantine_expires_after_a_day_and_old_versions_after_a_week(dev):
    _, bucket = documents_bucket(dev)
    rules = {rule["Id"]: rule for rule in bucket["LifecycleConfiguration"]["Rules"]}
    assert all(rule["Status"] == "Enabled" for rule in rules.values())
    (quarantine,) = [rule for rule in rules.values() if rule.get("Prefix") == "quarantine/"]
    assert quarantine["ExpirationInDays"] == 1
    (whole,) = [rule for rule in rules.values() if "Prefix" not in rule]
    assert whole["NoncurrentVersionExpiration"] == {"NoncurrentDays": 7}
    assert whole["ExpiredObjectDeleteMarker"] is True
    assert whole["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 1}
    assert "ExpirationInDays" not in whole, "released documents go by the retention job, never by age alone"


def _rules(template: dict) -> dict[str, dict]:
    return {name: rule for name, rule in resources(template, "AWS::Events::Rule").items()
            if rule["Targets"][0]["Arn"] == {"Fn::GetAtt": ["DocumentCheck", "Arn"]}}


def _matches(template: dict, rule: dict, event: dict) -> bool:
    from moto.events.models import EventPattern

    return EventPattern.load(json.dumps(resolver(template)(rule["EventPattern"]))).matches_event(event)


def _object_created(bucket: str, key: str) -> dict:
    return {"version": "0", "detail-type": "Object Created", "source": "aws.s3", "account": ACCOUNT,
            "region": REGION, "resources": [f"arn:aws:s3:::{bucket}"],
            "detail": {"version": "0", "bucket": {"name": bucket}, "object": {"key": key, "size": 10},
                       "reason": "PostObject"}}


def _scan_result(bucket: str, key: str) -> dict:
    return {"version": "0", "detail-type": "GuardDuty Malware Protection Object Scan Result",
            "source": "aws.guardduty", "account": ACCOUNT, "region": REGION,
            "detail": {"schemaVersion": "1.0", "scanStatus": "COMPLETED", "resourceType": "S3_OBJECT",
                       "s3ObjectDetails": {"bucketName": bucket, "objectKey": key},
                       "scanResultDetails": {"scanResultStatus": "NO_THREATS_FOUND", "threats": None}}}


def test_every_upload_and_every_scan_result_in_quarantine_reach_the_check_and_nothing_else(dev):
    name, _ = documents_bucket(dev)
    bucket = resolver(dev)({"Ref": name})
    rules = _rules(dev)
    assert len(rules) == 2
    quarantined, released = "quarantine/e/a/d/1", "documents/e/a/d/1"
    for event, other in ((_object_created(bucket, quarantined), _scan_result(bucket, quarantined)),
                         (_scan_result(bucket, quarantined), _object_created(bucket, quarantined))):
        # Given one rule for each kind of event, each reaching the check
        (rule,) = [rule for rule in rules.values() if _matches(dev, rule, event)]
        assert not _matches(dev, rule, other)
        # Then neither a released copy nor another bucket's object reaches it
        moved = json.loads(json.dumps(event).replace(quarantined, released))
        assert not _matches(dev, rule, moved)
        assert not _matches(dev, rule, json.loads(json.dumps(event).replace(bucket, "someone-elses-bucket")))
        (target,) = rule["Targets"]
        assert target["RetryPolicy"] == {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 3}
        dead_letters = target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
        assert dev["Resources"][dead_letters]["Type"] == "AWS::SQS::Queue"


def test_eventbridge_may_invoke_the_check_only_for_these_rules_and_park_what_it_cannot_deliver(dev):
    rules = _rules(dev)
    permissions = [p for p in resources(dev, "AWS::Lambda::Permission").values()
                   if p["FunctionName"] == {"Fn::GetAtt": ["DocumentCheck", "Arn"]}]
    assert sorted(p["SourceArn"]["Fn::GetAtt"][0] for p in permissions) == sorted(rules)
    assert all(p["Principal"] == "events.amazonaws.com" and p["Action"] == "lambda:InvokeFunction"
               for p in permissions)
    (queue,) = {rule["Targets"][0]["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0] for rule in rules.values()}
    (policy,) = [p for p in resources(dev, "AWS::SQS::QueuePolicy").values() if p["Queues"] == [{"Ref": queue}]]
    sends = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert sorted(s["Condition"]["ArnEquals"]["aws:SourceArn"]["Fn::GetAtt"][0] for s in sends) == sorted(rules)
    assert any(queue in json.dumps(alarm) for alarm in resources(dev, "AWS::CloudWatch::Alarm").values())


def test_guardduty_scans_and_tags_quarantine_only(dev):
    name, _ = documents_bucket(dev)
    (plan,) = resources(dev, "AWS::GuardDuty::MalwareProtectionPlan").values()
    assert plan["ProtectedResource"]["S3Bucket"] == {"BucketName": {"Ref": name}, "ObjectPrefixes": ["quarantine/"]}
    assert plan["Actions"] == {"Tagging": {"Status": "ENABLED"}}
    role = dev["Resources"][plan["Role"]["Fn::GetAtt"][0]]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "malware-protection-plan.guardduty.amazonaws.com"}
    statements = iam.statements_of(role, resolver(dev))
    bucket = f"arn:aws:s3:::verzuimportaal-dev-documents-{ACCOUNT}"
    for action in ("s3:GetObject", "s3:PutObjectTagging", "s3:GetObjectTagging"):
        assert may(statements, action, f"{bucket}/quarantine/e/a/d/1"), action
        assert not may(statements, action, f"{bucket}/documents/e/a/d/1"), action
    assert may(statements, "s3:PutObject", f"{bucket}/malware-protection-resource-validation-object")
    assert not may(statements, "s3:PutObject", f"{bucket}/quarantine/e/a/d/1")
    for action in ("s3:PutBucketNotification", "s3:GetBucketNotification", "s3:ListBucket"):
        assert may(statements, action, bucket), action
    (key,) = [s for s in statements if any(a.startswith("kms:") for a in s.actions)]
    assert set(key.actions) == {"kms:GenerateDataKey", "kms:Decrypt"}
    assert key.conditions == {"StringEquals": {"kms:ViaService": f"s3.{REGION}.amazonaws.com"}}
    managed = next(s for s in statements if "events:PutRule" in s.actions)
    assert managed.conditions == {"StringLike": {"events:ManagedBy": "malware-protection-plan.guardduty.amazonaws.com"}}
    assert all(r.endswith(":rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*") for r in managed.resources)


def test_the_functions_that_use_the_bucket_are_told_where_it_is_and_to_wait_for_guardduty(dev, prod):
    for template in (dev, prod):
        name, bucket = documents_bucket(template)
        key = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"][
            "KMSMasterKeyID"]
        for logical_id in resources(template, "AWS::Serverless::Function"):
            variables = template["Resources"][logical_id]["Properties"]["Environment"]["Variables"]
            if logical_id in OBJECT_FUNCTIONS:
                assert variables["DOCUMENTS_BUCKET"] == {"Ref": name}, logical_id
                assert variables["DOCUMENTS_KMS_KEY_ID"] == key, logical_id  # its ARN: the bucket policy compares it
                assert variables["MALWARE_SCAN"] == "guardduty", logical_id
                assert "DOCUMENTS_LOCAL_URL" not in variables, "in AWS the browser posts to the bucket itself"
            else:
                assert "DOCUMENTS_BUCKET" not in variables, logical_id


def test_the_api_may_only_sign_uploads_into_quarantine_and_downloads_of_released_documents(dev):
    api = role_of(dev, "APIHandler")
    bucket = f"arn:aws:s3:::verzuimportaal-dev-documents-{ACCOUNT}"
    assert may(api, "s3:PutObject", f"{bucket}/quarantine/e/a/d/1")
    assert not may(api, "s3:PutObject", f"{bucket}/documents/e/a/d/1")
    assert may(api, "s3:GetObject", f"{bucket}/documents/e/a/d/1")
    assert not may(api, "s3:GetObject", f"{bucket}/quarantine/e/a/d/1")
    for action in ("s3:DeleteObject", "s3:GetObjectTagging", "s3:ListBucket", "s3:PutBucketPolicy"):
        assert not may(api, action, f"{bucket}/documents/e/a/d/1") and not may(api, action, bucket), action


def test_each_function_reaches_only_its_own_prefixes_and_the_key_only_through_s3(dev):
    bucket = f"arn:aws:s3:::verzuimportaal-dev-documents-{ACCOUNT}"
    check, purge = role_of(dev, "DocumentCheck"), role_of(dev, "RetentionPurge")
    # the check reads, reads the scan's tag of and deletes a quarantined upload, and writes the released copy
    for action in ("s3:GetObject", "s3:GetObjectTagging", "s3:DeleteObject"):
        assert may(check, action, f"{bucket}/quarantine/e/a/d/1") and not may(check, action, f"{bucket}/documents/x")
    assert may(check, "s3:PutObject", f"{bucket}/documents/e/a/d/1")
    assert not may(check, "s3:PutObject", f"{bucket}/quarantine/e/a/d/1")
    # the retention job deletes both, reads nothing
    for prefix in ("quarantine", "documents"):
        assert may(purge, "s3:DeleteObject", f"{bucket}/{prefix}/e/a/d/1")
        assert not may(purge, "s3:GetObject", f"{bucket}/{prefix}/e/a/d/1")
    for logical_id in resources(dev, "AWS::Serverless::Function"):
        statements = role_of(dev, logical_id)
        s3_resources = {r for s in statements if any(a.startswith("s3:") for a in s.actions) for r in s.resources}
        assert all(r.startswith((f"{bucket}/quarantine/", f"{bucket}/documents/"))
                   for r in s3_resources), (logical_id, s3_resources)
        documents_key = [s for s in statements if "DocumentsKey" in json.dumps(s.resources)]
        reads_or_writes = any(may(statements, f"s3:{a}", f"{bucket}/{p}/x") for a in ("GetObject", "PutObject")
                              for p in ("quarantine", "documents"))
        assert bool(documents_key) == reads_or_writes, logical_id
        for statement in documents_key:
            assert set(statement.actions) == {"kms:GenerateDataKey", "kms:Decrypt"}
            assert statement.conditions == {"StringEquals": {"kms:ViaService": f"s3.{REGION}.amazonaws.com"}}


def test_the_check_may_touch_only_the_tables_its_release_needs(dev):
    from infra.aws import access

    tables = {r.split(":table/")[1].split("/")[0] for s in role_of(dev, "DocumentCheck") for r in s.resources
              if ":table/" in r}
    assert tables == {f"verzuimportaal-dev-{t.table}" for t in access.DOCUMENT_CHECK.tables}
    assert tables == {f"verzuimportaal-dev-{t}" for t in ("documents", "audit", "absences", "tasks", "employers")}


def test_the_site_lets_the_browser_post_uploads_to_the_bucket_in_aws_only(dev):
    name, _ = documents_bucket(dev)
    (policy,) = resources(dev, "AWS::CloudFront::ResponseHeadersPolicy").values()
    csp = resolver(dev)(policy["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["ContentSecurityPolicy"][
        "ContentSecurityPolicy"])
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["connect-src"] == f"'self' https://verzuimportaal-dev-documents-{ACCOUNT}.s3.{REGION}.amazonaws.com"
    assert directives["form-action"] == "'self'" and directives["default-src"] == "'self'"
    assert "connect-src" not in CONTENT_SECURITY_POLICY, "locally the upload goes to the dev server itself"


def test_the_upload_form_the_api_signs_posts_to_the_origin_the_site_allows(dev, monkeypatch):
    from chalicelib.bucket import DocumentBucket, ObjectName

    # Given the API in AWS (no endpoint of a stand-in) and the dev stage's bucket
    for variable in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(variable, raising=False)
    bucket = f"verzuimportaal-dev-documents-{ACCOUNT}"
    form = DocumentBucket(bucket, f"arn:aws:kms:{REGION}:{ACCOUNT}:key/k", REGION).presign_upload(
        ObjectName("e", "a", "d", 1), "application/pdf", 1024, 300)
    # Then the browser's POST goes to the bucket's regional endpoint, which the connect-src above allows
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(form.url))
    assert origin == f"https://{bucket}.s3.{REGION}.amazonaws.com"
