"""Dutch facts with roles and normalised values, sarcasm and hazards.

Relative dates resolve against Tuesday 24 November 2026 (``tests.languages.expect.AT``).
"""

import pytest

from tests.languages.expect import check

FACTS = [
    (
        "Ik heb drie weken geleden besteld, de levertijd zou binnen 4 werkdagen zijn.",
        [
            ("fact", "duration", "drie weken", "P3W", "elapsed"),
            ("fact", "duration", "4 werkdagen", "P4D", "promised"),
        ],
    ),
    (
        "Bestelling 5521-10 is nog steeds niet binnen.",
        [("fact", "order_number", "5521-10", "5521-10", None)],
    ),
    (
        "Mijn bestelnummer is NL-440921, factuur F-2026-0117.",
        [
            ("fact", "order_number", "NL-440921", "NL-440921", None),
            ("fact", "invoice_number", "F-2026-0117", "F-2026-0117", None),
        ],
    ),
    (
        "Ik heb € 1.299,00 betaald en daarna nog 34 euro verzendkosten.",
        [
            ("fact", "amount", "€ 1.299,00", "1299.00 EUR", None),
            ("fact", "amount", "34 euro", "34.00 EUR", None),
        ],
    ),
    (
        "Vorige week dinsdag heb ik 4 keer gebeld en drie mails gestuurd.",
        [
            ("fact", "date", "Vorige week dinsdag", "2026-11-17", "event"),
            ("fact", "contact_attempts", "4 keer gebeld", "call:4", None),
            ("fact", "contact_attempts", "drie mails", "email:3", None),
        ],
    ),
    (
        "In september heb ik de wasmachine gekocht.",
        [
            ("fact", "date", "september", "2026-09-01/2026-09-30", "event"),
            ("fact", "product", "wasmachine", "wasmachine", None),
        ],
    ),
    (
        "Gisteren kwam de bezorger niet, eergisteren ook al niet.",
        [
            ("fact", "date", "Gisteren", "2026-11-23", "event"),
            ("fact", "date", "eergisteren", "2026-11-22", "event"),
            ("fact", "person", "bezorger", "courier", None),
        ],
    ),
    (
        "Ik heb een halve dag vrij genomen voor niks.",
        [("fact", "duration", "een halve dag", "P0.5D", "lost")],
    ),
    (
        "Binnen een week wil ik mijn geld terug, anders stap ik naar de rechter.",
        [("fact", "duration", "een week", "P1W", "deadline")],
    ),
    (
        "Ik wil uiterlijk vrijdag een antwoord.",
        [("fact", "date", "vrijdag", "2026-11-27", "deadline")],
    ),
    (
        "De boekenkast die ik op 12 mei kocht, staat nog in de winkel.",
        [
            ("fact", "product", "boekenkast", "boekenkast", None),
            ("fact", "date", "12 mei", "2026-05-12", "event"),
        ],
    ),
    (
        "Bel me op 06-12345678, mijn postcode is 1012 AB en mijn IBAN NL91 ABNA 0417 1643 00.",
        [("no_fact", "order_number"), ("no_fact", "customer_number")],
    ),
    (
        "Uw collega, meneer Jansen, beloofde terugbellen.",
        [("fact", "person", "Jansen", "Jansen", None)],
    ),
    (
        "Het apparaat heeft 2 jaar garantie.",
        [("fact", "duration", "2 jaar", "P2Y", "other")],
    ),
]

TONE = [
    # long messages: sincere praise of one thing beside a complaint about another is not
    # sarcasm; sarcastic praise next to the complaint still is
    (
        "De verkopers in jullie winkel in Utrecht waren vriendelijk en namen alle tijd voor me. Ook de koffie bij de ingang was een leuk gebaar. Op 3 maart heb ik online een stofzuiger besteld. Die is nog steeds niet geleverd en ik heb al twee keer gebeld. Ik wil graag weten wanneer hij komt.",
        [("no_sarcasm",)],
    ),
    (
        "Op 3 maart heb ik een stofzuiger besteld. Volgens de site zou hij binnen twee dagen komen. Inmiddels wacht ik al drie weken. Echt geweldige service hoor. Ik wil mijn geld terug.",
        [("sarcasm", "geweldige"), ("sentiment", "negative")],
    ),
    ("Bedankt voor niks hoor.", [("sarcasm", "Bedankt voor niks"), ("heat_min", 0.35)]),
    (
        "Nou, lekker geregeld weer 🙄 al 12 dagen wachten op m'n jurk.",
        [("sarcasm", "lekker geregeld"), ("sentiment", "negative")],
    ),
    ("Super, heel erg bedankt voor de snelle hulp, alles werkt weer!", [("no_sarcasm",)]),
    (
        "Mijn waterkoker ruikt naar verbrand plastic en de stekker wordt gloeiend heet.",
        [("hazard", "fire", "ruikt naar verbrand plastic")],
    ),
    ("Ik ruik gas sinds de monteur weg is.", [("hazard", "gas", "ruik gas")]),
    ("Ik kreeg een schok toen ik de wasmachine aanraakte.", [("hazard", "electric", "schok")]),
    ("Mijn bloed kookt, dit is om ziek van te worden.", [("no_hazard",)]),
    ("Geen rook, geen geur, hij doet gewoon niks.", [("no_hazard",)]),
    # hazards across all eight kinds, written for these tests
    (
        "De föhn begon te knetteren en er kwam een steekvlam uit de achterkant.",
        [("hazard", "fire", "steekvlam")],
    ),
    (
        "De accu van de e-bike staat bol en wordt warm terwijl hij niet eens aan de lader hangt.",
        [("hazard", "fire", "accu van de e-bike staat bol")],
    ),
    (
        "Er hangen losse stroomdraden uit het plafond sinds jullie elektricien hier was.",
        [("hazard", "electric", "losse stroomdraden")],
    ),
    (
        "Het verlengsnoer ligt in een plas water onder de vaatwasser.",
        [("hazard", "electric", "verlengsnoer ligt in een plas")],
    ),
    (
        "Het kraantje van de gasfles lekt, ik hoor het sissen en heb de deur open gezet.",
        [("hazard", "gas", "gasfles lekt")],
    ),
    ("ik ruik gas in het trappenhuis, wat moet ik doen", [("hazard", "gas", "ruik gas")]),
    (
        "Het schap in de winkel kwam naar beneden en viel op mijn voet, mijn teen is gebroken.",
        [("hazard", "injury", "viel op mijn voet")],
    ),
    (
        "Mijn vinger zat klem tussen de klapstoel en is nu blauw en dik.",
        [("hazard", "injury", "vinger zat klem")],
    ),
    (
        "Na het gebruik van jullie nieuwe shampoo is mijn hoofdhuid rood en schilfert het.",
        [("hazard", "allergy", "hoofdhuid rood en schilfert")],
    ),
    (
        "Mijn tong en lippen zwollen op nadat ik een hap van de salade nam, er bleken"
        " cashewnoten in te zitten.",
        [("hazard", "allergy", "lippen zwollen")],
    ),
    ("Er kropen maden in de zak rijst die ik net heb geopend.", [("hazard", "food", "maden")]),
    (
        "We zijn met het hele gezin ziek geworden na de afhaalmaaltijd van gisteren.",
        [("hazard", "food", "hele gezin ziek")],
    ),
    (
        "Er viel een oogje van de knuffel af en mijn baby had het al in zijn mond.",
        [("hazard", "child", "oogje van de knuffel")],
    ),
    (
        "Het traphekje schiet steeds los, mijn zoontje van 2 kan zo de trap af vallen.",
        [("hazard", "child", "traphekje")],
    ),
    (
        "Onze kat is doodziek geworden van het nieuwe kattenvoer, ze spuugt alles uit.",
        [("hazard", "animal", "kat is doodziek")],
    ),
    (
        "onze kat heeft een snee in haar poot door een scherp stuk van de kattenbak",
        [("hazard", "animal", "snee in haar poot")],
    ),
    # figures of speech, a hazard that was checked and ruled out, one that is over
    ("Ik zit echt op hete kolen, wanneer wordt mijn pakket bezorgd?", [("no_hazard",)]),
    ("Ik kreeg een schok toen ik de rekening zag.", [("no_hazard",)]),
    ("Ik heb me blaren op mijn tong gebeld met jullie helpdesk.", [("no_hazard",)]),
    ("Jullie zijn echt op je hoofd gevallen met dit beleid.", [("no_hazard",)]),
    ("Het pakket kwam aan, de vaas lag in scherven.", [("no_hazard",)]),
    ("De monteur heeft alles nagekeken en zegt dat er geen gaslek is.", [("no_hazard",)]),
    (
        "Vorig jaar had ik een gaslek, maar dat is nu opgelost. Ik wil alleen mijn contract"
        " verlengen.",
        [("no_hazard",)],
    ),
    ("Ik heb een rookmelder besteld maar hij is nog steeds niet geleverd.", [("no_hazard",)]),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="nl")
