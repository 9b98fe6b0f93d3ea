"""English (en) lexicon table: realistic customer messages and what calmline must find."""

import pytest

from tests.languages.expect import check

CASES = [
    # --- violent threats ---
    (
        "If my laptop isn't fixed by Friday I'm going to kill you, I swear.",
        [("lang", "en"), ("threat", "violence", "I'm going to kill you"), ("heat_min", 0.5)],
    ),
    (
        "I know where you live, mate. Think about that before you refuse my refund again.",
        [("lang", "en"), ("threat", "violence", "know where you live")],
    ),
    (
        "Keep ignoring me and I'll come down to your shop with a baseball bat.",
        [("lang", "en"), ("threat", "violence", "come down to your shop with a baseball bat")],
    ),
    (
        "Your driver threw my parcel over the fence. Next time I see him I will smash his face in.",
        [("lang", "en"), ("threat", "violence", "smash his face")],
    ),
    (
        "Refund me today or I will burn your store down, I am not joking.",
        [("lang", "en"), ("threat", "violence", "burn your store down")],
    ),
    (
        "Somebody should shoot the idiot who designed this billing system.",
        [("lang", "en"), ("threat", "violence", "shoot the idiot")],
    ),
    (
        "Tell your manager to watch his back. I'm not letting this go.",
        [("lang", "en"), ("threat", "violence", "watch his back")],
    ),
    (
        "You people deserve to die for what you did to my mother's account.",
        [("lang", "en"), ("threat", "violence", "deserve to die")],
    ),
    (
        "I'll be waiting for that engineer after his shift ends, he'll regret wrecking my kitchen.",
        [("lang", "en"), ("threat", "violence", "waiting for that engineer after his shift")],
    ),
    (
        "Do that again and I'll break every bone in your body.",
        [("lang", "en"), ("threat", "violence", "break every bone")],
    ),
    # --- violent-sounding idioms: not threats ---
    (
        "This heat is killing me and the air conditioner you installed still doesn't work.",
        [("lang", "en"), ("no_threat", "violence"), ("fact", "product", "air conditioner")],
    ),
    (
        "Honestly the new menu is to die for, thank you so much for a lovely evening!",
        [("lang", "en"), ("no_threat", "violence"), ("no_offensive",), ("emotion", "satisfaction")],
    ),
    (
        "I was laughing myself to death at the hold music, but I still need my router sorted.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "This series will kill me, I can't stop watching. Can I upgrade my subscription?",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "Your automated phone menu drives me crazy, it keeps sending me back to the start.",
        [("lang", "en"), ("no_threat", "violence"), ("no_offensive",)],
    ),
    (
        "My back is killing me after carrying the sofa up myself because the courier refused.",
        [("lang", "en"), ("no_threat", "violence"), ("fact", "product", "sofa")],
    ),
    (
        "I'll shoot you an email with the photos of the damage this afternoon.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "Would it kill you to answer an email once in a while?",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "My phone died on me twice today, the battery is dead in two hours.",
        [("lang", "en"), ("no_threat", "violence"), ("fact", "duration", "two hours")],
    ),
    (
        "I nearly had a heart attack when I saw the bill, it's daylight robbery.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "Great job, you guys absolutely smashed it with the new haircut, I love it.",
        [("lang", "en"), ("no_threat", "violence"), ("emotion", "satisfaction")],
    ),
    # --- violent threats the customer reports (someone else threatened them) ---
    (
        "The removal man you sent threatened to punch my husband when he asked for a receipt.",
        [("lang", "en"), ("threat", "violence", "threatened to punch")],
    ),
    (
        "My ex keeps commenting on your page, he said he'd stab my new partner if he sees us "
        "together.",
        [("lang", "en"), ("threat", "violence", "stab my new partner")],
    ),
    (
        "The locksmith told my daughter he would break her fingers if she didn't pay in cash.",
        [("lang", "en"), ("threat", "violence", "break her fingers")],
    ),
    (
        "Your delivery driver threatened me with a screwdriver on my own doorstep, I have it on "
        "camera.",
        [("lang", "en"), ("threat", "violence", "threatened me with a screwdriver")],
    ),
    (
        "One of your drivers has been sending threats to kill me since I complained about him.",
        [("lang", "en"), ("threat", "violence", "threats to")],
    ),
    # --- threats to the public ---
    (
        "There's a bomb on the 07:40 to Brighton and it's going off at Haywards Heath.",
        [("lang", "en"), ("threat", "violence", "bomb on the 07:40")],
    ),
    (
        "Refund me or I will blow up the shopping centre your store is in.",
        [("lang", "en"), ("threat", "violence", "blow up the shopping centre")],
    ),
    (
        "I'm going to shoot up that train station on Monday morning, tell your bosses.",
        [("lang", "en"), ("threat", "violence", "shoot up that train station")],
    ),
    (
        "Keep laughing at my complaints and I'll drive my lorry into the crowd at your "
        "Christmas market.",
        [("lang", "en"), ("threat", "violence", "drive my lorry into the crowd")],
    ),
    # --- threats against a group or everybody ---
    (
        "Every single one of you in that call centre, I'll kill the lot of you.",
        [("lang", "en"), ("threat", "violence", "kill the lot of you")],
    ),
    (
        "You lot are dead, every one of you who took my money.",
        [("lang", "en"), ("threat", "violence", "You lot are dead")],
    ),
    (
        "I'm going to make the whole billing team suffer for this, mark my words.",
        [("lang", "en"), ("threat", "violence", "make the whole billing team suffer")],
    ),
    # --- life threats without a killing verb ---
    (
        "Tell that smug manager he's living on borrowed time.",
        [("lang", "en"), ("threat", "violence", "living on borrowed time")],
    ),
    (
        "Your engineer will go home in pieces if he shows his face here again.",
        [("lang", "en"), ("threat", "violence", "go home in pieces")],
    ),
    (
        "I've got a loaded shotgun in the shed and nothing left to lose, so think carefully.",
        [("lang", "en"), ("threat", "violence", "nothing left to lose")],
    ),
    (
        "Ignore me once more and I'll end your sad little life.",
        [("lang", "en"), ("threat", "violence", "end your sad little life")],
    ),
    (
        "Pass this on to your directors: they won't live to see their bonuses if my pension"
        " isn't restored.",
        [("lang", "en"), ("threat", "violence", "they won't live to see")],
    ),
    (
        "Nobody in that depot is going to walk out of there alive on Friday.",
        [("lang", "en"), ("threat", "violence", "out of there alive")],
    ),
    # --- reported non-violent pressure, negations, idioms, hazards: not violent threats ---
    (
        "My nan is 94 and at this rate she won't live to see the refund, please hurry.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "Our letting agent threatened to take me to court over a scuffed skirting board.",
        [("lang", "en"), ("no_threat", "violence"), ("threat", "legal", "court")],
    ),
    (
        "I'm not going to punch anybody over a missing parcel, I just want it found.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "The queue at your post office counter is murder on a Saturday.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "I got food poisoning from your takeaway and it wiped out my whole weekend.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "The price of a coffee at the station cost me a bomb this morning.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    (
        "The photographer said he'd shoot the wedding in black and white for us.",
        [("lang", "en"), ("no_threat", "violence")],
    ),
    # --- legal, public exposure, churn, chargeback ---
    (
        "If this isn't resolved by Monday I will be contacting my solicitor.",
        [("lang", "en"), ("threat", "legal", "solicitor"), ("no_threat", "violence")],
    ),
    (
        "I'm taking you to the small claims court for the cost of the ruined carpet.",
        [("lang", "en"), ("threat", "legal", "small claims"), ("no_threat", "violence")],
    ),
    (
        "I have already reported this to Trading Standards and the ombudsman.",
        [("lang", "en"), ("threat", "legal", "Trading Standards"), ("no_threat", "violence")],
    ),
    (
        "Sort it out or I'll leave a one star review on Trustpilot"
        " and post the photos all over Facebook.",
        [
            ("lang", "en"),
            ("threat", "public_exposure", "Trustpilot"),
            ("threat", "public_exposure", "all over Facebook"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "I will make sure to tell everyone I know how you treat your customers.",
        [("lang", "en"), ("threat", "public_exposure", "tell everyone"), ("no_threat", "violence")],
    ),
    (
        "The local newspaper would love this story, believe me.",
        [
            ("lang", "en"),
            ("threat", "public_exposure", "local newspaper"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "After twelve years with you I'm switching to another provider next month.",
        [
            ("lang", "en"),
            ("threat", "churn", "switching to another provider"),
            ("no_threat", "violence"),
        ],
    ),
    (
        "You have just lost a loyal customer. I will never order from you again.",
        [("lang", "en"), ("threat", "churn", "lost a loyal customer"), ("no_threat", "violence")],
    ),
    (
        "Please send me my PAC code, I'm done with you.",
        [("lang", "en"), ("threat", "churn", "PAC code"), ("no_threat", "violence")],
    ),
    (
        "If the money isn't back by Friday I'll ask my bank for a chargeback.",
        [("lang", "en"), ("threat", "chargeback", "chargeback"), ("no_threat", "violence")],
    ),
    (
        "I'm going to dispute the charge with my credit card company.",
        [("lang", "en"), ("threat", "chargeback", "dispute the charge"), ("no_threat", "violence")],
    ),
    (
        "I have opened a PayPal dispute, since you clearly won't refund me yourselves.",
        [("lang", "en"), ("threat", "chargeback", "PayPal dispute"), ("no_threat", "violence")],
    ),
    # --- insults and profanity ---
    (
        "You are a bunch of incompetent idiots and your manager is a useless clown.",
        [("lang", "en"), ("offensive", "idiots"), ("heat_min", 0.5)],
    ),
    (
        "What a load of bullshit, you thieving scumbags took my money.",
        [("lang", "en"), ("offensive", "scumbags"), ("heat_min", 0.5)],
    ),
    (
        "Listen here you stupid cow, I want the refund processed NOW.",
        [("lang", "en"), ("offensive", "stupid cow"), ("want", "refund", "refund")],
    ),
    (
        "Fuck off with your scripted answers, you absolute wanker.",
        [("lang", "en"), ("offensive", "wanker"), ("heat_min", 0.5)],
    ),
    (
        "Are you deaf? I've told your call centre morons three times already.",
        [("lang", "en"), ("offensive", "morons")],
    ),
    (
        "Your delivery company are a pack of lying crooks and con artists.",
        [("lang", "en"), ("offensive", "crooks")],
    ),
    # --- polite messages ---
    (
        "Hello, could you please tell me when my order will be delivered? Thank you.",
        [("lang", "en"), ("no_offensive",), ("no_threat", "violence"), ("heat_max", 0.35)],
    ),
    (
        "Dear Sir or Madam, I would like to update the billing address on my account."
        " Kind regards, Ann",
        [("lang", "en"), ("no_offensive",), ("heat_max", 0.35)],
    ),
    (
        "Thanks so much for sorting the boiler so quickly, the engineer was brilliant.",
        [("lang", "en"), ("no_offensive",), ("emotion", "satisfaction"), ("sentiment", "positive")],
    ),
    # --- wants ---
    (
        "The kettle leaks, I want a full refund please.",
        [("lang", "en"), ("want", "refund", "full refund"), ("fact", "product", "kettle")],
    ),
    (
        "The jacket is too small, can I exchange it for a larger size?",
        [("lang", "en"), ("want", "exchange", "exchange"), ("fact", "product", "jacket")],
    ),
    (
        "Please send an engineer to repair the washing machine, it stopped spinning.",
        [("lang", "en"), ("want", "repair", "repair"), ("fact", "product", "washing machine")],
    ),
    (
        "I expect some compensation for three days without internet.",
        [
            ("lang", "en"),
            ("want", "compensation", "compensation"),
            ("fact", "duration", "three days"),
        ],
    ),
    (
        "Nobody has even said sorry. I want a formal apology from your company.",
        [("lang", "en"), ("want", "apology", "formal apology")],
    ),
    (
        "Can someone explain why I was charged twice this month?",
        [("lang", "en"), ("want", "explanation", "explain")],
    ),
    (
        "I want to speak to a manager right now, not another script reader.",
        [("lang", "en"), ("want", "speak_to_manager", "manager")],
    ),
    (
        "Please cancel my gym membership with immediate effect.",
        [("lang", "en"), ("want", "cancel", "cancel"), ("fact", "product", "membership")],
    ),
    (
        "Could someone call me back on my mobile this afternoon?",
        [("lang", "en"), ("want", "callback", "call me back")],
    ),
    (
        "I don't want a replacement, I want my money back.",
        [("lang", "en"), ("want", "refund", "money back"), ("no_want", "exchange")],
    ),
    # --- facts ---
    (
        "My order number is 4471-2290 and it still hasn't arrived.",
        [("lang", "en"), ("fact", "order_number", "4471-2290")],
    ),
    (
        "Regarding invoice no. INV-20391, you charged me for two months.",
        [("lang", "en"), ("fact", "invoice_number", "INV-20391")],
    ),
    (
        "The tracking number JD0146000038 shows delivered but nothing came.",
        [("lang", "en"), ("fact", "tracking_number", "JD0146000038")],
    ),
    (
        "My account number is 88231907, please check the direct debit.",
        [("lang", "en"), ("fact", "customer_number", "88231907")],
    ),
    (
        "Your case reference CR-55810 was closed without any reply.",
        [("lang", "en"), ("fact", "ticket_number", "CR-55810")],
    ),
    (
        "I booked the appointment for 14th March and the stylist never showed up.",
        [("lang", "en"), ("fact", "date", "14th March")],
    ),
    (
        "The fridge was supposed to arrive on April 3rd, 2026.",
        [("lang", "en"), ("fact", "date", "April 3rd, 2026"), ("fact", "product", "fridge")],
    ),
    (
        "I've been without broadband since Monday and nobody has helped me.",
        [("lang", "en"), ("fact", "date", "since Monday"), ("emotion", "frustration")],
    ),
    (
        "I have been waiting for three weeks for my new sofa.",
        [("lang", "en"), ("fact", "duration", "three weeks"), ("fact", "product", "sofa")],
    ),
    (
        "I have called you 5 times and nobody ever calls back.",
        [("lang", "en"), ("fact", "contact_attempts", "called you 5 times")],
    ),
    (
        "This is the third time I'm writing about the same broken dishwasher.",
        [
            ("lang", "en"),
            ("fact", "contact_attempts", "third time I'm writing"),
            ("fact", "product", "dishwasher"),
        ],
    ),
    (
        "I've sent four emails and spoken to six different agents.",
        [("lang", "en"), ("fact", "contact_attempts", "four emails")],
    ),
    # --- emotions and negation ---
    (
        "Not angry, just disappointed to be honest.",
        [("lang", "en"), ("no_emotion", "anger"), ("emotion", "disappointment")],
    ),
    (
        "I'm not angry at all, thank you for trying to help.",
        [("lang", "en"), ("no_emotion", "anger"), ("no_offensive",)],
    ),
    (
        "I'm not worried at all, thanks for the quick reply.",
        [("lang", "en"), ("no_emotion", "worry"), ("heat_max", 0.35)],
    ),
    (
        "I am absolutely furious. This is the worst service I have ever had!!!",
        [("lang", "en"), ("emotion", "anger"), ("heat_min", 0.5)],
    ),
    (
        "I'm really worried, my elderly father has had no heating for days"
        " and he can't afford a hotel.",
        [("lang", "en"), ("emotion", "worry")],
    ),
    (
        "I'm gutted, the dress for my daughter's wedding arrived torn and she was in tears.",
        [("lang", "en"), ("emotion", "sadness"), ("fact", "product", "dress")],
    ),
    (
        "No worries at all, take your time and let me know when it's sorted.",
        [("lang", "en"), ("no_emotion", "worry")],
    ),
    (
        "I'm sick and tired of being passed from pillar to post by your call centre.",
        [("lang", "en"), ("emotion", "frustration")],
    ),
    (
        "I'm not going to hurt anyone, I just want my refund.",
        [("lang", "en"), ("no_threat", "violence"), ("want", "refund", "refund")],
    ),
    # --- wants: delivery, information, change; asides and past events are no request ---
    (
        "It's been two weeks and nothing has turned up. I just want my parcel, that's all.",
        [("lang", "en"), ("want", "delivery", "just want my parcel")],
    ),
    (
        "Get the sofa to me by Saturday or I want my money back, simple as that.",
        [
            ("lang", "en"),
            ("want", "delivery", "by Saturday or I want my money"),
            ("want", "refund", "money back"),
        ],
    ),
    (
        "Since the update the charger gets quite warm after an hour. Is that normal?",
        [("lang", "en"), ("want", "information", "Is that normal")],
    ),
    (
        "Has anyone handed in a grey scarf? I left it on the 8:15 train from Leeds.",
        [("lang", "en"), ("want", "information", "Has anyone handed")],
    ),
    (
        "Could you let me know whether the gift card works in your outlet stores too?",
        [
            ("lang", "en"),
            ("want", "information", "let me know whether"),
            ("no_want", "compensation"),
        ],
    ),
    (
        "How long does it usually take for a warranty claim to be processed?",
        [("lang", "en"), ("want", "information", "How long does it usually take")],
    ),
    (
        "Something came up at work, could we move my appointment to Thursday afternoon?",
        [("lang", "en"), ("want", "change", "move my appointment")],
    ),
    (
        "Please update the delivery address on order 55120 to my work address.",
        [("lang", "en"), ("want", "change", "update the delivery address")],
    ),
    (
        "The meter reading you used is wrong, please reissue the bill with my actual reading.",
        [("lang", "en"), ("want", "change", "reissue the bill")],
    ),
    (
        "I'd like to reschedule the boiler service, the 14th no longer suits me.",
        [("lang", "en"), ("want", "change", "reschedule")],
    ),
    (
        "Thanks so much, the technician fixed my washing machine this morning.",
        [("lang", "en"), ("no_want", "repair")],
    ),
    (
        "I'd like a refund please. My number is 07700 900123 if that helps.",
        [("lang", "en"), ("want", "refund", "refund"), ("no_want", "callback")],
    ),
    (
        "My train was cancelled last night and I had to get a taxi home.",
        [("lang", "en"), ("no_want", "cancel")],
    ),
    (
        "The manager at the desk was really helpful when we checked in, thank you.",
        [("lang", "en"), ("no_want", "speak_to_manager")],
    ),
    (
        "You replaced the screen in March and now it flickers again. I want it looked at.",
        [("lang", "en"), ("no_want", "exchange"), ("want", "repair", "screen")],
    ),
    (
        "I don't want to change my booking, I just want to know when the pool reopens.",
        [("lang", "en"), ("no_want", "change"), ("want", "information", "know when")],
    ),
]


@pytest.mark.parametrize(("text", "expectations"), CASES)
def test_findings(text: str, expectations: list) -> None:
    check(text, expectations)
