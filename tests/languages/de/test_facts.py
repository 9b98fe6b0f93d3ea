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
    # long messages: sincere praise of one thing beside a complaint about another is not
    # sarcasm; sarcastic praise next to the complaint still is
    (
        "Die Beratung in Ihrer Filiale in Köln war hervorragend. Herr Yilmaz hat sich viel Zeit für mich genommen. Den Fernseher habe ich dann am 12. Mai online bestellt. Geliefert wurde ein Gerät mit einem Sprung im Display. Ich möchte, dass Sie es abholen und ersetzen.",
        [("no_sarcasm",)],
    ),
    (
        "Am 12. Mai habe ich einen Fernseher bestellt. Versprochen war die Lieferung innerhalb von drei Tagen. Jetzt warte ich seit zwei Wochen. Ganz toller Service, wirklich. Ich will mein Geld zurück.",
        [("sarcasm", "toller"), ("sentiment", "negative")],
    ),
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
    # hazards of every kind, in varied word order (the lexicon lists concepts both ways round)
    (
        "Aus dem Netzteil vom Laptop kam plötzlich Qualm, jetzt riecht das Zimmer verschmort.",
        [("hazard", "fire", "riecht das Zimmer verschmort")],
    ),
    (
        "Die Powerbank ist beim Laden aufgebläht und ganz heiß geworden.",
        [("hazard", "fire", "Powerbank ist beim Laden aufgebläht")],
    ),
    (
        "Beim Berühren vom Backofengriff kribbelt es in den Fingern.",
        [("hazard", "electric", "Berühren vom Backofengriff kribbelt")],
    ),
    (
        "Unter der Mehrfachsteckdose im Flur steht Wasser, die Spülmaschine ist ausgelaufen.",
        [("hazard", "electric", "Mehrfachsteckdose im Flur steht Wasser")],
    ),
    (
        "Das Kabel vom Föhn ist durchgescheuert, man sieht schon die Drähte.",
        [("hazard", "electric", "Kabel vom Föhn ist durchgescheuert")],
    ),
    (
        "Am Gasgrill zischt es am Schlauch und es riecht nach faulen Eiern.",
        [("hazard", "gas", "Gasgrill zischt"), ("hazard", "gas", "nach faulen Eiern")],
    ),
    ("Unser CO-Melder hat heute früh Alarm geschlagen.", [("hazard", "gas", "CO-Melder")]),
    (
        "Die Klappe vom Hängeschrank ist runtergefallen und hat mich an der Stirn getroffen.",
        [("hazard", "injury", "an der Stirn getroffen")],
    ),
    (
        "Der Stuhl ist unter mir zusammengebrochen, ich hab mir das Handgelenk verstaucht.",
        [("hazard", "injury", "Handgelenk verstaucht")],
    ),
    (
        "Seit der neuen Gesichtscreme ist meine Haut gerötet und brennt.",
        [("hazard", "allergy", "Haut gerötet")],
    ),
    (
        "Nach dem Nachtisch sind meine Lippen dick geworden und der Hals fühlt sich eng an.",
        [("hazard", "allergy", "Hals fühlt sich eng")],
    ),
    ("Im Joghurtbecher war ein Stück Plastik.", [("hazard", "food", "Stück Plastik")]),
    (
        "Seit dem Essen bei Ihnen habe ich Bauchkrämpfe und Durchfall.",
        [("hazard", "food", "Bauchkrämpfe")],
    ),
    (
        "Die Kordel vom Vorhang hängt direkt über dem Babybett.",
        [("hazard", "child", "Kordel vom Vorhang")],
    ),
    (
        "Mein Sohn hat eine Knopfbatterie aus der Fernbedienung in den Mund gesteckt.",
        [("hazard", "child", "Knopfbatterie")],
    ),
    (
        "Unser Kater hat nach dem neuen Futter Blut erbrochen.",
        [("hazard", "animal", "Kater hat nach dem neuen Futter")],
    ),
    (
        "Der Welpe humpelt seit dem Spaziergang mit Ihrem Gassi-Service.",
        [("hazard", "animal", "Welpe humpelt")],
    ),
    # figures of speech, everyday non-hazards and a hazard that was checked and ruled out
    ("Die Kosten für Strom und Gas sind explodiert.", [("no_hazard",)]),
    ("Mir wird übel, wenn ich Ihre Abrechnung lese.", [("no_hazard",)]),
    (
        "Der Rauchmelder piept alle paar Stunden, ich glaube, die Batterie ist schwach.",
        [("no_hazard",)],
    ),
    (
        "Der Elektriker hat alles geprüft: Die Steckdose ist nicht heiß und es riecht nicht"
        " verbrannt.",
        [("no_hazard",)],
    ),
    ("Das war ein Schlag ins Gesicht, so mit Stammkunden umzugehen.", [("no_hazard",)]),
    ("Die Brötchen waren hart wie Stein, aber geschmeckt haben sie.", [("no_hazard",)]),
    (
        "Die Herdplatte ist nach dem Ausschalten noch heiß, das ist doch normal, oder?",
        [("no_hazard",)],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="de")
