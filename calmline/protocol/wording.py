"""Language a native professional would write: the forms around calmline's phrases.

The phrasebook holds whole sentences; what changes with the customer is how their name,
their dates and the first word after the greeting are written. Each rule here is one a
native speaker applies without thinking and a template gets wrong:

- the salutation by language, register and gender ("Beste meneer Jansen", "Sehr geehrte
  Frau Krüger" via the phrasebook's greeting, "Dear Mr Turner", the Polish vocative
  "Cześć, Michale"); an e-mail address or a handle is no name to greet by;
- a date the customer wrote at the start of their sentence, restated inside ours ("het is
  vorige week gebeurd", not "Vorige week"), with the preposition German and English need
  before a bare date ("am 2. März", "on 3 March", "im Mai", "in May");
- German letters go on in lower case after the salutation's comma ("Hallo Lena, es tut
  mir leid"), unless the first word is a noun or the polite "Sie".

The word lists are small closed classes (months, weekdays, relative date words, sentence
openers), kept beside the rules that use them.
"""

from __future__ import annotations

from calmline.languages.pl.morphology import vocative
from calmline.protocol.situation import Situation

HONORIFIC = {
    "nl": {"female": "mevrouw", "male": "meneer"},
    "de": {"female": "Frau", "male": "Herr"},
    "en": {"female": "Ms", "male": "Mr"},
}


def salutation(reading: Situation) -> str | None:
    """The name a greeting uses, or None for the neutral greeting.

    Formal with a known gender: honorific and surname ("mevrouw De Boer", "Frau Krüger",
    "Mr Turner"); formal without one: the full name as written; informal: the first name.
    An e-mail address or a handle is no name to greet by."""
    r = reading
    name = (r.conversation.customer.name or "").strip()
    if not name or "@" in name or not any(ch.isalpha() for ch in name) or "_" in name:
        return None
    if r.register == "informal":
        first = name.split()[0]
        return vocative(first) if r.language == "pl" else first
    honorific = HONORIFIC.get(r.language, {}).get(r.gender)
    if honorific and r.salutation_name and len(name.split()) > 1:
        return f"{honorific} {r.salutation_name}"
    return name


_DE_MONTHS = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
]
_DE_DAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]


def _de_date(value: str) -> str:
    """A bare calendar date or weekday takes "am", a bare month "im" ("am 2. März", "im
    Mai"); relative words ("gestern", "letzte Woche") and phrases with their own
    preposition stand as they are."""
    first = value.split()[0].lower().rstrip(".,")
    if first[:1].isdigit() or first in _DE_DAYS:
        return f"am {value}"
    if first in _DE_MONTHS:
        return f"im {value}"
    return value


# German bodies start in lower case after the salutation's comma, except a noun or "Sie"
_DE_LOWER_OPENERS = frozenset(
    [
        "es",
        "ich",
        "wir",
        "du",
        "dein",
        "deine",
        "deinen",
        "deinem",
        "deiner",
        "dich",
        "dir",
        "danke",
        "vielen",
        "herzlichen",
        "gern",
        "gerne",
        "leider",
        "zu",
        "zur",
        "zum",
        "das",
        "die",
        "der",
        "dem",
        "den",
        "bitte",
        "was",
        "wie",
        "wenn",
        "sobald",
        "damit",
        "da",
        "dass",
        "auch",
        "nach",
        "vor",
        "um",
        "in",
        "im",
        "am",
        "an",
        "auf",
        "für",
        "mit",
        "bei",
        "von",
        "ob",
        "schon",
        "jetzt",
        "hier",
        "so",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "entschuldige",
        "entschuldigen",
        "schön",
        "gut",
    ]
)


def body_after_salutation(language: str, body: str) -> str:
    """German continues in lower case after \"Hallo Lena,\" (other languages unchanged)."""
    if language != "de":
        return body
    first = body.split(" ", 1)[0]
    if first.lower().strip(",.:;!?") in _DE_LOWER_OPENERS and first[:1].isupper():
        return first[:1].lower() + body[1:]
    return body


# relative date words German and English write in lower case inside a sentence
LOWER_DATE_WORDS = {
    "de": frozenset(
        [
            "gestern",
            "vorgestern",
            "heute",
            "letzte",
            "letzten",
            "letzter",
            "letztes",
            "vorige",
            "vorigen",
            "voriger",
            "diese",
            "diesen",
            "dieser",
            "dieses",
            "vor",
            "seit",
            "am",
        ]
    ),
    "en": frozenset(
        [
            "last",
            "yesterday",
            "today",
            "this",
            "next",
            "on",
            "two",
            "three",
            "four",
            "five",
            "a",
            "an",
        ]
    ),
}


_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _en_date(value: str) -> str:
    """ "it happened on 3 March / on Monday / in May"; "last week" and "yesterday" as they are."""
    first = value.split()[0].lower().rstrip(".,")
    if first[:1].isdigit() or first in _EN_DAYS:
        return f"on {value}"
    if first in _EN_MONTHS:
        second = value.split()[1] if len(value.split()) > 1 else ""
        return f"on {value}" if second[:1].isdigit() else f"in {value}"
    return value


def date_in_sentence(reading: Situation, value: str) -> str:
    """A date as it reads inside one of our sentences (see module doc)."""
    r = reading
    value = _lower_if_sentence_start(r, value)
    if r.language == "de":
        return _de_date(value)
    if r.language == "en":
        return _en_date(value)
    return value


def _lower_if_sentence_start(r: Situation, value: str) -> str:
    """Dutch and Polish write date words in lower case; German and English only their
    relative words ("gestern", "last week"), never a weekday, month or holiday."""
    item = next((f for f in r.fact_items if f.kind == "date" and f.display == value), None)
    if item is None or not value[:1].isupper():
        return value
    ev = item.evidence
    messages = r.conversation.messages
    text = messages[ev.message].text if 0 <= ev.message < len(messages) else ""
    before = text[: ev.start].rstrip(" \t\"'„“(")
    if before and before[-1] not in ".!?\n:":
        return value  # capitalised inside a sentence: a name, keep it
    first = value.split()[0].lower()
    if r.language in ("nl", "pl") or first in LOWER_DATE_WORDS.get(r.language, ()):
        return value[:1].lower() + value[1:]
    return value
