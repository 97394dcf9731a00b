"""The IAM evaluator the package test trusts: it must refuse what IAM refuses, or its "allowed" means nothing."""
from __future__ import annotations

import pytest

from tests.support import iam

TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/verzuimportaal-dev-users"


def statements(*raw: dict) -> list[iam.Statement]:
    return iam.statements_of({"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": list(raw)}}]},
                             lambda value: value)


def test_an_action_on_a_table_is_allowed_only_on_that_table_and_not_on_its_indexes():
    policy = statements({"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": [TABLE]})
    assert iam.allowed_by(policy, iam.Request("dynamodb:GetItem", TABLE))
    assert iam.allowed_by(policy, iam.Request("dynamodb:GetItem", TABLE + "-x")) is None
    assert iam.allowed_by(policy, iam.Request("dynamodb:GetItem", TABLE + "/index/by_email")) is None
    assert iam.allowed_by(policy, iam.Request("dynamodb:PutItem", TABLE)) is None


def test_wildcards_match_as_in_iam_and_actions_ignore_case():
    policy = statements({"Effect": "Allow", "Action": "dynamodb:Get*", "Resource": TABLE + "/index/*"})
    assert iam.allowed_by(policy, iam.Request("DynamoDB:GetItem", TABLE + "/index/by_email"))
    assert iam.allowed_by(policy, iam.Request("dynamodb:Query", TABLE + "/index/by_email")) is None


def test_not_resource_allows_sms_to_a_number_but_no_topic():
    policy = statements({"Effect": "Allow", "Action": "sns:Publish", "NotResource": "arn:aws:sns:*:*:*"})
    assert iam.allowed_by(policy, iam.Request("sns:Publish", "+31612345678"))
    assert iam.allowed_by(policy, iam.Request("sns:Publish", "arn:aws:sns:eu-west-1:1:alarms")) is None


def test_the_totp_key_is_usable_only_with_exactly_a_user_id_context():
    policy = statements({"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "arn:aws:kms:k",
                         "Condition": {"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["user_id"]},
                                       "Null": {"kms:EncryptionContext:user_id": "false"}}})
    with_user = (("kms:encryptioncontextkeys", ("user_id",)), ("kms:encryptioncontext:user_id", "u1"))
    assert iam.allowed_by(policy, iam.Request("kms:Decrypt", "arn:aws:kms:k", with_user))
    # no context at all: ForAllValues alone would hold, the Null condition refuses it
    assert iam.allowed_by(policy, iam.Request("kms:Decrypt", "arn:aws:kms:k")) is None
    other = (("kms:encryptioncontextkeys", ("tenant", "user_id")), ("kms:encryptioncontext:user_id", "u1"))
    assert iam.allowed_by(policy, iam.Request("kms:Decrypt", "arn:aws:kms:k", other)) is None


def test_string_equals_on_the_sender_address():
    policy = statements({"Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*",
                         "Condition": {"StringEquals": {"ses:FromAddress": "no-reply@dev.verzuimportaal.nl"}}})
    ours = (("ses:fromaddress", "no-reply@dev.verzuimportaal.nl"),)
    assert iam.allowed_by(policy, iam.Request("ses:SendEmail", "arn:x", ours))
    assert iam.allowed_by(policy, iam.Request("ses:SendEmail", "arn:x", (("ses:fromaddress", "a@b.nl"),))) is None


def test_statements_it_does_not_understand_are_refused_not_guessed():
    with pytest.raises(ValueError):
        statements({"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*"})
    policy = statements({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                         "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}})
    with pytest.raises(ValueError):
        iam.allowed_by(policy, iam.Request("kms:Decrypt", "arn:aws:kms:k"))


def test_a_transaction_needs_each_items_own_action_and_a_batch_its_table():
    transact = {"service": "dynamodb", "operation": "TransactWriteItems",
                "params": {"TransactItems": [["Put", "t1"], ["ConditionCheck", "t2"], ["Delete", "t1"]]}}
    requests = iam.requests_of(transact, "eu-west-1", "1", key_arn_of=str)
    assert [(r.action, r.resource.rsplit("/", 1)[-1]) for r in requests] == [
        ("dynamodb:PutItem", "t1"), ("dynamodb:ConditionCheckItem", "t2"), ("dynamodb:DeleteItem", "t1")]
    batch = {"service": "sqs", "operation": "SendMessageBatch",
             "params": {"QueueUrl": "http://127.0.0.1:5000/123456789012/verzuimportaal-dev-digest"}}
    assert iam.requests_of(batch, "eu-west-1", "1", key_arn_of=str) == [
        iam.Request("sqs:SendMessage", "arn:aws:sqs:eu-west-1:1:verzuimportaal-dev-digest")]
