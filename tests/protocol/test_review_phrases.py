"""Flaws that hide in polite wording: blame dressed as advice or as "if you had read…",
sending the customer elsewhere, and defiance of a legal threat; and the agent's own
promises that share their words ("next time we will check more carefully")."""

from __future__ import annotations

import pytest

import calmline
from calmline.protocol.policy import load_policy

PHRASE_CODES = {
    "blame_customer",
    "dismissive",
    "defensive",
    "sarcasm",
    "policy_hiding",
    "answers_insult",
}

CUSTOMER = {
    "nl": "Ik ben woedend, mijn bestelling is weer te laat en niemand reageert!",
    "de": "Ich bin sauer, meine Bestellung ist schon wieder zu spät und keiner antwortet!",
    "pl": "Jestem wściekły, zamówienie znowu się spóźnia i nikt nie odpowiada!",
    "en": "I'm furious, my order is late again and nobody answers!",
}

# (language, agent draft, the phrase flaw it must carry, or None for a clean draft)
PROBES = [
    ("nl", "Dreigen met een advocaat maakt op ons echt geen indruk hoor.", "defensive"),
    ("nl", "Als u de bevestigingsmail goed had gelezen, had u het geweten.", "blame_customer"),
    ("nl", "Lees de voorwaarden volgende keer even beter.", "blame_customer"),
    ("nl", "Dan moet u volgende keer maar ergens anders bestellen.", "dismissive"),
    ("nl", "Volgende keer controleren wij de verpakking beter, dat beloof ik.", None),
    ("nl", "Het spijt me dat u zo lang moest wachten. Ik zoek het vandaag voor u uit.", None),
    ("de", "Wenn Sie die Mail gelesen hätten, wüssten Sie das.", "blame_customer"),
    ("de", "Lesen Sie beim nächsten Mal bitte genauer.", "blame_customer"),
    ("de", "Dann bestellen Sie eben woanders.", "dismissive"),
    ("de", "Ihre Drohung mit dem Anwalt beeindruckt uns nicht.", "defensive"),
    ("de", "Beim nächsten Mal prüfen wir die Verpackung genauer, versprochen.", None),
    ("de", "Es tut mir leid, dass Sie warten mussten. Ich kläre das heute.", None),
    ("pl", "Gdyby Pan czytał maile, wiedziałby Pan o tym.", "blame_customer"),
    ("pl", "Może następnym razem zamówi Pan w innym sklepie.", "dismissive"),
    ("pl", "Proszę następnym razem uważniej czytać regulamin.", "blame_customer"),
    ("pl", "Groźby prawnikiem nie robią na nas wrażenia.", "defensive"),
    ("pl", "Następnym razem dokładniej sprawdzimy paczkę, obiecuję.", None),
    ("pl", "Przepraszam za opóźnienie. Sprawdzę to dzisiaj i odpiszę do 15:00.", None),
    ("en", "Maybe check your bank statement properly next time.", "blame_customer"),
    ("en", "If you had read the email, you would have known.", "blame_customer"),
    ("en", "Feel free to shop elsewhere.", "dismissive"),
    ("en", "Your lawyer does not scare us.", "defensive"),
    ("en", "Go ahead and sue us.", "defensive"),
    ("en", "Next time we will check the packaging more carefully, I promise.", None),
    (
        "en",
        "I'm sorry you had to wait. I'll check your order properly today and reply by 3 pm.",
        None,
    ),
    ("en", "If you had not received it by Friday, please let me know.", None),
]


@pytest.mark.parametrize(("lang", "draft", "code"), PROBES)
def test_phrase_flaws(lang: str, draft: str, code: str | None) -> None:
    conv = {
        "channel": "email",
        "language": lang,
        "messages": [{"role": "customer", "text": CUSTOMER[lang]}],
    }
    review = calmline.review(conv, draft, load_policy())
    found = {f.code for f in review.findings} & PHRASE_CODES
    if code is None:
        assert not found, [(f.code, f.text) for f in review.findings]
    else:
        assert code in found, [(f.code, f.text) for f in review.findings]
        span = next(f for f in review.findings if f.code == code)
        assert span.text == draft[span.start : span.end] and span.text
