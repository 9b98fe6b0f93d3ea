"""What arrives over HTTP before a webhook is parsed: its signature, its signed time and
its JSON, each checked before anything is stored.

Each source has its own signature scheme, checked in constant time against the shared
secret configured for it (``CALMLINE_WEBHOOK_SECRETS='{"zendesk": "…"}'``):

- ``generic``: ``X-Calmline-Signature: sha256=<hex HMAC-SHA256(secret, body)>``;
- ``zendesk``: ``X-Zendesk-Webhook-Signature`` = base64 HMAC-SHA256 of the
  ``X-Zendesk-Webhook-Signature-Timestamp`` header followed by the body (Zendesk's scheme);
- ``chatwoot``: ``X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">``
  with ``X-Chatwoot-Timestamp``;
- ``freshdesk``: Freshdesk's automation webhooks cannot compute a signature; they can send
  a fixed header, so ``X-Calmline-Signature`` carries the shared secret itself (or a
  ``sha256=`` HMAC when a proxy in front can compute one);
- ``zammad``: ``X-Hub-Signature: sha1=<hex HMAC-SHA1(secret, body)>``, Zammad's webhook
  "HMAC SHA1 signature token" (it signs no time, so there is no replay window to check;
  each article is stored once by its id).

The body is read as bounded JSON (depth, integer size, no NaN/Infinity; strings made
storable), so a hostile payload is a 422, never a 500.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any


class WebhookError(ValueError):
    """A payload without what calmline needs: ``field: reason``."""


MAX_DEPTH = 32  # JSON nesting a helpdesk payload never needs more of
MAX_INT_DIGITS = 30  # ids and Unix times; a 5,000-digit integer is an attack, not an id
LATEST_TIME = 4_102_444_800  # 2100-01-01, the latest Unix time a message may carry


def _hex(secret: str, data: bytes) -> str:
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()


def _bytes(value: str) -> bytes:
    """A header as the bytes it arrived as (Starlette decodes headers as latin-1), so any
    character in it compares in constant time instead of raising on non-ASCII."""
    return value.encode("latin-1", "replace")


def _same(given: str, expected: str | bytes) -> bool:
    want = expected if isinstance(expected, bytes) else expected.encode()
    return hmac.compare_digest(_bytes(given), want)


def verify(source: str, headers: dict[str, str], body: bytes, secret: str) -> bool:
    """Whether the request carries a valid signature for ``source`` (headers lower-case)."""
    if source == "zendesk":
        stamp = headers.get("x-zendesk-webhook-signature-timestamp", "")
        given = headers.get("x-zendesk-webhook-signature", "")
        digest = hmac.new(secret.encode(), _bytes(stamp) + body, hashlib.sha256).digest()
        return bool(stamp) and _same(given, base64.b64encode(digest))
    if source == "chatwoot":
        stamp = headers.get("x-chatwoot-timestamp", "")
        given = headers.get("x-chatwoot-signature", "")
        expected = "sha256=" + _hex(secret, _bytes(stamp) + b"." + body)
        return bool(stamp) and _same(given, expected)
    if source == "zammad":
        given = headers.get("x-hub-signature", "")
        mac = hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
        return _same(given, "sha1=" + mac)
    given = headers.get("x-calmline-signature", "")
    if _same(given, "sha256=" + _hex(secret, body)):
        return True
    return source == "freshdesk" and _same(given, secret)


def signed_at(source: str, headers: dict[str, str]) -> datetime | None:
    """When a signed timestamp says the request was made (Zendesk: ISO 8601, Chatwoot: Unix
    seconds); None for sources that sign no time, or a timestamp that does not parse."""
    if source == "zendesk":
        raw = headers.get("x-zendesk-webhook-signature-timestamp", "").strip()
        try:
            when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    if source == "chatwoot":
        raw = headers.get("x-chatwoot-timestamp", "").strip()
        # ASCII digits only: str.isdigit() also says yes to "²" (a latin-1 header byte),
        # which int() refuses; and no time after 2100 (a 12-digit one is beyond the year
        # 9999, which fromtimestamp refuses): both were a 500
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 12 or int(raw) > LATEST_TIME:
            return None
        return datetime.fromtimestamp(int(raw), UTC)
    return None


def fresh(source: str, headers: dict[str, str], now: datetime, tolerance: int) -> bool:
    """A signed timestamp within ``tolerance`` seconds of ``now`` (a replayed delivery from
    2001 is refused); sources that sign no time pass; ``tolerance`` 0 turns the check off."""
    if tolerance <= 0 or source not in ("zendesk", "chatwoot"):
        return True
    when = signed_at(source, headers)
    return when is not None and abs((now - when).total_seconds()) <= tolerance


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise WebhookError(f"body: a number of {len(text)} digits")
    return int(text)


def _no_constant(name: str) -> Any:
    raise WebhookError(f"body: {name} is not a number JSON allows")


def _depth(body: bytes) -> int:
    """The deepest nesting of ``body``'s arrays and objects (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _clean(value: Any) -> Any:
    """Every string made storable: NUL removed (PostgreSQL refuses it), lone surrogates
    replaced (no encoder accepts them) — the message is kept, not refused."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        return value
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def load(body: bytes) -> Any:
    """The JSON body, bounded: depth, integer size, no NaN/Infinity; strings made storable.
    Raises :class:`WebhookError` (a 422) for anything else."""
    if _depth(body) > MAX_DEPTH:
        raise WebhookError(f"body: nested deeper than {MAX_DEPTH} levels")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookError("body: not UTF-8") from None
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise WebhookError(f"body: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise WebhookError("body: nested too deeply") from None
    return _clean(data)
