"""Chatwoot: private notes, labels and priority through the Application API.

Documentation followed (``docs/helpdesks.md`` has the set-up); every path is under
``/api/v1/accounts/{account}/conversations/{id}``, the account from the policy:

- auth: the header ``api_access_token: <token>`` (an agent's access token, from the
  profile settings) https://developers.chatwoot.com/api-reference/introduction
- note: ``POST …/messages`` with ``{"content": …, "message_type": "outgoing",
  "private": true}`` — a private note, never sent to the contact
  https://developers.chatwoot.com/api-reference/messages/create-new-message
- the note already there? ``GET …/messages`` (the latest messages, in ``payload``)
  https://developers.chatwoot.com/api-reference/messages/get-messages
- labels: ``POST …/labels`` with ``{"labels": [...]}`` *overwrites* the list, so ``GET
  …/labels`` is read first and the union sent
  https://developers.chatwoot.com/api-reference/conversations/add-labels
  https://developers.chatwoot.com/api-reference/conversations/list-labels
- priority: ``POST …/toggle_priority`` with ``{"priority": "urgent|high|medium|low|none"}``
  (calmline's "normal" is Chatwoot's "medium")
  https://developers.chatwoot.com/api-reference/conversations/toggle-priority
- test: ``GET /api/v1/profile`` (the token's user and the accounts it belongs to)
  https://developers.chatwoot.com/api-reference/profile/fetch-user-profile
"""

from __future__ import annotations

from typing import Any

from calmline.helpdesks.base import (
    DeliveryError,
    Helpdesk,
    Priority,
    WriteBack,
    has_marker,
    note_text,
    ticket_id,
)

PRIORITY: dict[Priority, str] = {
    "urgent": "urgent",
    "high": "high",
    "normal": "medium",
    "low": "low",
}


class Chatwoot(Helpdesk):
    """One Chatwoot account (``base_url`` the installation, ``account`` its number), acting
    as the agent whose access token the policy names."""

    name = "chatwoot"

    def auth_headers(self) -> dict[str, str]:
        return {"api_access_token": self.conn.secret("token")}

    def _conversation(self, item: WriteBack) -> str:
        account = (self.conn.account or "").strip()
        if not (account.isascii() and account.isdigit()):
            raise DeliveryError(
                f"helpdesks.chatwoot.account: {account[:40]!r} is not an account number",
                retry=False,
            )
        return f"/api/v1/accounts/{account}/conversations/{ticket_id(item)}"

    def write_note(self, item: WriteBack, retrying: bool) -> None:
        path = self._conversation(item)
        if retrying and item.marker:
            data = self.get_json(f"{path}/messages", "read the conversation's messages")
            rows = data.get("payload") if isinstance(data, dict) else None
            if has_marker(
                [r.get("content") for r in rows or [] if isinstance(r, dict)], item.marker
            ):
                return
        body = {"content": note_text(item), "message_type": "outgoing", "private": True}
        self.call("POST", f"{path}/messages", "write the note", json=body)

    def write_tags(self, item: WriteBack) -> None:
        path = self._conversation(item)
        tags, priority = self.changes(item)
        if tags:
            data = self.get_json(f"{path}/labels", "read the conversation's labels")
            have = data.get("payload") if isinstance(data, dict) else None
            current = [t for t in have or [] if isinstance(t, str)]
            if set(tags) - set(current):
                labels = current + [t for t in tags if t not in current]
                self.call("POST", f"{path}/labels", "add labels", json={"labels": labels})
        if priority:
            body = {"priority": PRIORITY[priority]}
            self.call("POST", f"{path}/toggle_priority", "set the priority", json=body)

    def test(self) -> str:
        data = self.get_json("/api/v1/profile", "sign in")
        user: dict[str, Any] = data if isinstance(data, dict) else {}
        who = f"{user.get('name') or '?'} <{user.get('email') or '?'}>"
        accounts = user.get("accounts")
        ids = {str(a.get("id")) for a in accounts or [] if isinstance(a, dict)}
        if isinstance(accounts, list) and self.conn.account not in ids:
            raise DeliveryError(
                f"sign in: {who} is not a member of account {self.conn.account}"
                " (helpdesks.chatwoot.account)",
                retry=False,
            )
        return f"signed in as {who}, account {self.conn.account}"
