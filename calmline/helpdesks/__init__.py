"""Helpdesk connections: write-back through the outbox, and the sidebar's origins.

Importing the package registers every helpdesk module (one per helpdesk)."""

from calmline.helpdesks import chatwoot, freshdesk, zammad, zendesk

__all__ = ["chatwoot", "freshdesk", "zammad", "zendesk"]
