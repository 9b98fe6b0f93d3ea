"""Freshdesk: private notes, tags and priority through the REST API v2.

Documentation followed (``docs/helpdesks.md`` has the set-up):

- auth: ``Authorization: Basic base64("{api_key}:X")`` (the API key as user name, any
  password) https://developers.freshdesk.com/api/#authentication
- note: ``POST /api/v2/tickets/{id}/notes`` with ``{"body": "<html>", "private": true}``;
  the body is HTML, so the plain-text note is escaped and its lines joined by ``<br>``
  https://developers.freshdesk.com/api/#add_note_to_a_ticket
- the note already there? ``GET /api/v2/tickets/{id}/conversations`` (replies and notes,
  oldest first, ``per_page`` at most 100; each with ``body_text``)
  https://developers.freshdesk.com/api/#list_all_ticket_notes
- tags and priority: ``PUT /api/v2/tickets/{id}``; ``tags`` *replaces* the ticket's list, so
  the ticket is read first (``GET /api/v2/tickets/{id}``) and the union is sent; priority is
  1 low, 2 medium, 3 high, 4 urgent https://developers.freshdesk.com/api/#update_ticket
- test: ``GET /api/v2/agents/me`` https://developers.freshdesk.com/api/#me
- 429 carries ``Retry-After`` https://developers.freshdesk.com/api/#ratelimit
"""

from __future__ import annotations

import base64
import html
from typing import Any

from calmline.helpdesks.base import (
    Helpdesk,
    Priority,
    WriteBack,
    has_marker,
    note_text,
    ticket_id,
)

PRIORITY: dict[Priority, int] = {"low": 1, "normal": 2, "high": 3, "urgent": 4}
PER_PAGE = 100  # Freshdesk's largest page
MAX_PAGES = 5  # 500 conversations; a retry comes minutes after the note, never that far back


def as_html(text: str) -> str:
    """Plain text as a Freshdesk note body: escaped (a customer's ``<script>`` quoted in the
    note stays text) and one ``<br>`` per line break."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


class Freshdesk(Helpdesk):
    """One Freshdesk account (``base_url`` ``https://{domain}.freshdesk.com``), acting as
    the agent whose API key the policy names."""

    name = "freshdesk"

    def auth_headers(self) -> dict[str, str]:
        pair = f"{self.conn.secret('api_key')}:X"
        return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode("ascii")}

    def write_note(self, item: WriteBack, retrying: bool) -> None:
        ticket = ticket_id(item)
        if retrying and self._noted(ticket, item.marker):
            return
        body = {"body": as_html(note_text(item)), "private": True}
        self.call("POST", f"/api/v2/tickets/{ticket}/notes", "write the note", json=body)

    def _noted(self, ticket: str, marker: str) -> bool:
        if not marker:
            return False
        for page in range(1, MAX_PAGES + 1):
            data = self.get_json(
                f"/api/v2/tickets/{ticket}/conversations",
                "read the ticket's notes",
                params={"page": page, "per_page": PER_PAGE},
            )
            rows: list[Any] = data if isinstance(data, list) else []
            texts = [r.get("body_text") for r in rows if isinstance(r, dict)]
            texts += [html.unescape(r.get("body") or "") for r in rows if isinstance(r, dict)]
            if has_marker(texts, marker):
                return True
            if len(rows) < PER_PAGE:
                return False
        return False

    def write_tags(self, item: WriteBack) -> None:
        ticket = ticket_id(item)
        tags, priority = self.changes(item)
        update: dict[str, Any] = {}
        if tags:
            data = self.get_json(f"/api/v2/tickets/{ticket}", "read the ticket's tags")
            have = data.get("tags") if isinstance(data, dict) else None
            current = [t for t in have or [] if isinstance(t, str)]
            if set(tags) - set(current):
                update["tags"] = current + [t for t in tags if t not in current]
        if priority:
            update["priority"] = PRIORITY[priority]
        if update:
            self.call("PUT", f"/api/v2/tickets/{ticket}", "set tags and priority", json=update)

    def test(self) -> str:
        data = self.get_json("/api/v2/agents/me", "sign in")
        contact: Any = data.get("contact") if isinstance(data, dict) else None
        contact = contact if isinstance(contact, dict) else {}
        return f"signed in as {contact.get('name') or '?'} <{contact.get('email') or '?'}>"
