"""German facts with roles and normalised values, sarcasm and hazards.

Relative dates resolve against Tuesday 24 November 2026 (``tests.languages.expect.AT``).
"""

import pytest

from tests.languages.expect import check

FACTS = [
    (
        "Seit drei Wochen warte ich, versprochen war Lieferung innerhalb von 4 Werktagen.",
        [
            ("fact", "duration", "drei Wochen", "P3W", "elapsed"),
            ("fact", "duration", "4 Werktagen", "P4D", "promised"),
        ],
    ),
    (
        "Bestellung 5521-10, Rechnung RE-2291 über 79,95 €.",
        [
            ("fact", "order_number", "5521-10", "5521-10", None),
            ("fact", "invoice_number", "RE-2291", "RE-2291", None),
            ("fact", "amount", "79,95 €", "79.95 EUR", None),
        ],
    ),
    (
        "Ich habe zwei Mahnungen geschickt und viermal angerufen.",
        [
            ("fact", "contact_attempts", "zwei Mahnungen", "any:2", None),
            ("fact", "contact_attempts", "viermal angerufen", "call:4", None),
        ],
    ),
    (
        "Gestern kam der Techniker nicht, vorgestern auch nicht.",
        [
            ("fact", "date", "Gestern", "2026-11-23", "event"),
            ("fact", "date", "vorgestern", "2026-11-22", "event"),
            ("fact", "person", "Techniker", "technician", None),
        ],
    ),
    (
        "Bis Freitag will ich mein Geld zurück.",
        [("fact", "date", "Freitag", "2026-11-27", "deadline")],
    ),
    (
        "Ich habe vor 10 Tagen bestellt und 40 Minuten in der Warteschleife gehangen.",
        [
            ("fact", "duration", "10 Tagen", "P10D", "elapsed"),
            ("fact", "duration", "40 Minuten", "PT40M", "lost"),
        ],
    ),
    (
        "Die Waschmaschine habe ich am 31.10. geliefert bekommen, Kundennummer KD-448812.",
        [
            ("fact", "product", "Waschmaschine", "waschmaschine", None),
            ("fact", "date", "31.10.", "2026-10-31", "event"),
            ("fact", "customer_number", "KD-448812", "KD-448812", None),
        ],
    ),
    (
        "Die Stehlampe kostet € 1.299,00 und war letzte Woche im Angebot.",
        [
            ("fact", "product", "Stehlampe", "stehlampe", None),
            ("fact", "amount", "€ 1.299,00", "1299.00 EUR", None),
            ("fact", "date", "letzte Woche", "2026-11-16/2026-11-22", "event"),
        ],
    ),
    (
        "Am 31.02. war ich angeblich nicht zu Hause.",
        [("no_fact", "date")],
    ),
    (
        "Rufen Sie mich unter 0171 2345678 an, PLZ 10115 Berlin, IBAN DE89 3704 0044 0532 0130 00.",
        [("no_fact", "order_number"), ("no_fact", "customer_number")],
    ),
    (
        "Ihr Techniker, Herr Krause, war am Montag da.",
        [
            ("fact", "person", "Krause", "Krause", None),
            ("fact", "date", "Montag", "2026-11-23", "event"),
        ],
    ),
    (
        "Das Gerät hat 2 Jahre Garantie.",
        [("fact", "duration", "2 Jahre", "P2Y", "other")],
    ),
]

TONE = [
    (
        "Ganz toll gemacht, wirklich… Danke für gar nichts.",
        [("sarcasm", "Danke für gar nichts"), ("heat_min", 0.35), ("sentiment", "negative")],
    ),
    ("Na super, schon wieder kein Paket.", [("sarcasm", "Na super")]),
    ("Vielen Dank, wirklich super Service, das Paket kam heute!", [("no_sarcasm",)]),
    (
        "Der Wasserkocher riecht verbrannt und der Stecker wird richtig heiß.",
        [("hazard", "fire", "riecht verbrannt")],
    ),
    ("Im Keller riecht es nach Gas.", [("hazard", "gas", "riecht es nach Gas")]),
    (
        "Mein Hund hat nach dem Futter erbrochen, wir mussten zum Tierarzt.",
        [("hazard", "animal", "Hund")],
    ),
    ("Mir kocht das Blut, da wird man ja krank.", [("no_hazard",)]),
    ("Kein Rauch, kein Geruch, es geht einfach nicht an.", [("no_hazard",)]),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="de")
