"""Dependencies shared by the routers (``Annotated`` style)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from calmline.protocol.policy import Policy
from calmline.settings import Settings
from calmline.store.db import Store, StoreBusy
from calmline.store.models import User
from calmline.store.tokens import lookup, touch


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_policy(request: Request) -> Policy:
    policy: Policy = request.app.state.policy
    return policy


SettingsDep = Annotated[Settings, Depends(get_settings)]
PolicyDep = Annotated[Policy, Depends(get_policy)]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def current_user(request: Request, store: StoreDep) -> User:
    """The user of the bearer token, found by a read that waits for no writer.

    Endpoints open their transaction inside their own body, in one worker thread: a
    transaction held open by a yield-dependency across threads could wait for a worker
    that is itself waiting for the transaction. The token's last use is written at most
    once a minute, in a transaction of its own that gives up at once when the database is
    busy (an import running): a lost timestamp is better than a request that waits.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    with store.read() as s:
        found = lookup(s, token.strip())
    if found is None:
        raise HTTPException(
            401, "unknown, expired or revoked token", headers={"WWW-Authenticate": "Bearer"}
        )
    if found.stale:
        try:
            with store.session(wait=0.05) as s:
                touch(s, found.token_id)
        except StoreBusy:
            pass
    return found.user


UserDep = Annotated[User, Depends(current_user)]
