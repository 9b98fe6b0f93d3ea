"""English facts with roles and normalised values, sarcasm and hazards.

Relative dates resolve against Tuesday 24 November 2026 (``tests.languages.expect.AT``).
"""

import pytest

from tests.languages.expect import check

FACTS = [
    (
        "Ordered three weeks ago, promised within 4 working days.",
        [
            ("fact", "duration", "three weeks", "P3W", "elapsed"),
            ("fact", "duration", "4 working days", "P4D", "promised"),
        ],
    ),
    (
        "Order #UK-77120, invoice INV-20931, I paid £129.50 last Tuesday.",
        [
            ("fact", "order_number", "#UK-77120", "UK-77120", None),
            ("fact", "invoice_number", "INV-20931", "INV-20931", None),
            ("fact", "amount", "£129.50", "129.50 GBP", None),
            ("fact", "date", "last Tuesday", "2026-11-17", "event"),
        ],
    ),
    (
        "I emailed four times and called twice.",
        [
            ("fact", "contact_attempts", "emailed four times", "email:4", None),
            ("fact", "contact_attempts", "called twice", "call:2", None),
        ],
    ),
    (
        "I bought the kettle in September and it has a 2-year warranty.",
        [
            ("fact", "date", "September", "2026-09-01/2026-09-30", "event"),
            ("fact", "duration", "2-year", "P2Y", "other"),
            ("fact", "product", "kettle", "kettle", None),
        ],
    ),
    (
        "I took a day off for nothing and spent 40 minutes on hold.",
        [
            ("fact", "duration", "a day", "P1D", "lost"),
            ("fact", "duration", "40 minutes", "PT40M", "lost"),
        ],
    ),
    (
        "I want the refund by Friday.",
        [("fact", "date", "Friday", "2026-11-27", "deadline")],
    ),
    (
        "It's been three and a half months and my account number is 4400 1823 77.",
        [
            ("fact", "duration", "three and a half months", "P3.5M", "elapsed"),
            ("fact", "customer_number", "4400 1823 77", "4400182377", None),
        ],
    ),
    (
        "Your technician, Dave, came yesterday and the washing machine still leaks.",
        [
            ("fact", "person", "Dave", "Dave", None),
            ("fact", "date", "yesterday", "2026-11-23", "event"),
            ("fact", "product", "washing machine", "washing machine", None),
        ],
    ),
    (
        "Call me on 07700 900123, postcode SW1A 1AA, IBAN GB29 NWBK 6016 1331 9268 19.",
        [("no_fact", "order_number"), ("no_fact", "customer_number")],
    ),
    (
        "I booked a hotel for 9–12 December, booking no. HB-4471902.",
        [
            ("fact", "date", "9–12 December", "2026-12-09/2026-12-12", "promised"),
            ("fact", "order_number", "HB-4471902", "HB-4471902", None),
        ],
    ),
]

TONE = [
    (
        "Oh brilliant. Truly outstanding service",
        [("sarcasm", "outstanding service"), ("heat_min", 0.35), ("sentiment", "negative")],
    ),
    ("Thanks for nothing, seriously.", [("sarcasm", "Thanks for nothing")]),
    ("Credit where it's due: brilliant service, fixed in a day!", [("no_sarcasm",)]),
    (
        "The kettle smells of burning plastic and the plug gets really hot.",
        [("hazard", "fire", "smells of burning")],
    ),
    ("There's a smell of gas since the engineer left.", [("hazard", "gas", "smell of gas")]),
    (
        "My son nearly swallowed a small part that came off the toy.",
        [("hazard", "child", "swallowed")],
    ),
    ("I'm fuming, my blood is boiling.", [("no_hazard",)]),
    ("No smoke, no smell, it just won't switch on.", [("no_hazard",)]),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="en")
