"""A synthesised template's data resources made on a moto server, from the template's own definitions.

Tables (keys, indexes, TTL, encryption), queues (with their redrive), KMS keys and aliases, SNS topics, S3
buckets (versioning, default encryption) and the SES identity with its configuration set are created exactly as
the template declares them — never from
`chalicelib/store` — so a key or name that differs between `infra/` and the code fails the code's calls.
`resolve` evaluates the template's intrinsic functions against what was made (and the pseudo parameters),
which gives each function its environment and each role its policy with real ARNs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import boto3

ACCOUNT = "123456789012"
"""moto's default account."""

_SUB = re.compile(r"\$\{([^}!][^}]*)\}")
_SECRET = re.compile(r"\{\{resolve:secretsmanager:(.+?):SecretString:([^:]*):([^:]*):([^}]*)\}\}")


class Unresolvable(KeyError):
    """A reference to something the template does not define or this module does not make."""


@dataclass
class Deployed:
    template: dict
    region: str
    endpoint: str
    account: str = ACCOUNT
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per logical id: "Ref" and the attributes Fn::GetAtt can name ("Arn", "QueueUrl", …)."""

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name=self.region, endpoint_url=self.endpoint,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def resources(self, kind: str) -> dict[str, dict]:
        return {name: resource.get("Properties", {}) for name, resource in self.template["Resources"].items()
                if resource["Type"] == kind}

    # The intrinsic functions CDK and SAM write into our templates

    def resolve(self, value: Any) -> Any:
        if isinstance(value, str):
            return _SECRET.sub(lambda match: self._secret(match.group(1), match.group(2)), value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) != 1 or not next(iter(value)).startswith(("Ref", "Fn::")):
            return {key: self.resolve(item) for key, item in value.items()}
        (function, argument), = value.items()
        if function == "Ref":
            return self._ref(argument)
        if function == "Fn::GetAtt":
            name, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
            return self._attribute(name, attribute)
        if function == "Fn::Join":
            separator, parts = argument
            return self.resolve(separator.join(str(self.resolve(part)) for part in parts))
        if function == "Fn::Sub":
            text, names = (argument, {}) if isinstance(argument, str) else argument
            return _SUB.sub(lambda match: str(self._sub(match.group(1), names)), text)
        if function == "Fn::Select":
            index, items = argument
            return self.resolve(items)[int(index)]
        if function == "Fn::Split":
            separator, text = argument
            return str(self.resolve(text)).split(separator)
        raise Unresolvable(f"intrinsic function {function} is not understood here")

    def _secret(self, secret_id: str, json_key: str) -> str:
        """A `{{resolve:secretsmanager:…}}` dynamic reference: the secret's current value."""
        value = self.client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"]
        return json.loads(value)[json_key] if json_key else value

    def _sub(self, name: str, names: dict) -> Any:
        if name in names:
            return self.resolve(names[name])
        if "." in name and not name.startswith("AWS::"):
            return self._attribute(*name.split(".", 1))
        return self._ref(name)

    def _ref(self, name: str) -> str:
        pseudo = {"AWS::AccountId": self.account, "AWS::Region": self.region, "AWS::Partition": "aws",
                  "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "test-stack", "AWS::NoValue": None}
        if name in pseudo:
            return pseudo[name]
        return self._attribute(name, "Ref")

    def _attribute(self, name: str, attribute: str) -> str:
        try:
            return self.attributes[name][attribute]
        except KeyError:
            kind = self.template["Resources"].get(name, {}).get("Type", "not in the template")
            raise Unresolvable(f"{name} ({kind}): {attribute} is not known to the test's deployment") from None

    # Making the resources

    def create(self) -> Deployed:
        """KMS keys and aliases, queues (dead-letter queues first), topics, tables, buckets, the SES identity; and
        the names and ARNs of the functions and roles, which other resources refer to."""
        self._keys()
        self._buckets()
        self._secrets()
        self._queues()
        self._topics()
        self._tables()
        self._email()
        self._names_only()
        return self

    def _keys(self) -> None:
        kms = self.client("kms")
        for name, properties in self.resources("AWS::KMS::Key").items():
            key = kms.create_key(Description=properties.get("Description", name),
                                 KeyUsage=properties.get("KeyUsage", "ENCRYPT_DECRYPT"),
                                 KeySpec=properties.get("KeySpec", "SYMMETRIC_DEFAULT"))["KeyMetadata"]
            self.attributes[name] = {"Ref": key["KeyId"], "Arn": key["Arn"], "KeyId": key["KeyId"]}
        for name, properties in self.resources("AWS::KMS::Alias").items():
            kms.create_alias(AliasName=properties["AliasName"], TargetKeyId=self.resolve(properties["TargetKeyId"]))
            self.attributes[name] = {"Ref": properties["AliasName"]}

    def _buckets(self) -> None:
        """Each bucket under its template name (CDK's unnamed ones under their logical id), versioned and
        encrypted by default as declared; bucket policies, CORS and lifecycles are AWS's to apply, not moto's."""
        s3 = self.client("s3")
        for name, properties in self.resources("AWS::S3::Bucket").items():
            bucket = self.resolve(properties["BucketName"]) if "BucketName" in properties else name.lower()
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": self.region})
            if properties.get("VersioningConfiguration", {}).get("Status") == "Enabled":
                s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
            encryption = self.resolve(properties.get("BucketEncryption"))
            if encryption:
                s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
                    {"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"],
                     **({"BucketKeyEnabled": rule["BucketKeyEnabled"]} if "BucketKeyEnabled" in rule else {})}
                    for rule in encryption["ServerSideEncryptionConfiguration"]]})
            self.attributes[name] = {"Ref": bucket, "Arn": f"arn:aws:s3:::{bucket}",
                                     "DomainName": f"{bucket}.s3.amazonaws.com",
                                     "RegionalDomainName": f"{bucket}.s3.{self.region}.amazonaws.com"}

    def _secrets(self) -> None:
        manager = self.client("secretsmanager")
        for name, properties in self.resources("AWS::SecretsManager::Secret").items():
            generate = properties.get("GenerateSecretString", {})
            value = manager.get_random_password(PasswordLength=generate.get("PasswordLength", 32),
                                                ExcludePunctuation=generate.get("ExcludePunctuation", False))
            arn = manager.create_secret(Name=properties.get("Name", name),
                                        SecretString=value["RandomPassword"])["ARN"]
            self.attributes[name] = {"Ref": arn, "Arn": arn}

    def _queues(self) -> None:
        sqs = self.client("sqs")
        queues = sorted(self.resources("AWS::SQS::Queue").items(), key=lambda item: "RedrivePolicy" in item[1])
        for name, properties in queues:
            attributes = {key: str(properties[key]) for key in
                          ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
                           "ReceiveMessageWaitTimeSeconds")
                          if key in properties}
            if "RedrivePolicy" in properties:
                attributes["RedrivePolicy"] = json.dumps(self.resolve(properties["RedrivePolicy"]))
            url = sqs.create_queue(QueueName=properties["QueueName"], Attributes=attributes)["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            self.attributes[name] = {"Ref": url, "QueueUrl": url, "Arn": arn, "QueueName": properties["QueueName"]}

    def _topics(self) -> None:
        sns = self.client("sns")
        for name, properties in self.resources("AWS::SNS::Topic").items():
            arn = sns.create_topic(Name=properties["TopicName"])["TopicArn"]
            self.attributes[name] = {"Ref": arn, "TopicArn": arn, "TopicName": properties["TopicName"]}

    def _tables(self) -> None:
        dynamodb = self.client("dynamodb")
        for name, properties in self.resources("AWS::DynamoDB::Table").items():
            request = {key: properties[key] for key in
                       ("TableName", "KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes",
                        "LocalSecondaryIndexes", "BillingMode") if key in properties}
            sse = self.resolve(properties.get("SSESpecification"))
            if sse:
                request["SSESpecification"] = {"Enabled": sse["SSEEnabled"], "SSEType": sse.get("SSEType", "KMS"),
                                               "KMSMasterKeyId": sse.get("KMSMasterKeyId")}
            table = dynamodb.create_table(**request)["TableDescription"]
            ttl = properties.get("TimeToLiveSpecification")
            if ttl and ttl.get("Enabled"):
                dynamodb.update_time_to_live(TableName=properties["TableName"], TimeToLiveSpecification={
                    "AttributeName": ttl["AttributeName"], "Enabled": True})
            self.attributes[name] = {"Ref": properties["TableName"], "Arn": table["TableArn"],
                                     "StreamArn": table.get("LatestStreamArn", "")}

    def _email(self) -> None:
        sesv2 = self.client("sesv2")
        for name, properties in self.resources("AWS::SES::ConfigurationSet").items():
            sesv2.create_configuration_set(ConfigurationSetName=properties["Name"])
            self.attributes[name] = {"Ref": properties["Name"]}
        for name, properties in self.resources("AWS::SES::EmailIdentity").items():
            configuration = self.resolve(properties.get("ConfigurationSetAttributes", {}))
            request = {"EmailIdentity": properties["EmailIdentity"]}
            if configuration.get("ConfigurationSetName"):
                request["ConfigurationSetName"] = configuration["ConfigurationSetName"]
            sesv2.create_email_identity(**request)
            self.attributes[name] = {"Ref": properties["EmailIdentity"]}

    def _names_only(self) -> None:
        """Functions, roles, log groups and the REST API exist only as names and ARNs here: the test runs the
        functions, and what they log is read from their processes."""
        for kind in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            for name, properties in self.resources(kind).items():
                function_name = properties.get("FunctionName", name)
                self.attributes[name] = {
                    "Ref": function_name,
                    "Arn": f"arn:aws:lambda:{self.region}:{self.account}:function:{function_name}"}
        for name in self.resources("AWS::IAM::Role"):
            self.attributes[name] = {"Ref": name, "Arn": f"arn:aws:iam::{self.account}:role/{name}"}
        for name, properties in self.resources("AWS::Logs::LogGroup").items():
            group = properties.get("LogGroupName", name)
            self.attributes[name] = {"Ref": group,
                                     "Arn": f"arn:aws:logs:{self.region}:{self.account}:log-group:{group}:*"}
        for name in self.resources("AWS::Serverless::Api"):
            self.attributes[name] = {"Ref": f"{name.lower()}id"}


def resources(template: dict, kind: str) -> dict[str, dict]:
    """The properties of a template's resources of one type, by logical id."""
    return {name: resource["Properties"] for name, resource in template["Resources"].items()
            if resource["Type"] == kind}
