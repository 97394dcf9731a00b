"""How "Nieuwe aanmelding op uw account" and Beveiliging name a browser: in Dutch words, never a crash."""
from __future__ import annotations

import pytest

from chalicelib.domain.browsers import UNKNOWN, describe

CHROME_ON_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                     "Chrome/156.0 Safari/537.36")
SAFARI_ON_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    "Version/17.5 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize(("user_agent", "described"), [
    (CHROME_ON_WINDOWS, "Chrome 156 op Windows 10"),
    (SAFARI_ON_IPHONE, "Mobile Safari 17 op iPhone (iOS 17)"),
    # a device the parser knows, on a system it does not: this answered the login with a 500 before
    ("SAMSUNG-SGH-E250/1.0 Firefox/120.0", "Firefox 120 op Samsung SGH-E250"),
    (None, UNKNOWN),
    ("", UNKNOWN),
    ("\x00" * 600, UNKNOWN),
])
def test_a_browser_is_named_by_name_version_and_device_or_system(user_agent, described):
    assert describe(user_agent) == described
