"""The de-escalation protocol: organisation policy, guidance, reply review and drafting."""
