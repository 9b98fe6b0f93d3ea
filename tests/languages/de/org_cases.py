"""German (de) org lexicon cases: an agent's sentence and the acts the lexicon must find.

Each row is ``(sentence, [(kind, substring), ...])``: every listed kind must be found on a
span overlapping the substring; an offer_* or refusal* kind that is not listed must not be
found. Rows with an empty or offer-free list are near-misses.
"""

CASES = [
    # --- offers ---
    (
        "Ich habe die Erstattung von 45 € soeben veranlasst, das Geld ist in 3–5 Werktagen auf "
        "Ihrem Konto.",
        [("offer_refund", "Erstattung von 45 € soeben veranlasst")],
    ),
    (
        "Selbstverständlich erstatten wir Ihnen den vollen Kaufpreis.",
        [("offer_refund", "erstatten")],
    ),
    (
        "Du bekommst dein Geld natürlich zurück, sobald die Retoure bei uns ist.",
        [("offer_refund", "Geld natürlich zurück"), ("promise", "Du bekommst")],
    ),
    (
        "Der Betrag wird Ihnen innerhalb von 5 Werktagen zurückerstattet.",
        [("offer_refund", "zurückerstattet"), ("promise", "wird Ihnen")],
    ),
    (
        "Da das Paket nicht angekommen ist, erstatten wir Ihnen den vollen Betrag.",
        [("offer_refund", "erstatten wir")],
    ),
    (
        "Ich kann Ihnen leider nur eine Teilerstattung von 50 % anbieten.",
        [("offer_refund", "Teilerstattung")],
    ),
    (
        "Als Entschädigung für die Verspätung erhalten Sie von uns einen Gutschein über 15 €.",
        [("offer_compensation", "Gutschein über"), ("promise", "erhalten Sie")],
    ),
    (
        "Ich habe Ihnen aus Kulanz 10 € auf Ihrem Kundenkonto gutgeschrieben.",
        [("offer_compensation", "aus Kulanz")],
    ),
    (
        "Für deine nächste Bestellung schenken wir dir 10 % Rabatt.",
        [("offer_compensation", "10 % Rabatt")],
    ),
    (
        "Wir haben Ihnen soeben einen Rabattcode per Mail geschickt.",
        [("offer_compensation", "Rabattcode")],
    ),
    ("Gerne schicken wir Ihnen kostenlos ein Ersatzgerät zu.", [("offer_exchange", "Ersatzgerät")]),
    (
        "Wir tauschen die defekte Kaffeemaschine selbstverständlich um.",
        [("offer_exchange", "tauschen")],
    ),
    (
        "Wir holen das Gerät bei Ihnen ab und reparieren es kostenlos.",
        [("offer_repair", "reparieren")],
    ),
    (
        "Ich kann dir anbieten, den Staubsauger kostenlos zu reparieren.",
        [("offer_repair", "reparieren")],
    ),
    (
        "Ich habe Ihre Bestellung storniert, Sie müssen nichts weiter tun.",
        [("offer_cancel", "storniert")],
    ),
    ("Wir kündigen deinen Vertrag wie gewünscht zum 31. März.", [("offer_cancel", "kündigen")]),
    (
        "Möchten Sie, dass wir Sie morgen zurückrufen?",
        [("offer_callback", "zurückrufen"), ("ask_want", "Möchten Sie")],
    ),
    (
        "Ich habe einen Rückruf für heute Nachmittag eingetragen.",
        [("offer_callback", "Rückruf")],
    ),
    (
        "Ein Kollege ruft Sie morgen zwischen 10 und 12 Uhr zurück.",
        [("offer_callback", "ruft Sie")],
    ),
    ("Wir senden Ihnen die fehlenden Teile umgehend nach.", [("offer_redelivery", "senden Ihnen")]),
    (
        "Das Paket ist leider verloren gegangen, wir verschicken die Bestellung heute erneut.",
        [("offer_redelivery", "erneut")],
    ),
    (
        "Wir können Ihnen einen neuen Termin am Freitag zwischen 8 und 12 Uhr anbieten.",
        [("offer_appointment", "neuen Termin")],
    ),
    (
        "Ein Techniker kommt am Donnerstag bei Ihnen vorbei und tauscht das Bauteil aus.",
        [("offer_appointment", "Techniker kommt"), ("offer_exchange", "tauscht das Bauteil aus")],
    ),
    (
        "Wir haben einen Technikertermin für Montag, 14 Uhr, für dich reserviert.",
        [("offer_appointment", "Technikertermin")],
    ),
    (
        "Was wäre Ihnen lieber – eine Erstattung oder ein Ersatzgerät?",
        [("ask_want", "lieber"), ("offer_refund", "Erstattung"), ("offer_exchange", "Ersatzgerät")],
    ),
    (
        "Hallo Herr Wagner, ich habe die Rückerstattung angewiesen; Sie erhalten das Geld "
        "innerhalb von drei Werktagen.",
        [("offer_refund", "Rückerstattung angewiesen"), ("promise", "Sie erhalten")],
    ),
    (
        "Leider kann ich Ihnen keinen Gutschein anbieten, aber ich kann die Versandkosten "
        "erstatten.",
        [("refusal", "keinen Gutschein anbieten"), ("offer_refund", "erstatten")],
    ),
    (
        "Wir würden Ihnen gerne einen Servicetechniker vorbeischicken.",
        [("offer_appointment", "Servicetechniker vorbeischicken")],
    ),
    (
        "Ihre Erstattung wurde bereits am 3. März veranlasst.",
        [("offer_refund", "Erstattung")],
    ),
    (
        "Moin! Dein Paket ist heute rausgegangen und sollte morgen bei dir sein.",
        [("promise_delivery", "Paket ist heute rausgegangen")],
    ),
    # --- commitments ---
    (
        "Ich sorge persönlich dafür, dass Ihre Reklamation heute noch bearbeitet wird.",
        [("promise", "sorge persönlich dafür")],
    ),
    (
        "Ich melde mich spätestens morgen Mittag wieder bei Ihnen.",
        [("promise_reply", "melde mich"), ("promise", "spätestens")],
    ),
    (
        "Sobald ich Neuigkeiten habe, gebe ich dir Bescheid.",
        [("promise_reply", "gebe ich dir Bescheid")],
    ),
    (
        "Wir prüfen den Vorgang und halten Sie auf dem Laufenden.",
        [("promise_check", "Wir prüfen"), ("promise_reply", "halten Sie auf dem Laufenden")],
    ),
    (
        "Ich schaue mir das gleich an und kläre, was mit der Lieferung passiert ist.",
        [("promise_check", "schaue mir das gleich an")],
    ),
    (
        "Ich gehe der Sache nach und frage beim Lager nach.",
        [("promise_check", "gehe der Sache nach")],
    ),
    (
        "Hey Tom, sorry für den Stress! Wir kümmern uns drum und melden uns heute noch bei dir.",
        [("promise_check", "kümmern uns drum"), ("promise_reply", "melden uns")],
    ),
    (
        "Ihr Paket ist bereits unterwegs und wird morgen zugestellt.",
        [("promise_delivery", "unterwegs"), ("promise_delivery", "zugestellt")],
    ),
    (
        "Die Bestellung geht heute noch raus, du hast sie spätestens Freitag.",
        [("promise_delivery", "geht heute noch raus"), ("promise", "spätestens")],
    ),
    # --- refusals ---
    (
        "Da Ihr Kauf mehr als 30 Tage zurückliegt, ist eine Rückgabe leider nicht mehr möglich.",
        [
            ("refusal_refund_window", "30 Tage zurückliegt"),
            ("refusal_refund_window", "Rückgabe leider nicht mehr möglich"),
            ("refusal", "leider nicht mehr möglich"),
        ],
    ),
    (
        "Die Widerrufsfrist von 14 Tagen ist bereits abgelaufen.",
        [("refusal_refund_window", "Widerrufsfrist")],
    ),
    (
        "Nach Ablauf der 60 Tage können wir die Ware leider nicht mehr zurücknehmen.",
        [("refusal_refund_window", "Nach Ablauf"), ("refusal", "nicht mehr zurücknehmen")],
    ),
    (
        "Dafür bin ich leider nicht befugt, das entscheidet meine Teamleitung.",
        [("refusal_authority", "nicht befugt")],
    ),
    (
        "Eine Kulanzzahlung darf ich nicht freigeben, das muss ich mit meiner Vorgesetzten "
        "absprechen.",
        [("refusal_authority", "darf ich nicht freigeben"), ("refusal_authority", "absprechen")],
    ),
    (
        "Laut unseren AGB sind Versandkosten von der Erstattung ausgeschlossen.",
        [("refusal_policy", "Laut unseren AGB")],
    ),
    (
        "Für Verspätungen zahlen wir grundsätzlich keine Entschädigung.",
        [("refusal_policy", "zahlen wir grundsätzlich keine")],
    ),
    (
        "Reduzierte Ware ist vom Umtausch ausgeschlossen.",
        [("refusal_policy", "vom Umtausch ausgeschlossen")],
    ),
    ("Das ist leider nicht möglich.", [("refusal", "nicht möglich")]),
    (
        "Ihrem Wunsch nach einer Gutschrift können wir leider nicht nachkommen.",
        [("refusal", "nicht nachkommen")],
    ),
    # --- questions ---
    ("Könnten Sie mir bitte Ihre Bestellnummer nennen?", [("ask_order_number", "Bestellnummer")]),
    ("Schick mir doch kurz deine Auftragsnummer per DM.", [("ask_order_number", "Auftragsnummer")]),
    ("Wie lautet die Rechnungsnummer?", [("ask_invoice_number", "Rechnungsnummer")]),
    ("Haben Sie die Sendungsnummer zur Hand?", [("ask_tracking_number", "Sendungsnummer")]),
    ("Wann genau wurde der Betrag abgebucht?", [("ask_date", "Wann")]),
    ("Um welches Modell handelt es sich genau?", [("ask_product", "welches Modell")]),
    ("Kannst du mir sagen, welche Größe du bestellt hast?", [("ask_product", "welche Größe")]),
    ("Welchen Betrag hat man Ihnen doppelt berechnet?", [("ask_amount", "Welchen Betrag")]),
    (
        "Kannst du uns ein paar Fotos von der beschädigten Verpackung schicken?",
        [("ask_photo", "Fotos")],
    ),
    (
        "Bitte teilen Sie uns Ihre vollständige Lieferadresse mit.",
        [("ask_address", "Lieferadresse")],
    ),
    (
        "Unter welcher Handynummer sind Sie tagsüber erreichbar?",
        [("ask_contact", "Handynummer")],
    ),
    (
        "Verstehe ich Sie richtig, dass die Lieferung zweimal abgebucht wurde?",
        [("ask_confirm", "Verstehe ich Sie richtig")],
    ),
    (
        "Sie haben also am 3. März bestellt und bis heute nichts erhalten, richtig?",
        [("ask_confirm", "richtig?")],
    ),
    (
        "Hi Jana, das tut uns leid! Schick uns bitte deine Bestellnummer per DM, dann schauen wir "
        "uns das an.",
        [("ask_order_number", "Bestellnummer"), ("promise_check", "schauen wir uns das an")],
    ),
    # --- escalation, deflection, policy ---
    (
        "Ich habe Ihren Fall an unsere Beschwerdeabteilung weitergeleitet.",
        [("escalation", "Beschwerdeabteilung weitergeleitet")],
    ),
    ("Ich leite das direkt an meinen Vorgesetzten weiter.", [("escalation", "Vorgesetzten")]),
    (
        "Wir werden Ihre Nachricht an die zuständige Stelle weiterleiten.",
        [("escalation", "zuständige Stelle weiterleiten")],
    ),
    (
        "Bitte wenden Sie sich für Garantiefälle direkt an den Hersteller.",
        [("deflection", "wenden Sie sich")],
    ),
    (
        "Den aktuellen Status können Sie jederzeit in der Sendungsverfolgung einsehen.",
        [("deflection", "Sendungsverfolgung")],
    ),
    ("Hast du schon in die Sendungsverfolgung geschaut?", [("deflection", "Sendungsverfolgung")]),
    ("Alle Infos findest du in unseren FAQ.", [("deflection", "FAQ")]),
    ("Bitte kontaktieren Sie DHL direkt.", [("deflection", "kontaktieren Sie DHL")]),
    ("Das sind nun mal unsere Richtlinien.", [("policy_quote", "unsere Richtlinien")]),
    (
        "Regeln sind Regeln, da kann ich auch nichts machen.",
        [("policy_quote", "Regeln sind Regeln")],
    ),
    # --- near-misses: nothing, or only the listed kinds ---
    ("Danke für Ihre Geduld.", []),
    ("Wir melden uns, falls sich etwas ändert.", [("promise_reply", "melden uns")]),
    ("Haben Sie die Erstattung inzwischen erhalten?", []),
    ("Eine Erstattung ist in Ihrem Fall leider nicht möglich.", [("refusal", "nicht möglich")]),
    ("Den Gutschein können Sie an der Kasse einlösen.", []),
    ("Rufen Sie uns gerne unter 0800 123456 an.", []),
    (
        "Schicken Sie uns bitte ein neues Foto, das alte ist unscharf.",
        [("ask_photo", "Foto")],
    ),
    ("Wir wünschen Ihnen viel Freude mit dem neuen Gerät.", []),
    ("Ich verstehe Ihren Ärger über die Verspätung.", []),
    (
        "Ihre Rücksendung ist bei uns eingegangen und wird gerade geprüft.",
        [("promise_check", "wird gerade geprüft")],
    ),
    (
        "Eine Stornierung ist leider nicht mehr möglich, da die Ware bereits versandt ist.",
        [("refusal", "nicht mehr möglich")],
    ),
    ("Haben Sie das Gerät schon einmal neu gestartet?", []),
    ("Vielen Dank, dass Sie sich an uns gewandt haben.", []),
    ("Ich wünsche Ihnen trotzdem ein schönes Wochenende.", []),
    ("Unsere Techniker arbeiten mit Hochdruck an einer Lösung.", []),
    ("Leider habe ich noch keine Rückmeldung vom Lager erhalten.", []),
    ("Die Rückgabe ist innerhalb von 30 Tagen kostenlos möglich.", []),
    ("Das Paket wurde laut Sendungsverfolgung gestern zugestellt.", []),
    ("Ich kann Ihren Frust absolut nachvollziehen.", []),
    ("Ihre Bestellnummer lautet 4711-2201.", []),
    ("Wir haben Ihnen die Sendungsnummer gerade per E-Mail geschickt.", []),
    ("Wenn Sie möchten, können Sie uns jederzeit anrufen.", []),
    (
        "Wir erstatten keine Versandkosten für Rücksendungen.",
        [("refusal_policy", "erstatten keine")],
    ),
    ("Ich schicke Ihnen gleich den Link zur Sendungsverfolgung.", []),
    ("Schade, dass der Mixer nicht Ihren Erwartungen entspricht.", []),
    (
        "Es ist leider nicht möglich, Ihnen einen Ersatz zu schicken.",
        [("refusal", "nicht möglich")],
    ),
    (
        "Ich bin nicht befugt, Ihnen einen Gutschein zu geben.",
        [("refusal_authority", "nicht befugt")],
    ),
    ("Den Austausch müssen Sie über den Händler abwickeln.", []),
    ("Sie können uns gerne informieren, wenn Sie wieder zu Hause sind.", []),
    # --- added families: amounts as subject, credits on the bill, on the house, free fixes,
    #     technicians sent, things already removed, availability, third-party call-backs,
    #     durations, channel and compound-rule refusals, hand-offs, protocol steps ---
    (
        "Die 49,90 € bekommen Sie selbstverständlich vollständig zurück.",
        [("offer_refund", "49,90 € bekommen Sie selbstverständlich vollständig zurück")],
    ),
    (
        "Die 30 Euro überweisen wir Ihnen noch diese Woche zurück.",
        [("offer_refund", "30 Euro überweisen wir Ihnen noch diese Woche zurück")],
    ),
    (
        "Für den Ausfall schreiben wir Ihnen 20 € auf der kommenden Monatsrechnung gut.",
        [("offer_compensation", "schreiben wir Ihnen")],
    ),
    ("Das Dessert geht heute natürlich aufs Haus.", [("offer_compensation", "aufs Haus")]),
    (
        "Gerne laden wir Sie und Ihre Begleitung zu einem Abendessen ein.",
        [("offer_compensation", "laden wir")],
    ),
    (
        "Wir nähen die aufgegangene Naht selbstverständlich kostenlos neu.",
        [("offer_repair", "nähen")],
    ),
    (
        "Wir lassen den Rahmen kostenlos in unserer Werkstatt richten.",
        [("offer_repair", "kostenlos in unserer Werkstatt richten")],
    ),
    (
        "Wir beauftragen umgehend einen Elektriker für Sie.",
        [("offer_repair", "beauftragen umgehend einen Elektriker")],
    ),
    (
        "Ich habe das Zusatzpaket „Sport Plus“ aus Ihrem Vertrag entfernt.",
        [("offer_cancel", "entfernt")],
    ),
    (
        "Der nächstmögliche Termin wäre Dienstag, der 12. Mai, ab 9 Uhr.",
        [("offer_appointment", "nächstmögliche Termin wäre")],
    ),
    (
        "Ich kann dir morgen um 15:30 einen Platz freihalten.",
        [("offer_appointment", "einen Platz freihalten")],
    ),
    (
        "Ich habe Ihnen für Freitag, 3.7., um 10 Uhr einen Termin eingetragen.",
        [("offer_appointment", "Termin eingetragen")],
    ),
    (
        "Wir tauschen die Jacke gerne gegen eine neue in Größe M.",
        [("offer_exchange", "tauschen")],
    ),
    (
        "Frau Berger ruft Sie morgen Vormittag zurück.",
        [("promise_reply", "ruft Sie morgen Vormittag zurück")],
    ),
    ("Die Bearbeitung dauert etwa drei Werktage.", [("promise", "dauert etwa drei Werktage")]),
    (
        "Reklamationen per WhatsApp können wir leider nicht bearbeiten.",
        [("refusal_policy", "per WhatsApp"), ("refusal", "nicht bearbeiten")],
    ),
    (
        "Einen Ersatz können wir laut unseren Garantiebedingungen nicht anbieten.",
        [("refusal_policy", "laut unseren Garantiebedingungen"), ("refusal", "nicht anbieten")],
    ),
    (
        "Zu fremden Bestellungen können wir hier keine Auskünfte geben.",
        [("refusal", "keine Auskünfte geben")],
    ),
    (
        "Ihren Hinweis gebe ich direkt an unsere Qualitätsprüfung weiter.",
        [("escalation", "gebe ich direkt an unsere Qualitätsprüfung weiter")],
    ),
    (
        "Ich habe eben mit meinem Vorgesetzten gesprochen, er übernimmt den Fall.",
        [("escalation", "mit meinem Vorgesetzten gesprochen")],
    ),
    (
        "Kündigungen sind nur schriftlich per Brief möglich.",
        [("deflection", "nur schriftlich per Brief möglich")],
    ),
    ("Das sind nun mal unsere Versandbedingungen.", [("policy_quote", "Versandbedingungen")]),
    (
        "Oh je, ich hoffe, Ihrer Katze geht es inzwischen wieder besser.",
        [("empathy", "hoffe, Ihrer Katze geht es inzwischen wieder besser")],
    ),
    (
        "Ich verstehe, dass Sie bei dieser Nachricht erschrocken sind.",
        [("acknowledge", "erschrocken")],
    ),
    (
        "Mit einem kranken Kind ist so eine Wartezeit doppelt anstrengend.",
        [("empathy", "doppelt anstrengend")],
    ),
    (
        "Damit ich alles richtig aufnehme: Die Waschmaschine läuft aus, sobald sie schleudert?",
        [("ask_confirm", "Damit ich alles richtig aufnehme"), ("summary", "richtig aufnehme")],
    ),
    (
        "Funktioniert der Router jetzt wieder zuverlässig?",
        [("follow_up", "Funktioniert der Router jetzt wieder")],
    ),
    # near-misses of the added families
    (
        "Falls eine Reparatur nicht möglich ist, melden wir uns bei Ihnen.",
        [("promise_reply", "melden wir uns")],
    ),
    ("Ihre Anrufe nach Italien sind im Tarif enthalten.", []),
    ("Sie können die Lieferadresse kostenlos in Ihrem Kundenkonto korrigieren.", []),
    ("Den Rückruf-Button finden Sie oben rechts in der App.", [("deflection", "App")]),
    ("Leider haben wir diese Woche keine freien Termine mehr.", []),
    (
        "Die Umbuchung ist erledigt, Sie erhalten die neuen Reiseunterlagen per Post.",
        [("promise", "Sie erhalten")],
    ),
    (
        "Leider können wir die geöffnete Packung nicht zurücknehmen.",
        [
            ("refusal_of_refund", "können wir die geöffnete Packung nicht zurücknehmen"),
            ("refusal", "können wir die geöffnete Packung nicht zurücknehmen"),
        ],
    ),
    (
        "Den Betrag kann ich Ihnen leider nicht erstatten.",
        [
            ("refusal_of_refund", "kann ich Ihnen leider nicht erstatten"),
            ("refusal", "kann ich Ihnen leider nicht erstatten"),
        ],
    ),
]
