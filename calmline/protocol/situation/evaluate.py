"""``calmline eval-situation``: precision and recall of the situation reader per field.

The labelled conversations live in ``tests/data/situations/<code>.jsonl`` (format:
docs/situations-format.md). A third of each file, by SHA-1 of the row id, is held out: it
is never looked at while the reader is tuned, and ``--errors`` refuses to print it.

Fields and how an item counts as found:

- ``facts``: (message, kind, normalised value, role) all equal;
- ``wants``: the primary want equal; ``wants_all``: the set of wants;
- ``sarcasm``, ``hazards``: the customer message is flagged (``hazard_kind``: and the kind);
- ``org``: offers as (message, what), refusals as (message, reason), promises as
  (message) — several promises in one message count once;
  ``promise_time``: promises with a time, (message, normalised time);
  ``org_other``: questions, escalations, deflections, policy quotes as (message, kind);
- ``steps``: the set of protocol steps the agents performed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from calmline.languages.vocab import REFERENCE_KINDS
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.policy import Policy, load_policy
from calmline.protocol.situation.build import read
from calmline.protocol.situation.model import Situation
from calmline.training.data import bucket

HELDOUT_MOD = 3
FACT_KINDS = REFERENCE_KINDS | {
    "amount",
    "date",
    "duration",
    "contact_attempts",
    "product",
    "person",
}
MAIN_ORG = ("offer", "promise", "refusal")
FIELDS = (
    "facts",
    "wants",
    "wants_all",
    "sarcasm",
    "hazards",
    "hazard_kind",
    "org",
    "promise_time",
    "org_other",
    "steps",
)
# the steps the set labels (docs/situations-format.md, "Steps done"); safety advice after a
# hazard ("hazard") came later and is not labelled, so it is not scored either
LABELLED_STEPS = frozenset(
    {
        "name_emotion",
        "explore",
        "summarize",
        "empathize",
        "apologize",
        "resolve",
        "set_expectations",
        "follow_up",
        "notify_supervisor",
        "threat",
    }
)


class DatasetError(ValueError):
    """A labelled file that does not follow docs/situations-format.md."""


def split_of(row_id: str) -> str:
    return "heldout" if bucket(row_id, HELDOUT_MOD) == 0 else "train"


def load_rows(folder: Path, lang: str, split: str) -> list[dict[str, Any]]:
    path = folder / f"{lang}.jsonl"
    if not path.exists():
        return []
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
        for key in ("id", "conversation", "expected"):
            if key not in row:
                raise DatasetError(f"{path}:{lineno}: missing {key!r}")
        if split == "all" or split_of(row["id"]) == split:
            rows.append(row)
    return rows


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, gold: Iterable[Any], pred: Iterable[Any]) -> tuple[set[Any], set[Any]]:
        g, p = set(gold), set(pred)
        self.tp[name] += len(g & p)
        self.fp[name] += len(p - g)
        self.fn[name] += len(g - p)
        return g - p, p - g

    def scores(self, name: str) -> tuple[float, float, int]:
        tp, fp, fn = self.tp[name], self.fp[name], self.fn[name]
        p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, tp + fn


def _norm(v: Any) -> Any:
    return v.lower().strip() if isinstance(v, str) else v


def _gold_facts(exp: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        (f["message"], f["kind"], _norm(f.get("normalized")), f.get("role"))
        for f in exp["facts"]
        if f["kind"] in FACT_KINDS
    }


def _pred_facts(s: Situation) -> set[tuple[Any, ...]]:
    return {
        (f.evidence.message, f.kind, _norm(f.normalized), f.role)
        for f in s.fact_items
        if f.kind in FACT_KINDS
    }


def _org_key(a: dict[str, Any]) -> tuple[Any, ...]:
    """Offers by what is offered, refusals by their reason, promises by message: what a
    promise is about is loosely defined (``reply``, ``check``, ``other``); when it is due is
    scored apart (``promise_time``)."""
    if a["kind"] == "promise":
        return (a["message"], "promise", None)
    detail = a.get("reason") if a["kind"] == "refusal" else a.get("what")
    return (a["message"], a["kind"], detail)


def score_row(row: dict[str, Any], policy: Policy, tally: Tally) -> dict[str, Any]:
    """Compare one labelled conversation with its situation; return the differences."""
    lang = row.get("lang", "")
    register = row.get("register", "formal")
    pol = replace(policy, register={**policy.register, lang: register}) if lang else policy
    conv = parse_conversation(row["conversation"])
    s = read(conv, pol)
    exp = row["expected"]
    misses: dict[str, Any] = {}

    def add(name: str, gold: Iterable[Any], pred: Iterable[Any]) -> None:
        missed, extra = tally.add(name, gold, pred)
        if missed or extra:
            misses[name] = {"missed": sorted(map(str, missed)), "extra": sorted(map(str, extra))}

    add("facts", _gold_facts(exp), _pred_facts(s))
    for kind in sorted(FACT_KINDS):
        tally.add(
            f"facts.{kind}",
            {g for g in _gold_facts(exp) if g[1] == kind},
            {p for p in _pred_facts(s) if p[1] == kind},
        )
    gold_primary = exp["wants"]["primary"]
    add("wants", [gold_primary] if gold_primary else [], [s.primary_want] if s.primary_want else [])
    add(
        "wants_all",
        {w for w in [gold_primary, *exp["wants"]["others"]] if w},
        set(s.wants),
    )
    add("sarcasm", exp["sarcasm"], {x.evidence.message for x in s.sarcasm})
    add("hazards", {h["message"] for h in exp["hazards"]}, {h.evidence.message for h in s.hazards})
    add(
        "hazard_kind",
        {(h["message"], h["kind"]) for h in exp["hazards"]},
        {(h.evidence.message, h.kind) for h in s.hazards},
    )
    gold_org = [a for a in exp["org"]]
    pred_org = [
        {
            "message": a.evidence.message,
            "kind": a.kind,
            "what": a.what,
            "reason": a.reason,
            "normalized": a.normalized,
        }
        for a in s.acts
    ]
    add(
        "org",
        {_org_key(a) for a in gold_org if a["kind"] in MAIN_ORG},
        {_org_key(a) for a in pred_org if a["kind"] in MAIN_ORG},
    )
    add(
        "promise_time",
        {
            (a["message"], a.get("normalized"))
            for a in gold_org
            if a["kind"] == "promise" and a.get("normalized")
        },
        {
            (a["message"], a["normalized"])
            for a in pred_org
            if a["kind"] == "promise" and a["normalized"]
        },
    )
    add(
        "org_other",
        {(a["message"], a["kind"]) for a in gold_org if a["kind"] not in MAIN_ORG},
        {(a["message"], a["kind"]) for a in pred_org if a["kind"] not in MAIN_ORG},
    )
    done = {st.step for st in s.agent_steps} & LABELLED_STEPS
    add("steps", set(exp["steps_done"]), done)
    return misses


@dataclass
class Report:
    split: str
    tallies: dict[str, Tally]
    rows: dict[str, int]
    errors: list[tuple[str, dict[str, Any]]]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"split": self.split, "languages": {}}
        for lang, t in self.tallies.items():
            fields = {}
            for name in (
                *FIELDS,
                *sorted(
                    k for k in t.tp.keys() | t.fn.keys() | t.fp.keys() if k.startswith("facts.")
                ),
            ):
                p, r, n = t.scores(name)
                fields[name] = {"precision": round(p, 3), "recall": round(r, 3), "gold": n}
            out["languages"][lang] = {"conversations": self.rows[lang], "fields": fields}
        return out

    def render(self) -> str:
        langs = list(self.tallies)
        lines = [
            f"situation reader on the {self.split} split "
            f"({', '.join(f'{lang} {self.rows[lang]}' for lang in langs)} conversations)"
        ]
        head = f"{'field':<16}" + "".join(f"{lang:>16}" for lang in langs)
        lines += [head, f"{'':<16}" + "".join(f"{'P    R    n':>16}" for _ in langs)]
        for name in FIELDS:
            cells = []
            for lang in langs:
                p, r, n = self.tallies[lang].scores(name)
                cells.append(f"{p:5.2f}{r:5.2f}{n:5d}".rjust(16))
            lines.append(f"{name:<16}" + "".join(cells))
        return "\n".join(lines)


def evaluate(
    folder: Path, langs: list[str], split: str, policy: Policy | None = None, errors: bool = False
) -> Report:
    if errors and split != "train":
        raise DatasetError("--errors shows the train split only: the held-out third stays unseen")
    pol = policy or load_policy()
    tallies: dict[str, Tally] = {}
    counts: dict[str, int] = {}
    found: list[tuple[str, dict[str, Any]]] = []
    for lang in langs:
        tally = Tally()
        rows = load_rows(folder, lang, split)
        for row in rows:
            misses = score_row(row, pol, tally)
            if errors and misses:
                found.append((row["id"], misses))
        tallies[lang] = tally
        counts[lang] = len(rows)
    return Report(split, tallies, counts, found)
