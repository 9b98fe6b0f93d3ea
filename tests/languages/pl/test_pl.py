"""Polish (pl) findings table: realistic customer messages and what calmline must find."""

import pytest

from tests.languages.expect import check

CASES = [
    # --- violent threats ---
    (
        "Jeśli jutro nie dostanę pieniędzy, to przyjdę do sklepu i zabiję cię, rozumiesz?",
        [("lang", "pl"), ("threat", "violence", "zabiję cię"), ("heat_min", 0.5)],
    ),
    (
        "Wiem, gdzie mieszkasz, więc lepiej uważaj, co piszesz.",
        [("threat", "violence", "Wiem, gdzie mieszkasz")],
    ),
    (
        "Jeszcze raz mnie tak potraktujecie, a rozwalę wam ten sklep w drobny mak.",
        [("threat", "violence", "rozwalę wam ten sklep")],
    ),
    (
        "Nie żartuję, przyjadę tam z kijem bejsbolowym i połamię temu kurierowi nogi.",
        [("threat", "violence", "połamię temu kurierowi nogi")],
    ),
    (
        "Pana to ja dorwę po pracy i zobaczymy, kto będzie taki mądry.",
        [("threat", "violence", "dorwę po pracy")],
    ),
    (
        "Dostaniesz wpierdol, jak cię tylko zobaczę w salonie.",
        [("threat", "violence", "Dostaniesz wpierdol"), ("offensive", "wpierdol")],
    ),
    (
        "Podpalę wam ten cały salon, jeśli jeszcze raz mnie oszukacie!",
        [("threat", "violence", "Podpalę wam ten cały salon")],
    ),
    (
        "Poczekam na ciebie pod sklepem po twojej zmianie, zobaczysz.",
        [("threat", "violence", "Poczekam na ciebie pod sklepem")],
    ),
    (
        "Nie wyjdziesz stąd żywy, jeśli nie oddasz mi telefonu.",
        [("threat", "violence", "Nie wyjdziesz stąd żywy")],
    ),
    (
        "Jak jeszcze raz usłyszę tę formułkę, to uduszę tego konsultanta gołymi rękami.",
        [("threat", "violence", "uduszę tego konsultanta")],
    ),
    (
        "Zastrzelę was wszystkich, mam tego dość.",
        [("threat", "violence", "Zastrzelę was")],
    ),
    (
        "Pożałujesz, że się urodziłeś, obiecuję ci to.",
        [("threat", "violence", "Pożałujesz, że się urodziłeś")],
    ),
    (
        "Przyjdę wieczorem i wybiję wam szyby, zobaczycie.",
        [("threat", "violence", "wybiję wam szyby")],
    ),
    # --- reported threats: someone else threatened violence ---
    (
        "Wasz kurier groził mi, że połamie mi ręce, jeśli nie podpiszę odbioru.",
        [("threat", "violence", "kurier groził mi, że połamie mi ręce")],
    ),
    (
        "Sąsiad zagroził mi nożem na klatce, a wasza administracja nic nie robi.",
        [("threat", "violence", "Sąsiad zagroził mi nożem")],
    ),
    (
        "Inny klient wrzeszczał do kasjerki, że ją zatłucze, a ochrona stała obok.",
        [("threat", "violence", "wrzeszczał do kasjerki, że ją zatłucze")],
    ),
    (
        "Mój były partner napisał mi w komentarzu pod waszym postem, że mnie zabije.",
        [("threat", "violence", "napisał mi w komentarzu pod waszym postem, że")],
    ),
    (
        "Monter powiedział, że jak nie zapłacę mu gotówką, to urwie mi łeb.",
        [("threat", "violence", "powiedział, że jak nie zapłacę mu gotówką, to urwie mi łeb")],
    ),
    # --- threats to the public ---
    (
        "W waszym centrum handlowym jest podłożona bomba, macie czas do piętnastej.",
        [("threat", "violence", "podłożona bomba")],
    ),
    (
        "Jak nie oddacie mi pieniędzy, pójdę do galerii i zacznę strzelać do klientów.",
        [("threat", "violence", "zacznę strzelać do klientów")],
    ),
    (
        "Wsypię trutkę do wody w waszym zbiorniku, niech całe osiedle się pochoruje.",
        [("threat", "violence", "Wsypię trutkę do wody w waszym zbiorniku")],
    ),
    (
        "W sobotę wjadę autem w tłum przed waszym marketem.",
        [("threat", "violence", "wjadę autem w tłum")],
    ),
    # --- threats against groups and everybody ---
    (
        "Tych waszych kurierów kiedyś powybijam, jednego po drugim.",
        [("threat", "violence", "powybijam")],
    ),
    (
        "Nikt z waszego biura nie wyjdzie stąd żywy, zapamiętajcie.",
        [("threat", "violence", "nie wyjdzie stąd żywy")],
    ),
    (
        "Cały ten zarząd zasługuje na kulkę w łeb.",
        [("threat", "violence", "zasługuje na kulkę")],
    ),
    (
        "Wszyscy w tym urzędzie będą cierpieć, przysięgam.",
        [("threat", "violence", "Wszyscy w tym urzędzie będą cierpieć")],
    ),
    # --- life threats without a killing verb ---
    (
        "Ten doradca, który mnie oszukał, nie dożyje świąt.",
        [("threat", "violence", "doradca, który mnie oszukał, nie dożyje świąt")],
    ),
    (
        "Następnym razem nie przyjdę z paragonem, tylko z siekierą.",
        [("threat", "violence", "tylko z siekierą")],
    ),
    (
        "Jeszcze jeden telefon od was, a wrócisz do domu w kawałkach.",
        [("threat", "violence", "wrócisz do domu w kawałkach")],
    ),
    (
        "Skończę z tobą, zobaczysz, ty oszustko.",
        [("threat", "violence", "Skończę z tobą")],
    ),
    # --- look violent, are not threats ---
    (
        "Skończę z panem tę rozmowę, bo do niczego nie prowadzi.",
        [("no_threat", "violence")],
    ),
    (
        "Mówiłam wam, że ktoś się zabije na tych oblodzonych schodach przed sklepem.",
        [("no_threat", "violence")],
    ),
    (
        "Sprzedawca obiecał, że pobije każdą cenę konkurencji, a potem odmówił.",
        [("no_threat", "violence")],
    ),
    (
        "Kierowca wysadził mnie na złym przystanku i odjechał.",
        [("no_threat", "violence")],
    ),
    (
        "Ta pralka nie przeżyje nawet tygodnia, tak jest zrobiona.",
        [("no_threat", "violence")],
    ),
    (
        "Ta promocja jest bomba, polecam wszystkim znajomym!",
        [("no_threat", "violence")],
    ),
    (
        "Nie będę nikogo zabijał, spokojnie, ale ten kurier to jakiś żart.",
        [("no_threat", "violence")],
    ),
    # --- violent-sounding idioms that are not threats ---
    (
        "Ten upał mnie zabija, a klimatyzator od was dalej nie działa.",
        [("no_threat", "violence"), ("fact", "product", "klimatyzator")],
    ),
    (
        "Ten serial mnie zabije, nie mogę przestać oglądać, a dekoder się ciągle zawiesza.",
        [("no_threat", "violence")],
    ),
    (
        "Umarłam ze śmiechu, jak zobaczyłam, co przyszło zamiast sukienki.",
        [("no_threat", "violence"), ("fact", "product", "sukienki")],
    ),
    (
        "Plecy mnie zabijają po montażu tej szafy, instrukcja była fatalna.",
        [("no_threat", "violence")],
    ),
    (
        "Zabiłabym za porządną kawę, a wasz ekspres do kawy znowu przecieka.",
        [("no_threat", "violence"), ("fact", "product", "ekspres do kawy")],
    ),
    (
        "Ta pralka doprowadza mnie do szału, bo co chwilę wyświetla błąd.",
        [("no_threat", "violence"), ("fact", "product", "pralka")],
    ),
    (
        "Te buty są zabójczo wygodne, dziękuję za szybką wymianę!",
        [("no_threat", "violence"), ("no_offensive",)],
    ),
    (
        "Dałabym sobie rękę uciąć, że zamawiałam rozmiar 38, a nie 40.",
        [("no_threat", "violence")],
    ),
    (
        "Zabijam czas, czekając na infolinii już 40 minut.",
        [("no_threat", "violence"), ("fact", "duration", "40 minut")],
    ),
    (
        "Nóż mi się w kieszeni otwiera, jak czytam wasze odpowiedzi.",
        [("no_threat", "violence"), ("emotion", "anger")],
    ),
    (
        "Strzeliłam sobie w kolano, kupując u was ten abonament.",
        [("no_threat", "violence")],
    ),
    # --- legal / public exposure / churn / chargeback ---
    (
        "Jeśli do piątku nie dostanę zwrotu, sprawa trafi do mojego prawnika.",
        [("threat", "legal", "prawnika"), ("no_threat", "violence")],
    ),
    (
        "Zgłoszę to do rzecznika konsumentów i UOKiK, bo łamiecie prawo.",
        [("threat", "legal", "rzecznika konsumentów"), ("no_threat", "violence")],
    ),
    (
        "Proszę się nie zdziwić, jak spotkamy się w sądzie.",
        [("threat", "legal", "spotkamy się w sądzie"), ("no_threat", "violence")],
    ),
    (
        "Opiszę całą sytuację na Facebooku i wystawię wam negatywną opinię w Google.",
        [
            ("threat", "public_exposure", "Opiszę całą sytuację na Facebooku"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "Sprawę zgłoszę do telewizji, niech ludzie zobaczą, jak traktujecie klientów.",
        [("threat", "public_exposure", "zgłoszę do telewizji"), ("no_threat", "violence")],
    ),
    (
        "Ostrzegę wszystkich znajomych przed waszym sklepem.",
        [("threat", "public_exposure", "Ostrzegę wszystkich znajomych"), ("no_threat", "violence")],
    ),
    (
        "Właśnie straciliście klienta, przechodzę do konkurencji.",
        [("threat", "churn", "straciliście klienta"), ("no_threat", "violence")],
    ),
    (
        "Nie przedłużę umowy, a od nowego miesiąca przenoszę numer do innej sieci.",
        [("threat", "churn", "przedłużę umowy"), ("no_threat", "violence")],
    ),
    (
        "Więcej u was nic nie kupię, moja noga tu więcej nie postanie.",
        [("threat", "churn", "moja noga"), ("no_threat", "violence")],
    ),
    (
        "Jeśli nie oddacie pieniędzy, złożę reklamację transakcji w banku i zrobię chargeback.",
        [("threat", "chargeback", "chargeback"), ("no_threat", "violence")],
    ),
    (
        "Zablokuję kartę i cofnę płatność przez bank, skoro nie umiecie wysłać towaru.",
        [("threat", "chargeback", "cofnę płatność"), ("no_threat", "violence")],
    ),
    (
        "Otworzę spór w PayPalu, jeśli do poniedziałku nie będzie odpowiedzi.",
        [("threat", "chargeback", "Otworzę spór"), ("no_threat", "violence")],
    ),
    (
        "Jak nie oddacie kasy do końca tygodnia, zadzwonię na policję.",
        [("threat", "legal", "zadzwonię na policję"), ("no_threat", "violence")],
    ),
    # --- offensive ---
    (
        "Jesteście bandą idiotów i oszustów, nic więcej.",
        [("offensive", "bandą idiotów"), ("heat_min", 0.5)],
    ),
    (
        "Ty debilu, czy ty w ogóle umiesz czytać ze zrozumieniem?",
        [("offensive", "debilu")],
    ),
    (
        "Kurwa mać, trzeci raz dostaję uszkodzony towar!",
        [("offensive", "Kurwa")],
    ),
    (
        "Ta wasza konsultantka to niekompetentna kretynka, która nie potrafi nic załatwić.",
        [("offensive", "kretynka"), ("heat_min", 0.5)],
    ),
    (
        "Obsługa jest żałosna, a kierownik to zwykły cham.",
        [("offensive", "cham")],
    ),
    (
        "Spierdalajcie z takimi warunkami, złodzieje!",
        [("offensive", "Spierdalajcie"), ("heat_min", 0.5)],
    ),
    (
        "Zamknij mordę i oddaj mi pieniądze, pajacu.",
        [("offensive", "Zamknij mordę")],
    ),
    # --- polite messages ---
    (
        "Dzień dobry, czy ta sukienka jest dostępna w rozmiarze M? Dziękuję.",
        [("no_offensive",), ("no_threat", "violence"), ("heat_max", 0.35)],
    ),
    (
        "Dziękuję bardzo za szybką pomoc, wszystko działa jak należy.",
        [("no_offensive",), ("emotion", "satisfaction")],
    ),
    (
        "Dzień dobry, proszę o informację, kiedy kurier odbierze zwrot. Dziękuję.",
        [("no_offensive",), ("heat_max", 0.35)],
    ),
    # --- wants ---
    (
        "Żądam zwrotu pieniędzy za zepsuty odkurzacz, i to natychmiast.",
        [("want", "refund", "zwrotu pieniędzy"), ("fact", "product", "odkurzacz")],
    ),
    (
        "Proszę o wymianę towaru na nowy egzemplarz, wolny od wad.",
        [("want", "exchange", "wymianę towaru")],
    ),
    (
        "Lodówka nie chłodzi, proszę o przysłanie technika i naprawę na gwarancji.",
        [("want", "repair", "naprawę"), ("fact", "product", "Lodówka")],
    ),
    (
        "Za trzy dni bez światłowodu należy mi się rekompensata albo obniżenie abonamentu.",
        [("want", "compensation", "rekompensata"), ("fact", "product", "światłowodu")],
    ),
    (
        "Oczekuję przeprosin za zachowanie pani z infolinii.",
        [("want", "apology", "przeprosin")],
    ),
    (
        "Proszę o wyjaśnienie, skąd ta dodatkowa opłata na fakturze.",
        [("want", "explanation", "wyjaśnienie")],
    ),
    (
        "Chcę rozmawiać z kierownikiem, a nie z kolejnym konsultantem.",
        [("want", "speak_to_manager", "kierownikiem")],
    ),
    (
        "Proszę anulować moje zamówienie i nie wysyłać już nic więcej.",
        [("want", "cancel", "anulować")],
    ),
    (
        "Proszę o kontakt telefoniczny, jestem dostępny po 16:00.",
        [("want", "callback", "kontakt telefoniczny")],
    ),
    (
        "Niech ktoś do mnie oddzwoni w sprawie reklamacji, bo mailowo nic nie da się załatwić.",
        [("want", "callback", "oddzwoni")],
    ),
    (
        "Odwołuję wizytę na manicure w sobotę, bo muszę wyjechać.",
        [("want", "cancel", "Odwołuję wizytę"), ("fact", "product", "manicure")],
    ),
    (
        "Chciałbym zrezygnować z abonamentu na telewizję od przyszłego miesiąca.",
        [("want", "cancel", "zrezygnować"), ("no_threat", "violence")],
    ),
    # --- facts ---
    (
        "Numer zamówienia: 458812, zamówienie złożone 3 marca 2026.",
        [("fact", "order_number", "458812"), ("fact", "date", "3 marca 2026")],
    ),
    (
        "W załączniku faktura nr FV/2026/03/117, proszę o korektę.",
        [("fact", "invoice_number", "FV/2026/03/117")],
    ),
    (
        "Numer przesyłki 6900012345678901234, paczka stoi w sortowni od poniedziałku.",
        [
            ("fact", "tracking_number", "6900012345678901234"),
            ("fact", "date", "od poniedziałku"),
        ],
    ),
    (
        "Mój numer klienta to 7731204, a numer zgłoszenia REK-2026-0042.",
        [
            ("fact", "customer_number", "7731204"),
            ("fact", "ticket_number", "REK-2026-0042"),
        ],
    ),
    (
        "Czekam na zwrot od trzech tygodni, a dzwoniłem już cztery razy.",
        [
            ("fact", "duration", "od trzech tygodni"),
            ("fact", "contact_attempts", "dzwoniłem już cztery razy"),
        ],
    ),
    (
        "Piszę do was po raz trzeci w sprawie zepsutego laptopa.",
        [
            ("fact", "contact_attempts", "Piszę do was po raz trzeci"),
            ("fact", "product", "laptopa"),
        ],
    ),
    (
        "To już mój piąty mail, a router nadal nie działa od 12 kwietnia.",
        [
            ("fact", "contact_attempts", "mój piąty mail"),
            ("fact", "product", "router"),
            ("fact", "date", "12 kwietnia"),
        ],
    ),
    (
        "Koloryzacja wyszła zielona, a zabieg miałam dwudziestego czwartego lutego.",
        [("fact", "product", "Koloryzacja"), ("fact", "date", "dwudziestego czwartego lutego")],
    ),
    # --- emotions, negation, heat ---
    (
        "Spokojnie, nie jestem zła, dziękuję za informację o dostawie.",
        [("no_emotion", "anger"), ("no_threat", "violence")],
    ),
    (
        "Jestem wściekły, bo nikt nie odpowiada na moje maile!",
        [("emotion", "anger")],
    ),
    (
        "Mam już dość tego odsyłania od konsultanta do konsultanta.",
        [("emotion", "frustration")],
    ),
    (
        "Jestem bardzo rozczarowana jakością tego materaca.",
        [("emotion", "disappointment"), ("fact", "product", "materaca")],
    ),
    (
        "Martwię się, bo przelew wyszedł, a zamówienie dalej ma status nieopłacone.",
        [("emotion", "worry")],
    ),
    (
        "Jest mi bardzo przykro, to miał być prezent na urodziny córki.",
        [("emotion", "sadness")],
    ),
    (
        "Wcale nie jestem rozczarowana, sukienka jest piękna, dziękuję!",
        [("no_emotion", "disappointment"), ("emotion", "satisfaction"), ("no_offensive",)],
    ),
    (
        "Nie jestem zadowolony z tej naprawy, telefon znowu się wyłącza.",
        [("no_emotion", "satisfaction")],
    ),
    (
        "Czy mogą Państwo sprawdzić status mojej reklamacji? Z góry dziękuję.",
        [("heat_max", 0.35), ("no_offensive",)],
    ),
    (
        "TY ŻAŁOSNY IDIOTO, ODDAWAJ MOJE PIENIĄDZE, BO CIĘ ZAJEBIĘ!!!",
        [("offensive", "IDIOTO"), ("threat", "violence", "CIĘ ZAJEBIĘ"), ("heat_min", 0.5)],
    ),
    # --- wants: delivery, information, change; asides and past events are no request ---
    (
        "Zamówiłam lodówkę trzy tygodnie temu. Oczekuję dostarczenia jej do końca tygodnia.",
        [("want", "delivery", "Oczekuję dostarczenia")],
    ),
    (
        "Chcę albo kanapę do piątku, albo zwrot pieniędzy, innej opcji nie ma.",
        [
            ("want", "delivery", "albo kanapę do piątku, albo zwrot"),
            ("want", "refund", "zwrot pieniędzy"),
        ],
    ),
    (
        "Kiedy dostanę pralkę? Czekam już dwa tygodnie.",
        [("want", "delivery", "Kiedy dostanę pralkę")],
    ),
    (
        "Od tygodnia siedzę bez bagażu. Oddajcie mi wreszcie walizkę.",
        [("want", "delivery", "Oddajcie mi wreszcie")],
    ),
    (
        "Czy to normalne, że obudowa laptopa robi się taka gorąca?",
        [("want", "information", "normalne")],
    ),
    (
        "Zgubiłem w tramwaju plecak. Czy ktoś go może oddał?",
        [("want", "information", "Czy ktoś go może oddał?")],
    ),
    (
        "Jak mam złożyć reklamację, skoro formularz na stronie nie działa?",
        [("want", "information", "Jak mam")],
    ),
    (
        "Proszę o informację, kiedy zostanie przywrócone ogrzewanie w budynku.",
        [("want", "information", "informację, kiedy"), ("no_want", "explanation")],
    ),
    (
        "Chciałbym przełożyć wizytę u fryzjera na przyszły wtorek.",
        [("want", "change", "przełożyć wizytę")],
    ),
    (
        "Przeprowadzam się, dlatego chcę zmienić adres dostawy dla zamówienia 55120.",
        [("want", "change", "zmienić adres dostawy")],
    ),
    (
        "Na fakturze jest błędny NIP, proszę o korektę faktury.",
        [("want", "change", "korektę faktury")],
    ),
    (
        "Proszę, żeby ktoś przyjechał i sprawdził instalację, bo iskrzy gniazdko.",
        [("want", "repair", "ktoś przyjechał"), ("no_want", "speak_to_manager")],
    ),
    (
        "Dostałam maila, że moje zamówienie zostało anulowane z powodu braku towaru.",
        [("no_want", "cancel")],
    ),
    (
        "Pan kierownik był bardzo miły i od razu wszystko wyjaśnił.",
        [("no_want", "speak_to_manager")],
    ),
    (
        "Odebrałem telefon z serwisu, wymiana baterii poszła sprawnie, dziękuję.",
        [("no_want", "exchange")],
    ),
    (
        "Nie chcę zmienić terminu wizyty, przyjdę tak, jak się umawialiśmy.",
        [("no_want", "change")],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), CASES)
def test_findings(text: str, expectations: list) -> None:
    check(text, expectations)
