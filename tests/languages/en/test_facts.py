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
    # long messages: sincere praise of one thing beside a complaint about another is not
    # sarcasm; sarcastic praise next to the complaint still is
    (
        "The staff at your Leeds branch were lovely and very patient with my questions. The fitting room was clean and the music was nice. I ordered the same coat online on 4 May. It arrived with a torn lining and a missing button. I would like a replacement sent out this week.",
        [("no_sarcasm",)],
    ),
    (
        "I ordered a coat on 4 May. You promised delivery within two days. I have now been waiting three weeks. Stellar service, really. I want my money back.",
        [("sarcasm", "Stellar service"), ("sentiment", "negative")],
    ),
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
    # hazards of every kind, in words the lexicon rows cover as concepts
    (
        "The adaptor you sent fizzed and crackled when I plugged it into the socket.",
        [("hazard", "fire", "crackled")],
    ),
    (
        "My phone charger plug has gone brown and the casing is warped.",
        [("hazard", "fire", "casing is warped")],
    ),
    (
        "I get a tingle in my fingers whenever I touch the oven door.",
        [("hazard", "electric", "tingle in my fingers")],
    ),
    (
        "Rainwater is dripping into the fuse box under the stairs.",
        [("hazard", "electric", "dripping into the fuse")],
    ),
    (
        "The whole stairwell has an eggy smell since the works outside.",
        [("hazard", "gas", "eggy smell")],
    ),
    (
        "When I turn on the hob I can hear gas hissing but it won't light.",
        [("hazard", "gas", "gas hissing")],
    ),
    (
        "The shelf bracket gave way and the shelf landed on my husband's foot.",
        [("hazard", "injury", "landed")],
    ),
    (
        "I stood on a rusty nail your builders left on the drive.",
        [("hazard", "injury", "rusty nail")],
    ),
    ("My cheeks came up in welts an hour after the facial.", [("hazard", "allergy", "welts")]),
    (
        "It says dairy-free but it contains milk, and my son's lips are swelling.",
        [("hazard", "allergy", "lips are swelling")],
    ),
    ("There was a fingernail in my burger.", [("hazard", "food", "fingernail")]),
    (
        "We both came down with vomiting and cramps after eating the prawn cocktail.",
        [("hazard", "food", "vomiting")],
    ),
    (
        "My three-year-old got into the cupboard and was chewing a dishwasher tablet.",
        [("hazard", "child", "dishwasher tablet")],
    ),
    ("My baby's leg slipped through the cot bars.", [("hazard", "child", "leg slipped through")]),
    (
        "Our spaniel has been limping since the groomer clipped her nails.",
        [("hazard", "animal", "limping")],
    ),
    (
        "My cat started drooling and shaking after your flea spray.",
        [("hazard", "animal", "drooling")],
    ),
    # figures of speech, a hazard checked and ruled out, one that was fixed: no hazard
    ("Honestly, your prices make me sick.", [("no_hazard",)]),
    ("I've been burned before by companies like yours.", [("no_hazard",)]),
    ("My inbox exploded with your marketing emails, please unsubscribe me.", [("no_hazard",)]),
    ("My daughter fell in love with the dollhouse, but the roof is missing.", [("no_hazard",)]),
    ("The chocolate cake arrived melted, so it was a bit of a mess.", [("no_hazard",)]),
    (
        "The gas engineer checked the boiler, found no leak and said it's all safe.",
        [("no_hazard",)],
    ),
    (
        "Your engineer fixed the gas leak last spring and everything has been fine since.",
        [("no_hazard",)],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="en")
