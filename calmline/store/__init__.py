"""The case store: cases, messages, notes, tasks, alerts and users, in SQLite or PostgreSQL."""
