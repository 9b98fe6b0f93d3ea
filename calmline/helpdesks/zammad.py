"""Zammad: internal notes, tags and priority through the REST API.

Documentation followed (``docs/helpdesks.md`` has the set-up):

- auth: ``Authorization: Token token=<access token>`` (a token from the agent's profile,
  with the ``ticket.agent`` permission) https://docs.zammad.org/en/latest/api/intro.html
- note: ``POST /api/v1/ticket_articles`` with ``{"ticket_id": …, "body": …,
  "content_type": "text/plain", "type": "note", "internal": true}`` — an internal note, not a
  communication article, so it neither reaches the customer nor touches the SLA clock
  https://docs.zammad.org/en/latest/api/ticket/articles.html
- the note already there? ``GET /api/v1/ticket_articles/by_ticket/{id}``
  https://docs.zammad.org/en/latest/api/ticket/articles.html
- tags: ``POST /api/v1/tags/add`` with ``{"object": "Ticket", "o_id": …, "item": tag}``,
  one call per tag; adding a tag the ticket has changes nothing
  https://docs.zammad.org/en/latest/api/ticket/tags.html
- priority: ``PUT /api/v1/tickets/{id}`` with ``{"priority": "3 high"}``, a priority's
  name; a default Zammad has "1 low", "2 normal" and "3 high", so urgent is "3 high"
  https://docs.zammad.org/en/latest/api/ticket/index.html
  https://docs.zammad.org/en/latest/api/ticket/priorities.html
- test: ``GET /api/v1/users/me`` https://docs.zammad.org/en/latest/api/user.html
"""

from __future__ import annotations

from typing import Any

from calmline.helpdesks.base import (
    Helpdesk,
    Priority,
    WriteBack,
    has_marker,
    note_text,
    ticket_id,
)

PRIORITY: dict[Priority, str] = {
    "urgent": "3 high",
    "high": "3 high",
    "normal": "2 normal",
    "low": "1 low",
}


class Zammad(Helpdesk):
    """One Zammad system (``base_url`` its address), acting as the agent whose access token
    the policy names."""

    name = "zammad"

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Token token={self.conn.secret('token')}"}

    def write_note(self, item: WriteBack, retrying: bool) -> None:
        ticket = ticket_id(item)
        if retrying and item.marker:
            data = self.get_json(
                f"/api/v1/ticket_articles/by_ticket/{ticket}", "read the ticket's articles"
            )
            rows: list[Any] = data if isinstance(data, list) else []
            if has_marker([r.get("body") for r in rows if isinstance(r, dict)], item.marker):
                return
        body = {
            "ticket_id": int(ticket),
            "body": note_text(item),
            "content_type": "text/plain",
            "type": "note",
            "internal": True,
        }
        self.call("POST", "/api/v1/ticket_articles", "write the note", json=body)

    def write_tags(self, item: WriteBack) -> None:
        ticket = ticket_id(item)
        tags, priority = self.changes(item)
        for tag in tags:
            body = {"object": "Ticket", "o_id": int(ticket), "item": tag}
            self.call("POST", "/api/v1/tags/add", f"add tag {tag}", json=body)
        if priority:
            update = {"priority": PRIORITY[priority]}
            self.call("PUT", f"/api/v1/tickets/{ticket}", "set the priority", json=update)

    def test(self) -> str:
        data = self.get_json("/api/v1/users/me", "sign in")
        user: dict[str, Any] = data if isinstance(data, dict) else {}
        name = " ".join(str(user.get(k) or "") for k in ("firstname", "lastname")).strip()
        return f"signed in as {name or '?'} <{user.get('email') or user.get('login') or '?'}>"
