"""A browser named from its User-Agent for a person to recognise ("Chrome 156 op Windows"): no location."""
from __future__ import annotations

UNKNOWN = "een onbekende browser"


def recognised(user_agent: str | None) -> str | None:
    """The description to keep with a session or sign-in; None when the browser is not recognised."""
    found = describe(user_agent)
    return None if found == UNKNOWN else found


def describe(user_agent: str | None) -> str:
    """Browser and system in Dutch words, from the ecosystem's parser (ua-parser), imported on first use."""
    if not user_agent:
        return UNKNOWN
    from ua_parser import parse

    found = parse(user_agent[:512])
    agent, system, device = found.user_agent, found.os, found.device
    if agent is None or agent.family == "Other":
        return UNKNOWN
    browser = f"{agent.family} {agent.major}" if agent.major else agent.family
    if (device is not None and device.family not in ("Other", "Spider")
            and (system is None or device.family != system.family)):
        return f"{browser} op {device.family}" + (f" ({system.family} {system.major})" if system else "")
    if system is not None and system.family != "Other":
        return f"{browser} op {system.family}" + (f" {system.major}" if system.major else "")
    return browser
