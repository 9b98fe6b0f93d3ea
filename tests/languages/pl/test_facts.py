"""Polish facts with roles and normalised values, sarcasm and hazards.

Relative dates resolve against Tuesday 24 November 2026 (``tests.languages.expect.AT``).
"""

import pytest

from tests.languages.expect import check

FACTS = [
    (
        "Pralkę zamówiłam 10 dni temu, a miała być w 4 dni robocze.",
        [
            ("fact", "product", "Pralkę", "pralka", None),
            ("fact", "duration", "10 dni", "P10D", "elapsed"),
            ("fact", "duration", "4 dni robocze", "P4D", "promised"),
        ],
    ),
    (
        "Zamówienie PL/2026/11/0453, faktura FV/118/2026 na 249,99 zł.",
        [
            ("fact", "order_number", "PL/2026/11/0453", "PL/2026/11/0453", None),
            ("fact", "invoice_number", "FV/118/2026", "FV/118/2026", None),
            ("fact", "amount", "249,99 zł", "249.99 PLN", None),
        ],
    ),
    (
        "Przedwczoraj dzwoniłam trzy razy i wysłałam dwa maile.",
        [
            ("fact", "date", "Przedwczoraj", "2026-11-22", "event"),
            ("fact", "contact_attempts", "dzwoniłam trzy razy", "call:3", None),
            ("fact", "contact_attempts", "dwa maile", "email:2", None),
        ],
    ),
    (
        "Pół dnia straciłam, bo kurier nie przyjechał.",
        [
            ("fact", "duration", "Pół dnia", "P0.5D", "lost"),
            ("fact", "person", "kurier", "courier", None),
        ],
    ),
    (
        "Oczekuję zwrotu pieniędzy do piątku.",
        [("fact", "date", "piątku", "2026-11-27", "deadline")],
    ),
    (
        "We wtorek w zeszłym tygodniu przyszła zepsuta lodówka.",
        [
            ("fact", "date", "wtorek w zeszłym tygodniu", "2026-11-17", "event"),
            ("fact", "product", "lodówka", "lodówka", None),
        ],
    ),
    (
        "Czekam od trzech tygodni na zwrot 1 299,00 zł.",
        [
            ("fact", "duration", "trzech tygodni", "P3W", "elapsed"),
            ("fact", "amount", "1 299,00 zł", "1299.00 PLN", None),
        ],
    ),
    (
        "Dziękuję pani Agnieszce za pomoc.",
        [("fact", "person", "pani Agnieszce", "Agnieszka", None)],
    ),
    (
        "Mój numer telefonu to 600 123 456, kod pocztowy 00-950, konto PL61 1090 1014 0000 0712 1981 2874.",
        [("no_fact", "order_number"), ("no_fact", "customer_number")],
    ),
    (
        "Pralka ma 2 lata gwarancji.",
        [("fact", "duration", "2 lata", "P2Y", "other")],
    ),
]

TONE = [
    # long messages: sincere praise of one thing beside a complaint about another is not
    # sarcasm; sarcastic praise next to the complaint still is
    (
        "Obsługa w sklepie przy ulicy Długiej była bardzo miła i pomocna. Pani przy kasie cierpliwie odpowiedziała na wszystkie moje pytania. Zamówienie numer 4411/2024 złożyłam przez internet dziesiątego maja. Do dziś paczka do mnie nie dotarła. Proszę o informację, kiedy mogę się jej spodziewać.",
        [("no_sarcasm",)],
    ),
    (
        "Zamówienie złożyłam dziesiątego maja. Sklep obiecywał dostawę w ciągu dwóch dni. Czekam już trzy tygodnie. Gratuluję sprawności, naprawdę. Proszę o zwrot pieniędzy.",
        [("sarcasm", "Gratuluję sprawności"), ("sentiment", "negative")],
    ),
    ("Dzięki za nic, naprawdę.", [("sarcasm", "Dzięki za nic"), ("heat_min", 0.35)]),
    ("No pięknie, znowu nie ma paczki.", [("sarcasm", "No pięknie")]),
    ("Dziękuję bardzo, paczka dotarła szybciej niż myślałam!", [("no_sarcasm",)]),
    ("Czuć spaleniznę, a wtyczka robi się gorąca.", [("hazard", "fire", "Czuć spaleniznę")]),
    ("Kopnął mnie prąd, jak dotknęłam pralki.", [("hazard", "electric", "Kopnął mnie prąd")]),
    ("Po farbie do włosów mam wysypkę na szyi.", [("hazard", "allergy", "wysypkę")]),
    ("Krew mnie zalewa, zaraz mnie szlag trafi.", [("no_hazard",)]),
    ("Nie dymi, nie śmierdzi, po prostu się nie włącza.", [("no_hazard",)]),
    # hazards, one concept each, across all eight kinds (written for these tests)
    (
        "Ładowarka do hulajnogi tak się grzeje, że nadtopiła się wtyczka.",
        [("hazard", "fire", "wtyczka")],
    ),
    ("z gniazdka w kuchni polecialy iskry i czuc swad", [("hazard", "fire", "iskry")]),
    ("Dotknęłam obudowy pralki i mnie kopnęło.", [("hazard", "electric", "kopnęło")]),
    (
        "Po zalaniu łazienki woda kapie prosto na przedłużacz.",
        [("hazard", "electric", "przedłużacz")],
    ),
    ("W piwnicy śmierdzi gazem od rana.", [("hazard", "gas", "śmierdzi gazem")]),
    ("Czujnik czadu w łazience wyje od kwadransa.", [("hazard", "gas", "Czujnik czadu")]),
    (
        "Półka odpadła i spadła mi na stopę, palec chyba złamany.",
        [("hazard", "injury", "złamany")],
    ),
    ("Kelner wylał mi wrzątek na rękę.", [("hazard", "injury", "wrzątek")]),
    ("Po nowym balsamie mam swędzącą wysypkę na szyi.", [("hazard", "allergy", "wysypkę")]),
    (
        "Po tej farbie spuchły mi powieki i piecze skóra głowy.",
        [("hazard", "allergy", "powieki")],
    ),
    (
        "Po sushi z Waszej restauracji całą noc wymiotowałem.",
        [("hazard", "food", "wymiotowałem")],
    ),
    ("W kanapce był kawałek szkła.", [("hazard", "food", "szkła")]),
    ("Synek połknął magnes, który odpadł od układanki.", [("hazard", "child", "połknął")]),
    ("Córka utknęła rączką między szczebelkami łóżeczka.", [("hazard", "child", "rączką")]),
    ("Po nowej karmie pies ma drgawki i wymiotuje.", [("hazard", "animal", "drgawki")]),
    (
        "Kurier zostawił otwartą bramę i kot wybiegł na ulicę.",
        [("hazard", "animal", "wybiegł na ulicę")],
    ),
    # figures of speech, a hazard ruled out, a hazard that is over: no hazard
    ("Ta promocja to prawdziwy ogień, dzięki!", [("no_hazard",)]),
    ("Pali mi się grunt pod nogami, faktura potrzebna na jutro.", [("no_hazard",)]),
    ("Rachunek za gaz przyszedł podwójnie.", [("no_hazard",)]),
    ("Syn połknął bakcyla i chce kolejny zestaw.", [("no_hazard",)]),
    ("Mam alergię na orzechy, czy w tym batonie są orzechy?", [("no_hazard",)]),
    ("Czujnik czadu piszczy, bo kończy się bateria.", [("no_hazard",)]),
    (
        "Tydzień temu czułam gaz, ale pogotowie gazowe sprawdziło i okazało się, że to tylko"
        " kanalizacja.",
        [("no_hazard",)],
    ),
    (
        "Rok temu ze starej ładowarki poszły iskry, więc kupiłam u Was nową i wszystko gra.",
        [("no_hazard",)],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), FACTS + TONE)
def test_facts_and_tone(text: str, expectations: list) -> None:
    check(text, expectations, lang="pl")
