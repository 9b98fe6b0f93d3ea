"""Settings from the environment (``CALMLINE_*``), read when asked for, never at import.

The embedded default needs nothing configured: a SQLite file in ``./calmline-data``. A team
points ``CALMLINE_DATABASE_URL`` at PostgreSQL (``postgresql+psycopg://…``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CALMLINE_", extra="ignore")

    data_dir: Path = Field(default=Path("calmline-data"), description="where SQLite lives")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite")
    policy: Path | None = Field(default=None, description="calmline.toml; default: packaged")
    body_limit: int = Field(default=1_000_000, gt=0, description="largest request body, bytes")
    session_hours: int = Field(default=12, gt=0, le=24 * 30, description="web sign-in lifetime")
    login_attempts: int = Field(
        default=5, gt=0, description="failed sign-ins per name (4x per address) per window"
    )
    login_window: int = Field(default=900, gt=0, description="sign-in rate window, seconds")
    login_backoff_cap: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="longest wait a name's failed sign-ins impose (the back-off doubles to it)",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description=(
            "addresses of reverse proxies whose X-Forwarded-For is believed, JSON list; "
            "none by default, so no client can pose as another address"
        ),
    )
    busy_seconds: float = Field(
        default=8.0,
        ge=0,
        le=120,
        description=(
            "how long a write waits for SQLite's lock (another process, e.g. an import, "
            "holds it) before the request is answered 503 with Retry-After"
        ),
    )
    public_url: str | None = Field(
        default=None,
        description=(
            "calmline's address as the team's browsers reach it (https://calmline.example); "
            "when set, the helpdesk note links to the case's sidebar page"
        ),
    )
    outbox_worker: bool = Field(
        default=True, description="deliver helpdesk write-backs from this server process"
    )
    outbox_parallel: int = Field(
        default=8, gt=0, le=64, description="write-backs delivered at once (different tickets)"
    )
    outbox_poll: float = Field(
        default=1.0, gt=0, le=60, description="seconds between looks for due write-backs"
    )
    webhook_tolerance: int = Field(
        default=300,
        ge=0,
        description="seconds a signed webhook timestamp may differ from now (0: no check)",
    )
    webhook_secrets: dict[str, str] = Field(
        default_factory=dict, description='shared secret per webhook source, JSON: {"zendesk": "…"}'
    )
    embed_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        description=(
            "key that signs the sidebar's short-lived case links; unset: generated once into "
            "<data_dir>/embed-secret (set it when several servers must accept each other's links)"
        ),
    )
    embed_minutes: int = Field(
        default=15, gt=0, le=24 * 60, description="how long a signed sidebar link opens its case"
    )

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'calmline.db').as_posix()}"
