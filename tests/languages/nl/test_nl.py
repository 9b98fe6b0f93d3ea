"""Dutch (nl) table: realistic customer messages and what calmline must find in them."""

import pytest

from tests.languages.expect import check

CASES = [
    # --- violent threats (first, second and third person; intimidation) ---
    (
        "Ik weet waar je woont, dus pas maar op met wat je zegt.",
        [("lang", "nl"), ("threat", "violence", "weet waar je woont")],
    ),
    (
        "Als ik die monteur nog één keer zie, dan sla ik hem helemaal in elkaar.",
        [("lang", "nl"), ("threat", "violence", "sla ik hem helemaal in elkaar")],
    ),
    (
        "Nog één keer zo'n antwoord en ik steek jullie winkel in de fik.",
        [("lang", "nl"), ("threat", "violence", "steek jullie winkel in de fik")],
    ),
    (
        "Ik kom morgen naar het filiaal en dan maak ik je kapot, klootzak.",
        [
            ("lang", "nl"),
            ("threat", "violence", "maak ik je kapot"),
            ("offensive", "klootzak"),
            ("heat_min", 0.5),
        ],
    ),
    (
        "Jullie bezorger moet oppassen, ik wacht hem op en dan breek ik zijn benen.",
        [("lang", "nl"), ("threat", "violence", "breek ik zijn benen")],
    ),
    (
        "Ik zweer het, ik ga je vermoorden als mijn geld er vrijdag niet is.",
        [("lang", "nl"), ("threat", "violence", "ik ga je vermoorden")],
    ),
    (
        "Iemand zou die hele klantenservice eens in elkaar moeten slaan.",
        [("lang", "nl"), ("threat", "violence", "in elkaar moeten slaan")],
    ),
    (
        "Ik gooi gewoon een steen door jullie etalageruit, dan luisteren jullie wel.",
        [("lang", "nl"), ("threat", "violence", "gooi gewoon een steen door jullie etalageruit")],
    ),
    (
        "Ik kom met een honkbalknuppel naar jullie kantoor, reken daar maar op.",
        [("lang", "nl"), ("threat", "violence", "kom met een honkbalknuppel")],
    ),
    (
        "Die kapster krijgt een klap voor haar kop als ik haar tegenkom.",
        [("lang", "nl"), ("threat", "violence", "krijgt een klap")],
    ),
    (
        "Je bent een dode man, ik weet je te vinden.",
        [("lang", "nl"), ("threat", "violence", "dode man")],
    ),
    (
        "Ik sloop die hele winkel van jullie als dit niet vandaag geregeld is!!!",
        [("lang", "nl"), ("threat", "violence", "sloop die hele winkel")],
    ),
    # --- reported threats: someone else threatened violence (2026 gap review 3) ---
    (
        "De koerier van jullie dreigde mijn vrouw in elkaar te slaan toen ze het pakket weigerde.",
        [("lang", "nl"), ("threat", "violence", "dreigde mijn vrouw in elkaar te slaan")],
    ),
    (
        "Een medewerker van jullie filiaal riep tegen mijn zoon dat hij hem zou neersteken als hij terugkwam.",
        [("lang", "nl"), ("threat", "violence", "hem zou neersteken")],
    ),
    (
        "Mijn buurman heeft gisteren mijn moeder bedreigd: 'ik steek je neer als je nog eens klaagt'. Kunnen jullie zijn pakketten ergens anders afleveren?",
        [("lang", "nl"), ("threat", "violence", "bedreigd")],
    ),
    (
        "Iemand schreef onder jullie laatste bericht dat hij het distributiecentrum in Tilburg in de fik gaat steken.",
        [("lang", "nl"), ("threat", "violence", "in de fik gaat steken")],
    ),
    (
        "Ik heb doodsbedreigingen gehad van de installateur die jullie stuurden.",
        [("lang", "nl"), ("threat", "violence", "doodsbedreigingen")],
    ),
    (
        "Mijn ex heeft me geappt dat hij jullie vestiging zou opblazen.",
        [("lang", "nl"), ("threat", "violence", "vestiging zou opblazen")],
    ),
    # --- threats to the public ---
    (
        "Als mijn claim weer wordt afgewezen, leg ik een bom in jullie hoofdkantoor.",
        [("lang", "nl"), ("threat", "violence", "bom in jullie hoofdkantoor")],
    ),
    (
        "Er ligt een koffer vol explosieven in het winkelcentrum, jullie hebben tot vanavond.",
        [("lang", "nl"), ("threat", "violence", "explosieven in het winkelcentrum")],
    ),
    (
        "Ik doe gif in het drinkwater van die hele wijk als ze mijn aansluiting afsluiten.",
        [("lang", "nl"), ("threat", "violence", "gif in het drinkwater")],
    ),
    (
        "Op koopavond rij ik met mijn busje de winkelstraat in en neem ik zoveel mogelijk mensen mee.",
        [("lang", "nl"), ("threat", "violence", "zoveel mogelijk mensen mee")],
    ),
    # --- threats against groups and everybody ---
    (
        "Die hele klantenservice verdient een kogel door de kop, stuk voor stuk.",
        [("lang", "nl"), ("threat", "violence", "verdient een kogel")],
    ),
    (
        "Die jongens van de balie ga ik een voor een afrossen.",
        [("lang", "nl"), ("threat", "violence", "een voor een afrossen")],
    ),
    (
        "Ik maak ze allemaal dood, die oplichters van de servicedesk.",
        [("lang", "nl"), ("threat", "violence", "maak ze allemaal dood")],
    ),
    (
        "Niemand komt daar vrijdag levend naar buiten als ik binnenstap.",
        [("lang", "nl"), ("threat", "violence", "Niemand komt daar vrijdag levend")],
    ),
    # --- life threats without a classic verb ---
    (
        "Jij haalt de kerst niet, dat beloof ik je.",
        [("lang", "nl"), ("threat", "violence", "Jij haalt de kerst")],
    ),
    (
        "Ik maak een einde aan jouw leven als je nog één keer ophangt.",
        [("lang", "nl"), ("threat", "violence", "einde aan jouw leven")],
    ),
    (
        "Jullie kapsalon gaat vannacht in de fik, let maar op.",
        [("lang", "nl"), ("threat", "violence", "kapsalon gaat vannacht in de fik")],
    ),
    (
        "Ik heb een geweer in de kast staan en ik weet waar jullie kantoor zit.",
        [("lang", "nl"), ("threat", "violence", "geweer in de kast")],
    ),
    # --- violent-sounding idioms and hyperbole: no violence ---
    (
        "Deze hitte maakt me kapot en die bestelde ventilator is er nog steeds niet.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Ik lach me dood om jullie wachtmuziek, die staat nu al een uur aan.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Die nieuwe jurk is om dood voor te gaan, maar de rits is kapot.",
        [("lang", "nl"), ("no_threat", "violence"), ("fact", "product", "jurk")],
    ),
    (
        "Mijn rug vermoordt me na het sjouwen van die zware matras naar boven.",
        [("lang", "nl"), ("no_threat", "violence"), ("fact", "product", "matras")],
    ),
    (
        "Ik word gek van die storing, het internet valt elke avond uit.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Die serie wordt nog eens mijn dood, maar jullie decoder blijft hangen.",
        [("lang", "nl"), ("no_threat", "violence"), ("fact", "product", "decoder")],
    ),
    (
        "Ik kan je wel schieten, je had gezegd dat het pakket vandaag zou komen.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "De kogel is door de kerk: ik neem het duurdere abonnement toch.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Dat slaat nergens op, ik schrok me dood van die rekening.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Die prijzen zijn moordend, maar de service was een schot in de roos.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    # --- reviews, court, negations, hazards and ordinary uses: no violence (2026 gap review 3) ---
    (
        "Ik ga jullie kapotmaken met mijn reviews, daar kun je op rekenen.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Ik zal niemand iets aandoen, maar ik ben echt woedend op jullie.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Dat losse glas in de tussendeur had iemand kunnen doden, repareer dat alstublieft.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Ik heb de kofferbak dichtgeslagen en sindsdien gaat het lampje niet meer uit.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "De monteur zei dat hij de oude cv-ketel morgen zou komen weghalen.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Mijn pakket haalt de kerst niet meer, dat is wel duidelijk.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Het incassobureau dreigde met beslag op mijn salaris.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Ik heb een voorlopige aanslag gekregen die veel te hoog is.",
        [("lang", "nl"), ("no_threat", "violence")],
    ),
    (
        "Eén ster. Al mijn volgers gaan horen dat ze bij deze garage weg moeten blijven.",
        [
            ("lang", "nl"),
            ("threat", "public_exposure", "Al mijn volgers"),
            ("no_threat", "violence"),
        ],
    ),
    # --- legal / public exposure / churn / chargeback pressure ---
    (
        "Als dit deze week niet is opgelost, schakel ik mijn advocaat in.",
        [("lang", "nl"), ("threat", "legal", "advocaat"), ("no_threat", "violence")],
    ),
    (
        "Ik stap naar de geschillencommissie en daarna naar de rechter.",
        [("lang", "nl"), ("threat", "legal", "geschillencommissie"), ("no_threat", "violence")],
    ),
    (
        "Hierbij stel ik u formeel in gebreke voor de niet-geleverde koelkast.",
        [("lang", "nl"), ("threat", "legal", "in gebreke"), ("no_threat", "violence")],
    ),
    (
        "Ik ga een slechte review op Trustpilot zetten en het op sociale media delen.",
        [
            ("lang", "nl"),
            ("threat", "public_exposure", "Trustpilot"),
            ("threat", "public_exposure", "sociale media"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "Ik mail dit hele verhaal naar Kassa en zorg dat iedereen het te weten komt.",
        [("lang", "nl"), ("threat", "public_exposure", "Kassa"), ("no_threat", "violence")],
    ),
    (
        "Nog één fout en ik stap over naar een andere provider.",
        [("lang", "nl"), ("threat", "churn", "stap over naar"), ("no_threat", "violence")],
    ),
    (
        "Dit was de laatste keer dat ik bij jullie bestel, jullie zijn mij als klant kwijt.",
        [("lang", "nl"), ("threat", "churn", "klant kwijt"), ("no_threat", "violence")],
    ),
    (
        "Ik laat mijn bank de betaling terugboeken als ik morgen niets hoor.",
        [
            ("lang", "nl"),
            ("threat", "chargeback", "bank de betaling terugboeken"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "Ik heb een geschil geopend bij PayPal, want jullie reageren nergens op.",
        [("lang", "nl"), ("threat", "chargeback", "geschil"), ("no_threat", "violence")],
    ),
    (
        "De automatische incasso ga ik storneren, dat is mijn goed recht.",
        [("lang", "nl"), ("threat", "chargeback", "storneren"), ("no_threat", "violence")],
    ),
    # --- insults and profanity ---
    (
        "Stelletje oplichters, jullie hebben mijn geld gewoon gestolen!",
        [("lang", "nl"), ("offensive", "oplichters"), ("heat_min", 0.5)],
    ),
    (
        "Wat een achterlijke idioten werken er bij jullie klantenservice.",
        [("lang", "nl"), ("offensive", "idioten"), ("heat_min", 0.5)],
    ),
    (
        "Krijg de tering met jullie kutbedrijf, ik ben woedend.",
        [("lang", "nl"), ("offensive", "tering"), ("emotion", "anger"), ("heat_min", 0.5)],
    ),
    (
        "Die medewerker aan de telefoon was een ongelofelijke hufter.",
        [("lang", "nl"), ("offensive", "hufter")],
    ),
    (
        "Hou je bek en geef me gewoon mijn geld terug.",
        [("lang", "nl"), ("offensive", "Hou je bek"), ("want", "refund", "geld terug")],
    ),
    # --- polite messages ---
    (
        "Goedemiddag, wanneer wordt mijn bestelling verzonden? Alvast bedankt.",
        [("lang", "nl"), ("no_offensive",), ("no_threat", "violence"), ("heat_max", 0.35)],
    ),
    (
        "Hartelijk dank voor de snelle hulp, ik ben erg tevreden over de afhandeling.",
        [("lang", "nl"), ("no_offensive",), ("emotion", "satisfaction"), ("heat_max", 0.35)],
    ),
    (
        "Beste klantenservice, mijn wasmachine maakt een vreemd geluid. Wat kan ik het beste doen?",
        [("lang", "nl"), ("no_offensive",), ("fact", "product", "wasmachine"), ("heat_max", 0.35)],
    ),
    # --- wants ---
    (
        "Ik wil gewoon mijn geld terug voor die kapotte stofzuiger.",
        [("lang", "nl"), ("want", "refund", "geld terug"), ("fact", "product", "stofzuiger")],
    ),
    (
        "Graag wil ik de schoenen omruilen voor een maat groter.",
        [("lang", "nl"), ("want", "exchange", "omruilen"), ("fact", "product", "schoenen")],
    ),
    (
        "Kunnen jullie de vaatwasser komen repareren? Hij lekt onderaan.",
        [("lang", "nl"), ("want", "repair", "repareren"), ("fact", "product", "vaatwasser")],
    ),
    (
        "Voor al dit gedoe verwacht ik op zijn minst een schadevergoeding.",
        [("lang", "nl"), ("want", "compensation", "schadevergoeding")],
    ),
    (
        "Ik verwacht excuses van die medewerker die mij heeft uitgescholden.",
        [("lang", "nl"), ("want", "apology", "excuses")],
    ),
    (
        "Hoe kan het dat mijn pakket drie keer is teruggestuurd naar het magazijn?",
        [("lang", "nl"), ("want", "explanation", "Hoe kan het dat")],
    ),
    (
        "Ik wil nu onmiddellijk uw leidinggevende aan de lijn.",
        [("lang", "nl"), ("want", "speak_to_manager", "leidinggevende")],
    ),
    (
        "Ik wil mijn bestelling annuleren, ik heb hem ergens anders goedkoper gevonden.",
        [("lang", "nl"), ("want", "cancel", "annuleren")],
    ),
    (
        "Wilt u mij vandaag nog terugbellen op mijn mobiele nummer?",
        [("lang", "nl"), ("want", "callback", "terugbellen")],
    ),
    (
        "Ik zeg hierbij mijn abonnement op per 1 mei.",
        [
            ("lang", "nl"),
            ("want", "cancel", "zeg hierbij mijn abonnement op"),
            ("fact", "date", "1 mei"),
        ],
    ),
    # --- facts ---
    (
        "Mijn bestelnummer is 20260412-887 en het gaat om de laptop.",
        [("lang", "nl"), ("fact", "order_number", "20260412-887"), ("fact", "product", "laptop")],
    ),
    (
        "Op factuurnummer F-2026-0042 staat een bedrag dat niet klopt.",
        [("lang", "nl"), ("fact", "invoice_number", "F-2026-0042")],
    ),
    (
        "De Track & Trace code is 3SABCD123456789 maar er gebeurt niets.",
        [("lang", "nl"), ("fact", "tracking_number", "3SABCD123456789")],
    ),
    (
        "Mijn klantnummer: 55501234. Graag snel een reactie.",
        [("lang", "nl"), ("fact", "customer_number", "55501234")],
    ),
    (
        "Dit gaat over dossiernummer 778812, dat al twee keer is gesloten zonder oplossing.",
        [("lang", "nl"), ("fact", "ticket_number", "778812")],
    ),
    (
        "De monteur zou op 14 maart langskomen voor de cv-ketel, maar niemand kwam.",
        [("lang", "nl"), ("fact", "date", "14 maart"), ("fact", "product", "cv-ketel")],
    ),
    (
        "Ik zit al drie weken zonder internet en mijn router knippert alleen maar oranje.",
        [("lang", "nl"), ("fact", "duration", "al drie weken"), ("fact", "product", "router")],
    ),
    (
        "Sinds maandag doet de koelkast het niet meer.",
        [("lang", "nl"), ("fact", "date", "Sinds maandag"), ("fact", "product", "koelkast")],
    ),
    (
        "Ik heb al 4 keer gebeld en niemand weet iets.",
        [("lang", "nl"), ("fact", "contact_attempts", "4 keer gebeld")],
    ),
    (
        "Dit is de derde keer dat ik hierover mail.",
        [("lang", "nl"), ("fact", "contact_attempts", "derde keer")],
    ),
    (
        "Mijn knipbeurt van vorige week was scheef en de kleuring is na twee dagen al vervaagd.",
        [("lang", "nl"), ("fact", "product", "knipbeurt"), ("fact", "product", "kleuring")],
    ),
    # --- emotions and negation ---
    (
        "Ik ben niet boos, maar ik wil wel graag weten wanneer het opgelost is.",
        [("lang", "nl"), ("no_emotion", "anger"), ("want", "information", "weten wanneer")],
    ),
    (
        "Ik ben echt ontzettend teleurgesteld in jullie service.",
        [("lang", "nl"), ("emotion", "disappointment")],
    ),
    (
        "Ik maak me zorgen, want mijn medicijnen zaten in dat pakket.",
        [("lang", "nl"), ("emotion", "worry")],
    ),
    (
        "Ik ben zo verdrietig, het was een cadeau voor mijn overleden moeder.",
        [("lang", "nl"), ("emotion", "sadness")],
    ),
    (
        "Ik word van het kastje naar de muur gestuurd en ben zo gefrustreerd.",
        [("lang", "nl"), ("emotion", "frustration")],
    ),
    (
        "Ik ben woedend! JULLIE HEBBEN MIJ VOOR DE GEK GEHOUDEN!!!",
        [("lang", "nl"), ("emotion", "anger"), ("heat_min", 0.5)],
    ),
    (
        "Ik ben helemaal niet tevreden over deze reparatie.",
        [("lang", "nl"), ("no_emotion", "satisfaction")],
    ),
    (
        "Ik ga niet naar de rechter, ik wil alleen een oplossing.",
        [("lang", "nl"), ("no_threat", "legal"), ("no_threat", "violence")],
    ),
    # --- wants: delivery, information, change; asides and past events are no request ---
    (
        "Al tien dagen wacht ik op mijn bestelling. Waar blijft dat pakket nou?",
        [("lang", "nl"), ("want", "delivery", "Waar blijft")],
    ),
    (
        "Als de bank niet vóór zaterdag bij ons is, wil ik mijn geld terug.",
        [("lang", "nl"), ("want", "delivery", "bij ons is"), ("want", "refund", "geld terug")],
    ),
    (
        "Ik betaal al twee maanden en ik wil de router nu eindelijk gewoon hebben.",
        [("lang", "nl"), ("want", "delivery", "wil de router nu eindelijk gewoon hebben")],
    ),
    (
        "De deur van de vaatwasser wordt behoorlijk heet tijdens het drogen. Is dat normaal?",
        [("lang", "nl"), ("want", "information", "Is dat normaal")],
    ),
    (
        "Hoelang duurt het meestal voordat een retour verwerkt is?",
        [("lang", "nl"), ("want", "information", "Hoelang duurt")],
    ),
    (
        "Ik heb een waardebon gekregen. Geldt die ook voor de webshop of alleen in de winkel?",
        [("lang", "nl"), ("want", "information", "Geldt die ook")],
    ),
    (
        "Mijn telefoon ligt sinds maandag bij jullie. Hoe staat het met de reparatie?",
        [("lang", "nl"), ("want", "information", "Hoe staat het")],
    ),
    (
        "Ik zou graag willen weten of ik de kosten in termijnen mag betalen.",
        [("lang", "nl"), ("want", "information", "weten of"), ("no_want", "explanation")],
    ),
    (
        "Er is iets tussengekomen, kan ik mijn afspraak van dinsdag verzetten naar vrijdag?",
        [("lang", "nl"), ("want", "change", "afspraak van dinsdag verzetten")],
    ),
    (
        "Wij zijn verhuisd, dus ik wil graag het bezorgadres van mijn abonnement wijzigen.",
        [("lang", "nl"), ("want", "change", "bezorgadres van mijn abonnement wijzigen")],
    ),
    (
        "De factuur staat op de verkeerde naam, kunt u een gecorrigeerde factuur sturen?",
        [("lang", "nl"), ("want", "change", "gecorrigeerde factuur")],
    ),
    (
        "De storing is vanochtend opgelost, ik wil de afspraak met de monteur niet verzetten.",
        [("lang", "nl"), ("no_want", "change")],
    ),
    (
        "Onze vlucht naar Malaga is gisteren door de maatschappij geannuleerd.",
        [("lang", "nl"), ("no_want", "cancel")],
    ),
    (
        "Ik heb vorige week bij jullie een cadeaubon gekocht voor mijn moeder, ze was er erg blij mee.",
        [("lang", "nl"), ("no_want", "compensation")],
    ),
    (
        "Bij ons in de meterkast ruikt het naar gas. Kan er vandaag nog iemand komen kijken?",
        [("lang", "nl"), ("want", "repair", "iemand komen")],
    ),
    (
        "Hoe komt het dat mijn pakket terug is gestuurd? Ik wil weten waarom.",
        [("lang", "nl"), ("want", "explanation", "weten waarom")],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), CASES)
def test_findings(text: str, expectations: list) -> None:
    check(text, expectations)
