"""Rendering phrasebook sentences for one conversation, and composing a whole reply.

The guide shows single sentences, the reviewer shows them as concrete rewrites and the
composer strings them together; all three fill the same slots the same way here, so a
sentence reads identically wherever it appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calmline.languages.pl.morphology import genitive
from calmline.protocol.phrasebook import FACT_KEYS, Phrase, Phrasebook, phrasebook
from calmline.protocol.situation import Situation
from calmline.protocol.situation.verdict import MONEY_WANTS, verdict
from calmline.protocol.wording import body_after_salutation, date_in_sentence, salutation

PLACEHOLDER = re.compile(r"\[[^\]\n]{1,40}\]")
ORDER_WANTS = frozenset({"refund", "exchange", "repair", "cancel", "compensation"})
GRANTS = ("refund", "exchange", "repair", "compensation", "cancel", "callback")
PUBLIC = "social_public"
DEFAULT_DAYS = 2  # "I will get back to you within …" when the policy names no time frame


# the hazard kind → the safety advice that comes before anything else
HAZARD_ADVICE = {
    "fire": "hazard_device",
    "electric": "hazard_device",
    "gas": "hazard_gas",
    "injury": "hazard_health",
    "allergy": "hazard_health",
    "food": "hazard_health",
    "child": "hazard_child",
    "animal": "hazard_animal",
}


def owed_safety(reading: Situation) -> list[str]:
    """The safety advice (phrase keys) still owed for the hazards the customer reported in
    words the hazard lexicon knows: one per kind, minus what an agent already sent; none
    once the case is resolved."""
    r = reading
    # a hazard the lexicon names ("smells of burning", "ruik gas"); the hazard head alone
    # reads a smashed vase or a leaking machine as one too often to put advice in a reply
    named = [h for h in r.hazards if not h.evidence.rule.startswith("heads/")]
    if not named or r.resolved:
        return []
    keys = dict.fromkeys(HAZARD_ADVICE[h.kind] for h in named)
    given = {a.phrase for a in r.acts if a.phrase}
    if any(s.step == "hazard" for s in r.agent_steps):  # advice in the agent's own words
        return []
    return [k for k in keys if k not in given]


# formal address before the surname, by language and gender (Polish greets without the name)
@dataclass(frozen=True, slots=True)
class Sentence:
    """A rendered sentence and where it came from."""

    key: str
    step: str
    text: str
    rule: str
    days: int | None = None  # the slots it was filled with, to render it again
    n: int | None = None


class Renderer:
    """Fills phrasebook slots from a :class:`Situation` and the policy."""

    def __init__(self, reading: Situation) -> None:
        self.reading = reading
        self.book: Phrasebook = phrasebook(reading.language)
        self.register = reading.register_key
        self.extra_facts: dict[str, str] = {}

    def known_facts(self) -> dict[str, str]:
        return {**self.reading.facts, **self.extra_facts}

    def _get(self, key: str) -> str:
        return self.book.get(key, self.register).text

    def days(self, n: int) -> str:
        if n == 1:
            key = "days_one"
        elif self.reading.language == "pl" and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            key = "days_few"
        else:
            key = "days_many"
        return self._get(key).replace("{n}", str(n))

    def product(self, value: str) -> str:
        """A product as the sentence needs it: Polish puts it in the genitive ("dotyczy
        pralki"), or cites it as written where Morfeusz cannot inflect it."""
        if self.reading.language != "pl":
            return value
        inflected = genitive(value)
        if inflected is not None:
            return inflected
        return self._get("product_uninflected").replace("{value}", value)

    def topic(self) -> str:
        public = self.reading.conversation.channel == PUBLIC
        key, value = self.reading.topic_key(identifying=not public)
        if key == "product" and value:
            value = self.product(value)
        if "order_number" in self.extra_facts:  # "your order [order number]"
            key, value = "order", self.extra_facts["order_number"]
        text = self._get(f"topic_{key}")
        return text.replace("{value}", value or "")

    def facts(self) -> str:
        facts = self.known_facts()
        if self.reading.old_purchase:  # "8 months ago" is the purchase, not a wait
            facts.pop("duration", None)
        if "product" in facts:
            facts["product"] = self.product(facts["product"].rstrip(".,;: "))
        if "date" in facts:
            facts["date"] = date_in_sentence(self.reading, facts["date"])
        parts = [
            self._get(f"fact_{kind}").replace("{value}", facts[kind].rstrip(".,;: "))
            for kind in FACT_KEYS
            if kind in facts
        ]
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {self._get('list_and')} {parts[-1]}"

    def fill(self, text: str, days: int | None = None, n: int | None = None) -> str:
        r = self.reading
        slots = {
            "{org}": r.policy.name,
            "{name}": salutation(r) or "",
            "{n}": str(n) if n is not None else "",
        }
        if "{topic}" in text:
            slots["{topic}"] = self.topic()
        if "{facts}" in text:
            slots["{facts}"] = self.facts()
        if "{days}" in text:
            slots["{days}"] = self.days(days if days is not None else DEFAULT_DAYS)
        for slot, value in slots.items():
            text = text.replace(slot, value)
        return text

    def sentences(
        self, key: str, days: int | None = None, n: int | None = None, limit: int = 3
    ) -> list[Sentence]:
        found: tuple[Phrase, ...] = self.book.variants(key, self.register)
        return [
            Sentence(key, p.step, self.fill(p.text, days, n), p.rule, days, n)
            for p in found[:limit]
        ]

    def shortest(self, s: Sentence) -> Sentence:
        """The shortest variant of the phrase ``s`` was rendered from (same slots)."""
        found = self.sentences(s.key, s.days, s.n, limit=9)
        return min(found, key=lambda x: len(x.text)) if found else s

    def sentence(self, key: str, days: int | None = None, n: int | None = None) -> Sentence:
        return self.sentences(key, days, n, limit=1)[0]


def ack_key(reading: Situation) -> str:
    emotion = reading.emotion if reading.emotion != "satisfaction" else "generic"
    return f"ack_{emotion}"


def time_frame(reading: Situation, want: str | None) -> int:
    frames = reading.policy.time_frames
    if want and want in frames:
        return frames[want]
    return frames.get("explanation", DEFAULT_DAYS)


def resolution(reading: Situation) -> list[tuple[str, int | None, int | None]]:
    """What to offer for what the customer wants: (phrase key, days, n) in order.

    The policy decides, through the same verdict the situation shows: a refund after the
    refund window and compensation for a delay are a firm, respectful "no" with an
    alternative; an amount above this agent's limit, or a flag the agent lacks, goes to a
    supervisor who decides within the callback time; a refund or payment whose amount is not
    known yet is checked, never promised; a manager request is passed on. What the
    organisation already offered is not offered again, and what it refused is not granted.
    """
    r, policy = reading, reading.policy
    out: list[tuple[str, int | None, int | None]] = []
    supervisor_days = policy.time_frames.get("callback", 1)
    for want in r.wants:
        if r.calm_question and r.asked and want in ("refund", "exchange"):
            continue  # "how long does a refund take?": answered from the policy, not offered
        if r.offered(want):
            continue  # said already: not offered twice
        ruling = verdict(want, r.fact_items, policy, r.old_purchase, r.delay)
        if want in MONEY_WANTS and r.refused(want):
            # a refusal of money is never reversed: above this agent's limit a team leader
            # may look again; otherwise the "no" stands, with what is possible instead
            # (the alternative is a repair or an exchange: only where there is a product)
            if (ruling is not None and ruling.decision == "supervisor") or "product" not in r.facts:
                out.append(("escalate_supervisor", supervisor_days, None))
            else:
                out.append(("alternative_generic", time_frame(r, "explanation"), None))
            if len(out) >= 2:
                break
            continue
        if want == "speak_to_manager":
            out.append(("escalate_manager", supervisor_days, None))
        elif want == "refund" and r.old_purchase:
            out.append(("no_refund_late", None, policy.refund_after_days))
            out.append(("alternative_generic", time_frame(r, "explanation"), None))
        elif want == "compensation" and r.delay and not policy.compensation_for_delay:
            out.append(("no_compensation_delay", None, None))
            out.append(("alternative_generic", time_frame(r, "explanation"), None))
        elif ruling is not None and ruling.decision in ("supervisor", "never"):
            out.append(("escalate_supervisor", supervisor_days, None))
        elif ruling is not None and ruling.decision == "check":
            out.append(("check_amount", time_frame(r, want), None))
        elif want in GRANTS:
            out.append((f"offer_{want}", time_frame(r, want), None))
        elif want in ("explanation", "apology"):
            out.append((f"offer_{want}", time_frame(r, "explanation"), None))
        if len(out) >= 2:
            break
    return out


def policy_answers(reading: Situation) -> list[tuple[str, int | None, int | None]]:
    """Answers the policy itself backs, for the questions the customer asked: how long a
    purchase can be returned (``never.refund_after_days``) and how long a refund takes
    (``time_frames.refund``). Anything else gets a time for the answer, never a guess."""
    out: list[tuple[str, int | None, int | None]] = []
    for topic in reading.asked:
        if topic == "return_window":
            out.append(("answer_return_window", None, reading.policy.refund_after_days))
        elif topic == "refund_time":
            out.append(("answer_refund_time", time_frame(reading, "refund"), None))
    return out


def _one_offer(
    offers: list[tuple[str, int | None, int | None]],
) -> list[tuple[str, int | None, int | None]]:
    """A reply commits to one solution: "an exchange, and also a repair" promises two
    things the team then has to choose between. The guide still shows every option."""
    out: list[tuple[str, int | None, int | None]] = []
    for key, days, n in offers:
        if key.startswith("offer_") and any(k.startswith("offer_") for k, _, _ in out):
            continue
        out.append((key, days, n))
    return out


@dataclass(frozen=True)
class Composition:
    text: str
    sentences: tuple[Sentence, ...]
    placeholders: tuple[str, ...]


# sentences a short channel drops first, to stay within the policy's reply length
DROP_ORDER = (
    "summary",
    "summary_stated",
    "follow_up",
    "empathy",
    "own_it",
    "greet_name",
    "greet_noname",
)


def _layout(r: Situation, opening: Sentence | None, body: list[Sentence], closing: Sentence) -> str:
    middle = " ".join(s.text for s in body)
    if opening is not None and r.language == "de" and opening.text.rstrip().endswith(","):
        middle = body_after_salutation(r.language, middle)
    channel = r.conversation.channel
    if channel == "email":
        signature = r.policy.signature.get(r.language, r.policy.name)
        head = f"{opening.text}\n\n" if opening else ""
        text = f"{head}{middle}\n\n{closing.text}\n{signature}"
    elif opening is None:
        text = middle
    else:  # social posts and phone notes: a greeting line, no letter frame
        text = f"{opening.text}\n{middle}"
    return re.sub(r"[ \t]+", " ", text).strip()


def compose(reading: Situation) -> Composition:
    """A reply built from the steps that apply now (see :func:`calmline.protocol.draft`).

    A public post gets no name, no facts and no commitment: it acknowledges, apologises
    where something went wrong, gives owed safety advice, and asks for a private message.
    Short channels drop the optional sentences — the summary, the follow-up, the empathy
    line, the greeting — until the reply fits.
    """
    r = reading
    ren = Renderer(r)
    public = r.conversation.channel == PUBLIC
    placeholders: list[str] = []
    needs_order = ORDER_WANTS & set(r.wants) and not r.calm_question
    if not r.threat and not public and needs_order and not r.has_reference:
        placeholder = ren.sentence("placeholder_order").text
        ren.extra_facts["order_number"] = placeholder
        placeholders.append(placeholder)
    named = salutation(r) and not public  # a public post names nobody
    opening: Sentence | None = ren.sentence("greet_name" if named else "greet_noname")
    body: list[Sentence] = []
    if r.threat:
        body.append(ren.sentence("safety"))
    elif public:  # short, acknowledges, no facts and no commitments, then a private channel
        body.extend(ren.sentence(k) for k in owed_safety(r))
        body.append(ren.sentence(ack_key(r) if r.complaint or r.hot else "thanks_contact"))
        if r.complaint:
            body.append(ren.sentence("apology"))
        body.extend(ren.sentence(k, d, n) for k, d, n in resolution(r) if k.startswith("escalate_"))
        body.append(ren.sentence("to_private"))
    else:
        body.extend(ren.sentence(k) for k in owed_safety(r))  # safety first
        body.append(ren.sentence(ack_key(r) if r.complaint or r.hot else "thanks_contact"))
        # facts complete: restate them; incomplete: ask, and the question ends the message
        asked: Sentence | None = None
        if r.story_heard and r.complaint and len(ren.known_facts()) >= 2:
            if r.missing or placeholders:
                asked = ren.sentence("summary")
            else:
                body.append(ren.sentence("summary_stated"))
        if r.story_heard and r.complaint:
            body.append(ren.sentence("empathy"))
        if r.complaint:
            body.append(ren.sentence("apology"))
        if not r.story_heard and not r.calm_question:
            body.append(ren.sentence("invite_more"))
        offers = _one_offer(resolution(r))
        for key, days, n in offers:
            body.append(ren.sentence(key, days, n))
        answers = policy_answers(r) if r.calm_question else []
        body.extend(ren.sentence(k, d, n) for k, d, n in answers)
        if answers and len(answers) >= len(r.open_questions):
            pass  # every question answered from the policy: no "I will get back to you"
        elif not any(
            s.key.startswith(("offer_", "escalate_", "alternative_", "check_")) for s in body
        ):  # one time frame: check_amount already says when the answer comes
            body.append(ren.sentence("next_generic", time_frame(r, None)))
        if offers and offers[0][0].startswith("offer_") and r.complaint:
            body.append(ren.sentence("follow_up", r.policy.follow_up_days))
        if asked is not None:
            body.append(asked)
    closing = ren.sentence("closing")
    limit = r.policy.reply_length[r.conversation.channel]
    text = _layout(r, opening, body, closing)
    for key in DROP_ORDER:
        if len(text) <= limit:
            break
        if opening is not None and opening.key == key:
            opening = None
        body = [s for s in body if s.key != key]
        text = _layout(r, opening, body, closing)
    if len(text) > limit:  # still too long: the shortest wording of every sentence
        body = [ren.shortest(s) for s in body]
        text = _layout(r, opening, body, closing)
    if len(text) > limit and public:  # the apology follows in the private channel
        body = [s for s in body if s.key != "apology"]
        text = _layout(r, opening, body, closing)
    kept = (*([opening] if opening else []), *body, closing)
    placeholders = [p for p in placeholders if p in text]
    return Composition(text, kept, tuple(dict.fromkeys(placeholders)))
