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


def test_passkeys_belong_to_the_portals_own_domain_in_every_stage(monkeypatch):
    from infra.aws.stages import STAGES

    # Given the local stand-in's address (localhost: WebAuthn refuses an IP address as relying party)
    monkeypatch.setenv("PORTAL_URL", "http://localhost:8000")
    local = load_settings()
    # Then a passkey is made for localhost, from the stand-in's origin
    assert (local.webauthn_rp_id, local.webauthn_origin) == ("localhost", "http://localhost:8000")
    # And in each AWS stage for the portal's domain, from its https origin
    for stage in STAGES.values():
        for name, value in stage.environment().items():
            monkeypatch.setenv(name, value)
        found = load_settings()
        assert (found.webauthn_rp_id, found.webauthn_origin) == (stage.domain, f"https://{stage.domain}")
    assert load_settings().trusted_browser_days == 30
