"""Zendesk Support: internal notes, tags and priority through the Ticketing REST API.

Documentation followed (``docs/helpdesks.md`` has the set-up):

- auth, API token: ``Authorization: Basic base64("{email}/token:{api_token}")``
  https://developer.zendesk.com/api-reference/introduction/security-and-auth/#api-token
- note: ``PUT /api/v2/tickets/{id}.json`` with ``{"ticket": {"comment": {"body": …,
  "public": false}}}`` — comments are created through the Tickets API, ``public: false``
  makes an internal note the requester never sees
  https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
- the note already there? ``GET /api/v2/tickets/{id}/comments.json?sort_order=desc``
  https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
- tags: ``PUT /api/v2/tickets/{id}/tags.json`` ("Add Tags": adds, keeps the others)
  https://developer.zendesk.com/api-reference/ticketing/ticket-management/tags/#add-tags
- priority: ``PUT /api/v2/tickets/{id}.json`` with ``{"ticket": {"priority": …}}``
  (urgent, high, normal, low — calmline's own scale)
  https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
- test: ``GET /api/v2/users/me.json``
  https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
- 429 carries ``Retry-After`` in seconds
  https://developer.zendesk.com/api-reference/introduction/rate-limits/
"""

from __future__ import annotations

import base64
from typing import Any

from calmline.helpdesks.base import (
    DeliveryError,
    Helpdesk,
    WriteBack,
    has_marker,
    note_text,
    ticket_id,
)


class Zendesk(Helpdesk):
    """One Zendesk account (``base_url`` ``https://{subdomain}.zendesk.com``), signed in as
    the agent whose e-mail address and API token the policy names."""

    name = "zendesk"

    def auth_headers(self) -> dict[str, str]:
        pair = f"{self.conn.secret('email')}/token:{self.conn.secret('token')}"
        return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode("ascii")}

    def write_note(self, item: WriteBack, retrying: bool) -> None:
        ticket = ticket_id(item)
        if retrying and self._noted(ticket, item.marker):
            return
        body = {"ticket": {"comment": {"body": note_text(item), "public": False}}}
        self.call("PUT", f"/api/v2/tickets/{ticket}.json", "write the note", json=body)

    def _noted(self, ticket: str, marker: str) -> bool:
        """Whether the newest comments (our note would be among them) hold ``marker``."""
        if not marker:
            return False
        data = self.get_json(
            f"/api/v2/tickets/{ticket}/comments.json",
            "read the ticket's comments",
            params={"sort_order": "desc"},
        )
        comments = data.get("comments") if isinstance(data, dict) else None
        texts = [
            c.get(key)
            for c in comments or []
            if isinstance(c, dict)
            for key in ("body", "plain_body")
        ]
        return has_marker(texts, marker)

    def write_tags(self, item: WriteBack) -> None:
        ticket = ticket_id(item)
        tags, priority = self.changes(item)
        if tags:
            self.call(
                "PUT", f"/api/v2/tickets/{ticket}/tags.json", "add tags", json={"tags": list(tags)}
            )
        if priority:
            body = {"ticket": {"priority": priority}}
            self.call("PUT", f"/api/v2/tickets/{ticket}.json", "set the priority", json=body)

    def test(self) -> str:
        data = self.get_json("/api/v2/users/me.json", "sign in")
        user: Any = data.get("user") if isinstance(data, dict) else None
        if not isinstance(user, dict) or user.get("id") is None:
            # Zendesk answers an unauthenticated request as the anonymous user, not 401
            raise DeliveryError(
                "sign in: signed in as nobody (anonymous), the helpdesk refused the credentials",
                retry=False,
            )
        return f"signed in as {user.get('name') or '?'} <{user.get('email') or '?'}>" + (
            f" ({user['role']})" if user.get("role") else ""
        )
