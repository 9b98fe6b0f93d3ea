"""Agent sentences for the Dutch org lexicon: what each must find, and near-misses.

Each case is (sentence, [(kind, text), ...]): every listed kind must be found on a span that
overlaps ``text``. No offer_* or refusal* kind other than the listed ones may be found, in any
case; the near-misses at the end list what little they may find (often nothing).
Formal (u) and informal (je/jij) address are both covered.
"""

CASES = [
    # --- aanbiedingen ---
    (
        "Ik heb de terugbetaling van € 45 in gang gezet.",
        [("offer_refund", "terugbetaling van € 45 in gang gezet")],
    ),
    (
        "U krijgt uw geld binnen vijf werkdagen terug.",
        [("offer_refund", "geld binnen vijf werkdagen terug"), ("promise", "U krijgt")],
    ),
    (
        "Het volledige bedrag wordt vandaag nog teruggestort op je rekening.",
        [
            ("offer_refund", "bedrag wordt vandaag nog teruggestort"),
            ("promise", "wordt vandaag nog teruggestort"),
        ],
    ),
    (
        "Wij betalen u de verzendkosten terug.",
        [("offer_refund", "betalen u de verzendkosten terug")],
    ),
    (
        "Ik heb een nieuw exemplaar voor u besteld, dat morgen wordt verstuurd.",
        [("offer_exchange", "een nieuw exemplaar voor u besteld")],
    ),
    (
        "Je ontvangt binnen drie dagen een vervangend toestel.",
        [("offer_exchange", "een vervangend toestel"), ("promise", "Je ontvangt")],
    ),
    (
        "We ruilen de schoenen natuurlijk kosteloos voor je om.",
        [("offer_exchange", "ruilen de schoenen natuurlijk kosteloos voor je om")],
    ),
    ("Ik heb de reparatie voor u aangemeld.", [("offer_repair", "de reparatie voor u aangemeld")]),
    (
        "Wij laten het apparaat volgende week ophalen voor reparatie.",
        [("offer_repair", "ophalen voor reparatie")],
    ),
    (
        "Als gebaar van goede wil heb ik een tegoedbon van € 15 voor u aangemaakt.",
        [
            ("offer_compensation", "Als gebaar van goede wil"),
            ("offer_compensation", "een tegoedbon van € 15 voor u aangemaakt"),
        ],
    ),
    (
        "We bieden je 20% korting op je volgende bestelling aan.",
        [("offer_compensation", "20% korting")],
    ),
    (
        "Ik heb uw abonnement per direct opgezegd.",
        [("offer_cancel", "Ik heb uw abonnement per direct opgezegd")],
    ),
    (
        "Je bestelling is inmiddels geannuleerd, zoals je vroeg.",
        [("offer_cancel", "bestelling is inmiddels geannuleerd")],
    ),
    (
        "Een collega belt u morgen tussen 9 en 11 uur terug.",
        [("offer_callback", "belt u morgen tussen 9 en 11 uur terug")],
    ),
    ("Ik heb een terugbelverzoek voor je aangemaakt.", [("offer_callback", "een terugbelverzoek")]),
    ("Mag ik u vanmiddag even bellen?", [("offer_callback", "Mag ik u vanmiddag even bellen")]),
    (
        "Wij versturen het pakket vandaag opnieuw.",
        [("offer_redelivery", "versturen het pakket vandaag opnieuw")],
    ),
    (
        "Ik heb een nieuwe bezorging voor zaterdag ingepland.",
        [("offer_redelivery", "een nieuwe bezorging voor zaterdag ingepland")],
    ),
    (
        "Ik heb een nieuwe afspraak voor u ingepland op donderdag 14 maart.",
        [("offer_appointment", "een nieuwe afspraak voor u ingepland")],
    ),
    (
        "De monteur komt vrijdagochtend bij u langs.",
        [("offer_appointment", "monteur komt vrijdagochtend bij u langs")],
    ),
    # --- toezeggingen ---
    (
        "Ik zorg ervoor dat dit vandaag nog wordt opgelost.",
        [("promise", "Ik zorg ervoor dat"), ("promise", "wordt opgelost")],
    ),
    ("U ontvangt binnen 24 uur een bevestiging per e-mail.", [("promise", "U ontvangt")]),
    (
        "Ik laat het u uiterlijk vrijdag weten.",
        [("promise_reply", "laat het u uiterlijk vrijdag weten"), ("promise", "uiterlijk vrijdag")],
    ),
    (
        "U hoort uiterlijk donderdag van mij.",
        [("promise_reply", "hoort uiterlijk donderdag van mij")],
    ),
    ("Ik kom er morgen bij je op terug.", [("promise_reply", "kom er morgen bij je op terug")]),
    ("Ik houd u op de hoogte van de voortgang.", [("promise_reply", "houd u op de hoogte")]),
    ("Ik zoek het voor je uit.", [("promise_check", "zoek het voor je uit")]),
    ("Ik ga het vandaag nog nakijken.", [("promise_check", "ga het vandaag nog nakijken")]),
    (
        "We hebben een onderzoek gestart bij de vervoerder.",
        [("promise_check", "een onderzoek gestart")],
    ),
    (
        "Uw pakket wordt morgen tussen 14.00 en 16.00 uur bezorgd.",
        [("promise_delivery", "wordt morgen tussen 14.00 en 16.00 uur bezorgd")],
    ),
    ("Je bestelling is onderweg naar je toe.", [("promise_delivery", "bestelling is onderweg")]),
    # --- weigeringen ---
    (
        "De retourtermijn van 30 dagen is helaas verstreken.",
        [("refusal_refund_window", "retourtermijn van 30 dagen is helaas verstreken")],
    ),
    (
        "Uw aankoop valt buiten de retourtermijn.",
        [("refusal_refund_window", "buiten de retourtermijn")],
    ),
    (
        "Na 60 dagen kunnen wij het product helaas niet meer terugnemen.",
        [
            ("refusal_refund_window", "Na 60 dagen"),
            ("refusal", "kunnen wij het product helaas niet meer terugnemen"),
        ],
    ),
    ("Dat mag ik niet toezeggen.", [("refusal_authority", "Dat mag ik niet toezeggen")]),
    (
        "Daar moet mijn leidinggevende over beslissen.",
        [("refusal_authority", "Daar moet mijn leidinggevende")],
    ),
    (
        "Ik ben niet bevoegd om een vergoeding toe te kennen.",
        [("refusal_authority", "niet bevoegd")],
    ),
    (
        "Volgens onze algemene voorwaarden is de bezorgtijd een indicatie.",
        [("refusal_policy", "Volgens onze algemene voorwaarden")],
    ),
    (
        "Wij geven geen vergoeding voor vertraging door het weer.",
        [("refusal_policy", "geen vergoeding voor vertraging")],
    ),
    (
        "Geopende verpakkingen kunnen wij helaas niet retour nemen.",
        [("refusal_policy", "Geopende verpakkingen kunnen wij helaas niet")],
    ),
    ("Helaas kan dat niet.", [("refusal", "kan dat niet")]),
    ("Dat is helaas niet mogelijk.", [("refusal", "niet mogelijk")]),
    (
        "Helaas kan ik je geen nieuw exemplaar sturen.",
        [("refusal", "kan ik je geen nieuw exemplaar sturen")],
    ),
    # --- vragen ---
    ("Kunt u mij het bestelnummer sturen?", [("ask_order_number", "bestelnummer")]),
    ("Wat is je ordernummer?", [("ask_order_number", "ordernummer")]),
    ("Wilt u het factuurnummer doorgeven?", [("ask_invoice_number", "factuurnummer")]),
    ("Kun je me de track & trace-code sturen?", [("ask_tracking_number", "track & trace-code")]),
    ("Wanneer heeft u de bestelling geplaatst?", [("ask_date", "Wanneer heeft u")]),
    ("Om welk model gaat het precies?", [("ask_product", "welk model")]),
    ("Welk bedrag is er van je rekening afgeschreven?", [("ask_amount", "Welk bedrag")]),
    ("Zou u een paar foto's van de schade kunnen sturen?", [("ask_photo", "foto's")]),
    ("Mag ik uw bezorgadres nog even controleren?", [("ask_address", "bezorgadres")]),
    ("Op welk nummer ben je overdag bereikbaar?", [("ask_contact", "Op welk nummer")]),
    (
        "Wat heeft uw voorkeur: een terugbetaling of een nieuw exemplaar?",
        [("ask_want", "Wat heeft uw voorkeur")],
    ),
    ("Klopt het dat het pakket beschadigd bij u aankwam?", [("ask_confirm", "Klopt het")]),
    (
        "Heb ik het goed begrepen dat er twee keer is afgeschreven?",
        [("ask_confirm", "Heb ik het goed")],
    ),
    # --- escalatie, doorverwijzing, beleid ---
    (
        "Ik heb uw klacht doorgezet naar onze klachtenafdeling.",
        [("escalation", "doorgezet naar onze klachtenafdeling")],
    ),
    (
        "Ik leg je vraag voor aan mijn teamleider.",
        [("escalation", "leg je vraag voor aan mijn teamleider")],
    ),
    (
        "Mijn leidinggevende neemt morgen contact met u op.",
        [
            ("escalation", "Mijn leidinggevende neemt"),
            ("promise_reply", "neemt morgen contact met u op"),
        ],
    ),
    ("Neem hiervoor contact op met de bezorger.", [("deflection", "contact op met de bezorger")]),
    (
        "Voor garantie kunt u het beste de fabrikant benaderen.",
        [("deflection", "kunt u het beste de fabrikant benaderen")],
    ),
    (
        "Kijk voor de actuele status op onze website.",
        [("deflection", "Kijk voor de actuele status op onze website")],
    ),
    ("Heb je de track & trace al gecheckt?", [("deflection", "Heb je de track & trace")]),
    ("Dat is nu eenmaal ons beleid.", [("policy_quote", "Dat is nu eenmaal ons beleid")]),
    (
        "Regels zijn regels, daar kan ik niets aan veranderen.",
        [("policy_quote", "Regels zijn regels")],
    ),
    (
        "Hoi Tom, wat vervelend! Stuur ons een DM met je bestelgegevens, dan lossen we het op.",
        [("ask_order_number", "bestelgegevens"), ("promise", "lossen we het op")],
    ),
    (
        "Een volledige terugbetaling volgt zodra wij het artikel retour hebben.",
        [("offer_refund", "terugbetaling volgt")],
    ),
    (
        "Helaas valt dit niet onder de garantie.",
        [("refusal_policy", "valt dit niet onder de garantie")],
    ),
    (
        "We zetten je abonnement per direct stop.",
        [("offer_cancel", "zetten je abonnement per direct stop")],
    ),
    # --- aanbiedingen in de derde persoon, als beschikbaarheid of als iets dat al gedaan is ---
    (
        "Ik maak het teveel betaalde bedrag vandaag nog naar je over.",
        [("offer_refund", "maak het teveel betaalde bedrag")],
    ),
    (
        "We zetten de €12,50 morgen terug op je rekening.",
        [("offer_refund", "zetten de €12,50 morgen terug")],
    ),
    ("Hij belt u vanmiddag nog even over de planning.", [("offer_callback", "Hij belt u")]),
    (
        "Mijn collega Fatima zal je morgenochtend bellen.",
        [("offer_callback", "zal je morgenochtend bellen")],
    ),
    (
        "Onze monteur komt vrijdagochtend tussen 9.00 en 11.00 uur bij u langs.",
        [("offer_appointment", "komt vrijdagochtend")],
    ),
    (
        "Ik verstuur vandaag de goede kleur naar je.",
        [("offer_exchange", "verstuur vandaag de goede kleur")],
    ),
    ("Wij vervangen de kapotte rits gratis.", [("offer_repair", "vervangen de kapotte rits")]),
    (
        "Als excuus krijgt u er gratis een extra filter bij.",
        [("offer_compensation", "krijgt u er gratis")],
    ),
    # --- weigeringen ---
    (
        "Die kosten kan ik helaas niet zelf toekennen.",
        [
            ("refusal_authority", "kan ik helaas niet zelf toekennen"),
            ("refusal", "niet zelf toekennen"),
        ],
    ),
    (
        "Ruilen kan alleen met het originele aankoopbewijs.",
        [("refusal_policy", "kan alleen met het originele aankoopbewijs")],
    ),
    (
        "Wij zijn niet aansprakelijk voor schade tijdens het vervoer door derden.",
        [("refusal_policy", "niet aansprakelijk voor")],
    ),
    # --- toezeggingen en escalatie ---
    ("Mocht het morgen nog niet werken, dan stuur ik je een nieuwe.", [("promise", "stuur ik")]),
    (
        "Ik leg uw verzoek vandaag nog bij de afdeling Facturatie neer.",
        [("escalation", "leg uw verzoek vandaag nog bij de afdeling")],
    ),
    (
        "Mogen we je morgen bellen over de uitslag?",
        [
            ("ask_contact", "Mogen we je morgen bellen"),
            ("offer_callback", "Mogen we je morgen bellen"),
        ],
    ),
    # --- stappen: erkennen, meeleven, samenvatten, nabellen ---
    (
        "Ik begrijp heel goed dat je daar van slag van bent.",
        [("acknowledge", "begrijp heel goed dat je daar van slag")],
    ),
    (
        "Wat moet dat vervelend zijn geweest voor jullie.",
        [
            ("acknowledge", "moet dat vervelend zijn geweest"),
            ("empathy", "moet dat vervelend zijn geweest"),
        ],
    ),
    ("Oei, wat een pech!", [("empathy", "wat een pech")]),
    ("Veel sterkte gewenst voor de komende tijd.", [("empathy", "sterkte gewenst")]),
    (
        "Wat vervelend dat je na twee reparaties nog steeds met een lekkende vaatwasser zit.",
        [("empathy", "Wat vervelend"), ("summary", "vervelend dat je na twee reparaties")],
    ),
    (
        "Even samengevat: de levering kwam te laat en de stoelen waren beschadigd.",
        [("summary", "Even samengevat")],
    ),
    (
        "Doet de nieuwe printer het inmiddels naar wens?",
        [("follow_up", "Doet de nieuwe printer het inmiddels naar wens?")],
    ),
    ("Is het pakket goed aangekomen?", [("follow_up", "Is het pakket goed aangekomen")]),
    # --- near-misses: nothing, or only the listed kinds ---
    ("Wil je liever je geld terug of een nieuw exemplaar?", [("ask_want", "Wil je liever")]),
    ("Uw afspraak is helaas niet ingepland.", []),
    ("Bedankt voor uw geduld.", []),
    ("We houden contact als er iets verandert.", []),
    (
        "Helaas kunnen wij geen terugbetaling in gang zetten.",
        [("refusal", "kunnen wij geen terugbetaling in gang zetten")],
    ),
    (
        "U krijgt uw geld niet terug, omdat de termijn is verstreken.",
        [("refusal_refund_window", "termijn is verstreken")],
    ),
    ("Ik zie dat u de bestelling zelf heeft geannuleerd.", []),
    ("Ik heb gisteren geprobeerd u te bellen, maar kreeg geen gehoor.", []),
    ("Het pakket is volgens de vervoerder gisteren bezorgd.", []),
    ("Uw terugbetaling is nog niet verwerkt, omdat het retourpakket nog niet binnen is.", []),
    ("Bedankt voor de foto's van de schade.", []),
    ("Ik begrijp dat het vervelend is dat de monteur niet is gekomen.", []),
    ("Uw bestelnummer is 40213.", []),
    ("Heeft u contact gehad met de bezorger?", [("deflection", "contact gehad met de bezorger")]),
    (
        "Ik neem contact op met de vervoerder en laat u weten wat eruit komt.",
        [("promise_check", "neem contact op met de vervoerder"), ("promise_reply", "laat u weten")],
    ),
    ("U kunt retourneren tot uiterlijk 30 dagen na ontvangst.", []),
    ("Laat u het mij weten als u nog vragen heeft?", []),
    ("Het klopt dat uw pakket vertraagd is, excuses daarvoor.", []),
    ("Ik kijk uit naar uw reactie.", []),
    ("Een vergoeding voor de vertraging is helaas niet mogelijk.", [("refusal", "niet mogelijk")]),
    ("Wij hebben u geen tegoedbon gestuurd.", []),
    ("Dat het zo lang duurt is niet de bedoeling.", []),
    ("De garantie dekt geen schade door een val.", []),
    ("Je kunt bij ons terecht voor alle vragen over je bestelling.", []),
    # near-misses voor de nieuwe families: ontkend, voorwaardelijk of alleen gemeld
    ("Het bedrag zetten we niet terug, omdat de termijn verstreken is.", []),
    ("Dan belt u ons gewoon even terug als het u uitkomt.", []),
    ("Als de reparatie niet lukt, sturen we een nieuw exemplaar.", [("promise", "sturen we")]),
    ("We hebben je helaas de verkeerde maat gestuurd.", []),
    ("Ik bel je zodra de onderdelen binnen zijn.", [("promise", "bel je zodra")]),
    ("De monteur is vorige week al bij u geweest.", []),
    (
        "Wanneer het precies geleverd wordt, weet ik helaas niet.",
        [("promise_delivery", "geleverd wordt")],
    ),
    ("Werkt hij nog wel een beetje?", []),
    (
        "Helaas kunnen wij de oordopjes om hygiënische redenen niet terugnemen.",
        [("refusal_of_refund", "kunnen wij de oordopjes om hygiënische redenen niet terugnemen")],
    ),
]
