"""Bringing customer messages in: e-mail files, mbox, CSV and JSONL ticket exports."""
