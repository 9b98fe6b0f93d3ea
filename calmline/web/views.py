"""Template environment and the small pieces of presentation logic the templates share:
highlighted findings in a customer message, durations, heat classes.

Customer text is never marked safe: a highlighted message is a list of plain segments the
template escapes one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from calmline import __version__

CHANNELS = {
    "email": "E-mail",
    "chat": "Chat",
    "social_public": "Public post",
    "social_private": "Direct message",
    "phone": "Phone",
}
LANGUAGES = {"nl": "Dutch", "de": "German", "pl": "Polish", "en": "English"}
# what a highlighted span is, strongest first: where spans overlap the stronger one shows
GROUPS = (
    "violence",
    "hazard",
    "threat",
    "offensive",
    "sarcasm",
    "emotion",
    "want",
    "fact",
    "shouting",
)


@dataclass(frozen=True)
class Segment:
    text: str
    group: str | None = None  # None: plain text
    label: str = ""
    explanation: str = ""


def _finding(group: str, label: str, f: dict[str, Any]) -> tuple[int, int, str, str, str]:
    exp = f.get("explanation") or {}
    reasons = "; ".join(exp.get("reasons") or [])
    score = f.get("score")
    parts = [label]
    if isinstance(score, int | float):
        parts.append(f"score {score:.2f}")
    parts.append(f"{exp.get('detector', '?')} {exp.get('rule', '')}".strip())
    if reasons:
        parts.append(reasons)
    return int(f["start"]), int(f["end"]), group, label, " · ".join(parts)


def _findings(a: dict[str, Any]) -> list[tuple[int, int, str, str, str]]:
    out = []
    for t in a.get("threats") or []:
        kind = t.get("kind", "threat")
        group = "violence" if kind == "violence" else "threat"
        out.append(_finding(group, f"{kind.replace('_', ' ')} threat", t))
    for f in (a.get("offensive") or {}).get("findings") or []:
        out.append(_finding("offensive", f.get("kind", "offensive"), f))
    for e in a.get("emotions") or []:
        for ev in e.get("evidence") or []:
            out.append(_finding("emotion", e.get("label", "emotion"), ev))
    for w in a.get("wants") or []:
        if "start" in w:
            out.append(_finding("want", f"wants: {w.get('kind', '?')}", w))
    for h in a.get("hazards") or []:
        out.append(_finding("hazard", f"safety hazard: {h.get('kind', '?')}", h))
    for x in a.get("sarcasm") or []:
        out.append(_finding("sarcasm", "sarcasm: praise that means the opposite", x))
    for f in a.get("facts") or []:
        label = f.get("kind", "fact").replace("_", " ")
        if f.get("normalized"):
            label += f" {f['normalized']}"
        if f.get("role"):
            label += f" ({f['role']})"
        out.append(_finding("fact", label, f))
    for f in (a.get("shouting") or {}).get("findings") or []:
        out.append(_finding("shouting", f.get("kind", "shouting"), f))
    return out


def segments(text: str, analysis: dict[str, Any] | None) -> list[Segment]:
    """``text`` cut into plain and highlighted segments (non-overlapping, strongest wins)."""
    if not analysis:
        return [Segment(text)]
    found = [f for f in _findings(analysis) if 0 <= f[0] < f[1] <= len(text)]
    found.sort(key=lambda f: (GROUPS.index(f[2]), f[0]))
    taken: list[tuple[int, int, str, str, str]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    taken.sort()
    out: list[Segment] = []
    pos = 0
    for start, end, group, label, explanation in taken:
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], group, label, explanation))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def duration(seconds: float | None) -> str:
    """``4 min``, ``2 h 5 min``, ``3 d`` — how long a customer has waited."""
    if seconds is None:
        return ""
    s = abs(int(seconds))
    if s < 60:
        return f"{s} s"
    m = s // 60
    if m < 60:
        return f"{m} min"
    h, m = divmod(m, 60)
    if h < 24:
        return f"{h} h {m} min" if m else f"{h} h"
    return f"{h // 24} d {h % 24} h" if h % 24 else f"{h // 24} d"


def heat_class(heat: float) -> str:
    if heat >= 0.75:
        return "heat-hostile"
    if heat >= 0.5:
        return "heat-hot"
    if heat >= 0.35:
        return "heat-warm"
    return "heat-calm"


def heat_label(heat: float) -> str:
    return {"heat-hostile": "hostile", "heat-hot": "hot", "heat-warm": "tense"}.get(
        heat_class(heat), "calm"
    )


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("calmline.web", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(duration=duration, heat_class=heat_class, heat_label=heat_label)
    from calmline.web.alerts import alert_text_global  # it uses this module's helpers

    env.globals["alert_text"] = alert_text_global
    env.globals.update(
        version=__version__, CHANNELS=CHANNELS, LANGUAGES=LANGUAGES, segments=segments
    )
    return env


def templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())
