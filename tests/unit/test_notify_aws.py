"""The SES adapter tells throttling (retry later) from a rejected address (never retry) and other failures."""
from __future__ import annotations

import pytest
from botocore.stub import Stubber

from chalicelib.notify.aws import SesEmail
from chalicelib.notify.ports import SendFailed, SendRejected, SendThrottled


@pytest.mark.parametrize("code, kind", [("Throttling", SendThrottled), ("MessageRejected", SendRejected),
                                        ("AccountSendingPausedException", SendFailed)])
def test_ses_errors_are_classified(code, kind, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    ses = SesEmail("eu-west-1", "no-reply@verzuimportaal.nl")
    with Stubber(ses._client) as stub:
        stub.add_client_error("send_email", service_error_code=code, http_status_code=400)
        with pytest.raises(SendFailed) as raised:
            ses.send_email("wim@jansen.nl", "Onderwerp", "Tekst")

    assert type(raised.value) is kind
