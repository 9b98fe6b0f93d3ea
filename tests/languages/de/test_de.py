"""German (de) lexicon table: realistic customer messages and what calmline must find."""

import pytest

from tests.languages.expect import check

NV = ("no_threat", "violence")

CASES = [
    # --- violent threats ---
    (
        "Wenn das Paket morgen nicht da ist, bringe ich dich um!",
        [("lang", "de"), ("threat", "violence", "bringe ich dich um")],
    ),
    (
        "Ich werde Sie umbringen, wenn ich noch einmal diese Warteschleife höre.",
        [("lang", "de"), ("threat", "violence", "Sie umbringen")],
    ),
    (
        "Ich stech dich ab, du Betrüger, verlass dich drauf.",
        [("threat", "violence", "stech dich ab"), ("offensive", "Betrüger")],
    ),
    (
        "Ich weiß, wo Ihr Kundenberater wohnt. Überlegen Sie sich gut, was Sie jetzt tun.",
        [("threat", "violence", "weiß, wo Ihr Kundenberater wohnt")],
    ),
    (
        "Noch eine Ausrede und ich fackel euch die Bude ab.",
        [("threat", "violence", "fackel euch die Bude ab")],
    ),
    (
        "Ich komme morgen mit einem Baseballschläger vorbei und dann sehen wir weiter.",
        [("threat", "violence", "mit einem Baseballschläger vorbei")],
    ),
    (
        "Wenn ich den Techniker erwische, schlag ich ihn krankenhausreif.",
        [("threat", "violence", "schlag ich ihn krankenhausreif")],
    ),
    (
        "Ich schlage euren Laden kurz und klein, das verspreche ich euch.",
        [("threat", "violence", "kurz und klein")],
    ),
    (
        "Man sollte euch alle erschießen, ihr Verbrecher.",
        [("threat", "violence", "erschießen"), ("offensive", "Verbrecher")],
    ),
    (
        "Pass bloß auf, wenn du heute Abend auf dem Heimweg bist.",
        [("threat", "violence", "Heimweg")],
    ),
    (
        "Ich warte nach Feierabend draußen auf dich, dann reden wir anders.",
        [("threat", "violence", "warte nach Feierabend draußen auf dich")],
    ),
    (
        "Noch einmal so eine Antwort und ich hau dir eine rein.",
        [("threat", "violence", "hau dir eine rein")],
    ),
    (
        "Ich brech dir alle Knochen, wenn mein Geld nicht kommt.",
        [("threat", "violence", "brech dir alle Knochen")],
    ),
    (
        "Ich jage eure Filiale in die Luft, ihr werdet schon sehen.",
        [("threat", "violence", "jage eure Filiale in die Luft")],
    ),
    (
        "Ich schmeiße euch heute Nacht die Scheiben ein.",
        [("threat", "violence", "schmeiße euch heute Nacht die Scheiben ein")],
    ),
    (
        "Ich werde euch finden und dann gibt es Tote.",
        [("threat", "violence", "euch finden"), ("threat", "violence", "gibt es Tote")],
    ),
    (
        "Ich mach dich kalt, Hurensohn.",
        [("threat", "violence", "mach dich kalt"), ("offensive", "Hurensohn"), ("heat_min", 0.5)],
    ),
    (
        "Ich zerkratze dem Fahrer das Auto, wenn er noch einmal zu spät kommt.",
        [("threat", "violence", "zerkratze dem Fahrer das Auto")],
    ),
    # --- violent-sounding idioms: no violence ---
    (
        "Diese Hitze bringt mich um, und die Klimaanlage ist immer noch nicht repariert.",
        [NV, ("fact", "product", "Klimaanlage")],
    ),
    ("Die Torte war zum Sterben schön, vielen Dank an das ganze Team!", [NV, ("no_offensive",)]),
    ("Ich habe mich über die Anleitung totgelacht.", [NV]),
    ("Ich lach mich tot, das soll ein Kundenservice sein?", [NV]),
    ("Diese Serie macht mich fertig, aber das Streaming ruckelt ständig.", [NV]),
    (
        "Mein Rücken bringt mich um, der Monteur soll die Waschmaschine bitte selbst hochtragen.",
        [NV, ("fact", "product", "Waschmaschine")],
    ),
    ("Ihre Warteschleife treibt mich in den Wahnsinn.", [NV, ("emotion", "frustration")]),
    ("Ich könnte für ein Stück von diesem Kuchen töten.", [NV]),
    ("Ich sterbe vor Langeweile in Ihrer Warteschleife.", [NV]),
    ("Ich habe die Zeit in der Filiale mit Lesen totgeschlagen, weil niemand kam.", [NV]),
    ("Keine Sorge, ich reiße Ihnen nicht den Kopf ab, ich brauche nur eine Auskunft.", [NV]),
    ("Sie töten mir echt den letzten Nerv mit Ihren Rückfragen.", [NV]),
    ("Nach dem Umzug bin ich wie erschlagen, bitte verschieben Sie den Termin.", [NV]),
    ("Das war ein Schlag ins Gesicht für jeden treuen Kunden.", [NV]),
    ("Da habt ihr wirklich den Vogel abgeschossen mit dieser Rechnung.", [NV]),
    # --- legal / public / churn / chargeback ---
    (
        "Ich werde Sie verklagen, mein Anwalt ist bereits informiert.",
        [NV, ("threat", "legal", "verklagen"), ("threat", "legal", "Anwalt")],
    ),
    (
        "Ich habe mich bereits bei der Verbraucherzentrale beschwert.",
        [NV, ("threat", "legal", "Verbraucherzentrale")],
    ),
    (
        "Wenn bis Freitag nichts passiert, sehen wir uns vor Gericht.",
        [NV, ("threat", "legal", "Gericht")],
    ),
    (
        "Ich werde eine vernichtende Bewertung auf Trustpilot schreiben.",
        [NV, ("threat", "public_exposure", "Trustpilot")],
    ),
    (
        "Das stelle ich alles auf Facebook und Instagram, damit jeder sieht, wie ihr arbeitet.",
        [NV, ("threat", "public_exposure", "Facebook")],
    ),
    (
        "Ich wende mich an die Presse, die Lokalzeitung interessiert sich bestimmt dafür.",
        [NV, ("threat", "public_exposure", "Presse")],
    ),
    ("Ich wechsle zur Konkurrenz, das war's mit uns.", [NV, ("threat", "churn", "Konkurrenz")]),
    (
        "Bei Ihnen bestelle ich nie wieder etwas.",
        [NV, ("threat", "churn", "bestelle ich nie wieder")],
    ),
    (
        "Ich lasse die Lastschrift zurückgehen, wenn das Geld nicht bis Montag da ist.",
        [NV, ("threat", "chargeback", "Lastschrift zurückgehen")],
    ),
    (
        "Ich habe bei PayPal einen Fall eröffnet und den Käuferschutz beantragt.",
        [NV, ("threat", "chargeback", "Käuferschutz")],
    ),
    (
        "Dann hole ich mir das Geld eben über meine Kreditkartenfirma zurück.",
        [NV, ("threat", "chargeback", "Kreditkartenfirma")],
    ),
    # --- insults and politeness ---
    ("Ihr seid so ein unfähiger Saftladen, echt.", [("offensive", "Saftladen"), ("heat_min", 0.5)]),
    (
        "Du inkompetenter Vollidiot, lies doch einfach meine Mail!",
        [("offensive", "Vollidiot"), ("heat_min", 0.5)],
    ),
    ("Was für eine Scheiße, schon wieder kein Internet.", [("offensive", "Scheiße")]),
    (
        "Halten Sie die Klappe und verbinden Sie mich mit Ihrem Vorgesetzten.",
        [("offensive", "Halten Sie die Klappe"), ("want", "speak_to_manager", "Vorgesetzten")],
    ),
    (
        "Guten Tag, könnten Sie mir bitte sagen, wann meine Bestellung versendet wird? Vielen Dank!",
        [("no_offensive",), NV, ("heat_max", 0.35)],
    ),
    (
        "Sehr geehrte Damen und Herren, ich möchte meine Adresse für die nächste Lieferung ändern.",
        [("no_offensive",), ("heat_max", 0.35)],
    ),
    (
        "Hallo, der Kundenservice war super freundlich und hat mir schnell geholfen. Danke!",
        [("no_offensive",), ("emotion", "satisfaction")],
    ),
    # --- wants ---
    ("Ich will mein Geld zurück, und zwar sofort.", [("want", "refund", "Geld zurück")]),
    ("Bitte erstatten Sie mir den vollen Kaufpreis.", [("want", "refund", "erstatten")]),
    (
        "Ich möchte die Schuhe gegen eine andere Größe umtauschen.",
        [("want", "exchange", "umtauschen"), ("fact", "product", "Schuhe")],
    ),
    (
        "Können Sie einen Techniker vorbeischicken, der den Router repariert?",
        [("want", "repair", "repariert"), ("fact", "product", "Router")],
    ),
    (
        "Für den ganzen Ärger erwarte ich eine angemessene Entschädigung.",
        [("want", "compensation", "Entschädigung")],
    ),
    (
        "Ich erwarte zumindest eine Entschuldigung von Ihrem Mitarbeiter.",
        [("want", "apology", "Entschuldigung")],
    ),
    (
        "Können Sie mir erklären, warum mir der Betrag zweimal abgebucht wurde?",
        [("want", "explanation", "erklären")],
    ),
    (
        "Ich kündige hiermit meinen Vertrag zum nächstmöglichen Zeitpunkt.",
        [("want", "cancel", "kündige")],
    ),
    ("Bitte stornieren Sie meine Bestellung.", [("want", "cancel", "stornieren")]),
    (
        "Rufen Sie mich bitte heute noch zurück, ich bin bis 18 Uhr erreichbar.",
        [("want", "callback", "Rufen Sie mich bitte heute noch zurück")],
    ),
    # --- facts ---
    (
        "Meine Bestellnummer ist 4501-88231 und die Ware fehlt.",
        [("fact", "order_number", "4501-88231")],
    ),
    (
        "Die Rechnungsnummer RE-2026-0042 stimmt nicht mit dem Betrag überein.",
        [("fact", "invoice_number", "RE-2026-0042")],
    ),
    (
        "Laut Sendungsnummer 00340434161234567890 liegt das Paket seit Tagen im Depot.",
        [("fact", "tracking_number", "00340434161234567890")],
    ),
    ("Kundennummer: 7788123, bitte um Rückmeldung.", [("fact", "customer_number", "7788123")]),
    (
        "Zu meinem Ticket #55123 habe ich immer noch keine Antwort.",
        [("fact", "ticket_number", "55123")],
    ),
    (
        "Ich habe den Fernseher am 3. März bestellt und warte seit drei Wochen.",
        [
            ("fact", "date", "3. März"),
            ("fact", "duration", "seit drei Wochen"),
            ("fact", "product", "Fernseher"),
        ],
    ),
    (
        "Das Internet funktioniert seit Montag nicht, ich habe schon 4 Mal angerufen.",
        [("fact", "date", "seit Montag"), ("fact", "contact_attempts", "4 Mal")],
    ),
    (
        "Das ist jetzt meine dritte E-Mail zu diesem Thema.",
        [("fact", "contact_attempts", "dritte")],
    ),
    (
        "Die Spülmaschine ist nach zwei Monaten kaputt gegangen.",
        [("fact", "product", "Spülmaschine"), ("fact", "duration", "zwei Monaten")],
    ),
    (
        "Mein Termin zum Haarschnitt war am Freitag, den 14. November.",
        [("fact", "date", "14. November"), ("fact", "product", "Haarschnitt")],
    ),
    # --- negation and emotions ---
    (
        "Ich bin nicht wütend, ich möchte nur wissen, wann das Paket kommt.",
        [("no_emotion", "anger")],
    ),
    ("Ich bin wirklich sehr enttäuscht von Ihrem Service.", [("emotion", "disappointment")]),
    ("Ich mache mir große Sorgen, weil meine Mutter ohne Telefon ist.", [("emotion", "worry")]),
    ("Ich bin stinksauer, das ist eine absolute Frechheit!", [("emotion", "anger")]),
    # --- mail structure: quoted history and signatures are not the customer's words ---
    (
        "Hallo, ich warte noch auf eine Antwort zu meiner Reklamation.\n\n"
        "Am Mo., 3. März 2026 um 10:00 Uhr schrieb Kundenservice <service@example.com>:\n"
        "Sie Idiot, das ist nicht unser Problem.",
        [("no_offensive",)],
    ),
    (
        "Die Lieferung ist vollständig angekommen, alles bestens.\n\n"
        "Von: Max Mustermann <max@example.com>\n"
        "Gesendet: Montag, 3. März 2026 10:00\n"
        "Betreff: Ihr Saftladen\n\n"
        "Ihr seid ein Saftladen, ihr Betrüger!",
        [("no_offensive",), ("emotion", "satisfaction")],
    ),
    (
        "Mein Handy ist seit einer Woche in der Reparatur und ich habe bereits drei E-Mails geschrieben.",
        [
            ("fact", "product", "Handy"),
            ("fact", "duration", "seit einer Woche"),
            ("fact", "contact_attempts", "drei E-Mails"),
        ],
    ),
    (
        "Ich möchte bitte mit Ihrer Teamleiterin sprechen, Ihr Kollege konnte mir nicht helfen.",
        [("want", "speak_to_manager", "Teamleiterin"), ("no_offensive",)],
    ),
    (
        "Ich verlange eine Gutschrift für den Ausfall, das Internet war zwei Wochen lang weg.",
        [("want", "compensation", "Gutschrift"), ("fact", "duration", "zwei Wochen lang")],
    ),
    (
        "Ich werde Ihnen nicht drohen, aber ich erwarte bis Freitag eine Lösung.",
        [NV, ("no_offensive",)],
    ),
    ("Man könnte sich erschießen bei dieser Hotline.", [NV]),
    ("Das Warten auf den Techniker bringt mich noch um.", [NV]),
    ("Wir sind mit dem neuen Tarif ganz schön auf die Nase gefallen.", [NV]),
    (
        "Ich erstatte Strafanzeige gegen Ihre Firma wegen Betrugs.",
        [NV, ("threat", "legal", "Strafanzeige"), ("no_want", "refund")],
    ),
    ("Ich zeige Sie an, das ist Betrug!", [NV, ("threat", "legal", "zeige Sie an")]),
    (
        "Euer Laden wird brennen, das schwöre ich.",
        [("threat", "violence", "Euer Laden wird brennen")],
    ),
    ("Ich lege euch eine Bombe in die Filiale.", [("threat", "violence", "Bombe")]),
    (
        "Du kriegst gleich eins auf die Fresse, du Penner.",
        [("threat", "violence", "eins auf die Fresse"), ("offensive", "Penner")],
    ),
    (
        "Meine Bestellung Nr. 778812 ist immer noch nicht da. Ich habe schon fünfmal angerufen!",
        [
            ("fact", "order_number", "778812"),
            ("fact", "contact_attempts", "fünfmal"),
            ("emotion", "frustration"),
        ],
    ),
    (
        "Auftragsnummer: AB-44821, bitte prüfen.",
        [("fact", "order_number", "AB-44821"), ("no_offensive",)],
    ),
    (
        "Seit dem 2. Oktober warte ich auf die Gutschrift.",
        [("fact", "date", "2. Oktober"), ("want", "compensation", "Gutschrift")],
    ),
    (
        "Ihr verdammten Abzocker, ich will mein Geld!",
        [("offensive", "Abzocker"), ("want", "refund", "will mein Geld"), ("heat_min", 0.5)],
    ),
    (
        "Mein Chef hat den Vertrag letzte Woche unterschrieben, bitte schicken Sie die Unterlagen.",
        [("no_want", "speak_to_manager"), ("no_offensive",)],
    ),
    (
        "Ich möchte meine Mitgliedschaft im Fitnessstudio zum Monatsende kündigen.",
        [("want", "cancel", "kündigen")],
    ),
    ("Bitte um Rückruf unter der bekannten Nummer.", [("want", "callback", "Rückruf")]),
    (
        "Ich bin nicht zufrieden mit der Reparatur.",
        [("no_emotion", "satisfaction"), ("emotion", "disappointment")],
    ),
    (
        "Schicken Sie mir bitte ein neues Gerät, das alte ist defekt.",
        [("want", "exchange", "neues Gerät")],
    ),
    (
        "Ich trete hiermit vom Kaufvertrag zurück.",
        [("want", "cancel", "trete hiermit vom Kaufvertrag zurück")],
    ),
    (
        "Ich bitte um einen Anruf, per Mail kommen wir nicht weiter.",
        [("want", "callback", "Anruf")],
    ),
    (
        "Ich bringe die Jacke morgen um 9 Uhr in die Filiale zurück.",
        [NV, ("no_offensive",), ("fact", "product", "Jacke")],
    ),
    ("Der Techniker hat beim Einbau leider die Scheibe eingeschlagen.", [NV]),
    (
        "Wir sind schwerbehindert und brauchen einen Termin mit barrierefreiem Zugang.",
        [("no_offensive",)],
    ),
    (
        "Bitte prüfen Sie meinen Fall.\n\nMit freundlichen Grüßen\nMax Mustermann\nGesendet von meinem iPhone",
        [("no_offensive",), NV],
    ),
    (
        "Ich schwöre, ich bring den Typen von der Hotline um.",
        [("threat", "violence", "bring den Typen von der Hotline um")],
    ),
    (
        "Irgendwann erwische ich dich und dann gnade dir Gott.",
        [("threat", "violence", "erwische ich dich")],
    ),
    (
        "Dem Techniker breche ich die Beine, wenn er noch einmal nicht erscheint.",
        [("threat", "violence", "breche ich die Beine")],
    ),
    ("Du bist ein toter Mann.", [("threat", "violence", "toter Mann")]),
    ("Sie bringen euch um euer Geld, merkt ihr das nicht?", [NV]),
    ("Ihr bringt mich um den Verstand mit euren Rückfragen.", [NV]),
    (
        "Ich bring dich um die Ecke, du Wurm.",
        [("threat", "violence", "bring dich um"), ("offensive", "Wurm")],
    ),
    ("Sind Sie wirklich so dumm, oder tun Sie nur so?", [("offensive", "dumm")]),
    (
        "Ich warte seit über einem Monat auf mein Geld, das ist doch nicht normal.",
        [("fact", "duration", "seit über einem Monat")],
    ),
    (
        "Ich bin total genervt, weil ich schon wieder in der Warteschleife hänge.",
        [("emotion", "frustration")],
    ),
    # --- reported threats: someone threatened the writer or their family ---
    (
        "Der Hausmeister hat mir gestern gedroht, mich zusammenzuschlagen, wenn ich noch einmal anrufe.",
        [("threat", "violence", "gedroht, mich zusammenzuschlagen")],
    ),
    (
        "Euer Zusteller drohte meiner Schwester, sie die Treppe hinunterzustoßen und ihr die Nase zu brechen.",
        [("threat", "violence", "drohte meiner Schwester")],
    ),
    (
        "Ein Kunde in der Warteschlange hat zu meinem Vater gesagt: 'Noch ein Wort und ich brech dir die Knochen.'",
        [("threat", "violence", "brech dir die Knochen")],
    ),
    (
        "Unter eurem Beitrag hat ein gewisser Marco geschrieben, er kommt morgen vorbei und knallt uns alle ab.",
        [("threat", "violence", "knallt uns alle ab")],
    ),
    (
        "Mein Vermieter hat geschrieben, dass er mich umbringt, wenn die Reparatur nicht bezahlt wird.",
        [("threat", "violence", "geschrieben, dass er")],
    ),
    # --- threats to the public ---
    (
        "Im Regionalzug nach Bonn steht ein Koffer voller Sprengstoff, viel Spaß morgen früh.",
        [("threat", "violence", "Koffer voller Sprengstoff")],
    ),
    (
        "Am Sonntag wird am Hauptbahnhof etwas passieren. Bleibt lieber daheim.",
        [("threat", "violence", "passieren")],
    ),
    (
        "Ich rase mit meinem Transporter in die Menschenmenge vor eurem Einkaufszentrum.",
        [("threat", "violence", "rase mit meinem Transporter in die Menschenmenge")],
    ),
    (
        "Ich mische Rattengift in die Joghurts in eurem Kühlregal.",
        [("threat", "violence", "Rattengift in die Joghurts")],
    ),
    # --- threats against groups and everybody ---
    (
        "Ich ballere auf jeden, der sich in eurer Filiale bewegt.",
        [("threat", "violence", "ballere auf jeden")],
    ),
    (
        "Euer ganzes Callcenter verdient eine Kugel, jeder einzelne von euch.",
        [("threat", "violence", "verdient eine Kugel")],
    ),
    (
        "Aus eurem Büro kommt niemand lebend heraus, das garantiere ich.",
        [("threat", "violence", "niemand lebend heraus")],
    ),
    (
        "Ich bringe die alle um, einen nach dem anderen.",
        [("threat", "violence", "bringe die alle um")],
    ),
    # --- life threats without a classic verb ---
    (
        "Du wirst Ostern nicht mehr erleben, das verspreche ich dir.",
        [("threat", "violence", "Du wirst")],
    ),
    (
        "Ihr kommt in Einzelteilen nach Hause, wenn ich mit euch fertig bin.",
        [("threat", "violence", "in Einzelteilen")],
    ),
    (
        "Ich habe eine Pistole in der Schublade und nichts mehr zu verlieren.",
        [("threat", "violence", "Pistole")],
    ),
    (
        "Eure Werkstatt wird heute Nacht abgefackelt, verlasst euch drauf.",
        [("threat", "violence", "Werkstatt wird heute Nacht abgefackelt")],
    ),
    # --- reported threats against staff, hazards, legal and negations: no violence ---
    ("Ein Gast hat eurem Kellner gedroht, ihn zu ohrfeigen. Geht es ihm gut?", [NV]),
    ("Die Bank hat mir mit einem Inkassobüro gedroht.", [NV]),
    ("Das lose Kabel hätte jemanden töten können!", [NV]),
    (
        "Ich mache euch vor Gericht fertig, mein Anwalt hat schon alles.",
        [NV, ("threat", "legal", "Anwalt")],
    ),
    ("Ich habe meine Sporttasche im Bus 143 vergessen. Wurde sie abgegeben?", [NV]),
    ("Keine Sorge, ich tu eurem Techniker nichts, ich will nur einen neuen Termin.", [NV]),
    ("Die Kosten drohen, mein ganzes Budget zu sprengen.", [NV]),
    ("Der Schrank kam in Einzelteilen nach Hause, die Anleitung fehlt.", [NV]),
    ("Die Kakteen sind alle tot angekommen, so wie ihr sie verpackt habt.", [NV]),
    # --- wants: delivery, information, change; asides and past events are no request ---
    (
        "Seit drei Wochen warte ich auf den Schrank. Ich will endlich meine Ware haben.",
        [("want", "delivery", "endlich meine Ware")],
    ),
    (
        "Entweder die Waschmaschine wird bis Montag geliefert, oder ich will mein Geld zurück.",
        [
            ("want", "delivery", "Entweder die Waschmaschine wird bis Montag geliefert, oder"),
            ("want", "refund", "Geld zurück"),
        ],
    ),
    (
        "Wo bleibt meine Bestellung? Die Sendung hängt seit Tagen fest.",
        [("want", "delivery", "Wo bleibt")],
    ),
    (
        "Der Akku wird beim Laden ziemlich warm. Ist das normal?",
        [("want", "information", "Ist das normal?")],
    ),
    (
        "Gilt der Gutschein auch für Artikel, die bereits reduziert sind?",
        [("want", "information", "Gilt der Gutschein"), ("no_want", "compensation")],
    ),
    (
        "Wie lange dauert die Bearbeitung einer Reklamation normalerweise?",
        [("want", "information", "Wie lange dauert")],
    ),
    (
        "Bitte teilen Sie mir mit, ob ich das Gerät selbst einschicken muss.",
        [("want", "information", "teilen Sie mir mit, ob")],
    ),
    (
        "Ich möchte wissen, wann der Techniker kommt, damit ich mir freinehmen kann.",
        [("want", "information", "wissen, wann"), ("no_want", "explanation")],
    ),
    (
        "Könnten wir den Termin am Donnerstag auf nächste Woche verschieben?",
        [("want", "change", "Termin am Donnerstag auf nächste Woche verschieben")],
    ),
    (
        "Ich bin umgezogen und möchte meine Lieferadresse ändern.",
        [("want", "change", "Lieferadresse ändern")],
    ),
    (
        "Der Zählerstand stimmt nicht, bitte korrigieren Sie die Abrechnung entsprechend.",
        [("want", "change", "korrigieren Sie die Abrechnung")],
    ),
    (
        "Die Rückerstattung war schon nach zwei Tagen auf meinem Konto, vielen Dank!",
        [("no_want", "refund")],
    ),
    (
        "Der Termin wurde gestern von Ihrer Filiale abgesagt, ohne Begründung.",
        [("no_want", "cancel")],
    ),
    (
        "Ich möchte wissen, ob das Modell zurückgerufen wird, weil es so heiß wird.",
        [("no_want", "callback"), ("want", "information", "wissen, ob")],
    ),
    (
        "Die 30 Euro Aufpreis hat mir niemand angekündigt, die will ich zurück.",
        [("want", "refund", "die will ich zurück")],
    ),
    (
        "Ich will den Termin nicht verschieben, ich komme wie vereinbart.",
        [("no_want", "change")],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), CASES)
def test_findings(text: str, expectations: list) -> None:
    check(text, expectations)
