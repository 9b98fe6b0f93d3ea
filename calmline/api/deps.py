"""Dependencies shared by the routers (``Annotated`` style)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

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


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the endpoint returns, else rolled back."""
    store: Store = request.app.state.store
    with store.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]


def current_user(request: Request, s: SessionDep) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    user = user_for_token(s, token.strip())
    if user is None:
        raise HTTPException(401, "unknown token", headers={"WWW-Authenticate": "Bearer"})
    return user


UserDep = Annotated[User, Depends(current_user)]
