"""The reviewer's checks that need more than one lexicon match: the conversation, the
policy, the shape of the text. Kept apart from ``review.py`` so each check reads alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from calmline.analyzer.matcher import Match
from calmline.analyzer.pipeline import prepare
from calmline.languages import spelling
from calmline.languages.vocab import REFERENCE_KINDS
from calmline.protocol.compose import (
    PUBLIC,
    Renderer,
    ack_key,
    owed_safety,
    resolution,
    time_frame,
)
from calmline.protocol.situation import Situation
from calmline.protocol.situation.verdict import all_above_limit

if TYPE_CHECKING:
    from calmline.protocol.review import Collector

# when the absence of a step is a flaw; tuned on the train split of tests/data/replies
ACK_HEAT = 0.55  # the customer's last message is this hot (or angry): name the emotion
APOLOGY_HEAT = 0.35  # a complaint, not a question: apologise once the story is told
ALTERNATIVE_KINDS = ("offer", "escalate", "next_step")
ACTION_KINDS = ("offer", "next_step", "escalate", "follow_up", "vague_time", "time_frame")
CAPS_WORD = re.compile(r"\b[^\W\d_a-zß-ÿ]{3,}\b")  # all capitals, three letters or more
BANGS = re.compile(r"!{2,}|(?:![^!.?\n]{0,60}){3,}")
# short all-capital words that are names, not shouting
_ACRONYMS = """DHL DPD GLS UPS USA EUR PLN GBP USD CHF BTW VAT IBAN BIC PDF SMS FAQ CEO KVK BLIK
PIN NIP REGON PESEL ZUS PKO MBANK ING ABN AMRO ASN SEPA IKEA HEMA UWV GSM LED USB OK WIFI RMA
ETA NL DE PL EN UK EU ABC AGB MWST GMBH PLZ"""
ACRONYMS = frozenset(_ACRONYMS.split())
MONEY = re.compile(
    r"(?:(?P<c1>€|EUR|£|GBP|\$|USD|CHF|PLN|zł|SEK|NOK|DKK|CZK|HUF)\s?(?P<a1>\d[\d.,\s]*\d|\d))"
    r"|(?:(?P<a2>\d[\d.,\s]*\d|\d)\s?"
    r"(?P<c2>€|EUR|euro|£|GBP|pounds?|\$|USD|CHF|PLN|zł|zl|złotych|SEK|NOK|DKK|CZK|Kč|HUF))",
    re.IGNORECASE,
)
CURRENCY = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "$": "USD",
    "usd": "USD",
    "chf": "CHF",
    "pln": "PLN",
    "zł": "PLN",
    "zl": "PLN",
    "złotych": "PLN",
    "kč": "CZK",
    **{code.lower(): code for code in ("SEK", "NOK", "DKK", "CZK", "HUF")},
}


# what the feedback names as the expected register and language (in that language)
REGISTER_WORD = {
    "nl": {"formal": "u", "informal": "je"},
    "de": {"formal": "Sie", "informal": "du"},
    "pl": {"formal": "Pan / Pani / Państwo", "informal": "ty"},
    "en": {"formal": "formal", "informal": "informal"},
}
ENDONYM = {"nl": "Nederlands", "de": "Deutsch", "pl": "polski", "en": "English"}


def offers_alternative(by_kind: dict[str, list[Match]]) -> bool:
    return any(by_kind.get(k) for k in ALTERNATIVE_KINDS)


def fix(code: str, r: Situation, ren: Renderer | None) -> str:
    """A concrete sentence to use instead, in the conversation's language and register."""
    if ren is None:
        return ""
    if r.threat:
        return ren.sentence("safety").text
    if code in ("excuse", "non_apology", "no_apology", "blame_customer"):
        return ren.sentence("apology").text
    if code in ("premature_empathy", "answers_insult"):
        return ren.sentence("invite_more").text
    if code in ("no_next_step", "no_time_frame", "over_promise", "repeated_reply", "gives_in"):
        offers = resolution(r)
        if offers:
            return " ".join(ren.sentence(k, d, n).text for k, d, n in offers)
        return ren.sentence("next_generic", time_frame(r, None)).text
    if code == "policy_hiding":
        return ren.sentence("alternative_generic", time_frame(r, None)).text
    return ren.sentence(ack_key(r)).text


def _amounts(text: str) -> list[tuple[int, int, str, float]]:
    out = []
    for m in MONEY.finditer(text):
        cur = (m.group("c1") or m.group("c2") or "").lower()
        raw = (m.group("a1") or m.group("a2") or "").replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
            raw = re.sub(r"[.,]", "", raw)
        raw = raw.replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            continue
        out.append((m.start(), m.end(), CURRENCY.get(cur, cur.upper()), value))
    return out


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    stops = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    right = min(stops, default=len(text))
    while left < start and text[left].isspace():
        left += 1
    return left, right


def _near(a: tuple[int, int], b: tuple[int, int], gap: int = 80) -> bool:
    return a[0] - gap <= b[1] and b[0] - gap <= a[1]


def grant_flaws(
    sink: Collector, r: Situation, by_kind: dict[str, list[Match]], fix_text: str
) -> None:
    """``gives_in`` (what the policy never grants) and ``over_promise`` (above authority):
    an amount in the draft above the agent's limit, or a granted refund or payment while
    the conversation's amount is above it (the situation's verdict, as the composer reads it)."""
    policy = r.policy
    refunds = by_kind.get("grant_refund", [])
    comps = by_kind.get("grant_compensation", [])
    grant = None
    refused_money = [a for a in r.acts if a.kind == "refusal" and a.reason in ("policy", "other")]
    if refunds and (r.old_purchase or r.refused("refund")):
        grant = refunds[0]  # past the window, or a refusal the organisation already gave
    elif (comps and r.delay and not policy.compensation_for_delay and "refund" not in r.wants) or (
        comps and refused_money and "compensation" in r.wants
    ):
        grant = comps[0]
    if grant is not None:  # the whole sentence: the exception and the grant belong together
        start, end = sentence_around(sink.draft, grant.start, grant.end)
        sink.add("gives_in", start, end, grant.entry.rule, fix_text)
    flagged = [(f.start, f.end) for f in sink.found if f.code == "over_promise"]
    if grant is None and not by_kind.get("escalate"):
        # "I have arranged the refund" while every amount the customer named is above this
        # agent's limit; a grant that names its own amount is judged by that amount below
        for want, grants in (("refund", refunds), ("compensation", comps)):
            if not grants or not all_above_limit(want, r.fact_items, policy):
                continue
            start, end = sentence_around(sink.draft, grants[0].start, grants[0].end)
            if not _amounts(sink.draft[start:end]):
                sink.add("over_promise", start, end, f"policy/authority.{want}", fix_text)
                flagged.append((start, end))
    for start, end, cur, value in _amounts(sink.draft):
        for grants, limits in (
            (refunds, policy.agent.refund_limit),
            (comps, policy.agent.compensation_limit),
        ):
            limit = limits.get(cur)
            near = any(_near((start, end), (g.start, g.end)) for g in grants)
            if near and (limit is None or value > limit):  # no limit in it: not this agent's
                if not any(_near((start, end), span, 0) for span in flagged):
                    sink.add("over_promise", start, end, "policy/authority", fix_text)
                    flagged.append((start, end))
                break


def _ref_key(value: str) -> str:
    """A reference compared without case, spaces, dashes or a leading #."""
    return re.sub(r"[\s#\-/.]", "", value).upper()


def fact_flaws(sink: Collector, r: Situation, ren: Renderer | None) -> None:
    """``wrong_fact``: the draft says the customer has been waiting a time that the
    conversation holds only as a promised time, a deadline or time lost ("u wacht
    inmiddels vijf werkdagen" when five working days was her deadline), or names an order,
    invoice or other reference number of a kind the customer gave, but not the one they
    gave (48231 for 48213)."""
    roles: dict[str, set[str]] = {}
    refs: dict[str, set[str]] = {}
    for f in r.fact_items:
        if f.kind == "duration" and f.normalized and f.role:
            roles.setdefault(f.normalized, set()).add(f.role)
        if f.kind in REFERENCE_KINDS and f.normalized:
            refs.setdefault(f.kind, set()).add(_ref_key(f.normalized))
    if not roles and not refs:
        return
    _, cands, _ = prepare(sink.draft, r.language)  # the customer's fact reader, on the draft
    for c in cands:  # an order number the customer did not give: a typo, or another case
        known_refs = refs.get(c.kind)
        if c.group == "fact" and known_refs and _ref_key(c.normalized or "") not in known_refs:
            start, end = c.start, c.end
            sink.add("wrong_fact", start, end, f"situation/{c.kind}", "")
    for c in cands:
        if c.group != "fact" or c.kind != "duration" or c.role != "elapsed" or c.suppressed:
            continue
        known = roles.get(c.normalized or "", set())
        if known and "elapsed" not in known:
            start, end = sentence_around(sink.draft, c.start, c.end)
            role = sorted(known)[0]
            suggestion = ren.sentence("summary").text if ren and r.facts else ""
            sink.add("wrong_fact", start, end, f"situation/duration.{role}", suggestion)


PRIVATE_FACTS = frozenset({"email", "phone", "iban", "customer_number", "contract_number"})


def public_flaws(
    sink: Collector, r: Situation, by_kind: dict[str, list[Match]], ren: Renderer | None
) -> None:
    """``public_exposure``: on a public post, the customer's full name or surname, contact
    or account details, or a granted refund or payment, in front of everyone."""
    if r.conversation.channel != PUBLIC:
        return
    suggestion = ren.sentence("to_private").text if ren else ""
    text = sink.draft
    full = (r.conversation.customer.name or "").strip()
    # a first name alone ("Hi Kevin") is how public care teams greet; the full name or the
    # surname identifies the person
    names = {full, r.salutation_name or ""} if len(full.split()) > 1 else set()
    private = {f.display for f in r.fact_items if f.kind in PRIVATE_FACTS}
    spans: list[tuple[int, int, str]] = []
    for value in sorted(v for v in names | private if len(v.strip()) >= 3):
        pattern = rf"(?<!\w){re.escape(value.strip())}(?!\w)"
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            spans.append((m.start(), m.end(), "policy/public.personal_data"))
    for g in by_kind.get("grant_refund", []) + by_kind.get("grant_compensation", []):
        start, end = sentence_around(text, g.start, g.end)
        spans.append((start, end, "policy/public.commitment"))
    for start, end, rule in sorted(spans):
        if not any(f.start <= start < f.end for f in sink.found if f.code == "public_exposure"):
            sink.add("public_exposure", start, end, rule, suggestion)


def context_flaws(
    sink: Collector, r: Situation, by_kind: dict[str, list[Match]], ren: Renderer | None
) -> None:
    """Flaws decided against the conversation: what the customer said and how hot."""
    has = {k for k, v in by_kind.items() if v}
    if r.threat:
        if "safety" not in has:
            sink.add("ignores_threat", suggestion=fix("ignores_threat", r, ren))
        return
    fact_flaws(sink, r, ren)
    public_flaws(sink, r, by_kind, ren)
    owed = owed_safety(r)
    if owed and "hazard_advice" not in has:  # a hazard is open and the draft says nothing
        suggestion = " ".join(ren.sentence(k).text for k in owed) if ren else ""
        sink.add("ignores_hazard", suggestion=suggestion)
    grant_flaws(sink, r, by_kind, fix("gives_in", r, ren))
    if "empathy" in has and not r.story_heard:
        m = by_kind["empathy"][0]
        suggestion = fix("premature_empathy", r, ren)
        sink.add("premature_empathy", m.start, m.end, m.entry.rule, suggestion)
    angry = not r.calm_question and (r.heat[-1] >= ACK_HEAT or r.emotion == "anger")
    if angry and not has & {"acknowledge", "empathy"}:
        sink.add("no_acknowledgment", suggestion=fix("no_acknowledgment", r, ren))
    if (
        r.heat[-1] >= APOLOGY_HEAT  # a plain request or question needs no apology
        and not r.calm_question
        and not r.old_purchase  # past the refund window: a firm "no", not a failure of ours
        and r.story_heard  # before the story is told, ask; the apology comes later
        and "apology" not in has
        and not any(f.code == "non_apology" for f in sink.found)
    ):
        sink.add("no_apology", suggestion=fix("no_apology", r, ren))
    if not has & {*ACTION_KINDS, "question"}:
        sink.add("no_next_step", suggestion=fix("no_next_step", r, ren))
    elif has & {"offer", "next_step", "escalate", "vague_time"} and "time_frame" not in has:
        sink.add("no_time_frame", suggestion=fix("no_time_frame", r, ren))


def _code(text: str, m: re.Match[str]) -> bool:
    """Part of a reference like ``INV-20391`` or ``#AB1234``, not a shouted word."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return before in "-#/" or before.isdigit() or after in "-/" or after.isdigit()


def _normal_case(word: str) -> str:
    return word if word in ACRONYMS else word.lower()


def _shouting(sink: Collector, text: str) -> None:
    caps = [m for m in CAPS_WORD.finditer(text) if m.group() not in ACRONYMS and not _code(text, m)]
    letters = sum(ch.isalpha() for ch in text)
    upper = sum(ch.isupper() for ch in text)
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in BANGS.finditer(text)]
    if len(caps) >= 2 or (letters >= 20 and upper / letters > 0.5):
        spans.extend((m.start(), m.end()) for m in caps)
    elif caps and len(caps[0].group()) >= 5:
        spans.append((caps[0].start(), caps[0].end()))
    if not spans:
        return
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    # the rewrite covers the whole sentence, so "!!!" alone does not become "."
    left = max(text.rfind(c, 0, start) for c in ".?\n") + 1
    right = min((i for i in (text.find(c, end) for c in ".?\n") if i >= 0), default=len(text))
    if text[end - 1] in "!?.":  # the span already ends its sentence
        right = end
    fixed = re.sub(r"!+", ".", text[left:right].strip())
    fixed = re.sub(r"\b[^\W\d_a-zß-ÿ]{2,}\b", lambda m: _normal_case(m.group()), fixed)
    fixed = fixed[:1].upper() + fixed[1:]
    sink.add("shouting", start, end, "review/shouting", fixed)


def _register(sink: Collector, r: Situation, by_kind: dict[str, list[Match]]) -> None:
    formal = by_kind.get("formal", [])
    informal = by_kind.get("informal", [])
    wrong = informal if r.register == "formal" else formal
    if r.language == "en":  # no T/V: only clearly casual address in a formal register
        wrong = [m for m in informal if m.entry.weight >= 0.8] if r.register == "formal" else []
    if r.register == "formal" and r.language == "pl":
        gender = r.conversation.customer.gender
        guessed = [
            m
            for kind, g in (("address_m", "male"), ("address_f", "female"))
            for m in by_kind.get(kind, [])
            if gender != g and any(f.start <= m.start < f.end for f in formal)
        ]
        wrong = wrong + guessed
    if wrong:
        m = min(wrong, key=lambda m: m.start)
        ren = Renderer(r)
        expected = REGISTER_WORD[r.language][r.register]
        sink.add(
            "register_mismatch",
            m.start,
            m.end,
            m.entry.rule,
            ren.sentence(ack_key(r)).text,
            expected=expected,
        )


def form_flaws(sink: Collector, r: Situation, text: str, by_kind: dict[str, list[Match]]) -> None:
    _shouting(sink, text)
    _register(sink, r, by_kind)


_MASK = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#]\w+")  # links, e-mail, handles, tags


def known_words(r: Situation) -> set[str]:
    """Words a draft may use whatever the dictionary says: the conversation's own (names,
    products, places), the organisation's name and signature (lower-cased)."""
    conv = r.conversation
    texts = [m.text for m in conv.messages] + [m.author or "" for m in conv.messages]
    texts += [conv.customer.name or "", r.policy.name, *r.policy.signature.values()]
    return {w.lower() for t in texts for w in spelling.WORD.findall(_MASK.sub(" ", t))}


def _closing_start(text: str) -> int:
    """Where the sign-off block starts: the trailing lines of at most four words each (the
    agent's name and team), so a name there is never taken for a misspelling."""
    lines = text.rstrip().split("\n")
    pos = len(text.rstrip())
    for line in reversed(lines[1:]):
        if len(line.split()) > 4:
            break
        pos -= len(line) + 1
    return max(pos, 0)


def spelling_flaws(sink: Collector, r: Situation, text: str, lang: str) -> bool:
    """``spelling``: words of the draft Hunspell does not know, with its suggestions; names,
    acronyms and every word of the conversation are never misspellings. False when no
    dictionary is installed for ``lang`` (the check is off, not passed)."""
    checker = spelling.speller(lang)
    if checker is None:
        return False
    known = known_words(r) | spelling.accepted(lang)
    masked = _MASK.sub(lambda m: " " * len(m.group()), text)
    closing = _closing_start(masked)
    for m in spelling.WORD.finditer(masked):
        word = m.group()
        if len(word) < 3 or word.lower() in known or not word[1:].islower():
            continue  # short words, acronyms, iPhone-style names
        before = masked[: m.start()].rstrip(" \t\"'„“(")
        capital_inside = word[0].isupper() and bool(before) and before[-1] not in ".!?\n:"
        if word[0].isupper() and (m.start() >= closing or (capital_inside and lang != "de")):
            continue  # names: in the sign-off, or a capital inside a sentence (not German)
        verdict = checker.check(word)
        if not verdict.correct and not (word[0].isupper() and checker.check(word.lower()).correct):
            best = verdict.suggestions[0] if verdict.suggestions else ""
            sink.add("spelling", m.start(), m.end(), "hunspell", best, word=word)
    return True
