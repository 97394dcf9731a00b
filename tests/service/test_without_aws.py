"""These tests run without AWS and without moto: a request that would leave the process fails the test, and a
store function the fake store lacks fails loudly instead of reaching DynamoDB."""
from __future__ import annotations

import boto3
import pytest

from chalicelib.services import employees
from tests.support.fake_store import AwsCallRefused, NotInFakeStore, refuse_aws_calls


def test_any_botocore_request_fails_pynamodbs_and_boto3s_alike():
    from chalicelib.store.models import User

    with pytest.MonkeyPatch.context() as patch:
        calls = refuse_aws_calls(patch)
        with pytest.raises(AwsCallRefused):
            User.get("user-1")
        with pytest.raises(AwsCallRefused):
            boto3.client("sts", region_name="eu-west-1").get_caller_identity()

    assert calls.tried == ["dynamodb.GetItem", "sts.GetCallerIdentity"]


def test_a_service_reaching_a_store_function_the_fake_lacks_fails_naming_it(deps, werkgever):
    with pytest.raises(NotInFakeStore, match=r"store\.employees\.search_candidates"):
        employees.search(deps, werkgever, "jan")
