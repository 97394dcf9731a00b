"""Settings: safe defaults, and local mode that cannot be switched on inside AWS."""
from chalicelib.settings import load_settings


def test_defaults_follow_the_faq_and_the_issue(monkeypatch):
    monkeypatch.delenv("VP_LOCAL_MODE", raising=False)
    settings = load_settings()

    assert (settings.secretariat_phone, settings.secretariat_email) == ("0413-244211",
                                                                        "secretariaat@deverzuimmakelaar.nl")
    assert settings.invitation_seconds == 24 * 3600
    assert (settings.session_idle_seconds, settings.session_absolute_seconds) == (30 * 60, 12 * 3600)
    assert settings.lockout_threshold == 5 and settings.sms_code_seconds == 300
    assert (settings.argon2_memory_kib, settings.argon2_time_cost, settings.argon2_parallelism) == (19456, 2, 1)
    assert settings.local_mode is False


def test_local_mode_is_on_only_when_asked_for_outside_aws(monkeypatch):
    monkeypatch.setenv("VP_LOCAL_MODE", "1")
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda aws-chalice/1.34.0")  # Chalice sets this on import
    assert load_settings().local_mode is True

    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "verzuimportaal-dev")
    assert load_settings().local_mode is False
