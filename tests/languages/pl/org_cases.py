"""Polish (pl) org lexicon cases: an agent's sentence and the acts the lexicon must find.

Each row is ``(sentence, [(kind, substring), ...])``: every listed kind must be found on a
span overlapping the substring; an offer_* or refusal* kind that is not listed must not be
found. Rows with an empty or offer-free list are near-misses.
"""

CASES = [
    # --- offers ---
    (
        "Zleciłem zwrot 120 zł, pieniądze wrócą na konto w ciągu 3 dni roboczych.",
        [
            ("offer_refund", "Zleciłem zwrot"),
            ("offer_refund", "pieniądze wrócą"),
            ("promise", "w ciągu 3 dni"),
        ],
    ),
    ("Oczywiście zwrócimy Pani pełną kwotę za zamówienie.", [("offer_refund", "zwrócimy")]),
    (
        "Zwrot środków został już zlecony i powinien pojawić się na koncie do piątku.",
        [("offer_refund", "Zwrot środków został już zlecony")],
    ),
    (
        "Dostaniesz zwrot kasy, jak tylko paczka wróci do magazynu.",
        [("offer_refund", "zwrot"), ("promise", "Dostaniesz")],
    ),
    (
        "zwrocimy Ci pieniadze najpozniej w poniedzialek",
        [("offer_refund", "zwrocimy"), ("promise", "najpozniej")],
    ),
    (
        "W ramach przeprosin przygotowaliśmy dla Pana bon o wartości 50 zł.",
        [("offer_compensation", "W ramach przeprosin"), ("offer_compensation", "bon o wartości")],
    ),
    (
        "Mogę zaproponować Pani 15% rabatu na kolejne zakupy.",
        [("offer_compensation", "15% rabatu")],
    ),
    (
        "Jako gest dobrej woli dodaliśmy do Pana konta 200 punktów lojalnościowych.",
        [("offer_compensation", "gest dobrej woli")],
    ),
    (
        "Przepraszamy za kłopot – w ramach rekompensaty otrzyma Pan darmową dostawę przy kolejnym "
        "zamówieniu.",
        [("offer_compensation", "w ramach rekompensaty"), ("promise", "otrzyma")],
    ),
    (
        "Wymienimy ekspres na nowy egzemplarz bez dodatkowych kosztów.",
        [("offer_exchange", "Wymienimy")],
    ),
    (
        "Wyślemy Pani nowy telefon, a uszkodzony odbierze od Pani kurier.",
        [("offer_exchange", "nowy telefon")],
    ),
    (
        "Kurier odbierze urządzenie do naprawy, a naprawa gwarancyjna jest bezpłatna.",
        [
            ("offer_repair", "odbierze urządzenie do naprawy"),
            ("offer_repair", "naprawa gwarancyjna"),
        ],
    ),
    ("Naprawimy pralkę na nasz koszt.", [("offer_repair", "Naprawimy")]),
    (
        "Anulowałam Pani zamówienie, nic nie zostanie pobrane z karty.",
        [("offer_cancel", "Anulowałam")],
    ),
    ("Twoja rezygnacja z subskrypcji została przyjęta.", [("offer_cancel", "rezygnacja")]),
    ("Konsultant oddzwoni do Pana jutro przed południem.", [("offer_callback", "oddzwoni")]),
    ("Zadzwonię do Pani dziś po 15:00, żeby to omówić.", [("offer_callback", "Zadzwonię")]),
    ("Czy mogę do Pana zadzwonić w tej sprawie?", [("offer_callback", "zadzwonić")]),
    (
        "Paczka zaginęła, więc wyślemy zamówienie jeszcze raz, na nasz koszt.",
        [("offer_redelivery", "wyślemy zamówienie jeszcze raz")],
    ),
    (
        "Brakujący element nadamy dziś ponownie kurierem.",
        [("offer_redelivery", "nadamy dziś ponownie")],
    ),
    (
        "Wyslemy paczke ponownie jeszcze dzis.",
        [("offer_redelivery", "ponownie"), ("promise", "jeszcze dzis")],
    ),
    (
        "Możemy zaproponować nowy termin wizyty technika: czwartek między 8 a 12.",
        [("offer_appointment", "nowy termin")],
    ),
    (
        "Serwisant przyjedzie do Państwa w środę i wymieni uszkodzoną część.",
        [("offer_appointment", "Serwisant przyjedzie")],
    ),
    (
        "Co Pani woli: zwrot pieniędzy czy wymianę na nowy produkt?",
        [
            ("ask_want", "woli"),
            ("offer_refund", "zwrot pieniędzy"),
            ("offer_exchange", "wymianę na nowy"),
        ],
    ),
    (
        "Niestety nie możemy zaproponować rabatu, ale przygotujemy wymianę na nowy egzemplarz.",
        [("refusal", "nie możemy zaproponować"), ("offer_exchange", "wymianę na nowy")],
    ),
    (
        "Czy woli Pan, żebyśmy wysłali produkt ponownie?",
        [("ask_want", "woli"), ("offer_redelivery", "wysłali produkt ponownie")],
    ),
    (
        "Technik może przyjechać w poniedziałek lub środę.",
        [("offer_appointment", "Technik może przyjechać")],
    ),
    (
        "Mogę Panu zaproponować 20 zł rabatu na następne zamówienie.",
        [("offer_compensation", "20 zł rabatu")],
    ),
    # --- commitments ---
    (
        "Dopilnuję, żeby reklamacja została rozpatrzona jeszcze dziś.",
        [("promise", "Dopilnuję")],
    ),
    (
        "Odezwę się do Pani najpóźniej jutro.",
        [("promise_reply", "Odezwę"), ("promise", "najpóźniej")],
    ),
    ("Damy znać mailowo, jak tylko coś będziemy wiedzieć.", [("promise_reply", "Damy znać")]),
    (
        "Skontaktujemy się z Panem, gdy tylko otrzymamy odpowiedź z magazynu.",
        [("promise_reply", "Skontaktujemy się z Panem")],
    ),
    (
        "Sprawdzę to od razu i wrócę do Ciebie z odpowiedzią.",
        [("promise_check", "Sprawdzę"), ("promise_reply", "wrócę do Ciebie z odpowiedzią")],
    ),
    ("Zajmę się tym osobiście.", [("promise_check", "Zajmę się tym")]),
    (
        "Skontaktujemy się z kurierem i wyjaśnimy, co się stało z paczką.",
        [("promise_check", "Skontaktujemy się z kurierem"), ("promise_check", "wyjaśnimy")],
    ),
    (
        "Pani reklamacja zostanie rozpatrzona w ciągu 14 dni.",
        [("promise_check", "zostanie rozpatrzona"), ("promise", "zostanie rozpatrzona")],
    ),
    (
        "Przesyłka jest już w drodze i dotrze jutro do południa.",
        [("promise_delivery", "w drodze")],
    ),
    ("Kurier będzie u Pani w czwartek między 10 a 14.", [("promise_delivery", "Kurier będzie u")]),
    ("Zamówienie zostanie nadane jutro rano.", [("promise_delivery", "zostanie nadane")]),
    # --- refusals ---
    (
        "Niestety minął już 30-dniowy termin na zwrot towaru.",
        [("refusal_refund_window", "minął już 30-dniowy termin na zwrot")],
    ),
    (
        "Od zakupu minęło ponad 60 dni, dlatego zwrot nie jest już możliwy.",
        [
            ("refusal_refund_window", "Od zakupu minęło"),
            ("refusal_refund_window", "zwrot nie jest już"),
            ("refusal", "nie jest już możliwy"),
        ],
    ),
    (
        "Termin na odstąpienie od umowy upłynął 3 marca.",
        [("refusal_refund_window", "Termin na odstąpienie od umowy upłynął")],
    ),
    (
        "Nie mam uprawnień, żeby przyznać rabat w tej wysokości.",
        [("refusal_authority", "Nie mam uprawnień")],
    ),
    (
        "Nie jestem upoważniona do przyznania rekompensaty, muszę to uzgodnić z kierownikiem.",
        [("refusal_authority", "Nie jestem upoważniona"), ("refusal_authority", "z kierownikiem")],
    ),
    (
        "Decyzja w tej sprawie należy do działu reklamacji.",
        [("refusal_authority", "Decyzja w tej sprawie należy do działu")],
    ),
    (
        "Regulamin nie przewiduje rekompensaty za opóźnienia w dostawie.",
        [("refusal_policy", "Regulamin nie przewiduje")],
    ),
    (
        "Zgodnie z regulaminem koszty przesyłki zwrotnej pokrywa klient.",
        [("refusal_policy", "Zgodnie z regulaminem")],
    ),
    ("Produkty higieniczne są wyłączone ze zwrotu.", [("refusal_policy", "wyłączone ze zwrotu")]),
    ("Nie wypłacamy odszkodowań za opóźnienia przewoźnika.", [("refusal_policy", "Nie wypłacamy")]),
    ("Niestety nie jest to możliwe.", [("refusal", "nie jest to możliwe")]),
    (
        "Niestety nie możemy uznać reklamacji, ponieważ uszkodzenie powstało z winy użytkownika.",
        [("refusal", "nie możemy uznać")],
    ),
    ("Pani reklamacja została rozpatrzona negatywnie.", [("refusal", "negatywnie")]),
    # --- questions ---
    ("Czy może Pan podać numer zamówienia?", [("ask_order_number", "numer zamówienia")]),
    (
        "Podaj proszę nr zamówienia, to sprawdzę, co się dzieje.",
        [("ask_order_number", "nr zamówienia"), ("promise_check", "sprawdzę")],
    ),
    (
        "prosze podac numer zamowienia, sprawdze to od razu",
        [("ask_order_number", "numer zamowienia"), ("promise_check", "sprawdze")],
    ),
    ("Proszę przesłać skan faktury lub paragonu.", [("ask_invoice_number", "faktury")]),
    ("Jaki jest numer przesyłki?", [("ask_tracking_number", "numer przesyłki")]),
    ("Kiedy dokładnie złożyła Pani zamówienie?", [("ask_date", "Kiedy")]),
    ("Jakiego modelu odkurzacza dotyczy zgłoszenie?", [("ask_product", "Jakiego modelu")]),
    ("Jaką kwotę pobrano z Pani konta?", [("ask_amount", "Jaką kwotę")]),
    ("Czy mogłaby Pani przesłać zdjęcia uszkodzonej paczki?", [("ask_photo", "zdjęcia")]),
    ("Prosimy o podanie adresu dostawy.", [("ask_address", "adresu")]),
    ("Pod jakim numerem możemy się z Panem skontaktować?", [("ask_contact", "Pod jakim numerem")]),
    ("Czy dobrze rozumiem, że paczka dotarła pusta?", [("ask_confirm", "dobrze rozumiem")]),
    ("Czyli kurier w ogóle się nie pojawił?", [("ask_confirm", "Czyli")]),
    # --- escalation, deflection, policy ---
    (
        "Przekazałem sprawę do działu reklamacji z prośbą o pilne rozpatrzenie.",
        [("escalation", "Przekazałem sprawę do działu")],
    ),
    (
        "Twoje zgłoszenie zostało przekazane kierownikowi zmiany.",
        [("escalation", "przekazane kierownikowi")],
    ),
    (
        "Proszę skontaktować się bezpośrednio z kurierem.",
        [("deflection", "skontaktować się bezpośrednio z kurierem")],
    ),
    (
        "Status przesyłki może Pani sprawdzić na stronie przewoźnika.",
        [("deflection", "sprawdzić na stronie")],
    ),
    (
        "Wszystkie informacje znajdziesz w zakładce Pomoc na naszej stronie.",
        [("deflection", "znajdziesz w zakładce")],
    ),
    (
        "Sprawdź proszę status paczki w aplikacji InPost.",
        [("deflection", "Sprawdź proszę status paczki")],
    ),
    (
        "W sprawie gwarancji należy zwrócić się do producenta.",
        [("deflection", "zwrócić się do producenta")],
    ),
    (
        "Takie są zasady i nie mogę nic więcej zrobić.",
        [("policy_quote", "Takie są zasady"), ("refusal", "nie mogę nic więcej zrobić")],
    ),
    ("Tak stanowi regulamin sklepu.", [("policy_quote", "Tak stanowi regulamin")]),
    # --- near-misses: nothing, or only the listed kinds ---
    ("Dziękujemy za cierpliwość.", []),
    ("Odezwiemy się, jeśli coś się zmieni.", [("promise_reply", "Odezwiemy")]),
    ("Czy otrzymała Pani już zwrot pieniędzy?", []),
    ("Zwrot pieniędzy nie jest możliwy w tym przypadku.", [("refusal", "nie jest możliwy")]),
    ("Bon można wykorzystać w każdym naszym sklepie.", []),
    ("Proszę do nas zadzwonić pod numer 800 100 200.", []),
    ("Prosimy przesłać nowe zdjęcie, bo poprzednie jest nieczytelne.", [("ask_photo", "zdjęcie")]),
    ("Życzymy udanych zakupów i wielu przyjemnych chwil z nowym sprzętem.", []),
    ("Rozumiem Pani frustrację związaną z opóźnieniem.", []),
    ("Zwrot został zarejestrowany w systemie i czeka na weryfikację.", []),
    ("Zamówienie można anulować samodzielnie w panelu klienta do momentu wysyłki.", []),
    (
        "Anulowanie zamówienia nie jest już możliwe, ponieważ paczka została wysłana.",
        [("refusal", "nie jest już możliwe")],
    ),
    ("Czy próbował Pan ponownie uruchomić urządzenie?", []),
    ("Dziękujemy, że zwrócił się Pan do nas z tym problemem.", []),
    ("Nasi technicy pracują nad rozwiązaniem problemu.", []),
    ("Niestety nadal nie mamy informacji z magazynu.", []),
    ("Zwrotu można dokonać w ciągu 30 dni od otrzymania towaru.", []),
    ("Przesyłka została doręczona wczoraj o 14:12 według systemu przewoźnika.", []),
    ("Rozumiem, że sytuacja jest bardzo stresująca.", []),
    ("Numer Pana zamówienia to 12345/2026.", []),
    ("Wysłaliśmy Pani link do śledzenia przesyłki.", []),
    ("Jeśli zechce Pan zadzwonić, nasza infolinia działa do 20:00.", []),
    ("Nie zwracamy kosztów wysyłki za zwroty.", [("refusal_policy", "Nie zwracamy")]),
    ("Przykro mi, że musiała Pani tak długo czekać.", []),
    (
        "Prosze o przeslanie zdjec uszkodzenia na adres reklamacje@sklep.pl",
        [("ask_photo", "zdjec")],
    ),
    ("Proszę sprawdzić, czy urządzenie jest podłączone do prądu.", []),
    ("Ten model nie jest już produkowany.", []),
    # --- added families: money back in the infinitive, object-first and second shipments,
    #     crews sent, free checks, bookings and availability, call-backs arranged, durations,
    #     authority and supervisors, protocol steps ---
    ("Mogę od razu zwrócić Panu 250 zł na kartę.", [("offer_refund", "zwrócić Panu 250 zł")]),
    ("Nową ładowarkę wyślemy jutro rano kurierem.", [("offer_exchange", "Nową ładowarkę wyślemy")]),
    (
        "Możemy wysłać Pani nowy czajnik albo zwrócić całą kwotę – co Pani woli?",
        [
            ("offer_exchange", "wysłać Pani nowy czajnik"),
            ("offer_refund", "zwrócić całą kwotę"),
            ("ask_want", "woli"),
        ],
    ),
    (
        "Jeszcze dziś wysyłamy drugą paczkę ekspresem.",
        [("offer_redelivery", "wysyłamy drugą paczkę")],
    ),
    (
        "Wysyłamy do Pana ekipę serwisową jeszcze dziś.",
        [("offer_repair", "Wysyłamy do Pana ekipę")],
    ),
    (
        "Obejrzymy rower w naszym warsztacie całkowicie za darmo.",
        [("offer_repair", "Obejrzymy rower")],
    ),
    ("Zapisałam Panią na piątek na 14:00.", [("offer_appointment", "Zapisałam Panią na piątek")]),
    (
        "Mogę bezpłatnie przenieść wizytę na inny dzień.",
        [("offer_appointment", "przenieść wizytę")],
    ),
    ("Najbliższy wolny termin to wtorek o 9:30.", [("offer_appointment", "wolny termin")]),
    (
        "Mogę poprosić kierownika, żeby zadzwonił do Pani jutro.",
        [("offer_callback", "żeby zadzwonił")],
    ),
    ("Wymiana wyświetlacza potrwa około trzech dni.", [("promise", "potrwa")]),
    (
        "To przekracza moje uprawnienia, dlatego przekażę sprawę przełożonej.",
        [
            ("refusal_authority", "przekracza moje uprawnienia"),
            ("escalation", "przekażę sprawę przełożonej"),
        ],
    ),
    (
        "Rabatu nie mogę przyznać sama, to decyzja kierowniczki sklepu.",
        [
            ("refusal_authority", "nie mogę przyznać sama"),
            ("refusal_authority", "to decyzja kierowniczki"),
            ("refusal", "nie mogę przyznać"),
        ],
    ),
    ("Sprawę wyjaśni z Panią kierownik zmiany.", [("escalation", "wyjaśni z Panią kierownik")]),
    ("Rozmawiałam już z właścicielem sklepu.", [("escalation", "Rozmawiałam już z właścicielem")]),
    ("Rozumiem, że to Pana zaniepokoiło.", [("acknowledge", "to Pana zaniepokoiło")]),
    ("Dwa tygodnie bez internetu to naprawdę za długo.", [("empathy", "naprawdę za długo")]),
    ("Na Pani miejscu też bym była zła.", [("empathy", "Na Pani miejscu")]),
    (
        "Życzę synowi szybkiego powrotu do zdrowia.",
        [("empathy", "Życzę synowi szybkiego powrotu do zdrowia")],
    ),
    ("Czy pralka działa już poprawnie?", [("follow_up", "Czy pralka działa już poprawnie")]),
    # near-misses of the added families
    ("Produkt można zwrócić w ciągu 14 dni od zakupu.", []),
    ("Jak wolisz, możesz też odebrać paczkę w punkcie.", []),
    ("Opłaty naliczane są zgodnie z cennikiem.", []),
    ("Kraje wymienione w regulaminie są objęte pakietem.", []),
    ("W takich przypadkach zazwyczaj zwracamy pieniądze po weryfikacji.", []),
    ("Telefon jest już naprawiony i czeka na odbiór.", []),
    ("Mogę wysłać Pani nowy link do płatności.", []),
    (
        "Niestety nie możemy zwrócić kosztu niewykorzystanego noclegu.",
        [("refusal_of_refund", "nie możemy zwrócić"), ("refusal", "nie możemy")],
    ),
    (
        "Zwrot za bilety nie jest możliwy.",
        [
            ("refusal_of_refund", "Zwrot za bilety nie jest możliwy"),
            ("refusal", "nie jest możliwy"),
        ],
    ),
]
