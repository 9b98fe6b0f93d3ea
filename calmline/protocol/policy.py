"""The organisation's policy (``calmline.toml``): loaded once, validated strictly.

A typo in a policy silently changes what agents are told, so unknown keys are refused,
and every error names the file, the key and the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from calmline.helpdesks.base import Connection
from calmline.helpdesks.config import parse_connections
from calmline.languages.loader import SUPPORTED, WANTS

CHANNELS = ("email", "chat", "social_public", "social_private", "phone")
REGISTERS = ("formal", "informal")
CURRENCIES = ("EUR", "PLN", "GBP", "USD", "CHF")
AUTHORITY_FLAGS = ("exchange", "repair", "cancel", "callback")
RETENTION_KEYS = ("closed_case_days", "resolved_case_days")
MAX_RETENTION_DAYS = 36_500  # a hundred years; beyond, date arithmetic overflows


class PolicyError(ValueError):
    """An invalid policy: ``file: key: reason``."""


@dataclass(frozen=True)
class Authority:
    refund_limit: dict[str, float]
    compensation_limit: dict[str, float]
    exchange: bool
    repair: bool
    cancel: bool
    callback: bool


@dataclass(frozen=True)
class Retention:
    """How long finished cases are kept, in days after their last activity (0: forever).

    Keeping a customer's conversations no longer than needed is a data-protection duty;
    the default keeps everything, so upgrading never deletes data nobody asked to delete.
    """

    closed_case_days: int = 0
    resolved_case_days: int = 0


@dataclass(frozen=True)
class Policy:
    source: str
    name: str
    signature: dict[str, str]
    supported: tuple[str, ...]
    fallback: str
    register: dict[str, str]
    response_time: dict[str, int]
    agent: Authority
    supervisor: Authority
    refund_after_days: int
    compensation_for_delay: bool
    time_frames: dict[str, int]
    follow_up_days: int
    hot_after_agent_replies: int
    heat_threshold: float
    on_manager_request: bool
    on_violence: bool
    reply_length: dict[str, int]
    retention: Retention = field(default_factory=Retention)
    helpdesks: tuple[Connection, ...] = ()

    def helpdesk(self, name: str) -> Connection | None:
        return next((c for c in self.helpdesks if c.name == name), None)


def default_path() -> Path:
    return Path(str(resources.files("calmline.protocol").joinpath("default_policy.toml")))


class _Reader:
    """Walks the parsed TOML, checking types and refusing what it does not know."""

    def __init__(self, source: str, data: dict[str, Any]) -> None:
        self.source = source
        self.data = data

    def fail(self, key: str, reason: str) -> PolicyError:
        return PolicyError(f"{self.source}: {key}: {reason}")

    def table(self, key: str, allowed: tuple[str, ...] | None = None) -> dict[str, Any]:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise self.fail(key, "missing")
            node = node[part]
        if not isinstance(node, dict):
            raise self.fail(key, "must be a table")
        if allowed is not None:
            unknown = sorted(set(node) - set(allowed))
            if unknown:
                raise self.fail(f"{key}.{unknown[0]}", f"unknown key (known: {', '.join(allowed)})")
        return node

    def value(self, table: dict[str, Any], key: str, path: str, kind: type) -> Any:
        if key not in table:
            raise self.fail(f"{path}.{key}", "missing")
        v = table[key]
        ok = isinstance(v, kind) and not (kind in (int, float) and isinstance(v, bool))
        if kind is float and isinstance(v, int) and not isinstance(v, bool):
            ok, v = True, float(v)
        if not ok:
            raise self.fail(f"{path}.{key}", f"must be {kind.__name__}, not {type(v).__name__}")
        if kind in (int, float) and v < 0:
            raise self.fail(f"{path}.{key}", "must not be negative")
        return v

    def mapping(
        self, key: str, keys: tuple[str, ...], kind: type, complete: bool
    ) -> dict[str, Any]:
        table = self.table(key, keys)
        if complete:
            missing = [k for k in keys if k not in table]
            if missing:
                raise self.fail(f"{key}.{missing[0]}", "missing")
        return {k: self.value(table, k, key, kind) for k in table}

    def authority(self, key: str) -> Authority:
        table = self.table(key, ("refund_limit", "compensation_limit", *AUTHORITY_FLAGS))
        limits = {}
        for name in ("refund_limit", "compensation_limit"):
            raw = table.get(name)
            if not isinstance(raw, dict) or not raw:
                raise self.fail(f"{key}.{name}", "must be a table of amounts per currency")
            for cur in raw:
                if cur not in CURRENCIES:
                    raise self.fail(
                        f"{key}.{name}.{cur}", f"unknown currency ({', '.join(CURRENCIES)})"
                    )
                self.value(raw, cur, f"{key}.{name}", float)
            limits[name] = {c: float(a) for c, a in raw.items()}
        flags = {f: self.value(table, f, key, bool) for f in AUTHORITY_FLAGS}
        return Authority(limits["refund_limit"], limits["compensation_limit"], **flags)

    def retention(self) -> Retention:
        """The optional ``[retention]`` section: a policy written before it existed (a
        ``calmline.toml``, one saved in the web app) still loads and keeps every case."""
        if "retention" not in self.data:
            return Retention()
        table = self.table("retention", RETENTION_KEYS)
        days = {k: self.value(table, k, "retention", int) for k in table}
        for key, value in days.items():
            if value > MAX_RETENTION_DAYS:
                raise self.fail(f"retention.{key}", f"must be at most {MAX_RETENTION_DAYS}")
        return Retention(**days)


def parse_policy(text: str, source: str) -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML: {exc}") from None
    r = _Reader(source, data)
    top = (
        "organisation",
        "languages",
        "register",
        "response_time",
        "authority",
        "never",
        "time_frames",
        "follow_up",
        "escalation",
        "reply_length",
        "retention",
        "helpdesks",
    )
    unknown = sorted(set(data) - set(top))
    if unknown:
        raise r.fail(unknown[0], f"unknown section (known: {', '.join(top)})")
    org = r.table("organisation", ("name", "signature"))
    name = r.value(org, "name", "organisation", str)
    signature = r.mapping("organisation.signature", SUPPORTED, str, complete=False)
    langs = r.table("languages", ("supported", "fallback"))
    supported = langs.get("supported")
    if not isinstance(supported, list) or not supported:
        raise r.fail("languages.supported", "must be a non-empty list")
    for code in supported:
        if code not in SUPPORTED:
            raise r.fail("languages.supported", f"unsupported language {code!r}")
    fallback = r.value(langs, "fallback", "languages", str)
    if fallback not in supported:
        raise r.fail("languages.fallback", f"{fallback!r} is not in languages.supported")
    register = r.mapping("register", SUPPORTED, str, complete=False)
    for code, reg in register.items():
        if reg not in REGISTERS:
            raise r.fail(f"register.{code}", "must be 'formal' or 'informal'")
    r.table("authority", ("agent", "supervisor"))
    never = r.table("never", ("refund_after_days", "compensation_for_delay"))
    follow = r.table("follow_up", ("delay_days",))
    esc = r.table(
        "escalation",
        ("hot_after_agent_replies", "heat_threshold", "on_manager_request", "on_violence"),
    )
    heat_threshold = r.value(esc, "heat_threshold", "escalation", float)
    if not 0.0 < heat_threshold < 1.0:
        raise r.fail("escalation.heat_threshold", "must be between 0 and 1")
    return Policy(
        source=source,
        name=name,
        signature=signature,
        supported=tuple(supported),
        fallback=fallback,
        register=register,
        response_time=r.mapping("response_time", CHANNELS, int, complete=True),
        agent=r.authority("authority.agent"),
        supervisor=r.authority("authority.supervisor"),
        refund_after_days=r.value(never, "refund_after_days", "never", int),
        compensation_for_delay=r.value(never, "compensation_for_delay", "never", bool),
        time_frames=r.mapping("time_frames", WANTS, int, complete=False),
        follow_up_days=r.value(follow, "delay_days", "follow_up", int),
        hot_after_agent_replies=r.value(esc, "hot_after_agent_replies", "escalation", int),
        heat_threshold=heat_threshold,
        on_manager_request=r.value(esc, "on_manager_request", "escalation", bool),
        on_violence=r.value(esc, "on_violence", "escalation", bool),
        reply_length=r.mapping("reply_length", CHANNELS, int, complete=True),
        retention=r.retention(),
        helpdesks=parse_connections(data.get("helpdesks"), r.fail),
    )


def load_policy(path: Path | None = None) -> Policy:
    """The policy at ``path`` (default: the packaged one); :class:`PolicyError` if invalid."""
    p = path or default_path()
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{p}: cannot read: {exc}") from None
    return parse_policy(text, str(p))
