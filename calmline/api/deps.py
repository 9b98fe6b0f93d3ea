"""Dependencies shared by the routers (``Annotated`` style)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from calmline.protocol.policy import Policy
from calmline.settings import Settings
from calmline.store.db import Store
from calmline.store.models import User
from calmline.store.users import user_for_token


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
    """The user of the bearer token (a short transaction of its own).

    Endpoints open their transaction inside their own body, in one worker thread: a
    transaction held open by a yield-dependency across threads could wait for a worker
    that is itself waiting for the transaction.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    with store.session() as s:
        user = user_for_token(s, token.strip())
    if user is None:
        raise HTTPException(401, "unknown token", headers={"WWW-Authenticate": "Bearer"})
    return user


UserDep = Annotated[User, Depends(current_user)]
