"""``calmline eval-drafts``: does a composed draft have the properties a good reply must have?

The labelled conversations (``tests/data/drafts/<code>.jsonl``, docs/drafts-format.md) say,
per conversation, what a good reply must do: greet by the right name, answer a calm question,
give safety advice first, keep within the agent's authority, state no wrong duration, move a
public post to a private channel, commit to one offer. Every property is checked from the
labels and the draft text, not from the composer's own plan, so a composer bug cannot hide
behind its own reading.

The second half injects violations into the composed drafts (a grant over the limit, a
reversed refusal, a promised time said as the wait, the safety advice removed, personal data
in a public reply) and counts what the reviewer flags: recall per kind, and precision
against the same reviewer codes on the clean drafts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calmline.analyzer.langid import identify
from calmline.protocol.checks import _amounts
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.draft import draft_reading
from calmline.protocol.evaluate import _policy_for
from calmline.protocol.policy import Policy
from calmline.protocol.review import review_reading
from calmline.protocol.situation import Situation, read, review_matcher, scan
from calmline.protocol.situation.evaluate import load_rows
from calmline.protocol.situation.org import read_agent_message

PROPERTIES = (
    "language",
    "salutation",
    "register",
    "authority",
    "facts",
    "question",
    "safety",
    "public",
    "one_offer",
)
GRANTABLE = ("refund", "compensation", "exchange", "repair")
# second-person forms that give the register away, per language
_INFORMAL = {
    "nl": r"\b(?:je|jij|jou|jouw|jullie)\b",
    "de": r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer)\b",
    "pl": r"\b(?:ty|ciebie|cię|tobie|ci|twój|twoja|twoje|twojego|twojej|twoim)\b",
}
_FORMAL = {
    "nl": r"\b(?:u|uw)\b",
    "de": r"(?<![.!?\n]\s)(?<!^)\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b",
    "pl": r"\b(?:Pan|Pani|Panu|Panią|Państwo|Państwa|Państwu)\b",
}
_WAITING = {
    "nl": r"\bwacht|\bgewacht",
    "de": r"\bwarte|\bgewartet",
    "pl": r"\bczeka",
    "en": r"\bwait",
}
_OR = {"nl": r"\bof\b", "de": r"\boder\b", "pl": r"\b(?:lub|albo|czy)\b", "en": r"\bor\b"}
_DIGITS = re.compile(r"\d[\d\-/]{3,}\d")
_EMAIL = re.compile(r"\S+@\S+\.\w+")

# violations injected into clean drafts: (kind, the reviewer codes that count as caught)
INJECTIONS = {
    "authority": ("over_promise", "gives_in"),
    "reversed_refusal": ("gives_in", "over_promise"),
    "wrong_elapsed": ("wrong_fact",),
    "missing_safety": ("ignores_hazard",),
    "public_data": ("public_exposure",),
}
_GRANT = {
    "nl": "Ik heb de terugbetaling van {amount} vandaag in gang gezet.",
    "de": "Ich habe die Rückerstattung von {amount} heute veranlasst.",
    "pl": "Zwrot {amount} został dziś zlecony.",
    "en": "I have refunded the {amount} today.",
}
_WAIT = {
    "nl": "Ik begrijp dat u inmiddels {d} wacht.",
    "de": "Ich verstehe, dass Sie seit {d} warten.",
    "pl": "Rozumiem, że czeka Pani już {d}.",
    "en": "I understand you have been waiting {d}.",
}


@dataclass
class DraftTally:
    rows: int = 0
    checked: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    all_pass: int = 0
    injected: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    false_flags: Counter[str] = field(default_factory=Counter)  # injected codes on clean drafts
    errors: list[str] = field(default_factory=list)


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def _kinds(text: str, lang: str) -> Counter[str]:
    return Counter(m.entry.kind for m in scan(text, lang, review_matcher(lang)))


def _grants(text: str, lang: str) -> list[str]:
    acts = read_agent_message(0, text, lang, None).acts
    return [a.what or "" for a in acts if a.kind == "offer" and a.what in GRANTABLE]


def check(row: dict[str, Any], r: Situation, text: str) -> dict[str, bool]:
    """Each applicable property of ``text`` (the draft) against the row's labels."""
    exp, conv = row["expected"], r.conversation
    lang = exp["reply_lang"]
    out: dict[str, bool] = {}
    found = identify(text)
    out["language"] = found.code in (lang, "und") or len(text.split()) < 4
    first = _first_line(text)
    sal = exp["salutation"]
    named = not sal["any"] or any(s in first for s in sal["any"])
    out["salutation"] = named and not any(s in first for s in sal["none"] if s)
    if lang in _FORMAL:
        wrong = _INFORMAL[lang] if exp["register"] == "formal" else _FORMAL[lang]
        out["register"] = not re.search(wrong, text, re.IGNORECASE if lang != "de" else 0)
    grants = _grants(text, lang)
    barred = set(exp["above_limit"]) | set(exp["refused"]) | set(exp["never"])
    if barred:
        kinds = _kinds(text, lang)
        handed = not exp["above_limit"] or bool(kinds["escalate"])
        out["authority"] = not (barred & set(grants)) and handed
    whole = "\n".join(m.text for m in conv.messages)
    said = {round(v, 2) for *_, v in _amounts(whole)}
    facts_ok = all(round(v, 2) in said for *_, v in _amounts(text))
    digits = {d.replace(" ", "") for d in _DIGITS.findall(whole)}
    facts_ok &= all(d in digits for d in _DIGITS.findall(text))
    for dur in exp["durations"]:
        if dur["role"] == "elapsed":
            continue
        for sent in re.split(r"(?<=[.!?])\s+|\n", text):
            if dur["text"].lower() in sent.lower() and re.search(_WAITING[lang], sent, re.I):
                facts_ok = False
    out["facts"] = facts_ok
    if exp["calm_question"]:
        kinds = _kinds(text, lang)
        answered = bool(kinds["time_frame"] or kinds["next_step"] or kinds["offer"])
        out["question"] = not kinds["acknowledge"] and not kinds["apology"] and answered
    if exp["hazard"]:
        body = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
        head = " ".join(body[1:3] if len(body) > 2 else body)
        kinds = _kinds(head, lang)
        out["safety"] = bool(kinds["hazard_advice"] or kinds["safety"])
    if conv.channel == "social_public":
        name_parts = [p for p in (conv.customer.name or "").replace("@", " ").split() if len(p) > 2]
        leaks = any(p in text for p in name_parts) or bool(_DIGITS.search(text))
        leaks |= bool(_EMAIL.search(text))
        to_private = bool(re.search(r"\b(?:DM|PM|priv|privé|Direktnachricht|prywatn)", text, re.I))
        out["public"] = not leaks and not grants and to_private
    offered = set(grants)
    if len(offered) > 1:
        sentences = re.split(r"(?<=[.!?])\s+", text)
        choice = any(re.search(_OR[lang], s) for s in sentences)
        out["one_offer"] = choice
    elif exp["wants"] and len(exp["wants"]) > 1:
        out["one_offer"] = True
    return out


def _inject(row: dict[str, Any], r: Situation, text: str) -> list[tuple[str, str]]:
    """Broken variants of a clean draft: (kind, text)."""
    exp, lang = row["expected"], row["expected"]["reply_lang"]
    out: list[tuple[str, str]] = []
    body_at = text.find("\n\n") + 2 if "\n\n" in text else 0
    whole = "\n".join(m.text for m in r.conversation.messages if m.role == "customer")
    amounts = [whole[s:e] for s, e, _, _ in _amounts(whole)]
    if (
        lang in _GRANT
        and amounts
        and (exp["above_limit"] or exp["never"])
        and ("refund" in exp["above_limit"] + exp["never"])
    ):
        sentence = _GRANT[lang].format(amount=max(amounts, key=len))
        out.append(("authority", text[:body_at] + sentence + " " + text[body_at:]))
    if lang in _GRANT and amounts and "refund" in exp["refused"]:
        sentence = _GRANT[lang].format(amount=max(amounts, key=len))
        out.append(("reversed_refusal", text[:body_at] + sentence + " " + text[body_at:]))
    for dur in exp["durations"]:
        if dur["role"] != "elapsed" and lang in _WAIT:
            sentence = _WAIT[lang].format(d=dur["text"])
            out.append(("wrong_elapsed", text[:body_at] + sentence + " " + text[body_at:]))
            break
    if exp["hazard"]:
        kept = [
            s
            for s in re.split(r"(?<=[.!?])\s+", text)
            if not _kinds(s, lang)["hazard_advice"] and not _kinds(s, lang)["safety"]
        ]
        stripped = " ".join(kept)
        if stripped != text:
            out.append(("missing_safety", stripped))
    name = r.conversation.customer.name
    if r.conversation.channel == "social_public" and name and "@" not in name:
        out.append(("public_data", f"{name}, " + text))
    return out


def evaluate_rows(rows: list[dict[str, Any]], policy: Policy) -> DraftTally:
    tally = DraftTally()
    for row in rows:
        tally.rows += 1
        conv = parse_conversation(row["conversation"])
        pol = _policy_for(policy, row["lang"], row["expected"]["register"])
        r = read(conv, pol)
        text = draft_reading(r).text
        results = check(row, r, text)
        for prop, ok in results.items():
            tally.checked[prop] += 1
            if not ok:
                tally.failed[prop] += 1
                tally.errors.append(f"{row['id']} {prop}")
        tally.all_pass += all(results.values())
        clean = {f.code for f in review_reading(r, text).findings}
        for kind, broken in _inject(row, r, text):
            codes = INJECTIONS[kind]
            tally.injected[kind] += 1
            found = {f.code for f in review_reading(r, broken).findings}
            if found & set(codes):
                tally.caught[kind] += 1
            else:
                tally.errors.append(f"{row['id']} missed injected {kind}")
            if clean & set(codes):
                tally.false_flags[kind] += 1
    return tally


@dataclass
class DraftReport:
    split: str
    tallies: dict[str, DraftTally]

    def pooled(self) -> DraftTally:
        out = DraftTally()
        for t in self.tallies.values():
            out.rows += t.rows
            out.all_pass += t.all_pass
            for name in ("checked", "failed", "injected", "caught", "false_flags"):
                getattr(out, name).update(getattr(t, name))
        return out

    def to_dict(self) -> dict[str, Any]:
        def one(t: DraftTally) -> dict[str, Any]:
            return {
                "rows": t.rows,
                "all_pass": t.all_pass,
                "properties": {p: [t.checked[p] - t.failed[p], t.checked[p]] for p in PROPERTIES},
                "injected": {k: [t.caught[k], t.injected[k], t.false_flags[k]] for k in INJECTIONS},
            }

        return {
            "split": self.split,
            "languages": {lang: one(t) for lang, t in self.tallies.items()},
            "pooled": one(self.pooled()),
        }

    def render(self) -> str:
        langs = list(self.tallies)
        head = f"| property | {' | '.join(langs)} | pooled |"
        lines = [f"composed drafts on the {self.split} split (passed / checked)", "", head]
        lines.append("|" + "---|" * (len(langs) + 2))
        cols = [*self.tallies.values(), self.pooled()]
        for p in PROPERTIES:
            cells = [f"{t.checked[p] - t.failed[p]}/{t.checked[p]}" for t in cols]
            lines.append(f"| {p} | {' | '.join(cells)} |")
        cells = [f"{t.all_pass}/{t.rows}" for t in cols]
        lines.append(f"| **every property** | {' | '.join(cells)} |")
        lines += ["", "injected violations (caught / injected; flagged on the clean draft)", ""]
        lines.append(head.replace("property", "violation"))
        lines.append("|" + "---|" * (len(langs) + 2))
        for k in INJECTIONS:
            cells = [f"{t.caught[k]}/{t.injected[k]}; {t.false_flags[k]}" for t in cols]
            lines.append(f"| {k} | {' | '.join(cells)} |")
        pooled = self.pooled()
        tp, n = sum(pooled.caught.values()), sum(pooled.injected.values())
        fp = sum(pooled.false_flags.values())
        lines.append("")
        lines.append(
            f"reviewer on injected violations: recall {tp / max(1, n):.3f} ({tp}/{n}), "
            f"precision {tp / max(1, tp + fp):.3f} ({fp} flags on clean drafts)"
        )
        return "\n".join(lines)


def evaluate(folder: Path, langs: list[str], split: str, policy: Policy) -> DraftReport:
    tallies = {lang: evaluate_rows(load_rows(folder, lang, split), policy) for lang in langs}
    return DraftReport(split, {k: v for k, v in tallies.items() if v.rows})


@dataclass
class SpellingTally:
    replies: int = 0
    injected: int = 0
    caught: int = 0
    other_flags: int = 0  # flags on words that were not injected: false alarms, or real typos


def _typo(word: str) -> str:
    """A deterministic typo: the two middle letters swapped (or the middle one doubled)."""
    i = len(word) // 2
    if word[i - 1] != word[i]:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def spelling_eval(folder: Path, langs: list[str], split: str, policy: Policy) -> SpellingTally:
    """The spelling check on the labelled agent replies (tests/data/replies): one typo
    injected per reply, into its longest word not in the conversation; precision counts
    every other flag as a false alarm (the replies were proof-read when they were written)."""
    from calmline.languages.spelling import WORD
    from calmline.protocol import evaluate as replies

    tally = SpellingTally()
    for lang in langs:
        for row in replies.load_rows(folder, lang, split):
            conv = parse_conversation(row["conversation"])
            r = read(conv, _policy_for(policy, lang, row.get("register", "formal")))
            draft = row["draft"]
            words = [m for m in WORD.finditer(draft) if len(m.group()) >= 7]
            words = [m for m in words if m.group().islower()]
            if not words:
                continue
            m = max(words, key=lambda m: (len(m.group()), -m.start()))
            typo = _typo(m.group())
            broken = draft[: m.start()] + typo + draft[m.end() :]
            found = [f for f in review_reading(r, broken).findings if f.code == "spelling"]
            if "spelling" in review_reading(r, broken).unavailable:
                continue
            tally.replies += 1
            tally.injected += 1
            hit = any(f.start == m.start() for f in found)
            tally.caught += hit
            tally.other_flags += len(found) - hit
    return tally
