"""Agent sentences for the English org lexicon: what each must find, and near-misses.

Each case is (sentence, [(kind, text), ...]): every listed kind must be found on a span that
overlaps ``text``. No offer_* or refusal* kind other
than the listed ones may be found, in any case; the near-misses at the end list what little
they may find (often nothing).
"""

CASES = [
    # --- offers ---
    (
        "I have arranged a full refund of £45 to your original payment method.",
        [("offer_refund", "arranged a full refund")],
    ),
    (
        "Your refund has been processed and should reach your account within 5 working days.",
        [("offer_refund", "refund has been processed")],
    ),
    (
        "You'll get your money back as soon as the parcel reaches our warehouse.",
        [("offer_refund", "get your money back")],
    ),
    ("We'll refund the delivery charge as well.", [("offer_refund", "We'll refund")]),
    ("Happy to refund that for you, it's done.", [("offer_refund", "Happy to refund")]),
    (
        "I've gone ahead and sent you a replacement, it left our warehouse this morning.",
        [("offer_exchange", "sent you a replacement")],
    ),
    ("We can replace the kettle free of charge.", [("offer_exchange", "replace the kettle")]),
    (
        "Your replacement has been dispatched today.",
        [("offer_exchange", "replacement has been dispatched")],
    ),
    ("I have booked a repair under your warranty.", [("offer_repair", "booked a repair")]),
    (
        "We'll collect the laptop for repair next week.",
        [("offer_repair", "collect the laptop for repair")],
    ),
    (
        "As a goodwill gesture, I've added a £10 credit to your account.",
        [
            ("offer_compensation", "As a goodwill gesture"),
            ("offer_compensation", "added a £10 credit"),
        ],
    ),
    (
        "I'd like to offer you a 20% discount on your next order.",
        [("offer_compensation", "offer you a 20% discount")],
    ),
    ("Just use code SORRY15 at checkout.", [("offer_compensation", "code SORRY15")]),
    (
        "I've cancelled your subscription, so no further payments will be taken.",
        [("offer_cancel", "cancelled your subscription")],
    ),
    ("Your order has been cancelled as you asked.", [("offer_cancel", "order has been cancelled")]),
    (
        "I'll call you back tomorrow morning between 9 and 10.",
        [("offer_callback", "call you back")],
    ),
    (
        "A colleague from our billing team will ring you this afternoon.",
        [("offer_callback", "will ring you")],
    ),
    ("I've booked a callback for Thursday at 2pm.", [("offer_callback", "booked a callback")]),
    ("We'll resend your order today by tracked delivery.", [("offer_redelivery", "We'll resend")]),
    (
        "I've arranged a new delivery for Saturday.",
        [("offer_redelivery", "arranged a new delivery")],
    ),
    ("I can send it out again at no cost to you.", [("offer_redelivery", "send it out again")]),
    (
        "I've rebooked your appointment for next Tuesday.",
        [("offer_appointment", "rebooked your appointment")],
    ),
    (
        "An engineer will visit on Monday between 8am and 12pm.",
        [("offer_appointment", "engineer will visit")],
    ),
    (
        "Would you like me to arrange a replacement?",
        [("offer_exchange", "arrange a replacement"), ("ask_want", "Would you like me to")],
    ),
    # --- commitments ---
    ("I will make sure this is sorted by the end of the week.", [("promise", "will make sure")]),
    ("You will receive a confirmation e-mail shortly.", [("promise", "You will receive")]),
    (
        "I'll get back to you by Friday at the latest.",
        [("promise_reply", "get back to you"), ("promise", "at the latest")],
    ),
    ("You'll hear from me once the courier replies.", [("promise_reply", "hear from me")]),
    ("I'll keep you updated on the investigation.", [("promise_reply", "keep you updated")]),
    ("Let me look into this for you.", [("promise_check", "look into")]),
    ("I'm checking with the warehouse now.", [("promise_check", "checking")]),
    (
        "We have opened an investigation with the carrier.",
        [("promise_check", "opened an investigation")],
    ),
    (
        "Your parcel will be delivered tomorrow before 6pm.",
        [("promise_delivery", "will be delivered")],
    ),
    ("It's out for delivery today.", [("promise_delivery", "out for delivery")]),
    # --- refusals ---
    (
        "Unfortunately the return period has passed, as the order was placed in March.",
        [("refusal_refund_window", "return period has passed")],
    ),
    (
        "Refunds are not possible after 60 days.",
        [("refusal_refund_window", "after 60 days"), ("refusal", "not possible")],
    ),
    (
        "This purchase falls outside the 30-day returns window.",
        [("refusal_refund_window", "outside the 30-day returns window")],
    ),
    (
        "I'm not authorised to approve a refund of that size.",
        [("refusal_authority", "not authorised")],
    ),
    (
        "I don't have the authority to waive that fee.",
        [("refusal_authority", "don't have the authority")],
    ),
    (
        "We don't compensate for delays caused by the weather.",
        [("refusal_policy", "don't compensate for delays"), ("refusal", "don't compensate")],
    ),
    (
        "According to our terms and conditions, custom orders are final.",
        [("refusal_policy", "According to our terms and conditions")],
    ),
    (
        "Opened items cannot be returned for hygiene reasons.",
        [("refusal_policy", "Opened items cannot be returned"), ("refusal", "cannot be returned")],
    ),
    ("Unfortunately that is not possible.", [("refusal", "not possible")]),
    ("I'm afraid we can't offer a refund on this order.", [("refusal", "can't offer")]),
    # --- questions ---
    ("Could you send me your order number, please?", [("ask_order_number", "order number")]),
    ("What's your booking reference?", [("ask_order_number", "booking reference")]),
    (
        "Can you give me the invoice number so I can find the payment?",
        [("ask_invoice_number", "invoice number")],
    ),
    (
        "Please send me the tracking number of your parcel.",
        [("ask_tracking_number", "tracking number")],
    ),
    ("When did you place the order?", [("ask_date", "When did you")]),
    ("Which model do you have?", [("ask_product", "Which model do")]),
    ("How much were you charged in total?", [("ask_amount", "How much were")]),
    ("Could you attach a few photos of the damage?", [("ask_photo", "photos")]),
    ("Can you confirm your delivery address?", [("ask_address", "delivery address")]),
    ("What's the best number to reach you on?", [("ask_contact", "best number to reach")]),
    ("What would you prefer: a refund or a replacement?", [("ask_want", "What would you prefer")]),
    (
        "So the parcel arrived with a cracked screen, is that right?",
        [("ask_confirm", "is that right")],
    ),
    (
        "If I understand correctly, you were charged twice for the same order.",
        [("ask_confirm", "If I understand correctly")],
    ),
    # --- escalation, deflection, policy quotes ---
    (
        "I've passed your complaint on to my team leader, who will contact you tomorrow.",
        [("escalation", "passed your complaint on to my team leader")],
    ),
    ("Your case has been escalated to our complaints team.", [("escalation", "escalated")]),
    ("I've asked my supervisor to review the charges.", [("escalation", "asked my supervisor")]),
    (
        "Please contact the courier directly about the missing parcel.",
        [("deflection", "contact the courier")],
    ),
    (
        "You'll need to contact the manufacturer for warranty claims.",
        [("deflection", "contact the manufacturer")],
    ),
    (
        "Have you checked the tracking link in your confirmation e-mail?",
        [("deflection", "checked the tracking")],
    ),
    (
        "All the details can be found on our website.",
        [("deflection", "can be found on our website")],
    ),
    ("That is our policy.", [("policy_quote", "That is our policy")]),
    ("Rules are rules, I'm afraid.", [("policy_quote", "Rules are rules")]),
    (
        "Hi Tom, so sorry to hear this! Please DM us your order details and we'll get this sorted.",
        [("ask_order_number", "order details"), ("promise", "get this sorted")],
    ),
    ("Our team will be in touch within 48 hours.", [("promise_reply", "team will be in touch")]),
    (
        "Sorry, we're unable to offer compensation for delays caused by the courier.",
        [("refusal_policy", "unable to offer compensation"), ("refusal", "unable to offer")],
    ),
    ("That's above my pay grade, I'm afraid.", [("refusal_authority", "above my pay grade")]),
    # --- offers said in the third person, in the passive, as availability or as already done ---
    (
        "I've sorted the return label and put a £20 credit on your account for the trouble.",
        [("offer_compensation", "put a £20 credit on your account")],
    ),
    (
        "The engineer came this morning, and I've also applied a 10% discount to your next bill.",
        [("offer_compensation", "applied a 10% discount to your next bill")],
    ),
    (
        "Priya from our billing team will call you back before 5 today.",
        [("offer_callback", "team will call you"), ("escalation", "billing team will call")],
    ),
    (
        "She'll phone you on Thursday morning to go through the figures.",
        [("offer_callback", "She'll phone you")],
    ),
    (
        "Our nearest technician has a slot available on Friday at 2pm.",
        [("offer_appointment", "has a slot available")],
    ),
    (
        "The earliest appointment we can offer is Wednesday between 8 and 12.",
        [("offer_appointment", "earliest appointment we can offer")],
    ),
    (
        "I've posted the correct colour out to you today.",
        [("offer_exchange", "posted the correct colour")],
    ),
    (
        "We'll replace the cracked screen while you wait.",
        [("offer_repair", "replace the cracked screen")],
    ),
    (
        "I'm sending a qualified electrician round to fix it at no extra cost.",
        [
            ("offer_repair", "sending a qualified electrician round to fix"),
            ("offer_appointment", "sending a qualified electrician"),
        ],
    ),
    # --- refusals of charges and of authority ---
    (
        "I'm afraid we're unable to waive the late payment fee.",
        [
            ("refusal_policy", "unable to waive the late payment fee"),
            ("refusal", "unable to waive"),
        ],
    ),
    (
        "A goodwill payment that large is beyond what I can authorise on my own.",
        [("refusal_authority", "beyond what I can authorise")],
    ),
    (
        "Anything over £50 would need my team leader's sign-off.",
        [("refusal_authority", "need my team leader's sign-off")],
    ),
    (
        "Tickets can only be refunded with the original receipt.",
        [("refusal_policy", "can only be refunded with")],
    ),
    # --- commitments: fallbacks, time needed ---
    (
        "If the part still hasn't come in by Monday, I'll call you to arrange a loan phone.",
        [("promise", "I'll call")],
    ),
    (
        "Your boiler should be up and running again by tonight.",
        [("promise", "should be up and running")],
    ),
    (
        "The courier is about ten minutes away from you now.",
        [("promise_delivery", "ten minutes away")],
    ),
    # --- escalation with a longer object ---
    (
        "I've handed the file with your photos over to our customer relations manager.",
        [("escalation", "handed the file with your photos over to our customer relations manager")],
    ),
    # --- questions ---
    (
        "Would Thursday afternoon or another day work better for you?",
        [("ask_date", "another day work")],
    ),
    ("Is your mobile number still the best one to use?", [("ask_contact", "mobile number still")]),
    # --- steps: acknowledge, empathy, summary, follow-up ---
    (
        "That must have been really upsetting to come home to.",
        [
            ("acknowledge", "must have been really upsetting"),
            ("empathy", "must have been really upsetting"),
        ],
    ),
    (
        "I'm so sorry to hear about your father's illness.",
        [("empathy", "sorry to hear about your father")],
    ),
    (
        "Honestly, I'd feel exactly the same in your position.",
        [("empathy", "I'd feel exactly the same")],
    ),
    (
        "So the sofa was delivered with a torn cushion and the legs were missing, is that right?",
        [("summary", "So the sofa was delivered"), ("ask_confirm", "is that right")],
    ),
    (
        "Hi Ana, just checking in: is the washing machine working properly now?",
        [
            ("follow_up", "just checking in"),
            ("follow_up", "is the washing machine working properly now"),
        ],
    ),
    ("Did the new lamp arrive safely?", [("follow_up", "Did the new lamp arrive safely")]),
    # --- near-misses: nothing, or only the listed kinds ---
    (
        "I can offer you a replacement but not a refund.",
        [("offer_exchange", "offer you a replacement")],
    ),
    ("Thanks for your patience.", []),
    ("We will be in touch if anything changes.", [("promise_reply", "We will be in touch")]),
    ("I can see that your refund was requested on 3 May.", []),
    ("I have sent you an email about your refund.", []),
    (
        "We can't offer a replacement because the model is discontinued.",
        [("refusal", "can't offer")],
    ),
    (
        "Unfortunately we are unable to issue a refund for this order.",
        [("refusal", "unable to issue")],
    ),
    ("Your refund has not been processed yet because the item has not arrived back.", []),
    ("The courier says the parcel was delivered on Monday.", []),
    ("Did you contact the courier about it?", [("deflection", "contact the courier")]),
    ("I'm sorry to hear the engineer did not turn up.", []),
    ("Your order was cancelled automatically because the payment failed.", []),
    ("I understand how frustrating a late delivery is.", []),
    (
        "You are not entitled to a refund on digital downloads.",
        [("refusal_policy", "not entitled to a refund")],
    ),
    ("I called you twice yesterday but could not reach you.", []),
    ("Thank you for the photos of the damage.", []),
    ("Your order number is 40213 and it was shipped on Friday.", []),
    ("The return period is 30 days from delivery.", []),
    ("We're sorry we missed your delivery window.", []),
    ("It's not our policy to ignore complaints.", []),
    ("Let me know if there is anything else I can help with.", []),
    ("Refunds usually take three to five working days to show on your statement.", []),
    (
        "I can't promise it will arrive tomorrow, but it is on its way.",
        [("promise_delivery", "it is on its way")],
    ),
    ("You requested a refund last week and we have received your return.", []),
    # near-misses for the new families: negated, conditional, or merely reported
    ("I can't add any credit to your account for this.", []),
    ("There are no appointments free this week, sorry.", []),
    (
        "If the engineer can't fix it on the day, we'll send you a replacement.",
        [("promise", "we'll send")],
    ),
    ("We sent you the wrong size, which is our mistake.", []),
    ("Mark said he would call you yesterday, and I'm sorry he didn't.", []),
    ("I'll ring you as soon as the part arrives.", [("promise", "I'll ring you as soon as")]),
    ("I've cancelled that incorrect invoice.", []),
    ("I'm checking whether the courier has delivered it.", [("promise_check", "I'm checking")]),
    (
        "Sorry, but we cannot refund a cake once it has been collected.",
        [("refusal_of_refund", "cannot refund"), ("refusal", "we cannot refund")],
    ),
    (
        "We are unable to take the mattress back after it has been slept on.",
        [("refusal_of_refund", "unable to take the mattress back")],
    ),
]
