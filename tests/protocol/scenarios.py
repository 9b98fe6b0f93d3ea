"""Customer situations per language, used to test the composer and the guide.

Each is a short conversation (the customer's messages) that should lead the composer to a
particular kind of reply: a calm answer, an apology with an offer, a firm "no" the policy
requires, an escalation, or the safety reply after a violent threat.
"""

from __future__ import annotations

from typing import Any

SCENARIOS: dict[str, dict[str, list[str]]] = {
    "calm_question": {
        "nl": ["Hallo, wanneer wordt mijn bestelling 55120 bezorgd?"],
        "de": ["Hallo, wann wird meine Bestellung 55120 geliefert?"],
        "pl": ["Dzień dobry, kiedy zostanie dostarczone moje zamówienie 55120?"],
        "en": ["Hi, when will my order 55120 be delivered?"],
    },
    "vent_only": {
        "nl": ["Ik ben er helemaal klaar mee. Wat een waardeloze club zijn jullie."],
        "de": ["Ich habe echt die Nase voll. Was für ein unfähiger Laden."],
        "pl": ["Mam was serdecznie dość. Co za beznadziejna firma."],
        "en": ["I am absolutely fed up. What a useless company you are."],
    },
    "refund": {
        "nl": [
            "Ik heb mijn koffiezetapparaat (bestelnummer 48213) twee weken geleden teruggestuurd en ik heb de € 39,95 nog steeds niet terug. Ik wil mijn geld terug!"
        ],
        "de": [
            "Ich habe meine Kaffeemaschine (Bestellnummer 48213) vor zwei Wochen zurückgeschickt und die 39,95 € immer noch nicht zurückbekommen. Ich will mein Geld zurück!"
        ],
        "pl": [
            "Dwa tygodnie temu odesłałam ekspres do kawy (zamówienie 48213) i nadal nie mam zwrotu 149 zł. Chcę zwrotu pieniędzy!"
        ],
        "en": [
            "I sent back my coffee machine (order 48213) two weeks ago and I still have not got my £34.99 back. I want a refund!"
        ],
    },
    "hazard": {
        "nl": [
            "Mijn waterkoker ruikt naar verbrand plastic en de stekker wordt gloeiend heet. Ik heb hem pas twee weken."
        ],
        "de": [
            "Mein Wasserkocher riecht nach verbranntem Plastik und der Stecker wird glühend heiß. Ich habe ihn erst seit zwei Wochen."
        ],
        "pl": [
            "Mój czajnik śmierdzi spalonym plastikiem, a wtyczka robi się bardzo gorąca. Mam go dopiero od dwóch tygodni."
        ],
        "en": [
            "My kettle smells of burning plastic and the plug gets really hot. I have only had it two weeks."
        ],
    },
    "refund_over_limit": {
        "nl": [
            "Mijn espressomachine van € 189 (bestelnummer 55102) lekt sinds dag één. Ik heb hem vorige week teruggestuurd en wil mijn geld terug."
        ],
        "de": [
            "Meine Espressomaschine für 189 € (Bestellnummer 55102) tropft seit dem ersten Tag. Ich habe sie letzte Woche zurückgeschickt und will mein Geld zurück."
        ],
        "pl": [
            "Mój ekspres za 899 zł (zamówienie 55102) przecieka od pierwszego dnia. Odesłałam go w zeszłym tygodniu i chcę zwrotu pieniędzy."
        ],
        "en": [
            "My £189 espresso machine (order 55102) has leaked since day one. I sent it back last week and I want my money back."
        ],
    },
    "refund_no_reference": {
        "nl": ["De stofzuiger die ik vorige week kocht is al kapot. Ik wil mijn geld terug."],
        "de": [
            "Der Staubsauger, den ich letzte Woche gekauft habe, ist schon kaputt. Ich will mein Geld zurück."
        ],
        "pl": ["Odkurzacz kupiony w zeszłym tygodniu już się zepsuł. Chcę zwrotu pieniędzy."],
        "en": ["The vacuum cleaner I bought last week is already broken. I want my money back."],
    },
    "exchange": {
        "nl": [
            "Ik heb schoenen maat 42 besteld (bestelnummer 77120) maar maat 44 gekregen. Ik wil ze graag ruilen, dit is echt vervelend."
        ],
        "de": [
            "Ich habe Schuhe in Größe 42 bestellt (Bestellnummer 77120), aber Größe 44 bekommen. Ich möchte sie umtauschen, das ist wirklich ärgerlich."
        ],
        "pl": [
            "Zamówiłem buty w rozmiarze 42 (zamówienie 77120), a dostałem 44. Chcę je wymienić, to naprawdę irytujące."
        ],
        "en": [
            "I ordered shoes in size 42 (order 77120) but got size 44. I want to exchange them, this is really annoying."
        ],
    },
    "repair": {
        "nl": [
            "Mijn wasmachine is na een maand al kapot en lekt. Ik wil dat hij gerepareerd wordt, ik ben hier erg boos over."
        ],
        "de": [
            "Meine Waschmaschine ist nach einem Monat kaputt und leckt. Ich will, dass sie repariert wird, ich bin sehr verärgert."
        ],
        "pl": [
            "Moja pralka po miesiącu się zepsuła i cieknie. Chcę, żeby ją naprawiono, jestem bardzo zły."
        ],
        "en": [
            "My washing machine broke after a month and it leaks. I want it repaired, I am very angry about this."
        ],
    },
    "compensation_for_delay": {
        "nl": [
            "Mijn pakket is al twee weken te laat en nog steeds niet bezorgd. Ik wil een compensatie voor deze vertraging."
        ],
        "de": [
            "Mein Paket ist schon zwei Wochen zu spät und immer noch nicht da. Ich will eine Entschädigung für die Verspätung."
        ],
        "pl": [
            "Moja paczka ma już dwa tygodnie opóźnienia i nadal nie dotarła. Chcę rekompensaty za to opóźnienie."
        ],
        "en": [
            "My parcel is two weeks late and still has not arrived. I want compensation for this delay."
        ],
    },
    "refund_too_late": {
        "nl": [
            "Ik heb deze mixer vier maanden geleden gekocht en hij bevalt me niet. Ik wil mijn geld terug."
        ],
        "de": [
            "Ich habe diesen Mixer vor vier Monaten gekauft und er gefällt mir nicht. Ich will mein Geld zurück."
        ],
        "pl": [
            "Kupiłam ten mikser cztery miesiące temu i mi się nie podoba. Chcę zwrotu pieniędzy."
        ],
        "en": ["I bought this blender four months ago and I do not like it. I want my money back."],
    },
    "manager": {
        "nl": [
            "Dit is de derde keer dat ik bel over mijn kapotte koelkast. Ik wil nu een leidinggevende spreken."
        ],
        "de": [
            "Ich rufe zum dritten Mal wegen meines kaputten Kühlschranks an. Ich will jetzt sofort einen Vorgesetzten sprechen."
        ],
        "pl": ["Dzwonię już trzeci raz w sprawie zepsutej lodówki. Chcę rozmawiać z kierownikiem."],
        "en": [
            "This is the third time I am calling about my broken fridge. I want to speak to a manager now."
        ],
    },
    "cancel": {
        "nl": ["Ik wil mijn bestelling 66012 annuleren, de levertijd is veel te lang."],
        "de": ["Ich möchte meine Bestellung 66012 stornieren, die Lieferzeit ist viel zu lang."],
        "pl": ["Chcę anulować zamówienie 66012, czas dostawy jest zdecydowanie za długi."],
        "en": ["I want to cancel my order 66012, the delivery time is far too long."],
    },
    "threat": {
        "nl": [
            "Als mijn geld er morgen niet is, kom ik naar jullie winkel en sla ik die verkoper in elkaar."
        ],
        "de": [
            "Wenn mein Geld morgen nicht da ist, komme ich in Ihren Laden und schlage den Verkäufer zusammen."
        ],
        "pl": ["Jeśli jutro nie będzie pieniędzy, przyjdę do sklepu i pobiję tego sprzedawcę."],
        "en": [
            "If my money is not here tomorrow I will come to your shop and beat up that salesman."
        ],
    },
}

GENDERS = {"nl": "unknown", "de": "female", "pl": "unknown", "en": "male"}


def conversation(
    scenario: str, lang: str, channel: str = "email", gender: str | None = None
) -> dict[str, Any]:
    texts = SCENARIOS[scenario][lang]
    return {
        "channel": channel,
        "customer": {"name": "Alex Janssen", "gender": gender or GENDERS[lang]},
        "messages": [
            {"role": "customer", "text": t, "at": f"2026-11-20T10:0{i}:00Z"}
            for i, t in enumerate(texts)
        ],
    }
