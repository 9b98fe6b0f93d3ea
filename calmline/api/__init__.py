"""calmline's HTTP API (FastAPI): an app factory, one router per resource."""
