"""The settings page as a form: what supervisors change (organisation name and signature,
registers, response targets, authority limits, the refund window, time frames, escalation,
reply lengths) without editing TOML.

The form does not build a policy of its own. It reads the stored policy's TOML, replaces
only the keys it carries, writes TOML again (``tomli_w``) and saves
it through :func:`calmline.store.config.save_policy` — the same strict loader and the same
audit (who, when, each key before and after) as the admins' TOML view
(``/settings/toml``). Helpdesk connections name environment variables and secrets files,
which belong with whoever runs the server, so they are shown here but edited there.

Numbers are typed as text and checked here, so a mistake gets one message naming the key
(``response_time.chat: a whole number of minutes``) instead of a browser's silent refusal;
the form's upper bounds keep date arithmetic from overflowing where the loader has none.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from tomli_w import dumps

from calmline.api.deps import StoreDep
from calmline.helpdesks.base import Connection
from calmline.languages.loader import SUPPORTED, WANTS
from calmline.protocol.policy import CHANNELS, CURRENCIES, PolicyError, parse_policy
from calmline.store.config import (
    SOURCE,
    flatten,
    policy_diff,
    policy_text,
    recent_changes,
    save_policy,
)
from calmline.web.auth import CsrfForm, SupervisorDep, WebUser
from calmline.web.pages import render

router = APIRouter(include_in_schema=False)

LANGUAGES = {"nl": "Dutch", "de": "German", "pl": "Polish", "en": "English"}
CHANNEL_NAMES = {
    "email": "E-mail",
    "chat": "Chat",
    "social_public": "Public social post",
    "social_private": "Private social message",
    "phone": "Phone",
}
WHOLE = re.compile(r"-?\d{1,9}")
AMOUNT = re.compile(r"-?\d{1,9}(?:\.\d{1,2})?")
FRACTION = re.compile(r"-?\d{0,3}(?:\.\d{1,6})?")
ERROR_KEY = re.compile(rf"^(?:{SOURCE}: )?([\w.]+): ")


class FormError(ValueError):
    """A value the form cannot turn into TOML: ``key: what is expected``."""


@dataclass(frozen=True)
class Field:
    """One input: ``key`` is the policy's dotted key and the input's name."""

    key: str
    label: str
    kind: str  # text, register, whole, amount, fraction, yesno
    unit: str = ""
    most: int = 0  # the largest whole number accepted (0: no whole number)
    optional: bool = False  # left empty, the key is removed (one language or currency)

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-")


@dataclass(frozen=True)
class Group:
    legend: str
    note: str
    fields: tuple[Field, ...]


def _limits(who: str) -> tuple[Field, ...]:
    return tuple(
        Field(
            f"authority.{who}.{kind}_limit.{cur}",
            f"{kind.capitalize()} ({cur})",
            "amount",
            optional=True,
        )
        for kind in ("refund", "compensation")
        for cur in CURRENCIES
    )


GROUPS = (
    Group(
        "Organisation",
        "The name, and the signature under every drafted e-mail per language.",
        (
            Field("organisation.name", "Organisation name", "text"),
            *(
                Field(
                    f"organisation.signature.{lang}", f"Signature ({name})", "text", optional=True
                )
                for lang, name in LANGUAGES.items()
            ),
        ),
    ),
    Group(
        "Registers",
        "Formal or informal address per language (u/je, Sie/du, Pan/Pani/ty).",
        tuple(Field(f"register.{lang}", LANGUAGES[lang], "register") for lang in SUPPORTED),
    ),
    Group(
        "Response targets",
        "Minutes until the first reply is overdue, per channel.",
        tuple(
            Field(
                f"response_time.{ch}", f"{CHANNEL_NAMES[ch]} (minutes)", "whole", "minutes", 525_600
            )
            for ch in CHANNELS
        ),
    ),
    Group(
        "Agent limits",
        "What an agent may grant without a manager, per currency (empty: none).",
        _limits("agent"),
    ),
    Group(
        "Supervisor limits",
        "What a supervisor may grant, per currency (empty: none).",
        _limits("supervisor"),
    ),
    Group(
        "Refunds and compensation",
        "What the organisation never grants, whoever asks.",
        (
            Field("never.refund_after_days", "Refund window (days)", "whole", "days", 36_500),
            Field("never.compensation_for_delay", "Compensation for delay", "yesno"),
        ),
    ),
    Group(
        "Time frames",
        "Working days that replies promise, per request (empty: none promised).",
        (
            *(
                Field(
                    f"time_frames.{w}",
                    w.replace("_", " ").capitalize(),
                    "whole",
                    "days",
                    3_650,
                    True,
                )
                for w in WANTS
            ),
            Field(
                "follow_up.delay_days", "Follow-up after resolving (days)", "whole", "days", 3_650
            ),
        ),
    ),
    Group(
        "Escalation",
        "When a supervisor is notified.",
        (
            Field(
                "escalation.hot_after_agent_replies",
                "Still hot after agent replies",
                "whole",
                "replies",
                1_000,
            ),
            Field("escalation.heat_threshold", "Heat threshold (0 to 1)", "fraction"),
            Field("escalation.on_manager_request", "On a request for a manager", "yesno"),
            Field("escalation.on_violence", "On violence", "yesno"),
        ),
    ),
    Group(
        "Reply lengths",
        "The longest reply, in characters, per channel.",
        tuple(
            Field(
                f"reply_length.{ch}",
                f"{CHANNEL_NAMES[ch]} (characters)",
                "whole",
                "characters",
                100_000,
            )
            for ch in CHANNELS
        ),
    ),
)
FIELDS = {f.key: f for g in GROUPS for f in g.fields}
MAX_TEXT = 500


def parse_value(field: Field, raw: str) -> Any:
    """The typed value of one input; ``None`` removes an optional key left empty."""
    text = raw.strip()
    if not text and field.optional:
        return None
    if field.kind in ("text", "register"):
        if not text:
            raise FormError(f"{field.key}: must not be empty")
        if len(text) > MAX_TEXT:
            raise FormError(f"{field.key}: at most {MAX_TEXT} characters")
        return text
    if field.kind == "yesno":
        if text not in ("yes", "no"):
            raise FormError(f"{field.key}: yes or no")
        return text == "yes"
    number = text.replace(",", ".")  # 49,50 as written in nl, de and pl
    if field.kind == "whole":
        if not WHOLE.fullmatch(number):
            raise FormError(f"{field.key}: a whole number of {field.unit}")
        value = int(number)
        if value > field.most:
            raise FormError(f"{field.key}: at most {field.most:,} {field.unit}")
        return value
    if field.kind == "amount":
        if not AMOUNT.fullmatch(number):
            raise FormError(f"{field.key}: an amount, like 50 or 49.50")
        return float(number) if "." in number else int(number)
    if not number or not FRACTION.fullmatch(number):
        raise FormError(f"{field.key}: a number between 0 and 1, like 0.6")
    return float(number)


def apply(data: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """``data`` (the parsed TOML, changed in place) with the form's keys; the rest kept."""
    for key, field in FIELDS.items():
        if key not in form:
            continue
        value = parse_value(field, form[key])
        *parents, last = key.split(".")
        node = data
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def shown(value: Any) -> str:
    """A policy value as the form and the change list show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _connections(text: str) -> tuple[Connection, ...]:
    try:
        return parse_policy(text, SOURCE).helpdesks
    except PolicyError:  # the stored policy was validated; never fail the page on it
        return ()


def _page(
    request: Request,
    me: WebUser,
    store: StoreDep,
    status: int = 200,
    typed: dict[str, str] | None = None,
    error: str = "",
) -> Response:
    with store.read() as s:
        text = policy_text(s, request.app.state.settings.policy)
        changes = recent_changes(s)
    values = {k: shown(v) for k, v in flatten(tomllib.loads(text)).items()}
    values.update({k: v for k, v in (typed or {}).items() if k in FIELDS})
    found = ERROR_KEY.match(error)
    return render(
        request,
        "settings_form.html",
        status,
        me=me,
        groups=GROUPS,
        values=values,
        error=error,
        bad=found.group(1) if found else "",
        saved=request.query_params.get("saved", "") if not error else "",
        changes=changes,
        helpdesks=_connections(text),
        shown=shown,
    )


@router.get("/settings")
def settings_form(request: Request, me: SupervisorDep, store: StoreDep) -> Response:
    return _page(request, me, store)


@router.post("/settings")
async def save_settings_form(
    request: Request, me: SupervisorDep, form: CsrfForm, store: StoreDep
) -> Response:
    path = request.app.state.settings.policy

    def save() -> tuple[str, bool]:
        try:
            with store.session() as s:
                before = policy_text(s, path)
                text = dumps(apply(tomllib.loads(before), form))
                if not policy_diff(before, text):  # keep the admins' TOML (and comments)
                    return "", False
                request.app.state.policy = save_policy(s, text, me.user, path)
        except (PolicyError, FormError) as exc:
            return str(exc), False
        return "", True

    error, changed = await run_in_threadpool(save)
    if error:  # nothing stored; what was typed stays in the form to be fixed
        return _page(request, me, store, 422, form, error)
    return RedirectResponse(f"/settings?saved={'1' if changed else 'same'}", 303)
