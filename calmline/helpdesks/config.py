"""The policy's ``[helpdesks.<name>]`` sections, read strictly like the rest of the policy.

A connection names the helpdesk, its base URL, what calmline writes back, the tag names
and where the credentials come from — environment variable *names* or a secrets file, never
the secrets themselves, so the policy (also stored in the database when edited in the web
app) holds nothing that opens the helpdesk::

    [helpdesks.zendesk]
    base_url = "https://example.zendesk.com"
    credentials = { email = "CALMLINE_ZENDESK_EMAIL", token = "CALMLINE_ZENDESK_TOKEN" }
    write_note = true
    write_tags = true
    write_priority = true
    origin = "https://example.zendesk.com"
    tags = { hot = "calmline-hot", violence = "calmline-violence" }
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from calmline.helpdesks.base import Connection, TagNames

KINDS = ("zendesk", "freshdesk", "chatwoot", "zammad")
KEYS = (
    "base_url",
    "credentials",
    "secrets_file",
    "account",
    "write_note",
    "write_tags",
    "write_priority",
    "tags",
    "origin",
)
CREDENTIALS = {
    "zendesk": ("email", "token"),
    "freshdesk": ("api_key",),
    "chatwoot": ("token",),
    "zammad": ("token",),
}
Fail = Callable[[str, str], Exception]


def _url(value: Any, key: str, fail: Fail) -> str:
    if not isinstance(value, str):
        raise fail(key, "must be a URL (https://…)")
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise fail(key, "must be a URL (https://…)")
    return value.rstrip("/")


def _origin(value: Any, key: str, fail: Fail) -> str:
    parts = urlsplit(_url(value, key, fail))
    if parts.path or parts.query:
        raise fail(key, "an origin is scheme://host[:port], nothing after it")
    return f"{parts.scheme}://{parts.netloc}"


def parse_connections(data: Any, fail: Fail) -> tuple[Connection, ...]:
    """Every configured helpdesk; ``fail(key, reason)`` builds the one-line policy error."""
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise fail("helpdesks", "must be a table of [helpdesks.<name>] tables")
    out = []
    for name, table in data.items():
        key = f"helpdesks.{name}"
        if name not in KINDS:
            raise fail(key, f"unknown helpdesk (known: {', '.join(KINDS)})")
        if not isinstance(table, dict):
            raise fail(key, "must be a table")
        unknown = sorted(set(table) - set(KEYS))
        if unknown:
            raise fail(f"{key}.{unknown[0]}", f"unknown key (known: {', '.join(KEYS)})")
        if "base_url" not in table:
            raise fail(f"{key}.base_url", "missing")
        creds = table.get("credentials", {})
        if not isinstance(creds, dict) or not all(isinstance(v, str) for v in creds.values()):
            raise fail(f"{key}.credentials", "must be a table of environment variable names")
        for cred in creds:
            if cred not in CREDENTIALS[name]:
                raise fail(
                    f"{key}.credentials.{cred}", f"not one of {', '.join(CREDENTIALS[name])}"
                )
        if not creds and "secrets_file" not in table:
            raise fail(f"{key}.credentials", "name the environment variables (or a secrets_file)")
        flags = {}
        for flag in ("write_note", "write_tags", "write_priority"):
            value = table.get(flag, True)
            if not isinstance(value, bool):
                raise fail(f"{key}.{flag}", "must be true or false")
            flags[flag] = value
        tags = table.get("tags", {})
        if not isinstance(tags, dict) or not all(
            k in ("hot", "threat", "hazard", "violence") and isinstance(v, str) and v.strip()
            for k, v in tags.items()
        ):
            raise fail(f"{key}.tags", 'a table of hot, threat, hazard, violence = "tag name"')
        for opt in ("secrets_file", "account"):
            if opt in table and not isinstance(table[opt], str | int):
                raise fail(f"{key}.{opt}", "must be a string")
        if name == "chatwoot" and "account" not in table:
            raise fail(f"{key}.account", "missing (Chatwoot's account id)")
        origin = table.get("origin")
        out.append(
            Connection(
                name=name,
                base_url=_url(table["base_url"], f"{key}.base_url", fail),
                credentials=dict(creds),
                secrets_file=table.get("secrets_file"),
                account=str(table["account"]) if "account" in table else None,
                tags=TagNames(**{k: v.strip() for k, v in tags.items()}),
                origin=_origin(origin, f"{key}.origin", fail) if origin is not None else None,
                **flags,
            )
        )
    return tuple(out)
