"""What a complaint is about: the causes lexicon finds each cause, in order of first mention."""

from __future__ import annotations

import pytest

from calmline.protocol.causes import causes_of

CASES = [
    # --- nl ---
    ("nl", "Mijn pakket is al een week te laat en niemand weet waar het is.", ("delivery",)),
    ("nl", "De waterkoker is na twee dagen kapot gegaan.", ("defect",)),
    ("nl", "Ik heb mijn terugbetaling nog steeds niet ontvangen.", ("refund",)),
    ("nl", "Er is twee keer afgeschreven voor dezelfde bestelling.", ("billing",)),
    (
        "nl",
        "Niemand neemt de telefoon op en ik word van het kastje naar de muur gestuurd.",
        ("service",),
    ),
    ("nl", "Mijn afspraak bij de kapper is zonder bericht geannuleerd.", ("appointment",)),
    ("nl", "Ik kan niet inloggen, mijn account is geblokkeerd.", ("account",)),
    ("nl", "Het apparaat werkt niet meer en ik wil gewoon mijn geld terug.", ("defect", "refund")),
    (
        "nl",
        "Mijn abonnement wordt nog steeds afgeschreven terwijl ik het heb opgezegd.",
        ("billing", "account"),
    ),
    (
        "nl",
        "Ik heb een uur in de wacht gestaan en de bestelling is nog steeds niet geleverd.",
        ("service", "delivery"),
    ),
    ("nl", "Bedankt voor de snelle hulp, fijne dag!", ()),
    ("nl", "Hoe laat gaat de winkel morgen open? Ik wil graag nog een bestelling plaatsen.", ()),
    # --- de ---
    ("de", "Das Paket kam nie an, und der Paketbote geht nicht ans Telefon.", ("delivery",)),
    ("de", "Das Gerät funktioniert nach einer Woche nicht mehr.", ("defect",)),
    ("de", "Ich warte seit drei Wochen auf meine Rückerstattung.", ("refund",)),
    ("de", "Auf der Rechnung steht ein falscher Betrag.", ("billing",)),
    (
        "de",
        "Die Mitarbeiterin war sehr unfreundlich und ich hing eine Stunde in der Warteschleife.",
        ("service",),
    ),
    ("de", "Mein Termin wurde kurzfristig abgesagt.", ("appointment",)),
    ("de", "Mein Konto wurde gesperrt und ich kann mich nicht einloggen.", ("account",)),
    (
        "de",
        "Sie haben mir den Betrag doppelt abgebucht, ich will mein Geld zurück.",
        ("billing", "refund"),
    ),
    (
        "de",
        "Das Paket ist beschädigt angekommen und im Karton fehlen zwei Schrauben.",
        ("delivery", "defect"),
    ),
    ("de", "Mein Abo wird trotz Kündigung weiter abgebucht.", ("account", "billing")),
    ("de", "Vielen Dank für die schnelle Hilfe!", ()),
    ("de", "Darauf kommt es nicht an, ich möchte nur wissen, wann Sie am Samstag öffnen.", ()),
    # --- pl ---
    ("pl", "Przesyłka nie dotarła do dziś, a kurier nie odbiera.", ("delivery",)),
    ("pl", "Telefon nie działa od wczoraj.", ("defect",)),
    ("pl", "Nadal nie otrzymałem zwrotu pieniędzy.", ("refund",)),
    ("pl", "Na fakturze jest błędna kwota.", ("billing",)),
    ("pl", "Nikt nie odbiera telefonu, a konsultantka była bardzo niemiła.", ("service",)),
    ("pl", "Moja wizyta została odwołana bez uprzedzenia.", ("appointment",)),
    ("pl", "Moje konto zostało zablokowane i nie mogę się zalogować.", ("account",)),
    ("pl", "Ekspres zepsuł się po dwóch dniach, oddajcie mi pieniądze.", ("defect", "refund")),
    (
        "pl",
        "Paczka dotarła uszkodzona, a na infolinii czekałam godzinę na konsultanta.",
        ("delivery", "defect", "service"),
    ),
    ("pl", "Pobrano mi opłatę dwukrotnie, a technik nie przyszedł.", ("billing", "appointment")),
    ("pl", "Dziękuję za szybką pomoc, miłego dnia!", ()),
    ("pl", "Proszę zwrócić uwagę na mój nowy adres i o informację zwrotną.", ()),
    # --- en ---
    ("en", "The package never arrived and the courier says it was delivered.", ("delivery",)),
    ("en", "The kettle stopped working after two days.", ("defect",)),
    ("en", "I returned it a month ago and I still want my money back.", ("refund",)),
    ("en", "You charged me twice for the same order.", ("billing",)),
    ("en", "I've been on hold for 45 minutes and nobody answers.", ("service",)),
    ("en", "The technician never showed up for the appointment.", ("appointment",)),
    ("en", "I can't log in and my account has been blocked.", ("account",)),
    ("en", "My refund still hasn't arrived and your staff were rude to me.", ("refund", "service")),
    (
        "en",
        "You sent me the wrong size and there's an unexpected fee on my statement.",
        ("defect", "billing"),
    ),
    (
        "en",
        "I cancelled my membership but you keep charging me for the subscription.",
        ("account", "billing"),
    ),
    ("en", "Thanks, see you next week!", ()),
    (
        "en",
        "That doesn't work for me, could we do Tuesday? I'd like to order the same shoes again.",
        (),
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_causes_in_order_of_first_mention(lang: str, text: str, expected: tuple[str, ...]) -> None:
    assert causes_of(text, lang) == expected


def test_unsupported_language_has_no_causes() -> None:
    assert causes_of("Mon colis n'est jamais arrivé et le produit est cassé.", "fr") == ()
